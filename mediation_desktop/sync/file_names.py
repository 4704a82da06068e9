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
