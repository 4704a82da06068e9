"""The case window, clicked through and checked in the database: the signing day chosen when the signature is
recorded, 司法确认 recorded, only the documents that fit offered, the action bar on a 1280-pixel screen, and the
English words of an action and of a status kept apart."""

from __future__ import annotations

import datetime as dt

import pytest
from draft_answers import answer_drafts
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication
from sqlalchemy import text

from mediation_desktop.domain.china_time import CHINA, china_today
from mediation_desktop.domain.deadlines import DueKind
from mediation_desktop.domain.enums import PartyRole, Performance, SessionResult
from mediation_desktop.domain.lifecycle import CaseAction, CaseStatus
from mediation_desktop.paths import resources_dir
from mediation_desktop.services import agreements, records
from mediation_desktop.services.cases import CaseInput, change_status, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.services.today import today_items
from mediation_desktop.storage.models import Agreement, Case
from mediation_desktop.ui.case.case_window import CaseWindow
from mediation_desktop.ui.case.record_dialogs import RecordDialog
from mediation_desktop.ui.common import language
from mediation_desktop.ui.common.confirmation_dialog import ConfirmationDialog
from mediation_desktop.ui.common.fonts import install_fonts

TODAY = china_today()


@pytest.fixture(autouse=True)
def _dates_of_the_day_the_test_runs() -> None:
    """The dates above are those of the day the module was collected; a run that passes midnight in China (16:00
    UTC) would hold the day before, while the program checks against its own today: set again before each test."""
    global TODAY
    TODAY = china_today()


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _mediating(db, director, registered: dt.date | None = None):
    parties = [PartyInput("张三"), PartyInput("李四", role=PartyRole.RESPONDENT)]
    reg = register_case(db, director, CaseInput("neighbour", parties, summary="菜地界限", registered_on=registered))
    records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.POSTPONED, record="第一次调解"))
    return reg


def _draft(db, director, made: dt.date, registered: dt.date | None = None):
    reg = _mediating(db, director, registered)
    aid = agreements.save_draft(db, director, reg.case_id, agreements.AgreementInput(["李四赔偿八百元。"]))
    with db.engine.begin() as conn:  # the draft was typed on ``made`` (a few days ago)
        conn.execute(text("UPDATE agreement SET created_at = :at WHERE id = :id"),
                     {"at": dt.datetime.combine(made, dt.time(10), tzinfo=dt.UTC).astimezone(dt.UTC)
                      .strftime("%Y-%m-%d %H:%M:%S.%f"), "id": aid.hex})
    return reg, aid


def _signed(db, director, signed_on: dt.date):
    reg = _mediating(db, director, registered=signed_on)
    aid = agreements.save_draft(db, director, reg.case_id, agreements.AgreementInput(["李四赔偿八百元。"]))
    agreements.sign(db, director, aid, signed_on=signed_on)
    return reg, aid


def _save(dialog) -> None:
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()


def test_a_lock_while_the_scan_is_chosen_signs_nothing(qtbot, db, director, monkeypatch):
    """The lock disables and closes the case window while its file chooser is open: the user who confirmed
    is signed out when the chooser returns, so nothing is signed in their name."""
    reg, aid = _draft(db, director, made=TODAY - dt.timedelta(days=1))
    window = CaseWindow(db, director, reg.case_id)
    qtbot.addWidget(window)
    monkeypatch.setattr(CaseWindow, "ask", classmethod(lambda cls, parent, question: True))

    def locked_meanwhile(cls, parent, question, *_skipping):
        window.setEnabled(False)  # as MainWindow.lock does, before it closes the window
        return None

    monkeypatch.setattr(CaseWindow, "ask_optional_path", classmethod(locked_meanwhile))
    window.buttons["sign"].click()
    with db.read_session() as s:
        assert s.get(Agreement, aid).status.value == "draft"


def test_the_agreement_is_signed_on_the_day_chosen(qtbot, db, director, monkeypatch):
    """The paper was signed at the parties' house on Friday; the draft was typed here only on Sunday (no power, no
    laptop there): Friday is the day it takes effect, and the day the window takes."""
    accepted, friday = TODAY - dt.timedelta(days=10), TODAY - dt.timedelta(days=7)
    reg, aid = _draft(db, director, made=TODAY - dt.timedelta(days=5), registered=accepted)
    with db.read_session() as s:
        made = s.get(Agreement, aid).created_at.astimezone(CHINA).date()
        assert s.get(Case, reg.case_id).accepted_on == accepted
    assert friday < made
    window = CaseWindow(db, director, reg.case_id)
    qtbot.addWidget(window)
    edit = window.sign_date
    assert edit.date() == _qdate(TODAY)  # default: today
    assert (edit.rule.earliest, edit.rule.latest) == (_qdate(accepted), _qdate(TODAY))  # not before acceptance
    edit.setDate(_qdate(TODAY + dt.timedelta(days=1)))
    window.buttons["sign"].click()  # never in the future: refused, nothing asked or signed
    assert "不能晚于" in window.error.text()
    edit.setDate(_qdate(friday))
    asked = []
    monkeypatch.setattr(CaseWindow, "ask", classmethod(lambda cls, parent, question: asked.append(question) or True))
    monkeypatch.setattr(CaseWindow, "ask_optional_path", classmethod(lambda cls, parent, question, *_: None))
    window.buttons["sign"].click()
    assert friday.isoformat() in asked[0]  # the question repeats the day
    with db.read_session() as s:
        a = s.get(Agreement, aid)
        assert (a.status.value, a.signed_on, a.effective_on) == ("signed", friday, friday)
        assert s.get(Case, reg.case_id).status == CaseStatus.AGREED
    assert window.error.text() == ""
    due = {i.kind: i.due_on for i in today_items(db, today=friday + dt.timedelta(days=25))}
    assert due[DueKind.JUDICIAL_CONFIRMATION] == friday + dt.timedelta(days=30)


def test_judicial_confirmation_recorded_from_the_window(qtbot, db, director, type_chinese):
    signed_on = TODAY - dt.timedelta(days=26)  # the 30 days end in four days: the today view reminds
    reg, aid = _signed(db, director, signed_on)
    assert DueKind.JUDICIAL_CONFIRMATION in {i.kind for i in today_items(db)}
    window = CaseWindow(db, director, reg.case_id)
    qtbot.addWidget(window)
    assert window.buttons["confirmation"].text() == "司法确认…"
    assert (signed_on + dt.timedelta(days=30)).isoformat() in window.views[3].toPlainText()  # the last day shown
    window.buttons["confirmation"].click()
    dialog = window.findChildren(ConfirmationDialog)[-1]
    assert (signed_on + dt.timedelta(days=30)).isoformat() in dialog.info.text()
    dialog.applied_on.setDate(_qdate(TODAY - dt.timedelta(days=1)))
    _save(dialog)
    assert "人民法院" in dialog.error.text()  # no court: said, nothing saved
    with db.read_session() as s:
        assert s.get(Agreement, aid).confirmation_applied_on is None
    type_chinese(dialog.court, "西湖区人民法院")
    _save(dialog)
    with db.read_session() as s:
        a = s.get(Agreement, aid)
        assert (a.confirmation_applied_on, a.confirmation_court, a.confirmed_on) == (
            TODAY - dt.timedelta(days=1), "西湖区人民法院", None)
    assert DueKind.JUDICIAL_CONFIRMATION not in {i.kind for i in today_items(db)}  # the reminder is gone
    assert "西湖区人民法院" in window.views[3].toPlainText()

    # later: the court confirmed the agreement valid
    window.buttons["confirmation"].click()
    dialog = window.findChildren(ConfirmationDialog)[-1]
    assert dialog.court.text() == "西湖区人民法院" and not dialog.confirmed_on.isEnabled()
    dialog.ruling.setCurrentIndex(dialog.ruling.findData("confirmed"))
    assert dialog.confirmed_on.isEnabled()
    dialog.confirmed_on.setDate(_qdate(TODAY))
    _save(dialog)
    with db.read_session() as s:
        assert s.get(Agreement, aid).confirmed_on == TODAY


def test_a_late_application_asks_before_it_is_recorded(qtbot, db, director, monkeypatch, type_chinese):
    signed_on = TODAY - dt.timedelta(days=40)
    reg, aid = _signed(db, director, signed_on)
    window = CaseWindow(db, director, reg.case_id)
    qtbot.addWidget(window)
    window.buttons["confirmation"].click()
    dialog = window.findChildren(ConfirmationDialog)[-1]
    type_chinese(dialog.court, "西湖区人民法院")
    asked = []
    monkeypatch.setattr(RecordDialog, "ask", classmethod(lambda cls, parent, question: asked.append(question) or False))
    answer_drafts(monkeypatch, RecordDialog, False, asked)
    _save(dialog)
    assert (signed_on + dt.timedelta(days=30)).isoformat() in asked[0]
    with db.read_session() as s:
        assert s.get(Agreement, aid).confirmation_applied_on is None  # said no: nothing recorded
    monkeypatch.setattr(RecordDialog, "ask", classmethod(lambda cls, parent, question: True))
    answer_drafts(monkeypatch, RecordDialog, True)
    _save(dialog)
    with db.read_session() as s:
        assert s.get(Agreement, aid).confirmation_applied_on == TODAY


def test_no_confirmation_step_without_a_signed_written_agreement(qtbot, db, director):
    reg, _aid = _draft(db, director, made=TODAY)
    window = CaseWindow(db, director, reg.case_id)
    qtbot.addWidget(window)
    assert not window.buttons["confirmation"].isEnabled() and window.buttons["sign"].isEnabled()


def _offered(window, monkeypatch) -> list[str]:
    offered: list[list[str]] = []
    monkeypatch.setattr(CaseWindow, "ask_item",
                        classmethod(lambda cls, parent, question, items: offered.append(items) or None))
    window.buttons["pdf"].click()
    return offered[-1]


def test_only_the_documents_that_fit_are_offered(qtbot, db, director, monkeypatch):
    settled = _mediating(db, director)
    agreements.record_oral(db, director, settled.case_id, agreements.AgreementInput(["李四当面道歉"]))
    records.add_follow_up(db, director, settled.case_id, records.FollowUpInput(Performance.DONE, "张三"))
    window = CaseWindow(db, director, settled.case_id)
    qtbot.addWidget(window)
    items = _offered(window, monkeypatch)
    assert "终止人民调解通知书" not in items and "司法确认申请书" not in items and "人民调解协议书" not in items
    assert {"人民调解口头协议登记表", "人民调解回访记录", "整本卷宗（按顺序）"} <= set(items)

    failed = _mediating(db, director)
    change_status(db, director, failed.case_id, CaseAction.TERMINATE, reason="分歧过大")
    window = CaseWindow(db, director, failed.case_id)
    qtbot.addWidget(window)
    items = _offered(window, monkeypatch)
    assert "终止人民调解通知书" in items and "人民调解回访记录" not in items and "人民调解口头协议登记表" not in items


@pytest.fixture
def fonts_back(qapp):
    font = qapp.font()
    yield
    language.switch(language.ZH)
    qapp.setFont(font)


@pytest.mark.parametrize(("points", "lang"), [(12, language.ZH), (16, language.ZH), (12, language.EN),
                                              (16, language.EN)])
def test_the_window_fits_a_1280_pixel_screen(qtbot, db, director, qapp, fonts_back, points, lang):
    install_fonts(qapp, resources_dir() / "fonts", points)  # 16 points: the main window's 大字
    assert language.switch(lang)
    reg, _aid = _draft(db, director, made=TODAY)  # the most steps at once: 11 buttons and the signing day
    window = CaseWindow(db, director, reg.case_id)
    qtbot.addWidget(window)
    assert len(window.buttons) >= 11
    window.show()
    assert window.minimumSizeHint().width() <= 1280
    window.resize(1280, 720)
    QApplication.processEvents()
    for key, button in window.buttons.items():  # every step can be seen and clicked
        corner = button.mapTo(window, button.rect().bottomRight())
        assert button.isVisible() and corner.x() < window.width() and corner.y() < window.height(), key
    window.resize(1000, 720)  # narrower still: the steps wrap, none is cut off
    QApplication.processEvents()
    for key, button in window.buttons.items():
        assert button.mapTo(window, button.rect().bottomRight()).x() < window.width(), key


def test_the_english_action_is_not_the_status(qtbot, db, director, fonts_back):
    assert language.switch(language.EN)
    reg = _mediating(db, director)
    window = CaseWindow(db, director, reg.case_id)
    qtbot.addWidget(window)
    assert window.buttons["suspend"].text() == "Suspend"
    change_status(db, director, reg.case_id, CaseAction.SUSPEND)
    window.reload()
    assert "Suspended" in window.header.text() and window.buttons["resume"].text() == "Resume mediation"
    language.switch(language.ZH)
    window.reload()
    assert "中止" in window.header.text()


def test_an_open_case_window_follows_the_language(qtbot, db, director, fonts_back):
    """Switched while the window is open: its tabs, steps and labels change at once (no need to reopen it)."""
    reg = _mediating(db, director)
    window = CaseWindow(db, director, reg.case_id)
    qtbot.addWidget(window)
    assert window.tabs.tabText(0) == "受理登记" and window.buttons["suspend"].text() == "中止"
    assert language.switch(language.EN)
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == "Registration", timeout=2000)
    assert window.tabs.tabText(6) == "Audit log" and window.buttons["suspend"].text() == "Suspend"
    assert window.buttons["edit"].text() == "Correct registration…" and window.sign_date_label.text() == "Signed on"
    assert "Mediating" in window.header.text()
    assert window.attachment_buttons["view"].text() == "View"
    language.switch(language.ZH)
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == "受理登记", timeout=2000)
    assert window.buttons["edit"].text() == "修改登记…" and "调解中" in window.header.text()


def test_the_steps_read_in_their_fixed_order(qtbot, db, director):
    """The form places the steps in the order case_actions gives them, read left to right, row after row."""
    from mediation_desktop.ui.case import case_actions

    reg, _aid = _draft(db, director, made=TODAY)
    window = CaseWindow(db, director, reg.case_id)
    qtbot.addWidget(window)
    window.resize(1000, 720)
    window.show()
    QApplication.processEvents()

    centres = {key: b.mapTo(window, b.rect().center()) for key, b in window.buttons.items()}
    rows: list[int] = []  # a new row where the centres drop by more than half a button
    for y in sorted(c.y() for c in centres.values()):
        if not rows or y - rows[-1] > window.buttons["void"].height() // 2:
            rows.append(y)

    def place(key):
        row = max(i for i, top in enumerate(rows) if centres[key].y() >= top)
        return row, centres[key].x()

    expected = [k for k, _ in case_actions.RECORD_STEPS] + [a.value for a in case_actions.STATUS_STEPS] + ["void"]
    assert len(rows) >= 2 and sorted(expected, key=place) == expected
    assert window.sign_date.mapTo(window, window.sign_date.rect().center()).x() < centres["sign"].x()
