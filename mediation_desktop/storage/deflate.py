"""Deflate for zip members (sync bundles, backups): Intel's ISA-L (the ``isal`` package) where it is
installed, zlib otherwise.

Both write and read the same raw deflate streams, so a file made with one opens with the other and with any
zip tool. ISA-L's fastest level compresses record JSON about four times faster than zlib's fastest and a
little smaller, and inflates it about half again as fast: at 100,000 cases, compressing was the longest step
of an export, and a large share of a backup.

:mod:`zipfile` has no public way to choose the compressor of a member, so :func:`writing` and :func:`reading`
replace the one it made when the member was opened, before any byte went through it. If a later Python
renames that attribute, they leave zipfile's own zlib in place (same bytes, slower);
``tests/storage/test_deflate.py`` notices. ``isal`` is a dependency of the project; the fallback is for a
platform without its wheel.
"""

from __future__ import annotations

import zipfile
import zlib
from typing import IO, Any, cast

try:  # pragma: no branch - which one depends on the machine
    from isal import isal_zlib as _fast
except ImportError:  # a platform without an isal wheel
    _fast = None  # type: ignore[assignment]

LEVEL = 1  # the fastest level of either: record JSON still shrinks about five times
RAW = -15  # a raw deflate stream, as zip members hold it
ENGINE = "isal" if _fast is not None else "zlib"
# what a damaged deflate stream raises, whichever engine reads it (ISA-L's error is not zlib's)
ERRORS: tuple[type[Exception], ...] = (zlib.error, *((cast(type[Exception], _fast.error),) if _fast else ()))


def compressor() -> Any:
    if _fast is not None:
        return _fast.compressobj(LEVEL, _fast.DEFLATED, RAW)
    return zlib.compressobj(LEVEL, zlib.DEFLATED, RAW)


def decompressor() -> Any:
    return _fast.decompressobj(RAW) if _fast is not None else zlib.decompressobj(RAW)


def writing(zf: zipfile.ZipFile, info: zipfile.ZipInfo, size: int) -> IO[bytes]:
    """Open a member of ``size`` bytes for writing; a deflated one goes through the fast compressor."""
    info.file_size = size  # as writestr() does: zipfile decides from it whether the member needs zip64
    dest = zf.open(info, "w")
    if info.compress_type == zipfile.ZIP_DEFLATED and hasattr(dest, "_compressor"):
        dest._compressor = compressor()
    return dest


def reading(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> IO[bytes]:
    """Open a member for reading; a deflated one goes through the fast decompressor (zipfile still checks
    its CRC-32 and its size)."""
    src = zf.open(info)
    if info.compress_type == zipfile.ZIP_DEFLATED and hasattr(src, "_decompressor"):
        src._decompressor = decompressor()
    return src
