"""What every form recorded on a case shares (``RecordDialog``): its fields scroll above the error line and the
保存/取消 buttons, which stay in sight on a short screen.

Every form keeps what is typed: it is autosaved as a draft while typed (offered back after a crash or
power cut), and closing it with unsaved input asks whether to keep the draft.

Enter never saves a form (elderly users press it to go to the next line): in a single-line field it moves
on to the next field; only Ctrl+S and the 保存 button save. A form missing what its record must hold says
what is missing, puts the cursor there and keeps everything typed.

A form's layout is its Qt Designer file (``forms/case/*.ui``): a ``formScroll`` holding ``formFields`` (the
``fieldsLayout`` form layout), then ``errorLabel`` and ``buttonBox`` in ``dialogLayout``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, ClassVar, Protocol

from PySide6.QtCore import QDate, QDateTime, Qt, QTimer
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
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mediation_desktop.domain.china_time import typed_in_china
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.drafts import DraftStore
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.case.terms_editor import TermsEditor
from mediation_desktop.ui.common import screen_fit
from mediation_desktop.ui.common.date_field import DateField, MomentField, china_day, china_moment, date_problem
from mediation_desktop.ui.common.hints import keep_hints_whole
from mediation_desktop.ui.common.live_cells import type_cells_live
from mediation_desktop.ui.common.screen_fit import fit_to_screen
from mediation_desktop.ui.common.unsaved import Answer, ask_keep_draft, ask_leave, ask_take_up, leave_text
from mediation_desktop.ui.forms.case.record_dialog import Ui_RecordDialog


class RecordForm(Protocol):
    """A compiled form of a record dialog (``forms/case/*.ui``): the parts ``RecordDialog`` works with."""

    dialogLayout: QVBoxLayout
    formScroll: QScrollArea
    formFields: QWidget
    fieldsLayout: QFormLayout
    errorLabel: QLabel
    buttonBox: QDialogButtonBox

    def setupUi(self, dialog: QWidget, /) -> None: ...


def local(moment: QDateTime) -> dt.datetime:
    d, t = moment.date(), moment.time()
    return typed_in_china(d.year(), d.month(), d.day(), t.hour(), t.minute())  # the room's clock, not the PC's zone


def china_now() -> QDateTime:
    """Now on China's wall clock (what the mediator reads off the room's clock), whatever the PC's zone."""
    return china_moment()


def day_of(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def until_now(field: MomentField, earliest: dt.date | None = None) -> None:
    """A date and time, now at most (a record is of something that has happened), starting at now; not before
    ``earliest`` (the day the case was registered: the service refuses an earlier one too)."""
    now = china_now()
    field.set_latest(now)
    field.rule.earliest = qdate_of(earliest)
    field.set_moment(now)


def until_today(field: DateField, earliest: dt.date | None = None) -> None:
    """A date, today at most, starting at today; not before ``earliest``."""
    today = china_day()
    field.set_limits(qdate_of(earliest), today)
    field.set_day(today)


def qdate_of(day: dt.date | None) -> QDate | None:
    return None if day is None else QDate(day.year, day.month, day.day)


def case_began(db: Database, case_id: uuid.UUID) -> dt.date | None:
    """The day the case was registered: no record of it is dated before."""
    from mediation_desktop.storage.models import Case

    with db.read_session() as s:
        case = s.get(Case, case_id)
        return None if case is None else case.registered_on


def give_values(box: QComboBox, values: list[str]) -> None:
    """The values (stored in drafts and records) of a drop-down's items written in its form, in their order;
    nothing is chosen until the mediator chooses."""
    for index, value in enumerate(values):
        box.setItemData(index, value)
    box.setCurrentIndex(-1)


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
    """A form on one case. Subclasses pass their compiled form (``ui``; without one: an empty frame whose
    fields are added with ``add_fields``), name their fields (``use_fields``: draft key → widget) and write
    ``save()``."""

    FORM: ClassVar[str] = ""

    @classmethod
    def ask(cls, parent: QWidget, text: str) -> bool:
        """Yes/No question (patched in tests, where no one clicks a message box)."""
        return QMessageBox.question(parent, parent.windowTitle(), text) == QMessageBox.StandardButton.Yes

    @classmethod
    def ask_unsaved(cls, parent: QWidget, text: str, keeps_drafts: bool) -> Answer:  # (closing; patched in tests)
        return ask_keep_draft(parent, text) if keeps_drafts else ask_leave(parent, text)

    @classmethod
    def ask_take_up(cls, parent: QWidget, text: str) -> Answer:  # (a kept draft offered back; patched in tests)
        return ask_take_up(parent, text)

    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID, parent: QWidget | None,
                 ui: RecordForm | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.case_id = db, actor, case_id
        self.drafts = DraftStore(db.paths.drafts)
        self.fields: dict[str, QWidget] = {}
        self.ui: RecordForm = ui if ui is not None else Ui_RecordDialog()  # the layout: forms/case/*.ui
        self.ui.setupUi(self)
        keep_hints_whole(self)  # (例如：某某县人民法院 whole, in any font)
        self.body, self.form_scroll = self.ui.dialogLayout, self.ui.formScroll  # the fields scroll; buttons stay
        self.form_widget, self.form = self.ui.formFields, self.ui.fieldsLayout
        self.error, self.buttons = self.ui.errorLabel, self.ui.buttonBox
        self._error_widget: QWidget | None = None  # the field the message under the form is about
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存 (Ctrl+S)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self._no_default_buttons()
        QShortcut(QKeySequence.StandardKey.Save, self, self.submit)
        fit_to_screen(self, 620, 460)
        self._initial: dict[str, Any] = {}
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(400)
        self._autosave.timeout.connect(self.save_draft)

    def use_fields(self, fields: dict[str, QWidget]) -> None:
        """The form's fields (draft key → widget), in the order Enter goes through them."""
        self.fields.update(fields)

    def add_fields(self, rows: list[tuple[str, str, QWidget]]) -> None:
        """Rows of (draft key, label, widget) added to the form at run time, in tab order."""
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

    def fit_fields(self) -> None:
        """As wide as the fields' widest row needs (a long label or tick box, in English or 大字) where the screen
        allows: the form never scrolls sideways."""
        margins = self.body.contentsMargins()
        needed = (self.form_widget.minimumSizeHint().width() + margins.left() + margins.right()
                  + self.form_scroll.verticalScrollBar().sizeHint().width())
        if needed > self.width():
            self.resize(min(needed, screen_fit.available_geometry(self).width() - 8), self.height())

    def start_watching(self) -> None:
        """Call at the end of a subclass's ``__init__``: from now on changes are autosaved."""
        self.fit_fields()
        type_cells_live(self)  # a table cell or list item still being typed in is in the draft (agreement terms)
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
        if self._error_widget is not None and self.sender() is self._error_widget:
            self.error.clear()  # (the field the message was about was changed: the message is stale)
            self._error_widget = None

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
            self.show_problem(exc.message, exc.widget)  # what was typed stays in the form
            return
        except MediationError as exc:  # the service's own check: the field it names, where the form has it
            self.show_problem(tr(exc.key, **exc.params), self.fields.get(str(exc.params.get("field", ""))))
            return
        self.error.clear()
        self._autosave.stop()
        if self.FORM:
            self.drafts.discard(self.FORM, self.draft_key, self.actor.username)
        self._initial = self.form_data()
        self.accept()

    def show_problem(self, message: str, widget: QWidget | None) -> None:
        """The message under the form, the field it is about in focus; changing that field takes the message away
        (it said 请写明调查情况 while the text was already there)."""
        self.error.setText(message)
        self._error_widget = widget
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def reject(self) -> None:
        """Closing (Cancel, Esc, the window's X) with unsaved input asks first: keep it as a draft, discard it, or
        go back to the form (Esc, the question's own X). A form that keeps no drafts asks whether to lose it."""
        self._autosave.stop()
        if self.is_dirty():
            text = self.tr("填写的内容还没有保存。要保留草稿，下次接着填吗？\n选“不保留”将丢弃已填写的内容。")
            answer = self.ask_unsaved(self, text if self.FORM else leave_text(), bool(self.FORM))
            if answer is Answer.BACK:
                if self.FORM and self.isVisible():
                    self._autosave.start()  # (typing goes on: so does the autosave)
                return
            if self.FORM and answer is Answer.KEEP:
                self.save_draft()
            elif self.FORM:
                self.drafts.discard(self.FORM, self.draft_key, self.actor.username)
        super().reject()

    def closeEvent(self, event: Any) -> None:  # the window's X goes through reject() too
        self.reject()
        event.setAccepted(not self.isVisible())  # (back to the form: it stays open)
