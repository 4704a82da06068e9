"""Bounds on a spreadsheet from outside (a ledger, a party list) checked before it is loaded.

A worksheet's XML is small next to what a reader makes of it: openpyxl keeps an object per cell (about 14
times the XML), and ``iter_rows`` fills the whole rectangle up to the farthest cell, so one cell at
``XFD1048576`` is seventeen billion empty ones, and one merged range over the sheet is as many again.
:func:`check_xlsx` streams every XML part of the zip once through expat (nothing kept; the same parser
openpyxl uses) and counts rows and cells, the rectangle their ``r`` references span and the area of every
merged range, stopping at the first limit passed; ``<dimension ref=…>`` is read as an early refusal only,
never trusted to let a file through. Its first, quick pass also counts the shared strings (``<si>``, in whatever
part holds them): no more than the cells that show them. :func:`check_xls_sheet` does the same for a legacy
sheet xlrd has opened on demand. Over a limit is :class:`SheetTooBig`. Standard library only.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from xml.parsers import expat

__all__ = ["CSV_MAX", "MAX_CELLS", "MAX_ROWS", "SheetTooBig", "bounded_rows", "check_xls_sheet", "check_xlsx"]

#: rows and cells of one imported spreadsheet: a township's ledger is a few thousand rows of 27 columns, so
#: 100,000 rows and 2,000,000 cells (74,000 rows of the full ledger export) leave room to spare while keeping
#: a load within about a gigabyte and a minute.
MAX_ROWS = 100_000
MAX_CELLS = 2_000_000
#: shared strings an .xlsx may hold beyond its cells (strings of deleted cells a writer kept)
STRINGS_SPARE = 10_000
#: bytes of a CSV import, read whole and decoded before its rows are counted (a full ledger of 100,000 rows
#: is about 40 MB)
CSV_MAX = 64 << 20

_MAIN = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main")
_SEP = "\x01"
_REF = re.compile(r"\$?([A-Za-z]*)\$?(\d*)")
_CHUNK = 1 << 16


class SheetTooBig(ValueError):
    """A spreadsheet over :data:`MAX_ROWS` or :data:`MAX_CELLS`; ``detail`` says what was counted."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def _ref(text: str) -> tuple[int, int]:
    """(row, column) of a reference like ``AB12`` (0 where a part is missing or unreadable)."""
    if len(text) > 40:
        raise SheetTooBig(f"cell reference {text[:20]}… too long")
    m = _REF.fullmatch(text.strip())
    if m is None:
        return 0, 0
    col = 0
    for ch in (m[1] or "").upper():
        col = col * 26 + ord(ch) - 64
    return int(m[2] or 0), col


def _area(ref: str) -> tuple[int, int, int]:
    """(last row, last column, cells) of a range like ``A1:C3`` (a single cell is an area of one)."""
    first, _, last = ref.partition(":")
    r0, c0 = _ref(first)
    r1, c1 = _ref(last) if last else (r0, c0)
    r0, r1 = sorted((r0, r1))
    c0, c1 = sorted((c0, c1))
    return r1, c1, (r1 - r0 + 1) * (c1 - c0 + 1)


_CELL = tuple(f"{ns}{_SEP}c" for ns in _MAIN)
_ROW = tuple(f"{ns}{_SEP}row" for ns in _MAIN)
_MERGE = tuple(f"{ns}{_SEP}mergeCell" for ns in _MAIN)
_DIMENSION = tuple(f"{ns}{_SEP}dimension" for ns in _MAIN)
_DIGITS = "0123456789"
_COLUMNS: dict[str, int] = {}  # column letters seen → number (at most the 18,278 of one to three letters)


def _cell_ref(ref: str) -> tuple[int, int]:
    """:func:`_ref` for the common ``AB12`` quickly (once per cell: millions of times in a refused file)."""
    letters = ref.rstrip(_DIGITS)
    col = _COLUMNS.get(letters)
    if col is None or len(ref) > 12:
        row, col = _ref(ref)
        if len(letters) <= 3 and letters.isalpha() and letters.isupper():
            _COLUMNS[letters] = col
        return row, col
    digits = ref[len(letters):]
    return (int(digits) if digits else 0), col


class _Count:
    """What the worksheets hold, checked as they stream past: cells and merged cells of all of them
    together (openpyxl loads every sheet), rows and the spanned rectangle of each."""

    def __init__(self, max_rows: int, max_cells: int) -> None:
        self.max_rows, self.max_cells = max_rows, max_cells
        self.cells = self.merged = self.strings = 0
        self.next_part()

    def next_part(self) -> None:
        self.rows = self.row = self.col = self.last_row = self.last_col = 0

    def _check(self) -> None:
        if self.rows > self.max_rows or self.last_row > self.max_rows:
            raise SheetTooBig(f"{max(self.rows, self.last_row)} rows > {self.max_rows}")
        if self.cells > self.max_cells:
            raise SheetTooBig(f"{self.cells} cells > {self.max_cells}")
        if self.last_row * self.last_col > self.max_cells:
            raise SheetTooBig(f"{self.last_row} rows × {self.last_col} columns > {self.max_cells} cells")
        if self.merged > self.max_cells:
            raise SheetTooBig(f"{self.merged} merged cells > {self.max_cells}")
        if self.strings > self.max_cells:
            raise SheetTooBig(f"{self.strings} shared strings > {self.max_cells}")

    def check_strings(self) -> None:
        """The workbook's shared strings, all parts counted: each is the text of a cell, so there are no more
        of them than cells (and a few a writer left behind). More is a table made to be loaded, not read: openpyxl
        makes a string of every one before it reads a cell (16 million of them took 5 minutes and 1.6 GB)."""
        if self.strings > self.cells + STRINGS_SPARE:
            raise SheetTooBig(f"{self.strings} shared strings > {self.cells} cells")

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name in _CELL:  # (first and lean: a refused file has millions)
            self.cells += 1
            ref = attrs.get("r")
            if ref:  # openpyxl places a cell by its own reference
                row, col = _cell_ref(ref)
                self.col = col if col else self.col + 1
                row = row or self.row
            else:
                self.col += 1
                row = self.row
            if self.col > self.last_col or row > self.last_row or self.cells > self.max_cells:
                self.last_col, self.last_row = max(self.last_col, self.col), max(self.last_row, row)
                self._check()
            return
        if name in _ROW:
            self.rows += 1
            try:
                given = int(attrs.get("r", ""))
            except ValueError:
                given = 0
            self.row = given if given > 0 else self.row + 1
            self.col = 0
            self.last_row = max(self.last_row, self.row)
        elif name in _MERGE:
            row, col, area = _area(attrs.get("ref", ""))
            self.merged += area
            self.last_row, self.last_col = max(self.last_row, row), max(self.last_col, col)
        elif name in _DIMENSION:  # an early refusal only: a small claim lets nothing through
            row, col, area = _area(attrs.get("ref", ""))
            if row > self.max_rows or area > self.max_cells:
                raise SheetTooBig(f"dimension {attrs.get('ref', '')[:40]} > {self.max_rows} rows, "
                                  f"{self.max_cells} cells")
            return
        else:
            return
        self._check()


_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,31}:)?(c|row|si)[\s/>]")


def _tally(stream: Any, count: _Count) -> None:
    """A first, quick pass: cell and row tags counted in the raw bytes (at the speed of a regular expression,
    a tag split between two reads counted once), stopping past a limit. It may count a tag in a comment too,
    never fewer than there are; :func:`_scan` then checks what only a parser sees."""
    carry = b""
    while chunk := stream.read(_CHUNK):
        data = carry + chunk
        end = data.rfind(b"<")
        if end < 0 or len(data) - end > 64:  # (a tag is decided within its first 40 bytes)
            end = len(data)
        found = _TAG.findall(data, 0, end)
        carry = data[end:]
        count.cells += found.count(b"c")
        count.rows += found.count(b"row")
        count.strings += found.count(b"si")
        count._check()
    found = _TAG.findall(carry + b" ")
    count.cells += found.count(b"c")
    count.rows += found.count(b"row")
    count.strings += found.count(b"si")
    count._check()


def _scan(stream: Any, count: _Count) -> None:
    parser = expat.ParserCreate(namespace_separator=_SEP)
    parser.buffer_text = True
    parser.StartElementHandler = count.start
    first = True
    while chunk := stream.read(_CHUNK):
        if first and not chunk.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").startswith((b"<", b"\x00<")):
            return  # not XML (an image, a binary part): openpyxl does not parse it either
        first = False
        try:
            parser.Parse(chunk, False)
        except expat.ExpatError:
            return  # malformed: openpyxl's parser (expat too) stops here as well, with its own error
    try:
        parser.Parse(b"", True)
    except expat.ExpatError:
        return


def check_xlsx(path: Path, *, max_rows: int | None = None, max_cells: int | None = None) -> None:
    """Refuse (:class:`SheetTooBig`) an .xlsx one of whose worksheets has more than ``max_rows`` rows or
    ``max_cells`` cells (counted, or spanned by its cell references, or merged), before any reader loads it.
    Every part is streamed twice, nothing kept (a worksheet may sit under any name): first counted quickly,
    then parsed, each pass stopping at the first limit passed; call it after
    :func:`zip_guard.check_xlsx`, which bounds what the parts inflate to. A file that is no zip passes."""
    rows = MAX_ROWS if max_rows is None else max_rows
    cells = MAX_CELLS if max_cells is None else max_cells
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return
    with zf:
        members = [info for info in zf.infolist() if not info.is_dir()]
        for check, count in ((_tally, _Count(rows, cells)), (_scan, _Count(rows, cells))):
            for info in members:  # (the cells of all parts together, the rows of each)
                count.next_part()
                try:
                    with zf.open(info) as stream:
                        check(stream, count)
                except SheetTooBig:
                    raise
                except Exception:  # a damaged or encrypted member: the reader says so itself
                    continue
            if check is _tally:  # (every part counted quickly: the strings against the cells)
                count.check_strings()


def check_xls_sheet(sheet: Any, *, max_rows: int | None = None, max_cells: int | None = None) -> None:
    """Refuse a legacy sheet (xlrd, opened on demand) larger than the limits, before its cells are read:
    its rows × columns, and the area of its merged ranges."""
    rows = MAX_ROWS if max_rows is None else max_rows
    cells = MAX_CELLS if max_cells is None else max_cells
    nrows, ncols = int(sheet.nrows), int(sheet.ncols)
    if nrows > rows:
        raise SheetTooBig(f"{nrows} rows > {rows}")
    if nrows * ncols > cells:
        raise SheetTooBig(f"{nrows} rows × {ncols} columns > {cells} cells")
    merged = sum((r1 - r0) * (c1 - c0) for r0, r1, c0, c1 in getattr(sheet, "merged_cells", ()))
    if merged > cells:
        raise SheetTooBig(f"{merged} merged cells > {cells}")


def bounded_rows(rows: Iterable[list[str]], *, max_rows: int | None = None,
                 max_cells: int | None = None) -> list[list[str]]:
    """The rows (of a CSV reader) gathered, refused (:class:`SheetTooBig`) as soon as they pass the limits."""
    limit_rows = MAX_ROWS if max_rows is None else max_rows
    limit_cells = MAX_CELLS if max_cells is None else max_cells
    out: list[list[str]] = []
    cells = 0
    for row in rows:
        cells += len(row)
        out.append(row)
        if len(out) > limit_rows:
            raise SheetTooBig(f"{len(out)} rows > {limit_rows}")
        if cells > limit_cells:
            raise SheetTooBig(f"{cells} cells > {limit_cells}")
    return out
