"""Accounts in the window: the director's user list (add, reset a password, deactivate), changing one's own
password, the recovery code shown once, and recovering a forgotten director password with it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mediation_desktop.domain.enums import Role
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr as message  # (not Qt's tr: a service message key)
from mediation_desktop.services import accounts
from mediation_desktop.services.accounts import Actor
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.labels import label


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class RecoveryCodeDialog(QDialog):
    """The code, large, with what to do with it. Shown once; it is not stored anywhere readable."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("主任密码恢复码"))
        self.code = QLabel(code)
        font = self.code.font()
        font.setPointSize(font.pointSize() + 8)
        font.setFamily("monospace")
        self.code.setFont(font)
        self.code.setTextInteractionFlags(self.code.textInteractionFlags().TextSelectableByMouse)
        note = QLabel(self.tr("请把这个恢复码抄写在纸上（或打印），锁在调委会文件柜里。\n"
                              "忘记主任密码时，在登录页点“忘记密码”，用它设置新密码。恢复码用过一次就会换新的。"))
        note.setWordWrap(True)
        ok = QPushButton(self.tr("我已抄好"))
        ok.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.code)
        layout.addWidget(note)
        layout.addWidget(ok)


class _FormDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

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
        super().__init__(self.tr("忘记主任密码"), parent)
        self.db = db
        self.new_code: str | None = None
        self.username, self.code = QLineEdit(), QLineEdit()
        self.code.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX")
        self.password, self.password2 = _password_field(), _password_field()
        for text, field in ((self.tr("主任用户名"), self.username), (self.tr("恢复码"), self.code),
                            (self.tr("新密码"), self.password), (self.tr("再输一次"), self.password2)):
            self.form.addRow(text, field)

    def save(self) -> None:
        self._same(self.password, self.password2)
        self.new_code = accounts.recover_director(self.db, self.username.text(), self.code.text(),
                                                  self.password.text())


class ChangePasswordDialog(_FormDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("修改我的密码"), parent)
        self.db, self.actor = db, actor
        self.old, self.password, self.password2 = _password_field(), _password_field(), _password_field()
        for text, field in ((self.tr("原密码"), self.old), (self.tr("新密码"), self.password),
                            (self.tr("再输一次"), self.password2)):
            self.form.addRow(text, field)

    def save(self) -> None:
        self._same(self.password, self.password2)
        accounts.change_password(self.db, self.actor, self.old.text(), self.password.text())


class NewUserDialog(_FormDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("新建账户"), parent)
        self.db, self.actor = db, actor
        self.username, self.display_name = QLineEdit(), QLineEdit()
        self.role = QComboBox()
        for role in (Role.MEDIATOR, Role.DIRECTOR, Role.CLERK):
            self.role.addItem(label(role), role.value)
        self.password, self.password2 = _password_field(), _password_field()
        for text, field in ((self.tr("用户名"), self.username), (self.tr("姓名"), self.display_name),
                            (self.tr("角色"), self.role), (self.tr("密码"), self.password),
                            (self.tr("再输一次"), self.password2)):
            self.form.addRow(text, field)

    def save(self) -> None:
        self._same(self.password, self.password2)
        accounts.create_user(self.db, self.actor, self.username.text(), self.display_name.text(),
                             str(self.role.currentData()), self.password.text())


class UsersDialog(QDialog):
    """用户管理 (directors): who may use this computer's program, in which role."""

    @classmethod
    def ask_password(cls, parent: QWidget, text: str) -> str | None:
        value, ok = QInputDialog.getText(parent, parent.windowTitle(), text, QLineEdit.EchoMode.Password)
        return value if ok else None

    @classmethod
    def show_code(cls, parent: QWidget, code: str) -> None:
        RecoveryCodeDialog(code, parent).exec()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setWindowTitle(self.tr("用户管理"))
        self.resize(720, 420)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("用户名"), self.tr("姓名"), self.tr("角色"), self.tr("状态"),
                                              self.tr("上次登录")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for key, text, slot in (("new", self.tr("新建账户…"), self.new_user),
                                ("reset", self.tr("重置密码…"), self.reset_password),
                                ("active", self.tr("停用 / 启用"), self.toggle_active),
                                ("code", self.tr("生成新的恢复码…"), self.new_code)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            self.buttons[key] = button
            bar.addWidget(button)
        bar.addStretch(1)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.accept)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(bar)
        self.reload()

    def reload(self) -> None:
        users = accounts.list_users(self.db)
        self.table.setRowCount(len(users))
        for row, u in enumerate(users):
            state = self.tr("已锁定") if u.locked else (self.tr("正常") if u.active else self.tr("已停用"))
            last = u.last_login_at.astimezone().strftime("%Y-%m-%d %H:%M") if u.last_login_at else "—"
            for col, text in enumerate((u.username, u.display_name, label(u.role), state, last)):
                self.table.setItem(row, col, QTableWidgetItem(text))

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
