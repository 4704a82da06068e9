"""保管期限到期: the director's list of closed cases kept past their period — archive them, or purge them."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QTableWidgetItem, QWidget

from mediation_desktop.domain.lifecycle import CaseAction, CaseStatus
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr as message  # (not Qt's tr: a service message key)
from mediation_desktop.services import retention
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.cases import change_status
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.common.column_widths import keep_headers_whole
from mediation_desktop.ui.common.labels import label
from mediation_desktop.ui.common.text_prompt import ask_text
from mediation_desktop.ui.forms.admin.retention_dialog import Ui_RetentionDialog


class RetentionDialog(QDialog):
    @classmethod
    def ask_reason(cls, parent: QWidget, text: str) -> str | None:
        """The reason for a purge (None: cancelled; what was typed is never lost without a question)."""
        return ask_text(parent, text)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.form = Ui_RetentionDialog()  # the layout: forms/admin/retention_dialog.ui
        self.form.setupUi(self)
        self.table, self.error = self.form.dueCasesTable, self.form.errorLabel  # the names the tests use
        keep_headers_whole(self.table)
        self.archive_button, self.purge_button = self.form.archiveButton, self.form.purgeButton
        self.archive_button.clicked.connect(self.archive)
        self.purge_button.clicked.connect(self.purge)
        self.reload()

    def reload(self) -> None:
        self.due = retention.due_cases(self.db)
        self.table.setRowCount(len(self.due))
        for row, d in enumerate(self.due):
            for col, text in enumerate((d.case_no, d.title, label(d.status), d.closed_on.isoformat(), d.period,
                                        d.due_on.isoformat())):
                self.table.setItem(row, col, QTableWidgetItem(text))

    def _current(self) -> retention.DueCase | None:
        row = self.table.currentRow()
        return self.due[row] if 0 <= row < len(self.due) else None

    def archive(self) -> None:
        d = self._current()
        if d is None or d.status == CaseStatus.ARCHIVED:
            return
        # archived with the 保管期限 the row shows (the case's own, or the committee's default for one that has none),
        # written down so the cover prints it
        self._run(lambda: change_status(self.db, self.actor, d.case_id, CaseAction.ARCHIVE, retention=d.period))

    def purge(self) -> None:
        d = self._current()
        if d is None:
            return
        reason = self.ask_reason(self, self.tr("清除 %1 的原因（将记入日志）：").replace("%1", d.case_no))
        if reason:
            self._run(lambda: retention.purge_case(self.db, self.actor, d.case_id, reason=reason))

    def _run(self, action: object) -> None:
        try:
            action()  # type: ignore[operator]
        except MediationError as exc:
            self.error.setText(message(exc.key, **exc.params))
            return
        self.error.clear()
        self.reload()
