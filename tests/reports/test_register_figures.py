"""The figures the published forms add (issue 17): 排查纠纷, 预防纠纷, 件 and 人 of each prevented kind,
「其中3人以上」, committees and mediators (专职 apart), 填报人 — against a plain count, in every format, at a hub."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from report_independent import independent
from report_registers import fill, register_counts
from sync_helpers import new_installation

from mediation_desktop.cli import main
from mediation_desktop.reports import statistics
from mediation_desktop.reports.pdf import statistics_pdf
from mediation_desktop.reports.periods import Basis, parse_period
from mediation_desktop.reports.register_figures import REGISTER_FIGURES
from mediation_desktop.reports.xlsx import statistics_xlsx
from mediation_desktop.services import roster, screenings

DAY = dt.date(2026, 5, 12)
NEW_CASE_FIGURES = ["grp:3plus", "prev:criminal:persons", "prev:petition:persons", "prev:suicide:persons",
                    "prev:fight:persons"]


def check_against_plain_counts(db, org: str) -> statistics.Report:
    period = parse_period("2026-Q2")
    report = statistics.compute(db, period)
    plain = register_counts(db, period.start, period.end).get(org, {})
    for f in REGISTER_FIGURES:
        expected = 1 if f.key == "org:committees" else plain.get(f.key, 0)
        assert report.value(f.key) == expected, f.key
    cases = independent(db, period.start, period.end)
    for key in NEW_CASE_FIGURES:
        ids, value = cases.get(key, (set(), 0))
        assert report.value(key) == value, key
        assert set(statistics.case_ids_for(db, period, Basis.ACCEPTED, key)) == ids, key
    return report


def test_the_new_figures_match_a_plain_count(db, director):
    ids = fill(db, director, DAY)
    report = check_against_plain_counts(db, "330102001")
    # what the records above were made to give (the rules of docs/reports.md, spelled out)
    assert [report.value(k) for k in ("scr:held", "scr:found", "scr:registered", "scr:prevented")] == [3, 3, 1, 2]
    assert [report.value(k) for k in ("org:committees", "org:mediators", "org:full_time")] == [1, 3, 1]
    group = statistics.case_ids_for(db, parse_period("2026-Q2"), Basis.ACCEPTED, "grp:3plus")
    assert set(group) == {ids["three_applicants"], ids["three_respondents"]}
    assert report.value("prev:petition:persons") == 7 and report.value("prev:fight:persons") == 12
    assert report.value("prev:criminal:persons") == report.value("prev:suicide:persons") == 4
    # the year before holds only last year's screening; a village always reports its own committee
    before = statistics.compute(db, parse_period("2025-Q2"))
    assert [before.value(k) for k in ("scr:held", "scr:found", "org:committees", "cases")] == [1, 1, 1, 0]


def test_a_dispute_counts_once_and_a_voided_case_not_at_all(db, director):
    """预防纠纷 and 其中登记为案件 never count one dispute twice, and a case registered by mistake (作废) is not a
    registration — also in data written before (or by a village's older build): a finding both marked and linked,
    one linked to a voided case; a purged case's tombstone still counts as registered."""
    from retention_cases import closed_case

    from mediation_desktop.services import retention
    from mediation_desktop.services.cases import CaseInput, register_case, void_case
    from mediation_desktop.services.parties import PartyInput
    from mediation_desktop.storage.models import Case, ScreeningFinding
    from mediation_desktop.storage.unit_of_work import UnitOfWork

    def new_case(name: str):
        return register_case(db, director, CaseInput("neighbour", [PartyInput(name), PartyInput("李四")]),
                             today=DAY).case_id

    screenings.add_screening(db, director, screenings.ScreeningInput(DAY, "一组", "王建国", findings=[
        screenings.FindingInput(text, prevented=True) for text in ("旧数据两样都记", "登记时化解的", "旧数据已作废",
                                                                   "新作废的", "已清除的", "只是化解")]), today=DAY)
    [view] = screenings.list_screenings(db)
    both, linked, old_void, new_void, purged, _prevented = view.findings
    old = closed_case(db, director, "张三", dt.date(2010, 3, 1), "5年").case_id
    gone = new_case("丙")
    with UnitOfWork(db, actor=director.username, action="test.older_build") as uow:
        uow.session.get(ScreeningFinding, both.id).case_id = new_case("甲")
        uow.session.get(ScreeningFinding, old_void.id).case_id = gone
        uow.session.get(ScreeningFinding, purged.id).case_id = old
        uow.session.get(Case, gone).deleted_at = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)  # (voided, link kept)
        uow.commit()
    screenings.link_case(db, director, linked.id, new_case("乙"))
    voided = new_case("丁")
    screenings.link_case(db, director, new_void.id, voided)
    void_case(db, director, voided, reason="登记错了")
    retention.purge_case(db, director, old, reason="保管期限届满")
    report = check_against_plain_counts(db, "330102001")
    # found 6; registered: both, linked, purged; prevented: old_void (its mark kept from before) and prevented
    # (new_void lost its mark when it was registered, and is open again) — together never more than found
    assert [report.value(k) for k in ("scr:found", "scr:registered", "scr:prevented")] == [6, 3, 2]


def test_a_village_without_records_reports_itself_and_zeros(db):
    report = statistics.compute(db, parse_period("2026"))
    assert report.value("org:committees") == 1
    assert all(report.value(f.key) == 0 for f in REGISTER_FIGURES if f.key != "org:committees")


def test_json_pdf_and_xlsx_carry_the_new_figures_and_the_filler(db, director, paths, capsys):
    fill(db, director, DAY)
    db.dispose()
    args = ["--data-dir", str(paths.root), "report", "--period", "2026-Q2", "--format", "json", "--out", "-"]
    assert main([*args, "--filled-by", " 周 文书 "]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["filled_by"] == "周 文书"
    values = {f["key"]: f["values"]["total"] for f in data["figures"]}
    units = {f["key"]: (f["unit"], f["section_label"]) for f in data["figures"]}
    assert values["scr:held"] == 3 and values["scr:prevented"] == 2 and values["grp:3plus"] == 2
    assert values["org:mediators"] == 3 and values["org:full_time"] == 1 and values["org:committees"] == 1
    assert units["scr:held"] == ("次", "排查纠纷") and units["org:committees"] == ("个", "组织队伍")
    assert units["prev:petition:persons"][0] == "人"
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["filled_by"] == ""


def _pdf_lines(data: bytes) -> list[str]:
    return [line for page in PdfReader(io.BytesIO(data)).pages for line in page.extract_text().splitlines()]


def test_the_pdf_and_xlsx_show_them_and_no_label_breaks_inside_a_word(db, director):
    import dataclasses

    fill(db, director, DAY)
    report = dataclasses.replace(statistics.compute(db, parse_period("2026-Q2")), filled_by="周文书")
    lines = _pdf_lines(statistics_pdf(report))
    text = "\n".join(lines)
    assert "填报人：周文书" in text
    for label in ("排查次数", "预防纠纷", "其中：3人以上群体性纠纷", "其中：专职", "人民调解员"):
        assert label in text, label
    # every section label and the rate's label whole on one line (no 「调解成功 / 率」)
    for label in ("调解成功率", "预防纠纷激化", "组织队伍", "排查纠纷", "司法确认"):
        assert any(label in line for line in lines), label
    ws = load_workbook(io.BytesIO(statistics_xlsx(report))).active
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert any("填报人：周文书" in c for c in cells)
    assert "排查次数" in cells and "其中：专职" in cells


def _hub(tmp_path: Path, url: str | None = None):
    town = new_installation(tmp_path / "town", "town", "330102", "石桥镇司法所", "township", "330100", url)
    villages = [new_installation(tmp_path / n, n, code, f"{n}村人民调解委员会", "village", "330102")
                for n, code in (("shiqiao", "330102001"), ("dongshan", "330102002"))]
    return town, villages


def hub_totals(tmp_path: Path, url: str | None = None) -> None:
    town, villages = _hub(tmp_path, url)
    try:
        fill(villages[0].db, villages[0].actor, DAY)  # 石桥村: the whole set
        villages[1].register("张大", "李二", day=DAY)  # 东山村: one case
        for v in villages:
            town.trusts(v)
        summary = town.import_(*(v.export() for v in villages))
        assert summary.total("rejected") == summary.total("conflict") == 0
        screenings.add_screening(town.db, town.actor, screenings.ScreeningInput(DAY, "镇集市", "镇调委会", findings=[
            screenings.FindingInput("摊位纠纷", prevented=True)]), today=DAY)
        roster.add_mediator(town.db, town.actor, roster.MediatorInput("镇专职调解员", full_time=True))
        report = statistics.compute(town.db, parse_period("2026-Q2"))
        assert report.units == ["330102", "330102001", "330102002"]
        for f in report.figures:
            assert report.value(f.key) == sum(report.value(f.key, u) for u in report.units), f.key
        assert report.value("org:committees") == 3
        assert report.value("grp:3plus", "330102001") == 2 and report.value("grp:3plus", "330102002") == 0
        assert report.value("prev:petition:persons") == 7
        assert report.value("cases") == 6
        # the villages' screenings and rosters came up in their bundles, each counted in its own committee's
        # column as the village counts it (removed screenings and findings, former mediators left out)
        period = parse_period("2026-Q2")
        theirs = register_counts(villages[0].db, period.start, period.end)["330102001"]
        assert theirs["scr:held"] == 3 and theirs["org:mediators"] == 3
        for key, value in theirs.items():
            assert report.value(key, "330102001") == value, key
        assert report.value("scr:held", "330102") == 1 and report.value("org:mediators", "330102") == 1
        assert report.value("scr:held") == 1 + theirs["scr:held"]
        assert report.value("org:mediators") == 1 + theirs["org:mediators"]
        assert report.value("org:full_time") == 1 + theirs["org:full_time"]
        one = statistics.compute(town.db, parse_period("2026-Q2"), org_code="330102002")
        assert one.value("org:committees") == 1 and one.value("scr:held") == 0 and one.value("cases") == 1
    finally:
        for inst in (town, *villages):
            inst.db.dispose()


def test_a_hub_counts_two_villages_and_its_own_committee(tmp_path):
    hub_totals(tmp_path)


@pytest.mark.postgres
def test_a_hub_on_postgresql_counts_the_same(tmp_path):
    from pg_server import POSTGRESQL, database_url_for

    url = database_url_for(POSTGRESQL)
    assert url is not None
    hub_totals(tmp_path, url)
