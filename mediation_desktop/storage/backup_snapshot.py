"""The database side of a backup: a consistent, checked snapshot of the live SQLite database (the bare copy
made before a schema upgrade, and the one an archive holds), and what a snapshot holds, read from itself."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mediation_desktop.storage.atomic import fsync_dir, fsync_file
from mediation_desktop.storage.backup_format import PARTIAL_SUFFIX, starts_with
from mediation_desktop.storage.private import create_private, private_dir

__all__ = ["SQLITE_MAGIC", "Snapshot", "backup_sqlite", "database_problems", "is_sqlite_file", "read_snapshot",
           "remove_sqlite_file", "snapshot_sqlite"]

SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Snapshot:
    """What a database snapshot holds, read from the snapshot itself (not from the live database)."""

    revision: str | None
    installation_id: str | None
    org_code: str | None
    org_name: str | None
    counts: dict[str, int]
    audit_seq: int
    audit_hash: str | None
    change_seq: int
    attachments: list[tuple[str, bool]]  # (sha256, still current i.e. not a tombstone)


def _read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to a database file (it is never created, nor written)."""
    return sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True)


def snapshot_sqlite(source: Path, target: Path) -> None:
    """Copy a live SQLite database consistently to ``target`` (online backup API, one step, so a reader
    snapshot), check it, switch it out of WAL mode (one self-contained file) and fsync it."""
    src = _read_only(source)
    try:
        create_private(target).close()  # owner-only before SQLite writes a byte into it
        dst = sqlite3.connect(target)
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
    fsync_file(target)


def remove_sqlite_file(path: Path) -> None:
    """Delete a temporary database file and whatever journal SQLite left beside it (a write that failed
    midway, on a full disk, leaves ``-journal``)."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def backup_sqlite(source: Path, backup_dir: Path, *, label: str) -> Path:
    """Copy a live SQLite database consistently into ``backup_dir``; returns the new file.

    The copy is checked (``integrity_check``) before it gets its final name, so a backup that
    exists under its final name is always whole; a crash midway leaves only a ``.partial`` file.
    """
    private_dir(backup_dir)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    final = backup_dir / f"mediation-{stamp}-{label}.sqlite3"
    partial = final.with_suffix(PARTIAL_SUFFIX)
    snapshot_sqlite(source, partial)
    os.replace(partial, final)
    fsync_dir(backup_dir)
    return final


def read_snapshot(path: Path) -> Snapshot:
    """Identity, counts and attachment list of a (snapshot) database file, read-only."""
    con = _read_only(path)
    try:
        tables = [r[0] for r in con.execute(  # (not the full-text index's virtual tables: they cannot be
            # scanned; their rows live in ordinary shadow tables, which are counted)
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")]
        counts = {t: int(con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables}

        def one(sql: str) -> Any:
            try:
                return con.execute(sql).fetchone()
            except sqlite3.Error:
                return None

        rev = one("SELECT version_num FROM alembic_version")
        inst = one("SELECT id, org_code, org_name FROM installation LIMIT 1")
        head = one("SELECT last_seq, last_hash FROM audit_head WHERE id = 1")
        change = one("SELECT last_seq FROM change_counter WHERE id = 1")
        attachments: list[tuple[str, bool]] = []
        if "attachment" in tables:
            attachments = [(str(sha), deleted is None) for sha, deleted in
                           con.execute("SELECT sha256, deleted_at FROM attachment")]
    finally:
        con.close()
    return Snapshot(
        revision=rev[0] if rev else None,
        installation_id=str(inst[0]) if inst else None,
        org_code=inst[1] if inst else None,
        org_name=inst[2] if inst else None,
        counts=counts,
        audit_seq=int(head[0]) if head else 0,
        audit_hash=head[1] if head else None,
        change_seq=int(change[0]) if change else 0,
        attachments=attachments,
    )


def database_problems(path: Path) -> list[str]:
    """``integrity_check`` and ``foreign_key_check`` of a database file; empty means sound."""
    try:
        con = _read_only(path)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        problems = [r[0] for r in con.execute("PRAGMA integrity_check")]
        if problems == ["ok"]:
            problems = []
        problems += [f"foreign key: {r[0]} row {r[1]} → {r[2]}" for r in con.execute("PRAGMA foreign_key_check")]
        return problems[:10]
    except sqlite3.Error as exc:
        return [str(exc)]
    finally:
        con.close()


def is_sqlite_file(path: Path) -> bool:
    return starts_with(path, SQLITE_MAGIC)
