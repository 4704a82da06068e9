"""An old ledger brought in as it was written: a row entered twice is one case, the 调解结果's words about
performance are read (已履行 is performed, never 履行中), a word not understood is named, and every refused row's
line ends the same way."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from cli_runner import INIT, run
from openpyxl import Workbook
from sqlalchemy import select

from mediation_desktop.domain.enums import Performance
from mediation_desktop.domain.lifecycle import CaseStatus
from mediation_desktop.reports import statistics
from mediation_desktop.reports.ledger_import import apply_import, plan_import, read_sheet
from mediation_desktop.reports.periods import parse_period
from mediation_desktop.storage.models import Agreement, Case

TODAY = dt.date(2026, 12, 6)
HEADER = ["序号", "受理时间", "申请人", "被申请人", "纠纷类别", "纠纷简要情况", "涉及金额", "调解结果", "协议形式", "结案时间",
          "调解员", "备注"]


def _xlsx(path: Path, *rows: list[Any]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "2024年"
    ws.append(["石桥村2024年矛盾纠纷调解台账"])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _twice(path: Path) -> Path:
    return _xlsx(path,
                 [1, "2024.6.1", "秦癸", "尤子", "劳动争议", "欠薪", "156,000.00", "调解成功", "书面", "2024.6.15", "王调解",
                  ""],
                 [2, "2024.6.1", "秦癸", "尤子", "劳动争议", "欠薪", "156,000.00", "调解成功", "书面", "2024.6.15", "王调解",
                  "重复录入"],
                 [3, "2024.6.1", "秦癸", "尤子", "劳动争议", "社保补缴", "2,000", "调解成功", "书面", "2024.6.20", "王调解",
                  ""])


def test_a_row_entered_twice_in_one_file_is_one_case_and_its_amount_counted_once(empty_install, director, tmp_path):
    plan = plan_import(empty_install, read_sheet(_twice(tmp_path / "台账.xlsx")), today=TODAY)
    # the rows are on lines 3–5; the third is another dispute of that day between the same parties: a case of its own
    assert [r.status for r in plan.rows] == ["new", "duplicate", "new"]
    (message,) = plan.rows[1].messages()
    assert message.startswith("与第 3 行相同") and message.endswith("没有导入。")
    assert "“备注”（“重复录入”）" in message and "“序号”（“2”）" in message
    (english,) = plan.rows[1].messages("en")  # the English window: the cells named in English too
    assert english == "The same as row 3 (the same case; only 序号 ('2'), 备注 ('重复录入') differ); not imported."
    assert apply_import(empty_install, director, plan, today=TODAY).added == 2
    with empty_install.read_session() as s:
        assert sorted(s.scalars(select(Case.amount_involved))) == [Decimal("2000.00"), Decimal("156000.00")]
    report = statistics.compute(empty_install, parse_period("2024"))
    assert report.values["total"]["amount"] == Decimal("158000.00")
    assert report.values["total"]["cases"] == 2
    # imported again: every row is here already, nothing added
    again = plan_import(empty_install, read_sheet(tmp_path / "台账.xlsx"), today=TODAY)
    assert [r.status for r in again.rows] == ["duplicate"] * 3


def test_the_dry_run_names_the_row_entered_twice(tmp_path):
    fresh = tmp_path / "fresh"
    assert run(fresh, *INIT, stdin="secret123\n").returncode == 0
    path = _twice(tmp_path / "台账.xlsx")
    r = run(fresh, "ledger", "import", str(path), "--dry-run")
    assert r.returncode == 0, r.stderr
    assert "第 4 行：与第 3 行相同" in r.stdout and "可导入 2 件" in r.stdout
    data = json.loads(run(fresh, "ledger", "import", str(path), "--dry-run", "--json").stdout)
    assert data["new"] == 2 and data["rows"][1]["message_keys"] == ["ledger.row.same_case_in_file"]


def _cases(db) -> dict[str, tuple[CaseStatus, Performance | None, dt.date | None, dict[str, Any]]]:
    with db.read_session() as s:
        out = {}
        for case in s.scalars(select(Case)):
            perf = s.scalar(select(Agreement.performance).where(Agreement.case_id == case.id))
            out[case.summary] = (case.status, perf, case.closed_on, case.extra)
        return out


def test_the_outcome_cell_says_how_far_the_agreement_was_performed(empty_install, director, tmp_path):
    path = _xlsx(tmp_path / "履行.xlsx",
                 [1, "2024.6.1", "甲一", "乙一", "劳动争议", "欠薪", "156,000", "调解成功，已履行", "书面", "2024.6.15",
                  "王调解", ""],
                 [2, "2024.6.2", "甲二", "乙二", "邻里", "排水", "", "成功", "口头", "2024.6.3", "王调解", ""],
                 [3, "2024.6.4", "甲三", "乙三", "邻里", "鸡吃菜", "", "调解成功，部分履行", "口头", "2024.6.5", "王调解", ""],
                 [4, "2024.6.6", "甲四", "乙四", "邻里", "树枝", "", "调解成功，握手言和", "口头", "2024.6.7", "王调解", ""],
                 [5, "2024.6.8", "甲五", "乙五", "邻里", "鸭子", "", "达成协议、履行完毕", "书面", "2024.6.9", "王调解", ""],
                 [6, "2024.6.9", "甲六", "乙六", "邻里", "猪圈", "", "调解成功，未履行", "书面", "2024.6.10", "王调解", ""])
    plan = plan_import(empty_install, read_sheet(path), today=TODAY)
    assert [r.status for r in plan.rows] == ["new"] * 6
    notes = {r.parsed.summary: r.notes() for r in plan.rows if r.parsed}
    assert notes["欠薪"] == [] and notes["鸡吃菜"] == []
    assert [n for n in notes["排水"] if "没有写履行情况" in n and "达成协议（履行中）" in n]
    assert [n for n in notes["树枝"] if "“握手言和”没有读懂" in n]
    assert plan.rows[0].as_json()["values"]["performance"] == "done"
    apply_import(empty_install, director, plan, today=TODAY)
    cases = _cases(empty_install)
    assert cases["欠薪"][:3] == (CaseStatus.PERFORMED, Performance.DONE, dt.date(2024, 6, 15))
    assert cases["鸭子"][:3] == (CaseStatus.PERFORMED, Performance.DONE, dt.date(2024, 6, 9))
    assert cases["排水"][:2] == (CaseStatus.AGREED, Performance.UNRECORDED)
    assert cases["鸡吃菜"][:2] == (CaseStatus.AGREED, Performance.PARTIAL)
    assert cases["猪圈"][:2] == (CaseStatus.AGREED, Performance.NOT_DONE)
    assert cases["树枝"][:2] == (CaseStatus.AGREED, Performance.UNRECORDED)
    assert "调解成功，握手言和" in cases["树枝"][3]["ledger_note"]  # the cell kept with the case, as written
    report = statistics.compute(empty_install, parse_period("2024"))
    total = report.values["total"]
    assert (total["perf:done"], total["perf:partial"], total["perf:not_done"]) == (2, 1, 1)


def test_every_refused_row_says_it_was_not_imported(empty_install, tmp_path):
    path = _xlsx(tmp_path / "错误.xlsx",
                 [1, "2024/13/5", "周九", "吴十", "邻里", "鸡吃菜", "200", "成功", "口头", "2024/3/9", "王调解", ""],
                 [2, "2024.4.1", "郑甲", "冯乙", "损害赔偿", "狗咬人", "约2000元", "成功", "书面", "2024.4.2", "王调解", ""],
                 [3, "2024.5.10", "", "朱壬", "邻里", "无申请人", "100", "成功", "口头", "2024.5.10", "王调解", ""],
                 [4, "2024.6.3", "许丑", "何寅", "道路交通事故", "相撞", "-500", "成功", "书面", "2024.6.2", "王调解", ""],
                 [5, "2024.6.4", "甲", "乙", "邻里", "事", "", "握手言和", "", "", "王调解", ""])
    plan = plan_import(empty_install, read_sheet(path), today=TODAY)
    assert [r.status for r in plan.rows] == ["error"] * 5
    lines = [m for r in plan.rows for m in r.messages()]
    assert len(lines) == 6  # (row 4: its amount and its closing day)
    assert all(m.endswith("，这一行没有导入。") and m.count("没有导入") == 1 for m in lines), lines
    assert all(m.endswith("; the row is not imported.") for r in plan.rows for m in r.messages("en"))
