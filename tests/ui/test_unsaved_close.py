"""Closing a form with unsaved input never loses it by Esc or a close: the question's safe answer (Esc, its own X)
goes back to the form; losing what was typed is a button of its own. Forms that keep no draft ask too, and the
program closing with a form open keeps its draft."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from mediation_desktop.domain.enums import PartyRole
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.drafts import DraftStore
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.ui.admin.accounts_dialogs import NewUserDialog
from mediation_desktop.ui.case.case_window import CaseWindow
from mediation_desktop.ui.case.casefile_pages import PaperPagesDialog
from mediation_desktop.ui.case.record_dialogs import SessionDialog
from mediation_desktop.ui.case.register_case_dialog import FORM, KEY
from mediation_desktop.ui.common import unsaved
from mediation_desktop.ui.common.unsaved import Answer, CloseGuard
from mediation_desktop.ui.hub.screening_dialog import ScreeningForm
from mediation_desktop.ui.main_window import MainWindow


def _press(key: Qt.Key | None, seen: list[list[str]]) -> None:
    """At the next message box: note its buttons, then press ``key`` (None: close it by its own X)."""

    def act() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, act)
            return
        seen.append([b.text() for b in box.buttons()])
        if key is None:
            box.close()
        else:
            QTest.keyClick(box, key)

    QTimer.singleShot(0, act)


@pytest.mark.parametrize(("key", "ask", "expected"), [
    (Qt.Key.Key_Escape, unsaved.ask_keep_draft, Answer.BACK),
    (None, unsaved.ask_keep_draft, Answer.BACK),
    (Qt.Key.Key_Return, unsaved.ask_keep_draft, Answer.KEEP),  # Enter keeps; it never discards
    (Qt.Key.Key_Escape, unsaved.ask_take_up, Answer.BACK),
    (None, unsaved.ask_take_up, Answer.BACK),
    (Qt.Key.Key_Escape, unsaved.ask_leave, Answer.BACK),
    (Qt.Key.Key_Return, unsaved.ask_leave, Answer.BACK),
])
def test_the_questions_safe_answer_is_esc_and_enter_never_discards(qtbot, key, ask, expected):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[list[str]] = []
    _press(key, seen)
    assert ask(parent, "还没有保存") is expected
    assert len(seen) == 1 and len(seen[0]) == (2 if ask is unsaved.ask_leave else 3)


def test_closing_the_program_with_a_registration_open_keeps_what_was_just_typed(qtbot, db, director,
                                                                               type_chinese):
    """No question (the program ends), no 400 ms autosave waited for: the draft holds the last keystrokes."""
    case_id = register_case(db, director, CaseInput("neighbour", [
        PartyInput("王𠮷祥"), PartyInput("李昇", role=PartyRole.RESPONDENT)], summary="夜间噪音扰邻")).case_id
    main = MainWindow(db, director)
    qtbot.addWidget(main)
    main.show()
    register = main.register_case()
    assert register is not None
    register.parties.table.item(0, 1).setText("赵六")
    type_chinese(register.summary, "刚刚输入的纠纷简况")
    case_window = main.open_case(case_id)
    assert case_window is not None
    session = case_window.open_record("session")
    assert isinstance(session, SessionDialog)
    type_chinese(session.record, "刚刚输入的调解经过")
    main.close()
    store = DraftStore(db.paths.drafts)
    assert store.load(FORM, KEY, director.username).data["summary"] == "刚刚输入的纠纷简况"
    assert store.load("session", case_id.hex, director.username).data["record"] == "刚刚输入的调解经过"
    assert not register.isVisible() and not session.isVisible() and not case_window.isVisible()


def _answering(monkeypatch, answer: Answer, seen: list[str], cls: type = CloseGuard) -> None:
    monkeypatch.setattr(cls, "ask_unsaved", classmethod(lambda c, parent, text, *_: seen.append(text) or answer))


def test_forms_keeping_no_draft_ask_before_losing_input(qtbot, db, director, monkeypatch, type_chinese):
    case_id = register_case(db, director, CaseInput("neighbour", [
        PartyInput("王𠮷祥"), PartyInput("李昇", role=PartyRole.RESPONDENT)])).case_id
    asked: list[str] = []
    screening = ScreeningForm(db, director)
    pages = PaperPagesDialog(db, director, case_id)
    new_user = NewUserDialog(db, director)
    for dialog in (screening, pages, new_user):
        qtbot.addWidget(dialog)
        dialog.show()
    _answering(monkeypatch, Answer.BACK, asked)
    for dialog in (screening, pages, new_user):
        dialog.reject()  # unchanged: closes without a question
        assert not dialog.isVisible()
        dialog.show()
    assert asked == []
    row = screening.add_finding()
    screening.findings.item(row, 0).setText("两户争水")
    pages.spins["identity"].setValue(3)
    type_chinese(new_user.display_name, "王调解员")
    for dialog in (screening, pages, new_user):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc → the question → 继续编辑
        assert dialog.isVisible()
        dialog.close()  # the window's X → the question → 继续编辑
        assert dialog.isVisible()
    assert len(asked) == 6 and "将丢失" in asked[0]
    assert screening.data().findings[0].description == "两户争水" and pages.spins["identity"].value() == 3
    assert new_user.display_name.text() == "王调解员"
    _answering(monkeypatch, Answer.DISCARD, asked)
    for dialog in (screening, pages, new_user):
        dialog.reject()  # 不保存，关闭
        assert not dialog.isVisible()


def test_a_record_form_without_drafts_asks_before_losing_input(qtbot, db, director, monkeypatch, type_chinese):
    """A form that keeps no draft (a correction of an oral agreement, 司法确认) asks too: Esc goes back."""
    case_id = register_case(db, director, CaseInput("neighbour", [
        PartyInput("王𠮷祥"), PartyInput("李昇", role=PartyRole.RESPONDENT)])).case_id
    window = CaseWindow(db, director, case_id)
    qtbot.addWidget(window)
    form = window.open_record("session")
    assert isinstance(form, SessionDialog)
    form.FORM = ""  # type: ignore[misc]  # (as a correction of an oral agreement does)
    type_chinese(form.record, "没有草稿的内容")
    asked: list[str] = []
    monkeypatch.setattr(SessionDialog, "ask_unsaved",
                        classmethod(lambda c, parent, text, keeps: asked.append(f"{keeps}") or Answer.BACK))
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert asked == ["False"] and form.isVisible() and form.record.toPlainText() == "没有草稿的内容"


def test_the_party_details_the_pasted_list_and_the_roster_ask_before_losing_input(qtbot, db, director, monkeypatch,
                                                                                   type_chinese):
    """The same question on the register form's own dialogs (a party's 法定代理人 typed in 详细…, a pasted list of
    parties) and on the roster's form: Esc goes back with what was typed; a roster form just saved, or just
    showing the mediator selected, closes without a question."""
    from mediation_desktop.ui.admin.roster_dialog import RosterDialog
    from mediation_desktop.ui.case.party_detail_dialog import PartyDetailDialog
    from mediation_desktop.ui.case.paste_party_list_dialog import PastePartyListDialog

    asked: list[str] = []
    _answering(monkeypatch, Answer.BACK, asked)
    details = PartyDetailDialog({"name": "李小明", "age": "14"})
    pasted = PastePartyListDialog()
    roster = RosterDialog(db, director)
    for dialog in (details, pasted, roster):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing typed: closed, no question
        assert not dialog.isVisible()
        dialog.show()
    assert asked == []
    type_chinese(details.guardian, "李大山")
    type_chinese(pasted.text, "张三 13800138000\n李四")
    type_chinese(roster.name, "王调解员")
    for dialog in (details, pasted, roster):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert dialog.isVisible()
    assert len(asked) == 3
    assert details.guardian.text() == "李大山" and pasted.text.toPlainText().startswith("张三")
    roster.save()  # saved: nothing unsaved now
    qtbot.keyClick(roster, Qt.Key.Key_Escape)
    assert not roster.isVisible() and len(asked) == 3
    _answering(monkeypatch, Answer.DISCARD, asked)
    for dialog in (details, pasted):
        dialog.reject()  # 不保存，关闭
        assert not dialog.isVisible()


def test_a_reason_or_password_typed_in_a_prompt_is_not_lost_to_esc(qtbot, db, director, type_chinese):
    """The one-line prompts (作废's reason in the case window, a user's new password): Esc with something typed
    asks first, and Esc on the question goes back with it kept; 不保存，关闭 throws it away and nothing is done;
    Enter uses what was kept."""
    from prompt_steps import LEAVE_QUESTION as asked
    from prompt_steps import prompt_kept_then

    from mediation_desktop.services import accounts
    from mediation_desktop.services.accounts import authenticate
    from mediation_desktop.storage.models import Case
    from mediation_desktop.ui.admin.accounts_dialogs import UsersDialog

    case_id = register_case(db, director, CaseInput("neighbour", [
        PartyInput("王𠮷祥"), PartyInput("李昇", role=PartyRole.RESPONDENT)])).case_id
    window = CaseWindow(db, director, case_id)
    qtbot.addWidget(window)
    window.show()
    seen: list = []
    prompt_kept_then("登记重复", "discard", seen, type_chinese)
    qtbot.mouseClick(window.buttons["void"], Qt.MouseButton.LeftButton)
    assert seen == [asked, (True, "登记重复"), asked]
    with db.read_session() as s:
        assert s.get(Case, case_id).deleted_at is None
    seen.clear()
    prompt_kept_then("登记重复", "enter", seen, type_chinese)
    qtbot.mouseClick(window.buttons["void"], Qt.MouseButton.LeftButton)
    assert seen == [asked, (True, "登记重复")]
    with db.read_session() as s:
        assert s.get(Case, case_id).deleted_at is not None

    accounts.create_user(db, director, "wang", "王调解员", "mediator", "secret123")
    users = UsersDialog(db, director)
    qtbot.addWidget(users)
    users.show()
    users.table.selectRow(1)
    seen.clear()
    prompt_kept_then("fresh1234", "discard", seen, type_chinese, skip=users)
    qtbot.mouseClick(users.buttons["reset"], Qt.MouseButton.LeftButton)
    assert seen == [asked, (True, "fresh1234"), asked] and authenticate(db, "wang", "secret123")
    seen.clear()
    prompt_kept_then("fresh1234", "enter", seen, type_chinese, skip=users)
    qtbot.mouseClick(users.buttons["reset"], Qt.MouseButton.LeftButton)
    assert seen == [asked, (True, "fresh1234")] and authenticate(db, "wang", "fresh1234")


def test_the_reason_for_correcting_a_closed_case_is_not_lost_to_esc(qtbot, db, director, type_chinese):
    """修改登记 of a closed case asks why, in the real prompt: Esc with a reason typed asks first and goes back with it
    kept; Enter then saves the correction with that reason in the log."""
    from prompt_steps import LEAVE_QUESTION as asked
    from prompt_steps import prompt_kept_then
    from retention_cases import closed_case
    from sqlalchemy import select

    from mediation_desktop.storage.models import AuditEntry

    case_id = closed_case(db, director, "张三", dt.date(2026, 3, 1), None).case_id
    window = CaseWindow(db, director, case_id)
    qtbot.addWidget(window)
    window.show()
    edit = window.edit_registration()
    assert edit is not None
    type_chinese(edit.summary, "张三家的菜地纠纷（更正）")
    seen: list = []
    prompt_kept_then("当事人反映简况有误", "enter", seen, type_chinese, skip=edit)
    qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    assert seen == [asked, (True, "当事人反映简况有误")] and not edit.isVisible()
    with db.read_session() as s:
        reasons = set(s.scalars(select(AuditEntry.reason).where(AuditEntry.case_id == str(case_id))))
    assert "当事人反映简况有误" in reasons
