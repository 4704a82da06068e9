"""A file chooser for a question that may be skipped (the scan of a signed agreement): it says what it asks for in
a heading over the files as well as in its title (the title bar is small, and some desktops show none), says 跳过
on its button, not 取消 (which read as cancelling the step itself), and opens where the user keeps files
(:mod:`file_places`)."""

from __future__ import annotations

from typing import cast

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFileDialog, QGridLayout, QLabel, QLayoutItem, QWidget

from mediation_desktop.ui.common.file_places import start_in

HEADING_NAME = "fileDialogHeading"


def _with_heading(dialog: QFileDialog, text: str) -> None:
    """``text`` in bold over Qt's own chooser (a system chooser has its own title bar, and no room for it)."""
    grid = dialog.layout()
    if not isinstance(grid, QGridLayout):
        return
    items: list[tuple[QLayoutItem, int, int, int, int]] = []
    while grid.count():
        index = grid.count() - 1
        row, column, rows, columns = cast(tuple[int, int, int, int], grid.getItemPosition(index))
        item = grid.takeAt(index)
        if item is not None:
            items.append((item, row, column, rows, columns))
    heading = QLabel(text, dialog)
    heading.setObjectName(HEADING_NAME)
    heading.setWordWrap(True)
    font = QFont(heading.font())
    font.setBold(True)
    heading.setFont(font)
    grid.addWidget(heading, 0, 0, 1, -1)
    for item, row, column, rows, columns in reversed(items):
        grid.addItem(item, row + 1, column, rows, columns)


def choose_file(parent: QWidget, title: str, kinds: str, *, skip: str = "", note: str = "") -> str | None:
    """An existing file, chosen from the stick or Documents; None if the user cancelled (or skipped: ``skip`` is
    then the text of the button that does it). ``note``: a line under the heading (what skipping means)."""
    dialog = QFileDialog(parent, title, start_in(), kinds)
    _with_heading(dialog, title + ("\n" + note if note else ""))
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    if skip:
        dialog.setLabelText(QFileDialog.DialogLabel.Reject, skip)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return dialog.selectedFiles()[0]
