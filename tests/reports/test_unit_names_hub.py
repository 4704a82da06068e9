"""A hub's report names its committees: 石桥村, not 330102001 — in the report, the PDF, the Excel and the JSON.

The township 石桥镇司法所 (330102) imports the bundles of 石桥村 (330102001) and 东山村 (330102002); their names
come with their key records (``sync_peer``). A case of a committee whose key the hub never saw (330102009)
keeps its code. The code stays beside every name: the county may want it.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sync_helpers import Inst, add_case_of_unknown_committee, new_installation

from mediation_desktop.cli import main
from mediation_desktop.reports import statistics
from mediation_desktop.reports.pdf import statistics_pdf
from mediation_desktop.reports.periods import parse_period
from mediation_desktop.reports.xlsx import statistics_xlsx
from mediation_desktop.services.queries import committee_names, filter_choices

TOWN, SHIQIAO, DONGSHAN = "石桥镇司法所", "石桥村人民调解委员会", "东山村人民调解委员会"
UNKNOWN = "330102009"
DAY = dt.date(2026, 3, 2)


def _in(root: Path, name: str, code: str, org_name: str, level: str, parent: str) -> Inst:
    return new_installation(root / name, name, code, org_name, level, parent)


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[Inst]:
    """The township with its own case, 1 case of 石桥村, 2 of 东山村 (by bundle) and 1 of an unknown committee."""
    town = _in(tmp_path, "town", "330102", TOWN, "township", "330100")
    villages = [_in(tmp_path, "shiqiao", "330102001", SHIQIAO, "village", "330102"),
                _in(tmp_path, "dongshan", "330102002", DONGSHAN, "village", "330102")]
    try:
        for n, village in enumerate(villages, start=1):
            for i in range(n):
                village.register(f"张{i}", f"李{i}", day=DAY)
            town.trusts(village)
        summary = town.import_(*(v.export() for v in villages))
        assert summary.total("new") > 0 and summary.total("rejected") == summary.total("conflict") == 0
        town.register("王五", "赵六", day=DAY)
        add_case_of_unknown_committee(town.db, UNKNOWN, DAY)
        yield town
    finally:
        for inst in (town, *villages):
            inst.db.dispose()


def _report(town: Inst, org: str | None = None) -> statistics.Report:
    return statistics.compute(town.db, parse_period("2026"), org_code=org, today=dt.date(2026, 11, 22))


def test_committee_names_include_the_senders_of_bundles(hub):
    with hub.db.read_session() as s:
        names = committee_names(s)
    assert names == {"330102": TOWN, "330102001": SHIQIAO, "330102002": DONGSHAN}


def test_the_case_list_filter_offers_names(hub):
    assert filter_choices(hub.db).villages == [("330102", TOWN), ("330102001", SHIQIAO), ("330102002", DONGSHAN),
                                               (UNKNOWN, UNKNOWN)]


def test_the_report_names_its_units(hub):
    report = _report(hub)
    assert report.units == ["330102", "330102001", "330102002", UNKNOWN]  # still by code: the county's key
    assert report.value("cases", "330102002") == 2 and report.value("cases") == 5
    assert report.unit_names == {"330102": TOWN, "330102001": SHIQIAO, "330102002": DONGSHAN}
    assert [report.unit_short_name(u) for u in report.units] == [TOWN, "石桥村", "东山村", UNKNOWN]
    assert report.unit_name("330102001") == SHIQIAO and report.unit_name(UNKNOWN) == UNKNOWN
    assert report.unit_label("330102002") == f"{DONGSHAN} 330102002" and report.unit_label(UNKNOWN) == UNKNOWN
    one = _report(hub, "330102002")
    assert one.units == [] and one.unit_name("330102002") == DONGSHAN


def test_the_json_report_carries_the_names(hub, capsys, tmp_path):
    assert main(["--data-dir", str(hub.folder), "report", "--period", "2026", "--format", "json", "--out", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["units"] == ["330102", "330102001", "330102002", UNKNOWN, "total"]
    assert data["unit_names"] == {"330102": TOWN, "330102001": SHIQIAO, "330102002": DONGSHAN, UNKNOWN: None}
    assert data["only_org"] is None and data["only_org_name"] is None
    one = _report(hub, "330102001").as_json()
    assert one["only_org"] == "330102001" and one["only_org_name"] == SHIQIAO and one["unit_names"] == {}
    _unknown_or_malformed_org_is_refused(hub, capsys, tmp_path)  # (on the same hub: its set-up is the cost)


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_pdf_heads_each_column_with_the_name_over_the_whole_code(hub):
    text = _pdf_text(statistics_pdf(_report(hub)))
    lines = [line.strip() for line in text.splitlines()]
    for name in ("石桥村", "东山村"):
        assert name in text
    assert SHIQIAO not in text  # the short name in a column head: 人民调解委员会 would wrap into five lines
    for code in ("330102001", "330102002", UNKNOWN):  # a code is never broken over two lines (3301020 / 01)
        assert any(code in line for line in lines), code


def test_the_pdf_of_one_committee_says_which(hub):
    text = "".join(_pdf_text(statistics_pdf(_report(hub, "330102002"))).split())
    assert f"统计范围：{DONGSHAN}（330102002）" in text
    assert "统计范围" not in _pdf_text(statistics_pdf(_report(hub)))


def test_the_xlsx_heads_each_column_with_name_and_code(hub):
    report = _report(hub)
    ws = load_workbook(io.BytesIO(statistics_xlsx(report)))["统计表"]
    assert [c.value for c in ws[3]] == ["类别", "项目", "单位", f"{TOWN}\n330102", "石桥村\n330102001",
                                        "东山村\n330102002", UNKNOWN, "合计"]
    assert ws.cell(row=3, column=5).alignment.wrap_text and ws.row_dimensions[3].height >= 30
    row = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[1] == "纠纷总数")
    assert row[3:] == (1, 1, 2, 1, 5)
    one = load_workbook(io.BytesIO(statistics_xlsx(_report(hub, "330102002"))))["统计表"]
    assert f"统计范围：{DONGSHAN}（330102002）" in one["A2"].value


def _many(count: int, amount: str = "1305767.00") -> statistics.Report:
    """A county-sized report without a database: ``count`` named committees (the last one unnamed)."""
    from decimal import Decimal

    from mediation_desktop.domain.enums import OrgLevel
    from mediation_desktop.reports.figures import FIGURES
    from mediation_desktop.reports.periods import Basis

    units = [f"330102{i:03d}" for i in range(1, count + 1)]
    values = {u: {f.key: (Decimal(amount) if f.measure == "amount" else 7 * i + 3) for f in FIGURES}
              for i, u in enumerate([*units, statistics.TOTAL])}
    names = {u: f"{'东西南北'[i % 4]}{i + 1}村人民调解委员会" for i, u in enumerate(units[:-1])}
    return statistics.Report(parse_period("2026"), Basis.ACCEPTED, "330102", TOWN, OrgLevel.TOWNSHIP,
                             dt.date(2026, 11, 22), units, values, unit_names=names)


@pytest.mark.parametrize("count", [2, 12, 30])
def test_no_name_code_or_number_is_broken_however_many_committees(count):
    """Up to 3 committees upright on one table; more: landscape, in smaller type or in parts (续表)."""
    data = statistics_pdf(_many(count))
    reader = PdfReader(io.BytesIO(data))
    landscape = reader.pages[0].mediabox.width > reader.pages[0].mediabox.height
    assert landscape == (count > 3)
    text = "\n".join(page.extract_text() for page in reader.pages)
    words = {w for line in text.splitlines() for w in line.split()}
    report = _many(count)
    for u in report.units:
        assert u in words, u  # whole, on its own
    for u in report.units[:-1]:
        assert report.unit_short_name(u) in words, u
    assert "1,305,767.00" in words
    parts = text.count("续表")
    assert parts == {2: 0, 12: 1, 30: 4}[count]


def _unknown_or_malformed_org_is_refused(hub, capsys, tmp_path):
    """``report --org`` with a code no committee here has is one line naming those it knows, exit 1, no file —
    never an official-looking report of zeros; a code that is no org code is refused as ``init --org-code`` is."""
    def report(org: str, out: str = "-") -> tuple[int, str, str]:
        code = main(["--data-dir", str(hub.folder), "report", "--period", "2026", "--org", org, "--out", out,
                     "--format", "json" if out == "-" else out.rsplit(".", 1)[-1]])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    for out in ("-", str(tmp_path / "r.pdf"), str(tmp_path / "r.xlsx")):
        code, printed, err = report("999999", out)
        assert (code, printed) == (1, "") and len(err.strip().splitlines()) == 1
        assert "没有机构代码为“999999”的调委会" in err
        assert f"330102 {TOWN}、330102001 {SHIQIAO}、330102002 {DONGSHAN}" in err
    assert not list(tmp_path.glob("r.*"))
    code, printed, err = report("abc")
    assert code == 1 and printed == "" and "机构代码应为 6 到 12 位数字" in err and "“abc”" in err
    code, printed, _ = report("330102001")  # a known committee, and one known only by its cases, still report
    assert code == 0 and json.loads(printed)["only_org_name"] == SHIQIAO
    code, printed, _ = report(UNKNOWN)
    assert code == 0 and json.loads(printed)["only_org"] == UNKNOWN
