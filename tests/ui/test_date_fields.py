"""Every date field keeps exactly the date typed over it (Ctrl+A, then 年-月-日), or refuses it where it can be
seen: the day the record is of is what is stored."""

from __future__ import annotations

import datetime as dt

import pytest
from draft_answers import answer_drafts
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QCalendarWidget, QDateTimeEdit, QDialogButtonBox
from sqlalchemy import select

from mediation_desktop.domain.china_time import china_today
from mediation_desktop.domain.enums import PartyRole, SessionResult
from mediation_desktop.services import agreements, records
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Agreement, FollowUp, MediationSession
from mediation_desktop.ui.admin.audit_view import AuditView
from mediation_desktop.ui.case.agreement_dialog import AgreementDialog
from mediation_desktop.ui.case.case_window import CaseWindow
from mediation_desktop.ui.case.record_dialogs import (
    FollowUpDialog,
    InvestigationDialog,
    OralAgreementDialog,
    SessionDialog,
)
from mediation_desktop.ui.case.register_case_dialog import RegisterCaseDialog
from mediation_desktop.ui.case.terms_editor import TermsEditor
from mediation_desktop.ui.common.confirmation_dialog import ConfirmationDialog
from mediation_desktop.ui.common.date_field import DateField, MomentField, china_day
from mediation_desktop.ui.hub.dashboard import DashboardPage

TODAY = china_today()
PAST = TODAY - dt.timedelta(days=400)  # another year than the field shows: Qt used to keep its own
LATER = TODAY + dt.timedelta(days=400)


@pytest.fixture(autouse=True)
def _dates_of_the_day_the_test_runs() -> None:
    """The dates above are those of the day the module was collected; a run that passes midnight in China (16:00
    UTC) would hold the day before, while the program checks against its own today: set again before each test."""
    global TODAY, PAST, LATER
    TODAY = china_today()
    PAST = TODAY - dt.timedelta(days=400)
    LATER = TODAY + dt.timedelta(days=400)


def _case(db, actor, *, agreed=False, signed=False):
    case_id = register_case(db, actor, CaseInput("neighbour", [
        PartyInput("张三"), PartyInput("李四", role=PartyRole.RESPONDENT)], summary="两家菜地界限不清",
        registered_on=PAST - dt.timedelta(days=100))).case_id  # (its records are dated from then on)
    if agreed or signed:
        records.add_session(db, actor, case_id, records.SessionInput(SessionResult.AGREED, record="双方同意"))
        aid = agreements.save_draft(db, actor, case_id, agreements.AgreementInput(terms=["李四赔偿800元"]))
        if signed:
            agreements.sign(db, actor, aid, signed_on=PAST - dt.timedelta(days=10))
    return case_id


def type_over(qtbot, field: QDateTimeEdit, text: str) -> None:
    """Select the whole field and type, as people do."""
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


_KEPT: list = []


@pytest.fixture(autouse=True)
def _forget_forms(monkeypatch):
    from mediation_desktop.ui.case.record_dialogs import RecordDialog

    monkeypatch.setattr(RecordDialog, "ask", classmethod(lambda cls, parent, text: False))  # drafts: not kept
    answer_drafts(monkeypatch, RecordDialog, False)
    yield
    _KEPT.clear()


def _fields(qtbot, db, director):
    """Every date field of the window: (name, field), each in its form."""
    case_id = _case(db, director)
    agreed = _case(db, director, agreed=True)
    signed = _case(db, director, signed=True)
    found = []
    for name, widget in (("investigation", InvestigationDialog(db, director, case_id)),
                         ("session", SessionDialog(db, director, case_id)),
                         ("oral", OralAgreementDialog(db, director, agreed)),
                         ("follow_up", FollowUpDialog(db, director, signed)),
                         ("registration", RegisterCaseDialog(db, director)),
                         ("audit", AuditView(db)),
                         ("dashboard", DashboardPage(db, director, load=False)),
                         ("agreement", AgreementDialog(db, director, agreed)),
                         ("case_window", CaseWindow(db, director, agreed))):
        qtbot.addWidget(widget)
        _KEPT.append(widget)  # (qtbot keeps only a weak reference)
        for terms in widget.findChildren(TermsEditor):  # (本项履行期限 is open once a term has its own day ticked)
            terms.entry.setText("李四向张三还款5000元")
            terms.add_from_entry()
            terms.deadline_check.setChecked(True)
        found += [(f"{name}.{i}", f) for i, f in enumerate(widget.findChildren(QDateTimeEdit))]
    with db.read_session() as s:
        agreement = s.scalars(select(Agreement).where(Agreement.case_id == signed)).one()
    dialog = ConfirmationDialog(db, director, signed, agreement)
    dialog.ruling.setCurrentIndex(dialog.ruling.findData("confirmed"))  # (its 确认日期 is asked then)
    qtbot.addWidget(dialog)
    _KEPT.append(dialog)
    found += [(f"confirmation.{i}", f) for i, f in enumerate(dialog.findChildren(QDateTimeEdit))]
    return found


def test_every_date_field_keeps_the_date_typed_over_it(qtbot, db, director):
    fields = _fields(qtbot, db, director)
    assert len(fields) >= 13  # (a new date field is found here by itself)
    for name, field in fields:
        assert isinstance(field, DateField | MomentField), f"{name}: a bare {type(field).__name__}"
        assert field.isEnabled(), f"{name}: closed (open it as a user would before typing)"
        field.show()
        if isinstance(field, MomentField):
            type_over(qtbot, field, f"{PAST.isoformat()} 09:30")
            assert field.text() == f"{PAST.isoformat()} 09:30", name
        else:
            type_over(qtbot, field, PAST.isoformat())
            assert field.text() == PAST.isoformat(), name
        assert field.date() == _qdate(PAST), name


def test_a_day_the_field_does_not_take_stays_typed_and_is_refused_visibly(qtbot, db, director):
    for name, field in _fields(qtbot, db, director):
        if field.rule.latest is None:
            continue
        field.show()
        type_over(qtbot, field, LATER.isoformat() + (" 09:30" if isinstance(field, MomentField) else ""))
        assert field.date() == _qdate(LATER), name  # not silently changed into another day
        assert field.problem() and "不能晚于" in field.toolTip() and "b00020" in field.styleSheet(), name


@pytest.mark.parametrize("typed", ["2026-13-01", "2026-02-30", "2026-00-10"])
def test_a_digit_that_fits_no_date_is_refused_visibly(qtbot, typed):
    field = DateField(QDate(2024, 5, 6))
    qtbot.addWidget(field)
    field.show()
    type_over(qtbot, field, typed)
    assert field.problem() and "年-月-日" in field.toolTip()
    type_over(qtbot, field, "2026-12-15")  # typed again: taken
    assert field.problem() is None and field.date() == QDate(2026, 12, 15)


def test_the_agreement_deadline_typed_is_the_one_stored_and_printed(qtbot, db, director):
    case_id = _case(db, director, agreed=True)
    dialog = AgreementDialog(db, director, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.has_deadline, Qt.MouseButton.LeftButton)
    type_over(qtbot, dialog.deadline, LATER.isoformat())
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    with db.read_session() as s:
        assert s.scalars(select(Agreement).where(Agreement.case_id == case_id)).one().performance_deadline == LATER


def test_session_and_follow_up_store_the_day_typed_and_refuse_a_future_one(qtbot, db, director):
    case_id = _case(db, director)
    session = SessionDialog(db, director, case_id)
    qtbot.addWidget(session)
    session.show()
    session.record.setPlainText("双方各自陈述")
    session.result_box.setCurrentIndex(session.result_box.findData(SessionResult.POSTPONED.value))
    type_over(qtbot, session.held_at, f"{LATER.isoformat()} 09:30")
    session.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert "不能晚于" in session.error.text() and session.isVisible()
    type_over(qtbot, session.held_at, f"{PAST.isoformat()} 09:30")
    session.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    signed = _case(db, director, signed=True)
    follow_up = FollowUpDialog(db, director, signed)
    qtbot.addWidget(follow_up)
    follow_up.show()
    follow_up.visitee.setText("张三")
    follow_up.performance.setCurrentIndex(0)
    follow_up.satisfied.setCurrentIndex(0)
    type_over(qtbot, follow_up.visited_on, PAST.isoformat())
    follow_up.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    with db.read_session() as s:
        held = s.scalars(select(MediationSession).where(MediationSession.case_id == case_id)).one().held_at
        from mediation_desktop.domain.china_time import in_china

        held = in_china(held)  # a typed time is China's wall clock, whatever the computer's zone
        assert held.date() == PAST and (held.hour, held.minute) == (9, 30)
        assert s.scalars(select(FollowUp)).one().visited_on == PAST


def test_future_days_look_disabled_and_cannot_be_picked(qtbot):
    field = DateField(china_day(), latest=china_day())
    qtbot.addWidget(field)
    field.show()
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton, pos=QPoint(field.width() - 6, field.height() // 2))
    calendar = field.calendarWidget()
    assert isinstance(calendar, QCalendarWidget) and calendar.isVisible()  # the drop-down arrow opened it
    tomorrow = china_day().addDays(1)
    assert calendar.maximumDate() == china_day()
    calendar.setCurrentPage(tomorrow.year(), tomorrow.month())
    grey = calendar.dateTextFormat(tomorrow).foreground().color()
    assert grey.lightness() > 150  # drawn light grey, like a disabled day
    assert calendar.dateTextFormat(china_day()).foreground().style() == Qt.BrushStyle.NoBrush
