"""A draft kept on closing a form is offered again when the same form is opened again (受理登记 from the main window,
a record form from the case window), and never overwritten unasked: the real message boxes are clicked."""

from __future__ import annotations

import os
import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from mediation_desktop.domain.enums import PartyRole, Role
from mediation_desktop.services.accounts import create_user
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.drafts import DraftStore
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.ui import main_window
from mediation_desktop.ui.case.case_window import CaseWindow
from mediation_desktop.ui.case.record_dialogs import SessionDialog
from mediation_desktop.ui.case.register_case_dialog import FORM, KEY, RegisterCaseDialog
from mediation_desktop.ui.common.unsaved import Answer
from mediation_desktop.ui.main_window import MainWindow

YES, NO, BACK = Answer.KEEP, Answer.DISCARD, Answer.BACK
ROLES = {YES: QMessageBox.ButtonRole.AcceptRole, NO: QMessageBox.ButtonRole.DestructiveRole,
         BACK: QMessageBox.ButtonRole.RejectRole}
BUTTONS = (["保留草稿", "不保留", "继续编辑"], ["接着填", "丢弃草稿", "以后再说"])  # closing a form; an offer
SHOTS = os.environ.get("MEDIATION_DESKTOP_SHOTS")  # (a folder: the offer as the user sees it is saved there)


@pytest.fixture(autouse=True)
def _no_warming(monkeypatch):
    """The documents' warming thread stays out of these tests: a garbage collection on it while a real message box
    runs its loop would free Qt objects off the GUI thread."""
    warmed = threading.Event()
    warmed.set()
    monkeypatch.setattr(main_window, "_warmed", warmed)


_waiting: list[list[int]] = []  # each answer's tries: ended at the end of its test (never clicks a later test's box)
_strange: list[list[str]] = []  # the buttons of a question that had not the buttons expected


@pytest.fixture(autouse=True)
def _answers_end_with_the_test():
    yield
    for tries in _waiting:
        tries[0] = 100
    _waiting.clear()
    strange, _strange[:] = list(_strange), []
    assert strange == [], "questions without 保留草稿 / 不保留 / 继续编辑 (or 接着填 / 丢弃草稿 / 以后再说)"


def _answer(qtbot, answer: Answer, seen: list[str], shot: str = "", how: str = "") -> None:
    """Click the button of ``answer`` in the next question (the real message box) once it is on screen (``how``:
    "esc" presses Esc instead, "close" closes the question by its own X)."""
    tries = [0]
    _waiting.append(tries)

    def click() -> None:
        if tries[0] >= 100:  # (no question at all: the test's assertions say so)
            return
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            tries[0] += 1
            QTimer.singleShot(20, click)
            return
        tries[0] = 100
        seen.append(box.text())
        texts = {box.buttonRole(b): b.text() for b in box.buttons()}
        if [texts.get(ROLES[a]) for a in (YES, NO, BACK)] not in BUTTONS:  # (said at the test's end: a failure
            _strange.append(sorted(texts.values()))  # raised here would leave the box open for ever)
            QTest.keyClick(box, Qt.Key.Key_Escape)
            return
        if SHOTS and shot:
            box.grab().save(os.path.join(SHOTS, f"{shot}.png"))
        if how == "esc":
            QTest.keyClick(box, Qt.Key.Key_Escape)
            return
        if how == "close":
            box.close()
            return
        next(b for b in box.buttons() if box.buttonRole(b) == ROLES[answer]).click()

    QTimer.singleShot(0, click)


def _keep_a_registration(main, qtbot, type_chinese):  # type: ignore[no-untyped-def]
    """受理登记 typed (a rare name, an ID number, a summary), then 关闭 → 保留草稿."""
    main.cases.register_button.click()
    first = main.findChildren(RegisterCaseDialog)[-1]
    first.parties.table.item(0, 1).setText("𠮷䶮堃")
    first.parties.table.item(0, 2).setText("33010219560810181x")
    type_chinese(first.summary, "宅基地边界争议，双方多次争吵。")
    asked: list[str] = []
    _answer(qtbot, YES, asked)
    first.cancel_button.click()
    return first, asked


def test_registration_kept_on_close_is_offered_when_opened_again(qtbot, db, director, type_chinese):
    main = MainWindow(db, director)
    qtbot.addWidget(main)
    store = DraftStore(db.paths.drafts)
    first, asked = _keep_a_registration(main, qtbot, type_chinese)
    assert not first.isVisible() and "要保留草稿" in asked[0]
    assert store.load(FORM, KEY, director.username).data["summary"] == "宅基地边界争议，双方多次争吵。"

    offered: list[str] = []
    _answer(qtbot, YES, offered, "offer_register")
    main.cases.register_button.click()  # 受理登记 again: the kept draft is offered, 接着填 takes it up
    assert len(offered) == 1 and "有一份没有填完的案件登记" in offered[0] and "要接着填吗" in offered[0]
    again = [d for d in main.findChildren(RegisterCaseDialog) if d.isVisible()]
    assert len(again) == 1
    assert again[0].summary.toPlainText() == "宅基地边界争议，双方多次争吵。"
    row = again[0].parties.rows()[0]
    assert (row["name"], row["id_number"]) == ("𠮷䶮堃", "33010219560810181x")

    _answer(qtbot, YES, asked)
    again[0].cancel_button.click()  # kept again
    offered.clear()
    _answer(qtbot, NO, offered)
    main.cases.register_button.click()  # 丢弃草稿: as the question says, the draft is discarded and the form is empty
    assert len(offered) == 1 and "选“丢弃草稿”将删除这份草稿" in offered[0]
    assert store.load(FORM, KEY, director.username) is None
    fresh = [d for d in main.findChildren(RegisterCaseDialog) if d.isVisible()]
    assert len(fresh) == 1 and fresh[0].summary.toPlainText() == "" and not fresh[0].has_content()
    fresh[0].done(0)

    no_more: list[str] = []
    _answer(qtbot, YES, no_more)
    main.cases.register_button.click()  # no draft kept: no question, an empty form
    assert no_more == []
    assert next(d for d in main.findChildren(RegisterCaseDialog) if d.isVisible()).summary.toPlainText() == ""


def test_a_finding_to_register_does_not_replace_a_kept_draft(qtbot, db, director, type_chinese):
    """A dispute handed to 受理登记 (a screening's finding) while a draft is kept: the draft is offered first; taken
    up, the finding's form is not opened (nor linked), and the draft is intact."""
    main = MainWindow(db, director)
    qtbot.addWidget(main)
    store = DraftStore(db.paths.drafts)
    store.save(FORM, KEY, director.username, {"summary": "上次没填完的纠纷", "parties": []})
    offered: list[str] = []
    _answer(qtbot, YES, offered)
    assert main.register_case({"summary": "排查发现的纠纷", "source": "initiative"}) is None
    assert len(offered) == 1
    shown = [d for d in main.findChildren(RegisterCaseDialog) if d.isVisible()]
    assert len(shown) == 1 and shown[0].summary.toPlainText() == "上次没填完的纠纷"
    assert store.load(FORM, KEY, director.username).data["summary"] == "上次没填完的纠纷"


def _case_window_opening_a_session(qtbot, db, director):  # type: ignore[no-untyped-def]
    """A case's window, its 记录一次调解 clicked (a session form open), the drafts' store and the case."""
    case_id = register_case(db, director, CaseInput("neighbour", [
        PartyInput("王𠮷祥"), PartyInput("李昇", role=PartyRole.RESPONDENT)], summary="夜间噪音扰邻")).case_id
    window = CaseWindow(db, director, case_id)
    qtbot.addWidget(window)
    window.buttons["session"].click()
    return window, DraftStore(db.paths.drafts), case_id


def test_session_kept_on_cancel_is_offered_when_opened_again(qtbot, db, director, type_chinese):
    window, store, case_id = _case_window_opening_a_session(qtbot, db, director)
    first = window.findChildren(SessionDialog)[-1]
    type_chinese(first.record, "第一次调解：双方各执一词，约定下周再谈。")
    asked: list[str] = []
    _answer(qtbot, YES, asked)
    first.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()  # 取消 → 保留草稿
    assert len(asked) == 1 and store.load("session", case_id.hex, director.username) is not None

    offered: list[str] = []
    _answer(qtbot, YES, offered, "offer_session")
    window.buttons["session"].click()  # 记录一次调解 again: offered, 接着填
    case_no = window.detail.case.case_no
    assert len(offered) == 1 and f"案件 {case_no} 有一份没有填完的“调解记录”" in offered[0]
    again = [d for d in window.findChildren(SessionDialog) if d.isVisible()]
    assert len(again) == 1 and again[0].record.toPlainText() == "第一次调解：双方各执一词，约定下周再谈。"

    _answer(qtbot, YES, asked)
    again[0].buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    offered.clear()
    _answer(qtbot, NO, offered)
    window.buttons["session"].click()  # 丢弃草稿: the draft is discarded, the form starts empty
    assert len(offered) == 1 and "选“丢弃草稿”将删除这份草稿" in offered[0]
    assert store.load("session", case_id.hex, director.username) is None
    fresh = [d for d in window.findChildren(SessionDialog) if d.isVisible()]
    assert len(fresh) == 1 and fresh[0].record.toPlainText() == "" and not fresh[0].is_dirty()


def test_a_lock_while_the_offer_is_asked_keeps_the_draft_for_the_next_sign_in(qtbot, db, director):
    """The offer closed unanswered by a lock is no 丢弃草稿: the draft stays, no form opens, and the next sign-in offers
    it as before."""
    case_id = register_case(db, director, CaseInput("neighbour", [
        PartyInput("张三"), PartyInput("李四", role=PartyRole.RESPONDENT)], summary="菜地界限")).case_id
    main = MainWindow(db, director)
    qtbot.addWidget(main)
    window = main.open_case(case_id)
    assert window is not None
    store = DraftStore(db.paths.drafts)
    store.save("session", case_id.hex, director.username, {"case_id": str(case_id), "record": "双方各退一步"})
    seen: list[str] = []

    def lock_at_the_question() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            main.lock()  # (what Ctrl+L and the idle timer do)

    QTimer.singleShot(0, lock_at_the_question)
    window.buttons["session"].click()
    assert len(seen) == 1 and "调解记录" in seen[0] and main.actor is None
    assert not any(d.isVisible() for d in window.findChildren(SessionDialog))
    assert store.load("session", case_id.hex, director.username).data["record"] == "双方各退一步"

    offered: list[str] = []
    _answer(qtbot, YES, offered)
    main.login.password.setText("secret123")
    main.login.password.returnPressed.emit()  # signing in again: the sign-in offer, 接着填
    assert main.actor is not None and len(offered) == 1 and "调解记录" in offered[0]
    resumed = [d for d in main.case_windows[case_id].findChildren(SessionDialog) if d.isVisible()]
    assert len(resumed) == 1 and resumed[0].record.toPlainText() == "双方各退一步"


def test_another_users_registration_never_overwrites_a_kept_draft(qtbot, db, director, type_chinese):
    """One laptop, two mediators: A keeps a 受理登记 draft and signs out; B opens 受理登记 (not offered A's draft: it
    holds ID numbers), types and closes without keeping; A signs in again and is offered the draft intact."""
    create_user(db, director, "li", "李调解员", Role.MEDIATOR, "secret123")
    main = MainWindow(db, director)
    qtbot.addWidget(main)
    store = DraftStore(db.paths.drafts)
    first, asked = _keep_a_registration(main, qtbot, type_chinese)
    assert len(asked) == 1 and not first.isVisible()
    main.lock()  # A signs out: the form is closed already, nothing for the lock to keep
    main.login.username.setText("li")
    main.login.password.setText("secret123")
    main.login.password.returnPressed.emit()  # B signs in: A's draft is not offered
    assert main.actor is not None and main.actor.username == "li"

    not_asked: list[str] = []
    _answer(qtbot, YES, not_asked)
    main.cases.register_button.click()  # 受理登记: nothing kept by B, no question
    _waiting[-1][0] = 100
    assert not_asked == []
    theirs = [d for d in main.findChildren(RegisterCaseDialog) if d.isVisible()]
    assert len(theirs) == 1 and theirs[0].summary.toPlainText() == ""
    type_chinese(theirs[0].summary, "另一起纠纷")
    qtbot.waitUntil(lambda: store.pending("li") != [], timeout=3000)  # B's autosave
    _answer(qtbot, NO, asked)
    theirs[0].cancel_button.click()  # 关闭 → 不保留: B's draft goes
    assert len(asked) == 2 and store.pending("li") == []
    mine = store.pending(director.username)
    assert len(mine) == 1 and mine[0].data["summary"] == "宅基地边界争议，双方多次争吵。"

    main.lock()
    offered: list[str] = []
    _answer(qtbot, YES, offered)
    main.login.username.setText(director.username)
    main.login.password.setText("secret123")
    main.login.password.returnPressed.emit()  # A again: the sign-in offer, 接着填
    assert main.actor is not None and len(offered) == 1 and "有一份没有填完的案件登记" in offered[0]
    again = [d for d in main.findChildren(RegisterCaseDialog) if d.isVisible()]
    assert len(again) == 1 and again[0].summary.toPlainText() == "宅基地边界争议，双方多次争吵。"
    row = again[0].parties.rows()[0]
    assert (row["name"], row["id_number"]) == ("𠮷䶮堃", "33010219560810181x")


def _typed_registration(main, type_chinese):  # type: ignore[no-untyped-def]
    main.cases.register_button.click()
    dialog = main.findChildren(RegisterCaseDialog)[-1]
    dialog.parties.table.item(0, 1).setText("王𠮷祥")
    dialog.parties.table.item(0, 2).setText("33010219560810181x")
    type_chinese(dialog.summary, "邻里排水沟纠纷")
    return dialog


@pytest.mark.parametrize("how", ["esc", "close", "button"])
def test_esc_or_back_at_keep_the_draft_returns_to_the_registration_with_everything_typed(
        qtbot, db, director, type_chinese, how):
    """关闭 with input → the question; Esc, the question's own X or 继续编辑 go back to the form, nothing lost; then
    保留草稿 keeps a draft."""
    main = MainWindow(db, director)
    qtbot.addWidget(main)
    store = DraftStore(db.paths.drafts)
    dialog = _typed_registration(main, type_chinese)
    asked: list[str] = []
    _answer(qtbot, BACK, asked, how="" if how == "button" else how)
    dialog.cancel_button.click()
    assert len(asked) == 1 and "要保留草稿" in asked[0]
    assert dialog.isVisible() and dialog.summary.toPlainText() == "邻里排水沟纠纷"
    assert dialog.parties.rows()[0]["name"] == "王𠮷祥"
    _answer(qtbot, BACK, asked, how="esc")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc on the form itself asks too, and Esc again goes back
    assert len(asked) == 2 and dialog.isVisible() and dialog.summary.toPlainText() == "邻里排水沟纠纷"
    _answer(qtbot, YES, asked)
    dialog.close()  # the form's own X: 保留草稿
    assert len(asked) == 3 and not dialog.isVisible()
    assert store.load(FORM, KEY, director.username).data["summary"] == "邻里排水沟纠纷"


def test_discarding_a_registration_is_its_own_button(qtbot, db, director, type_chinese):
    main = MainWindow(db, director)
    qtbot.addWidget(main)
    store = DraftStore(db.paths.drafts)
    dialog = _typed_registration(main, type_chinese)
    qtbot.waitUntil(lambda: store.load(FORM, KEY, director.username) is not None, timeout=3000)  # autosaved
    asked: list[str] = []
    _answer(qtbot, NO, asked)
    dialog.cancel_button.click()  # 不保留
    assert len(asked) == 1 and not dialog.isVisible() and store.load(FORM, KEY, director.username) is None


@pytest.mark.parametrize("how", ["esc", "close"])
def test_esc_at_keep_the_draft_returns_to_a_record_form(qtbot, db, director, type_chinese, how):
    window, store, case_id = _case_window_opening_a_session(qtbot, db, director)
    form = window.findChildren(SessionDialog)[-1]
    type_chinese(form.record, "双方同意各退一步。")
    asked: list[str] = []
    _answer(qtbot, BACK, asked, how=how)
    form.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert len(asked) == 1 and form.isVisible() and form.record.toPlainText() == "双方同意各退一步。"
    _answer(qtbot, BACK, asked)
    form.close()  # the form's X, 继续编辑: it stays open
    assert len(asked) == 2 and form.isVisible() and form.record.toPlainText() == "双方同意各退一步。"
    _answer(qtbot, NO, asked)
    form.close()  # 不保留
    assert len(asked) == 3 and not form.isVisible() and store.load("session", case_id.hex, director.username) is None


def test_esc_at_the_offer_keeps_the_draft_and_opens_nothing(qtbot, db, director):
    main = MainWindow(db, director)
    qtbot.addWidget(main)
    store = DraftStore(db.paths.drafts)
    store.save(FORM, KEY, director.username, {"summary": "上次没填完的纠纷", "parties": []})
    offered: list[str] = []
    _answer(qtbot, BACK, offered, how="esc")
    assert main.register_case() is None  # 以后再说: no form, the draft stays
    assert len(offered) == 1 and not any(d.isVisible() for d in main.findChildren(RegisterCaseDialog))
    assert store.load(FORM, KEY, director.username).data["summary"] == "上次没填完的纠纷"
