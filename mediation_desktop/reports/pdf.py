"""The statistics report and the ledger as PDF, on the documents' shared base.

Same fonts as every document (embedded, subset, rare characters drawn per run by the fallback face)
and the same 「第 X 页 共 Y 页」 footer. The ledger is A4 landscape with the columns that fit a page;
the full set of columns is in the .xlsx.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table

from mediation_desktop.documents import fonts
from mediation_desktop.documents.base import DocumentRenderer
from mediation_desktop.reports.figures import SECTIONS_ZH
from mediation_desktop.reports.ledger import BY_KEY
from mediation_desktop.reports.statistics import TOTAL, Report

__all__ = ["ledger_pdf", "statistics_pdf"]


def _number(value: int | Decimal | None, measure: str = "cases") -> str:
    if value is None:
        return "—"
    if measure == "amount" or isinstance(value, Decimal):
        return f"{Decimal(value):,.2f}"
    return f"{value:,}"


class ContinuedTable(Table):  # type: ignore[misc]  # ReportLab ships no types
    """A table whose header rows repeat on every page it runs over and whose first row on a later page says what it
    belongs to: ``continued[i]``, when given, replaces row i's first cells where that row begins a page (a section's
    name, the item a 「其中」 row is part of), since the row that named them stayed on the page before."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("longTableOptimize", 0)  # a later page's rows measured again: the labels put in fit
        super().__init__(*args, **kwargs)
        self.continued: list[list[Any] | None] = []

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # ReportLab's names
        parts = super().split(availWidth, availHeight)
        if len(parts) != 2 or not self.continued:
            return parts  # type: ignore[no-any-return]
        first, rest = parts
        repeat = rest.repeatRows if isinstance(rest.repeatRows, int) else len(rest.repeatRows)
        total = len(self.continued)
        start = total - (len(rest._cellvalues) - repeat)  # the row (of this table) that begins the next page
        first.continued = self.continued[:len(first._cellvalues)]
        rest.continued = self.continued[:repeat] + self.continued[start:]
        labels = self.continued[start] if 0 <= start < total else None
        if labels:
            row = rest._cellvalues[repeat]
            rest._cellvalues[repeat] = [*labels, *row[len(labels):]]
        return [first, rest]


class StatisticsRenderer(DocumentRenderer):
    """人民调解工作统计表: period, basis and committee on top; one column per committee on a hub.

    A committee's column is headed by its name without 人民调解委员会 (石桥村) over its org code in smaller type.
    Its numbers are set in the body's cell size, smaller (down to ``MIN_SIZE``) where the columns would not
    otherwise fit side by side; a hub with more committees than that gets the table in parts (续表), each with
    the labels, so that no number and no code is ever broken over two lines.
    """

    wording_name = "common"
    MIN_SIZE = 8.0  # the smallest type of a committee column's numbers
    PAD = 2.0  # left and right padding of a committee's column (points)
    LABELS: tuple[float, float, float] = (22 * mm, 52 * mm, 12 * mm)  # 类别 | 项目 | 单位, at least
    MAX_ITEM = 80 * mm

    def __init__(self, report: Report) -> None:
        self.report = report
        self.pagesize = A4
        super().__init__()
        self.LABELS = self._label_widths()
        units = [*report.units, TOTAL]
        if len(report.units) > 3 or self._layout(units)[1] < len(units):  # upright only when it fits in one
            self.pagesize = landscape(A4)

    def title(self) -> str:
        return "人民调解工作统计表"

    def stylesheet(self) -> dict[str, ParagraphStyle]:
        styles = super().stylesheet()
        styles["cell_right"] = ParagraphStyle("cell_right", parent=styles["cell"], alignment=TA_RIGHT)
        styles["cell_sub"] = ParagraphStyle("cell_sub", parent=styles["cell"], leftIndent=self.font_size * 2)
        styles["cell_unit"] = ParagraphStyle("cell_unit", parent=styles["cell"], alignment=TA_CENTER)
        return styles

    def _label_widths(self) -> tuple[float, float, float]:
        """类别 and 项目 as wide as their longest text, so that no label breaks inside a word (调解成功 / 率);
        项目 at most ``MAX_ITEM`` (a longer one wraps)."""
        size, pad = self.styles["cell"].fontSize, 2 * 6 + 1  # the table's left and right padding, and a rule

        def width(text: str) -> float:
            return float(stringWidth(text, fonts.BODY, size)) + pad

        sections = ["类别", "调解成功率", *(SECTIONS_ZH[f.section] for f in self.report.figures)]
        items = [width("成功数÷受理数"),
                 *(width(f.label_zh) + (2 * self.font_size if f.indent else 0) for f in self.report.figures)]
        return (max(self.LABELS[0], *map(width, sections)), min(self.MAX_ITEM, max(self.LABELS[1], *items)),
                self.LABELS[2])

    def _column_texts(self, units: list[str]) -> list[str]:
        report = self.report
        texts = [_number(report.value(f.key, u), f.measure) for f in report.figures for u in units]
        texts += [f"{r}%" for u in units if (r := report.success_rate(u)) is not None]
        return texts + units[:-1]  # the org codes (not 合计, the last)

    def _layout(self, units: list[str]) -> tuple[float, int]:
        """The type size of the committee columns and how many columns one table holds (合计 included)."""
        room = self.frame_width - sum(self.LABELS)
        widest = max((stringWidth(text, fonts.BODY, 1) for text in self._column_texts(units)),
                     default=stringWidth("0", fonts.BODY, 1))
        size = self.styles["cell"].fontSize
        while size >= self.MIN_SIZE:
            if (widest * size + 2 * self.PAD + 1) * len(units) <= room:
                return size, len(units)
            size -= 0.5
        size = self.MIN_SIZE + 1  # in parts of as many columns as fit in a size easily read, evened out
        fit = max(1, int(room // (widest * size + 2 * self.PAD + 1)))
        parts = -(-len(units) // fit)
        return size, -(-len(units) // parts)

    def _table(self, units: list[str], size: float, per_table: int) -> Flowable:
        """One table: the labels, and the columns of ``units`` (TOTAL is 合计)."""
        report = self.report
        value = ParagraphStyle("value", parent=self.styles["cell_right"], fontSize=size, leading=size * 1.35)
        name = ParagraphStyle("name", parent=self.styles["cell_unit"], fontSize=size, leading=size * 1.35)
        code = ParagraphStyle("code", parent=self.styles["cell_unit"], fontSize=size * 0.75, leading=size)

        def head(unit: str) -> Any:
            if unit == TOTAL:
                return self.cell("合计", "cell_unit")
            if unit not in report.unit_names:  # no name known here: the code alone
                return Paragraph(fonts.markup(unit), code)
            return [Paragraph(fonts.markup(report.unit_short_name(unit)), name), Paragraph(fonts.markup(unit), code)]

        rows: list[list[Any]] = [[self.cell("类别"), self.cell("项目"), self.cell("单位"), *(head(u) for u in units)]]
        # what a row beginning a later page says in place of its blank 类别 (and a 「其中」 row, of which item)
        continued: list[list[Any] | None] = [None]
        last = None
        parent = ""
        for f in report.figures:
            section = SECTIONS_ZH[f.section] if f.section != last else ""
            last = f.section
            parent = parent if f.indent else f.label_zh
            item = self.cell(f.label_zh, "cell_sub" if f.indent else "cell")
            rows.append([self.cell(section), item, self.cell(f.unit_zh),
                         *(Paragraph(fonts.markup(_number(report.value(f.key, u), f.measure)), value) for u in units)])
            label = self.cell(SECTIONS_ZH[f.section] + "（续）")
            of = [self.cell(parent + "（续）"), self.cell(f.label_zh, "cell_sub")]
            continued.append(None if section else [label, of] if f.indent else [label])
        rates = [report.success_rate(u) for u in units]
        rows.append([self.cell("调解成功率"), self.cell("成功数÷受理数"), self.cell("%"),
                     *(Paragraph(fonts.markup("—" if r is None else f"{r}%"), value) for r in rates)])
        continued.append(None)
        width = (self.frame_width - sum(self.LABELS)) / per_table
        table = self.grid(rows, [*self.LABELS, *([width] * len(units))], repeat=1, kind=ContinuedTable, extra=[
            ("LEFTPADDING", (3, 0), (-1, -1), self.PAD), ("RIGHTPADDING", (3, 0), (-1, -1), self.PAD)])
        table.continued = continued
        return table

    def story(self) -> list[Flowable]:
        report = self.report
        units = [*report.units, TOTAL]
        out: list[Flowable] = [self.para(self.title(), "title"),
                               self.para(f"填报单位：{report.org_name}（{report.org_code}）", "small"),
                               self.para(f"统计期间：{report.period.label_zh()}（{report.period.start.isoformat()} 至 "
                                         f"{report.period.end.isoformat()}）　统计口径：{report.basis_zh}", "small"),
                               self.para(f"制表日期：{report.generated_on.isoformat()}　"
                                         f"填报人：{report.filled_by or '　' * 6}", "small")]
        if report.only_org and report.only_org != report.org_code:
            scope = report.only_org
            out.append(self.para(f"统计范围：{report.unit_name(scope)}（{scope}）" if scope in report.unit_names
                                 else f"统计范围：{scope}", "small"))
        if report.columns_note:
            out.append(self.para(report.columns_note, "small"))
        out.append(Spacer(1, 3 * mm))
        size, per_table = self._layout(units)
        parts = [units[i:i + per_table] for i in range(0, len(units), per_table)]
        for i, part in enumerate(parts):
            if i:
                out += [PageBreak(), self.para(f"人民调解工作统计表（续表 {i + 1}/{len(parts)}）", "small"),
                        Spacer(1, 2 * mm)]
            out.append(self._table(part, size, per_table))
        return out


#: the ledger columns that fit an A4 landscape page, with their widths in millimetres
PDF_COLUMNS: tuple[tuple[str, float], ...] = (
    ("seq", 10), ("case_no", 34), ("accepted_on", 20), ("category", 20), ("applicants", 26), ("respondents", 26),
    ("summary", 56), ("amount", 20), ("mediator", 16), ("outcome", 18), ("closed_on", 20),
)


class LedgerRenderer(DocumentRenderer):
    """人民调解案件台账 (A4 landscape, the header row repeated on every page)."""

    wording_name = "common"
    pagesize = landscape(A4)
    left_margin = right_margin = 12 * mm
    top_margin = 15 * mm
    bottom_margin = 18 * mm
    font_size = 9.0

    def __init__(self, rows: list[dict[str, Any]], org_name: str, subtitle: str = "") -> None:
        self.rows, self.org_name, self.subtitle = rows, org_name, subtitle
        super().__init__()

    def title(self) -> str:
        return "人民调解案件台账"

    def story(self) -> list[Flowable]:
        out: list[Flowable] = [self.para(self.title(), "title"),
                               self.para(f"{self.org_name}　{self.subtitle}".strip(), "small"), Spacer(1, 2 * mm)]
        keys = [k for k, _ in PDF_COLUMNS]
        table: list[list[Any]] = [[self.cell(BY_KEY[k].header) for k in keys]]
        total = Decimal(0)
        for row in self.rows:
            cells = []
            for key in keys:
                value = row.get(key)
                if isinstance(value, dt.date):
                    text = value.isoformat()
                elif isinstance(value, Decimal):
                    text = f"{value:,.2f}"
                else:
                    text = "" if value is None else str(value)
                cells.append(self.cell(text, "amount" if key == "amount" else "cell"))
            if isinstance(row.get("amount"), Decimal):
                total += row["amount"]
            table.append(cells)
        # 合计: the number of cases and the sum of the amounts (cases without an amount add nothing)
        sums: list[Any] = [""] * len(keys)
        sums[0] = self.cell(f"合计（{len(self.rows)}件）")
        sums[keys.index("amount")] = self.cell(f"{total:,.2f}", "amount")
        table.append(sums)
        widths = self._widths(table)
        out.append(self.grid(table, widths, repeat=1, extra=[
            ("SPAN", (0, len(table) - 1), (keys.index("amount") - 1, len(table) - 1)),
            ("LINEABOVE", (0, len(table) - 1), (-1, len(table) - 1), 1.2, "black")]))
        return out

    def stylesheet(self) -> dict[str, ParagraphStyle]:
        styles = super().stylesheet()
        styles["amount"] = ParagraphStyle("amount", parent=styles["cell"], alignment=TA_RIGHT)
        return styles

    def _widths(self, table: list[list[Any]]) -> list[float]:
        """The columns of :data:`PDF_COLUMNS` fitted to the page, the amount column widened to its widest amount
        and its whole header 「涉及金额（元）」 (neither ever breaks), taken from the summary column."""
        keys = [k for k, _ in PDF_COLUMNS]
        scale = self.frame_width / (sum(w for _, w in PDF_COLUMNS) * mm)
        widths = [w * mm * scale for _, w in PDF_COLUMNS]
        size = self.styles["cell"].fontSize
        at = keys.index("amount")
        texts = [BY_KEY["amount"].header] + [row[at].text for row in table[1:] if hasattr(row[at], "text")]
        need = max(fonts.text_width(_plain_text(t), size) for t in texts) + 2 * CELL_PADDING + 1
        if need > widths[at]:
            widths[keys.index("summary")] -= need - widths[at]
            widths[at] = need
        return widths


CELL_PADDING = 6  # ReportLab's default left and right padding of a table cell


def _plain_text(markup: str) -> str:
    """A cell's text without the font tags of :func:`fonts.markup`."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def statistics_pdf(report: Report) -> bytes:
    return StatisticsRenderer(report).generate()


def ledger_pdf(rows: list[dict[str, Any]], *, org_name: str, subtitle: str = "") -> bytes:
    return LedgerRenderer(rows, org_name, subtitle).generate()
