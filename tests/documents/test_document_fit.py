"""A document is made only for a case in the state it describes: no 终止人民调解通知书 for a settled case, no
司法确认申请书 for an unsigned draft, … — through the registry, the command line and the list the window offers."""

from __future__ import annotations

import datetime as dt

import pytest

from mediation_desktop.cli import main
from mediation_desktop.documents.registry import fitting_documents, render_document
from mediation_desktop.domain.enums import CaseSource, PartyRole, Performance, SessionResult
from mediation_desktop.domain.lifecycle import CaseAction
from mediation_desktop.errors import MediationError
from mediation_desktop.services import agreements, cases, records
from mediation_desktop.services.parties import PartyInput

DAY = dt.date(2026, 11, 2)


def _case(db, director, *, source=CaseSource.APPLICATION):
    reg = cases.register_case(db, director, cases.CaseInput(
        "neighbour", [PartyInput("张三"), PartyInput("李䶮", role=PartyRole.RESPONDENT)], summary="菜地界限纠纷",
        source=source, registered_on=DAY), today=DAY)
    return reg


def _settled_orally_and_performed(db, director):
    """The reviewer's 第2号: an oral agreement, performed."""
    reg = _case(db, director)
    records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.AGREED, record="双方同意"))
    agreements.record_oral(db, director, reg.case_id, agreements.AgreementInput(["李䶮当面道歉"]), reached_on=DAY)
    records.add_follow_up(db, director, reg.case_id, records.FollowUpInput(Performance.DONE, "张三",
                                                                           visited_on=DAY + dt.timedelta(days=5)))
    return reg


def _signed(db, director):
    reg = _case(db, director)
    records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.AGREED, record="双方同意"))
    aid = agreements.save_draft(db, director, reg.case_id, agreements.AgreementInput(["重新划界"]))
    agreements.sign(db, director, aid, signed_on=DAY)
    return reg


def _failed(db, director):
    reg = _case(db, director)
    records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.NOT_AGREED, record="分歧大"))
    cases.change_status(db, director, reg.case_id, CaseAction.TERMINATE, on=DAY, reason="分歧过大")
    return reg


def _text(pdf_text, pdf: bytes) -> str:
    return "".join("".join(p.split()) for p in pdf_text(pdf))


def test_no_termination_notice_for_a_settled_case(db, director):
    reg = _settled_orally_and_performed(db, director)
    with pytest.raises(MediationError) as e:
        render_document(db, "termination", reg.case_id)
    assert e.value.key == "document.not_terminated" and e.value.params["case_no"] == reg.case_no
    assert "termination" not in fitting_documents(db, reg.case_id)
    cases.change_status(db, director, reg.case_id, CaseAction.ARCHIVE)  # archived after performance: still settled
    with pytest.raises(MediationError):
        render_document(db, "termination", reg.case_id)


@pytest.mark.parametrize(("lang", "expected"), [("zh", "不能出具终止人民调解通知书"), ("en", "no notice of termination")])
def test_command_line_refuses_the_notice_with_one_clear_line(db, director, paths, tmp_path, capsys, lang, expected):
    reg = _settled_orally_and_performed(db, director)
    out = tmp_path / "t.pdf"
    assert main(["--lang", lang, "--data-dir", str(paths.root), "pdf", "termination", reg.case_no,
                 "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert expected in err and reg.case_no in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_termination_notice_for_a_failed_case_also_once_archived(db, director, pdf_text):
    reg = _failed(db, director)
    text = _text(pdf_text, render_document(db, "termination", reg.case_id))
    assert "终止人民调解通知书" in text and "本委员会决定终止调解" in text
    cases.change_status(db, director, reg.case_id, CaseAction.ARCHIVE)
    assert "终止人民调解通知书" in _text(pdf_text, render_document(db, "termination", reg.case_id))
    fitting = fitting_documents(db, reg.case_id)
    assert "termination" in fitting and "agreement" not in fitting and "followup" not in fitting
    assert "confirmation" not in fitting and "oral" not in fitting


def test_archived_settled_case_reopened_and_then_failed_gets_the_notice(db, director):
    """The outcome comes from the case's history, not from a signed agreement still on file."""
    reg = _signed(db, director)
    cases.change_status(db, director, reg.case_id, CaseAction.ARCHIVE)
    assert "termination" not in fitting_documents(db, reg.case_id)
    cases.change_status(db, director, reg.case_id, CaseAction.REOPEN, reason="一方反悔，重新调解")
    cases.change_status(db, director, reg.case_id, CaseAction.TERMINATE)
    cases.change_status(db, director, reg.case_id, CaseAction.ARCHIVE)
    assert "termination" in fitting_documents(db, reg.case_id)


def test_judicial_confirmation_only_for_a_signed_written_agreement(db, director, pdf_text):
    reg = _case(db, director)
    records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.AGREED, record="双方同意"))
    aid = agreements.save_draft(db, director, reg.case_id, agreements.AgreementInput(["重新划界"]))
    fitting = fitting_documents(db, reg.case_id)
    assert "agreement" in fitting  # the draft is printed to be signed
    assert "confirmation" not in fitting and "termination" not in fitting and "followup" not in fitting
    with pytest.raises(MediationError) as e:
        render_document(db, "confirmation", reg.case_id)
    assert e.value.key == "document.no_signed_agreement"
    agreements.sign(db, director, aid, signed_on=DAY)
    text = _text(pdf_text, render_document(db, "confirmation", reg.case_id))
    assert "司法确认申请书" in text and "2026年11月2日" in text
    assert {"confirmation", "followup", "agreement"} <= set(fitting_documents(db, reg.case_id))


def test_what_a_case_in_each_state_is_offered(db, director):
    open_case = _case(db, director)
    assert fitting_documents(db, open_case.case_id) == [
        "cover", "contents", "application", "acceptance", "notice", "investigation", "evidence", "session", "casefile"]
    initiative = _case(db, director, source=CaseSource.INITIATIVE)
    assert "application" not in fitting_documents(db, initiative.case_id)  # no application: the register instead
    with pytest.raises(MediationError) as e:
        render_document(db, "application", initiative.case_id)
    assert e.value.key == "document.not_applied"
    oral = _settled_orally_and_performed(db, director)
    assert fitting_documents(db, oral.case_id) == [
        "cover", "contents", "application", "acceptance", "notice", "evidence", "session", "oral", "followup",
        "closing_report", "casefile"]
    declined = cases.register_case(db, director, cases.CaseInput(
        "neighbour", [PartyInput("王五"), PartyInput("赵六", role=PartyRole.RESPONDENT)], accept=False))
    cases.change_status(db, director, declined.case_id, CaseAction.DECLINE)
    assert fitting_documents(db, declined.case_id) == ["cover", "contents", "application", "evidence", "decline",
                                                       "closing_report", "casefile"]
    with pytest.raises(MediationError) as e:
        render_document(db, "acceptance", declined.case_id)
    assert e.value.key == "document.case_declined"
