"""A list of parties read from a file (名单: an .xlsx or a .csv, e.g. the 668 households of one dispute).

The header is found below any title rows; a cell with a character no field may hold refuses the list whole,
saying why the way a form does (``domain.text.refusal``: a 生僻字 in the name column shown, with how to register
it); an ID number a spreadsheet kept as a number (its last digits lost) refuses it too. Nothing else is checked
here: the rows land in the party table, where every ID is checked as if typed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mediation_desktop.csv_text import CELL_MAX, CellTooBig, bad_line, csv_rows
from mediation_desktop.domain.text import Label, first_unsafe
from mediation_desktop.errors import MediationError
from mediation_desktop.refused_text import refused_said
from mediation_desktop.services.parties import parse_party_list
from mediation_desktop.storage import input_file, sheet_guard, zip_guard

_HEADER_WORDS = {
    "name": ("姓名", "名称", "户主", "当事人"),
    "id_number": ("身份证", "证件", "信用代码"),
    "phone": ("电话", "手机", "联系方式"),
    "address": ("住址", "地址", "单位", "住所"),
}


EXACT_DIGITS = 15  # a spreadsheet keeps a number to 15 significant digits: an 18-digit ID typed as a number is lost
_SHORTENED = re.compile(r"^[+-]?\d(?:\.\d+)?[eE]\+?\d+$")  # 3.30102E+17: a number as a spreadsheet shows it


class DigitsLost(Exception):
    """A cell that was a long number (an ID number stored as a number): its last digits are gone."""


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if abs(value) >= 10 ** EXACT_DIGITS:  # (an int read from the file's text is exact and kept)
            raise DigitsLost(f"{value:.15g}")
        if value.is_integer():
            value = int(value)
    return str(value).strip()


def _visible_sheet(wb: Any) -> Any:
    """The sheet a person sees on opening the workbook: the active one, or else the first not hidden (a hidden
    sheet — an old list, a lookup table — is never read)."""
    visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    active = wb.active
    return active if active in visible else (visible[0] if visible else None)


def _refuse_lost_digits(rows: list[list[object]], path: Path) -> list[list[str]]:
    """Cells as text; the list is refused whole, naming the row and column, if a cell held a number longer than a
    spreadsheet keeps (its last digits replaced by others: an ID turned into another, often valid, person's)."""
    out = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row, start=1):
            try:
                text = _cell_text(value)
            except DigitsLost as lost:
                raise MediationError("party_file.digits_lost", path=path.name, row=r, shown=str(lost),
                                     label=Label(f"第 {c} 列", f"column {c}")) from None
            if _SHORTENED.match(text) and abs(float(text)) >= 10 ** EXACT_DIGITS:
                raise MediationError("party_file.digits_lost", path=path.name, row=r, shown=text,
                                     label=Label(f"第 {c} 列", f"column {c}"))
            cells.append(text)
        out.append(cells)
    return out


def _spreadsheet_rows(path: Path) -> list[list[str]]:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".csv", ".txt"):  # (a file of another kind is never opened)
        input_file.regular_size(path)  # (a folder, a device, a pipe: refused before it is opened)
    try:
        if suffix in (".xlsx", ".xlsm"):
            from openpyxl import load_workbook

            try:
                zip_guard.check_xlsx(path)  # (before openpyxl lists or inflates anything)
            except zip_guard.ZipRefused as exc:
                raise MediationError("party_file.too_big", path=path.name, detail=exc.detail) from None
            try:
                sheet_guard.check_xlsx(path)  # (rows and cells, streamed, before openpyxl reads them)
            except sheet_guard.SheetTooBig:
                raise MediationError("party_file.too_many_cells", path=path.name, rows=f"{sheet_guard.MAX_ROWS:,}",
                                     cells=f"{sheet_guard.MAX_CELLS:,}") from None
            wb = load_workbook(path, read_only=True, data_only=True)
            try:
                sheet = _visible_sheet(wb)
                values = [] if sheet is None else [list(row) for row in sheet.iter_rows(values_only=True)]
            finally:
                wb.close()
            return _refuse_lost_digits(values, path)
        if suffix in (".csv", ".txt"):
            raw = input_file.read_input(path, sheet_guard.CSV_MAX, too_big="party_file.too_big", shown=path.name)
            try:
                rows = csv_rows(raw, sheet_guard.bounded_rows)
            except CellTooBig as exc:
                raise MediationError("party_file.cell_too_big", path=path.name, line=exc.line,
                                     max=f"{CELL_MAX:,}") from None
            except sheet_guard.SheetTooBig:
                raise MediationError("party_file.too_many_cells", path=path.name, rows=f"{sheet_guard.MAX_ROWS:,}",
                                     cells=f"{sheet_guard.MAX_CELLS:,}") from None
            if rows is None:
                raise MediationError("party_file.bad_byte", path=path.name, line=bad_line(raw))
            return _refuse_lost_digits([list(row) for row in rows], path)
    except MediationError:
        raise
    except Exception:  # a damaged or foreign file: one clear message, nothing added
        raise MediationError("party_file.unreadable", path=path.name) from None
    raise MediationError("party_file.kind", path=path.name)


def _refuse_unsafe_cells(rows: list[list[str]], path: Path, header: list[str], name_column: int) -> None:
    """The list is refused whole, naming the row and column, if a cell holds a character no field may hold
    (``domain.text``: names, numbers and addresses are one line each), said as a form says it: a character no
    document font has is shown, and in the name column a 生僻字 says how a name with one is registered."""
    for r, row in enumerate(rows, start=1):
        for c, cell in enumerate(row, start=1):
            char = first_unsafe(cell)
            if char is not None:
                named = header[c - 1] if c - 1 < len(header) and header[c - 1] else ""
                column = Label(f"第 {c} 列“{named}”", f"column {c} ('{named}')") if named else \
                    Label(f"第 {c} 列", f"column {c}")
                raise MediationError("party_file.unsafe_text", path=path.name, row=r, label=column,
                                     reason=refused_said(column, char, name=c - 1 == name_column))


HEADER_SCAN = 10  # rows searched for the header: a title row or two above it is common (「石桥村征地户名单」)


HEADER_CELL = 12  # a header cell is a few words (联系电话（手机）); a longer one is a title (石桥村征地纠纷当事人名单)


def _columns(row: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for i, cell in enumerate(row):
        if len(cell) > HEADER_CELL:
            continue
        for key, words in _HEADER_WORDS.items():
            if key not in columns and any(w in cell for w in words):
                columns[key] = i
                break
    return columns


def _header(rows: list[list[str]]) -> tuple[int, dict[str, int]]:
    """(index, columns) of the header row: among the first rows, the one naming a name column and the most others
    (a title above it, merged over the columns, is a title, not a header nor a person); (-1, {}) without one."""
    best, found = -1, dict[str, int]()
    for i, row in enumerate(rows[:HEADER_SCAN]):
        columns = _columns(row)
        if "name" in columns and len(columns) > len(found):
            best, found = i, columns
    return best, found


def read_party_file(path: Path) -> list[dict[str, str]]:
    """Parties from a spreadsheet (.xlsx) or CSV list, e.g. the 668 households of one dispute.

    A header row (姓名 / 身份证号 / 电话 / 住址 …, below any title rows) says which column is which; without one the
    columns are read like a pasted list. Blank rows are skipped. Nothing is checked here — the rows land in
    the party table, where every ID is checked as if typed.
    """
    every = _spreadsheet_rows(path)
    filled = [r for r in every if any(c for c in r)]
    at, columns = _header(filled)
    _refuse_unsafe_cells(every, path, filled[at] if at >= 0 else [], columns.get("name", 0))
    rows = filled[at + 1:]
    if "name" in columns:
        out = []
        for r in rows:
            row = {key: (r[i] if i < len(r) else "") for key, i in columns.items()}
            if not row.get("name"):
                continue
            out.append({"name": row["name"], "id_number": row.get("id_number", "").replace(" ", "").upper(),
                        "phone": row.get("phone", ""), "address": row.get("address", "")})
        return out
    return parse_party_list("\n".join("\t".join(r) for r in rows))
