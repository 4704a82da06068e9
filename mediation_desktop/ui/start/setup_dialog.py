"""First-run set-up: who this committee is, the first director account, demo cases if wanted — or, on a new computer,
the committee's data taken back from a backup (``first_restore``)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services import restoring
from mediation_desktop.services.setup import SetupRequest, initialise
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.common.hints import keep_hints_whole
from mediation_desktop.ui.common.jobs import Job
from mediation_desktop.ui.common.unsaved import CloseGuard
from mediation_desktop.ui.forms.start.setup_dialog import Ui_SetupDialog
from mediation_desktop.ui.start import first_restore


class SetupDialog(CloseGuard, QDialog):
    """The layout is ``forms/start/setup_dialog.ui``; this class sets up the committee."""

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.form = Ui_SetupDialog()
        self.form.setupUi(self)
        keep_hints_whole(self)  # (例如 石桥村人民调解委员会 whole, in any font)
        f = self.form
        # the names the tests use
        self.org_code, self.org_name, self.level, self.parent_code = (f.orgCodeEdit, f.orgNameEdit, f.levelCombo,
                                                                      f.parentCodeEdit)
        self.admin, self.admin_name = f.directorUserNameEdit, f.directorNameEdit
        self.password, self.password2 = f.passwordEdit, f.passwordAgainEdit
        self.load_demo, self.error, self.buttons = f.loadDemoCheck, f.errorLabel, f.buttonBox
        for i, value in enumerate(("village", "township", "county")):  # the level stored, in the items' order
            self.level.setItemData(i, value)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.restore_button = f.restoreButton
        self.restored: restoring.RestoreReport | None = None  # (set when the data came from a backup)
        self.job: Job | None = None
        self.restore_button.clicked.connect(lambda: first_restore.start(self))
        # a hub's PostgreSQL is not restored from a village's backup file (its server has its own backups)
        for widget in (f.restoreLabel, self.restore_button):
            widget.setVisible(db.is_sqlite)
        self.retranslate()

    def retranslate(self) -> None:
        self.form.retranslateUi(self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("完成设置"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @classmethod
    def show_code(cls, parent: QWidget, code: str) -> None:
        """The director's recovery code, once (patched in tests: no one is there to read it)."""
        from mediation_desktop.ui.admin.accounts_dialogs import RecoveryCodeDialog

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
