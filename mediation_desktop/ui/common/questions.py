"""A yes/no question in the window's title, 否 the default (Enter or Esc never says yes by accident). The windows
that ask one wrap it in a class method, so that tests answer it in place of the person."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def yes_no(parent: QWidget, text: str) -> bool:
    answer = QMessageBox.question(parent, parent.windowTitle(), text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
