"""An import refreshes the report summary in its own transaction (reports.summary.after_import): the first report
after it reads the summary, and every figure equals the live report, per village and in total."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from report_summary_checks import same_as_live
from sync_helpers import Inst

from mediation_desktop.domain.lifecycle import CaseAction, CaseStatus
from mediation_desktop.reports import statistics, summary
from mediation_desktop.reports.periods import parse_period
from mediation_desktop.services import cases, demo
from mediation_desktop.storage.database import Database

TODAY = dt.date(2026, 11, 20)
SPECS = ("2026", "2026-04", "2026-Q3", "2025-12-10..2026-03-05")


def fresh(db: Database) -> bool:
    with db.engine.connect() as conn:
        return summary.stale_committees(conn) == set()


def assert_same_as_live(db: Database, orgs: tuple[str | None, ...]) -> None:
    same_as_live(db, SPECS, orgs, TODAY)


def test_an_import_leaves_the_summary_fresh_and_equal_to_the_live_report(
        make_inst: Callable[..., Inst], township: Inst) -> None:
    east = make_inst("东村", "330102001", "village", "330102")
    west = make_inst("西村", "330102002", "village", "330102")
    for n, village in enumerate((east, west)):
        demo.generate(village.db, count=80, seed=30 + n, today=TODAY)
        township.trusts(village)
    township.import_(east.export(full=True))
    statistics.compute(township.db, parse_period("2026"))  # the summary made whole once
    assert fresh(township.db)
    township.import_(west.export(full=True))
    assert fresh(township.db)  # the import refreshed it: no report needed
    orgs = (None, "330102001", "330102002")
    assert_same_as_live(township.db, orgs)
    report = statistics.compute(township.db, parse_period("2026"), today=TODAY)
    assert report.units == ["330102001", "330102002"] and report.value("cases", "330102002") > 0

    # the villages go on working; their next bundles change figures the hub summarised
    with east.db.read_session() as s:
        from sqlalchemy import select

        from mediation_desktop.storage.models import Case

        open_ids = list(s.scalars(select(Case.id).where(Case.status == CaseStatus.MEDIATING).order_by(Case.case_no)))
        done = s.scalars(select(Case.id).where(Case.status == CaseStatus.PERFORMED).order_by(Case.case_no)).first()
    cases.change_status(east.db, east.actor, open_ids[0], CaseAction.TERMINATE, on=dt.date(2026, 11, 10),
                        reason="双方不同意")
    cases.void_case(east.db, east.actor, done, reason="登记错了")
    west.follow_up(west.register("赵一", "钱二", day=dt.date(2026, 4, 9)), dt.date(2026, 4, 25))
    before = statistics.compute(township.db, parse_period("2026"), today=TODAY)
    township.import_(east.export(), west.export())
    assert fresh(township.db)
    assert_same_as_live(township.db, orgs)
    after = statistics.compute(township.db, parse_period("2026"), today=TODAY)
    assert after.value("cases", "330102002") == before.value("cases", "330102002") + 1


def _hub(make_inst: Callable[..., Inst], township: Inst) -> tuple[Inst, Inst]:
    """A township that imported a small village (east, 30 cases) and a larger one (west, 120): east's cases are
    at most a quarter of the hub's."""
    east = make_inst("东村", "330102001", "village", "330102")
    west = make_inst("西村", "330102002", "village", "330102")
    for village, count, seed in ((east, 30, 41), (west, 120, 42)):
        demo.generate(village.db, count=count, seed=seed, today=TODAY)
        township.trusts(village)
    township.import_(east.export(full=True), west.export(full=True))
    assert fresh(township.db)
    return east, west


def _made(db: Database) -> tuple[object, ...]:
    from sqlalchemy import select

    from mediation_desktop.storage.models import ReportSummary, ReportSummaryState

    with db.engine.connect() as conn:
        return (tuple(conn.execute(select(ReportSummaryState)).one()),
                tuple(map(tuple, conn.execute(select(ReportSummary.owner_org_code, ReportSummary.basis,
                                                     ReportSummary.month, ReportSummary.figures)
                                              .order_by(ReportSummary.owner_org_code, ReportSummary.basis,
                                                        ReportSummary.month)))))


def test_a_hub_report_recounts_a_village_written_on_the_hub(make_inst: Callable[..., Inst], township: Inst) -> None:
    """A local write on the hub to a small village's case: the next report recounts that village (a small part
    of the hub's cases) and reads the summary; every figure equals the live count."""
    from sqlalchemy import select

    from mediation_desktop.storage.models import Case
    from mediation_desktop.storage.unit_of_work import UnitOfWork

    _hub(make_inst, township)
    db = township.db
    with UnitOfWork(db, actor="admin", action="test.date") as uow:
        case = uow.session.scalars(select(Case).where(Case.owner_org_code == "330102001", Case.deleted_at.is_(None),
                                                      Case.accepted_on >= dt.date(2026, 1, 1))
                                   .order_by(Case.case_no)).first()
        assert case is not None and case.accepted_on is not None
        case.accepted_on = case.accepted_on - dt.timedelta(days=45)  # to another month (maybe another year)
        uow.commit()
    with db.engine.connect() as conn:
        assert summary.stale_committees(conn) == {"330102001"}
        assert summary.recount_is_small(conn, {"330102001"})
    before = _made(db)
    statistics.compute(db, parse_period("2026"), today=TODAY)
    assert fresh(db)  # recounted in the report
    after = _made(db)
    assert after != before
    changed = {repr(r) for r in after[1]} ^ {repr(r) for r in before[1]}
    assert changed and all("'330102001'" in r for r in changed)  # only east's rows changed
    assert_same_as_live(db, (None, "330102001", "330102002"))


def test_an_import_into_an_invalid_summary_makes_it_whole(make_inst: Callable[..., Inst], township: Inst) -> None:
    """The summary not valid (here a changed definition, and east's rows wrong): an import of west's bundle must
    not record a state claiming east fresh — a report about east still equals the live count."""
    from sqlalchemy import delete, update

    from mediation_desktop.storage.models import ReportSummary, ReportSummaryState

    _east, west = _hub(make_inst, township)
    db = township.db
    with db.engine.begin() as conn:
        conn.execute(update(ReportSummaryState).values(fingerprint="0" * 64))
        conn.execute(delete(ReportSummary).where(ReportSummary.owner_org_code == "330102001"))
    with db.engine.connect() as conn:
        assert summary.stale_committees(conn) is None
    west.follow_up(west.register("赵一", "钱二", day=dt.date(2026, 4, 9)), dt.date(2026, 4, 25))
    township.import_(west.export())
    assert fresh(db)  # made whole by the import
    assert_same_as_live(db, (None, "330102001", "330102002"))
    report = statistics.compute(db, parse_period("2026"), org_code="330102001", today=TODAY)
    assert report.value("cases") > 0
