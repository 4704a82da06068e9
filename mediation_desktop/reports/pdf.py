"""The statistics report and the ledger as PDF, on the documents' shared base.

Same fonts as every document (embedded, subset, rare characters drawn per run by the fallback face)
and the same 「第 X 页 共 Y 页」 footer. The ledger is A4 landscape with the columns that fit a page;
the full set of columns is in the .xlsx.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

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


class StatisticsRenderer(DocumentRenderer):
    """人民调解工作统计表: period, basis and committee on top; one column per committee on a hub."""

    wording_name = "common"

    def __init__(self, report: Report) -> None:
        self.report = report
        self.pagesize = landscape(A4) if len(report.units) > 3 else A4
        super().__init__()

    def title(self) -> str:
        return "人民调解工作统计表"

    def stylesheet(self) -> dict[str, ParagraphStyle]:
        styles = super().stylesheet()
        styles["cell_right"] = ParagraphStyle("cell_right", parent=styles["cell"], alignment=TA_RIGHT)
        styles["cell_sub"] = ParagraphStyle("cell_sub", parent=styles["cell"], leftIndent=self.font_size * 2)
        return styles

    def story(self) -> list[Flowable]:
        report = self.report
        units = [*report.units, TOTAL]
        out: list[Flowable] = [self.para(self.title(), "title"),
                               self.para(f"填报单位：{report.org_name}（{report.org_code}）", "small"),
                               self.para(f"统计期间：{report.period.label_zh()}（{report.period.start.isoformat()} 至 "
                                         f"{report.period.end.isoformat()}）　统计口径：{report.basis_zh}", "small"),
                               self.para(f"制表日期：{report.generated_on.isoformat()}", "small"),
                               Spacer(1, 3 * mm)]
        rows: list[list[Any]] = [[self.cell("类别"), self.cell("项目"), self.cell("单位"),
                                  *(self.cell(u) for u in report.units), self.cell("合计")]]
        last = None
        for f in report.figures:
            section = SECTIONS_ZH[f.section] if f.section != last else ""
            last = f.section
            rows.append([self.cell(section), self.cell(f.label_zh, "cell_sub" if f.indent else "cell"),
                         self.cell(f.unit_zh),
                         *(self.cell(_number(report.value(f.key, u), f.measure), "cell_right") for u in units)])
        rates = [report.success_rate(u) for u in units]
        rows.append([self.cell("调解成功率"), self.cell("成功数÷受理数"), self.cell("%"),
                     *(self.cell("—" if r is None else f"{r}%", "cell_right") for r in rates)])
        fixed = [22 * mm, 52 * mm, 12 * mm]
        rest = (self.frame_width - sum(fixed)) / len(units)
        out.append(self.grid(rows, [*fixed, *([rest] * len(units))], repeat=1))
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
        table: list[list[Any]] = [[self.cell(BY_KEY[k].header) for k, _ in PDF_COLUMNS]]
        for row in self.rows:
            cells = []
            for key, _ in PDF_COLUMNS:
                value = row.get(key)
                if isinstance(value, dt.date):
                    text = value.isoformat()
                elif isinstance(value, Decimal):
                    text = f"{value:,.2f}"
                else:
                    text = "" if value is None else str(value)
                cells.append(self.cell(text))
            table.append(cells)
        scale = self.frame_width / (sum(w for _, w in PDF_COLUMNS) * mm)
        out.append(self.grid(table, [w * mm * scale for _, w in PDF_COLUMNS], repeat=1))
        return out


def statistics_pdf(report: Report) -> bytes:
    return StatisticsRenderer(report).generate()


def ledger_pdf(rows: list[dict[str, Any]], *, org_name: str, subtitle: str = "") -> bytes:
    return LedgerRenderer(rows, org_name, subtitle).generate()
