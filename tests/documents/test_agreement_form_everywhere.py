"""协议形式 (书面 / 口头) by one rule (domain.agreement_form): the 结案报告表 ticks it, the 卷宗情况说明 says it, the 台账
row lists it and the statistics count it — the same form for a case holding a written and an oral agreement, or a
draft beside a signed one. Read back from the PDFs."""

from __future__ import annotations

import datetime as dt

import pytest

from mediation_desktop.documents.registry import render_document
from mediation_desktop.domain.enums import PartyRole
from mediation_desktop.domain.lifecycle import CaseAction
from mediation_desktop.reports import ledger, statistics
from mediation_desktop.reports.periods import parse_period
from mediation_desktop.services import agreements, cases
from mediation_desktop.services.parties import PartyInput

TODAY = dt.date(2026, 11, 22)
SIGNED = dt.date(2026, 10, 8)
BOXES = {"written": "■书面□口头", "oral": "□书面■口头", "": "□书面□口头"}
SAID = {"written": "当事人达成书面调解协议", "oral": "当事人达成口头调解协议"}
LEDGER = {"written": "书面", "oral": "口头", "": ""}


def _text(pdf_text, pdf: bytes) -> str:
    return "".join("".join(p.split()) for p in pdf_text(pdf))


def _terms(text: str = "张建华赔偿李小雨医疗费2000元。") -> agreements.AgreementInput:
    return agreements.AgreementInput([text], facts="骑车撞伤。", performance_method="现金")


def _written(db, director, case_id) -> None:
    agreements.sign(db, director, agreements.save_draft(db, director, case_id, _terms()), signed_on=SIGNED)


def _oral(db, director, case_id) -> None:
    agreements.record_oral(db, director, case_id, _terms(), reached_on=SIGNED)


def _draft(db, director, case_id) -> None:
    agreements.save_draft(db, director, case_id, _terms("张建华赔偿李小雨医疗费2500元。"))


def _failed(db, director, case_id) -> None:
    cases.change_status(db, director, case_id, CaseAction.MEDIATE, on=SIGNED)
    cases.change_status(db, director, case_id, CaseAction.TERMINATE, on=SIGNED, reason="双方分歧过大。")


# steps on one case → the form every paper and figure must tell
STORIES = {
    "written": ((_written,), "written"),
    "oral": ((_oral,), "oral"),
    # a 协议书 drafted after the oral agreement was recorded, never signed: still an oral agreement
    "oral_then_written_draft": ((_oral, _draft), "oral"),
    # an oral agreement recorded after the 协议书 was signed: the case has a written agreement (the statistics count
    # it as 书面协议, the 台账 said 口头)
    "written_then_oral": ((_written, _oral), "written"),
    "terminated": ((_failed,), ""),
}


@pytest.mark.parametrize("story", sorted(STORIES))
def test_every_paper_and_figure_tells_the_same_agreement_form(db, director, pdf_text, story):
    steps, form = STORIES[story]
    reg = cases.register_case(db, director, cases.CaseInput(
        "damages", [PartyInput("张建华"), PartyInput("李小雨", role=PartyRole.RESPONDENT)], summary="骑车撞伤。",
        registered_on=dt.date(2026, 9, 25)), today=TODAY)
    for step in steps:
        step(db, director, reg.case_id)
    report = _text(pdf_text, render_document(db, "closing_report", reg.case_id, today=TODAY))
    assert "协议形式" + BOXES[form] in report
    whole = _text(pdf_text, render_document(db, "casefile", reg.case_id, today=TODAY))
    for key, said in SAID.items():
        assert (said in whole) == (key == form), said
    assert ledger.ledger_rows(db)[0]["agreement_form"] == LEDGER[form]
    figures = statistics.compute(db, parse_period("2026"), use_summary=False)
    assert (figures.value("agr:written"), figures.value("agr:oral")) == (int(form == "written"), int(form == "oral"))
