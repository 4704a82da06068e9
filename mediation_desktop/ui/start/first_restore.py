"""「从备份恢复…」 at first start: a new computer (the old one died, or was replaced) takes the committee's data back
from a backup — an encrypted one on a USB stick, or an archive of the old data folder's ``backups`` — instead of
setting up a new committee first (whose director and password the restore would then replace).

The same checks and services as the 数据备份 window (``services.restoring``): the backup is read and checked
whole, what it holds is shown and the director asked, then it replaces the empty database. The questions are
the backup window's own (``BackupDialog``'s class methods: one place to answer them in tests).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr as message  # (not Qt's tr: a service message key)
from mediation_desktop.services import restoring
from mediation_desktop.services.backup_unlock import EITHER, BackupSecret
from mediation_desktop.services.restore_said import done_lines
from mediation_desktop.storage.sealed import is_sealed
from mediation_desktop.ui.common.file_places import carry_folder
from mediation_desktop.ui.common.jobs import Job, JobCancelled, idle_work

if TYPE_CHECKING:
    from mediation_desktop.ui.start.setup_dialog import SetupDialog


def _t(text: str) -> str:
    return QCoreApplication.translate("FirstRestore", text)


def describe(summary: restoring.BackupSummary) -> str:
    made = f"{summary.created_at:%Y-%m-%d %H:%M}" if summary.created_at is not None else "?"
    return (_t("备份文件：%1\n备份时间：%2\n调委会：%3（%4）\n案件 %5 个，附件 %6 个。\n检查结果：完好。")
            .replace("%1", summary.path.name).replace("%2", made).replace("%3", summary.org_name or "?")
            .replace("%4", summary.org_code or "?").replace("%5", str(summary.cases))
            .replace("%6", str(summary.files)))


def start(dialog: SetupDialog) -> None:
    """Choose the backup, open it (an encrypted one with the recovery code or a director's password of its
    time), check it, ask, restore; then the set-up dialog closes as done and the sign-in page opens on the data
    restored. Anything refused is said on the dialog's error line, nothing changed."""
    from mediation_desktop.ui.admin.backup_dialog import BackupDialog

    archive = BackupDialog.choose_backup_file(dialog, _t("选择要恢复的备份文件"), carry_folder(),
                                              _t("备份文件 (*.zip);;所有文件 (*)"))
    if archive is None:
        return
    secret: BackupSecret | None = None
    if is_sealed(archive):
        value = BackupDialog.ask_secret(dialog, _t("打开加密的备份"),
                                        _t("这个备份是加密的。请输入恢复码或主任的密码（做这个备份时有效的）："))
        if value is None:
            return
        secret = BackupSecret(EITHER, value)
    paths = dialog.db.paths

    def inspected(summary: restoring.BackupSummary) -> None:
        question = describe(summary) + "\n\n" + _t(
            "用这个备份恢复本调委会的全部数据吗？\n恢复后请用备份里的账户和密码登录（就是原来电脑上用的）。")
        if not BackupDialog.confirm(dialog, question):
            return
        dialog.db.dispose()  # (the restore refuses while a connection is open)
        _run(dialog, _t("正在恢复…"), lambda: restoring.restore(paths, summary.path, secret=secret), restored)

    def restored(report: restoring.RestoreReport) -> None:
        text = "\n".join(message(key, **values) for key, values in done_lines(report))  # (the 数据备份 window's words)
        if report.problems:
            text += "\n" + message("restore.check_failed", count=len(report.problems))
        BackupDialog.inform(dialog, text)
        dialog.restored = report
        dialog.accept()

    _run(dialog, _t("正在检查备份文件…"), lambda: restoring.inspect_backup(paths, archive, secret=secret), inspected)


def _run(dialog: SetupDialog, title: str, work: Any, then: Any) -> None:
    dialog.error.clear()
    job = Job(dialog, title, lambda _progress: work())
    if job.dialog is not None:
        job.dialog.setCancelButton(None)  # a restore is not stopped halfway

    def finished(result: Any, error: BaseException | None) -> None:
        job.worker.work = idle_work  # (drop the closure on this thread, now)
        dialog.setEnabled(True)
        if isinstance(error, MediationError):
            dialog.error.setText(message(error.key, **error.params))
        elif error is not None and not isinstance(error, JobCancelled):
            from mediation_desktop.services.backups import explain_storage_error

            explained = explain_storage_error(error)
            dialog.error.setText(message(explained.key, **explained.params) if explained is not None else
                                 _t("程序出错了：%1。数据没有被改动。").replace("%1", type(error).__name__))
        elif error is None:
            then(result)

    dialog.setEnabled(False)
    job.sig_finished.connect(finished)
    dialog.job = job
    job.start()
