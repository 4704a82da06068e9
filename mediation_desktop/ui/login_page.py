"""登录: who is at the shared laptop. Also the lock screen after idle time or 切换用户."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services.accounts import authenticate
from mediation_desktop.storage.database import Database


class LoginPage(QWidget):
    sig_signed_in = Signal(object)
    """Emitted with the signed-in ``Actor``."""

    def __init__(self, db: Database, org_name: str) -> None:
        super().__init__()
        self.db = db
        self.title = QLabel(org_name)
        font = QFont(self.title.font())
        font.setPointSize(font.pointSize() + 6)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle = QLabel()
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.button = QPushButton()
        self.button.setDefault(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.user_label, self.password_label = QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self.user_label, self.username)
        form.addRow(self.password_label, self.password)
        box = QWidget()
        box.setMaximumWidth(420)
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addWidget(self.subtitle)
        inner.addLayout(form)
        inner.addWidget(self.button)
        inner.addWidget(self.error)
        self.forgot_button = QPushButton()
        self.forgot_button.setFlat(True)
        self.forgot_button.clicked.connect(self.forgot)
        inner.addWidget(self.forgot_button, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.button.clicked.connect(self.submit)
        self.password.returnPressed.connect(self.submit)
        self.username.returnPressed.connect(self.password.setFocus)
        self.retranslate()

    def retranslate(self) -> None:
        self.subtitle.setText(self.tr("调解工作台 — 请登录"))
        self.user_label.setText(self.tr("用户名"))
        self.password_label.setText(self.tr("密码"))
        self.button.setText(self.tr("登录"))
        self.forgot_button.setText(self.tr("忘记主任密码？"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def reset(self, username: str = "") -> None:
        self.username.setText(username)
        self.password.clear()
        self.error.clear()
        (self.password if username else self.username).setFocus()

    def forgot(self) -> QWidget:
        """The director's recovery code sets a new password; the next code is shown at once."""
        from mediation_desktop.ui.accounts_dialogs import RecoverDialog, UsersDialog

        dialog = RecoverDialog(self.db, self)
        dialog.accepted.connect(lambda: dialog.new_code and UsersDialog.show_code(self, dialog.new_code))
        dialog.open()
        return dialog

    def submit(self) -> None:
        try:
            actor = authenticate(self.db, self.username.text(), self.password.text())
        except MediationError as exc:
            self.password.clear()
            self.error.setText(tr(exc.key, **exc.params))
            return
        self.password.clear()
        self.error.clear()
        self.sig_signed_in.emit(actor)
