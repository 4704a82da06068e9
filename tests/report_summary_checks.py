"""The report summary's oracle: every figure of every period, basis and committee, from the summary and live."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from mediation_desktop.reports import statistics
from mediation_desktop.reports.periods import Basis, parse_period
from mediation_desktop.storage.database import Database


def same_as_live(db: Database, specs: Iterable[str], orgs: Iterable[str | None], today: dt.date) -> int:
    """Asserts the report from the summary equals the live one (units and values) for each period of ``specs``,
    both bases and each of ``orgs`` (None: the whole database); returns the cases the live reports counted."""
    counted = 0
    orgs = tuple(orgs)
    for spec in specs:
        period = parse_period(spec)
        for basis in Basis:
            for org in orgs:
                got = statistics.compute(db, period, basis, org_code=org, today=today)
                live = statistics.compute(db, period, basis, org_code=org, today=today, use_summary=False)
                assert (got.units, got.values) == (live.units, live.values), (spec, basis, org)
                counted += int(live.value("cases"))
    return counted
