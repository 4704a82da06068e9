"""An old ledger as a township clerk brings it: headers with units (协议金额（元）, 涉及金额(万元), 受理时间（年月日）),
a hidden sheet, one sheet per year, a 说明 sheet, a company among the parties. Nothing is invented or dropped
without a word: every column not read and every sheet not read is named in one line."""

from __future__ import annotations

import argparse
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from mediation_desktop.cli_reports import cmd_ledger_import
from mediation_desktop.domain.enums import PartyKind
from mediation_desktop.reports import ledger_parse as lp
from mediation_desktop.reports.ledger_import import apply_import, parse_row, plan_import, read_sheet
from mediation_desktop.reports.ledger_sheet import Sheet, guess_mapping
from mediation_desktop.storage.models import Case, Party

TODAY = dt.date(2026, 12, 6)

HEADERS = {  # a header as villages write it → the column it is
    "协议金额（元）": "amount", "金额(元)": "amount", "标的额（元）": "amount", "涉及金额(万元)": "amount",
    "涉案金额（万元）": "amount", "调解金额(元)": "amount", "金额 （ 元 ）": "amount", "金额【单位：万元】": "amount",
    "金额/元": "amount", "受理时间（年月日）": "accepted_on", "结案时间(年月日)": "closed_on",
    "受理日期（年-月-日）": "accepted_on", "当事人（姓名）": "applicants", "防止激化涉及人数（人）": "prevented_persons",
    "金额（元，大写）": "amount", "调解结果（成功/不成）": "outcome", "防止民转刑（是/否）": "prevented_criminal",
}


@pytest.mark.parametrize(("header", "key"), HEADERS.items())
def test_a_known_name_with_a_unit_or_bracket_is_that_column(header: str, key: str) -> None:
    assert guess_mapping(["序号", header]) == {"seq": 0, key: 1}


@pytest.mark.parametrize("header", ["金额（美元）", "调解员（电话）", "当事人(联系电话)", "受理时间（备注）", "身份证号",
                                    "联系电话"])
def test_a_name_with_a_suffix_that_is_no_unit_of_it_is_not_taken(header: str) -> None:
    assert guess_mapping(["序号", header]) == {"seq": 0}


def _row(amount: object, header: str) -> Decimal | None:
    parsed, problems = parse_row({"accepted_on": "2025-03-05", "applicants": "甲某与乙某", "category": "邻里",
                                  "amount": amount}, TODAY, split_pairs=True, headers={"amount": header})
    assert parsed is not None, problems
    return parsed.amount


def test_an_amount_column_in_wan_yuan_is_scaled_never_read_as_yuan() -> None:
    assert _row(1.5, "涉及金额(万元)") == Decimal("15000.00")
    assert _row("0.35", "涉及金额（万元）") == Decimal("3500.00")
    assert _row("2万", "涉及金额(万元)") == Decimal("20000.00")  # a cell naming its own unit is read as it says
    assert _row("3500元", "涉及金额(万元)") == Decimal("3500.00")
    assert _row(3500, "协议金额（元）") == Decimal("3500.00")
    with pytest.raises(lp.CellError) as err:  # a number too big once scaled is refused, not cut
        lp.parse_amount(10**9, "涉及金额(万元)", 10_000)
    assert err.value.key == "limit.number"
    parsed, problems = parse_row({"accepted_on": "2025-03-05", "applicants": "甲某与乙某", "category": "邻里",
                                  "amount": 100}, TODAY, split_pairs=True, headers={"amount": "金额（美元）"})
    assert parsed is None and [p.key for p in problems] == ["ledger.row.amount_unit"]


def _workbook(path: Path) -> None:
    wb = Workbook()
    old = wb.active
    assert old is not None
    old.title = "旧表（勿动）"
    old.append(["序号", "受理时间", "当事人", "纠纷类别", "调解结果"])
    old.append([1, "2019.1.1", "隐藏甲与隐藏乙", "邻里", "调解成功"])
    old.sheet_state = "hidden"
    y24 = wb.create_sheet("2024年")
    y24.append(["石桥村2024年矛盾纠纷调解台账"])
    y24.append(["序号", "受理时间（年月日）", "当事人", "身份证号", "纠纷类别", "调解结果", "协议金额（元）"])
    y24.append([1, "2024.5.1", "喆珺与昇达建材有限公司", "330102198203180017", "合同", "调解成功", 3500])
    y24.append([2, "2024.6.2", "刘德胜与柳湾村村委会", None, "土地", "调解成功", None])
    notes = wb.create_sheet("说明")
    notes.append(["本台账由村调委会填写，每年一张表。"])
    wb.create_sheet("Sheet3")  # empty: nothing to say about it
    y25 = wb.create_sheet("2025年")
    y25.append(["受理日期", "申请人", "被申请人", "纠纷类型", "调解结果", "涉及金额(万元)", "联系电话"])
    y25.append(["2025-03-05", "张桂兰", "李四", "邻里", "调解成功", 1.2, "13800001111"])
    wb.save(path)


def test_every_visible_ledger_sheet_is_read_hidden_ones_never_and_the_rest_named(
        empty_install, director, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "台账.xlsx"
    _workbook(path)
    args = argparse.Namespace(file=str(path), category=[], dry_run=True, json=False,
                              data_dir=str(empty_install.paths.root), database_url=None)
    assert cmd_ledger_import(args) == 0  # the plain dry run says it all, one line each
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == ["读了工作表：“2024年”、“2025年”；没有读：“旧表（勿动）”（隐藏的表）、“说明”（没有台账表头）。",
                       "工作表“2024年”：列“身份证号”没有对应的项目，未导入。",
                       "工作表“2025年”：列“联系电话”没有对应的项目，未导入。"]
    assert out[-1].startswith("试导入") and "可导入 3 件" in out[-1]
    sheet = read_sheet(path)
    assert [p.tab for p in sheet.parts()] == ["2024年", "2025年"]
    plan = plan_import(empty_install, sheet, today=TODAY)
    assert [(r.sheet, r.line, r.status) for r in plan.rows] == [("2024年", 3, "new"), ("2024年", 4, "new"),
                                                                 ("2025年", 2, "new")]
    remarks = [p.text("zh") for p in plan.remarks]
    assert remarks == [*out[:3], "工作表“2025年”：列“涉及金额(万元)”按万元读：只写数字的金额乘以 10,000 记为元。"]
    assert all("隐藏" not in "".join(r.cells.values()) for r in plan.rows)
    apply_import(empty_install, director, plan, today=TODAY)
    with empty_install.read_session() as s:
        kinds = {name: kind for name, kind in s.execute(select(Party.name, Party.kind))}
        amounts = sorted(a for a in s.scalars(select(Case.amount_involved)) if a is not None)
    assert kinds == {"喆珺": PartyKind.PERSON, "昇达建材有限公司": PartyKind.ORGANISATION, "刘德胜": PartyKind.PERSON,
                     "柳湾村村委会": PartyKind.ORGANISATION, "张桂兰": PartyKind.PERSON, "李四": PartyKind.PERSON}
    assert amounts == [Decimal("3500.00"), Decimal("12000.00")]


def test_a_second_column_of_the_same_field_and_a_filled_column_without_header_are_named() -> None:
    header = ["受理日期", "申请人", "纠纷类型", "涉及金额（元）", "协议金额（元）", "身份证号", None, None]
    mapping = guess_mapping(header)
    assert mapping == {"accepted_on": 0, "applicants": 1, "category": 2, "amount": 3}
    sheet = Sheet("台账.xlsx", [header, ["2025-03-05", "甲某", "邻里", 100, 3500, None, "手写的备注", None]], 0,
                  mapping)
    assert sheet.unused_columns(mapping) == ["协议金额（元）", "身份证号", "第7列"]  # (第8列: empty, not named)
