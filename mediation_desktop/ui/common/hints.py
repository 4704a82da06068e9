"""A field's hint (例如 石桥村人民调解委员会, e.g. legal representative, director, manager) shown whole: the field
is as wide as its hint in its own font — whatever font the system has, in 大字 and in English — never a width
tuned for one font."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QLineEdit, QWidget
from shiboken6 import isValid

from mediation_desktop.ui.common import screen_fit

CURSOR_ROOM = 6  # the text cursor before the hint, and a little air after it


def hint_width(edit: QLineEdit) -> int:
    """How wide ``edit`` must be to show its hint whole: Qt's own size hint is 17 'x' wide plus the style's frame,
    margins and buttons (a clear button); the same with the hint's width instead of the 17 'x'."""
    hint = edit.placeholderText()
    if not hint:
        return 0
    metrics = edit.fontMetrics()
    chrome = edit.sizeHint().width() - 17 * metrics.horizontalAdvance("x")
    return chrome + metrics.horizontalAdvance(hint) + CURSOR_ROOM


class _KeepHintsWhole(QObject):
    """Re-measures the fields' hints when the form is shown, its font (大字) or the language changes."""

    def __init__(self, root: QWidget) -> None:
        super().__init__(root)  # (the form is its parent, never an attribute: no cycle for a worker's collector)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.LanguageChange, QEvent.Type.Show):
            QTimer.singleShot(0, self.fit)  # (after the form has its new font and texts)
        return False

    def fit(self) -> None:
        root = self.parent() if isValid(self) else None
        if not isinstance(root, QWidget):
            return  # (the form closed before the change was handled)
        room = screen_fit.available_geometry(root).width() // 2  # (a hint never makes a form too wide)
        for edit in root.findChildren(QLineEdit):
            if edit.placeholderText() and not edit.isReadOnly():
                edit.setMinimumWidth(min(hint_width(edit), room))
                screen_fit.hold_width(edit)  # (fields that scroll: the window grows, they never scroll sideways)


def keep_hints_whole(root: QWidget) -> None:
    """Every field of ``root`` with a hint at least as wide as its hint — now, when shown, in 大字 and in the
    other language; the form's layout grows around them."""
    keeper = _KeepHintsWhole(root)
    root.installEventFilter(keeper)
    keeper.fit()
