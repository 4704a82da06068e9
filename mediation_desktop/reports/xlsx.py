"""The statistics report and the ledger as .xlsx (openpyxl) that open cleanly in Excel and WPS.

Chinese headers, a frozen header row, widths that fit the content, numbers stored as numbers,
dates as dates (with a date format), amounts with two decimals and the success rate as a percentage.
Every text is written as text: its cell is typed a string (``t="s"``), never a formula, and one starting like a
formula (= + - @ …) is also marked "quote prefix" (as Excel marks a cell typed '=…), so editing it in Excel
keeps it text. No visible ``'`` is added (``domain.text.inert_string``): the ledger reads back as typed. A
control character from old data is left out.
"""

from __future__ import annotations

import io
import math
from copy import copy
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from mediation_desktop.domain.text import formula_like, inert_string
from mediation_desktop.reports.figures import SECTIONS_ZH
from mediation_desktop.reports.ledger import COLUMNS
from mediation_desktop.reports.statistics import TOTAL, Report

__all__ = ["ledger_xlsx", "statistics_xlsx"]

FONT = "宋体"  # present in every Chinese Windows and in WPS
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="DDE6F0")
_DATE = "yyyy-mm-dd"
TITLE = "人民调解工作统计表"
_MONEY = "#,##0.00"


def _display_width(text: str) -> float:
    """Width in Excel's units: a CJK character is about two Latin ones."""
    return sum(2.0 if ord(ch) > 0x2E80 else 1.1 for ch in text)


def _workbook() -> Workbook:
    wb = Workbook()
    wb.properties.creator = "调解工作台"
    return wb


def _save(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _text(value: Any) -> Any:
    """A value as a cell holds it: a text inert (see the module), anything else as it is."""
    return inert_string(value) if isinstance(value, str) else value


def _put(ws: Worksheet, row: int, column: int, value: Any) -> Any:
    """``ws.cell(row, column, value)`` with a text always a string cell (quote-prefixed if formula-like)."""
    cell = ws.cell(row=row, column=column, value=_text(value))
    if isinstance(value, str):
        cell.data_type = "s"
        if formula_like(value):
            cell.quotePrefix = True
    return cell


def _header(ws: Worksheet, row: int, headers: list[str]) -> None:
    for col, text in enumerate(headers, start=1):
        cell = _put(ws, row, col, text)
        cell.font = Font(name=FONT, bold=True, size=11)
        cell.fill = _HEAD_FILL
        cell.border = _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def ledger_xlsx(rows: list[dict[str, Any]], *, title: str = "人民调解案件台账") -> bytes:
    """The ledger: header in row 1 (frozen, filtered, repeated on every printed page), one case a row.

    Written in openpyxl's streaming mode with shared styles, so 100,000 rows stay within memory and time.
    """
    wb = Workbook(write_only=True)
    wb.properties.creator = "调解工作台"
    ws = wb.create_sheet("台账")
    for col, column in enumerate(COLUMNS, start=1):
        width = max(column.width, _display_width(column.header) + 2)
        ws.column_dimensions[get_column_letter(col)].width = min(width, 60)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(1, len(rows) + 1)}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddHeader.center.text = title
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    head_font = Font(name=FONT, bold=True, size=11)
    head_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
    header = []
    for column in COLUMNS:
        cell = WriteOnlyCell(ws, value=column.header)
        cell.font, cell.fill, cell.border, cell.alignment = head_font, _HEAD_FILL, _BOX, head_align
        header.append(cell)
    ws.append(header)
    # one styled template cell per column, its style copied by array (assigning style objects per cell
    # costs a catalogue look-up each: minutes for 100,000 rows)
    body = Font(name=FONT, size=10)
    formats = {"date": _DATE, "money": _MONEY, "int": "0"}
    templates = []
    for column in COLUMNS:
        cell = WriteOnlyCell(ws)
        cell.font, cell.border = body, _BOX
        cell.alignment = Alignment(vertical="top", wrap_text=column.kind == "long")
        if column.kind in formats:
            cell.number_format = formats[column.kind]
        templates.append(cell._style)
    for row in rows:
        cells = []
        for column, style in zip(COLUMNS, templates, strict=True):
            value = row.get(column.key)
            if value == "":
                value = None
            elif isinstance(value, Decimal):
                value = float(value)  # Excel has no decimal type; two decimals shown by the format
            cell = WriteOnlyCell(ws, value=_text(value))
            cell._style = copy(style)
            if isinstance(value, str):
                cell.data_type = "s"
                if formula_like(value):
                    cell._style.quotePrefix = 1
            cells.append(cell)
        ws.append(cells)
    return _save(wb)


def statistics_xlsx(report: Report, *, months: list[tuple[int, int, int]] | None = None) -> bytes:
    """The statistics table: title, period and basis, then 项目 | 单位 | one column per committee | 合计."""
    wb = _workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "统计表"
    units = [*report.units, TOTAL]
    # a committee's column: its name (石桥村), and on a second line its org code (the county may want it)
    heads = [f"{report.unit_short_name(u)}\n{u}" if u in report.unit_names else u for u in report.units]
    headers = ["类别", "项目", "单位", *heads, "合计"]
    ncol = len(headers)
    _put(ws, 1, 1, TITLE)
    ws.cell(row=1, column=1).font = Font(name=FONT, bold=True, size=16)
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    period = report.period
    scope = ""  # a one-committee report says which
    if report.only_org and report.only_org != report.org_code:
        name = report.unit_names.get(report.only_org)
        scope = f"统计范围：{name}（{report.only_org}）；" if name else f"统计范围：{report.only_org}；"
    _put(ws, 2, 1, f"填报单位：{report.org_name}（{report.org_code}）；{scope}"
                                   f"统计期间：{period.label_zh()}"
                                   f"（{period.start.isoformat()} 至 {period.end.isoformat()}），{report.basis_zh}；"
                                   f"制表日期：{report.generated_on.isoformat()}；"
                                   f"填报人：{report.filled_by}"
                                   + (f"；{report.columns_note}" if report.columns_note else "")
                                   ).font = Font(name=FONT, size=10)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncol)
    _header(ws, 3, headers)
    body = Font(name=FONT, size=10)
    r = 4
    last_section = None
    for f in report.figures:
        section = SECTIONS_ZH[f.section] if f.section != last_section else None
        last_section = f.section
        values: list[Any] = [section, f.label_zh, f.unit_zh]
        for u in units:
            v = report.value(f.key, u)
            values.append(float(v) if isinstance(v, Decimal) else v)
        for col, value in enumerate(values, start=1):
            cell = _put(ws, r, col, value)
            cell.font = Font(name=FONT, size=10, bold=col == 1)
            cell.border = _BOX
            if col == 2:
                cell.alignment = Alignment(indent=2 * f.indent)
            if col > 3:
                cell.number_format = _MONEY if f.measure == "amount" else "0"
        r += 1
    values = ["调解成功率", "调解成功率（成功数÷受理数）", "%"]
    values += [float(rate) / 100 if (rate := report.success_rate(u)) is not None else None for u in units]
    for col, value in enumerate(values, start=1):
        cell = _put(ws, r, col, value)
        cell.font = Font(name=FONT, size=10, bold=col == 1)
        cell.border = _BOX
        if col > 3:
            cell.number_format = "0.00%"
    widths = [14, 30, 6, *(min(30, max(14, *(_display_width(line) + 2 for line in head.split("\n"))))
                           for head in [*heads, "合计"])]
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    # Excel does not grow a row for wrapped text by itself: room for the longest head (name and code)
    lines = max((sum(math.ceil(_display_width(line) / (width - 1)) for line in head.split("\n"))
                 for head, width in zip(heads, widths[3:], strict=False)), default=1)
    if lines > 1:
        ws.row_dimensions[3].height = 15 * lines
    ws.freeze_panes = "D4"
    ws.print_title_rows = "3:3"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    if months is not None:
        wm = wb.create_sheet("按月")
        _header(wm, 1, ["月份", "纠纷数（件）"])
        for i, (year, month, count) in enumerate(months, start=2):
            _put(wm, i, 1, f"{year}-{month:02d}").font = body
            _put(wm, i, 2, count).font = body
        wm.column_dimensions["A"].width = 12
        wm.column_dimensions["B"].width = 14
        wm.freeze_panes = "A2"
    return _save(wb)
