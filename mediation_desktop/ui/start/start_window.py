"""The first thing on screen: painted before the database layer is even imported (a slow laptop
then shows the program at once instead of nothing for a second or two). Layout:
``forms/start/start_window.ui``."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from mediation_desktop.ui.forms.start.start_window import Ui_StartWindow


class StartWindow(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.form = Ui_StartWindow()
        self.form.setupUi(self)
        self.status = self.form.statusLabel
        title = self.form.programNameLabel
        font = QFont(title.font())
        font.setPointSize(font.pointSize() + 10)  # relative to the font size chosen (大字)
        title.setFont(font)
