"""The question a form with unsaved input asks when it is closed, and the one offering a kept draft back.

Both have three answers, and the safe one is what Esc (or the question's own close button) gives: closing a
form asks 保留草稿 / 不保留 / 继续编辑 — Esc goes back to the form with everything typed; offering a draft asks
接着填 / 丢弃草稿 / 以后再说 — Esc leaves the draft kept. Throwing typed input away is always a button of its
own, never the default and never Esc. A form that keeps no drafts asks 不保存，关闭 / 继续编辑 (Esc: back).
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QTextEdit,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    _Dialog = QDialog
else:
    _Dialog = object


class Answer(enum.Enum):
    """What the user chose: keep (the draft), discard (what was typed, or the kept draft), or back (to the
    form, or to later: nothing is lost)."""

    KEEP = "keep"
    DISCARD = "discard"
    BACK = "back"


def _translate(text: str) -> str:
    return QCoreApplication.translate("Unsaved", text)


def _three_way(parent: QWidget, text: str, keep: str | None, discard: str, back: str) -> Answer:
    box = QMessageBox(QMessageBox.Icon.Question, parent.window().windowTitle(), text,
                      QMessageBox.StandardButton.NoButton, parent)
    buttons: dict[QAbstractButton, Answer] = {}
    keep_button = None
    if keep is not None:
        keep_button = box.addButton(keep, QMessageBox.ButtonRole.AcceptRole)
        buttons[keep_button] = Answer.KEEP
    buttons[box.addButton(discard, QMessageBox.ButtonRole.DestructiveRole)] = Answer.DISCARD
    back_button = box.addButton(back, QMessageBox.ButtonRole.RejectRole)
    buttons[back_button] = Answer.BACK
    box.setEscapeButton(back_button)  # Esc and the question's own close button: nothing is lost
    box.setDefaultButton(keep_button or back_button)  # (Enter never discards)
    box.exec()
    return buttons.get(box.clickedButton(), Answer.BACK)  # (closed unanswered: back)


def ask_keep_draft(parent: QWidget, text: str) -> Answer:
    """Closing a form with unsaved input that keeps drafts: 保留草稿 (KEEP) / 不保留 (DISCARD) / 继续编辑 (BACK)."""
    return _three_way(parent, text, _translate("保留草稿"), _translate("不保留"), _translate("继续编辑"))


def ask_leave(parent: QWidget, text: str) -> Answer:
    """Closing a form with unsaved input that keeps no drafts: 不保存，关闭 (DISCARD) / 继续编辑 (BACK)."""
    return _three_way(parent, text, None, _translate("不保存，关闭"), _translate("继续编辑"))


def ask_take_up(parent: QWidget, text: str) -> Answer:
    """A kept draft offered back: 接着填 (KEEP) / 丢弃草稿 (DISCARD) / 以后再说 (BACK: the draft stays kept)."""
    return _three_way(parent, text, _translate("接着填"), _translate("丢弃草稿"), _translate("以后再说"))


def leave_text() -> str:
    """The question of a form that keeps no drafts."""
    return _translate("填写的内容还没有保存，关闭后将丢失。要继续编辑吗？")


def input_state(dialog: QWidget) -> list[Any]:
    """What the fields of ``dialog`` hold now (compared with what they held when it opened: unsaved input)."""
    state: list[Any] = []
    for w in dialog.findChildren(QWidget):
        if isinstance(w, QLineEdit) and not isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox):
            state.append(w.text())
        elif isinstance(w, QPlainTextEdit):
            state.append(w.toPlainText())
        elif isinstance(w, QTextEdit) and not w.isReadOnly():
            state.append(w.toPlainText())
        elif isinstance(w, QCheckBox | QRadioButton):
            state.append(w.isChecked())
        elif isinstance(w, QComboBox):
            state.append(w.currentText() if w.isEditable() else w.currentIndex())
        elif isinstance(w, QSpinBox):
            state.append(w.value())
        elif isinstance(w, QDateTimeEdit):
            state.append(w.dateTime().toString())
    return state


class CloseGuard(_Dialog):
    """A dialog whose input is kept as no draft (a mixin, before ``QDialog``): closed with changed input (取消, Esc,
    the window's X), it asks first, and only 不保存，关闭 loses what was typed. Call ``guard_input()`` once the
    dialog is first shown, what it holds is what it opened with; ``input_now()`` (override for input held
    elsewhere than plain fields) says what it holds."""

    _guarded: Any = None

    @classmethod
    def ask_unsaved(cls, parent: QWidget, text: str) -> Answer:
        """不保存，关闭 (DISCARD) / 继续编辑 (BACK; Esc) — patched in tests."""
        return ask_leave(parent, text)

    def input_now(self) -> Any:
        return input_state(self)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._guarded is None:  # (filled before it is shown: from now on, what differs is unsaved input)
            self._guarded = self.input_now()

    def reject(self) -> None:
        if self.isVisible() and self._guarded is not None and self.input_now() != self._guarded:
            if self.ask_unsaved(self, leave_text()) is not Answer.DISCARD:
                return  # back to the dialog, everything typed kept
        super().reject()
