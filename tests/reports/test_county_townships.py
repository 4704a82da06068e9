"""A county's report has the township level: one column per township, summing the township's own committee and
its villages' (the parent their key records name), and a township's code as ``--org`` counts those committees,
each in its own column — in the report, its JSON, PDF and Excel, the months and the cases behind a figure.

东阳县 (330100) takes the bundles its two townships forward: 石桥镇 (330102: its own case, 石桥村 2, 河口村 1) and
柳湾镇 (330103: its own case, 柳湾村 3). A case of a committee the county holds no key record of keeps its own
column."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pg_server import backend_params, database_url_for
from pypdf import PdfReader
from sync_helpers import Inst, add_case_of_unknown_committee, new_installation

from mediation_desktop.cli import main
from mediation_desktop.reports import statistics
from mediation_desktop.reports.pdf import statistics_pdf
from mediation_desktop.reports.periods import Basis, parse_period
from mediation_desktop.reports.xlsx import statistics_xlsx
from mediation_desktop.services.queries import township_of

DAY = dt.date(2026, 3, 2)
UNKNOWN = "330199001"
SHIQIAO_ALL = ("330102", "330102001", "330102002")
LIUWAN_ALL = ("330103", "330103001")


@pytest.fixture(scope="module", params=backend_params())
def county(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Inst]:
    """The county (on SQLite, or as a hub on PostgreSQL) with its townships' bundles imported."""
    root = tmp_path_factory.mktemp("county")

    def inst(name: str, code: str, org_name: str, level: str, parent: str | None) -> Inst:
        return new_installation(root / name, name, code, org_name, level, parent)

    county = new_installation(root / "county", "county", "330100", "东阳县司法局", "county", None,
                              database_url_for(request.param))
    towns = {"330102": inst("shiqiao_town", "330102", "石桥镇人民调解委员会", "township", "330100"),
             "330103": inst("liuwan_town", "330103", "柳湾镇人民调解委员会", "township", "330100")}
    villages = [(inst("shiqiao", "330102001", "石桥村人民调解委员会", "village", "330102"), 2),
                (inst("hekou", "330102002", "河口村人民调解委员会", "village", "330102"), 1),
                (inst("liuwan", "330103001", "柳湾村人民调解委员会", "village", "330103"), 3)]
    everyone = [county, *towns.values(), *(v for v, _ in villages)]
    try:
        for village, count in villages:
            town = towns[_code(village)[:6]]
            town.trusts(village)
            village.trusts(town)
            for i in range(count):
                village.register(f"张{i}", f"李{i}", day=DAY)
            town.import_(village.export())
        for n, town in enumerate(towns.values()):
            county.trusts(town)
            town.trusts(county)
            town.register(f"王{n}", f"赵{n}", day=DAY)
            summary = county.import_(town.export())
            assert summary.total("rejected") == summary.total("conflict") == 0
        add_case_of_unknown_committee(county.db, UNKNOWN, DAY)
        yield county
    finally:
        for one in everyone:
            one.db.dispose()


def _code(inst: Inst) -> str:
    from mediation_desktop.sync.keys import own_keys

    return own_keys(inst.db).peer.org_code


def _report(county: Inst, org: str | None = None, **kw) -> statistics.Report:
    return statistics.compute(county.db, parse_period("2026"), org_code=org, today=dt.date(2026, 11, 22), **kw)


def test_villages_sum_into_their_townships_columns(county):
    with county.db.read_session() as s:
        assert township_of(s) == {"330102001": "330102", "330102002": "330102", "330103001": "330103"}
    for use_summary in (True, False):
        report = _report(county, use_summary=use_summary)
        assert report.units == ["330102", "330103", UNKNOWN]
        assert [report.value("cases", u) for u in [*report.units, statistics.TOTAL]] == [4, 4, 1, 9]
        assert [report.value("org:committees", u) for u in report.units] == [3, 2, 1]
        assert report.members == {"330102": SHIQIAO_ALL, "330103": LIUWAN_ALL}
        assert [report.unit_short_name(u) for u in report.units] == ["石桥镇", "柳湾镇", UNKNOWN]
        assert report.committees("330103") == LIUWAN_ALL and report.committees(UNKNOWN) == (UNKNOWN,)
        assert report.committees() is None and report.columns_note.startswith("各乡镇（街道）一栏")
    ids = statistics.case_ids_for(county.db, parse_period("2026"), Basis.ACCEPTED, "cases",
                                  org_code=report.committees("330102"))
    assert len(ids) == 4
    data = report.as_json()
    assert data["units"] == ["330102", "330103", UNKNOWN, "total"]
    assert data["unit_members"] == {"330102": list(SHIQIAO_ALL), "330103": list(LIUWAN_ALL)}


def test_a_townships_code_counts_its_committees_each_in_a_column(county):
    report = _report(county, "330102")
    assert report.units == list(SHIQIAO_ALL) and report.scope == SHIQIAO_ALL and report.members == {}
    assert [report.value("cases", u) for u in [*report.units, statistics.TOTAL]] == [1, 2, 1, 4]
    assert report.value("org:committees") == 3 and report.committees() == SHIQIAO_ALL
    assert sum(n for _, _, n in statistics.month_counts(county.db, parse_period("2026"), org_code="330102")) == 4
    ids = statistics.case_ids_for(county.db, parse_period("2026"), Basis.ACCEPTED, "cases", org_code=report.scope)
    assert len(ids) == 4
    one = _report(county, "330102002")  # a village's code is that committee alone
    assert one.units == [] and one.value("cases") == 1 and one.scope == ("330102002",)


def test_the_pdf_and_the_workbook_say_what_a_townships_column_holds(county):
    report = _report(county)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(statistics_pdf(report))).pages)
    assert "石桥镇" in text and "柳湾镇" in text and "石桥村" not in text
    assert "各乡镇（街道）一栏为该乡镇（街道）及其所属村（居）调委会的合计。" in text.replace("\n", "")
    ws = load_workbook(io.BytesIO(statistics_xlsx(report))).active
    assert "各乡镇（街道）一栏" in ws.cell(row=2, column=1).value
    assert [ws.cell(row=3, column=c).value for c in (4, 5)] == ["石桥镇\n330102", "柳湾镇\n330103"]
    alone = _report(county, "330103")
    assert alone.columns_note == "" and "各乡镇" not in ws.cell(row=2, column=1).value.split("；")[0]


def test_the_command_line_takes_a_townships_code(county, capsys):
    url = ["--database-url", county.db.engine.url.render_as_string(hide_password=False)] \
        if county.db.is_postgresql else []
    code = main(["--data-dir", str(county.folder), *url, "report", "--period", "2026", "--format", "json",
                 "--org", "330103", "--out", "-"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["units"] == [*LIUWAN_ALL, "total"] and data["only_org"] == "330103"
    cases = next(f for f in data["figures"] if f["key"] == "cases")
    assert cases["values"] == {"330103": 1, "330103001": 3, "total": 4}


def test_below_a_county_each_committee_stays_its_own_column(tmp_path: Path):
    town = new_installation(tmp_path / "town", "town", "330102", "石桥镇人民调解委员会", "township", "330100")
    village = new_installation(tmp_path / "v", "v", "330102001", "石桥村人民调解委员会", "village", "330102")
    try:
        town.trusts(village)
        village.register("张三", "李四", day=DAY)
        town.import_(village.export())
        town.register("王五", "赵六", day=DAY)
        with town.db.read_session() as s:
            assert township_of(s) == {}
        report = _report(town)
        assert report.units == ["330102", "330102001"] and report.members == {}
    finally:
        town.db.dispose()
        village.db.dispose()
