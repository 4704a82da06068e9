"""Small forms for what is recorded on a case: an investigation (调查记录), a session (调解记录), an oral
agreement, a follow-up (回访), a referral (移交).

Every form keeps what is typed: it is autosaved as a draft while typed (offered back after a crash or
power cut), and closing it with unsaved input asks whether to keep the draft.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, ClassVar

from PySide6.QtCore import QDate, QDateTime, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mediation_desktop.domain.enums import Performance, SessionResult
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services import agreements, records
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.drafts import DraftStore
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.labels import label
from mediation_desktop.ui.terms_editor import TermsEditor


def _local(moment: QDateTime) -> dt.datetime:
    d, t = moment.date(), moment.time()
    return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute()).astimezone()


def _day(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def _value(widget: QWidget) -> Any:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QDateTimeEdit) and not isinstance(widget, QDateEdit):
        return widget.dateTime().toString(Qt.DateFormat.ISODate)
    if isinstance(widget, QDateEdit):
        return widget.date().toString(Qt.DateFormat.ISODate)
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, TermsEditor):
        return widget.terms()
    raise TypeError(type(widget).__name__)


def _set_value(widget: QWidget, value: Any) -> None:
    if isinstance(widget, QLineEdit):
        widget.setText(str(value))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(str(value))
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(max(0, widget.findData(value)))
    elif isinstance(widget, QDateTimeEdit) and not isinstance(widget, QDateEdit):
        moment = QDateTime.fromString(str(value), Qt.DateFormat.ISODate)
        if moment.isValid():
            widget.setDateTime(moment)
    elif isinstance(widget, QDateEdit):
        day = QDate.fromString(str(value), Qt.DateFormat.ISODate)
        if day.isValid():
            widget.setDate(day)
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(value))
    elif isinstance(widget, TermsEditor):
        widget.set_terms([str(v) for v in value])


def changed_signal(widget: QWidget) -> Any:
    for name in ("textChanged", "toggled", "currentIndexChanged", "dateTimeChanged", "valueChanged", "sig_changed"):
        signal = getattr(widget, name, None)
        if signal is not None:
            return signal
    raise TypeError(type(widget).__name__)


class RecordDialog(QDialog):
    """A form on one case. Subclasses fill ``self.fields`` (draft key → widget) and write ``save()``."""

    FORM: ClassVar[str] = ""

    @classmethod
    def ask(cls, parent: QWidget, text: str) -> bool:
        """Yes/No question (patched in tests, where no one clicks a message box)."""
        return QMessageBox.question(parent, parent.windowTitle(), text) == QMessageBox.StandardButton.Yes

    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.case_id = db, actor, case_id
        self.drafts = DraftStore(db.paths.drafts)
        self.fields: dict[str, QWidget] = {}
        self.form_widget = QWidget()
        self.form = QFormLayout(self.form_widget)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存 (Ctrl+S)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.submit)
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.form_widget, 1)
        self.body.addWidget(self.error)
        self.body.addWidget(self.buttons)
        self.resize(620, 460)
        self._initial: dict[str, Any] = {}
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(400)
        self._autosave.timeout.connect(self.save_draft)

    def add_fields(self, rows: list[tuple[str, str, QWidget]]) -> None:
        """Rows of (draft key, label, widget), in tab order."""
        previous: QWidget | None = None
        for key, text, widget in rows:
            self.fields[key] = widget
            self.form.addRow(text, widget)
            if previous is not None:
                QWidget.setTabOrder(previous, widget)
            previous = widget

    def start_watching(self) -> None:
        """Call at the end of a subclass's ``__init__``: from now on changes are autosaved."""
        self._initial = self.form_data()
        for widget in self.fields.values():
            changed_signal(widget).connect(self._changed)
        first = next(iter(self.fields.values()), None)
        if first is not None:
            first.setFocus()

    # ---- drafts
    @property
    def draft_key(self) -> str:
        return self.case_id.hex

    def form_data(self) -> dict[str, Any]:
        return {key: _value(widget) for key, widget in self.fields.items()}

    def load_data(self, data: dict[str, Any]) -> None:
        for key, value in data.items():
            widget = self.fields.get(key)
            if widget is not None and value is not None:
                _set_value(widget, value)

    def is_dirty(self) -> bool:
        return self.form_data() != self._initial

    def _changed(self, *_args: object) -> None:
        self._autosave.start()

    def save_draft(self) -> None:
        if self.FORM and self.is_dirty():
            self.drafts.save(self.FORM, self.draft_key, self.actor.username,
                             {"case_id": str(self.case_id), **self.form_data()})

    # ---- saving and closing
    def save(self) -> None:
        raise NotImplementedError

    def submit(self) -> None:
        try:
            self.save()
        except MediationError as exc:
            self.error.setText(tr(exc.key, **exc.params))  # what was typed stays in the form
            return
        self._autosave.stop()
        if self.FORM:
            self.drafts.discard(self.FORM, self.draft_key)
        self._initial = self.form_data()
        self.accept()

    def reject(self) -> None:
        """Closing (Cancel, Esc, the window's X) with unsaved input: keep it as a draft unless told not to."""
        self._autosave.stop()
        if self.FORM and self.is_dirty():
            if self.ask(self, self.tr("填写的内容还没有保存。要保留草稿，下次接着填吗？\n选“否”将丢弃已填写的内容。")):
                self.save_draft()
            else:
                self.drafts.discard(self.FORM, self.draft_key)
        super().reject()

    def closeEvent(self, event: Any) -> None:  # the window's X goes through reject() too
        self.reject()
        event.accept()


class InvestigationDialog(RecordDialog):
    FORM = "investigation"

    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, case_id, parent)
        self.setWindowTitle(self.tr("记录一次调查"))
        self.held_at = QDateTimeEdit(QDateTime.currentDateTime())
        self.held_at.setCalendarPopup(True)
        self.held_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.place = QLineEdit()
        self.interviewee = QLineEdit()
        self.participants = QLineEdit()
        self.record = QPlainTextEdit()
        self.add_fields([("held_at", self.tr("调查时间"), self.held_at), ("place", self.tr("调查地点"), self.place),
                         ("interviewee", self.tr("被调查人"), self.interviewee),
                         ("participants", self.tr("在场人"), self.participants),
                         ("record", self.tr("调查情况"), self.record)])
        self.start_watching()

    def save(self) -> None:
        records.add_investigation(self.db, self.actor, self.case_id, records.InvestigationInput(
            record=self.record.toPlainText(), interviewee=self.interviewee.text(),
            held_at=_local(self.held_at.dateTime()), place=self.place.text(),
            participants=self.participants.text(), investigator=self.actor.display_name))


class SessionDialog(RecordDialog):
    FORM = "session"

    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, case_id, parent)
        self.setWindowTitle(self.tr("记录一次调解"))
        self.place = QLineEdit(self.tr("调解室"))
        self.participants = QLineEdit()
        self.back_to_back = QCheckBox(self.tr("背靠背（分别与各方谈）"))
        self.record = QPlainTextEdit()
        self.result_box = QComboBox()
        for result in SessionResult:
            self.result_box.addItem(label(result), result.value)
        self.result_box.setCurrentIndex(self.result_box.findData(SessionResult.POSTPONED.value))
        self.add_fields([("place", self.tr("地点"), self.place),
                         ("participants", self.tr("参加人（邀请协助的人）"), self.participants),
                         ("back_to_back", "", self.back_to_back), ("record", self.tr("调解经过"), self.record),
                         ("result", self.tr("结果"), self.result_box)])
        self.start_watching()

    def save(self) -> None:
        records.add_session(self.db, self.actor, self.case_id, records.SessionInput(
            result=SessionResult(str(self.result_box.currentData())), record=self.record.toPlainText(),
            place=self.place.text(), participants=self.participants.text(), back_to_back=self.back_to_back.isChecked()))


class OralAgreementDialog(RecordDialog):
    FORM = "oral"

    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, case_id, parent)
        self.setWindowTitle(self.tr("登记口头协议"))
        self.terms = QPlainTextEdit()
        self.terms.setPlaceholderText(self.tr("每行一条协议内容"))
        self.method = QLineEdit()
        self.amount = QLineEdit()
        self.add_fields([("terms", self.tr("协议内容"), self.terms), ("method", self.tr("履行方式"), self.method),
                         ("amount", self.tr("金额（元）"), self.amount)])
        self.start_watching()

    def save(self) -> None:
        agreements.record_oral(self.db, self.actor, self.case_id, agreements.AgreementInput(
            terms=self.terms.toPlainText().splitlines(), performance_method=self.method.text(),
            amount=self.amount.text().strip() or None))


class FollowUpDialog(RecordDialog):
    FORM = "follow_up"

    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, case_id, parent)
        self.setWindowTitle(self.tr("记录回访"))
        self.visited_on = QDateEdit(QDate.currentDate())
        self.visited_on.setCalendarPopup(True)
        self.visited_on.setDisplayFormat("yyyy-MM-dd")
        self.visitee = QLineEdit()
        self.performance = QComboBox()
        for p in (Performance.DONE, Performance.PARTIAL, Performance.NOT_DONE):
            self.performance.addItem(label(p), p.value)
        self.satisfied = QCheckBox(self.tr("当事人满意"))
        self.satisfied.setChecked(True)
        self.findings = QPlainTextEdit()
        self.add_fields([("visited_on", self.tr("回访日期"), self.visited_on),
                         ("visitee", self.tr("被回访人"), self.visitee),
                         ("performance", self.tr("履行情况"), self.performance), ("satisfied", "", self.satisfied),
                         ("findings", self.tr("回访情况"), self.findings)])
        self.start_watching()

    def save(self) -> None:
        records.add_follow_up(self.db, self.actor, self.case_id, records.FollowUpInput(
            performance=Performance(str(self.performance.currentData())), visitee=self.visitee.text(),
            visited_on=_day(self.visited_on.date()), satisfied=self.satisfied.isChecked(),
            findings=self.findings.toPlainText(), visitor=self.actor.display_name))


class ReferralDialog(RecordDialog):
    """移交: the dispute goes up (usually to the township's committee), which opens its own linked case."""

    FORM = "referral"

    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, case_id, parent)
        self.setWindowTitle(self.tr("移交"))
        from sqlalchemy import select

        from mediation_desktop.storage.models import Installation

        with db.read_session() as s:
            parent_code = s.scalar(select(Installation.parent_code)) or ""
        self.to_code = QLineEdit(parent_code)
        self.to_name = QLineEdit()
        self.reason = QPlainTextEdit()
        self.add_fields([("to_code", self.tr("接收单位代码"), self.to_code),
                         ("to_name", self.tr("接收单位名称"), self.to_name),
                         ("reason", self.tr("移交原因"), self.reason)])
        self.start_watching()

    def save(self) -> None:
        from mediation_desktop.services.cases import refer_case

        if not self.to_name.text().strip() or not self.reason.toPlainText().strip():
            raise MediationError("referral.incomplete")
        refer_case(self.db, self.actor, self.case_id, to_org_code=self.to_code.text(),
                   to_org_name=self.to_name.text(), reason=self.reason.toPlainText())


# draft form name → dialog, for offering drafts back after a restart
RECORD_DIALOGS: dict[str, type[RecordDialog]] = {
    d.FORM: d for d in (InvestigationDialog, SessionDialog, OralAgreementDialog, FollowUpDialog, ReferralDialog)}
