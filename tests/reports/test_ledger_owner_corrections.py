"""Whose ledger it is (neither a township nor another village books a village's ledger as its own without being told),
and a corrected
ledger imported again (the rows that differ from the cases here say how, nothing is changed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cli_runner import run
from openpyxl import Workbook
from sqlalchemy import func, select
from sync_helpers import new_installation

from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.reports.ledger_import import apply_import, plan_import, read_sheet
from mediation_desktop.reports.ledger_owner import units_named
from mediation_desktop.storage.models import Case

TODAY = dt.date(2026, 11, 22)
HEADER = ["序号", "受理日期", "申请人", "被申请人", "纠纷类型", "涉及金额（元）", "调解结果", "结案日期"]


def _ledger(path: Path, title: str | None, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append([title])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _count(db) -> int:
    with db.read_session() as s:
        return int(s.scalar(select(func.count()).select_from(Case)) or 0)


@pytest.mark.parametrize("title,units", [("石桥村2022年人民调解台账", ["石桥村"]), ("青山镇石桥村2022年台账", ["石桥村"]),
                                         ("东城街道幸福社区2023年台账", ["幸福社区"]), ("青山镇人民调解委员会2023年台账", []),
                                         ("青山镇农村矛盾纠纷台账", []), ("各村调解情况汇总", [])])
def test_the_committee_a_title_names(title, units):
    assert units_named(title) == units


def test_a_township_refuses_a_villages_ledger_unless_told_it_is_its_own(tmp_path: Path):
    town = new_installation(tmp_path / "town", "town", "330102", "石桥镇人民调解委员会", "township", "330100")
    path = _ledger(tmp_path / "石桥村2022台账.xlsx", "石桥村2022年人民调解台账",
                   [[1, "2022.3.4", "柏一", "水二", "邻里", 800, "调解成功", "2022.3.6"]])
    with pytest.raises(MediationError) as err:
        plan_import(town.db, read_sheet(path), today=TODAY)
    assert err.value.key == "ledger.other_committee"
    text = tr(err.value.key, "zh", **err.value.params)
    assert "石桥村" in text and "石桥村的电脑上导入" in text and "--own-ledger" in text and "\n" not in text
    assert _count(town.db) == 0
    plan = plan_import(town.db, read_sheet(path), today=TODAY, own_ledger=True)
    assert apply_import(town.db, town.actor, plan, today=TODAY).added == 1
    own = _ledger(tmp_path / "镇台账.xlsx", "石桥镇人民调解委员会2023年台账",
                  [[1, "2023.3.4", "柏三", "水四", "邻里", 800, "调解成功", "2023.3.6"]])
    assert plan_import(town.db, read_sheet(own), today=TODAY).count("new") == 1  # its own ledger: as before
    town.db.dispose()


def test_a_village_refuses_another_villages_ledger_unless_told_it_is_its_own(tmp_path: Path):
    """东河村 importing 石桥村's ledger would book 石桥村's cases as its own (and the township would count them twice)."""
    village = new_installation(tmp_path / "donghe", "donghe", "330102002", "东河村人民调解委员会", "village", "330102")
    path = _ledger(tmp_path / "石桥村2022台账.xlsx", "石桥村2022年人民调解台账",
                   [[1, "2022.3.4", "柏一", "水二", "邻里", 800, "调解成功", "2022.3.6"]])
    with pytest.raises(MediationError) as err:
        plan_import(village.db, read_sheet(path), today=TODAY)
    assert err.value.key == "ledger.other_committee"
    text = tr(err.value.key, "zh", **err.value.params)
    assert "石桥村" in text and "东河村人民调解委员会" in text and "--own-ledger" in text and "\n" not in text
    assert _count(village.db) == 0
    plan = plan_import(village.db, read_sheet(path), today=TODAY, own_ledger=True)
    assert apply_import(village.db, village.actor, plan, today=TODAY).added == 1
    own = _ledger(tmp_path / "东河村台账.xlsx", "青山镇东河村2023年人民调解台账",
                  [[1, "2023.3.4", "柏三", "水四", "邻里", 800, "调解成功", "2023.3.6"]])
    assert plan_import(village.db, read_sheet(own), today=TODAY).count("new") == 1  # its own ledger: as before
    village.db.dispose()


@pytest.mark.parametrize("level,org_name,parent", [("township", "石桥镇人民调解委员会", "330100"),
                                                   ("village", "东河村人民调解委员会", "330102")])
def test_the_command_refuses_another_committees_ledger_in_one_line(tmp_path: Path, level, org_name, parent):
    data = tmp_path / level
    code = "330102" if level == "township" else "330102002"
    init = ("init", "--org-code", code, "--org-name", org_name, "--level", level,
            "--parent-code", parent, "--admin", "admin", "--password-stdin")
    assert run(data, *init, stdin="secret123\n").returncode == 0
    path = _ledger(tmp_path / "石桥村2022台账.xlsx", "石桥村2022年人民调解台账",
                   [[1, "2022.3.4", "柏一", "水二", "邻里", 800, "调解成功", "2022.3.6"]])
    r = run(data, "ledger", "import", str(path))
    assert r.returncode != 0 and "石桥村的电脑上导入" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = run(data, "ledger", "import", str(path), "--own-ledger")
    assert r.returncode == 0, r.stderr
    assert "已导入 1 件案件" in r.stdout


def test_a_corrected_row_imported_again_says_what_differs_and_changes_nothing(empty_install, director, tmp_path):
    first = _ledger(tmp_path / "a.xlsx", None, [[1, "2025年2月10日", "曹八", "严九", "损害赔偿", 2500, "调解成功",
                                                 "2025年2月20日"],
                                                [2, "2025.3.3", "华十", "金一", "其他", 800, "调解成功", "2025.3.9"]])
    apply_import(empty_install, director, plan_import(empty_install, read_sheet(first), today=TODAY), today=TODAY)
    with empty_install.read_session() as s:
        before = s.execute(select(Case.case_no, Case.status, Case.amount_involved, Case.closed_on)
                           .order_by(Case.case_no)).all()
    fixed = _ledger(tmp_path / "b.xlsx", None, [[1, "2025年2月10日", "曹八", "严九", "损害赔偿", 3000, "调解未成功",
                                                 "2025年2月21日"],
                                                [2, "2025.3.3", "华十", "金一", "其他", 800, "调解成功", "2025.3.9"]])
    plan = plan_import(empty_install, read_sheet(fixed), today=TODAY)
    assert [r.status for r in plan.rows] == ["duplicate", "duplicate"]
    changed, same = (r.messages()[0] for r in plan.rows)
    case_no = before[0].case_no
    assert changed == (f"案件 {case_no} 已经在本机，不再导入，本机的案件没有改动；但台账与本机记的不同："
                       "“调解结果”本机：调解成功 / 台账：调解不成；“涉及金额（元）”本机：2500.00 / 台账：3000.00；"
                       f"“结案日期”本机：2025-02-20 / 台账：2025-02-21。如台账是改正过的，请在本机打开案件 {case_no} 手工改正。")
    assert same.endswith("已经在本机，不再导入。")
    # the English window says it in English: how it differs too, not only the sentence around it
    assert plan.rows[0].messages("en")[0] == (
        f"Case {case_no} is already here and is not imported again; nothing here was changed. But the ledger says "
        "otherwise: 调解结果 here: Settled / in the ledger: Not settled; 涉及金额（元） here: 2500.00 / in the ledger: "
        f"3000.00; 结案日期 here: 2025-02-20 / in the ledger: 2025-02-21. If the ledger is the corrected one, open case "
        f"{case_no} here and correct it by hand.")
    with pytest.raises(MediationError):
        apply_import(empty_install, director, plan, today=TODAY)
    with empty_install.read_session() as s:
        assert s.execute(select(Case.case_no, Case.status, Case.amount_involved, Case.closed_on)
                         .order_by(Case.case_no)).all() == before
