"""Small forms for what is recorded on a case: a session (调解记录), an oral agreement, a follow-up (回访)."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from mediation_desktop.domain.enums import LABELS_ZH, Performance, SessionResult
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services import agreements, records
from mediation_desktop.services.accounts import Actor
from mediation_desktop.storage.database import Database


class _RecordDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.case_id = db, actor, case_id
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(620, 460)

    def save(self) -> None:
        raise NotImplementedError

    def submit(self) -> None:
        try:
            self.save()
        except MediationError as exc:
            self.error.setText(tr(exc.key, **exc.params))  # what was typed stays in the form
            return
        self.accept()


class SessionDialog(_RecordDialog):
    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, case_id, parent)
        self.setWindowTitle(self.tr("记录一次调解"))
        self.place = QLineEdit(self.tr("调解室"))
        self.participants = QLineEdit()
        self.back_to_back = QCheckBox(self.tr("背靠背（分别与各方谈）"))
        self.record = QPlainTextEdit()
        self.result_box = QComboBox()
        for result in SessionResult:
            self.result_box.addItem(LABELS_ZH[result], result.value)
        self.result_box.setCurrentIndex(self.result_box.findData(SessionResult.POSTPONED.value))
        for label, field in ((self.tr("地点"), self.place), (self.tr("参加人（邀请协助的人）"), self.participants),
                             ("", self.back_to_back), (self.tr("调解经过"), self.record),
                             (self.tr("结果"), self.result_box)):
            self.form.addRow(label, field)

    def save(self) -> None:
        records.add_session(self.db, self.actor, self.case_id, records.SessionInput(
            result=SessionResult(str(self.result_box.currentData())), record=self.record.toPlainText(),
            place=self.place.text(), participants=self.participants.text(), back_to_back=self.back_to_back.isChecked()))


class OralAgreementDialog(_RecordDialog):
    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, case_id, parent)
        self.setWindowTitle(self.tr("登记口头协议"))
        self.terms = QPlainTextEdit()
        self.terms.setPlaceholderText(self.tr("每行一条协议内容"))
        self.method = QLineEdit()
        self.amount = QLineEdit()
        for label, field in ((self.tr("协议内容"), self.terms), (self.tr("履行方式"), self.method),
                             (self.tr("金额（元）"), self.amount)):
            self.form.addRow(label, field)

    def save(self) -> None:
        agreements.record_oral(self.db, self.actor, self.case_id, agreements.AgreementInput(
            terms=self.terms.toPlainText().splitlines(), performance_method=self.method.text(),
            amount=self.amount.text().strip() or None))


class FollowUpDialog(_RecordDialog):
    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, case_id, parent)
        self.setWindowTitle(self.tr("记录回访"))
        self.visitee = QLineEdit()
        self.performance = QComboBox()
        for p in (Performance.DONE, Performance.PARTIAL, Performance.NOT_DONE):
            self.performance.addItem(LABELS_ZH[p], p.value)
        self.satisfied = QCheckBox(self.tr("当事人满意"))
        self.satisfied.setChecked(True)
        self.findings = QPlainTextEdit()
        for label, field in ((self.tr("被回访人"), self.visitee), (self.tr("履行情况"), self.performance),
                             ("", self.satisfied), (self.tr("回访情况"), self.findings)):
            self.form.addRow(label, field)

    def save(self) -> None:
        records.add_follow_up(self.db, self.actor, self.case_id, records.FollowUpInput(
            performance=Performance(str(self.performance.currentData())), visitee=self.visitee.text(),
            satisfied=self.satisfied.isChecked(), findings=self.findings.toPlainText()))
