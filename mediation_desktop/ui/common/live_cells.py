"""Cells whose text is in the table as it is typed, not only once the cell is left.

Qt writes a cell's editor into the table only on Tab, Enter or a click elsewhere; until then a form's autosave
reads the old text. A mediator who typed 周大明 and was interrupted by a power cut lost it, the draft said "".
Here every keystroke (an input method's commit, a paste, an undo too) is written into the table at once: the
table's own change signal fires, the form's autosave starts and its draft holds the open cell's text.

Every form that keeps drafts (or asks before closing with unsaved input) calls :func:`type_cells_live` on
itself; each editable table or list in it gets :class:`LiveTextDelegate` as its cells' delegate (columns with
a delegate of their own — a drop-down, a button — keep theirs).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

_FILLED = "live_cells_filled"  # the editor holds the cell's text (set once, when it opens)


class LiveTextDelegate(QStyledItemDelegate):
    """Writes its line editor's text into the model on every change while the editor stays open."""

    sig_cell_left = Signal(int, int)
    """A cell's editor closed (row, column): what was typed is all in the table — check it now, not per key."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.textChanged.connect(lambda _text, e=editor: self._typed(e))
        return editor

    def _typed(self, editor: QLineEdit) -> None:
        if editor.property(_FILLED):  # (not the text the cell had, put in when it opened)
            self.commitData.emit(editor)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        """Only when the editor opens: afterwards the table follows the editor, never the other way round (the
        table's change, written back, would move the cursor to the end of the text while typing)."""
        if editor.property(_FILLED):
            return
        super().setEditorData(editor, index)
        editor.setProperty(_FILLED, True)

    def destroyEditor(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        super().destroyEditor(editor, index)
        if index.isValid():
            self.sig_cell_left.emit(index.row(), index.column())


def is_editing(view: QAbstractItemView, index: QModelIndex) -> bool:
    """Whether the cell at ``index`` has its editor open (the text in it is still being typed)."""
    return view.indexWidget(index) is not None and view.state() == QAbstractItemView.State.EditingState


def live_delegate(view: QAbstractItemView) -> LiveTextDelegate:
    """The view's cells typed live (its own delegate if it already has one)."""
    delegate = view.itemDelegate()
    if isinstance(delegate, LiveTextDelegate):
        return delegate
    live = LiveTextDelegate(view)
    view.setItemDelegate(live)
    return live


def type_cells_live(root: QWidget) -> list[QAbstractItemView]:
    """Every editable table or list in ``root`` typed live (see the module's docstring); the views changed."""
    views = [v for v in root.findChildren(QAbstractItemView)
             if v.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers
             and not isinstance(v, QHeaderView) and not _inside_a_field(v, root)]
    for view in views:
        live_delegate(view)
    return views


def _inside_a_field(view: QWidget, root: QWidget) -> bool:
    """A drop-down's list or a calendar's days: part of a field, not a table the user types into."""
    widget = view.parentWidget()
    while widget is not None and widget is not root:
        if isinstance(widget, (QComboBox, QCalendarWidget)):
            return True
        widget = widget.parentWidget()
    return False
