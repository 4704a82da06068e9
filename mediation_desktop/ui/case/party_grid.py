"""The grid of the parties table: cells, the 个人/单位 list and the 「详细…」 button drawn in their cells, and Tab
moving cell by cell out of the table."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QApplication,
    QComboBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QTableWidget,
    QWidget,
)

from mediation_desktop.ui.case.party_rows import (
    COLUMNS,
    DETAILS_COL,
    KIND_COL,
    KINDS,
    NAME_COL,
    ROLE_COL,
    TEXT_COLUMNS,
)


class _ButtonDelegate(QStyledItemDelegate):
    """Draws the 「详细…」 cell as a push button (a real widget per row would be slow for 668 households)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex,
              ) -> None:
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        button = QStyleOptionButton()
        button.rect = option.rect.adjusted(2, 2, -2, -2)
        metrics = option.fontMetrics
        button.text = metrics.elidedText(str(index.data() or ""), Qt.TextElideMode.ElideRight,
                                         button.rect.width() - 12)
        button.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Raised
        if option.state & QStyle.StateFlag.State_HasFocus:
            button.state |= QStyle.StateFlag.State_HasFocus
        style.drawControl(QStyle.ControlElement.CE_PushButton, button, painter, widget)


class _KindDelegate(QStyledItemDelegate):
    """The 个人/单位 cell: drawn as a drop-down list, a real one only while it is being chosen."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex,
              ) -> None:
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        box = QStyleOptionComboBox()
        box.rect = option.rect.adjusted(1, 1, -1, -1)
        box.currentText = str(index.data() or "")
        box.state = QStyle.StateFlag.State_Enabled
        if option.state & QStyle.StateFlag.State_HasFocus:
            box.state |= QStyle.StateFlag.State_HasFocus
        box.palette = option.palette
        box.fontMetrics = option.fontMetrics
        style.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, box, painter, widget)
        style.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, box, painter, widget)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        for kind, text in KINDS.items():
            combo.addItem(QCoreApplication.translate("PartyTable", str(text)), kind.value)

        def chosen(_index: int) -> None:
            self.commitData.emit(combo)
            self.closeEditor.emit(combo, QAbstractItemDelegate.EndEditHint.NoHint)

        combo.activated.connect(chosen)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(str(index.data(Qt.ItemDataRole.UserRole) or ""))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):  # one change: the kind and its label together
            model.setItemData(index, {Qt.ItemDataRole.DisplayRole: editor.currentText(),
                                      Qt.ItemDataRole.UserRole: str(editor.currentData())})


class PartyGrid(QTableWidget):
    """The table itself: Tab leaves it after the last cell instead of going round and round. A form holds it as
    a promoted placeholder (``partyGrid`` in ``forms/case/register_case_dialog.ui``)."""

    sig_activate = Signal(int, int)
    """Enter/Space on a cell that is not typed into (the 「详细…」 cell): row, column."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setItemDelegateForColumn(DETAILS_COL, _ButtonDelegate(self))
        self.setItemDelegateForColumn(KIND_COL, _KindDelegate(self))
        self._moving = False  # the keyboard moves from cell to cell inside the table

    # ---- Tab order through the cells, and out
    def _next_cell(self, row: int, col: int, forward: bool) -> tuple[int, int] | None:
        if row < 0 or col < 0:
            return (0, 0) if forward else (self.rowCount() - 1, self.columnCount() - 1)
        step = 1 if forward else -1
        col += step
        if col >= self.columnCount():
            row, col = row + 1, 0
        elif col < 0:
            row, col = row - 1, self.columnCount() - 1
        return (row, col) if 0 <= row < self.rowCount() else None

    def go_to(self, row: int, col: int, reason: Qt.FocusReason = Qt.FocusReason.TabFocusReason) -> None:
        """Make a cell current and give it the keyboard (its list, if it has one)."""
        self.setCurrentCell(row, col)
        item = self.item(row, col)
        if item is not None:
            self.scrollToItem(item)
        widget = self.widget_at(row, col)
        self._moving = True
        try:
            (widget or self).setFocus(reason)
        finally:
            self._moving = False

    def widget_at(self, row: int, col: int) -> QWidget | None:
        """The list of a 身份 cell (the only cells that hold a widget)."""
        return self.cellWidget(row, col) if col == ROLE_COL else None

    def open_list(self, row: int, col: int) -> None:
        """Show the choices of a 身份 or 个人/单位 cell."""
        widget = self.widget_at(row, col)
        if isinstance(widget, QComboBox):
            widget.setFocus()
            widget.showPopup()
        elif col == KIND_COL:
            self.setCurrentCell(row, col)
            item = self.item(row, col)
            if item is not None:
                self.editItem(item)
                editor = self.indexWidget(self.model().index(row, col))
                if isinstance(editor, QComboBox):
                    editor.showPopup()

    def focusNextPrevChild(self, next: bool) -> bool:  # Qt's parameter name
        if not self.tabKeyNavigation() or self.rowCount() == 0:
            return super().focusNextPrevChild(next)
        target = self._next_cell(self.currentRow(), self.currentColumn(), next)
        if target is None:
            return self.leave(next)
        self.go_to(*target, reason=Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason)
        return True

    def leave(self, forward: bool = True) -> bool:
        """Give the keyboard to the window's next (or previous) field outside the table."""
        window = self.window()
        widget: QWidget | None = self
        for _ in range(10_000):
            assert widget is not None
            widget = widget.nextInFocusChain() if forward else widget.previousInFocusChain()
            if widget is None or widget is self:
                return False
            if self.isAncestorOf(widget) or widget.window() is not window:
                continue
            if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.isEnabled() \
                    and widget.isVisibleTo(window):
                widget.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
                return True
        return False

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Tab while typing in a cell: the same order as without an open cell, and out at the end."""
        moves = (QAbstractItemDelegate.EndEditHint.EditNextItem, QAbstractItemDelegate.EndEditHint.EditPreviousItem)
        if hint not in moves:
            super().closeEditor(editor, hint)
            return
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        forward = hint == QAbstractItemDelegate.EndEditHint.EditNextItem
        target = self._next_cell(self.currentRow(), self.currentColumn(), forward)
        if target is None:
            self.leave(forward)
            return
        self.go_to(*target)
        if target[1] in TEXT_COLUMNS:
            item = self.item(*target)
            if item is not None:
                self.editItem(item)

    def enter(self, forward: bool) -> None:
        """Tab from the field before starts at the first cell; Shift+Tab from the field after, at the last."""
        if self.rowCount():
            if forward:
                self.go_to(0, 0)
            else:
                self.go_to(self.rowCount() - 1, self.columnCount() - 1, Qt.FocusReason.BacktabFocusReason)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if not self._moving and self.currentRow() < 0 and self.rowCount() > 0:
            self.setCurrentCell(0, NAME_COL)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and mods & Qt.KeyboardModifier.ControlModifier:
            self.leave(key == Qt.Key.Key_Tab and not mods & Qt.KeyboardModifier.ShiftModifier)
            return
        row, col = self.currentRow(), self.currentColumn()
        opening = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space, Qt.Key.Key_F2)
        if row >= 0 and opening and self.state() != QTableWidget.State.EditingState:
            if col in (ROLE_COL, KIND_COL):
                self.open_list(row, col)
                return
            if col == DETAILS_COL:
                self.sig_activate.emit(row, col)
                return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A list in a cell that gets the keyboard (clicked, or Tab) makes its cell the current one."""
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QComboBox):
            row = self.row_of(watched, ROLE_COL)
            if row >= 0 and (row, ROLE_COL) != (self.currentRow(), self.currentColumn()):
                self.setCurrentCell(row, ROLE_COL)
        return super().eventFilter(watched, event)

    def row_of(self, widget: QWidget, col: int) -> int:
        """The row whose cell ``col`` holds ``widget`` (rows move when others are removed)."""
        index = self.indexAt(widget.geometry().center())
        if index.isValid() and self.cellWidget(index.row(), col) is widget:
            return index.row()
        for row in range(self.rowCount()):
            if self.cellWidget(row, col) is widget:
                return row
        return -1
