"""A backup folder's housekeeping (see ``storage.backup``): its lock, the leftovers of killed backups, the
times in its archives' names, and the key files of a data folder."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mediation_desktop.errors import MediationError
from mediation_desktop.storage.backup_format import PARTIAL_SUFFIX, safe_key_name
from mediation_desktop.storage.private import private_dir

__all__ = ["archive_time", "folder_keys", "folder_lock", "remove_partials"]


def folder_keys(folder: Path) -> dict[str, bytes]:
    """The key files of a data folder's ``keys/`` (plain files with safe names only)."""
    if not folder.is_dir():
        return {}
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.is_file() and not p.is_symlink() and safe_key_name(p.name)}


def remove_partials(folder: Path) -> int:
    """Delete leftovers of killed backups (``.*.partial`` / ``.*.tmp``); call only under the folder's lock."""
    removed = 0
    if not folder.is_dir():
        return 0
    for pattern in ("**/*" + PARTIAL_SUFFIX, "**/.*.tmp", "**/.*.tmp-journal", "**/.*.tmp-wal", "**/.*.tmp-shm"):
        for path in folder.glob(pattern):
            if path.is_file():
                path.unlink(missing_ok=True)
                removed += 1
    return removed


_STAMP = re.compile(r"(\d{8}-\d{6})")


def archive_time(path: Path) -> dt.datetime | None:
    """The local time an archive was made, from its name (``…-YYYYmmdd-HHMMSS….zip``)."""
    m = _STAMP.search(path.name)
    if not m:
        return None
    try:
        return dt.datetime.strptime(m.group(1), "%Y%m%d-%H%M%S")
    except ValueError:
        return None


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive, non-blocking lock on a backup folder (released by the OS if the process dies). A folder that
    does not exist yet is made owner-only; one that does (the user's second backup folder: their documents, a
    shared drive) keeps its permissions — the backups written into it are owner-only themselves."""
    if not folder.is_dir():
        private_dir(folder)
    fd = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        _lock(fd)
    except OSError:
        os.close(fd)
        raise MediationError("backup.busy") from None
    try:
        yield
    finally:
        _unlock(fd)
        os.close(fd)


def _lock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock(fd: int) -> None:
    """Windows wants byte-range locks undone before the file is closed; flock goes with the descriptor."""
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
