"""The ledger: export → import round trip, a messy village ledger, duplicates, one transaction."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from mediation_desktop.errors import MediationError
from mediation_desktop.reports import statistics
from mediation_desktop.reports.figures import FIGURES
from mediation_desktop.reports.ledger import ledger_csv, ledger_rows
from mediation_desktop.reports.ledger_import import apply_import, plan_import, read_sheet
from mediation_desktop.reports.periods import parse_period
from mediation_desktop.reports.xlsx import ledger_xlsx
from mediation_desktop.services.search import search_case_ids
from mediation_desktop.storage.models import AuditEntry, Case, Party

#: the day the dataset is seen from: it holds cases up to 2027-01-01, each registered as of its own day
AS_OF = dt.date(2027, 1, 1)


def _cases(db) -> int:
    with db.read_session() as s:
        return int(s.scalar(select(func.count()).select_from(Case)) or 0)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_export_then_import_into_an_empty_installation_gives_the_same_cases(dataset, empty_install, director,
                                                                             tmp_path, kind):
    rows = ledger_rows(dataset.db)
    path = tmp_path / f"ledger.{kind}"
    path.write_bytes(ledger_xlsx(rows) if kind == "xlsx" else ledger_csv(rows))
    plan = plan_import(empty_install, read_sheet(path), today=AS_OF)
    assert [r.messages() for r in plan.rows if r.status != "new"] == []
    result = apply_import(empty_install, director, plan)
    assert result.added == len(rows) == _cases(empty_install)
    assert ledger_rows(empty_install) == rows
    for spec in ("2026", "2026-Q3"):
        a = statistics.compute(dataset.db, parse_period(spec))
        b = statistics.compute(empty_install, parse_period(spec))
        for f in FIGURES:
            if f.key != "conf:applied":  # the ledger carries the confirmation, not the application date
                assert a.value(f.key) == b.value(f.key), (spec, f.key)
    # importing the same file again adds nothing
    again = plan_import(empty_install, read_sheet(path), today=AS_OF)
    assert again.count("new") == 0 and again.count("duplicate") == len(rows)
    assert all("已经在本机" in r.messages()[0] for r in again.rows)
    with pytest.raises(MediationError) as err:
        apply_import(empty_install, director, again)
    assert err.value.key == "ledger.nothing_to_import"
    assert _cases(empty_install) == len(rows)


def _messy(path: Path) -> None:
    """A village ledger as people keep it: title row, merged cells, blank rows, text dates, 生僻字."""
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "石桥村人民调解台账（2025年）"
    ws.merge_cells("A1:J1")
    ws.append([])
    ws.append(["序号", "受理时间", "当事人", "纠纷类别", "简要案情", "涉及金额(元)", "调解结果", "调解人", "回访情况",
               "结案时间"])
    ws.append([1, "２０２５年３月５日", "𠮷田与郑㛃", "邻里纠纷", "菜地界限", "１，２００元", "调解成功", "陈喆", "2025.4.1",
               "2025-03-20"])
    ws.append([2, "2025.3.8", "冯䶮、刘堃", None, "借款", "1.5万", "调解不成", "陈喆", None, "2025/3/30"])
    ws.merge_cells("D4:D5")  # one 纠纷类别 cell for two cases
    ws.append([])
    ws.append([3, dt.datetime(2025, 4, 2, 23, 59), "周昇", "婚姻家庭", "赡养", 3000, "调解中", "王建国", None, None])
    ws.append([4, "2025/13/45", "吴珺", "邻里", "", None, None, None, None, None])
    ws.append([5, 45390, "单雄", "外星人纠纷", "", None, None, None, None, None])
    ws.append([6, "二〇二五年五月一日", "曾瑞", "劳资纠纷", "", "很多", None, None, None, None])
    ws.append([7, "2025-05-02", None, "邻里", "无名", None, None, None, None, None])
    ws.append([8, "2025-05-03", "解敏", "其他", "", None, "成功", None, None, "2025-05-01"])
    ws.append(["合计", None, None, None, None, None, None, None, None, None])
    wb.save(path)


def test_a_messy_village_ledger_imports_with_clear_row_messages(empty_install, director, tmp_path):
    path = tmp_path / "石桥村台账.xlsx"
    _messy(path)
    sheet = read_sheet(path)
    assert sheet.header_row == 2
    plan = plan_import(empty_install, sheet, today=dt.date(2026, 11, 22))
    by_line = {r.line: r for r in plan.rows}
    assert sorted(by_line) == [4, 5, 7, 8, 9, 10, 11, 12]  # blank rows and the 合计 row are not cases
    assert [r.line for r in plan.rows if r.status == "new"] == [4, 5, 7, 9]
    assert "不是有效日期" in by_line[8].messages()[0] and "2025/13/45" in by_line[8].messages()[0]
    # a word of the village's own is helped, not refused: counted as 其他, the word kept, a mapping offered
    assert "外星人纠纷" in by_line[9].notes()[0] and "不在类型表中" in by_line[9].notes()[0]
    assert by_line[9].parsed.category == "other" and by_line[9].parsed.category_word == "外星人纠纷"
    assert "很多" in by_line[10].messages()[0]
    assert "当事人" in by_line[11].messages()[0] and "不能为空" in by_line[11].messages()[0]  # the file's own header
    assert "早于受理日期" in by_line[12].messages()[0]
    assert _cases(empty_install) == 0  # nothing until the user confirms
    first = by_line[4].parsed
    assert first is not None and first.accepted_on == dt.date(2025, 3, 5)
    assert [n for _, n in first.parties] == ["𠮷田", "郑㛃"]
    assert str(first.amount) == "1200.00" and first.category == "neighbour"
    assert by_line[5].parsed.category == "neighbour" and str(by_line[5].parsed.amount) == "15000.00"
    assert by_line[7].parsed.accepted_on == dt.date(2025, 4, 2)

    result = apply_import(empty_install, director, plan, today=dt.date(2026, 11, 22))
    assert result.added == 4 and result.errors == 4
    with empty_install.read_session() as s:
        names = set(s.scalars(select(Party.name)))
        assert {"𠮷田", "郑㛃", "冯䶮", "刘堃", "周昇"} <= names
        audited = s.scalar(select(func.count()).select_from(AuditEntry)
                           .where(AuditEntry.action == "ledger.import/create"))
        assert audited and audited >= 4 + 5  # every case and party row
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "ledger.import")) == 1
    assert len(search_case_ids(empty_install, "𠮷田")) == 1
    report = statistics.compute(empty_install, parse_period("2025"))
    assert report.value("cases") == 3 and report.value("out:success") == 1 and report.value("out:failed") == 1
    assert report.value("fu:visits") == 1

    again = plan_import(empty_install, read_sheet(path))
    assert again.count("new") == 0 and again.count("duplicate") == 4


def test_other_column_orders_need_a_mapping(empty_install, director, tmp_path):
    path = tmp_path / "no-header.csv"
    path.write_bytes("陈喆,2026-02-03,邻里,张三,李四\r\n陈喆,2026-02-04,合同,王五,\r\n".encode("gb18030"))
    sheet = read_sheet(path)
    assert sheet.header_row is None
    with pytest.raises(MediationError) as err:
        plan_import(empty_install, sheet)
    assert err.value.key == "ledger.no_header"
    mapping = {"mediator": 0, "accepted_on": 1, "category": 2, "applicants": 3, "respondents": 4}
    with pytest.raises(MediationError) as err:
        plan_import(empty_install, sheet, {**mapping, "summary": 3})
    assert err.value.key == "ledger.mapping"
    with pytest.raises(MediationError) as err:
        plan_import(empty_install, sheet, {"accepted_on": 1, "category": 2})
    assert err.value.key == "ledger.missing_column" and "申请人" in str(err.value)
    plan = plan_import(empty_install, sheet, mapping)
    assert plan.count("new") == 2
    apply_import(empty_install, director, plan)
    rows = ledger_rows(empty_install)
    assert [(r["applicants"], r["respondents"], r["mediator"]) for r in rows] == [("张三", "李四", "陈喆"),
                                                                                  ("王五", "", "陈喆")]
    assert rows[0]["case_no"]  # a row without a number gets the next one of its year


def test_the_import_is_one_transaction(empty_install, director, tmp_path, monkeypatch):
    from mediation_desktop.services import search

    path = tmp_path / "l.csv"
    path.write_bytes("受理日期,申请人,纠纷类型\r\n2026-01-05,张三,邻里\r\n2026-01-06,李四,合同\r\n".encode())
    plan = plan_import(empty_install, read_sheet(path))

    def broken(*_a, **_k):
        raise RuntimeError("power cut")

    monkeypatch.setattr(search, "index_cases", broken)
    with pytest.raises(RuntimeError):
        apply_import(empty_install, director, plan)
    assert _cases(empty_install) == 0
    with empty_install.read_session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)
                        .where(AuditEntry.action.like("ledger.import%"))) == 0


def test_a_stop_at_any_progress_step_writes_nothing(empty_install, director, tmp_path):
    path = tmp_path / "l.csv"
    lines = "".join(f"2026-01-{1 + i % 28:02d},张{i},邻里\r\n" for i in range(450))
    path.write_bytes(("受理日期,申请人,纠纷类型\r\n" + lines).encode())
    plan = plan_import(empty_install, read_sheet(path))
    calls: list[tuple[int, int]] = []

    def stop_at(k):
        def progress(done, total):
            calls.append((done, total))
            if len(calls) == k:
                raise InterruptedError
        return progress

    with pytest.raises(InterruptedError):  # at the last point: everything made, not committed
        apply_import(empty_install, director, plan, progress=stop_at(4))
    assert calls == [(0, 451), (200, 451), (400, 451), (451, 451)]
    assert _cases(empty_install) == 0
    for k in (1, 2, 3):
        calls.clear()
        with pytest.raises(InterruptedError):
            apply_import(empty_install, director, plan, progress=stop_at(k))
        assert _cases(empty_install) == 0
    calls.clear()
    result = apply_import(empty_install, director, plan, progress=stop_at(0))
    assert result.added == 450 == _cases(empty_install)


def test_a_clerk_cannot_import(empty_install, tmp_path):
    from mediation_desktop.domain.enums import Role
    from mediation_desktop.services.accounts import Actor

    path = tmp_path / "l.csv"
    path.write_bytes("受理日期,申请人,纠纷类型\r\n2026-01-05,张三,邻里\r\n".encode())
    plan = plan_import(empty_install, read_sheet(path))
    with pytest.raises(MediationError) as err:
        apply_import(empty_install, Actor("clerk", "司法所", Role.CLERK), plan)
    assert err.value.key == "account.read_only_role"


def test_unreadable_and_foreign_files(empty_install, tmp_path):
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(MediationError) as err:
        read_sheet(bad)
    assert err.value.key == "ledger.unreadable"
    with pytest.raises(MediationError) as err:
        read_sheet(tmp_path / "ledger.doc")
    assert err.value.key == "ledger.file_kind"
    with pytest.raises(MediationError) as err:
        read_sheet(tmp_path / "没有这个台账.xlsx")
    assert err.value.key == "ledger.not_found" and "找不到" in str(err.value)
