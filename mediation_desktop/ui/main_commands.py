"""The commands of the main window's bar: 排查登记, 调解员名册, 保管期限到期, 数据备份, 用户管理, 修改密码 (each
opens its dialog, made on first use), and the automatic backups. ``MainWindow`` (``ui/main_window.py``)
has these as methods; which of the bar's buttons a user sees is set at sign-in."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QProgressDialog, QWidget

from mediation_desktop.domain.enums import Role
from mediation_desktop.services.accounts import Actor
from mediation_desktop.storage.database import Database

if TYPE_CHECKING:
    from mediation_desktop.ui.admin.backup_schedule import BackupSchedule
    from mediation_desktop.ui.case.register_case_dialog import RegisterCaseDialog

    _Window = QMainWindow
else:
    _Window = object


class BarCommands(_Window):
    """The bar's commands (a mixin of ``MainWindow``, which sets these attributes)."""

    db: Database
    actor: Actor | None
    backup_schedule: BackupSchedule | None

    if TYPE_CHECKING:
        def register_case(self, data: dict[str, Any] | None = None) -> RegisterCaseDialog | None: ...

        def _registered(self) -> None: ...

    def _director(self) -> Actor | None:
        return self.actor if self.actor is not None and self.actor.role == Role.DIRECTOR else None

    def manage_users(self) -> QWidget | None:
        from mediation_desktop.ui.admin.accounts_dialogs import UsersDialog

        if (director := self._director()) is None:
            return None
        dialog = UsersDialog(self.db, director, self)
        dialog.open()
        return dialog

    def screenings(self) -> QWidget | None:
        from mediation_desktop.ui.hub.screening_dialog import ScreeningDialog

        if self.actor is None:
            return None
        dialog = ScreeningDialog(self.db, self.actor, self, register=self.register_case)
        dialog.open()
        return dialog

    def mediator_roster(self) -> QWidget | None:
        from mediation_desktop.ui.admin.roster_dialog import RosterDialog

        if (director := self._director()) is None:
            return None
        dialog = RosterDialog(self.db, director, self)
        dialog.open()
        return dialog

    def retention(self) -> QWidget | None:
        from mediation_desktop.ui.admin.retention_dialog import RetentionDialog

        if (director := self._director()) is None:
            return None
        dialog = RetentionDialog(self.db, director, self)
        dialog.accepted.connect(self._registered)
        dialog.open()
        return dialog

    def backups(self) -> QWidget | None:
        """数据备份: back up now, to a stick, a second folder, restore (a director's work; SQLite only —
        a PostgreSQL hub is backed up by its database administrator)."""
        from mediation_desktop.ui.admin.backup_dialog import BackupDialog

        if (director := self._director()) is None or not self.db.is_sqlite:
            return None
        dialog = BackupDialog(self.db, director, self)
        dialog.sig_restoring.connect(self._stop_backups)
        dialog.open()
        return dialog

    def change_password(self) -> QWidget | None:
        from mediation_desktop.ui.admin.accounts_dialogs import ChangePasswordDialog

        if self.actor is None:
            return None
        dialog = ChangePasswordDialog(self.db, self.actor, self)
        dialog.open()
        return dialog

    def _start_backups(self) -> None:
        """The automatic backups: one at the first sign-in of this run, then a look every hour."""
        if self.backup_schedule is not None or not self.db.is_sqlite:
            return
        from mediation_desktop.ui.admin.backup_schedule import BackupSchedule  # after sign-in, not at start

        self.backup_schedule = BackupSchedule(self.db, self)
        self.backup_schedule.sig_message.connect(lambda text: self.statusBar().showMessage(text, 15_000))
        self.backup_schedule.start()

    def _stop_backups(self, *, closing: bool = False) -> None:
        """No more automatic backups; one that is running is finished first (at 100,000 cases that takes
        half a minute), with a note on screen so that nobody takes the wait for a hang. ``closing``: the
        program ends — the day's work is backed up first if it changed since the newest backup."""
        schedule = self.backup_schedule
        if schedule is None:
            return
        if closing:
            schedule.check(at_close=True)
        if schedule.busy():
            text = QCoreApplication.translate("MainWindow", "正在完成自动备份，请稍候…")  # (the window's text)
            note = QProgressDialog(text, "", 0, 0, self)
            note.setCancelButton(None)  # a backup is never stopped halfway
            note.setWindowModality(Qt.WindowModality.ApplicationModal)
            note.setMinimumDuration(0)
            note.show()
            while schedule.busy():  # its end is reported through this thread's event loop
                QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents, 50)
                time.sleep(0.02)
            note.close()
        schedule.stop()
