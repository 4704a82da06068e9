"""Small forms for what is recorded on a case: an investigation (调查记录), a session (调解记录), an oral
agreement, a follow-up (回访), a referral (移交).

Every form keeps what is typed: it is autosaved as a draft while typed (offered back after a crash or
power cut), and closing it with unsaved input asks whether to keep the draft.

Enter never saves a form (elderly users press it to go to the next line): in a single-line field it moves
on to the next field; only Ctrl+S and the 保存 button save. A form missing what its record must hold says
what is missing, puts the cursor there and keeps everything typed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, ClassVar

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
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
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mediation_desktop.domain.china_time import in_china, typed_in_china
from mediation_desktop.domain.enums import Performance, SessionResult
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services import agreements, records
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.drafts import DraftStore
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Agreement, Case
from mediation_desktop.ui.case.terms_editor import TermsEditor
from mediation_desktop.ui.common.date_field import DateField, MomentField, date_problem
from mediation_desktop.ui.common.labels import label
from mediation_desktop.ui.common.screen_fit import fit_to_screen, scrolling


def _local(moment: QDateTime) -> dt.datetime:
    d, t = moment.date(), moment.time()
    return typed_in_china(d.year(), d.month(), d.day(), t.hour(), t.minute())  # the room's clock, not the PC's zone


def _china_now() -> QDateTime:
    """Now on China's wall clock (what the mediator reads off the room's clock), whatever the PC's zone."""
    n = in_china(dt.datetime.now(dt.UTC))
    return QDateTime(QDate(n.year, n.month, n.day), QTime(n.hour, n.minute))


def _day(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def _moment_edit(moment: QDateTime) -> MomentField:
    """A date and time, at most ``moment`` (a record is of something that has happened)."""
    return MomentField(moment, latest=moment)


def _day_edit(day: QDate) -> DateField:
    """A date, at most ``day``."""
    return DateField(day, latest=day)


def _mediator_choice(db: Database, case_mediator: str) -> QComboBox:
    """调解员 / 回访人: one of the committee's mediators (and its director), the case's mediator first chosen;
    a name not among the accounts (a case imported with its mediator's name) can be typed."""
    from mediation_desktop.domain.enums import Role
    from mediation_desktop.services.accounts import list_users

    names = [u.display_name for u in list_users(db) if u.active and u.role in (Role.MEDIATOR, Role.DIRECTOR)]
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    for name in dict.fromkeys([case_mediator, *names] if case_mediator else names):
        box.addItem(name, name)
    box.setCurrentIndex(0)
    return box


def _choice(placeholder: str, items: list[tuple[str, str]]) -> QComboBox:
    """A drop-down with nothing chosen until the mediator chooses (``items``: label, value)."""
    box = QComboBox()
    for text, value in items:
        box.addItem(text, value)
    box.setPlaceholderText(placeholder)
    box.setCurrentIndex(-1)
    return box


# what a form starts with is data printed on the (Chinese) documents, in any window language
PLACE = "调解室"
FOLLOW_UP_REASON = "了解协议履行情况"


class FormIncomplete(Exception):
    """The form lacks what its record must hold: ``message`` says what, ``widget`` is where to type it."""

    def __init__(self, message: str, widget: QWidget | None = None) -> None:
        super().__init__(message)
        self.message, self.widget = message, widget


def _value(widget: QWidget) -> Any:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QComboBox):
        return widget.currentText() if widget.isEditable() else widget.currentData()
    if isinstance(widget, DateField | MomentField) and not widget.chosen:
        return ""  # the default (today, now): a draft resumed another day starts from that day's
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
    elif isinstance(widget, QComboBox) and widget.isEditable():
        widget.setCurrentText(str(value))
    elif isinstance(widget, QComboBox):
        index = widget.findData(value)
        if index >= 0:  # an unknown value leaves the choice as it is (never picks one for the mediator)
            widget.setCurrentIndex(index)
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
    if isinstance(widget, QComboBox) and widget.isEditable():
        return widget.editTextChanged
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
        self._no_default_buttons()
        QShortcut(QKeySequence.StandardKey.Save, self, self.submit)
        self.body = QVBoxLayout(self)
        self.form_scroll = scrolling(self.form_widget)  # the fields scroll on a short screen; the buttons stay
        self.body.addWidget(self.form_scroll, 1)
        self.body.addWidget(self.error)
        self.body.addWidget(self.buttons)
        fit_to_screen(self, 620, 460)
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

    # ---- Enter goes to the next field; it never saves
    def _no_default_buttons(self) -> None:
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._no_default_buttons()  # the button box makes 保存 the default button when it is shown

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # QDialog would click the default button: the form half-filled would be saved
            self.focus_next_field()
            return
        super().keyPressEvent(event)

    def _field_order(self) -> list[QWidget]:
        widgets = list(self.fields.values())
        return [w for w in widgets if not any(o is not w and o.isAncestorOf(w) for o in widgets)]

    def focus_next_field(self) -> None:
        """From the field holding the cursor to the next one that can take it (the last field keeps it)."""
        focus = self.focusWidget()
        order = self._field_order()
        current = next((i for i, w in enumerate(order)
                        if focus is not None and (w is focus or w.isAncestorOf(focus))), None)
        if current is None:
            return
        for widget in order[current + 1:]:
            takes_focus = widget.focusPolicy() != Qt.FocusPolicy.NoFocus or widget.focusProxy() is not None
            if widget.isVisibleTo(self) and widget.isEnabled() and takes_focus:
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return

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

    def check_dates(self) -> None:
        """A date field holding a day it does not take (typed in the future …) stops the saving."""
        for widget in self.fields.values():
            problem = date_problem(widget)
            if problem and widget.isEnabled():
                raise FormIncomplete(problem, widget)

    def submit(self) -> None:
        try:
            self.check_dates()
            self.save()
        except FormIncomplete as exc:
            self.error.setText(exc.message)  # what was typed stays in the form
            if exc.widget is not None:
                exc.widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        except MediationError as exc:
            self.error.setText(tr(exc.key, **exc.params))  # what was typed stays in the form
            return
        self.error.clear()
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
    """人民调解调查记录: 时间, 地点, 参加人, 被调查人, 调查人, 记录人 and the record (问/答)."""

    FORM = "investigation"

    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, case_id, parent)
        self.setWindowTitle(self.tr("记录一次调查"))
        fit_to_screen(self, 620, 560)
        self.held_at = _moment_edit(_china_now())
        self.place = QLineEdit()
        self.interviewee = QLineEdit()
        self.participants = QLineEdit()
        self.investigator = QLineEdit(actor.display_name)
        self.recorder = QLineEdit()
        self.record = QPlainTextEdit()
        self.record.setPlaceholderText(self.tr("问：……\n答：……"))
        self.add_fields([("held_at", self.tr("调查时间"), self.held_at), ("place", self.tr("调查地点"), self.place),
                         ("interviewee", self.tr("被调查人"), self.interviewee),
                         ("participants", self.tr("在场人"), self.participants),
                         ("investigator", self.tr("调查人"), self.investigator),
                         ("recorder", self.tr("记录人"), self.recorder),
                         ("record", self.tr("调查情况"), self.record)])
        self.start_watching()

    def save(self) -> None:
        if not self.interviewee.text().strip():
            raise FormIncomplete(self.tr("请填写被调查人（向谁调查）。"), self.interviewee)
        if not self.record.toPlainText().strip():
            raise FormIncomplete(self.tr("请写明调查情况（问了什么、怎么回答的）。"), self.record)
        records.add_investigation(self.db, self.actor, self.case_id, records.InvestigationInput(
            record=self.record.toPlainText(), interviewee=self.interviewee.text().strip(),
            held_at=_local(self.held_at.dateTime()), place=self.place.text().strip(),
            participants=self.participants.text().strip(), investigator=self.investigator.text().strip(),
            recorder=self.recorder.text().strip()))


class SessionDialog(RecordDialog):
    """人民调解记录 of one sitting: 时间, 地点, 事由, 当事人, 参加人, 记录人, what was said, and the result."""

    FORM = "session"

    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, case_id, parent)
        self.setWindowTitle(self.tr("记录一次调解"))
        fit_to_screen(self, 620, 600)
        with db.read_session() as s:
            case = s.get(Case, case_id)
            title = case.title if case is not None else ""
            names = [] if case is None else [p.name for p in case.parties if p.deleted_at is None]
            mediator = "" if case is None else case.mediator_name
            last = None if case is None else max((r for r in case.sessions if r.deleted_at is None),
                                                 key=lambda r: r.held_at, default=None)
            # the sitting before (back to back: the other side is heard next, same place and helpers)
            before = (last.place, last.participants, last.recorder, last.back_to_back) if last else None
        self.held_at = _moment_edit(_china_now())
        self.place = QLineEdit(before[0] if before and before[0] else PLACE)
        self.subject = QLineEdit(title)
        self.parties_present = QLineEdit("、".join(names))
        self.participants = QLineEdit(before[1] if before else "")
        self.mediator = _mediator_choice(db, mediator)
        self.back_to_back = QCheckBox(self.tr("背靠背（分别与各方谈）"))
        self.back_to_back.setChecked(bool(before and before[3]))
        self.record = QPlainTextEdit()
        self.result_box = QComboBox()
        for result in SessionResult:
            self.result_box.addItem(label(result), result.value)
        self.result_box.setCurrentIndex(self.result_box.findData(SessionResult.POSTPONED.value))
        self.recorder = QLineEdit()
        self.add_fields([("held_at", self.tr("调解时间"), self.held_at), ("place", self.tr("地点"), self.place),
                         ("subject", self.tr("事由"), self.subject),
                         ("parties_present", self.tr("到场当事人"), self.parties_present),
                         ("participants", self.tr("参加人（邀请协助的人）"), self.participants),
                         ("back_to_back", "", self.back_to_back), ("record", self.tr("调解经过"), self.record),
                         ("result", self.tr("结果"), self.result_box), ("mediator", self.tr("调解员"), self.mediator),
                         ("recorder", self.tr("记录人"), self.recorder)])
        if before:
            self.recorder.setText(before[2])
        self.start_watching()

    def save(self) -> None:
        if not self.record.toPlainText().strip():
            raise FormIncomplete(self.tr("请写明调解经过（各方怎么说、怎么调解的）。"), self.record)
        records.add_session(self.db, self.actor, self.case_id, records.SessionInput(
            result=SessionResult(str(self.result_box.currentData())), record=self.record.toPlainText(),
            held_at=_local(self.held_at.dateTime()), place=self.place.text().strip(),
            subject=self.subject.text().strip(), participants=self.participants.text().strip(),
            parties_present=self.parties_present.text().strip(), back_to_back=self.back_to_back.isChecked(),
            recorder=self.recorder.text().strip(), mediator=self.mediator.currentText().strip()))


class OralAgreementDialog(RecordDialog):
    """口头协议: it takes effect the day it is reached (人民调解法 art. 30), which is asked here. Saving asks the
    same question as signing a written one (it locks); ``corrects``: the signed oral agreement this form
    corrects (filled in from it; ``reason`` goes to the log), as 更正协议… does for a written one."""

    FORM = "oral"

    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID, parent: QWidget | None = None, *,
                 corrects: Agreement | None = None, reason: str = "") -> None:
        super().__init__(db, actor, case_id, parent)
        self.corrects, self.reason = corrects, reason
        self.setWindowTitle(self.tr("登记口头协议") if corrects is None else self.tr("更正口头协议"))
        self.reached_on = _day_edit(QDate.currentDate())
        self.terms = QPlainTextEdit()
        self.terms.setPlaceholderText(self.tr("每行一条协议内容"))
        self.method = QLineEdit()
        self.amount = QLineEdit()
        self.add_fields([("reached_on", self.tr("达成日期"), self.reached_on),
                         ("terms", self.tr("协议内容"), self.terms), ("method", self.tr("履行方式"), self.method),
                         ("amount", self.tr("金额（元）"), self.amount)])
        if corrects is not None:
            self.FORM = ""  # type: ignore[misc]  # (a correction is finished at once or not at all: no draft)
            if corrects.signed_on is not None:
                self.reached_on.set_day(QDate(corrects.signed_on.year, corrects.signed_on.month,
                                              corrects.signed_on.day))
            self.terms.setPlainText("\n".join(corrects.terms))
            self.method.setText(corrects.performance_method)
            self.amount.setText("" if corrects.amount is None else str(corrects.amount))
        self.start_watching()

    def save(self) -> None:
        day = _day(self.reached_on.date())
        question = self.tr("各方当事人都已当面同意这些协议内容了吗？\n达成日期：%1（协议从这天起生效）\n"
                           "保存后协议生效并锁定，不能再修改，只能更正。").replace("%1", day.isoformat())
        if not self.terms.toPlainText().strip():
            raise FormIncomplete(self.tr("请写明协议内容（每行一条）。"), self.terms)
        if not self.ask(self, question):
            raise FormIncomplete("")  # not saved; everything typed stays
        agreements.record_oral(self.db, self.actor, self.case_id, agreements.AgreementInput(
            terms=self.terms.toPlainText().splitlines(), performance_method=self.method.text(),
            amount=self.amount.text().strip() or None), reached_on=day,
            corrects=None if self.corrects is None else self.corrects.id, reason=self.reason)


SATISFIED = {"yes": True, "no": False, "unknown": None}


class FollowUpDialog(RecordDialog):
    """人民调解回访记录. Nothing is chosen for the mediator: a hurried 保存 must not record 已履行 (which closes
    the case and stops the reminders) or 满意 that nobody said."""

    FORM = "follow_up"

    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, case_id, parent)
        self.setWindowTitle(self.tr("记录回访"))
        fit_to_screen(self, 620, 680)
        self.visited_on = _day_edit(QDate.currentDate())
        with db.read_session() as s:
            case = s.get(Case, case_id)
            self.visitor = _mediator_choice(db, "" if case is None else case.mediator_name)
        self.visitee = QLineEdit()
        self.reason = QLineEdit(FOLLOW_UP_REASON)
        self.performance = _choice(self.tr("请选择"), [
            (label(p), p.value) for p in (Performance.DONE, Performance.PARTIAL, Performance.NOT_DONE)])
        self.satisfied = _choice(self.tr("请选择"), [
            (self.tr("满意"), "yes"), (self.tr("不满意"), "no"), (self.tr("未表示意见"), "unknown")])
        self.new_lawsuit = QCheckBox(self.tr("因同一纠纷另行起诉、申请仲裁或上访"))
        self.hidden_risks = QPlainTextEdit()
        self.hidden_risks.setPlaceholderText(self.tr("没有就不填"))
        self.measures = QPlainTextEdit()
        self.measures.setPlaceholderText(self.tr("没有就不填"))
        self.findings = QPlainTextEdit()
        for box in (self.hidden_risks, self.measures):
            box.setMaximumHeight(box.fontMetrics().lineSpacing() * 4 + 12)
        self.add_fields([("visited_on", self.tr("回访日期"), self.visited_on),
                         ("visitor", self.tr("回访人"), self.visitor),
                         ("visitee", self.tr("被回访人"), self.visitee),
                         ("reason", self.tr("回访事由"), self.reason),
                         ("performance", self.tr("履行情况"), self.performance),
                         ("satisfied", self.tr("当事人是否满意"), self.satisfied),
                         ("new_lawsuit", "", self.new_lawsuit),
                         ("hidden_risks", self.tr("存在的隐患"), self.hidden_risks),
                         ("measures", self.tr("采取的措施"), self.measures),
                         ("findings", self.tr("回访情况"), self.findings)])
        self.start_watching()

    def save(self) -> None:
        if not self.visitee.text().strip():
            raise FormIncomplete(self.tr("请填写被回访人。"), self.visitee)
        if self.performance.currentIndex() < 0:
            raise FormIncomplete(self.tr("请选择履行情况：已履行、部分履行还是未履行。"), self.performance)
        if self.satisfied.currentIndex() < 0:
            raise FormIncomplete(self.tr("请选择当事人是否满意（当事人没有表态就选“未表示意见”）。"), self.satisfied)
        records.add_follow_up(self.db, self.actor, self.case_id, records.FollowUpInput(
            performance=Performance(str(self.performance.currentData())), visitee=self.visitee.text().strip(),
            visited_on=_day(self.visited_on.date()), reason=self.reason.text().strip(),
            satisfied=SATISFIED[str(self.satisfied.currentData())], new_lawsuit=self.new_lawsuit.isChecked(),
            hidden_risks=self.hidden_risks.toPlainText().strip(), measures=self.measures.toPlainText().strip(),
            findings=self.findings.toPlainText(), visitor=self.visitor.currentText().strip()))


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
