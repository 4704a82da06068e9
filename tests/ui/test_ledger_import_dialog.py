"""导入台账: file → mapping → preview with per-row Chinese messages → confirm; nothing before 确认导入."""

from __future__ import annotations

import datetime as dt
import random

from job_gates import click_cancel, hold
from PySide6.QtCore import Qt
from report_cases import make_case
from sqlalchemy import func, select

from mediation_desktop.reports.ledger import ledger_rows
from mediation_desktop.reports.xlsx import ledger_xlsx
from mediation_desktop.storage.models import Case
from mediation_desktop.ui.hub.ledger_import_dialog import LedgerImportDialog


def _count(db) -> int:
    with db.read_session() as s:
        return int(s.scalar(select(func.count()).select_from(Case)) or 0)


def _wait(qtbot, dialog):
    qtbot.waitUntil(lambda: dialog.job is not None and dialog.job.finished, timeout=20_000)


def test_import_an_exported_ledger_through_the_dialog(qtbot, qtmodeltester, db, director, fresh, tmp_path,
                                                      type_chinese):
    rng = random.Random(5)
    for i, outcome in enumerate(["written", "oral", "failed", "open", "archived_referred"]):
        make_case(db, director, rng, dt.date(2026, 3, 1 + i), outcome)
    rows = ledger_rows(db)
    path = tmp_path / "石桥村台账.xlsx"
    path.write_bytes(ledger_xlsx(rows))

    dialog = LedgerImportDialog(fresh, director)
    qtbot.addWidget(dialog)
    type_chinese(dialog.path, str(path))
    assert dialog.path.text() == str(path)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, dialog)
    assert dialog.pages.currentIndex() == dialog.MAPPING
    qtmodeltester.check(dialog.sheet_model)
    mapping = dialog.mapping()
    assert mapping["accepted_on"] == 4 and mapping["applicants"] == 8  # guessed from the headers
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, dialog)
    assert dialog.pages.currentIndex() == dialog.PREVIEW
    qtmodeltester.check(dialog.preview)
    assert dialog.preview.rowCount() == len(rows)
    assert {dialog.preview.data(dialog.preview.index(r, 1)) for r in range(len(rows))} == {"将导入"}
    assert f"{len(rows)} 行将导入" in dialog.summary.text()
    assert _count(fresh) == 0  # nothing before 确认导入
    assert dialog.confirm_button.isVisible() or not dialog.isVisible()
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.imported is not None and dialog.imported.added == len(rows) == _count(fresh)
    assert ledger_rows(fresh) == rows

    again = LedgerImportDialog(fresh, director)
    qtbot.addWidget(again)
    again.path.setText(str(path))
    again.go_next()
    _wait(qtbot, again)
    again.go_next()
    _wait(qtbot, again)
    assert again.plan is not None and again.plan.count("duplicate") == len(rows)
    assert not again.confirm_button.isEnabled()
    assert "已经在本机" in again.preview.data(again.preview.index(0, 5))


def test_a_ledger_in_another_column_order_with_errors(qtbot, fresh, director, tmp_path):
    path = tmp_path / "village.csv"
    path.write_bytes(("陈喆,2026-02-03,邻里,张三,李四\r\n"
                      "陈喆,2026-02-31,合同,王五,\r\n"
                      "陈喆,２０２６年２月５日,外星人,𠮷田,\r\n").encode("gb18030"))
    dialog = LedgerImportDialog(fresh, director)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(path))
    dialog.go_next()
    _wait(qtbot, dialog)
    assert dialog.sheet is not None and dialog.sheet.header_row is None
    assert dialog.mapping() == {}
    dialog.go_next()  # nothing mapped: a clear message, still on the mapping step
    _wait(qtbot, dialog)
    assert dialog.pages.currentIndex() == dialog.MAPPING and "缺少必需的列" in dialog.error.text()
    dialog.set_mapping({"mediator": 0, "accepted_on": 1, "category": 2, "applicants": 3, "respondents": 4})
    dialog.go_next()
    _wait(qtbot, dialog)
    assert dialog.pages.currentIndex() == dialog.PREVIEW
    states = [dialog.preview.data(dialog.preview.index(r, 1)) for r in range(3)]
    assert states == ["将导入", "有错误，不导入", "将导入"]  # 外星人: counted as 其他, the word kept (a note)
    assert "不是有效日期" in dialog.preview.data(dialog.preview.index(1, 5))
    assert "外星人" in dialog.preview.data(dialog.preview.index(2, 5))
    assert dialog.preview.data(dialog.preview.index(1, 0)) == "2"
    assert dialog.preview.data(dialog.preview.index(1, 5), Qt.ItemDataRole.ForegroundRole).color().name() == "#b00020"
    assert dialog.preview.data(dialog.preview.index(0, 5), Qt.ItemDataRole.ForegroundRole) is None
    dialog.confirm()
    _wait(qtbot, dialog)
    assert _count(fresh) == 2


def test_a_township_clerk_cannot_import(qtbot, fresh, tmp_path):
    from mediation_desktop.domain.enums import Role
    from mediation_desktop.services.accounts import Actor
    from mediation_desktop.ui.hub.ledger_import_dialog import may_import

    clerk = Actor("clerk", "司法所", Role.CLERK)
    assert not may_import(clerk) and not may_import(None)
    path = tmp_path / "l.csv"
    path.write_bytes("受理日期,申请人,纠纷类型\r\n2026-01-05,张三,邻里\r\n".encode())
    dialog = LedgerImportDialog(fresh, clerk)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(path))
    assert not dialog.next_button.isEnabled()
    assert "只能查看" in dialog.error.text(), dialog.error.text()
    dialog.go_next()
    assert dialog.job is None and dialog.pages.currentIndex() == dialog.FILE
    assert _count(fresh) == 0


def test_cancel_during_the_import_writes_nothing(qtbot, db, director, fresh, tmp_path, monkeypatch):
    from mediation_desktop.services import search

    rng = random.Random(6)
    for i in range(3):
        make_case(db, director, rng, dt.date(2026, 4, 1 + i), "written")
    path = tmp_path / "台账.xlsx"
    path.write_bytes(ledger_xlsx(ledger_rows(db)))
    dialog = LedgerImportDialog(fresh, director)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(path))
    dialog.go_next()
    _wait(qtbot, dialog)
    dialog.go_next()
    _wait(qtbot, dialog)
    gate = hold(monkeypatch, search, "index_cases")  # the import holds after making its cases, before its commit
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    click_cancel(qtbot, dialog.job)
    assert dialog.error.text() == "正在取消…"
    gate.set()
    _wait(qtbot, dialog)
    assert dialog.error.text() == "已取消导入：没有写入任何案件。"
    assert _count(fresh) == 0 and dialog.imported is None and dialog.confirm_button.isEnabled()
    monkeypatch.undo()
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):  # 确认导入 again: now it goes through
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert _count(fresh) == 3


def test_cancel_while_reading_drops_what_was_read(qtbot, director, fresh, tmp_path, monkeypatch):
    from mediation_desktop.ui.hub import ledger_import_dialog

    path = tmp_path / "台账.csv"
    path.write_text("受理日期,申请人,被申请人,纠纷类型\n2026-04-01,张三,李四,邻里纠纷\n", encoding="utf-8")
    gate = hold(monkeypatch, ledger_import_dialog, "read_sheet")
    dialog = LedgerImportDialog(fresh, director)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(path))
    dialog.go_next()
    click_cancel(qtbot, dialog.job)
    gate.set()
    _wait(qtbot, dialog)
    assert dialog.error.text() == "已取消。" and dialog.pages.currentIndex() == dialog.FILE and dialog.sheet is None


def test_the_preview_shows_how_columns_and_values_are_read(qtbot, fresh, director, tmp_path):
    """An old village ledger: the preview says which column is read as what, skips 合计 with a note, and
    shows each row's values as they will be stored — 未记录 (Not recorded) where the ledger does not say."""
    import village_ledger

    from mediation_desktop.ui.common import language

    path = village_ledger.write_xlsx(tmp_path / "石桥村.xlsx")
    dialog = LedgerImportDialog(fresh, director)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(path))
    dialog.go_next()
    _wait(qtbot, dialog)
    dialog.go_next()
    _wait(qtbot, dialog)
    assert dialog.pages.currentIndex() == dialog.PREVIEW
    read_as = dialog.columns_label.text()
    assert "协议金额 → 涉及金额（元）" in read_as and "当事人 → 申请人" in read_as and "合计" in read_as
    model = dialog.preview
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    rows = {model.data(model.index(r, headers.index("原编号"))): r for r in range(model.rowCount())}
    assert sorted(rows) == sorted(village_ledger.AMOUNTS)

    def cell(no: str, header: str) -> str:
        return model.data(model.index(rows[no], headers.index(header)))

    assert cell("2023-03", "金额（元）") == "3500.00" and cell("2023-04", "金额（元）") == "12000.00"
    assert cell("2023-03", "案件来源") == "未记录" and cell("2023-03", "协议形式") == "未记录"
    assert cell("2023-03", "履行情况") == "未记录" and cell("2023-02", "协议形式") == "口头协议"
    assert cell("2023-01", "申请人") == "刘德胜" and cell("2023-01", "被申请人") == "刘德旺"
    assert cell("2023-04", "纠纷类型") == "其他（噪音）" and "噪音" in cell("2023-04", "说明")
    assert "2023-04-18" in cell("2023-06", "说明")  # the year taken from the title, said so
    assert cell("2023-06", "案件状态") == "不予调解" and cell("2023-05", "案件状态") == "调解不成（终止）"
    language.switch(language.EN)
    try:
        assert model.data(model.index(rows["2023-03"], headers.index("案件来源"))) == "Not recorded"
    finally:
        language.switch(language.ZH)


def test_correcting_an_imported_case_keeps_an_unrecorded_source(qtbot, fresh, director, tmp_path):
    """The registration form of a case from a ledger shows its source as 未记录, not 当事人申请 by default."""
    import village_ledger

    from mediation_desktop.reports.ledger_import import apply_import, plan_import, read_sheet
    from mediation_desktop.ui.case.register_case_dialog import RegisterCaseDialog

    path = village_ledger.write_xlsx(tmp_path / "石桥村.xlsx")
    case_id = apply_import(fresh, director, plan_import(fresh, read_sheet(path))).case_ids[0]
    dialog = RegisterCaseDialog(fresh, director, case_id=case_id)
    qtbot.addWidget(dialog)
    dialog.load_data(dialog.stored_data(case_id))
    assert dialog.source.currentData() == "unrecorded" and dialog.source.currentText() == "未记录"


def test_the_case_window_shows_a_ledger_case_as_the_ledger_has_it(qtbot, fresh, director, tmp_path):
    """原编号, 据台账补录, the ledger's own category word, a month-only date, and 未记录 where it does not say."""
    import village_ledger

    from mediation_desktop.reports.ledger_import import apply_import, plan_import, read_sheet
    from mediation_desktop.services.case_detail import load_case
    from mediation_desktop.ui.case import case_sections

    path = village_ledger.write_xlsx(tmp_path / "石桥村.xlsx")
    ids = apply_import(fresh, director, plan_import(fresh, read_sheet(path))).case_ids
    html = {no: case_sections.registration(load_case(fresh, i)) for no, i in zip(village_ledger.AMOUNTS, ids,
                                                                                  strict=True)}
    assert "据台账补录" in html["2023-04"] and "2023-04" in html["2023-04"] and "噪音" in html["2023-04"]
    assert "未记录" in html["2023-04"]  # 案件来源
    assert "台账只记到月" in html["2023-05"] and "台账只记到月" not in html["2023-04"]


def test_the_preview_names_the_sheets_and_columns_not_read_and_each_rows_sheet(qtbot, fresh, director, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    hidden = wb.active
    hidden.title = "旧表"
    hidden.append(["受理日期", "当事人", "纠纷类型"])
    hidden.sheet_state = "hidden"
    for year in (2024, 2025):
        ws = wb.create_sheet(f"{year}年")
        ws.append(["序号", "受理日期", "当事人", "纠纷类型", "涉及金额(万元)", "身份证号"])
        ws.append([1, f"{year}-03-05", "张三与李四", "邻里", 1.5, "110101199001011234"])
    wb.create_sheet("说明").append(["本台账按年分表"])
    path = tmp_path / "分年台账.xlsx"
    wb.save(path)

    dialog = LedgerImportDialog(fresh, director)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(path))
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, dialog)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, dialog)
    assert dialog.pages.currentIndex() == dialog.PREVIEW
    said = dialog.columns_label.text()
    assert "没有读：“旧表”（隐藏的表）、“说明”（没有台账表头）" in said
    assert "“身份证号”没有对应的项目" in said and "按万元读" in said
    assert "各列的读法" in said
    assert [dialog.preview.data(dialog.preview.index(r, 0)) for r in range(2)] == ["“2024年”第 2 行",
                                                                                   "“2025年”第 2 行"]
    assert dialog.preview.data(dialog.preview.index(0, 10)) == "15000.00"


def test_closing_with_a_preview_shown_asks_first(qtbot, fresh, director, tmp_path, type_chinese):
    """Untouched, the dialog closes silently; with a file read and its preview shown, Esc, the window's ✕ and 取消
    ask first, and Esc on the question goes back to the preview; only 不保存，关闭 throws it away (nothing was
    written). Imported, it closes by itself with no question."""
    from prompt_steps import LEAVE_QUESTION as asked
    from prompt_steps import answer_question

    path = tmp_path / "东村台账.csv"
    path.write_bytes("受理日期,申请人,被申请人,纠纷类型,调解员\r\n2026-01-05,张三,李四,邻里,陈喆\r\n".encode())
    seen: list = []
    dialog = LedgerImportDialog(fresh, director)
    qtbot.addWidget(dialog)
    dialog.show()
    pending = answer_question(seen, None)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    pending.append(False)
    assert seen == [] and not dialog.isVisible()

    def to_preview(dialog: LedgerImportDialog) -> None:
        dialog.show()
        type_chinese(dialog.path, str(path))
        for _step in ("mapping", "preview"):
            qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
            _wait(qtbot, dialog)
        assert dialog.pages.currentIndex() == dialog.PREVIEW and dialog.plan is not None

    to_preview(dialog)
    for close in (lambda: qtbot.keyClick(dialog, Qt.Key.Key_Escape), dialog.close,
                  lambda: qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)):
        answer_question(seen, None)  # 继续编辑
        close()
        assert dialog.isVisible() and dialog.pages.currentIndex() == dialog.PREVIEW
        assert dialog.plan is not None and dialog.plan.count("new") == 1
    assert seen == [asked] * 3
    answer_question(seen, "不保存，关闭")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert seen == [asked] * 4 and not dialog.isVisible() and _count(fresh) == 0

    again = LedgerImportDialog(fresh, director)
    qtbot.addWidget(again)
    to_preview(again)
    pending = answer_question(seen, None)
    with qtbot.waitSignal(again.accepted, timeout=20_000):
        qtbot.mouseClick(again.confirm_button, Qt.MouseButton.LeftButton)
    pending.append(False)
    assert len(seen) == 4 and not again.isVisible() and _count(fresh) == 1
