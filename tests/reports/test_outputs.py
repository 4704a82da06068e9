"""The report and the ledger as files: read back with openpyxl (xlsx) and pypdf (PDF)."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

from openpyxl import load_workbook
from pypdf import PdfReader

from mediation_desktop.reports import statistics
from mediation_desktop.reports.figures import FIGURES
from mediation_desktop.reports.ledger import COLUMNS, ledger_csv, ledger_rows
from mediation_desktop.reports.pdf import ledger_pdf, statistics_pdf
from mediation_desktop.reports.periods import Basis, parse_period
from mediation_desktop.reports.xlsx import ledger_xlsx, statistics_xlsx


def _report(dataset, spec="2026", by=Basis.ACCEPTED):
    return statistics.compute(dataset.db, parse_period(spec), by, today=dt.date(2026, 11, 22))


def test_statistics_xlsx_reads_back_with_numbers_as_numbers(dataset):
    report = _report(dataset)
    months = statistics.month_counts(dataset.db, report.period)
    wb = load_workbook(io.BytesIO(statistics_xlsx(report, months=months)))
    ws = wb["统计表"]
    assert ws["A1"].value == "人民调解工作统计表"
    assert "2026年" in ws["A2"].value and "按受理日期统计" in ws["A2"].value
    assert [c.value for c in ws[3]] == ["类别", "项目", "单位", "合计"]
    assert ws.freeze_panes == "D4"
    by_label = {}
    for row in ws.iter_rows(min_row=4, values_only=True):
        by_label[row[1]] = row[3]
    for f in FIGURES:
        value = by_label[f.label_zh]
        assert isinstance(value, int | float), f.key
        expected = report.value(f.key)
        assert (Decimal(str(value)).quantize(Decimal("0.01")) if f.measure == "amount" else value) == expected, f.key
    rate = by_label["调解成功率（成功数÷受理数）"]
    assert abs(rate * 100 - float(report.success_rate() or 0)) < 0.006
    wm = wb["按月"]
    assert sum(r[1] for r in wm.iter_rows(min_row=2, values_only=True)) == report.value("cases")


def test_ledger_xlsx_has_chinese_headers_frozen_row_dates_and_numbers(dataset):
    rows = ledger_rows(dataset.db)
    wb = load_workbook(io.BytesIO(ledger_xlsx(rows)))
    ws = wb["台账"]
    assert [c.value for c in ws[1]] == [c.header for c in COLUMNS]
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["B"].width >= 20  # case numbers are long
    head = [c.header for c in COLUMNS]
    accepted = ws.cell(row=2, column=head.index("受理日期") + 1)
    assert isinstance(accepted.value, dt.datetime) and accepted.number_format == "yyyy-mm-dd"
    assert accepted.value.date() == rows[0]["accepted_on"]
    amounts = [ws.cell(row=r, column=head.index("涉及金额（元）") + 1) for r in range(2, ws.max_row + 1)]
    assert any(isinstance(a.value, float) for a in amounts)
    assert all(a.value is None or isinstance(a.value, int | float) for a in amounts)
    assert ws.max_row == len(rows) + 1
    assert isinstance(ws.cell(row=2, column=1).value, int)


def test_statistics_pdf_text_and_fonts(dataset):
    report = _report(dataset, "2026-Q3")
    pdf = statistics_pdf(report)
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "人民调解工作统计表" in text
    assert "2026年第三季度" in text and "按受理日期统计" in text
    assert f"共 {len(reader.pages)} 页" in text and "第 1 页" in text
    assert "其中：拖欠农民工工资" in text and "防止民转刑" in text
    numbers = re.findall(r"^\s*([\d,]+(?:\.\d\d)?)\s*$", text, re.M)
    assert f"{report.value('cases'):,}" in numbers
    assert f"{report.success_rate()}%" in text
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]  # embedded TrueType


def test_ledger_pdf_draws_rare_names(dataset):
    rows = ledger_rows(dataset.db)
    rows[0]["applicants"] = "𠮷田、郑㛃"
    pdf = ledger_pdf(rows, org_name="石桥村人民调解委员会", subtitle="2026年")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "人民调解案件台账" in text and "𠮷田" in text and "郑㛃" in text
    assert rows[1]["case_no"] in text.replace("\n", "")


def test_ledger_csv_opens_in_excel(dataset):
    data = ledger_csv(ledger_rows(dataset.db))
    assert data.startswith("\ufeff".encode())
    first = data.decode("utf-8-sig").splitlines()[0].split(",")
    assert first == [c.header for c in COLUMNS]
