"""A one-line answer the program asks for before it acts: the reason written to the log (作废, 重新开启, 清除,
a closed case corrected, an attachment deleted …) or the password of an encrypted backup.

Qt's ``QInputDialog`` dropped what was typed on Esc without a word; this small dialog keeps no draft either,
but asks as every other form does (``CloseGuard``): with something typed, Esc, 取消 and the window's ✕ ask
不保存，关闭 / 继续编辑, and Esc on that question goes back with the text kept. Untouched, it closes silently.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QWidget

from mediation_desktop.ui.common.unsaved import CloseGuard
from mediation_desktop.ui.forms.common.text_prompt_dialog import Ui_TextPromptDialog


class TextPromptDialog(CloseGuard, QDialog):
    def __init__(self, parent: QWidget | None, title: str, text: str, *, secret: bool = False) -> None:
        super().__init__(parent)
        self.form = Ui_TextPromptDialog()  # the layout: forms/common/text_prompt_dialog.ui
        self.form.setupUi(self)
        self.prompt, self.answer, self.buttons = self.form.promptLabel, self.form.answerEdit, self.form.buttonBox
        self.setWindowTitle(title)
        self.prompt.setText(text)
        if secret:
            self.answer.setEchoMode(QLineEdit.EchoMode.Password)
        # (a button box's standard buttons take their texts here: Designer cannot set them)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))


def ask_text(parent: QWidget, text: str, *, title: str | None = None, secret: bool = False) -> str | None:
    """What the user typed after ``text`` (None: cancelled — after 不保存，关闭 if anything was typed). The title is
    ``parent``'s unless given; ``secret`` hides what is typed (a password, a recovery code)."""
    dialog = TextPromptDialog(parent, parent.windowTitle() if title is None else title, text, secret=secret)
    try:
        return dialog.answer.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
