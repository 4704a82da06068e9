"""Registering a dispute through the real dialog, then checking the database; drafts survive a kill."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

from draft_answers import answer_drafts
from PySide6.QtCore import QDate, Qt
from sqlalchemy import select

from mediation_desktop.services.drafts import DraftStore
from mediation_desktop.storage.models import Case, Party
from mediation_desktop.ui.case.register_case_dialog import FORM, KEY, RegisterCaseDialog
from mediation_desktop.ui.main_window import MainWindow


def _fill(dialog, type_chinese):
    table = dialog.parties.table
    table.setCurrentCell(0, 1)
    table.item(0, 1).setText("张三")
    table.item(0, 2).setText("11010519491231002x")
    hint = dialog.parties.hint.text()
    table.item(0, 3).setText("13800138000")
    table.item(1, 1).setText("李四")
    dialog.category.setCurrentIndex(dialog.category.findData("neighbour"))
    dialog.registered_on.setDate(QDate(2026, 11, 20))
    type_chinese(dialog.summary, "两家菜地界限不清，多次争吵。")
    dialog.requests.setPlainText("重新划定界限\n赔偿青苗损失")
    dialog.amount.setText("800")
    return hint


def _dialog(qtbot, db, director):  # type: ignore[no-untyped-def]
    """A registration dialog and its party table."""
    dialog = RegisterCaseDialog(db, director)
    qtbot.addWidget(dialog)
    return dialog, dialog.parties.table


def test_register_a_land_boundary_dispute(qtbot, db, director, type_chinese):
    dialog = RegisterCaseDialog(db, director)
    qtbot.addWidget(dialog)
    hint = _fill(dialog, type_chinese)
    assert "张三：女，1949-12-31 出生" in hint  # derived from the ID as typed
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == RegisterCaseDialog.DialogCode.Accepted
    with db.read_session() as s:
        case = s.scalar(select(Case))
        assert case.case_no == "（2026）石桥村人调字第1号" and case.category_code == "neighbour"
        assert case.summary == "两家菜地界限不清，多次争吵。" and case.requests == ["重新划定界限", "赔偿青苗损失"]
        assert str(case.amount_involved) == "800.00" and case.registered_on.isoformat() == "2026-11-20"
        parties = s.scalars(select(Party).order_by(Party.position)).all()
        assert [(p.name, p.role.value, p.id_number, p.sex) for p in parties] == [
            ("张三", "applicant", "11010519491231002X", "female"), ("李四", "respondent", None, None)]
    assert DraftStore(db.paths.drafts).pending() == []


def test_bad_id_keeps_everything_typed(qtbot, db, director, type_chinese):
    dialog = RegisterCaseDialog(db, director)
    qtbot.addWidget(dialog)
    _fill(dialog, type_chinese)
    dialog.parties.table.item(0, 2).setText("110105194912310021")
    assert "校验" in dialog.parties.hint.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != RegisterCaseDialog.DialogCode.Accepted
    assert "身份证" in dialog.error.text()
    assert dialog.summary.toPlainText() == "两家菜地界限不清，多次争吵。"  # nothing lost
    with db.read_session() as s:
        assert s.scalar(select(Case)) is None


def test_pasted_list_of_households(qtbot, db, director):
    dialog = RegisterCaseDialog(db, director)
    qtbot.addWidget(dialog)
    lines = [f"住户{i}\t11010519491231002X\t1380013{i:04d}\t3栋{i}号" for i in range(1, 669)]
    assert dialog.parties.add_pasted("\n".join(lines), "applicant") == 668
    dialog.parties.add_row({"role": "respondent", "name": "某某房地产开发有限公司", "id_number": "91350100M000100Y43"})
    inputs = dialog.parties.party_inputs()
    assert len(inputs) == 669 and inputs[0].phone == "13800130001" and inputs[0].address == "3栋1号"
    assert inputs[-1].kind.value == "organisation"


def test_closing_keeps_a_draft_and_the_window_offers_it_back(qtbot, db, director, monkeypatch, type_chinese):
    dialog = RegisterCaseDialog(db, director)
    qtbot.addWidget(dialog)
    _fill(dialog, type_chinese)
    answer_drafts(monkeypatch, RegisterCaseDialog, True)
    dialog.reject()
    assert DraftStore(db.paths.drafts).load(FORM, KEY, director.username).data["summary"] == "两家菜地界限不清，多次争吵。"
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    dialogs = window.findChildren(RegisterCaseDialog)
    assert len(dialogs) == 1 and dialogs[0].parties.rows()[0]["name"] == "张三"


SCRIPT = textwrap.dedent("""
    import sys, pathlib
    from PySide6.QtWidgets import QApplication
    from PySide6.QtCore import QTimer
    from mediation_desktop.paths import DataPaths
    from mediation_desktop.storage.database import open_database
    from mediation_desktop.services.accounts import authenticate
    from mediation_desktop.ui.case.register_case_dialog import RegisterCaseDialog
    app = QApplication([])
    db = open_database(DataPaths(pathlib.Path(sys.argv[1])))
    dialog = RegisterCaseDialog(db, authenticate(db, "admin", "secret123"))
    dialog.show()
    def type_():
        dialog.parties.table.item(0, 1).setText("王五")
        dialog.summary.setPlainText("拖欠工资约156,000元")
    def report():
        print("typed", flush=True)
    QTimer.singleShot(100, type_)
    QTimer.singleShot(1500, report)
    app.exec()
""")


def test_killed_while_typing_the_draft_is_offered_back(qtbot, db, director, monkeypatch):
    """A power cut in the middle of a form: the next start offers what was typed."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(db.paths.root)], stdout=subprocess.PIPE, env=env,
                            text=True)
    try:
        assert proc.stdout.readline().strip() == "typed"
    finally:
        proc.kill()  # SIGKILL on Linux, TerminateProcess on Windows: no clean-up either way
        proc.wait()
    time.sleep(0.1)
    offered = []
    answer_drafts(monkeypatch, RegisterCaseDialog, True, offered)
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    assert len(offered) == 1 and "没有填完的案件登记" in offered[0]
    dialog = window.findChildren(RegisterCaseDialog)[0]
    assert dialog.parties.rows()[0]["name"] == "王五"
    assert dialog.summary.toPlainText() == "拖欠工资约156,000元"


def test_a_minors_id_says_a_guardian_takes_part(qtbot, db, director):
    """A party of fourteen (the tester's 李小明, born 2012-06-05): the row's line says a guardian takes part as the
    legal representative and signs; the service gives the same warning; an adult's line says nothing of it."""
    from mediation_desktop.domain.resident_id import resident_id_check_digit
    from mediation_desktop.services.parties import PartyInput, check_party

    minor = "33010220120605004"
    minor += resident_id_check_digit(minor)
    dialog, table = _dialog(qtbot, db, director)
    table.setCurrentCell(0, 1)
    table.item(0, 1).setText("李小明")
    table.item(0, 2).setText(minor)
    assert "2012-06-05 出生" in dialog.parties.hint.text()
    assert "法定代理人" in dialog.parties.hint.text()
    table.item(0, 2).setText("11010519491231002x")
    assert "法定代理人" not in dialog.parties.hint.text()
    assert "party.minor" in check_party(PartyInput("李小明", id_number=minor)).warnings
    assert "party.minor" in check_party(PartyInput("李小明", age=9)).warnings
    assert "party.minor" not in check_party(PartyInput("张三", id_number="11010519491231002x")).warnings


def test_a_wrong_rows_line_stays_when_a_party_is_added(qtbot, db, director):
    """The line under the table named row 2's wrong check digit; 添加当事人 moved the cursor to a new empty row and
    the line vanished while the row stayed pink. It stays, naming the row, until that row is put right."""
    dialog, table = _dialog(qtbot, db, director)
    table.setCurrentCell(1, 1)
    table.item(1, 1).setText("李建军")
    table.item(1, 2).setText("110105194912310021")  # (its check digit is X)
    assert "第2行（李建军）" in dialog.parties.hint.text()
    qtbot.mouseClick(dialog.parties.add_button, Qt.MouseButton.LeftButton)
    assert table.currentRow() == table.rowCount() - 1
    assert "第2行（李建军）" in dialog.parties.hint.text() and "校验" in dialog.parties.hint.text()
    table.item(1, 2).setText("11010519491231002X")
    table.setCurrentCell(table.rowCount() - 1, 1)
    assert "第2行" not in dialog.parties.hint.text()


def test_a_rows_problems_are_said_at_once(qtbot, db, director):
    """A wrong check digit and a ten-digit phone in one row: the line under the table and the message on saving
    name both, and both cells are red (it named one, then the other on the next try)."""
    from mediation_desktop.ui.case.party_rows import ID_COL, PHONE_COL

    dialog, table = _dialog(qtbot, db, director)
    table.setCurrentCell(0, 1)
    table.item(0, 1).setText("李建军")
    table.item(0, 2).setText("110105194912310021")
    table.item(0, 3).setText("1380013800")
    hint = dialog.parties.hint.text()
    assert "身份证" in hint and "手机" in hint and hint.count("第1行") == 1, hint
    assert table.item(0, ID_COL).background().color() == table.item(0, PHONE_COL).background().color()
    assert table.item(0, PHONE_COL).background().style() != Qt.BrushStyle.NoBrush
    table.item(1, 1).setText("李四")
    dialog.category.setCurrentIndex(dialog.category.findData("neighbour"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != RegisterCaseDialog.DialogCode.Accepted
    assert "身份证" in dialog.error.text() and "手机" in dialog.error.text(), dialog.error.text()
