"""CSV files as villages have them: UTF-8 (with or without Excel's byte-order mark) or GB18030, the encoding
Excel in China saves CSV in. Used by the party-list and ledger imports.

A file in neither (one damaged byte is enough) is refused; :func:`bad_line` says on which line the first
byte that neither encoding reads stands (counted in the encoding that read furthest), for the message. Every CSV
the program reads is read by :func:`read_rows`: a cell longer than the ``csv`` module reads (131,072 characters)
is :class:`CellTooBig`, naming its line, never the module's own error."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator

ENCODINGS = ("utf-8-sig", "gb18030")
#: the longest cell the ``csv`` module reads (its ``field_size_limit``): no ledger or list has one near it
CELL_MAX = csv.field_size_limit()


class CellTooBig(ValueError):
    """A CSV whose cell on ``line`` (counting from 1) is longer than :data:`CELL_MAX` characters."""

    def __init__(self, line: int) -> None:
        super().__init__(f"line {line}")
        self.line = line


def read_rows(text: str, delimiter: str = ",") -> Iterator[list[str]]:
    """The rows of a CSV text; :class:`CellTooBig` for a cell past :data:`CELL_MAX` (the ``csv`` module's only
    complaint about a text read with ``newline=""``)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error:
        raise CellTooBig(max(reader.line_num, 1)) from None


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
        return collect(read_rows(text))
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
