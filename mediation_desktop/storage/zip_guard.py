"""Limits on a zip from outside (a bundle, a backup, an .xlsx) checked before :mod:`zipfile` lists it.

``zipfile.ZipFile`` reads the whole central directory into memory and makes an object per entry before
anyone can count them: a file of a few hundred megabytes with millions of entries is minutes and gigabytes.
:func:`check` reads only the end-of-central-directory record (and the zip64 one, where zipfile would look
for it) and refuses a zip whose entry count or central-directory size is over the limit; the file's other
bytes are not read. :func:`check_parts` then bounds the size every member declares (``zipfile`` never
inflates a member past its declared size: it stops there and checks the CRC), so a worksheet or
sharedStrings part that would inflate to gigabytes is refused before openpyxl reads a byte of it.
Standard library only.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path
from typing import BinaryIO

__all__ = ["BACKUP_KEY_FILE", "BACKUP_MANIFEST", "DIRECTORY_ENTRY_MAX", "RATIO", "XLSX_ENTRIES", "XLSX_PART",
           "XLSX_SHARED_STRINGS", "XLSX_TOTAL", "ZipRefused", "check", "check_backup", "check_parts", "check_xlsx",
           "over_ratio", "read_member"]

_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22
_LOCATOR = b"PK\x06\x07"
_LOCATOR_SIZE = 20
_EOCD64 = b"PK\x06\x06"
_EOCD64_SIZE = 56
_MAX_COMMENT = 0xFFFF
#: bytes a central-directory entry may take at most on average (46 fixed, a name, an extra field)
DIRECTORY_ENTRY_MAX = 1024
#: an .xlsx to import (a ledger, a party list): its parts, each part and all of them inflated. A ledger of
#: 100,000 cases is about 100 MB of worksheet XML.
XLSX_ENTRIES = 2_000
XLSX_PART = 256 << 20
XLSX_TOTAL = 512 << 20
#: its shared strings (the text of every cell, each different string once, read whole into a list by openpyxl):
#: a full ledger of 100,000 rows is about 40 MB of text (``sheet_guard.CSV_MAX``), under 90 MB with the tags
#: around each string; 128 MB leaves room, and refuses from its declared size a table of millions of strings
#: (263 MB of ``<si><t>a</t></si>`` took 5 minutes and 1.6 GB to load)
XLSX_SHARED_STRINGS = 128 << 20
#: a backup: the database, the keys and one entry per attachment (names ~80 bytes)
BACKUP_ENTRIES = 500_000
#: a backup's manifest, read into memory and parsed before its signature can be checked. It names every
#: attachment once by its SHA-256 (a line of about 70 bytes in its indented JSON: in the archive, or in the
#: shared store beside it, or missing) and is otherwise a few KB; 80 bytes for each entry an archive may hold
#: (38 MiB) never refuses a backup this program made, and bounds a forged one (a 1 MB zip inflated to 3 GB).
BACKUP_MANIFEST = BACKUP_ENTRIES * 80
#: a key file kept in a backup (a PEM key is a few hundred bytes)
BACKUP_KEY_FILE = 64 << 10
#: how many times a member read into memory may inflate its stored bytes (record JSON deflates 5-10 times, a
#: manifest of digests about twice); a member of at most :data:`SMALL_MEMBER` bytes may inflate more.
RATIO = 200
SMALL_MEMBER = 4096


class ZipRefused(ValueError):
    """A zip over a limit; ``detail`` says which (for the caller's one-line message)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def _tail(fh: BinaryIO) -> tuple[bytes, int]:
    """The last bytes of the file (room for the records and the longest comment) and where they start."""
    fh.seek(0, io.SEEK_END)
    size = fh.tell()
    start = max(0, size - (_EOCD_SIZE + _MAX_COMMENT + _LOCATOR_SIZE + _EOCD64_SIZE))
    fh.seek(start)
    return fh.read(), start


def directory_size(fh: BinaryIO) -> tuple[int, int, int] | None:
    """(entries, central-directory bytes, where the directory starts) as the end records say — those zipfile
    will use — or None when the file has no end record (zipfile then refuses it itself)."""
    tail, tail_start = _tail(fh)
    # zipfile: the record at the very end (no comment), else the last signature within the comment's reach
    if len(tail) >= _EOCD_SIZE and tail[-_EOCD_SIZE:-_EOCD_SIZE + 4] == _EOCD and tail[-2:] == b"\x00\x00":
        at = len(tail) - _EOCD_SIZE
    else:
        at = tail.rfind(_EOCD)
        if at < 0 or len(tail) - at < _EOCD_SIZE:
            return None
    (_, _, _, entries_here, entries, cd_size, _, _) = struct.unpack("<4s4H2LH", tail[at:at + _EOCD_SIZE])
    records = 0
    # zip64: a locator right before the record, and the zip64 record right before the locator (where
    # zipfile reads it); its counts replace the 16- and 32-bit ones
    loc = at - _LOCATOR_SIZE
    if loc >= 0 and tail[loc:loc + 4] == _LOCATOR:
        rec = loc - _EOCD64_SIZE
        if rec >= 0 and tail[rec:rec + 4] == _EOCD64:
            (_, _, _, _, _, _, entries_here, entries, cd_size, _) = struct.unpack("<4sQ2H2L4Q",
                                                                                  tail[rec:rec + _EOCD64_SIZE])
            records = _LOCATOR_SIZE + _EOCD64_SIZE
    # zipfile reads the directory from just before the end records, whatever offset they claim
    return max(entries, entries_here), cd_size, tail_start + at - records - cd_size


def _count_entries(fh: BinaryIO, start: int, size: int, stop_after: int) -> int:
    """The entries of the central directory, walked header by header (names skipped, nothing kept), up to
    ``stop_after``; a header that is not one ends the walk (zipfile refuses such a file itself)."""
    if start < 0:
        return 0
    fh.seek(start)
    count = walked = 0
    while walked + 46 <= size and count <= stop_after:
        head = fh.read(46)
        if len(head) < 46 or head[:4] != b"PK\x01\x02":
            break
        name, extra, comment = struct.unpack("<3H", head[28:34])
        fh.seek(name + extra + comment, io.SEEK_CUR)
        walked += 46 + name + extra + comment
        count += 1
    return count


def _check_open(fh: BinaryIO, max_entries: int, limit: int) -> None:
    found = directory_size(fh)
    if found is None:
        return
    entries, cd_size, start = found
    if entries > max_entries:
        raise ZipRefused(f"{entries} entries > {max_entries}")
    if cd_size > limit:
        raise ZipRefused(f"central directory {cd_size} bytes > {limit}")
    # zipfile lists every header in those bytes, whatever the count says: they are counted too
    if (walked := _count_entries(fh, start, cd_size, max_entries)) > max_entries:
        raise ZipRefused(f"more than {max_entries} entries ({walked} counted)")


def check(source: bytes | Path | BinaryIO, *, max_entries: int,
          max_directory: int | None = None) -> None:
    """Refuse (:class:`ZipRefused`) a zip whose end record counts more than ``max_entries`` entries or a central
    directory larger than ``max_directory`` bytes (default: ``max_entries`` × :data:`DIRECTORY_ENTRY_MAX`), or
    whose directory holds more headers than that (counted without keeping them, stopping at the limit).

    Reads the end records and at most the bounded directory. A file with no end record passes: ``zipfile``
    refuses it itself."""
    limit = max_directory if max_directory is not None else max_entries * DIRECTORY_ENTRY_MAX
    if isinstance(source, bytes | bytearray | memoryview):
        _check_open(io.BytesIO(source), max_entries, limit)
    elif isinstance(source, Path):
        try:
            fh = source.open("rb")
        except OSError:
            return  # the caller's own open says what is wrong
        with fh:
            _check_open(fh, max_entries, limit)
    else:
        pos = source.tell()
        try:
            _check_open(source, max_entries, limit)
        finally:
            source.seek(pos)


def check_parts(zf: zipfile.ZipFile, *, max_part: int, max_total: int) -> None:
    """Refuse a zip one of whose members declares more than ``max_part`` bytes, or all together more than
    ``max_total`` (``zipfile`` reads a member only up to its declared size, so this bounds what inflates)."""
    total = 0
    for info in zf.infolist():
        if info.file_size > max_part:
            raise ZipRefused(f"{info.filename[:80]}: {info.file_size} bytes > {max_part}")
        total += info.file_size
        if total > max_total:
            raise ZipRefused(f"{total} bytes in all > {max_total}")


def over_ratio(info: zipfile.ZipInfo, ratio: int = RATIO) -> bool:
    """Whether a member declares more than ``ratio`` times its stored bytes (a small one never does): the mark
    of a zip bomb, refused before a byte of it is inflated."""
    return info.file_size > SMALL_MEMBER and info.file_size > ratio * max(info.compress_size, 1)


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, *, ratio: int = RATIO) -> bytes:
    """A member read into memory, refused (:class:`ZipRefused`) when it declares more than ``limit`` bytes or
    inflates more than ``ratio`` times, and when it yields more than ``limit`` bytes whatever its header says
    (it is read through a bound of ``limit`` + 1). The zip library's own errors (a bad CRC, a cut stream) pass."""
    name = info.filename[:80]
    if info.file_size > limit:
        raise ZipRefused(f"{name} > {limit}")
    if over_ratio(info, ratio):
        raise ZipRefused(f"{name} ratio")
    with zf.open(info) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise ZipRefused(f"{name} > {limit}")
    return data


def check_xlsx(path: Path) -> None:
    """An .xlsx before openpyxl reads it: few parts, none inflating past :data:`XLSX_PART` (its shared strings
    not past :data:`XLSX_SHARED_STRINGS`), all together not past :data:`XLSX_TOTAL` (:class:`ZipRefused`); a file
    that is no zip is left to openpyxl's own error."""
    check(path, max_entries=XLSX_ENTRIES)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return
    with zf:
        check_parts(zf, max_part=XLSX_PART, max_total=XLSX_TOTAL)
        for info in zf.infolist():  # (by its usual name; under another, sheet_guard's count of its strings bounds it)
            if info.filename.lower().endswith("sharedstrings.xml") and info.file_size > XLSX_SHARED_STRINGS:
                raise ZipRefused(f"{info.filename[:80]}: {info.file_size} bytes > {XLSX_SHARED_STRINGS}")


def check_backup(archive: Path) -> None:
    """A backup archive before zipfile lists it; over the limits it is ``backup.damaged`` (one line)."""
    from mediation_desktop.errors import MediationError

    try:
        check(archive, max_entries=BACKUP_ENTRIES, max_directory=BACKUP_ENTRIES * 256)
    except ZipRefused as exc:
        raise MediationError("backup.damaged", path=str(archive), detail=exc.detail) from None
