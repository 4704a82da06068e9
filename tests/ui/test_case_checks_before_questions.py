"""Every check on what is typed comes before the question that locks or closes: a mediator who answers 是 is never
told afterwards that the amount, the court or the step was wrong. The window asks the service (a dry run, nothing
written) before it asks the question; these tests click the real widgets and then read the database."""

from __future__ import annotations

import datetime as dt

import pytest
from draft_answers import answer_drafts
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import func, select

from mediation_desktop.domain.china_time import china_today
from mediation_desktop.domain.enums import PartyRole, SessionResult
from mediation_desktop.domain.lifecycle import CaseAction, CaseStatus
from mediation_desktop.services import agreements, records
from mediation_desktop.services.cases import CaseInput, change_status, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Agreement, AuditEntry, Case
from mediation_desktop.ui.case.case_window import CaseWindow
from mediation_desktop.ui.case.record_dialogs import OralAgreementDialog, RecordDialog
from mediation_desktop.ui.common.confirmation_dialog import ConfirmationDialog

TODAY = china_today()


@pytest.fixture(autouse=True)
def _dates_of_the_day_the_test_runs() -> None:
    """The dates above are those of the day the module was collected; a run that passes midnight in China (16:00
    UTC) would hold the day before, while the program checks against its own today: set again before each test."""
    global TODAY
    TODAY = china_today()


def _mediating(db, director, registered: dt.date | None = None):
    parties = [PartyInput("张三"), PartyInput("李四", role=PartyRole.RESPONDENT)]
    case_id = register_case(db, director, CaseInput("neighbour", parties, summary="菜地界限",
                                                    registered_on=registered or TODAY - dt.timedelta(days=10))).case_id
    records.add_session(db, director, case_id, records.SessionInput(SessionResult.POSTPONED, record="第一次调解"))
    return case_id


def _window(qtbot, db, actor, case_id) -> CaseWindow:
    window = CaseWindow(db, actor, case_id)
    qtbot.addWidget(window)
    window.show()
    return window


def _asked(monkeypatch, owner: type) -> list[str]:
    """The yes/no questions ``owner`` asks (each answered 是)."""
    asked: list[str] = []
    monkeypatch.setattr(owner, "ask", classmethod(lambda cls, parent, text: asked.append(text) or True))
    return asked


def _written(db) -> tuple[int, int]:
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(Agreement)), s.scalar(select(func.count(AuditEntry.id)))


def _save(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_a_wrong_amount_in_the_oral_agreement_is_refused_before_the_locking_question(qtbot, db, director,
                                                                                       type_chinese, monkeypatch):
    asked = _asked(monkeypatch, RecordDialog)
    answer_drafts(monkeypatch, RecordDialog, True)
    case_id = _mediating(db, director)
    window = _window(qtbot, db, director, case_id)
    window.buttons["oral"].click()
    dialog = window.findChildren(OralAgreementDialog)[-1]
    type_chinese(dialog.terms, "李四赔偿张三菜苗损失")
    before = _written(db)
    for wrong in ("12,5OO", "-800"):  # a letter O for a zero; a negative sum
        dialog.amount.setText(wrong)
        _save(dialog)
        assert asked == [], wrong  # no “cannot be changed after” question for a form the service refuses
        assert "涉及金额" in dialog.error.text() and wrong in dialog.error.text()
        assert dialog.isVisible() and dialog.focusWidget() is dialog.amount
        assert _written(db) == before  # nothing written, not even to the log
    assert dialog.terms.toPlainText() == "李四赔偿张三菜苗损失"  # what was typed stays

    dialog.amount.setText("12,500元")
    _save(dialog)
    assert len(asked) == 1 and "锁定" in asked[0]  # the question comes once the form is right
    with db.read_session() as s:
        assert s.scalar(select(Agreement.amount)) == 12500
        assert s.get(Case, case_id).status == CaseStatus.AGREED


def test_a_late_application_without_a_court_is_refused_before_the_late_question(qtbot, db, director, monkeypatch):
    signed_on = TODAY - dt.timedelta(days=40)
    case_id = _mediating(db, director, registered=signed_on)
    aid = agreements.save_draft(db, director, case_id, agreements.AgreementInput(["李四赔偿八百元。"]))
    agreements.sign(db, director, aid, signed_on=signed_on)
    asked = _asked(monkeypatch, RecordDialog)
    window = _window(qtbot, db, director, case_id)
    window.buttons["confirmation"].click()
    dialog = window.findChildren(ConfirmationDialog)[-1]
    dialog.applied_on.setDate(QDate(TODAY.year, TODAY.month, TODAY.day))  # after the 30 days; no court typed
    _save(dialog)
    assert asked == []  # not “仍然按这个日期登记吗？” and then 请填写法院
    assert "人民法院" in dialog.error.text() and dialog.focusWidget() is dialog.court
    with db.read_session() as s:
        assert s.get(Agreement, aid).confirmation_applied_on is None


def test_a_step_the_service_refuses_is_not_asked_about(qtbot, db, director, monkeypatch):
    """The window was opened, then the case was ended elsewhere (another window, a restored backup): 终止调解
    clicked in the old window says why not, instead of 确定要“终止调解”吗？ and then no."""
    case_id = _mediating(db, director)
    window = _window(qtbot, db, director, case_id)
    asked = _asked(monkeypatch, CaseWindow)
    change_status(db, director, case_id, CaseAction.TERMINATE)
    window.buttons[CaseAction.TERMINATE.value].click()
    assert asked == []
    assert "调解不成" in window.error.text()


def test_signing_an_agreement_signed_meanwhile_is_not_asked_about(qtbot, db, director, monkeypatch):
    case_id = _mediating(db, director)
    aid = agreements.save_draft(db, director, case_id, agreements.AgreementInput(["李四赔偿八百元。"]))
    window = _window(qtbot, db, director, case_id)
    asked = _asked(monkeypatch, CaseWindow)
    monkeypatch.setattr(CaseWindow, "ask_optional_path", classmethod(lambda cls, parent, text, *_: None))
    agreements.sign(db, director, aid, signed_on=TODAY)  # signed in another window meanwhile
    window.buttons["sign"].click()
    assert asked == []  # not “确认后协议生效并锁定” for an agreement already locked
    assert window.error.text()


def test_a_closed_case_corrected_wrongly_is_refused_before_the_reason_is_asked(qtbot, db, director, monkeypatch):
    """修改登记 of a closed case asks why; a registration day after the first session is refused first, not after
    the reason was typed."""
    from mediation_desktop.domain.china_time import CHINA
    from mediation_desktop.ui.case.register_case_dialog import RegisterCaseDialog

    parties = [PartyInput("张三"), PartyInput("李四", role=PartyRole.RESPONDENT)]
    case_id = register_case(db, director, CaseInput("neighbour", parties, summary="菜地界限",
                                                    registered_on=TODAY - dt.timedelta(days=10))).case_id
    held = dt.datetime.combine(TODAY - dt.timedelta(days=5), dt.time(9), tzinfo=CHINA)
    records.add_session(db, director, case_id, records.SessionInput(SessionResult.NOT_AGREED, record="未达成协议",
                                                                    held_at=held))
    change_status(db, director, case_id, CaseAction.TERMINATE)  # 调解不成: closed
    reasons: list[str] = []
    monkeypatch.setattr(RegisterCaseDialog, "ask_reason",
                        classmethod(lambda cls, parent, text: reasons.append(text) or "登记日期写错了"))
    window = _window(qtbot, db, director, case_id)
    window.buttons["edit"].click()
    dialog = window.findChildren(RegisterCaseDialog)[-1]
    dialog.registered_on.setDate(QDate(TODAY.year, TODAY.month, TODAY.day))  # after the session: refused
    dialog.submit()
    assert reasons == []
    assert dialog.error.text() and dialog.isVisible()
    with db.read_session() as s:
        assert s.get(Case, case_id).registered_on == TODAY - dt.timedelta(days=10)
    day = TODAY - dt.timedelta(days=8)
    dialog.registered_on.setDate(QDate(day.year, day.month, day.day))
    dialog.submit()
    assert len(reasons) == 1  # a correction it takes: now the reason is asked
    with db.read_session() as s:
        assert s.get(Case, case_id).registered_on == day
