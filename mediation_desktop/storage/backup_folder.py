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

from mediation_desktop.domain.china_time import CHINA, in_china
from mediation_desktop.errors import MediationError
from mediation_desktop.storage.backup_format import PARTIAL_SUFFIX, safe_key_name
from mediation_desktop.storage.private import private_dir

__all__ = ["CHINA_MARK", "archive_stamp", "archive_time", "folder_keys", "folder_lock", "named_in_china",
           "remove_partials"]


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


CHINA_MARK = "+0800"
"""Ends the time in an archive's name written on China's clock (``…-20260310-150000+0800.zip``). Older versions
named archives on the computer's own clock, whatever its zone, without it: the mark tells the two apart."""
_STAMP = re.compile(r"(\d{8}-\d{6})(" + re.escape(CHINA_MARK) + ")?")


def archive_stamp(moment: dt.datetime) -> str:
    """The time in a new archive's name: China's wall clock and its mark, whatever the computer's zone (a naive
    ``moment`` is read on the computer's clock)."""
    return f"{in_china(moment):%Y%m%d-%H%M%S}{CHINA_MARK}"


def named_in_china(path: Path) -> bool:
    """Whether an archive's name carries its time on China's clock (this version's names)."""
    m = _STAMP.search(path.name)
    return m is not None and m.group(2) is not None


def archive_time(path: Path) -> dt.datetime | None:
    """When an archive was made, from its name (``…-YYYYmmdd-HHMMSS[+0800]….zip``), as an aware time on China's
    clock. A name without the mark (an older version's) was written on the computer's clock: it is read on this
    computer's clock, right as long as its zone has not changed since (``services.backups.made_at`` asks the
    archive itself instead)."""
    m = _STAMP.search(path.name)
    if not m:
        return None
    try:
        named = dt.datetime.strptime(m.group(1), "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    if m.group(2) is not None:
        return named.replace(tzinfo=CHINA)
    try:
        return in_china(named)  # (a naive time: the computer's clock)
    except (OverflowError, OSError, ValueError):  # (year 1 or 9999 on some platforms)
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
