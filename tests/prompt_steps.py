"""Steps a test takes in the modal windows the program opens on top of a form (a prompt for a reason or a password,
the question asked before typed input is lost): wait until one is the active modal window, then act in it by
keys as the user does."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox, QWidget

LEAVE_QUESTION = sorted(["不保存，关闭", "继续编辑"])  # the question before typed input is lost (buttons sorted)
TRIES = 3000  # (a window that never comes: the step is dropped and the test's own checks then fail)


def when_modal(kind: type[QWidget], act: Callable[[Any], None], skip: QWidget | None = None) -> list[bool]:
    """Once a modal ``kind`` (not ``skip``) is the active modal window, ``act(it)``. Returns a flag list: append to
    it to drop the step; it holds True once the step ran."""
    state: list[bool] = []
    tries = [0]

    def poll() -> None:
        if state:
            return
        w = QApplication.activeModalWidget()
        if not isinstance(w, kind) or w is skip or not w.isVisible():
            tries[0] += 1
            if tries[0] < TRIES:
                QTimer.singleShot(10, poll)
            return
        state.append(True)
        act(w)

    QTimer.singleShot(0, poll)
    return state


def answer_question(seen: list[Any], answer: str | None) -> list[bool]:
    """At the next question (a message box): note its buttons' texts (sorted) in ``seen``, then answer — ``answer`` None:
    Esc; else the button with that text, reached by Tab and pressed by the space bar."""

    def act(box: QMessageBox) -> None:
        seen.append(sorted(b.text() for b in box.buttons()))
        if answer is None:
            QTest.keyClick(box, Qt.Key.Key_Escape)
            return
        target = next(b for b in box.buttons() if b.text() == answer)
        for _ in box.buttons():
            if QApplication.focusWidget() is target:
                break
            QTest.keyClick(QApplication.focusWidget() or box, Qt.Key.Key_Tab)
        QTest.keyClick(target, Qt.Key.Key_Space)

    return when_modal(QMessageBox, act)


def type_into(edit: QLineEdit, text: str, type_chinese: Callable[[QWidget, str], None]) -> None:
    edit.setFocus()
    if text.isascii():  # (a password field takes no input method)
        QTest.keyClicks(edit, text)
    else:
        type_chinese(edit, text)


def prompt_kept_then(text: str, finish: str, seen: list[Any], type_chinese: Callable[[QWidget, str], None],
                     skip: QWidget | None = None) -> None:
    """At the next prompt for one line of text: type ``text``; press Esc and answer the question by Esc (继续编辑);
    note (still open?, what it holds) in ``seen`` after the question's buttons; then ``finish``: "enter" (Return:
    the text is the answer) or "discard" (Esc, then 不保存，关闭)."""

    def in_prompt(prompt: QDialog) -> None:
        edit = prompt.findChild(QLineEdit)
        assert edit is not None
        type_into(edit, text, type_chinese)
        asked = answer_question(seen, None)
        QTest.keyClick(edit, Qt.Key.Key_Escape)
        asked.append(False)  # (the question asked and answered by now, or never asked)
        seen.append((prompt.isVisible(), edit.text()))
        if not prompt.isVisible():
            return
        if finish == "enter":
            QTest.keyClick(edit, Qt.Key.Key_Return)
        else:
            answer_question(seen, "不保存，关闭")
            QTest.keyClick(edit, Qt.Key.Key_Escape)

    when_modal(QDialog, in_prompt, skip)
