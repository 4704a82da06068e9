"""Writing a file so that a power cut leaves the old file or the new one, never half of one."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import time
from pathlib import Path

from mediation_desktop.errors import MediationError

# Windows refuses to replace a file another program holds open (a PDF viewer, Excel); virus scanners and
# the search indexer hold new files for a moment too, so the rename is tried a few times first.
_REPLACE_TRIES, _REPLACE_PAUSE = 10, 0.1


def refuse_not_file(path: Path) -> None:
    """A file to be written where something other than a regular file stands (symbolic links followed), refused
    before anything is written: a folder with the same error on every system (POSIX refuses only the final rename,
    as "Is a directory"; Windows as "access denied"), a device, a pipe or a socket as ``file.not_regular_out`` (the
    rename would put a file in its place: as root, ``/dev/full`` became one). Nothing there passes."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return  # nothing there (a dangling link: its target is written): the write itself says what is wrong
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if not stat.S_ISREG(mode):
        raise MediationError("file.not_regular_out", path=str(path))


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder: temp → fsync → rename,
    then fsync the folder so the rename itself survives (where the platform allows it). A symbolic link is
    written through; anything but a regular file at ``path`` is refused first (:func:`refuse_not_file`)."""
    path = path.resolve()
    refuse_not_file(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        _replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def _replace(tmp: str, path: Path) -> None:
    for attempt in range(_REPLACE_TRIES):
        try:
            os.replace(tmp, path)
            return
        except PermissionError as exc:  # Windows: the target is open elsewhere (POSIX never refuses this)
            if os.name != "nt" or not path.is_file():
                raise
            if attempt == _REPLACE_TRIES - 1:
                raise MediationError("storage.file_in_use", path=str(path)) from exc
            time.sleep(_REPLACE_PAUSE)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; elsewhere the file system does not offer it)."""
    if os.name != "posix":
        return
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def fsync_file(path: Path) -> None:
    """Make a file's content durable (it is opened again for this: the writer may have closed it)."""
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())
