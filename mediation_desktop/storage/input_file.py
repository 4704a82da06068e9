"""A file the user names to be read (a bundle, a receipt, a backup, a key file, a ledger, a list of parties, an
attachment), checked before it is opened.

Every such file comes from outside: a command-line argument or a file dialog. :func:`regular_size` stats it
first (symbolic links followed) and refuses, with one line naming what stands there, a folder, a device, a
named pipe or a socket: a pipe is never opened (opening one waits for a writer that never comes) and a device
never read (``/dev/zero`` never ends). :func:`read_input` then reads at most the limit and one byte more, so a
file that grows past its size, or lies about it, is refused there too, never read whole. Standard library only.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any, BinaryIO

from mediation_desktop.errors import MediationError

__all__ = ["open_input", "read_input", "regular_size"]

#: how a reader opens a checked file: never waiting on a pipe put there since it was checked, never text
_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)


def regular_size(path: Path, *, missing: str = "file.not_found", folder: str = "file.is_folder",
                 shown: str | None = None) -> int:
    """The size of ``path`` if it is a regular file (or a symbolic link to one), found without opening it.

    A path that is not there is ``missing`` (a message key taking ``{path}``), a folder ``folder``, anything else
    that is not a regular file ``file.not_regular``; ``shown`` is how the message names the file (default: the
    path as given). Another reason the system gives (no permission) is its own :class:`OSError`."""
    said = str(path) if shown is None else shown
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise MediationError(missing, path=said) from None
    except ValueError:  # a NUL in the name: no file has it
        raise MediationError(missing, path=said) from None
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.ELOOP):
            raise MediationError(missing, path=said) from None
        raise
    if stat.S_ISDIR(st.st_mode):
        raise MediationError(folder, path=said)
    if not stat.S_ISREG(st.st_mode):
        raise MediationError("file.not_regular", path=said)
    return st.st_size


def open_input(path: Path, *, missing: str = "file.not_found", folder: str = "file.is_folder",
               shown: str | None = None) -> BinaryIO:
    """``path`` opened for reading after :func:`regular_size` let it through, and checked again once open (a
    pipe put in its place meanwhile is opened without waiting, then refused)."""
    regular_size(path, missing=missing, folder=folder, shown=shown)
    fd = os.open(path, _FLAGS)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise MediationError("file.not_regular", path=str(path) if shown is None else shown)
        if _FLAGS & getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _over(size: int, limit: int) -> str:
    """The detail of a file over its limit, in the unit the limit is counted in."""
    if limit >= 1 << 20:
        return f"{size >> 20} MB > {limit >> 20} MB"
    return f"{size} bytes > {limit}"


def read_input(path: Path, limit: int, *, too_big: str, missing: str = "file.not_found",
               folder: str = "file.is_folder", shown: str | None = None, **params: Any) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them: a larger one is ``too_big`` (a message
    key taking ``{path}`` and ``{detail}``, and ``params``), found from its size before it is opened and from what
    is read (never more than ``limit`` + 1 bytes)."""
    said = str(path) if shown is None else shown
    size = regular_size(path, missing=missing, folder=folder, shown=shown)
    if size > limit:
        raise MediationError(too_big, path=said, detail=_over(size, limit), **params)
    parts: list[bytes] = []
    got = 0
    with open_input(path, missing=missing, folder=folder, shown=shown) as fh:
        want = size + 1  # (one read of the size it has; a file grown since is read on, a chunk at a time)
        while got <= limit and (chunk := fh.read(min(want, limit + 1 - got))):
            parts.append(chunk)
            got += len(chunk)
            want = 1 << 20
    if got > limit:
        raise MediationError(too_big, path=said, detail=_over(got, limit), **params)
    return parts[0] if len(parts) == 1 else b"".join(parts)
