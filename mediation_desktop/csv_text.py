"""CSV files as villages have them: UTF-8 (with or without Excel's byte-order mark) or GB18030, the encoding
Excel in China saves CSV in. Used by the party-list and ledger imports.

A file in neither (one damaged byte is enough) is refused; :func:`bad_line` says on which line the first
byte that neither encoding reads stands (counted in the encoding that read furthest), for the message."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable

ENCODINGS = ("utf-8-sig", "gb18030")


def csv_rows(raw: bytes, collect: Callable[[Iterable[list[str]]], list[list[str]]] = list
             ) -> list[list[str]] | None:
    """The rows of a CSV file's bytes; None if they are in neither encoding (see :func:`bad_line`). ``collect``
    gathers the rows as they are read (``storage.sheet_guard.bounded_rows`` stops at the import limits)."""
    for encoding in ENCODINGS:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        # (not ``splitlines``: it also ends a line at U+2028, U+0085, FS/GS/RS …, which a cell may hold and the
        # text rule then refuses; and a quoted cell may hold line breaks)
        return collect(csv.reader(io.StringIO(text, newline="")))
    return None


def bad_line(raw: bytes) -> int:
    """The line (counting from 1) of the first byte the file's encoding cannot read: the encoding that reads
    furthest is taken to be the file's (a GB18030 file with one bad byte fails in UTF-8 at its first Chinese
    character, and in GB18030 only at the bad byte)."""
    furthest = 0
    for encoding in ENCODINGS:
        try:
            raw.decode(encoding)
        except UnicodeDecodeError as exc:
            furthest = max(furthest, exc.start)
        else:
            return 0
    return raw.count(b"\n", 0, furthest) + 1
