"""The first thing on screen: painted before the database layer is even imported (a slow laptop
then shows the program at once instead of nothing for a second or two)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class StartWindow(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("调解工作台"))
        self.resize(1100, 700)
        title = QLabel(self.tr("调解工作台"))
        font = QFont(title.font())
        font.setPointSize(font.pointSize() + 10)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status = QLabel(self.tr("正在打开数据，请稍候……"))
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(self.status)
        layout.addStretch(2)
