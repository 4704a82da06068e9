"""Steps a test takes in the party table of the registration form, as a mediator does: type a cell, open a
party's 「详细…」 form and confirm it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from mediation_desktop.ui.case.party_detail_dialog import PartyDetailDialog
from mediation_desktop.ui.case.party_rows import DETAILS_COL


def type_cell(qtbot: Any, dialog: Any, row: int, col: int, text: str, type_chinese: Any) -> None:
    """Go to a cell, open it with F2, type (digits as keys, Chinese as an input method does), Tab on."""
    table = dialog.parties.table
    table.setCurrentCell(row, col)
    table.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    if not text:
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    elif text.isascii():
        qtbot.keyClicks(editor, text)
    else:
        type_chinese(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)


def click_details(qtbot: Any, dialog: Any, row: int) -> PartyDetailDialog:
    """Click a row's 「详细…」 cell: its form opens (the one visible)."""
    table = dialog.parties.table
    rect = table.visualRect(table.model().index(row, DETAILS_COL))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    found = [d for d in dialog.findChildren(PartyDetailDialog) if d.isVisible()]
    assert len(found) == 1
    return found[0]


def click_ok(qtbot: Any, detail: PartyDetailDialog) -> None:
    qtbot.mouseClick(detail.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
