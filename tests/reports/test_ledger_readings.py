"""How the ledger import reads what a clerk wrote: a negated success is never a success, spoken amounts
(一万二, 2万5) against a table written by hand, and names padded with spaces to line up (张  三) as one name."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from mediation_desktop.domain.lifecycle import CaseStatus
from mediation_desktop.reports import ledger_names as ln
from mediation_desktop.reports import ledger_parse as lp
from mediation_desktop.reports.ledger_import import apply_import, plan_import, read_sheet
from mediation_desktop.reports.ledger_result import parse_result
from mediation_desktop.storage.models import Case

TODAY = dt.date(2026, 11, 22)


# --- 1. 调解结果 --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("cell,outcome", [
    ("未成功", "out:failed"), ("调解未成功", "out:failed"), ("没有成功", "out:failed"), ("没成功", "out:failed"),
    ("未能达成协议", "out:failed"), ("双方未达成一致", "out:failed"), ("无法达成协议", "out:failed"),
    ("调解未果", "out:failed"), ("调解失败", "out:failed"), ("协商破裂", "out:failed"), ("未调成", "out:failed"),
    ("调不成", "out:failed"), ("调解不成功", "out:failed"), ("不成功", "out:failed"), ("终止调解", "out:failed"),
    ("未化解", "out:failed"), ("未解决", "out:failed"), ("未成功，已履行", "out:failed"),
    ("调解成功", "out:success"), ("成功", "out:success"), ("调处成功", "out:success"), ("达成协议", "out:success"),
    ("已化解", "out:success"), ("调解成功，未履行", "out:success"), ("调结", "out:success"),
    ("不予受理", "out:declined"), ("中止", "out:suspended"), ("已移交", "out:referred"), ("调解中", "out:open"),
    ("延期调解", "out:open"),
])
def test_each_way_a_clerk_writes_a_result_is_read_as_it_means(cell, outcome):
    assert parse_result(cell).outcome == outcome


@pytest.mark.parametrize("cell", ["当事人撤回申请", "撤回", "撤诉", "申请人撤销申请"])
def test_a_withdrawn_application_alone_is_refused_saying_what_to_write(cell):
    with pytest.raises(lp.CellError) as err:
        parse_result(cell)
    assert err.value.key == "ledger.row.outcome_withdrawn"
    from mediation_desktop.i18n import tr

    assert "终止调解" in tr(err.value.key, "zh", **err.value.params) and cell in tr(err.value.key, "zh",
                                                                                 **err.value.params)


_NEGATED = st.sampled_from(["未", "没", "没有", "不", "未能", "无法", "尚未", "难以"]).flatmap(
    lambda no: st.sampled_from(["成功", "达成", "达成协议", "调解成功", "调结", "调成", "化解", "解决"]).map(
        lambda word: no + word)) | st.sampled_from(["调解未果", "未果", "失败", "调解失败", "破裂", "调解破裂"])
_AROUND = st.lists(st.sampled_from([*"调解成功达成协议已履行双方当事人经，、。 ；正在中止移交撤回书面口头",
                                    "调解成功", "成功", "已履行", "达成协议", "，"]), max_size=8).map("".join)


@settings(max_examples=300, deadline=None)
@given(_AROUND, _NEGATED, _AROUND)
def test_no_cell_with_a_negated_success_word_is_ever_read_as_success(before, negated, after):
    try:
        result = parse_result(before + negated + after)
    except lp.CellError:
        return  # refused: never imported as a success
    assert result.outcome != "out:success", (before, negated, after)


def test_a_failed_mediation_is_imported_as_failed(empty_install, director, tmp_path: Path):
    path = tmp_path / "l.csv"
    path.write_bytes("受理日期,申请人,被申请人,纠纷类型,调解结果\r\n2023-01-05,张三,李四,邻里,调解未成功\r\n"
                     "2023-01-06,王五,赵六,邻里,未能达成协议\r\n".encode())
    apply_import(empty_install, director, plan_import(empty_install, read_sheet(path), today=TODAY), today=TODAY)
    with empty_install.read_session() as s:
        assert set(s.scalars(select(Case.status))) == {CaseStatus.FAILED}


# --- 2. amounts ---------------------------------------------------------------------------------------
#: every form of an amount the ledger reads, with its value worked out by hand (None: refused)
AMOUNTS = {
    "3500": "3500.00", "3,500元": "3500.00", "12,000元": "12000.00", "1,234,567.5": "1234567.50", "￥800": "800.00",
    "1.2万": "12000.00", "0.5万元": "5000.00", "3500.5元": "3500.50", "叁仟伍佰元": "3500.00", "叁仟元": "3000.00",
    "伍仟元整": "5000.00", "壹万贰仟元整": "12000.00", "贰佰伍拾元": "250.00", "两千": "2000.00", "两万": "20000.00",
    "三千五": "3500.00", "一万二": "12000.00", "两万五": "25000.00", "十二万五": "125000.00", "一百二": "120.00",
    "一万零二": "10002.00", "一万二千": "12000.00", "1万2": "12000.00", "2万5": "25000.00", "5千元": "5000.00",
    "5千": "5000.00", "3千5": "3500.00", "1万2千": "12000.00", "1万2000": "12000.00", "3千500": "3500.00",
    "12万5": "125000.00", "3百": "300.00",
    "约5000元": None, "5000余元": None, "三千多": None, "1万25": None, "1,2000": None, "3,50": None, "-3": None,
}


@pytest.mark.parametrize("cell,expected", AMOUNTS.items())
def test_every_amount_form_against_a_table_written_by_hand(cell, expected):
    if expected is None:
        with pytest.raises(lp.CellError):
            lp.parse_amount(cell, "涉及金额")
    else:
        assert str(lp.parse_amount(cell, "涉及金额")) == expected


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 9), st.integers(1, 9), st.sampled_from([("万", 10_000), ("千", 1000), ("百", 100)]),
       st.booleans())
def test_a_digit_after_a_unit_is_of_the_next_lower_unit(high, low, unit, arabic):
    digits = "〇一二三四五六七八九"
    word, value = unit
    cell = f"{high}{word}{low}" if arabic else f"{digits[high]}{word}{digits[low]}"
    assert lp.parse_amount(cell, "涉及金额") == Decimal(high * value + low * value // 10)


def test_an_estimate_is_refused_saying_why(empty_install, tmp_path: Path):
    path = tmp_path / "l.csv"
    path.write_bytes("受理日期,当事人,纠纷类型,涉及金额\r\n2023-01-05,张三与李四,邻里,约5000元\r\n".encode())
    row = plan_import(empty_install, read_sheet(path), today=TODAY).rows[0]
    assert row.status == "error" and "约数" in row.messages()[0] and "约5000元" in row.messages()[0]


# --- 3. names -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("cell,names", [
    ("张  三", ["张三"]), ("李\u3000四", ["李四"]), ("王 五", ["王五"]), ("欧 阳 明 明", ["欧阳明明"]),
    ("张三 李四", ["张三", "李四"]), ("张 三 李四", ["张三", "李四"]), ("张 三、李\u3000四", ["张三", "李四"]),
    ("张 三丰", ["张三丰"]), ("孙八、孙九", ["孙八", "孙九"]), ("John Smith", ["John Smith"]),
    ("+86 13800001234", ["+86 13800001234"]),
])
def test_padding_inside_a_name_is_no_separator(cell, names):
    assert ln.split_names(cell) == names


_NAME = st.text(alphabet="张王李赵刘陈杨黄周吴欧阳明建国秀英德胜", min_size=2, max_size=3)


@settings(max_examples=150, deadline=None)
@given(st.lists(_NAME, min_size=1, max_size=3), st.sampled_from([" ", "  ", "\u3000", " \u3000"]),
       st.sampled_from(["、", "，", ";", "/"]))
def test_a_name_spaced_out_to_line_up_comes_back_whole(names, pad, sep):
    """Each two-character name padded as clerks do (张␣␣三), names joined by a real separator: all come back."""
    cell = sep.join(pad.join(n) if len(n) == 2 else n for n in names)
    assert ln.split_names(cell) == names


def test_padded_names_are_imported_as_one_party_and_one_mediator(empty_install, director, tmp_path: Path):
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "受理日期", "申请人", "被申请人", "纠纷类型", "涉及金额（元）", "调解结果", "调解员", "结案日期"])
    ws.append([1, "2023.4.1", "张  三", "欧阳明明", "邻里", "一万二", "调解成功", "王  五", "2023.4.2"])
    ws.append([2, "2023.4.3", "李\u3000四", "王 五", "邻里", "两万五", "调解未成功", "王建国", "2023.4.9"])
    path = tmp_path / "姓名对齐.xlsx"
    wb.save(path)
    apply_import(empty_install, director, plan_import(empty_install, read_sheet(path), today=TODAY), today=TODAY)
    with empty_install.read_session() as s:
        cases = s.scalars(select(Case).options(selectinload(Case.parties)).order_by(Case.accepted_on)).all()
        got = [([p.name for p in c.parties], c.mediator_name, c.amount_involved, c.status) for c in cases]
    assert got == [(["张三", "欧阳明明"], "王五", Decimal("12000.00"), CaseStatus.AGREED),
                   (["李四", "王五"], "王建国", Decimal("25000.00"), CaseStatus.FAILED)]


def test_a_phone_number_in_a_name_cell_refuses_its_row_naming_it(empty_install, tmp_path: Path):
    path = tmp_path / "l.csv"
    path.write_bytes("受理日期,申请人,被申请人,纠纷类型\r\n2024-06-06,张三,+86 13800001234,其他\r\n".encode())
    row = plan_import(empty_install, read_sheet(path), today=TODAY).rows[0]
    assert row.status == "error"
    assert row.messages() == ["“被申请人”里的“+86 13800001234”是电话号码，不是当事人的姓名；请在这一格写当事人姓名，"
                              "电话号码写到备注里，这一行没有导入。"]
