"""台账 PDF: amounts and the header 「涉及金额（元）」 never break across lines, and a 合计 row adds them up."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from mediation_desktop.documents.linebreak import ClearParagraph, lines_of
from mediation_desktop.reports.pdf import ledger_pdf


def _rows(amounts: list[Decimal | None]) -> list[dict[str, object]]:
    return [{"seq": i, "case_no": f"（2026）石桥村人调字第{i}号", "accepted_on": dt.date(2026, 3, i % 28 + 1),
             "category": "邻里纠纷", "applicants": "钱𠮷、赵䶮", "respondents": "杭州石桥置业有限公司",
             "summary": "双方因菜地界限发生争议，多次协商未果，" * 3, "amount": amount, "mediator": "王建国",
             "outcome": "调解成功", "closed_on": dt.date(2026, 4, 1)} for i, amount in enumerate(amounts, start=1)]


def _drawn(pdf_of) -> list[list[str]]:  # type: ignore[no-untyped-def]
    seen: list[list[str]] = []
    original = ClearParagraph.breakLinesCJK

    def record(self, widths):  # type: ignore[no-untyped-def]
        result = original(self, widths)
        seen.append(lines_of(result))
        return result

    ClearParagraph.breakLinesCJK = record
    try:
        pdf_of()
    finally:
        ClearParagraph.breakLinesCJK = original
    return seen


@settings(max_examples=15, deadline=None)
@given(st.lists(st.one_of(st.none(), st.decimals(Decimal("0"), Decimal("999999999999.99"), places=2)),
                min_size=1, max_size=12))
def test_amounts_and_header_never_break_and_add_up(amounts):
    rows = _rows(amounts)
    seen = _drawn(lambda: ledger_pdf(rows, org_name="石桥村人民调解委员会", subtitle="2026年"))
    whole = {f"{a:,.2f}" for a in amounts if a is not None} | {"涉及金额（元）"}
    total = f"{sum((a for a in amounts if a is not None), Decimal(0)):,.2f}"
    for lines in seen:
        text = "".join(lines)
        if text in whole or text == total:
            assert len(lines) == 1, lines
    assert [total] in seen and ["合计（" + str(len(rows)) + "件）"] in seen


def test_total_row_is_read_back():
    from pypdf import PdfReader

    pdf = ledger_pdf(_rows([Decimal("156000"), None, Decimal("3500.50")]), org_name="石桥村人民调解委员会")
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "合计（3件）" in text and "159,500.50" in text and "涉及金额（元）" in text
