"""An import refreshes the report summary in its own transaction (reports.summary.after_import): the first report
after it reads the summary, and every figure equals the live report, per village and in total."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sync_helpers import Inst

from mediation_desktop.domain.lifecycle import CaseAction, CaseStatus
from mediation_desktop.reports import statistics, summary
from mediation_desktop.reports.periods import Basis, parse_period
from mediation_desktop.services import cases, demo
from mediation_desktop.storage.database import Database

TODAY = dt.date(2026, 11, 20)
SPECS = ("2026", "2026-04", "2026-Q3", "2025-12-10..2026-03-05")


def fresh(db: Database) -> bool:
    with db.engine.connect() as conn:
        return summary.stale_committees(conn) == set()


def assert_same_as_live(db: Database, orgs: tuple[str | None, ...]) -> None:
    for spec in SPECS:
        period = parse_period(spec)
        for basis in Basis:
            for org in orgs:
                got = statistics.compute(db, period, basis, org_code=org, today=TODAY)
                live = statistics.compute(db, period, basis, org_code=org, today=TODAY, use_summary=False)
                assert (got.units, got.values) == (live.units, live.values), (spec, basis, org)


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
    west.follow_up(west.register("赵一", "钱二", day=dt.date(2026, 4, 9)))
    before = statistics.compute(township.db, parse_period("2026"), today=TODAY)
    township.import_(east.export(), west.export())
    assert fresh(township.db)
    assert_same_as_live(township.db, orgs)
    after = statistics.compute(township.db, parse_period("2026"), today=TODAY)
    assert after.value("cases", "330102002") == before.value("cases", "330102002") + 1
