"""协议内容: the numbered terms of an agreement — added, edited in place, removed and reordered; each may carry its own
履行期限 (分期履行)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QListWidgetItem, QWidget

from mediation_desktop.documents.numerals import chinese_number
from mediation_desktop.ui.common.hints import keep_hints_whole
from mediation_desktop.ui.forms.case.terms_editor import Ui_TermsEditor


class TermsEditor(QWidget):
    """A list of terms shown as they will print (一、二、…); Enter in the line below adds one.

    Enter in the line is taken here and goes no further: the form around it never sees it (a dialog would
    click its default button and save the agreement with one term). A term still in the line when the form
    is saved is not lost: ``pending()`` gives it and ``add_from_entry()`` adds it.

    分期履行: the row below the list gives the selected term a 履行期限 of its own (本项履行期限); the list shows it
    after the term, and it moves with the term when terms are reordered.
    """

    sig_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = Ui_TermsEditor()  # the layout: forms/case/terms_editor.ui
        self.form.setupUi(self)
        keep_hints_whole(self)  # (在这里写一条协议内容… whole, in any font)
        self.list, self.entry = self.form.termsList, self.form.termEntry
        self.add_button, self.remove_button = self.form.addButton, self.form.removeButton
        self.up_button, self.down_button = self.form.upButton, self.form.downButton
        self.entry.returnPressed.connect(self.add_from_entry)
        self.entry.installEventFilter(self)
        self.setFocusProxy(self.entry)  # going to 协议内容 means typing a term
        self.add_button.clicked.connect(self.add_from_entry)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        QShortcut(QKeySequence("Alt+Up"), self.list, lambda: self.move_current(-1))
        QShortcut(QKeySequence("Alt+Down"), self.list, lambda: self.move_current(1))
        self.list.itemChanged.connect(lambda _item: self._renumber())
        self.list.model().rowsMoved.connect(lambda *_args: self._renumber())
        self.deadline_check, self.deadline_field = self.form.termDeadlineCheck, self.form.termDeadlineField
        self.deadline_field.set_day(self.deadline_field.date().addDays(30))
        self.list.currentRowChanged.connect(self._show_deadline)
        self.deadline_check.toggled.connect(self._deadline_edited)
        self.deadline_field.dateChanged.connect(self._deadline_edited)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.entry and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.add_from_entry()  # the cursor stays in the line for the next term
            return True
        return super().eventFilter(watched, event)

    def pending(self) -> list[str]:
        """What is typed in the line but not yet added, one term a line."""
        return [line.strip() for line in self.entry.text().splitlines() if line.strip()]

    def _items(self) -> list[QListWidgetItem]:
        """The terms' rows that hold a term (an emptied one prints nothing)."""
        rows = [self.list.item(i) for i in range(self.list.count())]
        return [item for item in rows if item.data(Qt.ItemDataRole.UserRole)]

    def terms(self) -> list[str]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self._items()]

    def deadlines(self) -> list[dt.date | None]:
        """Each term's own 履行期限, in the order of ``terms()`` (None: the term has none)."""
        return [_day(item.data(_DEADLINE)) for item in self._items()]

    def set_terms(self, terms: list[str], deadlines: list[dt.date | None] | tuple[dt.date | None, ...] = ()) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        days = list(deadlines) + [None] * (len(terms) - len(deadlines))
        for term, day in zip(terms, days, strict=False):
            if term.strip():
                self._append(term.strip(), day)
        self.list.blockSignals(False)
        self._renumber()
        self._show_deadline(self.list.currentRow())

    def set_deadlines(self, deadlines: list[dt.date | None]) -> None:
        """The terms' own days, in the order of ``terms()`` (a saved draft's)."""
        for item, day in zip(self._items(), deadlines, strict=False):
            item.setData(_DEADLINE, day.isoformat() if day is not None else None)
        self._renumber()
        self._show_deadline(self.list.currentRow())

    def _append(self, text: str, day: dt.date | None = None) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, text)
        item.setData(_DEADLINE, day.isoformat() if day is not None else None)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.list.addItem(item)

    def _show_deadline(self, row: int) -> None:
        """The selected term's own day in the row below the list (nothing to set without a selected term)."""
        item = self.list.item(row) if row >= 0 else None
        day = _day(item.data(_DEADLINE)) if item is not None else None
        for widget in (self.deadline_check, self.deadline_field):
            widget.blockSignals(True)
        self.deadline_check.setEnabled(item is not None)
        self.deadline_check.setChecked(day is not None)
        self.deadline_field.setEnabled(day is not None)
        if day is not None:
            self.deadline_field.set_day(QDate(day.year, day.month, day.day))
        for widget in (self.deadline_check, self.deadline_field):
            widget.blockSignals(False)

    def _deadline_edited(self, *_args: object) -> None:
        """本项履行期限 ticked, unticked or its day changed: the selected term's day follows."""
        item = self.list.currentItem()
        if item is None:
            return
        on = self.deadline_check.isChecked()
        self.deadline_field.setEnabled(on)
        q = self.deadline_field.date()
        item.setData(_DEADLINE, dt.date(q.year(), q.month(), q.day()).isoformat() if on else None)
        self._renumber()

    def add_from_entry(self) -> None:
        """Each line of the entry becomes a term (a pasted list adds several)."""
        lines = self.pending()
        if not lines:
            return
        self.list.blockSignals(True)
        for line in lines:
            self._append(line)
        self.list.blockSignals(False)
        self.entry.clear()
        self.list.setCurrentRow(self.list.count() - 1)
        self._renumber()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self._renumber()

    def move_current(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        self.list.blockSignals(True)
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.blockSignals(False)
        self.list.setCurrentRow(target)
        self._renumber()

    def _suffix(self, item: QListWidgetItem) -> str:
        """What the list shows after a term with its own day: 「（2027-01-31前履行）」."""
        day = item.data(_DEADLINE)
        return self.tr("（%1前履行）").replace("%1", str(day)) if day else ""

    def _renumber(self) -> None:
        """Show each term with the number it prints with, and its own day after it; an edited text drops any typed
        number (and the day shown, which is not part of the term)."""
        self.list.blockSignals(True)
        for i in range(self.list.count()):
            item = self.list.item(i)
            shown = item.text()
            prefix = f"{chinese_number(i + 1)}、"
            text = shown.split("、", 1)[1] if "、" in shown and shown.split("、", 1)[0] in _ORDINALS else shown
            shown_day = item.data(_SHOWN_SUFFIX)
            if shown_day and text.rstrip().endswith(shown_day):
                text = text.rstrip().removesuffix(shown_day)
            item.setData(Qt.ItemDataRole.UserRole, text.strip())
            suffix = self._suffix(item)
            item.setData(_SHOWN_SUFFIX, suffix)
            item.setText(prefix + text.strip() + suffix)
        self.list.blockSignals(False)
        self.sig_changed.emit()


_ORDINALS = {chinese_number(n) for n in range(1, 1000)}
_DEADLINE = Qt.ItemDataRole.UserRole + 1  # the term's own 履行期限 (ISO day) or None
_SHOWN_SUFFIX = Qt.ItemDataRole.UserRole + 2  # the day as the list shows it after the term (to take off an edit)


def _day(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
