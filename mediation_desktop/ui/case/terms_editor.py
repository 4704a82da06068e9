"""协议内容: the numbered terms of an agreement — added, edited in place, removed and reordered."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.entry and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.add_from_entry()  # the cursor stays in the line for the next term
            return True
        return super().eventFilter(watched, event)

    def pending(self) -> list[str]:
        """What is typed in the line but not yet added, one term a line."""
        return [line.strip() for line in self.entry.text().splitlines() if line.strip()]

    def terms(self) -> list[str]:
        return [t for t in (self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())) if t]

    def set_terms(self, terms: list[str]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for term in terms:
            if term.strip():
                self._append(term.strip())
        self.list.blockSignals(False)
        self._renumber()

    def _append(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.list.addItem(item)

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

    def _renumber(self) -> None:
        """Show each term with the number it prints with; an edited text drops any typed number."""
        self.list.blockSignals(True)
        for i in range(self.list.count()):
            item = self.list.item(i)
            shown = item.text()
            prefix = f"{chinese_number(i + 1)}、"
            text = shown.split("、", 1)[1] if "、" in shown and shown.split("、", 1)[0] in _ORDINALS else shown
            item.setData(Qt.ItemDataRole.UserRole, text.strip())
            item.setText(prefix + text.strip())
        self.list.blockSignals(False)
        self.sig_changed.emit()


_ORDINALS = {chinese_number(n) for n in range(1, 1000)}
