"""Backups of the SQLite database: online backup API → temp file → fsync → check → rename."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from mediation_desktop.storage.atomic import fsync_dir


def backup_sqlite(source: Path, backup_dir: Path, *, label: str) -> Path:
    """Copy a live SQLite database consistently into ``backup_dir``; returns the new file.

    The copy is checked (``integrity_check``) before it gets its final name, so a backup that
    exists under its final name is always whole; a crash midway leaves only a ``.partial`` file.
    """
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    final = backup_dir / f"mediation-{stamp}-{label}.sqlite3"
    partial = final.with_suffix(".partial")
    src = sqlite3.connect(source.absolute().as_uri() + "?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            check = dst.execute("PRAGMA integrity_check").fetchone()
            if check is None or check[0] != "ok":
                raise OSError(f"backup failed its integrity check: {check}")
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    with open(partial, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(partial, final)
    fsync_dir(backup_dir)
    return final
