"""Accounts through the window: the director's user list, a forgotten director password recovered."""

from __future__ import annotations

from mediation_desktop.domain.enums import Role
from mediation_desktop.services import accounts
from mediation_desktop.services.accounts import authenticate
from mediation_desktop.ui.admin.accounts_dialogs import NewUserDialog, RecoverDialog, UsersDialog
from mediation_desktop.ui.main_window import MainWindow


def test_director_adds_a_mediator_and_resets_the_password(qtbot, db, director, monkeypatch, type_chinese):
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    dialog = window.manage_users()
    assert isinstance(dialog, UsersDialog) and dialog.table.rowCount() == 1
    dialog.buttons["new"].click()
    new = dialog.findChildren(NewUserDialog)[-1]
    new.username.setText("wang")
    type_chinese(new.display_name, "王调解员")
    new.password.setText("secret123")
    new.password2.setText("secret12")
    new.submit()
    assert "不一样" in new.error.text()
    new.password2.setText("secret123")
    new.submit()
    assert dialog.table.rowCount() == 2
    assert authenticate(db, "wang", "secret123").role == Role.MEDIATOR

    monkeypatch.setattr(UsersDialog, "ask_password", classmethod(lambda cls, parent, text: "fresh1234"))
    dialog.table.selectRow(1)
    dialog.buttons["reset"].click()
    assert authenticate(db, "wang", "fresh1234")

    mediator_window = MainWindow(db, authenticate(db, "wang", "fresh1234"))
    qtbot.addWidget(mediator_window)
    assert mediator_window.users_button.isHidden() and mediator_window.manage_users() is None


def test_forgotten_director_password(qtbot, db, director, monkeypatch):
    code = accounts.issue_recovery_code(db, director)
    shown = []
    monkeypatch.setattr(UsersDialog, "show_code", classmethod(lambda cls, parent, c: shown.append(c)))
    window = MainWindow(db)
    qtbot.addWidget(window)
    dialog = window.login.forgot()
    assert isinstance(dialog, RecoverDialog)
    dialog.username.setText("admin")
    dialog.code.setText("WRONG-CODE")
    dialog.password.setText("remember1")
    dialog.password2.setText("remember1")
    dialog.submit()
    assert "恢复码不对" in dialog.error.text()
    dialog.code.setText(code)
    dialog.submit()
    assert shown and shown[0] != code
    assert authenticate(db, "admin", "remember1")


def test_lockout_through_the_sign_in_page(qtbot, db, director):
    window = MainWindow(db)
    qtbot.addWidget(window)
    for _ in range(5):
        window.login.username.setText("admin")
        window.login.password.setText("wrong-password")
        window.login.submit()
    assert "锁定" in window.login.error.text()
    window.login.password.setText("secret123")  # even the right password waits for the timed release
    window.login.submit()
    assert "锁定" in window.login.error.text() and window.actor is None
