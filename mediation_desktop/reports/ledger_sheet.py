"""Reading a ledger file (台账) for import: its cells, the header row and which column is which.

An .xlsx or .xls (a merged range read as its one value: carried down its rows, once in each) or a .csv
(UTF-8 or GB18030, as Excel in China saves it); the header is the row among the first ones that names the
most known columns (the ledger export's headers, or common other names; also with a unit, 协议金额（元）,
涉及金额(万元), 受理时间（年月日）). A workbook's hidden sheets are never read; every visible sheet whose header
is found is (one sheet per year is common), and the others are named. Checking the rows and writing them is
:mod:`reports.ledger_import`.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from mediation_desktop.csv_text import CELL_MAX, ENCODINGS, CellTooBig, bad_line, read_rows
from mediation_desktop.errors import MediationError
from mediation_desktop.reports import ledger_parse as lp
from mediation_desktop.reports.ledger import BY_KEY, COLUMNS, LedgerColumn
from mediation_desktop.storage import input_file, sheet_guard, zip_guard

XLS_MAX = 64 << 20  # a legacy .xls (BIFF, at most 65,536 rows): read whole by xlrd, so bounded before
HEADER_SCAN = 15  # rows searched for the header (a title row or two above it is common)
Mapping = dict[str, int]  # column key → index of the column in the sheet


@dataclass
class Sheet:
    """The cells of a ledger file, the header row found in it and the column mapping guessed from it."""

    name: str
    rows: list[list[Any]]
    header_row: int | None  # index into rows, or None if no header was recognised
    mapping: Mapping
    year: int | None = None  # the year a title row above the header names (XX村2023年…台账), for 4月18日
    tab: str = ""  # the worksheet's own name ("" for a CSV)
    more: list[Sheet] = field(default_factory=list)  # the workbook's further ledger sheets, read as well
    unread: list[tuple[str, str]] = field(default_factory=list)  # (sheet, why: "hidden" | "no_header")
    #: the cells of a row that a vertically merged range carries down from a row above: row number (from 1)
    #: → {column index: the row number the range starts on} (a case written over two rows, one party a row)
    merged: dict[int, dict[int, int]] = field(default_factory=dict)
    title: str = ""  # the text of the rows above the header (「石桥村2022年人民调解台账」): whose ledger it is

    def parts(self) -> list[Sheet]:
        """This sheet and the workbook's further ledger sheets, in the workbook's order."""
        return [self, *self.more]

    def unused_columns(self, mapping: Mapping) -> list[str]:
        """The headers (第N列 when blank) of the columns ``mapping`` leaves unread that hold something."""
        used = set(mapping.values())
        head = self.rows[self.header_row] if self.header_row is not None else []
        body = self.rows[0 if self.header_row is None else self.header_row + 1:]

        def holds(i: int) -> bool:  # (stops at the first filled cell: a column is rarely empty)
            return (i < len(head) and bool(lp.text(head[i]))) or any(i < len(r) and lp.text(r[i]) for r in body)

        names = self.headers
        return [names[i] for i in range(self.width) if i not in used and holds(i)]

    @property
    def headers(self) -> list[str]:
        if self.header_row is None:
            return [f"第{i + 1}列" for i in range(self.width)]
        return [lp.text(v) or f"第{i + 1}列" for i, v in enumerate(self.rows[self.header_row])]

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def data_rows(self) -> list[tuple[int, list[Any]]]:
        """(row number in the file, counting from 1, cells) after the header, blank rows left out."""
        start = 0 if self.header_row is None else self.header_row + 1
        return [(i + 1, r) for i, r in enumerate(self.rows) if i >= start and any(lp.text(v) for v in r)]


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # how a legacy .xls (BIFF in a compound file) begins


def _kind(path: Path, suffix: str) -> str:
    """The suffix the content says, for the two Excel formats (an .xls saved under .xlsx, or the reverse,
    is common after a rename); any other file keeps its own suffix."""
    if suffix not in (".xls", ".xlsx", ".xlsm"):
        return suffix
    try:
        with input_file.open_input(path, missing="ledger.not_found") as f:
            head = f.read(8)
    except OSError:
        return suffix
    if head == _OLE2:
        return ".xls"
    return ".xlsx" if head.startswith(b"PK\x03\x04") else suffix


#: a worksheet: its name, whether it is hidden, its cells, the cells merged down from a row above (Sheet.merged)
Tab = tuple[str, bool, list[list[Any]], dict[int, dict[int, int]]]


def _fill_merged(grid: list[list[Any]], r0: int, r1: int, c0: int, c1: int) -> None:
    """A merged range (rows ``r0`` … ``r1``-1, columns ``c0`` … ``c1``-1, from 0) read as its one value: each of its
    rows holds it in the range's first column (a case written over two rows: 调解员 merged down names each row's
    mediator), the columns it spans to the right are empty. So a title merged over A1:I1 is one title, not nine
    copies of it, and a cell merged over 申请人 and 被申请人 is one value, never read as both."""
    value = grid[r0][c0] if r0 < len(grid) and c0 < len(grid[r0]) else None
    for r in range(r0, min(r1, len(grid))):
        row = grid[r]
        if c0 < len(row):
            row[c0] = value
        for c in range(c0 + 1, min(c1, len(row))):
            row[c] = None


def _carried(merged: dict[int, dict[int, int]], first: int, last: int, c0: int, c1: int) -> None:
    """Note in ``merged`` the cells of rows ``first``+1 … ``last`` (from 1), columns ``c0`` … ``c1`` (from 0),
    as carried down from row ``first``."""
    for r in range(first + 1, last + 1):
        for c in range(c0, c1 + 1):
            merged.setdefault(r, {})[c] = first


def _load_cells(path: Path) -> list[Tab]:
    suffix = _kind(path, path.suffix.lower())
    if suffix in (".xlsx", ".xlsm"):
        try:
            zip_guard.check_xlsx(path)  # (before openpyxl lists or inflates anything)
        except zip_guard.ZipRefused as exc:
            raise MediationError("ledger.too_big", path=path.name, detail=exc.detail) from None
        _bounded(path, sheet_guard.check_xlsx, path)  # (rows and cells, streamed, before openpyxl loads them)
        try:
            from openpyxl import load_workbook

            with path.open("rb") as f:  # (a file object: openpyxl would refuse a file named .xls by its name)
                wb = load_workbook(f, data_only=True)  # not read-only: merged ranges are needed
        except Exception:  # a damaged or foreign file: one clear message
            raise MediationError("ledger.unreadable", path=path.name) from None
        try:
            tabs: list[Tab] = []
            for ws in wb.worksheets:
                grid = [list(r) for r in ws.iter_rows(values_only=True)]
                down: dict[int, dict[int, int]] = {}
                for merged in list(ws.merged_cells.ranges):
                    _fill_merged(grid, merged.min_row - 1, merged.max_row, merged.min_col - 1, merged.max_col)
                    _carried(down, merged.min_row, min(merged.max_row, len(grid)), merged.min_col - 1,
                             merged.max_col - 1)
                tabs.append((str(ws.title), ws.sheet_state != "visible", grid, down))
        finally:
            wb.close()
        if _has_formulas(path):
            _mark_unsaved(path, tabs)
        return tabs
    if suffix == ".xls":
        return _load_xls(path)
    if suffix in (".csv", ".txt"):
        try:
            raw = input_file.read_input(path, sheet_guard.CSV_MAX, too_big="ledger.too_big", missing="ledger.not_found",
                                        shown=path.name)
        except OSError:
            raise MediationError("ledger.unreadable", path=path.name) from None
        content = _decoded(raw)
        if content is None:
            raise MediationError("ledger.bad_byte", path=path.name, line=bad_line(raw))
        try:
            rows = _bounded(path, sheet_guard.bounded_rows,  # (stopped at the limits)
                            read_rows(content, _delimiter(content)))
        except CellTooBig as exc:
            raise MediationError("ledger.cell_too_big", path=path.name, line=exc.line,
                                 max=f"{CELL_MAX:,}") from None
        return [("", False, list(rows), {})]  # (cells of any type, as an .xlsx gives them)
    raise MediationError("ledger.file_kind", path=path.name)


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # Excel's 「Unicode 文本」 (.txt) is UTF-16 with its byte-order mark
DELIMITERS = (",", "\t", ";")  # (the first wins a tie: a CSV is comma-separated unless its lines say otherwise)


def _decoded(raw: bytes) -> str | None:
    """The text of a .csv/.txt: UTF-16 when it starts with its byte-order mark, else UTF-8 (with or without
    Excel's mark) or GB18030 (``csv_text.ENCODINGS``); None when it is in none of them."""
    encodings = ("utf-16",) if raw.startswith(_UTF16_BOMS) else ENCODINGS
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _delimiter(content: str) -> str:
    """The separator of a text ledger (comma, tab as WPS/Excel save a .txt, or semicolon): the one whose split
    of the first lines names the most known columns in a row (the header), then gives the most columns."""
    head = content[:64_000]

    def score(delimiter: str) -> tuple[int, int]:
        try:
            rows = list(itertools.islice(read_rows(head, delimiter), HEADER_SCAN))
        except CellTooBig:  # (the whole file is read next, and refused there, naming the line)
            return (0, 0)
        return (max((len(guess_mapping(r)) for r in rows), default=0), max((len(r) for r in rows), default=0))

    scores = {d: score(d) for d in DELIMITERS}
    return max(DELIMITERS, key=lambda d: scores[d])  # (max keeps the first of equal scores)


_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _has_formulas(path: Path) -> bool:
    """Whether a worksheet of the .xlsx holds a formula (its XML a ``<f>``; the zip was checked before)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            return any(_FORMULA_TAG.search(z.read(n)) for n in z.namelist()
                       if n.startswith("xl/worksheets/") and n.endswith(".xml"))
    except (OSError, zipfile.BadZipFile, KeyError):
        return False


def _mark_unsaved(path: Path, tabs: list[Tab]) -> None:
    """Each formula cell with no saved result (``data_only`` gave None) becomes :class:`ledger_parse.Unsaved`,
    so the row says so instead of reading the cell as empty (a file a script wrote: 申请人 =HYPERLINK(…))."""
    from openpyxl import load_workbook

    try:
        with path.open("rb") as f:
            wb = load_workbook(f, data_only=False)
    except Exception:
        raise MediationError("ledger.unreadable", path=path.name) from None
    try:
        for ws, (_tab, _hidden, grid, _down) in zip(wb.worksheets, tabs, strict=True):
            for r, row in enumerate(ws.iter_rows()):
                for c, cell in enumerate(row):
                    if cell.data_type == "f" and r < len(grid) and c < len(grid[r]) and grid[r][c] is None:
                        grid[r][c] = lp.Unsaved()
    finally:
        wb.close()


def _bounded(path: Path, check: Any, *args: Any) -> Any:
    """``check(*args)`` (a check of :mod:`storage.sheet_guard`, or a read bounded by one); over its rows or
    cells the import is refused whole."""
    try:
        return check(*args)
    except sheet_guard.SheetTooBig:
        raise MediationError("ledger.too_many_cells", path=path.name, rows=f"{sheet_guard.MAX_ROWS:,}",
                             cells=f"{sheet_guard.MAX_CELLS:,}") from None


def _load_xls(path: Path) -> list[Tab]:
    """The sheets of a legacy .xls (most old township ledgers), read with xlrd after its size is checked:
    date cells as dates, whole numbers without .0, merged ranges as for an .xlsx (:func:`_fill_merged`)."""
    try:
        raw = input_file.read_input(path, XLS_MAX, too_big="ledger.too_big", missing="ledger.not_found",
                                    shown=path.name)
    except OSError:
        raise MediationError("ledger.unreadable", path=path.name) from None
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=raw, formatting_info=True, on_demand=True)
        sheets = [book.sheet_by_index(i) for i in range(book.nsheets)]
    except Exception:  # a damaged or foreign file (or an .xlsx renamed): one clear message
        raise MediationError("ledger.unreadable", path=path.name) from None
    tabs: list[Tab] = []
    cells = 0  # the workbook's cells together are bounded, as an .xlsx's are
    for sheet in sheets:
        if sheet.visibility:  # a hidden sheet is not read
            tabs.append((str(sheet.name), True, [], {}))
            continue
        _bounded(path, partial(sheet_guard.check_xls_sheet, max_cells=sheet_guard.MAX_CELLS - cells),
                 sheet)  # (before a cell is copied)
        cells += int(sheet.nrows) * int(sheet.ncols)
        down: dict[int, dict[int, int]] = {}
        for r0, r1, c0, c1 in sheet.merged_cells:
            _carried(down, r0 + 1, r1, c0, c1 - 1)
        tabs.append((str(sheet.name), False, _xls_cells(path, book, sheet), down))
    book.release_resources()
    return tabs


def _xls_cells(path: Path, book: Any, sheet: Any) -> list[list[Any]]:
    import xlrd

    try:
        grid: list[list[Any]] = []
        for r in range(sheet.nrows):
            row: list[Any] = []
            for c in range(sheet.ncols):
                cell = sheet.cell(r, c)
                value: Any = cell.value
                if cell.ctype == xlrd.XL_CELL_DATE:
                    value = xlrd.xldate_as_datetime(value, book.datemode)
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    value = None
                elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                    value = bool(value)
                elif cell.ctype == xlrd.XL_CELL_ERROR:
                    value = None
                row.append(value)
            grid.append(row)
        for r0, r1, c0, c1 in sheet.merged_cells:
            _fill_merged(grid, r0, r1, c0, c1)
        return grid
    except Exception:  # a damaged or foreign file (or an .xlsx renamed): one clear message
        raise MediationError("ledger.unreadable", path=path.name) from None


def _header_key(cell: Any) -> str:
    return re.sub(r"[\s:：*＊]", "", unicodedata.normalize("NFKC", lp.text(cell)))


#: a header's trailing unit or note: 金额（元）, 金额(万元), 金额【单位：元】, 金额/元, 受理时间（年月日）
_SUFFIX = re.compile(r"^(.+?)(?:[(\[【〔<《]([^()\[\]【】〔〕<>《》]*)[)\]】〕>》]|/([^/]+))$")
#: what a unit in an amount column's header multiplies its plain numbers by (anything else: not yuan)
MONEY_UNITS = {"元": 1, "人民币": 1, "人民币元": 1, "rmb": 1, "¥": 1, "千元": 1_000, "万元": 10_000,
               "万": 10_000, "人民币万元": 10_000}
_DATE_WORDS = ("年", "月", "日", "yyyy", "mm", "dd", "格式")
#: a suffix naming another kind of data: such a column is not the text or count its name starts with
_OTHER_DATA = ("电话", "手机", "联系", "身份证", "证件", "号码", "地址", "住址", "金额", "元", "日期", "时间", "年龄",
               "性别", "民族", "单位", "职业")
_UNIT_SPLIT = re.compile(r"[,，、;；]")


def _split_suffix(name: str) -> tuple[str, str | None]:
    """(the name, its bracketed or slashed suffix without 单位) or (name, None) when there is none."""
    m = _SUFFIX.match(name)
    if m is None:
        return name, None
    suffix = m[2] if m[2] is not None else m[3]
    return m[1], suffix.removeprefix("单位").lower()


def money_scale(header: str) -> int | None:
    """What a plain number under an amount header is multiplied by: 1 for 元 (or no unit), 10,000 for 万元;
    None when the header names another unit (美元: not an amount this program keeps)."""
    suffix = _split_suffix(_header_key(header))[1]
    return 1 if suffix is None else MONEY_UNITS.get(_UNIT_SPLIT.split(suffix)[0])


def _suffix_fits(column: LedgerColumn, suffix: str) -> bool:
    """Whether a header's suffix is a unit or note of ``column``'s kind: an amount's must be 元, 千元 or 万元
    (金额（元，大写）: its first word), a date's a date format (年月日, yyyy-mm-dd); a text's or count's any note
    (调解结果（成功/不成）, 防止民转刑（是/否）) that does not name other data (调解员（电话）). A column whose
    suffix does not fit stays unread, and named."""
    if column.kind == "money":
        return _UNIT_SPLIT.split(suffix)[0] in MONEY_UNITS
    if column.kind == "date":
        return any(word in suffix for word in _DATE_WORDS)
    return not any(word in suffix for word in _OTHER_DATA)


def _names(column: LedgerColumn) -> set[str]:
    """A column's header and aliases, each without its own unit (涉及金额（元） → 涉及金额)."""
    return {_split_suffix(_header_key(n))[0] for n in (column.header, *column.aliases)}


_BASE_NAMES = [(column, _names(column)) for column in COLUMNS]


def _match(cell: Any) -> LedgerColumn | None:
    name = _header_key(cell)
    if not name:
        return None
    for column in COLUMNS:
        if name == _header_key(column.header) or name in (_header_key(a) for a in column.aliases):
            return column
    base, suffix = _split_suffix(name)
    for column, names in _BASE_NAMES:  # 协议金额（元）, 涉及金额(万元), 受理时间（年月日）: a name or alias with a unit
        if base in names:
            return column if suffix is None or _suffix_fits(column, suffix) else None
    for column in COLUMNS:  # 受理日期年月日 …
        if name.startswith(_header_key(column.header)):
            return column
    return None


def guess_mapping(header: list[Any]) -> Mapping:
    mapping: Mapping = {}
    for i, cell in enumerate(header):
        column = _match(cell)
        if column is not None and column.key not in mapping:
            mapping[column.key] = i
    return mapping


def read_sheet(path: Path) -> Sheet:
    """The cells of ``path`` with its header row found (the row naming the most known columns).

    Of a workbook: the first visible sheet with a ledger's header, the further ones in :attr:`Sheet.more`;
    hidden sheets and visible ones without such a header (a 说明 sheet) in :attr:`Sheet.unread`, named to the
    user (an empty sheet is not). Without any such header: the first visible sheet (its columns are then
    chosen by hand)."""
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".csv", ".txt"):  # (a file of another kind is never opened)
        input_file.regular_size(path, missing="ledger.not_found")  # (a folder, a device, a pipe: refused unopened)
    found: list[Sheet] = []
    plain: list[Sheet] = []
    unread: list[tuple[str, str]] = []
    for tab, hidden, rows, down in _load_cells(path):
        if hidden:
            unread.append((tab, "hidden"))
            continue
        sheet = _with_header(path.name, tab, rows)
        sheet.merged = down
        (found if sheet.header_row is not None else plain).append(sheet)
    if not found:
        first = plain[0] if plain else Sheet(path.name, [], None, {})
        first.unread = unread
        return first
    unread += [(p.tab, "no_header") for p in plain if any(lp.text(v) for row in p.rows for v in row)]
    found[0].more, found[0].unread = found[1:], unread
    return found[0]


def _with_header(name: str, tab: str, rows: list[list[Any]]) -> Sheet:
    best: int | None = None
    best_map: Mapping = {}
    for i, row in enumerate(rows[:HEADER_SCAN]):
        mapping = guess_mapping(row)
        if len(mapping) >= 2 and len(mapping) > len(best_map):
            best, best_map = i, mapping
    above = rows[:best] if best else []
    title = " ".join(t for row in above for cell in row if (t := lp.text(cell)))
    return Sheet(name, rows, best, best_map, _title_year(above), tab, title=title)


_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def _title_year(rows: list[list[Any]]) -> int | None:
    """The year named by the title rows above the header (「XX村2023年矛盾纠纷调解台账」), if one and only one."""
    years = {int(m[1]) for row in rows for cell in row for m in _TITLE_YEAR.finditer(lp.text(cell))}
    return years.pop() if len(years) == 1 else None


def check_mapping(mapping: Mapping) -> None:
    """Refuse a mapping that uses a column twice or lacks a required column."""
    seen: dict[int, str] = {}
    for key, col in mapping.items():
        if col in seen:
            raise MediationError("ledger.mapping", column=col + 1)
        seen[col] = key
    missing = [c.header for c in COLUMNS if c.required and c.key not in mapping]
    if "category" not in mapping:
        missing.append(BY_KEY["category"].header)
    if missing:
        raise MediationError("ledger.missing_column", columns="、".join(missing))
