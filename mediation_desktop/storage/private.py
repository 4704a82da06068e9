"""Owner-only files and folders in the data folder (POSIX modes 0600 and 0700, whatever the umask).

Everything the program writes into the data folder goes through here or through ``atomic`` (whose
``mkstemp`` makes owner-only files): the database (SQLite gives its ``-wal``/``-shm``/``-journal`` files the
mode of the database file itself), backups and their ``.partial`` files, the rotation's shared attachment
store, keys, drafts and logs. ``secure_tree`` puts right what an older version left readable by others.
On Windows ``chmod`` only toggles the read-only flag: there the user's profile folder's ACL is what keeps
others out, and these functions leave modes alone.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

FILE_MODE = 0o600
DIR_MODE = 0o700
POSIX = os.name == "posix"


def private_dir(folder: Path) -> Path:
    """Create ``folder`` (and missing parents) owner-only; an existing one loses group and other permissions
    (and gains none: a folder the user made read-only stays read-only)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    try:
        folder.mkdir(mode=DIR_MODE)
    except FileExistsError:
        if POSIX and folder.is_dir() and not folder.is_symlink():
            try:
                _take_away_others(str(folder))
            except OSError:
                pass
        return folder
    if POSIX:
        os.chmod(folder, DIR_MODE)  # mkdir's mode is filtered by the umask
    return folder


def make_private(path: Path) -> None:
    if POSIX:
        os.chmod(path, DIR_MODE if path.is_dir() else FILE_MODE)


def create_private(path: Path, *, append: bool = False) -> BinaryIO:
    """Open ``path`` for writing (created owner-only; an existing file is made owner-only too)."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, FILE_MODE)
    try:
        if POSIX:
            os.fchmod(fd, FILE_MODE)
        return os.fdopen(fd, "ab" if append else "wb")
    except BaseException:
        os.close(fd)
        raise


def touch_private(path: Path) -> None:
    """Make sure ``path`` exists and is owner-only (before SQLite opens it, so its journals inherit the mode)."""
    create_private(path, append=True).close()


def restrict_umask() -> None:
    """New files and folders owner-only by default (the entry points call this once): the last line of
    defence for a writer that names no mode, such as a pg_dump or SQLite's own temporary files."""
    if POSIX:
        os.umask(0o077)


def _take_away_others(path: str) -> None:
    """Remove group and other permissions; never add any (a folder the user made read-only stays so)."""
    mode = stat.S_IMODE(os.lstat(path).st_mode)
    if mode & 0o077:
        os.chmod(path, mode & ~0o077)


def secure_tree(root: Path) -> None:
    """Take group and other permissions away from the data folder and everything below it (files an older
    version wrote 0644). Symbolic links are left alone (never followed out of the folder). Errors are
    ignored: a file that cannot be changed is no reason not to start."""
    if not POSIX or not root.is_dir():
        return
    try:
        _take_away_others(str(root))
    except OSError:
        return
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            try:
                if not os.path.islink(path):
                    _take_away_others(path)
            except OSError:
                pass
