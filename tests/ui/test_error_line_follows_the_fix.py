"""The red line under a form goes once what it names is put right (it said the ID number was wrong after the
mediator had corrected it, until 保存), and stays while it is still wrong."""

from __future__ import annotations

from draft_answers import answer_drafts
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from mediation_desktop.ui.case.party_rows import ID_COL, NAME_COL
from mediation_desktop.ui.case.register_case_dialog import RegisterCaseDialog
from mediation_desktop.ui.hub.screening_dialog import ScreeningForm

GOOD_ID = "11010519491231002X"


def type_cell(qtbot, dialog, row: int, col: int, text: str, type_chinese) -> None:
    """Open a party cell (F2), type over it (Chinese as an input method does) and Tab on."""
    table = dialog.parties.table
    index = table.model().index(row, col)
    table.setCurrentIndex(index)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:
        type_chinese(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)


def _registration(qtbot, db, director, monkeypatch, type_chinese) -> RegisterCaseDialog:
    answer_drafts(monkeypatch, RegisterCaseDialog, False)
    dialog = RegisterCaseDialog(db, director)
    qtbot.addWidget(dialog)
    type_cell(qtbot, dialog, 0, NAME_COL, "张德福", type_chinese)
    type_cell(qtbot, dialog, 1, NAME_COL, "王小军", type_chinese)
    type_chinese(dialog.summary, "两家宅基地界址不清")
    return dialog


def test_a_corrected_id_number_takes_the_red_line_away(qtbot, db, director, monkeypatch, type_chinese):
    dialog = _registration(qtbot, db, director, monkeypatch, type_chinese)
    dialog.category.setCurrentIndex(dialog.category.findData("neighbour"))
    type_cell(qtbot, dialog, 0, ID_COL, "110105194912310021", type_chinese)  # a wrong check digit
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "身份证" in dialog.error.text()
    type_cell(qtbot, dialog, 1, NAME_COL, "王小君", type_chinese)  # another party: the ID is still wrong
    assert "身份证" in dialog.error.text()
    type_cell(qtbot, dialog, 0, ID_COL, "1101051949123100", type_chinese)  # still wrong (too short)
    assert dialog.error.text()
    type_cell(qtbot, dialog, 0, ID_COL, GOOD_ID, type_chinese)
    assert dialog.error.text() == ""


def test_a_chosen_category_takes_the_red_line_away(qtbot, db, director, monkeypatch, type_chinese):
    dialog = _registration(qtbot, db, director, monkeypatch, type_chinese)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text()  # 请选择纠纷类别
    dialog.amount.setText("800")  # another field: the category is still missing
    assert dialog.error.text()
    dialog.category.setCurrentIndex(dialog.category.findData("neighbour"))
    assert dialog.error.text() == ""


def test_the_screening_forms_red_line_goes_when_its_field_is_edited(qtbot, db, director, monkeypatch):
    from mediation_desktop.ui.common.unsaved import Answer

    monkeypatch.setattr(ScreeningForm, "ask_unsaved", classmethod(lambda cls, parent, text: Answer.DISCARD))
    form = ScreeningForm(db, director)
    qtbot.addWidget(form)
    form.show()
    form.held_on.set_day(form.held_on.date().addDays(3))  # after today: refused
    form.submit()
    assert form.error.text() and form.isVisible()
    form.place.setText("三组")  # another field
    assert form.error.text()
    form.held_on.set_day(form.held_on.date().addDays(-3))
    assert form.error.text() == ""
