"""卷宗封面: its 立卷人 is who bound the file (归档), read back from the PDF."""

from __future__ import annotations

import datetime as dt

from mediation_desktop.documents.registry import render_document
from mediation_desktop.documents.snapshot import ARCHIVED_BY_KEY
from mediation_desktop.domain.enums import PartyRole, SessionResult
from mediation_desktop.domain.lifecycle import CaseAction
from mediation_desktop.services import cases, records
from mediation_desktop.services.accounts import SYSTEM
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Case

DAY = dt.date(2026, 11, 2)


def _failed(db, director):
    reg = cases.register_case(db, director, cases.CaseInput(
        "neighbour", [PartyInput("张三"), PartyInput("李䶮", role=PartyRole.RESPONDENT)], summary="菜地界限纠纷",
        registered_on=DAY, mediator_name="赵调解", recorder_name="钱记录"), today=DAY)
    records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.NOT_AGREED, record="分歧大"))
    cases.change_status(db, director, reg.case_id, CaseAction.TERMINATE, on=DAY, reason="分歧过大")
    return reg


def _cover(db, pdf_text, case_id) -> str:
    return "".join("".join(p.split()) for p in pdf_text(render_document(db, "cover", case_id)))


def test_the_cover_names_who_bound_the_file(db, director, pdf_text):
    reg = _failed(db, director)
    assert "立卷人立卷日期" in _cover(db, pdf_text, reg.case_id)  # not bound yet: written by hand
    cases.change_status(db, director, reg.case_id, CaseAction.ARCHIVE, on=DAY + dt.timedelta(days=3))
    assert "立卷人王建国立卷日期2026年11月5日" in _cover(db, pdf_text, reg.case_id)
    cases.change_status(db, director, reg.case_id, CaseAction.REOPEN, reason="补充材料")
    with db.read_session() as s:
        assert ARCHIVED_BY_KEY not in (s.get(Case, reg.case_id).extra or {})


def test_a_case_bound_before_the_name_was_kept_takes_it_from_the_log(db, director, pdf_text):
    reg = _failed(db, director)
    cases.change_status(db, director, reg.case_id, CaseAction.ARCHIVE, on=DAY)
    with db.write_session() as s:  # as a case archived by an older version: no name kept with it
        case = s.get(Case, reg.case_id)
        case.extra = {k: v for k, v in (case.extra or {}).items() if k != ARCHIVED_BY_KEY}
        s.commit()
    assert "立卷人王建国立卷日期" in _cover(db, pdf_text, reg.case_id)


def test_no_known_binder_leaves_the_line_for_handwriting(db, director, pdf_text):
    reg = _failed(db, director)
    cases.change_status(db, SYSTEM, reg.case_id, CaseAction.ARCHIVE, on=DAY)
    text = _cover(db, pdf_text, reg.case_id)
    assert "立卷人立卷日期" in text and "系统" not in text and "钱记录" not in text
