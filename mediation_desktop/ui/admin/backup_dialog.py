"""数据备份: the director's window onto the backups — the rotation, 立即备份, 备份到文件…, a second folder,
and 从备份恢复….

Backing up and restoring run on a worker thread (``ui.jobs.Job``) behind a busy indicator; neither can be
stopped halfway (a cancelled restore is exactly what the services guard against), so the indicator has no
取消 button. A restore replaces the database file under the running program: the dialog lets go of every
pooled connection first (the service refuses while any is open), and afterwards the program closes, so
that nothing can go on using what it had read from the old data. The services check the backup
completely before anything is touched and back up the current data first.

Only a director backs up, restores or changes the second folder (a whole copy of the committee's records
is at stake); others see the list read-only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QMessageBox,
    QTableWidgetItem,
    QWidget,
)

from mediation_desktop.domain.china_time import in_china
from mediation_desktop.domain.enums import Role
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr as message  # (not Qt's tr: a service message key)
from mediation_desktop.services import backup_owner, backups, restoring
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.backup_unlock import EITHER, BackupSecret
from mediation_desktop.services.restore_said import done_lines
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.sealed import is_sealed
from mediation_desktop.ui.common.file_places import carry_folder
from mediation_desktop.ui.common.jobs import Job, JobCancelled, idle_work, wait_for
from mediation_desktop.ui.common.questions import yes_no
from mediation_desktop.ui.common.text_prompt import ask_text
from mediation_desktop.ui.forms.admin.backup_dialog import Ui_BackupDialog


def human_size(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"


class BackupDialog(QDialog):
    sig_restoring = Signal()
    """The user confirmed a restore: whoever else writes to the database (the automatic backups) stops now."""
    sig_restored = Signal(object)
    """A ``services.restoring.RestoreReport``: the database was replaced; the program is about to close."""
    sig_backed_up = Signal(object)
    """A ``services.backups.BackupReport`` after 立即备份 or 备份到文件…."""

    # --- questions to the user (class methods, so that tests answer them) ----------------------------
    @classmethod
    def choose_export_file(cls, parent: QWidget, title: str, suggested: Path, kinds: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), kinds)
        return Path(path) if path else None

    @classmethod
    def choose_backup_file(cls, parent: QWidget, title: str, start: Path, kinds: str) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(parent, title, str(start), kinds)
        return Path(path) if path else None

    @classmethod
    def choose_folder(cls, parent: QWidget, title: str, start: Path) -> Path | None:
        path = QFileDialog.getExistingDirectory(parent, title, str(start))
        return Path(path) if path else None

    @classmethod
    def confirm(cls, parent: QWidget, text: str) -> bool:
        return yes_no(parent, text)

    @classmethod
    def ask_secret(cls, parent: QWidget, title: str, text: str) -> str | None:
        """The recovery code or a director's password for an encrypted backup (None: cancelled; a code half typed
        is not lost to Esc without a question)."""
        return ask_text(parent, text, title=title, secret=True) or None

    @classmethod
    def inform(cls, parent: QWidget, text: str) -> None:
        QMessageBox.information(parent, parent.windowTitle(), text)

    @classmethod
    def quit_application(cls) -> None:
        """After a restore: close every window (drafts of open forms are kept as on any close) and end."""
        QApplication.closeAllWindows()
        QApplication.quit()

    # -------------------------------------------------------------------------------------------------
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.may_change = actor.role == Role.DIRECTOR
        self.job: Job | None = None
        self.restored: restoring.RestoreReport | None = None
        self.form = Ui_BackupDialog()  # the layout: forms/admin/backup_dialog.ui
        self.form.setupUi(self)
        f = self.form
        self.note, self.table, self.status, self.error = f.noteLabel, f.backupsTable, f.statusLabel, f.errorLabel
        self.second_label = f.secondFolderLabel
        self.second_button, self.clear_second_button = f.chooseSecondFolderButton, f.clearSecondFolderButton
        self.backup_button, self.export_button = f.backupNowButton, f.backupToFileButton
        self.restore_button, self.close_button = f.restoreButton, f.closeButton
        self.backup_button.clicked.connect(self.backup_now)
        self.export_button.clicked.connect(self.export)
        self.restore_button.clicked.connect(self.restore)
        self.second_button.clicked.connect(self.choose_second_folder)
        self.clear_second_button.clicked.connect(self.clear_second_folder)
        self.retranslate()
        self.reload()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.form.retranslateUi(self)
        if self.may_change:
            self.note.setText(self.tr("打开程序、关闭程序时，以及数据改动后每隔约一小时，都会自动备份"
                                      "（保留最近一天的 10 个，以及最近 7 天、4 周、12 个月各一个）。"
                                      "建议再设一个第二备份位置（另一块硬盘或常插的 U 盘），"
                                      "并不时用“备份到文件…”拷一份放到别处。"))
        else:
            self.note.setText(self.tr("只有主任可以备份、恢复和设置备份位置；这里只能查看。"))
        self._show_second_folder()
        self._fill_table()

    # --- the list ------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the backup folders again (the primary one and the second, if it is reachable)."""
        self.found: list[tuple[dt.datetime, Path, bool]] = []
        self.own_code = backup_owner.own_org_code(self.db)
        try:
            self.second = backups.second_folder(self.db)
        except Exception:  # a broken setting must not keep the director from the backups
            self.second = None
        folders = [(self.db.paths.backups, False)]
        if self.second is not None and self.second.is_dir():
            folders.append((self.second, True))
        for folder, is_second in folders:
            for made, path in backups.backups_in(folder):
                self.found.append((made, path, is_second))
        self.found.sort(key=lambda item: item[0], reverse=True)
        self._show_second_folder()
        self._fill_table()
        self._update_buttons()

    def _fill_table(self) -> None:
        found = getattr(self, "found", [])
        self.table.setRowCount(len(found))
        for row, (made, path, is_second) in enumerate(found):
            if path.name.startswith(backups.AUTO_PREFIX):
                kind = self.tr("日常备份")  # automatic, or 立即备份: the same rotation
            elif path.name.startswith(backups.PRE_RESTORE_PREFIX):
                kind = self.tr("恢复前的数据")
            else:
                kind = self.tr("其他备份")
            said = backup_owner.note(path, self.own_code)  # (another committee's archive, or a damaged file)
            if said is not None:
                kind = message(said[0], **said[1])
            try:
                size = human_size(path.stat().st_size)
            except OSError:
                size = "?"
            # (the place in words; the file and its folder on the mouse: a file name with its time and mark did not
            # fit the column in 大字)
            where = self.tr("第二备份位置") if is_second else self.tr("本机")
            shown = in_china(made)  # (China's clock, also for an older version's name: services.backups.made_at)
            for col, text in enumerate((f"{shown:%Y-%m-%d %H:%M}", kind, size, where)):
                item = QTableWidgetItem(text)
                item.setToolTip(str(path))
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)

    def _show_second_folder(self) -> None:
        second = getattr(self, "second", None)
        if second is None:
            self.second_label.setText(self.tr("第二备份位置：未设置"))
        else:
            self.second_label.setText(self.tr("第二备份位置：%1").replace("%1", str(second)))

    def selected_backup(self) -> Path | None:
        row = self.table.currentRow()
        return self.found[row][1] if 0 <= row < len(self.found) else None

    def _update_buttons(self) -> None:
        idle = not self.busy() and self.restored is None
        for button in (self.backup_button, self.export_button, self.restore_button, self.second_button):
            button.setEnabled(self.may_change and idle)
        self.clear_second_button.setEnabled(self.may_change and idle and getattr(self, "second", None) is not None)

    # --- running work off the UI thread --------------------------------------------------------------
    def busy(self) -> bool:
        return self.job is not None and not self.job.finished

    def _run(self, title: str, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self.error.clear()
        self.status.setText(title)
        job = Job(self, title, lambda _progress: work())
        if job.dialog is not None:
            job.dialog.setCancelButton(None)  # a backup or a restore is not stopped halfway

        def finished(result: Any, error: BaseException | None) -> None:
            job.worker.work = idle_work  # drop the closure (and the dialog it holds) on this thread, now
            self.status.clear()
            if isinstance(error, MediationError) and error.key == "backup.db_in_use":
                self.error.setText(self.tr("程序的其他部分还在读数据库（可能正在刷新列表），所以没有恢复，"
                                           "数据没有改动。请稍等片刻再试；如果仍不行，请关闭程序，"
                                           "用命令 mediation-desktop restore 恢复。"))
            elif isinstance(error, MediationError):
                self.error.setText(message(error.key, **error.params))
            elif error is not None and not isinstance(error, JobCancelled):
                explained = backups.explain_storage_error(error)
                self.error.setText(message(explained.key, **explained.params) if explained is not None else
                                   self.tr("程序出错了：%1。数据没有被改动。").replace("%1", type(error).__name__))
            elif error is None:
                done(result)
            self._update_buttons()

        job.sig_finished.connect(finished)
        self.job = job
        self._update_buttons()
        job.start()

    def done(self, result: int) -> None:
        """Closing is refused while a backup or a restore runs (neither is stopped halfway; a restore must
        still close the program when it ends)."""
        if self.busy():
            return
        wait_for(self.job)
        super().done(result)

    # --- actions -------------------------------------------------------------------------------------
    def _backed_up(self, report: backups.BackupReport) -> None:
        lines = [message("backup.done", path=str(report.path), cases=report.cases, files=report.files,
                         size=human_size(report.size))]
        if report.second_path is not None:
            lines.append(message("backup.second_copy", path=str(report.second_path)))
        warnings = []
        if report.second_error is not None:
            warnings.append(message(report.second_error.key, **report.second_error.params))
        if report.missing_files:
            warnings.append(message("backup.missing_files", count=report.missing_files))
        self.status.setText("\n".join(lines))
        self.error.setText("\n".join(warnings))
        self.reload()
        self.sig_backed_up.emit(report)

    def backup_now(self) -> None:
        if not self.may_change or self.busy():
            return
        db = self.db
        self._run(self.tr("正在备份…"), lambda: backups.backup_now(db), self._backed_up)

    def export(self) -> None:
        if not self.may_change or self.busy():
            return
        name = self.tr("调解备份") + f"-{in_china(dt.datetime.now(dt.UTC)):%Y%m%d-%H%M}.zip"
        out = self.choose_export_file(self, self.tr("备份到文件"), carry_folder() / name, self.tr("备份文件 (*.zip)"))
        if out is None:
            return
        if out.suffix.lower() != ".zip":
            out = out.with_name(out.name + ".zip")
        db, actor = self.db, self.actor
        self._run(self.tr("正在写备份文件…"), lambda: backups.export_backup(db, out, actor=actor), self._backed_up)

    def choose_second_folder(self) -> None:
        if not self.may_change or self.busy():
            return
        folder = self.choose_folder(self, self.tr("选择第二个备份位置"), self.second or carry_folder())
        if folder is not None:
            self._set_second(folder)

    def clear_second_folder(self) -> None:
        if self.may_change and not self.busy():
            self._set_second(None)

    def _set_second(self, folder: Path | None) -> None:
        try:
            backups.set_second_folder(self.db, self.actor, folder)
        except MediationError as exc:
            self.error.setText(message(exc.key, **exc.params))
            return
        self.error.clear()
        self.status.setText(message("backup.second_folder_cleared") if folder is None
                            else message("backup.second_folder_set", path=str(folder.absolute())))
        self.reload()

    def restore(self) -> None:
        """Choose a backup, check it and show what it holds, ask, then restore and close the program."""
        if not self.may_change or self.busy():
            return
        archive = self.choose_backup_file(self, self.tr("选择要恢复的备份文件"),
                                          self.selected_backup() or self.db.paths.backups, self.tr("备份文件 (*.zip)"))
        if archive is None:
            return
        self.secret: BackupSecret | None = None
        if is_sealed(archive):  # written outside the data folder: encrypted
            value = self.ask_secret(self, self.tr("打开加密的备份"),
                                    self.tr("这个备份是加密的。请输入恢复码或主任的密码（做这个备份时有效的）："))
            if value is None:
                self.status.setText(self.tr("没有恢复，数据没有改动。"))
                return
            self.secret = BackupSecret(EITHER, value)
        paths, secret = self.db.paths, self.secret
        self._run(self.tr("正在检查备份文件…"), lambda: restoring.inspect_backup(paths, archive, secret=secret),
                  self._inspected)

    def _describe(self, s: restoring.BackupSummary) -> str:
        made = f"{s.created_at:%Y-%m-%d %H:%M}" if s.created_at is not None else "?"
        text = (self.tr("备份文件：%1\n备份时间：%2\n调委会：%3\n案件 %4 个，附件 %5 个，审计记录 %6 条。\n"
                        "检查结果：完好。")
                .replace("%1", s.path.name).replace("%2", made).replace("%3", s.org_name or "?")
                .replace("%4", str(s.cases)).replace("%5", str(s.files)).replace("%6", str(s.audit_entries)))
        text += "\n" + self.tr("机构代码：%1，签名密钥指纹：%2").replace("%1", s.org_code or "?").replace(
            "%2", s.fingerprint or "-")
        return text

    def _inspected(self, summary: restoring.BackupSummary) -> None:
        text = self._describe(summary) + "\n\n"
        if summary.same_installation is False and summary.same_committee:
            text += self.tr("注意：这是本调委会在另一台电脑上做的备份。恢复后本机现在的数据将被它完全替换，"
                            "账号和密码也将是备份里的：在这台电脑上刚设置的密码将不能再用，"
                            "请用做备份时的用户名和密码登录。\n\n")
        elif summary.same_installation is False:
            text += self.tr("注意：这个备份属于另一台电脑上的调委会，恢复后本机的数据将被它完全替换。\n\n")
        text += self.tr("用这个备份替换本机现在的全部数据吗？\n现在的数据会先自动备份（可以再恢复回来）。"
                        "恢复完成后程序将关闭，请重新打开并登录。")
        if not self.confirm(self, text):
            self.status.setText(self.tr("没有恢复，数据没有改动。"))
            return
        self.status.setText(self._describe(summary))
        paths, archive, secret = self.db.paths, summary.path, getattr(self, "secret", None)
        other = summary.same_installation is False
        self.sig_restoring.emit()
        self.db.dispose()  # let go of every pooled connection: the restore refuses while one is open
        self._run(self.tr("正在恢复…"),
                  lambda: restoring.restore(paths, archive, allow_other_installation=other, secret=secret),
                  self._restored)

    def _restored(self, report: restoring.RestoreReport) -> None:
        self.restored = report
        self._update_buttons()
        text = "\n".join(message(key, **values) for key, values in done_lines(report))
        if report.problems:
            text += "\n" + message("restore.check_failed", count=len(report.problems))
        text += "\n\n" + self.tr("程序现在将关闭，请重新打开调解工作台并登录。")
        self.status.setText(text)
        self.inform(self, text)
        self.sig_restored.emit(report)
        self.quit_application()
