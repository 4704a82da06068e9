"""Accounts in the window: the director's user list (add, reset a password, deactivate), changing one's own
password, the recovery code shown once, and recovering a forgotten director password with it."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QWidget,
)

from mediation_desktop.domain.china_time import in_china
from mediation_desktop.domain.enums import Role
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr as message  # (not Qt's tr: a service message key)
from mediation_desktop.services import accounts
from mediation_desktop.services.accounts import Actor
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.common.column_widths import keep_headers_whole
from mediation_desktop.ui.common.hints import keep_hints_whole
from mediation_desktop.ui.common.labels import label
from mediation_desktop.ui.common.text_prompt import ask_text
from mediation_desktop.ui.common.unsaved import CloseGuard
from mediation_desktop.ui.forms.admin.change_password_dialog import Ui_ChangePasswordDialog
from mediation_desktop.ui.forms.admin.new_user_dialog import Ui_NewUserDialog
from mediation_desktop.ui.forms.admin.recovery_code_dialog import Ui_RecoveryCodeDialog
from mediation_desktop.ui.forms.admin.users_dialog import Ui_UsersDialog
from mediation_desktop.ui.forms.start.recover_dialog import Ui_RecoverDialog

# The layouts: forms/admin/*.ui (forms/start/recover_dialog.ui, opened from the sign-in page).


class RecoveryCodeDialog(QDialog):
    """The code, large, with what to do with it. Shown once; it is not stored anywhere readable."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = Ui_RecoveryCodeDialog()
        self.form.setupUi(self)
        self.code = self.form.codeLabel
        self.code.setText(code)
        font = self.code.font()
        font.setPointSize(font.pointSize() + 8)  # relative to the font size chosen (大字)
        font.setFamily("monospace")
        self.code.setFont(font)


class _FormDialog(CloseGuard, QDialog):
    """A form of fields with an error line and 确定/取消; ``form`` is its compiled Designer form."""

    def __init__(self, form: Any, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.form = form
        form.setupUi(self)
        keep_hints_whole(self)  # (the recovery code's XXXX-XXXX… whole, in any font)
        self.error: QLabel = form.errorLabel
        self.buttons: QDialogButtonBox = form.buttonBox
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def save(self) -> None:
        raise NotImplementedError

    def submit(self) -> None:
        try:
            self.save()
        except MediationError as exc:
            self.error.setText(message(exc.key, **exc.params))
            return
        self.accept()

    def _same(self, a: QLineEdit, b: QLineEdit) -> None:
        if a.text() != b.text():
            raise MediationError("account.passwords_differ")


class RecoverDialog(_FormDialog):
    """忘记密码: the director's user name, the recovery code and a new password; then the new code."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(Ui_RecoverDialog(), parent)
        self.db = db
        self.new_code: str | None = None
        f = self.form
        self.username, self.code = f.directorUserNameEdit, f.recoveryCodeEdit
        self.password, self.password2 = f.newPasswordEdit, f.newPasswordAgainEdit

    def save(self) -> None:
        self._same(self.password, self.password2)
        self.new_code = accounts.recover_director(self.db, self.username.text(), self.code.text(),
                                                  self.password.text())


class ChangePasswordDialog(_FormDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(Ui_ChangePasswordDialog(), parent)
        self.db, self.actor = db, actor
        f = self.form
        self.old, self.password, self.password2 = f.oldPasswordEdit, f.newPasswordEdit, f.newPasswordAgainEdit

    def save(self) -> None:
        self._same(self.password, self.password2)
        accounts.change_password(self.db, self.actor, self.old.text(), self.password.text())


class NewUserDialog(_FormDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(Ui_NewUserDialog(), parent)
        self.db, self.actor = db, actor
        f = self.form
        self.username, self.display_name, self.role = f.userNameEdit, f.displayNameEdit, f.roleCombo
        self.password, self.password2 = f.passwordEdit, f.passwordAgainEdit
        for role in (Role.MEDIATOR, Role.DIRECTOR, Role.CLERK):
            self.role.addItem(label(role), role.value)

    def save(self) -> None:
        self._same(self.password, self.password2)
        accounts.create_user(self.db, self.actor, self.username.text(), self.display_name.text(),
                             str(self.role.currentData()), self.password.text())


class UsersDialog(QDialog):
    """用户管理 (directors): who may use this computer's program, in which role."""

    @classmethod
    def ask_password(cls, parent: QWidget, text: str) -> str | None:
        """A user's new password (None: cancelled; what was typed is not lost without a question)."""
        return ask_text(parent, text, secret=True)

    @classmethod
    def show_code(cls, parent: QWidget, code: str) -> None:
        RecoveryCodeDialog(code, parent).exec()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.form = Ui_UsersDialog()
        self.form.setupUi(self)
        f = self.form
        self.table, self.error = f.usersTable, f.errorLabel
        keep_headers_whole(self.table, names=[1])  # 姓名: 「买买提·艾力」 whole in 大字
        self.buttons: dict[str, QPushButton] = {
            "new": f.newUserButton, "reset": f.resetPasswordButton, "active": f.activeButton, "code": f.newCodeButton}
        for key, slot in (("new", self.new_user), ("reset", self.reset_password), ("active", self.toggle_active),
                          ("code", self.new_code)):
            self.buttons[key].clicked.connect(slot)
        self.reload()

    def reload(self) -> None:
        users = accounts.list_users(self.db)
        self.table.setRowCount(len(users))
        for row, u in enumerate(users):
            state = self.tr("已锁定") if u.locked else (self.tr("正常") if u.active else self.tr("已停用"))
            last = in_china(u.last_login_at).strftime("%Y-%m-%d %H:%M") if u.last_login_at else "—"
            for col, text in enumerate((u.username, u.display_name, label(u.role), state, last)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()  # 调委会主任 whole (大字, English)

    def _selected(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.text() if item is not None else None

    def _run(self, action: object) -> bool:
        try:
            action()  # type: ignore[operator]
        except MediationError as exc:
            self.error.setText(message(exc.key, **exc.params))
            return False
        self.error.clear()
        self.reload()
        return True

    def new_user(self) -> None:
        dialog = NewUserDialog(self.db, self.actor, self)
        dialog.accepted.connect(self.reload)
        dialog.open()

    def reset_password(self) -> None:
        username = self._selected()
        if username is None:
            return
        password = self.ask_password(self, self.tr("为 %1 设置的新密码：").replace("%1", username))
        if password:
            self._run(lambda: accounts.reset_password(self.db, self.actor, username, password))

    def toggle_active(self) -> None:
        username = self._selected()
        if username is None:
            return
        current = next(u for u in accounts.list_users(self.db) if u.username == username)
        self._run(lambda: accounts.set_active(self.db, self.actor, username, not current.active))

    def new_code(self) -> None:
        question = self.tr("生成新的恢复码后，旧的恢复码立即作废。继续吗？")
        answer = QMessageBox.question(self, self.windowTitle(), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        codes: list[str] = []
        if self._run(lambda: codes.append(accounts.issue_recovery_code(self.db, self.actor))):
            self.show_code(self, codes[0])
