"""First-run set-up: who this committee is, the first director account, demo cases if wanted."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services.setup import SetupRequest, initialise
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.jobs import Job


class SetupDialog(QDialog):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.org_code = QLineEdit()
        self.org_name = QLineEdit()
        self.level = QComboBox()
        for value in ("village", "township", "county"):
            self.level.addItem("", value)
        self.parent_code = QLineEdit()
        self.admin = QLineEdit("admin")
        self.admin_name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit()
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.load_demo = QCheckBox()
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)

        form = QFormLayout()
        self.labels = [QLabel() for _ in range(8)]
        for label, field in zip(self.labels, (self.org_code, self.org_name, self.level, self.parent_code, self.admin,
                                              self.admin_name, self.password, self.password2), strict=True):
            form.addRow(label, field)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        buttons = self.buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.load_demo)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("首次设置"))
        self.org_code.setPlaceholderText(self.tr("例如 330102001"))
        self.org_name.setPlaceholderText(self.tr("例如 石桥村人民调解委员会"))
        for i, text in enumerate((self.tr("村（居）调委会"), self.tr("乡镇（街道）"), self.tr("县（区）"))):
            self.level.setItemText(i, text)
        for label, text in zip(self.labels, (self.tr("机构代码"), self.tr("调委会名称"), self.tr("级别"),
                                             self.tr("上级机构代码"), self.tr("主任用户名"), self.tr("主任姓名"),
                                             self.tr("密码"), self.tr("再次输入密码")), strict=True):
            label.setText(text)
        self.load_demo.setText(self.tr("载入演示案件（用于熟悉程序）"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("完成设置"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @classmethod
    def show_code(cls, parent: QWidget, code: str) -> None:
        """The director's recovery code, once (patched in tests: no one is there to read it)."""
        from mediation_desktop.ui.accounts_dialogs import RecoveryCodeDialog

        RecoveryCodeDialog(code, parent).exec()

    def submit(self) -> None:
        if self.password.text() != self.password2.text():
            self.error.setText(self.tr("两次输入的密码不一样。"))
            return
        from mediation_desktop.services.accounts import authenticate, issue_recovery_code

        try:
            initialise(self.db, SetupRequest(
                self.org_code.text(), self.org_name.text(), str(self.level.currentData()), self.admin.text(),
                self.password.text(), parent_code=self.parent_code.text() or None,
                admin_display_name=self.admin_name.text() or None))
            code = issue_recovery_code(self.db, authenticate(self.db, self.admin.text(), self.password.text()))
        except MediationError as exc:
            self.error.setText(tr(exc.key, **exc.params))
            return
        self.show_code(self, code)
        if not self.load_demo.isChecked():
            self.accept()
            return
        from mediation_desktop.app import DEMO_CASES
        from mediation_desktop.services import demo

        self.job = Job(self, self.tr("正在载入演示案件…"),
                       lambda progress: demo.generate(self.db, count=DEMO_CASES, progress=progress))
        self.job.sig_finished.connect(lambda _result, _error: self.accept())  # cancelled: the cases so far stay
        self.job.start()
