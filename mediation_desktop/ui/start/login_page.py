"""登录: who is at the shared laptop. Also the lock screen after idle time or 切换用户.

The layout is ``forms/start/login_page.ui``; this class only signs in.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services.accounts import authenticate
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.forms.start.login_page import Ui_LoginPage


class LoginPage(QWidget):
    sig_signed_in = Signal(object)
    """Emitted with the signed-in ``Actor``."""

    def __init__(self, db: Database, org_name: str) -> None:
        super().__init__()
        self.db = db
        self.form = Ui_LoginPage()
        self.form.setupUi(self)
        f = self.form
        # the names the rest of the window (and its tests) use
        self.title, self.subtitle, self.error = f.orgNameLabel, f.subtitleLabel, f.errorLabel
        self.username, self.password = f.userNameEdit, f.passwordEdit
        self.button, self.forgot_button = f.signInButton, f.forgotPasswordButton
        self.title.setText(org_name)
        font = QFont(self.title.font())
        font.setPointSize(font.pointSize() + 6)  # relative to the font size chosen (大字)
        self.title.setFont(font)
        self.forgot_button.clicked.connect(self.forgot)
        self.button.clicked.connect(self.submit)
        self.password.returnPressed.connect(self.submit)
        self.username.returnPressed.connect(self.password.setFocus)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.form.retranslateUi(self)
        super().changeEvent(event)

    def reset(self, username: str = "") -> None:
        self.username.setText(username)
        self.password.clear()
        self.error.clear()
        (self.password if username else self.username).setFocus()

    def forgot(self) -> QWidget:
        """The director's recovery code sets a new password; the next code is shown at once."""
        from mediation_desktop.ui.admin.accounts_dialogs import RecoverDialog, UsersDialog

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
