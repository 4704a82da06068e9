"""Locking (Ctrl+L, or idle): every form closes keeping a draft, nothing stays on screen, nothing is saved in
the locked-out user's name, and the draft is offered back at the next sign-in — also when a message box or a
file chooser of a form was open (their exec() loops running) when the lock came."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import shiboken6
from draft_answers import answer_drafts
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QFileDialog, QMessageBox, QWidget
from sqlalchemy import func, select

from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.drafts import DraftStore
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import AuditEntry, Case, MediationSession
from mediation_desktop.ui.case.record_dialogs import RecordDialog, SessionDialog
from mediation_desktop.ui.case.register_case_dialog import FORM, KEY, RegisterCaseDialog
from mediation_desktop.ui.main_window import MainWindow

PASSWORD = "secret123"  # the director fixture's


def _counts(db) -> tuple[int, int, int]:
    with db.read_session() as s:
        return (s.scalar(select(func.count()).select_from(Case)) or 0,
                s.scalar(select(func.count()).select_from(MediationSession)) or 0,
                s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def _on_screen(window: MainWindow) -> list[QWidget]:
    """The windows shown besides ``window`` (left-overs of earlier tests not counted)."""
    return [w for w in QApplication.topLevelWidgets()
            if w.isVisible() and w is not window and w not in _EARLIER]


_EARLIER: list[QWidget] = []


@pytest.fixture(autouse=True)
def _earlier_windows() -> Iterator[None]:
    _EARLIER[:] = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    yield
    _EARLIER.clear()


def _sign_in_again(qtbot, window: MainWindow) -> None:
    window.login.password.setText(PASSWORD)
    qtbot.keyClick(window.login.password, Qt.Key.Key_Return)
    assert window.actor is not None


class Stuck(list[str]):
    """The dialogs the rescue had to close; ``arm()``: its few seconds count from now (when a test starts the
    lock's timer: building the windows before that can take seconds on a busy machine)."""

    timer: QTimer

    def arm(self) -> None:
        self.timer.start()


@pytest.fixture
def rescue(qtbot) -> Iterator[Stuck]:
    """What the old code left open in an exec() loop is closed after a few seconds (and noted), so that such a
    test fails instead of hanging."""
    stuck = Stuck()

    def close_modals() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible() and widget.isModal() and (
                    isinstance(widget, (QMessageBox, QFileDialog))):
                stuck.append(type(widget).__name__)
                widget.done(0)

    stuck.timer = timer = QTimer()
    timer.setInterval(4000)
    timer.timeout.connect(close_modals)
    timer.start()
    yield stuck
    timer.stop()


def test_lock_closes_the_forms_keeps_drafts_saves_nothing_and_offers_them_back(qtbot, db, director, monkeypatch,
                                                                              type_chinese):
    reg = register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")],
                                                summary="菜地界限"))
    asked: list[str] = []
    monkeypatch.setattr(RecordDialog, "ask", classmethod(lambda cls, parent, text: asked.append(text) or False))
    answer_drafts(monkeypatch, RecordDialog, False, asked)
    answer_drafts(monkeypatch, RegisterCaseDialog, False, asked)
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    window.show()
    register = window.register_case()
    assert register is not None
    register.show()
    register.parties.table.item(0, 1).setText("王五")
    type_chinese(register.summary, "两家为宅基地边界争吵")
    case_window = window.open_case(reg.case_id)
    assert case_window is not None
    case_window.record_session()
    session = case_window.findChildren(SessionDialog)[-1]
    session.show()
    type_chinese(session.record, "机密的调解经过")
    before = _counts(db)

    window.lock()  # (what Ctrl+L, the lock button and the idle timer do)

    assert window.actor is None and window.stack.currentWidget() is window.login
    assert asked == []  # closed without "keep the draft?"
    assert not register.isVisible() and not session.isVisible() and not case_window.isVisible()
    assert _on_screen(window) == []  # nothing confidential left on screen
    # what the locked-out user could still reach does nothing
    register.save_button.click()
    session.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.keyClick(session, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert _counts(db) == before
    drafts = {d.form: d for d in DraftStore(db.paths.drafts).pending("admin")}
    assert drafts[FORM].data["summary"] == "两家为宅基地边界争吵"
    assert drafts["session"].data["record"] == "机密的调解经过"

    offered: list[str] = []
    answer_drafts(monkeypatch, RegisterCaseDialog, True, offered)
    _sign_in_again(qtbot, window)
    assert any("案件登记" in text for text in offered) and any("调解记录" in text for text in offered)
    again = [d for d in window.findChildren(RegisterCaseDialog) if d is not register and shiboken6.isValid(d)]
    assert len(again) == 1 and again[0].isVisible()
    assert again[0].summary.toPlainText() == "两家为宅基地边界争吵"
    assert again[0].parties.table.item(0, 1).text() == "王五"
    reopened = window.case_windows[reg.case_id]
    assert reopened is not case_window
    resumed = [d for d in reopened.findChildren(SessionDialog) if d.isVisible()]
    assert len(resumed) == 1 and resumed[0].record.toPlainText() == "机密的调解经过"
    # the closed windows are deleted once signed in again
    qtbot.waitUntil(lambda: not shiboken6.isValid(register) and not shiboken6.isValid(case_window), timeout=3000)
    assert _counts(db)[:2] == before[:2]  # (signing in is an audit entry of its own)


def test_auto_lock_while_the_keep_the_draft_question_is_open(qtbot, db, director, monkeypatch, rescue,
                                                             type_chinese):
    """The form's own question (a real QMessageBox, its exec() running) is closed by the idle lock; closing it
    does not throw the draft away, and the next sign-in offers it."""
    window = MainWindow(db, director, lock_ms=60_000)
    qtbot.addWidget(window)
    window.show()
    register = window.register_case()
    assert register is not None
    type_chinese(register.summary, "邻里之间排水沟纠纷")
    questions: list[str] = []
    QTimer.singleShot(100, lambda: questions.extend(w.text() for w in QApplication.topLevelWidgets()
                                                    if isinstance(w, QMessageBox) and w.isVisible()))
    window.idle.timer.setInterval(400)
    rescue.arm()
    window.idle.start()
    QTimer.singleShot(0, register.reject)  # 关闭 → 「要保留草稿吗？」 stays open, nobody answers
    qtbot.waitUntil(lambda: window.actor is None, timeout=6000)
    qtbot.wait(800)  # the draft the question's "no" threw away is written back within half a second
    assert len(questions) == 1 and "保留草稿" in questions[0]
    assert rescue == []  # the question did not outlive the lock
    assert _on_screen(window) == [] and not register.isVisible()
    draft = DraftStore(db.paths.drafts).load(FORM, KEY, director.username)
    assert draft is not None and draft.data["summary"] == "邻里之间排水沟纠纷"
    offered: list[str] = []
    answer_drafts(monkeypatch, RegisterCaseDialog, True, offered)
    _sign_in_again(qtbot, window)
    assert len(offered) == 1 and "案件登记" in offered[0]
    again = [d for d in window.findChildren(RegisterCaseDialog) if d.isVisible()]
    assert len(again) == 1 and again[0].summary.toPlainText() == "邻里之间排水沟纠纷"


def test_auto_lock_while_a_file_chooser_of_a_case_window_is_open(qtbot, db, director, rescue, type_chinese):
    """A file chooser (exec() running) of a case window, with a record form of that case open: both go, the
    chooser returns as cancelled (nothing attached), the form's text is kept as a draft."""
    reg = register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")]))
    window = MainWindow(db, director, lock_ms=60_000)
    qtbot.addWidget(window)
    window.show()
    case_window = window.open_case(reg.case_id)
    assert case_window is not None
    case_window.record_session()
    session = case_window.findChildren(SessionDialog)[-1]
    type_chinese(session.record, "甲方说……乙方说……")
    before = _counts(db)
    choosers: list[QFileDialog] = []
    QTimer.singleShot(100, lambda: choosers.extend(w for w in QApplication.topLevelWidgets()
                                                   if isinstance(w, QFileDialog) and w.isVisible()))
    window.idle.timer.setInterval(400)
    rescue.arm()
    window.idle.start()
    QTimer.singleShot(0, case_window.add_file)  # 添加附件: the file chooser's exec() runs
    qtbot.waitUntil(lambda: window.actor is None, timeout=6000)
    qtbot.wait(100)
    assert choosers, "the file chooser was never shown"
    assert rescue == []
    assert _on_screen(window) == []
    assert _counts(db) == before
    draft = DraftStore(db.paths.drafts).load("session", reg.case_id.hex, director.username)
    assert draft is not None and draft.data["record"] == "甲方说……乙方说……"


def test_ctrl_l_locks_from_a_form_and_from_a_case_window(qtbot, db, director, monkeypatch, type_chinese):
    """The main window's shortcut alone reached neither a form (which shadows the main window) nor a case window."""
    answer_drafts(monkeypatch, RegisterCaseDialog, True)
    reg = register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")]))
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    window.show()
    register = window.register_case()
    assert register is not None
    type_chinese(register.summary, "两家争水")
    qtbot.keyClick(register.summary, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.actor is None and not register.isVisible()
    assert register.summary.toPlainText() == "两家争水"  # the key typed nothing into the form
    _sign_in_again(qtbot, window)
    case_window = window.open_case(reg.case_id)
    assert case_window is not None
    qtbot.keyClick(case_window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.actor is None and not case_window.isVisible()


def test_auto_lock_while_a_record_form_asks_keeps_its_draft(qtbot, db, director, monkeypatch, rescue, type_chinese):
    """A record form of a case window asks "keep the draft?" (exec() running, only the form on the stack; the
    case window is the main window's alone) when the idle lock comes: no crash, nothing left, the draft kept."""
    reg = register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")]))
    window = MainWindow(db, director, lock_ms=60_000)
    qtbot.addWidget(window)
    window.show()
    case_window = window.open_case(reg.case_id)
    assert case_window is not None
    case_window.record_session()
    session = case_window.findChildren(SessionDialog)[-1]
    del case_window
    type_chinese(session.record, "双方各让一步")
    window.idle.timer.setInterval(400)
    rescue.arm()
    window.idle.start()
    QTimer.singleShot(0, session.reject)  # 取消 → 「要保留草稿吗？」, nobody answers
    qtbot.waitUntil(lambda: window.actor is None, timeout=6000)
    qtbot.wait(800)
    assert rescue == []
    assert _on_screen(window) == []
    draft = DraftStore(db.paths.drafts).load("session", reg.case_id.hex, director.username)
    assert draft is not None and draft.data["record"] == "双方各让一步"
    offered: list[str] = []
    answer_drafts(monkeypatch, RegisterCaseDialog, True, offered)
    _sign_in_again(qtbot, window)
    assert len(offered) == 1 and "调解记录" in offered[0]
    resumed = [d for d in window.case_windows[reg.case_id].findChildren(SessionDialog) if d.isVisible()]
    assert len(resumed) == 1 and resumed[0].record.toPlainText() == "双方各让一步"
