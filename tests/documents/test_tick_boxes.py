"""A tick box stays with its label: no line of a printed form ends with 「□」 or 「■」 (the 受理登记表's 案件来源 broke
「□」 from 「④公安机关委托移送」 at the line end), read back from the PDF."""

from __future__ import annotations

import datetime as dt

import pytest

from mediation_desktop.documents.linebreak import break_rules
from mediation_desktop.documents.registry import render_document
from mediation_desktop.domain.enums import CaseSource, PartyRole, Performance, SessionResult
from mediation_desktop.services import cases, records
from mediation_desktop.services.parties import PartyInput

TODAY = dt.date(2026, 11, 22)
CN = dt.timezone(dt.timedelta(hours=8))


def _lines(pdf_text, pdf: bytes) -> list[str]:
    return [line.strip() for page in pdf_text(pdf) for line in page.splitlines() if line.strip()]


@pytest.mark.parametrize("source", [CaseSource.APPLICATION, CaseSource.PETITIONS])
def test_no_line_of_the_forms_ends_with_a_box(db, director, pdf_text, source):
    reg = cases.register_case(db, director, cases.CaseInput(
        "damages", [PartyInput("张建华"), PartyInput("李小雨", role=PartyRole.RESPONDENT)], summary="骑车撞伤。",
        source=source, source_detail="镇信访办转来" if source == CaseSource.PETITIONS else "",
        registered_on=dt.date(2026, 9, 25)), today=TODAY)
    records.add_session(db, director, reg.case_id, records.SessionInput(
        SessionResult.AGREED, record="达成协议。", held_at=dt.datetime(2026, 10, 8, 14, tzinfo=CN), back_to_back=True))
    records.add_follow_up(db, director, reg.case_id, records.FollowUpInput(
        Performance.PARTIAL, visitee="张建华", visited_on=dt.date(2026, 10, 25), satisfied=True))
    for doc in ("acceptance", "session", "followup"):
        lines = _lines(pdf_text, render_document(db, doc, reg.case_id, today=TODAY))
        assert not [x for x in lines if x.endswith(("□", "■"))], doc
    acceptance = _lines(pdf_text, render_document(db, "acceptance", reg.case_id, today=TODAY))
    for option in ("②人民调解委员会主动调解", "④公安机关委托移送", "⑦其他部门委托移送"):
        assert [x for x in acceptance if "□" + option in x.replace(" ", "").replace("　", "")], option


def test_a_box_is_never_a_line_end_and_its_label_is_kept_whole():
    text = "■①当事人申请　□②人民调解委员会主动调解"
    strict, medium, loose = break_rules(text)
    for rules in (strict, medium, loose):  # no break right after a box, however tight the line
        assert not rules[1] and not rules[text.index("□") + 1]
    start = text.index("□")
    assert not any(strict[start + 1:len(text)])  # the option is one piece while the line holds it
