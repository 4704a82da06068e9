"""A merged range of a ledger (an old Excel 97-2003 台账 or an .xlsx) is read as its one value: the title merged over
A1:I1 is one title, a cell merged over two columns is one cell, a cell merged down gives each row its value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import village_ledger as vl
from cli_runner import INIT, run

from mediation_desktop.reports.ledger_import import read_sheet

TOWN = ("init", "--org-code", "330102", "--org-name", "石桥镇人民调解委员会", "--level", "township",
        "--parent-code", "330100", "--admin", "admin", "--password-stdin")


@pytest.fixture(params=["xls", "xlsx"])
def ledger(request, tmp_path: Path) -> Path:
    return vl.MERGED_XLS if request.param == "xls" else vl.write_merged_xlsx(tmp_path / "石桥村2024台账.xlsx")


def test_a_merged_title_is_one_title_and_a_merged_cell_one_value(ledger):
    sheet = read_sheet(ledger)
    assert sheet.title == vl.MERGED_TITLE and sheet.year == 2024
    assert sheet.rows[0] == [vl.MERGED_TITLE] + [None] * 8
    assert sheet.header_row == 1 and sheet.headers[5:7] == ["纠纷简要情况", "第7列"]
    assert [row[5:7] for _, row in sheet.data_rows()] == [["排水沟堵塞", None], ["院墙越界", None], ["赡养费", None]]
    assert [row[8] for _, row in sheet.data_rows()] == ["李桂芳", "李桂芳", "周明"]  # (merged down: each row's)


def test_a_township_refusing_the_ledger_names_its_title_once(ledger, tmp_path: Path):
    data = tmp_path / "town"
    assert run(data, *TOWN, stdin="secret123\n").returncode == 0
    r = run(data, "ledger", "import", str(ledger), "--dry-run")
    assert r.returncode != 0 and r.stderr.count(vl.MERGED_TITLE) == 1, r.stderr


def test_the_villages_import_reads_each_merged_cell_once(ledger, tmp_path: Path):
    data = tmp_path / "village"
    assert run(data, *INIT, stdin="secret123\n").returncode == 0
    r = run(data, "ledger", "import", str(ledger), "--dry-run", "--json")
    assert r.returncode == 0, r.stderr
    plan = json.loads(r.stdout)
    assert plan["new"] == 3 and plan["errors"] == 0
    assert not [x["text"] for x in plan["remarks"] if x["key"] == "ledger.unmapped"]  # (no copy of 纠纷简要情况 unread)
    assert [x["header"] for x in plan["columns"]].count("纠纷简要情况") == 1
    assert [x["cells"]["summary"] for x in plan["rows"]] == ["排水沟堵塞", "院墙越界", "赡养费"]
    assert not any(vl.MERGED_TITLE in json.dumps(x, ensure_ascii=False) for x in plan["rows"])
