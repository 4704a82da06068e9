"""The first thing on screen: painted before the database layer is even imported (a slow laptop
then shows the program at once instead of nothing for a second or two). Layout:
``forms/start/start_window.ui``."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from mediation_desktop.ui.common import screen_fit
from mediation_desktop.ui.common.screen_fit import FRAME, fit_to_screen
from mediation_desktop.ui.forms.start.start_window import Ui_StartWindow

WIDTH, HEIGHT = 1100, 700  # at the normal size; the main window takes this window's place and size


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
        self.place()

    def place(self) -> None:
        """Sized and placed so the whole window, title bar included, is on the screen's free area: on a
        1366×768 laptop the system would put a 700-pixel window's bottom row behind the taskbar."""
        fit_to_screen(self, WIDTH, HEIGHT)
        free = screen_fit.available_geometry(self)  # (the same free area fit_to_screen sized it for)
        self.move(free.x() + max(0, (free.width() - self.width() - 8) // 2),
                  free.y() + max(0, (free.height() - self.height() - FRAME) // 2))
