"""人民调解协议书: write the agreement (a draft until signed), look at its PDF, then mark it signed."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from mediation_desktop.domain.enums import AgreementStatus
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services import agreements
from mediation_desktop.services.accounts import Actor
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Agreement, Case
from mediation_desktop.ui.record_dialogs import _RecordDialog


class AgreementDialog(_RecordDialog):
    """Edits the case's unsigned agreement, or starts one (a signed agreement is locked: not editable here)."""

    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, case_id, parent)
        self.setWindowTitle(self.tr("人民调解协议书"))
        self.resize(760, 640)
        self.agreement_id: uuid.UUID | None = None
        self.facts = QPlainTextEdit()
        self.terms = QPlainTextEdit()
        self.terms.setPlaceholderText(self.tr("每行一条，打印时自动编号一、二、三……"))
        self.method = QLineEdit()
        self.place = QLineEdit()
        self.has_deadline = QCheckBox(self.tr("有履行期限"))
        self.deadline = QDateEdit(QDate.currentDate().addDays(30))
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        deadline_row = QWidget()
        row = QHBoxLayout(deadline_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.has_deadline)
        row.addWidget(self.deadline, 1)
        self.amount = QLineEdit()
        self.copies = QSpinBox()
        self.copies.setRange(2, 999)
        for label, field in ((self.tr("纠纷主要事实、争议事项"), self.facts), (self.tr("协议内容"), self.terms),
                             (self.tr("履行方式"), self.method), (self.tr("履行地点"), self.place),
                             (self.tr("履行期限"), deadline_row), (self.tr("金额（元）"), self.amount),
                             (self.tr("份数"), self.copies)):
            self.form.addRow(label, field)
        self.preview_button = QPushButton(self.tr("保存并查看 PDF"))
        self.preview_button.clicked.connect(self.preview)
        self.buttons.addButton(self.preview_button, self.buttons.ButtonRole.ActionRole)
        self._load()

    def _load(self) -> None:
        with self.db.read_session() as s:
            case = s.get(Case, self.case_id)
            assert case is not None
            self.copies.setValue(len(case.parties) + 1)  # one per party and one for the committee (art. 29)
            self.facts.setPlainText(case.summary)
            draft = next((a for a in sorted(case.agreements, key=lambda a: a.version, reverse=True)
                          if a.status == AgreementStatus.DRAFT and a.deleted_at is None), None)
            if draft is not None:
                self._fill(draft)

    def _fill(self, a: Agreement) -> None:
        self.agreement_id = a.id
        self.facts.setPlainText(a.facts)
        self.terms.setPlainText("\n".join(a.terms))
        self.method.setText(a.performance_method)
        self.place.setText(a.performance_place)
        self.has_deadline.setChecked(a.performance_deadline is not None)
        if a.performance_deadline is not None:
            d = a.performance_deadline
            self.deadline.setDate(QDate(d.year, d.month, d.day))
        self.amount.setText("" if a.amount is None else str(a.amount))
        self.copies.setValue(a.copies)

    def data(self) -> agreements.AgreementInput:
        deadline = None
        if self.has_deadline.isChecked():
            q = self.deadline.date()
            deadline = dt.date(q.year(), q.month(), q.day())
        return agreements.AgreementInput(
            terms=self.terms.toPlainText().splitlines(), facts=self.facts.toPlainText(),
            performance_method=self.method.text(), performance_place=self.place.text(),
            performance_deadline=deadline, amount=self.amount.text().strip() or None, copies=self.copies.value())

    def save(self) -> None:
        self.agreement_id = agreements.save_draft(self.db, self.actor, self.case_id, self.data(), self.agreement_id)

    def preview(self) -> Path | None:
        """Save the draft, render the agreement as it will print, and open it in the system's PDF viewer.

        The preview lives in the data folder (not the shared temp folder: it holds the parties' data).
        """
        from mediation_desktop.documents.registry import render_document
        from mediation_desktop.storage.atomic import write_atomically

        try:
            self.save()
        except MediationError as exc:
            self.error.setText(tr(exc.key, **exc.params))
            return None
        self.error.clear()
        folder = self.db.paths.root / "previews"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"agreement-{self.case_id.hex[:12]}.pdf"
        write_atomically(path, render_document(self.db, "agreement", self.case_id))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path
