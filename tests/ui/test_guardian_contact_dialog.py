"""The 法定代理人's 身份证号码, phone and address typed in the real 「详细…」 form: refused there when wrong (one line
under them, the form stays open), saved on the party, shown again on correction."""

from __future__ import annotations

from party_table_steps import click_details, click_ok, type_cell
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import select

from mediation_desktop.domain.resident_id import resident_id_check_digit
from mediation_desktop.storage.models import Party
from mediation_desktop.ui.case.case_window import CaseWindow
from mediation_desktop.ui.case.party_rows import ID_COL, NAME_COL
from mediation_desktop.ui.case.register_case_dialog import RegisterCaseDialog
from mediation_desktop.ui.main_window import MainWindow

CHILD = "33010220120605004" + resident_id_check_digit("33010220120605004")  # 李小明, born 2012-06-05
MOTHER = "33010219850312002" + resident_id_check_digit("33010219850312002")  # 李红
WRONG = MOTHER[:-1] + ("1" if MOTHER[-1] != "1" else "2")  # one check digit off


def _activate(qtbot, widget) -> None:
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window(), timeout=20000)


def _type(qtbot, edit: QLineEdit, text: str, type_chinese) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        type_chinese(edit, text)


def _minor(db) -> Party:
    with db.read_session() as s:
        return s.scalars(select(Party).where(Party.name == "李小明", Party.deleted_at.is_(None))).one()


def test_the_guardians_id_phone_and_address_are_checked_in_the_form_saved_and_corrected(qtbot, db, director,
                                                                                         type_chinese):
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    window.show()
    dialog = window.register_case()
    assert isinstance(dialog, RegisterCaseDialog)
    _activate(qtbot, dialog)
    type_cell(qtbot, dialog, 0, NAME_COL, "张三", type_chinese)
    type_cell(qtbot, dialog, 1, NAME_COL, "李小明", type_chinese)
    type_cell(qtbot, dialog, 1, ID_COL, CHILD, type_chinese)

    detail = click_details(qtbot, dialog, 1)
    assert detail.guardian_id.isVisibleTo(detail) and detail.guardian_address.isVisibleTo(detail)
    _type(qtbot, detail.guardian_phone, "13900139000", type_chinese)  # a phone without the guardian's name
    click_ok(qtbot, detail)
    assert detail.isVisible() and "法定代理人姓名" in detail.guardian_error.text()
    _type(qtbot, detail.guardian, "李红", type_chinese)
    _type(qtbot, detail.guardian_relation, "母亲", type_chinese)
    _type(qtbot, detail.guardian_id, WRONG, type_chinese)
    click_ok(qtbot, detail)
    assert detail.isVisible() and detail.guardian_error.isVisibleTo(detail)
    assert detail.guardian_error.text().startswith("法定代理人的身份证号码：") and "校验码" in detail.guardian_error.text()
    assert detail.focusWidget() is detail.guardian_id
    _type(qtbot, detail.guardian_id, MOTHER, type_chinese)
    _type(qtbot, detail.guardian_phone, "12345", type_chinese)
    click_ok(qtbot, detail)
    assert detail.isVisible() and detail.guardian_error.text().startswith("法定代理人的电话：")
    _type(qtbot, detail.guardian_phone, "139 0013 9000", type_chinese)
    _type(qtbot, detail.guardian_address, "石桥村三组14号", type_chinese)
    click_ok(qtbot, detail)
    qtbot.waitUntil(lambda: not detail.isVisible(), timeout=20000)

    dialog.category.setCurrentIndex(dialog.category.findData("neighbour"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "" and dialog.result() == RegisterCaseDialog.DialogCode.Accepted
    ming = _minor(db)
    assert (ming.representative, ming.representative_title, ming.representative_id_number,
            ming.representative_phone, ming.representative_address) == ("李红", "母亲", MOTHER, "13900139000",
                                                                         "石桥村三组14号")

    case_window = CaseWindow(db, director, ming.case_id)  # 修改登记: the guardian's contact is there to correct
    qtbot.addWidget(case_window)
    case_window.show()
    edit = case_window.edit_registration()
    assert isinstance(edit, RegisterCaseDialog)
    _activate(qtbot, edit)
    detail = click_details(qtbot, edit, 1)
    assert (detail.guardian_id.text(), detail.guardian_phone.text(), detail.guardian_address.text()) == (
        MOTHER, "13900139000", "石桥村三组14号")
    _type(qtbot, detail.guardian_phone, "0571-87654321", type_chinese)
    click_ok(qtbot, detail)
    qtbot.waitUntil(lambda: not detail.isVisible(), timeout=20000)
    qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    assert edit.error.text() == "" and edit.result() == RegisterCaseDialog.DialogCode.Accepted
    ming = _minor(db)
    assert (ming.representative_id_number, ming.representative_phone) == (MOTHER, "0571-87654321")
