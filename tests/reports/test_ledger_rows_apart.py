"""Ledger rows an outside tester found read wrongly: two disputes of one day kept apart, dates after today and a
closing date on an open case, and the rows a re-import must still recognise."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mediation_desktop.domain.lifecycle import CaseStatus
from mediation_desktop.reports.ledger_import import apply_import, plan_import, read_sheet
from mediation_desktop.storage.models import Case

TODAY = dt.date(2026, 12, 6)
HEADER = "序号,受理时间,当事人,纠纷类别,纠纷简要情况,调解结果,结案时间"


def _csv(path: Path, *lines: str) -> Path:
    path.write_text("\r\n".join([HEADER, *lines]) + "\r\n", encoding="utf-8", newline="")
    return path


def _cases(db) -> int:
    with db.read_session() as s:
        return int(s.scalar(select(func.count()).select_from(Case)) or 0)


def test_two_disputes_of_one_day_between_the_same_parties_are_two_cases_and_a_reimport_adds_neither(
        empty_install, director, tmp_path: Path) -> None:
    path = _csv(tmp_path / "台账.csv",
                "1,2025-06-01,张大与张二,邻里,宅基地滴水,调解成功,2025-06-02",
                "2,2025-06-01,张大与张二,邻里,借用农具损坏赔偿,调解成功,2025-06-03",
                "2,2025-06-01,张大与张二,邻里,借用农具损坏赔偿,调解成功,2025-06-03")  # the same row again
    plan = plan_import(empty_install, read_sheet(path), today=TODAY)
    assert [r.status for r in plan.rows] == ["new", "new", "duplicate"]
    assert "第 3 行" not in plan.rows[1].messages() and "完全相同" in plan.rows[2].messages()[0]
    assert "3" in plan.rows[2].messages()[0]
    assert apply_import(empty_install, director, plan, today=TODAY).added == 2
    with empty_install.read_session() as s:
        assert set(s.scalars(select(Case.summary))) == {"宅基地滴水", "借用农具损坏赔偿"}
    again = plan_import(empty_install, read_sheet(path), today=TODAY)
    assert [r.status for r in again.rows] == ["duplicate", "duplicate", "duplicate"]
    assert "已经在本机" in again.rows[0].messages()[0]
    # one such case here absorbs one row, not both: the other dispute of that day is still brought in
    one = _csv(tmp_path / "另一份.csv", "1,2025-07-01,王甲与王乙,邻里,甲事,调解成功,2025-07-02")
    apply_import(empty_install, director, plan_import(empty_install, read_sheet(one), today=TODAY), today=TODAY)
    both = _csv(tmp_path / "两件.csv", "1,2025-07-01,王甲与王乙,邻里,甲事,调解成功,2025-07-02",
                "2,2025-07-01,王甲与王乙,邻里,乙事,调解成功,2025-07-05")
    plan = plan_import(empty_install, read_sheet(both), today=TODAY)
    assert [r.status for r in plan.rows] == ["duplicate", "new"]
    assert apply_import(empty_install, director, plan, today=TODAY).added == 1
    assert _cases(empty_install) == 4


def test_one_case_number_on_two_different_rows_is_an_error_not_a_silent_drop(empty_install, tmp_path: Path) -> None:
    from mediation_desktop.storage.models import Installation

    with empty_install.read_session() as s:
        short = s.scalar(select(Installation.short_name))
    path = tmp_path / "编号.csv"
    path.write_text("案件编号,受理时间,当事人,纠纷类别,纠纷简要情况\r\n"
                    f"（2025）{short}人调字第1号,2025-06-01,张大与张二,邻里,甲事\r\n"
                    f"（2025）{short}人调字第1号,2025-06-04,王大与王二,邻里,乙事\r\n", encoding="utf-8", newline="")
    plan = plan_import(empty_install, read_sheet(path), today=TODAY)
    assert [r.status for r in plan.rows] == ["new", "error"]
    assert "已用在第 2 行" in plan.rows[1].messages()[0] and "第1号" in plan.rows[1].messages()[0]


def test_a_date_after_today_is_a_row_error(empty_install, tmp_path: Path) -> None:
    path = _csv(tmp_path / "日期.csv",
                "1,2027-01-01,甲一与乙一,邻里,事,调解成功,2027-01-05",
                "2,2026-11-01,甲二与乙二,邻里,事,调解成功,2026-12-07",
                "3,2026-11-01,甲三与乙三,邻里,事,调解成功,2026-12-06")
    plan = plan_import(empty_install, read_sheet(path), today=TODAY)
    assert [r.status for r in plan.rows] == ["error", "error", "new"]
    assert "2027-01-01" in plan.rows[0].messages()[0] and "晚于今天" in plan.rows[0].messages()[0]
    assert [m for m in plan.rows[1].messages() if "2026-12-07" in m and "结案时间" in m]


def test_a_closing_date_on_an_open_case_is_dropped_with_a_note(empty_install, director, tmp_path: Path) -> None:
    path = _csv(tmp_path / "未结.csv", "7,2025.03.05,甲七与乙七,邻里,事,调解中,2025.03.06")
    plan = plan_import(empty_install, read_sheet(path), today=TODAY)
    row = plan.rows[0]
    assert row.status == "new" and row.parsed is not None
    assert row.parsed.status == CaseStatus.MEDIATING and row.parsed.closed_on is None
    assert [n for n in row.notes() if "2025-03-06" in n and "未结" in n]
    apply_import(empty_install, director, plan, today=TODAY)
    with empty_install.read_session() as s:
        assert s.scalar(select(Case.closed_on)) is None


def test_a_date_before_1900_gets_one_message(empty_install, tmp_path: Path) -> None:
    path = _csv(tmp_path / "早.csv", "11,1899-12-31,甲十一与乙十一,邻里,事,调解成功,1900-01-01")
    row = plan_import(empty_install, read_sheet(path), today=TODAY).rows[0]
    assert row.status == "error" and len(row.messages()) == 1 and "1900" in row.messages()[0]


def test_a_case_written_over_two_rows_with_merged_cells_is_one_case(empty_install, director, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["石桥村2025年矛盾纠纷调解台账"])
    ws.merge_cells("A1:H1")
    ws.append(["序号", "受理时间", "申请人", "被申请人", "纠纷类别", "调解结果", "结案时间", "调解员"])
    ws.append([1, "2025.4.1", "张三", "李四", "邻里", "调解成功", "2025.4.3", "陈喆"])
    ws.append([None, None, "张三妻王芳", None, None, None, None, "王建国"])
    for col in "ABDEFG":
        ws.merge_cells(f"{col}3:{col}4")
    ws.append([2, "2025.4.9", "赵五", "钱六", "合同", "调解成功", "2025.4.10", "陈喆"])
    ws.append([3, "2025.4.12", "孙七", "周八", "邻里", "调解成功", "2025.4.13", "陈喆"])
    ws.append([4, "2025.4.12", "吴九", "周八", "邻里", "调解成功", "2025.4.13", "陈喆"])
    ws.merge_cells("E6:E7")  # one 纠纷类别 cell for two cases: they stay two (only 序号 joins rows)
    path = tmp_path / "两行一案.xlsx"
    wb.save(path)
    plan = plan_import(empty_install, read_sheet(path), today=TODAY)
    assert [(r.line, r.status) for r in plan.rows] == [(3, "new"), (5, "new"), (6, "new"), (7, "new")]
    first = plan.rows[0]
    assert first.parsed is not None
    assert [n for _, n in first.parsed.parties] == ["张三", "张三妻王芳", "李四"]
    assert "第 4 行与第 3 行" in first.notes()[0] and "序号" in first.notes()[0]
    assert "第4行调解员：王建国" in first.parsed.note  # a cell of the second row that is no party is kept
    apply_import(empty_install, director, plan, today=TODAY)
    assert _cases(empty_install) == 4


def test_another_committees_case_numbers_are_kept_as_original_numbers_and_renumbered(
        empty_install, director, tmp_path: Path) -> None:
    from mediation_desktop.storage.models import CaseNumberCounter, Installation

    with empty_install.read_session() as s:
        short = s.scalar(select(Installation.short_name))
    assert short and short != "河口村"
    path = tmp_path / "河口村导出.csv"
    path.write_text("案件编号,受理时间,当事人,纠纷类别\r\n"
                    f"（2023）{short}人调字第2号,2023-03-01,甲一与乙一,邻里\r\n"
                    "（2023）河口村人调字第11号,2023-03-02,甲二与乙二,邻里\r\n"
                    "(2023)河口村人调字第12号,2023-03-03,甲三与乙三,邻里\r\n", encoding="utf-8", newline="")
    plan = plan_import(empty_install, read_sheet(path), today=TODAY)
    assert [r.status for r in plan.rows] == ["new", "new", "new"]
    assert plan.rows[0].notes() == []
    assert "河口村人调字第11号" in plan.rows[1].notes()[0] and "原编号" in plan.rows[1].notes()[0]
    apply_import(empty_install, director, plan, today=TODAY)
    with empty_install.read_session() as s:
        got = {c.summary or c.case_no: (c.case_no, (c.extra or {}).get("original_no"))
               for c in s.scalars(select(Case).order_by(Case.accepted_on))}
        assert sorted(no for no, _ in got.values()) == [f"（2023）{short}人调字第{n}号" for n in (2, 3, 4)]
        assert {orig for _, orig in got.values()} == {f"（2023）{short}人调字第2号", "（2023）河口村人调字第11号",
                                                      "(2023)河口村人调字第12号"}
        assert s.get(CaseNumberCounter, 2023).last_serial == 4  # not moved past 河口村's 第12号
    again = plan_import(empty_install, read_sheet(path), today=TODAY)
    assert [r.status for r in again.rows] == ["duplicate", "duplicate", "duplicate"]


def test_a_formula_without_a_saved_result_is_named_never_read_as_empty(empty_install, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()  # written by a script: formulas, no saved results
    ws = wb.active
    ws.append(["序号", "受理时间", "申请人", "被申请人", "纠纷类别", "涉及金额"])
    ws.append(["=ROW()-1", "2025-03-05", '=HYPERLINK("http://example.invalid","张三")', "李四", "邻里", "=1000+500"])
    ws.append([2, "2025-03-06", "王五", "赵六", "邻里", 800])
    ws.append([3, "2025-03-07", "=\"孙七\"", "周八", "邻里", None])
    path = tmp_path / "脚本生成.xlsx"
    wb.save(path)
    plan = plan_import(empty_install, read_sheet(path), today=TODAY)
    assert [r.status for r in plan.rows] == ["error", "new", "error"]
    first = plan.rows[0].messages()
    assert len(first) == 1 and "“序号”、“申请人”、“涉及金额”是公式" in first[0]
    assert "请在 Excel/WPS 中打开并保存一次" in first[0] and "不能为空" not in first[0]
    assert plan.rows[2].messages() == ["“申请人”是公式，表格里没有保存计算结果；请在 Excel/WPS 中打开并保存一次，或改为文字，这一行没有导入。"]


ROWS = [["序号", "受理时间", "当事人", "纠纷类别", "纠纷简要情况"], ["1", "2025-06-01", "张大与张二", "邻里", "宅基地, 滴水"],
        ["2", "2025-06-02", "王大与王二", "邻里", "借款；利息"]]


TEXT_FILES = [("tabs.txt", "\t", "utf-8"), ("semicolon.csv", ";", "utf-8-sig"), ("unicode.txt", "\t", "utf-16"),
              ("gbk.csv", ",", "gb18030")]


def test_text_ledgers_in_tabs_semicolons_and_utf16_are_read(empty_install, tmp_path: Path) -> None:
    for name, separator, encoding in TEXT_FILES:  # (one installation for all: each is only checked)
        def cell(v: str, separator: str = separator) -> str:
            return f'"{v}"' if separator in v else v  # (a comma inside a tab- or semicolon-separated cell stays)

        path = tmp_path / name
        path.write_bytes("\r\n".join(separator.join(cell(v) for v in r) for r in ROWS).encode(encoding))
        sheet = read_sheet(path)
        assert sheet.header_row == 0 and sheet.headers == ROWS[0], name
        plan = plan_import(empty_install, sheet, today=TODAY)
        assert [r.status for r in plan.rows] == ["new", "new"], name
        assert [r.parsed.summary for r in plan.rows if r.parsed] == ["宅基地, 滴水", "借款；利息"], name


def test_the_command_never_points_at_a_step_it_lacks(empty_install, tmp_path: Path) -> None:
    from mediation_desktop.cli_reports import cmd_ledger_import
    from mediation_desktop.errors import MediationError
    from mediation_desktop.i18n import tr

    path = tmp_path / "无表头.csv"
    path.write_text("陈喆,2026-02-03,邻里,张三,李四\r\n", encoding="utf-8", newline="")
    args = argparse.Namespace(file=str(path), category=[], dry_run=True, json=False,
                              data_dir=str(empty_install.paths.root), database_url=None)
    with pytest.raises(MediationError) as err:
        cmd_ledger_import(args)
    said = tr(err.value.key, "zh", **err.value.params)
    assert err.value.key == "ledger.no_header_cli" and "请在导入时" not in said and "“导入台账”窗口" in said
    assert "Import a ledger" in tr(err.value.key, "en", **err.value.params)
