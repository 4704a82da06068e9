"""A minor's 法定代理人 typed in the real 「详细…」 form: saved on the party, shown again on reopening and in case
edit, and a registration's remaining warnings said in the window's status bar after saving."""

from __future__ import annotations

from party_table_steps import click_details, click_ok, type_cell
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import select

from mediation_desktop.domain.resident_id import resident_id_check_digit
from mediation_desktop.storage.models import Party
from mediation_desktop.ui.case.case_window import CaseWindow
from mediation_desktop.ui.case.party_rows import DETAILS_COL, ID_COL, NAME_COL
from mediation_desktop.ui.case.register_case_dialog import RegisterCaseDialog
from mediation_desktop.ui.main_window import MainWindow


def _id(first17: str) -> str:
    return first17 + resident_id_check_digit(first17)


CHILD = _id("33010220120605004")  # 李小明, born 2012-06-05
OTHER_CHILD = _id("33010220150101002")  # 王小红, born 2015-01-01


def _activate(qtbot, widget) -> None:
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window(), timeout=3000)








def _retype(qtbot, edit: QLineEdit, text: str, type_chinese) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    type_chinese(edit, text)


def _parties(db) -> list[Party]:
    with db.read_session() as s:
        return list(s.scalars(select(Party).where(Party.deleted_at.is_(None)).order_by(Party.position)))


def test_a_guardian_typed_in_the_details_form_is_saved_kept_and_corrected(qtbot, db, director, type_chinese,
                                                                          monkeypatch):
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    window.show()
    dialog = window.register_case()
    assert isinstance(dialog, RegisterCaseDialog)
    _activate(qtbot, dialog)
    type_cell(qtbot, dialog, 0, NAME_COL, "李小明", type_chinese)
    type_cell(qtbot, dialog, 0, ID_COL, CHILD, type_chinese)
    dialog.parties.table.setCurrentCell(0, NAME_COL)
    assert "详细情况" in dialog.parties.hint.text() and "法定代理人" in dialog.parties.hint.text()

    detail = click_details(qtbot, dialog, 0)
    assert detail.guardian_box.isVisibleTo(detail) and not detail.org_box.isVisibleTo(detail)
    type_chinese(detail.guardian, "李大山")
    type_chinese(detail.guardian_relation, "父亲")
    click_ok(qtbot, detail)
    assert "法定代理人：李大山（父亲）" in dialog.parties.table.item(0, DETAILS_COL).text()
    dialog.parties.table.setCurrentCell(0, NAME_COL)
    assert "法定代理人：李大山（父亲）" in dialog.parties.hint.text()
    detail = click_details(qtbot, dialog, 0)  # opened again: what was typed is there
    assert (detail.guardian.text(), detail.guardian_relation.text()) == ("李大山", "父亲")
    detail.reject()

    type_cell(qtbot, dialog, 1, NAME_COL, "王小红", type_chinese)  # a second minor, with no guardian yet
    type_cell(qtbot, dialog, 1, ID_COL, OTHER_CHILD, type_chinese)
    dialog.category.setCurrentIndex(dialog.category.findData("neighbour"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "" and dialog.result() == RegisterCaseDialog.DialogCode.Accepted
    ming, hong = _parties(db)
    assert (ming.name, ming.representative, ming.representative_title) == ("李小明", "李大山", "父亲")
    assert hong.representative is None

    case_window = CaseWindow(db, director, ming.case_id)  # 修改登记: the guardian is there to correct
    qtbot.addWidget(case_window)
    case_window.show()
    edit = case_window.edit_registration()
    assert isinstance(edit, RegisterCaseDialog)
    _activate(qtbot, edit)
    detail = click_details(qtbot, edit, 0)
    assert (detail.guardian.text(), detail.guardian_relation.text()) == ("李大山", "父亲")
    _retype(qtbot, detail.guardian, "张秀英", type_chinese)
    _retype(qtbot, detail.guardian_relation, "母亲", type_chinese)
    click_ok(qtbot, detail)
    detail = click_details(qtbot, edit, 1)
    type_chinese(detail.guardian_relation, "祖父")  # a relation without a name: the row says what is missing
    click_ok(qtbot, detail)
    qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    assert "法定代理人姓名" in edit.error.text() and "王小红" in edit.error.text()
    detail = click_details(qtbot, edit, 1)
    type_chinese(detail.guardian, "王老汉")
    click_ok(qtbot, detail)
    qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    assert edit.error.text() == "" and edit.result() == RegisterCaseDialog.DialogCode.Accepted
    ming, hong = _parties(db)
    assert (ming.representative, ming.representative_title) == ("张秀英", "母亲")
    assert (hong.representative, hong.representative_title) == ("王老汉", "祖父")


def test_a_registrations_warnings_are_said_in_the_status_bar(qtbot, db, director, type_chinese, monkeypatch):
    """register_case's warnings (a minor with no 法定代理人, an ID number of a foreign resident …) are said after
    saving, 「提示：…」 in the status bar as the command line words them; nothing to click away."""
    from mediation_desktop.i18n import tr

    window = MainWindow(db, director)
    qtbot.addWidget(window)
    window.show()
    dialog = window.register_case()
    assert isinstance(dialog, RegisterCaseDialog)
    _activate(qtbot, dialog)
    type_cell(qtbot, dialog, 0, NAME_COL, "李小明", type_chinese)
    type_cell(qtbot, dialog, 0, ID_COL, CHILD, type_chinese)
    type_cell(qtbot, dialog, 1, NAME_COL, "王小红", type_chinese)
    type_cell(qtbot, dialog, 1, ID_COL, OTHER_CHILD, type_chinese)
    dialog.category.setCurrentIndex(dialog.category.findData("neighbour"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == RegisterCaseDialog.DialogCode.Accepted
    said = window.statusBar().currentMessage()
    assert said == "提示：" + tr("party.minor", "zh")  # (two minors: said once)
    assert "法定代理人" in said


def test_a_corrections_warnings_are_said_in_the_status_bar(qtbot, db, director, type_chinese):
    """修改登记 in the case window, saved with a party who is now a minor with no 法定代理人: the same 「提示：…」 in the
    main window's status bar as after a registration."""
    from mediation_desktop.domain.enums import PartyRole
    from mediation_desktop.i18n import tr
    from mediation_desktop.services.cases import CaseInput, register_case
    from mediation_desktop.services.parties import PartyInput

    case_id = register_case(db, director, CaseInput("neighbour", [
        PartyInput("李小明"), PartyInput("王五", role=PartyRole.RESPONDENT)], summary="打篮球砸坏窗户")).case_id
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    window.show()
    schedule = window.backup_schedule  # (the start-up backup's own line said before, not over the 提示)
    qtbot.waitUntil(lambda: schedule is None or not schedule.busy(), timeout=30_000)
    case_window = window.open_case(case_id)
    assert case_window is not None
    edit = case_window.edit_registration()
    assert isinstance(edit, RegisterCaseDialog)
    _activate(qtbot, edit)
    type_cell(qtbot, edit, 0, ID_COL, CHILD, type_chinese)  # 李小明 is 14: a minor, and no 法定代理人 given
    qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    assert edit.error.text() == "" and edit.result() == RegisterCaseDialog.DialogCode.Accepted
    assert _parties(db)[0].id_number == CHILD
    assert window.statusBar().currentMessage() == "提示：" + tr("party.minor", "zh")
