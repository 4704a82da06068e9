"""A case terminated (调解不成) and then referred (移交): both notices, each dated with its own act's day, in the 卷宗
and its 目录; the 结案报告表 and the 卷宗情况说明 tell both steps. A later step never hides an earlier one."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from mediation_desktop.cli import main
from mediation_desktop.documents import registry
from mediation_desktop.documents.registry import render_document
from mediation_desktop.documents.snapshot import TERMINATED_ON_KEY
from mediation_desktop.domain.enums import PartyRole
from mediation_desktop.domain.lifecycle import CaseAction
from mediation_desktop.services import cases
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Case
from mediation_desktop.storage.unit_of_work import UnitOfWork

TODAY = dt.date(2026, 11, 22)
TERMINATED, REFERRED = dt.date(2026, 11, 4), dt.date(2026, 11, 6)
TOWNSHIP = "石桥镇人民调解委员会"


def _text(pdf_text, pdf: bytes) -> str:
    return "".join("".join(p.split()) for p in pdf_text(pdf))


def _case(db, director, *, terminate: bool = True, refer: bool = True):
    reg = cases.register_case(db, director, cases.CaseInput(
        "contract", [PartyInput("吴长青"), PartyInput("郑国强", role=PartyRole.RESPONDENT)], summary="租金争议。",
        registered_on=dt.date(2026, 11, 2)), today=TODAY)
    if terminate:
        cases.change_status(db, director, reg.case_id, CaseAction.TERMINATE, on=TERMINATED, reason="一方拒绝继续调解")
    if refer:
        cases.refer_case(db, director, reg.case_id, to_org_code="330102", to_org_name=TOWNSHIP, reason="需镇里处理",
                         on=REFERRED)
    return reg


@pytest.mark.parametrize("archived", [False, True], ids=["referred", "archived"])
def test_a_terminated_then_referred_case_has_both_notices(db, director, archived):
    reg = _case(db, director)
    if archived:
        cases.change_status(db, director, reg.case_id, CaseAction.ARCHIVE, on=TODAY)
    fitting = registry.fitting_documents(db, reg.case_id)
    assert "termination" in fitting and "referral" in fitting and "decline" not in fitting
    render_document(db, "referral", reg.case_id, today=TODAY)  # (was refused: 「没有移交，不能出具移送告知书。」)


def test_a_case_referred_while_open_has_no_termination_notice(db, director):
    reg = _case(db, director, terminate=False)
    fitting = registry.fitting_documents(db, reg.case_id)
    assert "referral" in fitting and "termination" not in fitting


def test_each_notice_is_dated_with_the_day_of_its_own_act(db, director, pdf_text):
    reg = _case(db, director)
    termination = _text(pdf_text, render_document(db, "termination", reg.case_id, today=TODAY))
    referral = _text(pdf_text, render_document(db, "referral", reg.case_id, today=TODAY))
    assert "2026年11月4日" in termination and "2026年11月6日" not in termination
    assert "本委员会于2026年11月6日将" in referral and TOWNSHIP in referral


def test_a_termination_from_before_the_day_was_kept_is_dated_from_the_audit_log(db, director, pdf_text):
    reg = _case(db, director, refer=False)
    with UnitOfWork(db, actor="test", action="test.old_termination") as uow:  # as terminated by an older version
        case = uow.session.get(Case, reg.case_id)
        case.extra = {k: v for k, v in case.extra.items() if k != TERMINATED_ON_KEY}
        uow.commit()
    cases.refer_case(db, director, reg.case_id, to_org_code="330102", to_org_name=TOWNSHIP, reason="需镇里处理",
                     on=REFERRED)
    termination = _text(pdf_text, render_document(db, "termination", reg.case_id, today=TODAY))
    assert "2026年11月4日" in termination and "2026年11月6日" not in termination


def test_reopening_takes_the_termination_day_away(db, director):
    reg = _case(db, director, refer=False)
    cases.change_status(db, director, reg.case_id, CaseAction.REOPEN, reason="当事人同意再调")
    with db.read_session() as s:
        assert TERMINATED_ON_KEY not in (s.scalar(select(Case.extra).where(Case.id == reg.case_id)) or {})


def test_the_case_file_holds_both_notices_and_tells_both_steps(db, director, pdf_text):
    from mediation_desktop.documents.bundle import number_rows, plan_case_file

    reg = _case(db, director)
    cases.change_status(db, director, reg.case_id, CaseAction.ARCHIVE, on=TODAY)
    plan = plan_case_file(db, reg.case_id, TODAY)
    number_rows(plan)
    rows = {row.key: row for row in plan.rows}
    assert rows["termination"].first and rows["referral"].first == rows["termination"].first + 1
    contents = _text(pdf_text, render_document(db, "contents", reg.case_id, today=TODAY))
    assert "终止人民调解通知书" in contents and "人民调解纠纷移送告知书" in contents
    report = _text(pdf_text, render_document(db, "closing_report", reg.case_id, today=TODAY))
    assert f"调解不成，于2026年11月4日终止调解；2026年11月6日移交{TOWNSHIP}" in report
    whole = _text(pdf_text, render_document(db, "casefile", reg.case_id, today=TODAY))
    assert f"本委员会于2026年11月4日终止调解，并于2026年11月6日将该纠纷移交{TOWNSHIP}" in whole


def test_the_command_line_prints_the_referral_notice(db, director, paths, tmp_path, capsys):
    reg = _case(db, director)
    out = tmp_path / "移送告知书.pdf"
    assert main(["--data-dir", str(paths.root), "pdf", "referral", reg.case_no, "--out", str(out)]) == 0
    assert out.exists() and "已生成" in capsys.readouterr().out
