"""A warning that quotes what was typed shows an invisible or direction-changing character as U+XXXX, never raw:
typed into 受理登记, 张\u202e三 would otherwise turn the whole warning line around (the name quoted in it reverses
the text after it). Saving is refused, nothing is written."""

from __future__ import annotations

import pytest
from draft_answers import answer_drafts
from party_table_steps import type_cell
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from mediation_desktop.storage.models import Case, Party
from mediation_desktop.ui.case.party_rows import NAME_COL
from mediation_desktop.ui.case.register_case_dialog import RegisterCaseDialog

HIDDEN = {"\u202e": "U+202E", "\u2067": "U+2067", "\u200f": "U+200F", "\u200b": "U+200B", "\x07": "U+0007"}


@pytest.fixture(autouse=True)
def _no_questions(monkeypatch):
    answer_drafts(monkeypatch, RegisterCaseDialog, False)


@pytest.mark.parametrize("char", list(HIDDEN))
def test_the_registration_warning_quotes_a_name_without_its_bidi_character(qtbot, db, director, type_chinese,
                                                                          char) -> None:
    dialog = RegisterCaseDialog(db, director)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog.window(), timeout=3000)
    type_cell(qtbot, dialog, 0, NAME_COL, f"张{char}三", type_chinese)
    type_cell(qtbot, dialog, 1, NAME_COL, "李四", type_chinese)
    dialog.category.setCurrentIndex(dialog.category.findData("neighbour"))

    hint = dialog.parties.hint.text()
    assert hint.startswith(f"⚠ 第1行（张{HIDDEN[char]}三）：")  # the name as the message quotes it
    assert char not in hint and HIDDEN[char] in hint

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    error = dialog.error.text()
    assert error.startswith(f"第1行（张{HIDDEN[char]}三）：") and char not in error
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == 0
        assert s.scalar(select(func.count()).select_from(Party)) == 0
