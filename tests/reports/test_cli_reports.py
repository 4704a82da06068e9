"""The issue's report and ledger commands, run as a real process."""

from __future__ import annotations

import io
import json
from pathlib import Path

from cli_runner import INIT, run
from openpyxl import load_workbook
from pypdf import PdfReader


def test_report_and_ledger_commands(tmp_path: Path):
    data, fresh = tmp_path / "data", tmp_path / "fresh"
    assert run(data, *INIT, stdin="secret123\n").returncode == 0
    assert run(data, "demo", "--cases", "80", "--seed", "5").returncode == 0
    cases = json.loads(run(data, "cases", "--json").stdout)
    year = max(c["accepted_on"][:4] for c in cases if c["accepted_on"])
    in_year = [c for c in cases if (c["accepted_on"] or "").startswith(year)]

    r = run(data, "report", "--period", year, "--format", "json", "--out", "-")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    figures = {f["key"]: f for f in report["figures"]}
    assert figures["cases"]["values"]["total"] == len(in_year)
    assert report["basis"] == "accepted" and report["period"]["start"] == f"{year}-01-01"
    r = run(data, "report", "--period", f"{year}-Q2", "--by", "closed", "--format", "json", "--out", "-")
    assert json.loads(r.stdout)["basis_label"] == "按结案日期统计"

    xlsx, pdf = tmp_path / "r.xlsx", tmp_path / "r.pdf"
    r = run(data, "report", "--period", year, "--format", "xlsx", "--out", str(xlsx))
    assert r.returncode == 0 and "已生成" in r.stdout, r.stderr
    ws = load_workbook(xlsx)["统计表"]
    assert ws.cell(row=4, column=4).value == len(in_year)
    r = run(data, "report", "--period", year, "--out", str(pdf))  # the format from the file name
    assert r.returncode == 0, r.stderr
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "人民调解工作统计表" in text and "按受理日期统计" in text

    r = run(data, "report", "--period", "2026-Q5", "--out", str(pdf))
    assert r.returncode == 1 and "看不懂" in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1

    ledger = tmp_path / "台账.xlsx"
    r = run(data, "ledger", "export", "--out", str(ledger))
    assert r.returncode == 0 and str(len(cases)) in r.stdout, r.stderr
    r = run(data, "ledger", "export", "--out", str(tmp_path / "台账.doc"))
    assert r.returncode == 1 and ".xlsx" in r.stderr

    assert run(fresh, *INIT, stdin="secret123\n").returncode == 0
    r = run(fresh, "ledger", "import", str(ledger), "--dry-run", "--json")
    assert r.returncode == 0, r.stderr
    checked = json.loads(r.stdout)
    assert checked["new"] == len(cases) and checked["errors"] == 0 and checked["added"] == 0
    assert json.loads(run(fresh, "cases", "--json").stdout) == []
    r = run(fresh, "ledger", "import", str(ledger))
    assert r.returncode == 0 and f"已导入 {len(cases)} 件" in r.stdout, r.stderr
    r = run(fresh, "ledger", "import", str(ledger))
    assert "已导入 0 件" in r.stdout and f"{len(cases)} 行已经导入过" in r.stdout
    again = json.loads(run(fresh, "cases", "--json").stdout)
    assert sorted(c["case_no"] for c in again) == sorted(c["case_no"] for c in cases)

    bad = tmp_path / "bad.csv"
    bad.write_text("受理日期,申请人,纠纷类型\n2026-02-30,张三,邻里\n", encoding="utf-8")
    r = run(fresh, "ledger", "import", str(bad))
    assert r.returncode == 1
    assert "第 2 行" in r.stderr and "2026-02-30" in r.stderr
    assert run(fresh, "ledger", "import", str(bad), "--dry-run").returncode == 1
    r = run(fresh, "ledger", "import", str(tmp_path / "没有.xlsx"))
    assert r.returncode == 1 and r.stderr.strip().splitlines() == [f"找不到台账文件“{tmp_path / '没有.xlsx'}”。"]
