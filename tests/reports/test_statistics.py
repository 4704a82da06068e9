"""Every figure of the report against an independent count, the boundaries, per committee, drill-down."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import select

from mediation_desktop.domain.enums import CaseSource, OrgLevel
from mediation_desktop.domain.lifecycle import CaseStatus
from mediation_desktop.reports import statistics
from mediation_desktop.reports.figures import FIGURES
from mediation_desktop.reports.periods import Basis, parse_period
from mediation_desktop.storage.models import Case, Installation
from mediation_desktop.storage.unit_of_work import UnitOfWork

PERIODS = ["2026", "2026-Q3", "2026-H1", "2026-07", "2026-06-25..2026-08-10", "2027"]


@pytest.mark.parametrize("by", ["accepted", "closed"])
@pytest.mark.parametrize("spec", PERIODS)
def test_every_figure_matches_an_independent_count(dataset, independent, spec, by):
    period = parse_period(spec)
    basis = Basis(by)
    report = statistics.compute(dataset.db, period, basis)
    expected = independent(dataset.db, period.start, period.end, by)
    assert report.value("cases") > 0 or spec == "2027" or by == "closed"
    for f in FIGURES:
        ids, value = expected.get(f.key, (set(), 0))
        got = report.value(f.key)
        if f.measure == "amount":
            assert got == Decimal(value).quantize(Decimal("0.01")), f.key
        else:
            assert got == value, f.key
        assert set(statistics.case_ids_for(dataset.db, period, basis, f.key)) == ids, f.key


def test_the_data_set_covers_every_figure(dataset, independent):
    expected = independent(dataset.db, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    missing = [f.key for f in FIGURES if f.key not in expected and f.key.startswith(("out:", "agr:", "fu:", "conf:"))]
    assert missing == []
    assert {"cat:labour_wages", "cat:labour", "cat:consumer", "prev:persons", "amount"} <= expected.keys()


def test_outcomes_partition_the_cases_and_the_success_rate(dataset):
    report = statistics.compute(dataset.db, parse_period("2026"))
    outcomes = [f.key for f in FIGURES if f.section == "outcome"]
    assert sum(report.value(k) for k in outcomes) == report.value("cases")
    expected = Decimal(report.value("out:success") * 100) / report.value("cases")
    assert report.success_rate() == expected.quantize(Decimal("0.01"))
    assert report.value("cat:labour") >= report.value("cat:labour_wages")  # 「其中」 is part of its parent


def test_quarter_boundaries(dataset):
    b = dataset.boundary
    q3 = set(statistics.case_ids_for(dataset.db, parse_period("2026-Q3"), Basis.ACCEPTED, "cases"))
    q4 = set(statistics.case_ids_for(dataset.db, parse_period("2026-Q4"), Basis.ACCEPTED, "cases"))
    h1 = set(statistics.case_ids_for(dataset.db, parse_period("2026-H1"), Basis.ACCEPTED, "cases"))
    year = set(statistics.case_ids_for(dataset.db, parse_period("2026"), Basis.ACCEPTED, "cases"))
    assert b["q3_last"] in q3 and b["q3_last"] not in q4
    assert b["q4_first"] in q4 and b["q4_first"] not in q3
    assert b["h1_last"] in h1 and b["h1_last"] not in q3
    assert b["year_last"] in year and b["next_year"] not in year
    # by closing date the case accepted on 30 September and closed on 1 October is in Q4
    q4_closed = set(statistics.case_ids_for(dataset.db, parse_period("2026-Q4"), Basis.CLOSED, "cases"))
    assert b["q3_last"] in q4_closed


def test_a_voided_case_is_not_counted(dataset, director):
    from mediation_desktop.services.cases import void_case

    period = parse_period("2026")
    before = statistics.compute(dataset.db, period).value("cases")
    void_case(dataset.db, director, dataset.ids[0], reason="登记错了")
    assert statistics.compute(dataset.db, period).value("cases") == before - 1
    assert dataset.ids[0] not in statistics.case_ids_for(dataset.db, period, Basis.ACCEPTED, "cases")


def test_month_counts_include_empty_months(dataset):
    period = parse_period("2026")
    months = statistics.month_counts(dataset.db, period)
    assert [(y, m) for y, m, _ in months] == [(2026, m) for m in range(1, 13)]
    assert months[0][2] == 0
    assert sum(n for _, _, n in months) == statistics.compute(dataset.db, period).value("cases")
    july = statistics.month_range(period, 2026, 7)
    assert months[6][2] == len(statistics.case_ids_for(dataset.db, july, Basis.ACCEPTED, "cases"))


def _arrived_from(db, org: str, count: int, day: dt.date) -> None:
    """Cases of another committee, as sync would store them on a hub."""
    with UnitOfWork(db, actor="sync", action="test.sync") as uow:
        for i in range(count):
            uow.session.add(Case(
                id=uuid.uuid4(), case_no=f"{org}-{i}", year=day.year, serial=i + 1, owner_org_code=org,
                owner_installation_id=uuid.uuid4(), title="外村案件", category_code="neighbour", category_scheme="2010",
                source=CaseSource.APPLICATION, status=CaseStatus.PERFORMED if i % 2 else CaseStatus.FAILED,
                registered_on=day, accepted_on=day, closed_on=day, summary="", requests=[], extra={}))
        uow.commit()


def test_a_hub_reports_per_village_and_in_total(dataset, independent):
    db = dataset.db
    with UnitOfWork(db, actor="test", action="test.level") as uow:
        inst = uow.session.scalar(select(Installation))
        inst.level = OrgLevel.TOWNSHIP
        uow.commit()
    _arrived_from(db, "330102002", 3, dt.date(2026, 7, 5))
    _arrived_from(db, "330102003", 4, dt.date(2026, 8, 5))
    period = parse_period("2026-Q3")
    report = statistics.compute(db, period)
    assert report.units == ["330102001", "330102002", "330102003"]
    assert report.value("cases", "330102002") == 3
    assert report.value("out:success", "330102003") == 2
    for f in FIGURES:
        assert report.value(f.key) == sum(report.value(f.key, u) for u in report.units), f.key
    own = independent(db, period.start, period.end, org="330102001")
    assert report.value("cases", "330102001") == own["cases"][1]
    one = statistics.compute(db, period, org_code="330102003")
    assert one.units == [] and one.value("cases") == 4
    ids = statistics.case_ids_for(db, period, Basis.ACCEPTED, "cat:neighbour", org_code="330102002")
    assert len(ids) == 3
    data = report.as_json()
    assert data["units"][-1] == "total" and data["basis_label"] == "按受理日期统计"


def test_unknown_figure_is_a_clear_error(dataset):
    from mediation_desktop.errors import MediationError

    with pytest.raises(MediationError) as err:
        statistics.case_ids_for(dataset.db, parse_period("2026"), Basis.ACCEPTED, "nonsense")
    assert "没有" in str(err.value)


def test_a_case_accepted_at_2359_on_the_last_day_of_a_quarter_counts_in_that_quarter(empty_install, director,
                                                                                      tmp_path):
    """Times of day as village ledgers write them: the day counts, whatever the hour (23:59 is still Q3)."""
    from openpyxl import Workbook

    from mediation_desktop.reports.ledger_import import apply_import, plan_import, read_sheet

    wb = Workbook()
    ws = wb.active
    ws.append(["受理日期", "申请人", "纠纷类型"])
    ws.append([dt.datetime(2026, 9, 30, 23, 59, 59), "张三", "邻里"])
    ws.append(["2026-09-30 23:59", "李四", "邻里"])
    ws.append(["2026年9月30日23:59", "王五", "邻里"])
    ws.append(["2026-10-01 00:00", "赵六", "邻里"])
    ws.append([dt.datetime(2026, 7, 1, 0, 0), "陈喆", "邻里"])
    path = tmp_path / "boundary.xlsx"
    wb.save(path)
    plan = plan_import(empty_install, read_sheet(path))
    assert plan.count("new") == 5, [r.messages() for r in plan.rows]
    apply_import(empty_install, director, plan)
    q3 = statistics.compute(empty_install, parse_period("2026-Q3"))
    q4 = statistics.compute(empty_install, parse_period("2026-Q4"))
    assert (q3.value("cases"), q4.value("cases")) == (4, 1)
    sept = statistics.month_counts(empty_install, parse_period("2026-Q3"))
    assert sept == [(2026, 7, 1), (2026, 8, 0), (2026, 9, 3)]
    in_q3 = statistics.case_ids_for(empty_install, parse_period("2026-Q3"), Basis.ACCEPTED, "cases")
    with empty_install.read_session() as s:
        days = sorted(d for d in s.scalars(select(Case.accepted_on).where(Case.id.in_(in_q3))))
    assert days == [dt.date(2026, 7, 1)] + [dt.date(2026, 9, 30)] * 3


def test_the_kept_statements_bind_each_report_its_own_period_and_committee(dataset):
    """The report's statements are built once and kept (``statistics.live_statement``, ``month_statement``,
    ``register_statements``, ``summary.build_statement``), each report binding its own dates and committee: reports
    and their months over different periods, bases and committees, made one after another in either order, equal
    each made with its statements built afresh — from the summary (whole months) with the partial months counted
    live, and all live."""
    from mediation_desktop.reports import register_figures, summary

    db = dataset.db
    with UnitOfWork(db, actor="test", action="test.level") as uow:
        uow.session.scalar(select(Installation)).level = OrgLevel.TOWNSHIP
        uow.commit()
    _arrived_from(db, "330102002", 3, dt.date(2026, 7, 5))
    _arrived_from(db, "330102003", 4, dt.date(2026, 8, 5))
    with db.engine.begin() as conn:  # fresh: the reports read its whole months
        summary.build(conn)
    runs = [("2026-Q3", Basis.ACCEPTED, None, True), ("2026-07", Basis.CLOSED, "330102002", True),
            ("2026-06-25..2026-08-10", Basis.ACCEPTED, "330102003", True), ("2026", Basis.CLOSED, None, False),
            ("2026-06-25..2026-08-10", Basis.ACCEPTED, None, False), ("2026-07", Basis.ACCEPTED, "330102001", False)]

    def report(spec: str, basis: Basis, org: str | None, use_summary: bool) -> object:
        period = parse_period(spec)
        got = statistics.compute(db, period, basis, org_code=org, use_summary=use_summary, today=dt.date(2026, 11, 20))
        return got.units, got.values, statistics.month_counts(db, period, basis, key="out:success", org_code=org)

    def forget() -> None:
        for kept in (statistics.live_statement, statistics.month_statement, register_figures.register_statements,
                     summary.build_statement):
            kept.cache_clear()

    fresh = []
    for run in runs:
        forget()
        fresh.append(report(*run))
    assert len({repr(r) for r in fresh}) == len(runs)  # every run counts something else
    forget()
    assert [report(*run) for run in runs] == fresh
    assert [report(*run) for run in reversed(runs)] == fresh[::-1]
    # kept: one statement per basis and whether one committee is asked for, whatever the period
    assert statistics.live_statement.cache_info().currsize <= 4
    assert statistics.month_statement.cache_info().currsize <= 4
    assert register_figures.register_statements.cache_info().currsize <= 2
