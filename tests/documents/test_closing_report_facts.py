"""What the 结案报告表, the 卷宗情况说明, the 口头协议登记表 and the 司法确认申请书 print of the recorded facts: the 涉及金额
the 台账 and the statistics count, the judicial confirmation (court, days), a minor's 法定代理人's phone."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from mediation_desktop.documents.registry import render_document
from mediation_desktop.domain.enums import PartyRole, Performance
from mediation_desktop.domain.lifecycle import CaseAction
from mediation_desktop.reports import ledger, statistics
from mediation_desktop.reports.periods import parse_period
from mediation_desktop.services import agreements, cases, records
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Agreement

TODAY = dt.date(2026, 11, 22)
SIGNED = dt.date(2026, 10, 8)


def _text(pdf_text, pdf: bytes) -> str:
    return "".join("".join(p.split()) for p in pdf_text(pdf))


def _agreed(db, director, *, involved: str | None, agreed: str | None, oral: bool = False):
    reg = cases.register_case(db, director, cases.CaseInput(
        "damages", [PartyInput("张建华", phone="13800138001"),
                    PartyInput("李小雨", role=PartyRole.RESPONDENT, age=14, representative="李大山",
                               representative_title="父亲", representative_phone="13900139002")],
        summary="骑车撞伤。", amount_involved=involved, registered_on=dt.date(2026, 9, 25)), today=TODAY)
    terms = agreements.AgreementInput(["李大山代李小雨赔偿张建华医疗费。"], facts="骑车撞伤。", performance_method="现金",
                                      amount=agreed)
    if oral:
        agreements.record_oral(db, director, reg.case_id, terms, reached_on=SIGNED)
    else:
        agreements.sign(db, director, agreements.save_draft(db, director, reg.case_id, terms), signed_on=SIGNED)
    return reg


def test_the_amount_on_paper_is_the_one_the_ledger_and_the_statistics_count(db, director, pdf_text):
    """涉及金额 is the dispute's amount (the case's), which the 台账 lists and the statistics sum; the agreement's
    amount (what is to be paid) is another figure, kept with the agreement."""
    written = _agreed(db, director, involved="15345.67", agreed="12000")
    oral = _agreed(db, director, involved="800", agreed="200", oral=True)
    rows = {r["case_no"]: r for r in ledger.ledger_rows(db)}
    report = statistics.compute(db, parse_period("2026"), use_summary=False)
    assert report.value("amount") == Decimal("16145.67")
    for reg, doc, printed in ((written, "closing_report", "涉及金额：15,345.67元"), (oral, "oral", "涉及金额：800.00元"),
                              (oral, "closing_report", "涉及金额：800.00元")):
        assert printed in _text(pdf_text, render_document(db, doc, reg.case_id, today=TODAY)), (reg.case_no, doc)
        assert f"{rows[reg.case_no]['amount']:,.2f}" in printed


def test_no_amount_involved_prints_none_though_the_agreement_names_one(db, director, pdf_text):
    reg = _agreed(db, director, involved=None, agreed="12000")
    assert ledger.ledger_rows(db)[0]["amount"] is None
    assert "涉及金额" not in _text(pdf_text, render_document(db, "closing_report", reg.case_id, today=TODAY))


def test_the_judicial_confirmation_is_on_paper(db, director, pdf_text):
    reg = _agreed(db, director, involved="15345.67", agreed="15345.67")
    with db.read_session() as s:
        agreement_id = s.scalar(select(Agreement.id).where(Agreement.case_id == reg.case_id))
    agreements.record_confirmation(db, director, agreement_id, applied_on=dt.date(2026, 10, 20), court="西湖区人民法院",
                                   confirmed_on=dt.date(2026, 10, 30), today=TODAY)
    application = pdf_text(render_document(db, "confirmation", reg.case_id, today=TODAY))
    assert "2026年10月20日" in "".join(application[-1].split())  # the day it was applied for, above the signatures
    ruled = "已于2026年10月20日向西湖区人民法院申请司法确认，该院于2026年10月30日裁定确认协议有效"
    assert ruled in _text(pdf_text, render_document(db, "closing_report", reg.case_id, today=TODAY))
    records.add_follow_up(db, director, reg.case_id, records.FollowUpInput(
        Performance.DONE, visitee="张建华", visited_on=dt.date(2026, 11, 5)))
    cases.change_status(db, director, reg.case_id, CaseAction.ARCHIVE, on=TODAY)
    whole = _text(pdf_text, render_document(db, "casefile", reg.case_id, today=TODAY))
    assert "当事人于2026年10月20日向西湖区人民法院申请司法确认，该院于2026年10月30日裁定确认协议有效。" in whole


def test_an_application_not_yet_ruled_on_says_so(db, director, pdf_text):
    reg = _agreed(db, director, involved="100", agreed="100")
    with db.read_session() as s:
        agreement_id = s.scalar(select(Agreement.id).where(Agreement.case_id == reg.case_id))
    agreements.record_confirmation(db, director, agreement_id, applied_on=dt.date(2026, 10, 20), court="西湖区人民法院",
                                   today=TODAY)
    text = _text(pdf_text, render_document(db, "closing_report", reg.case_id, today=TODAY))
    assert "已于2026年10月20日向西湖区人民法院申请司法确认" in text and "裁定" not in text


def test_the_closing_report_gives_a_minors_guardians_phone(db, director, pdf_text):
    reg = _agreed(db, director, involved=None, agreed=None)
    text = _text(pdf_text, render_document(db, "closing_report", reg.case_id, today=TODAY))
    assert "13800138001" in text and "13900139002（法定代理人李大山）" in text
