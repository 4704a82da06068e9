"""File names for bundles carried on a USB stick: by unit and date, safe on FAT32 and NTFS.

Several villages' bundles travel on one stick to the township: ``石桥村-2026-12-05.zip`` and
``河口村-2026-12-05.zip`` never overwrite each other (a second one of the same day gets ``-2``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

# what a committee's name ends with, left out of the short name (石桥村人民调解委员会 → 石桥村)
_SUFFIXES = ("人民调解委员会", "调解委员会", "调委会")
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')  # not allowed in a FAT or NTFS file name
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
MAX_STEM = 60  # characters: FAT long names allow 255, leave room for a folder path


def safe_name(text: str) -> str:
    """``text`` as a file name part: no characters FAT/NTFS refuse, no trailing dot or space, never a device
    name (CON, LPT1 …), never empty."""
    name = _UNSAFE.sub("_", unicodedata.normalize("NFC", text)).strip().rstrip(". ")
    name = re.sub(r"\s+", " ", name)[:MAX_STEM].rstrip(". ")
    if not name or name.split(".")[0].upper() in _RESERVED:
        name = f"_{name}"
    return name


_NOT_IN_A_NAME = re.compile(r'[/\\:\x00-\x1f\x7f]')  # a folder, a drive or a stream, a control character
MAX_NAME = 255


def is_plain_file_name(name: str) -> bool:
    """A name with no folder in it on any system (no ``/`` or ``\\``, no drive ``C:``, not ``.`` or ``..``): what
    an attachment's name may be when it comes from another installation, since it is offered as the name to save
    it under."""
    return 0 < len(name) <= MAX_NAME and name not in (".", "..") and _NOT_IN_A_NAME.search(name) is None


def plain_file_name(name: str) -> str:
    """``name`` made plain (``is_plain_file_name``): what would make a folder or drive replaced by ``_``."""
    plain = _NOT_IN_A_NAME.sub("_", name)[:MAX_NAME]
    return plain if is_plain_file_name(plain) else f"_{plain}"[:MAX_NAME]


def save_name(suggested: str) -> str:
    """The name a save dialog proposes for ``suggested`` (an attachment's or a document's name): its last part
    only, safe on FAT and NTFS (``safe_name`` keeps the extension)."""
    last = re.split(r"[/\\]", suggested)[-1]
    stem, dot, ext = last.rpartition(".")
    if dot and stem and 0 < len(ext) <= 8 and ext.isalnum():
        return f"{safe_name(stem)}.{ext}"
    return safe_name(last)


def unit_short_name(org_name: str) -> str:
    name = org_name.strip()
    for suffix in _SUFFIXES:
        if name.endswith(suffix):
            short = name[: -len(suffix)]
            return short if short.strip("人民") else name  # (a name that is only the suffix stays whole)
    return name


def bundle_file_name(org_name: str, day: dt.date) -> str:
    return f"{safe_name(unit_short_name(org_name))}-{day.isoformat()}.zip"


def free_path(folder: Path, file_name: str) -> Path:
    """``folder/file_name``, or ``…-2.zip``, ``…-3.zip`` if that file is already there."""
    path = folder / file_name
    stem, suffix = path.stem, path.suffix
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}{suffix}"
        n += 1
    return path
