"""Benchmark: a series of statistics reports in one process, as a user, the hub's CLI or the tests make them.

Times ``reports.statistics.compute`` for every month, quarter and half of the database's last year, the year
itself and a custom range with two partial months, by both bases: the first report in the process, then the
whole series (median of ``--rounds`` rounds, per report), from the report summary where it is fresh
(whole months read from it, partial months counted live) and counted live (``use_summary=False``). The same
script runs on the code before and after a change (it uses only ``compute``), so the two can be measured in
alternating runs on the same database.

    .venv/bin/python bench/report_series.py --data-dir DIR [--rounds 3] [--make-summary]

``--data-dir`` is an existing demo database (``bench/report_100k.py`` explains how one is made). A village made
by the demo has its summary stale (a bulk write after it), so its reports are counted live; ``--make-summary``
makes it whole first (a write: the only one), as an upgrade or an import leaves it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics as stats
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mediation_desktop.paths import DataPaths
from mediation_desktop.reports import statistics, summary
from mediation_desktop.reports.periods import Basis, Period, parse_period
from mediation_desktop.storage.database import Database, open_database
from mediation_desktop.storage.models import Case


def series(db: Database) -> list[Period]:
    with db.read_session() as s:
        last = s.scalar(select(func.max(Case.accepted_on)))
    if last is None:
        raise SystemExit("no accepted cases in this database")
    y = last.year
    specs = [f"{y}-{m:02d}" for m in range(1, 13)] + [f"{y}-Q{q}" for q in range(1, 5)]
    specs += [f"{y}-H1", f"{y}-H2", f"{y}", f"{y}-02-10..{y}-09-20"]
    return [parse_period(spec) for spec in specs]


def run_series(db: Database, periods: list[Period], use_summary: bool) -> tuple[float, int]:
    """Seconds for every period by both bases, and the cases they counted."""
    counted = 0
    start = time.perf_counter()
    for period in periods:
        for basis in Basis:
            counted += int(statistics.compute(db, period, basis, use_summary=use_summary).value("cases"))
    return time.perf_counter() - start, counted


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--make-summary", action="store_true")
    args = ap.parse_args()
    db = open_database(DataPaths(Path(args.data_dir)))
    try:
        if args.make_summary:
            with db.engine.begin() as conn:
                summary.build(conn)
        periods = series(db)
        with db.engine.connect() as conn:
            stale = summary.stale_committees(conn)
        state = "fresh" if stale == set() else "every committee stale" if stale is None else f"{len(stale)} stale"
        year = next(p for p in periods if p.kind == "year")
        start = time.perf_counter()
        first = statistics.compute(db, year, Basis.ACCEPTED, use_summary=False)
        first_s = time.perf_counter() - start
        print(f"{first.value('cases'):,} cases in {year.spec}; summary {state}; {len(periods) * 2} reports a series")
        print(f"first report in the process (the year, live): {first_s * 1000:.0f} ms")
        for use in (True, False):
            times, counted = [], 0
            for _ in range(args.rounds):
                took, counted = run_series(db, periods, use)
                times.append(took / (len(periods) * 2))
            print(f"series {'summary' if use else 'live'}: {stats.median(times) * 1000:.1f} ms a report "
                  f"(rounds: {', '.join(f'{t * 1000:.1f}' for t in times)}; {counted:,} cases counted a round)")
        year_live = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            statistics.compute(db, year, Basis.ACCEPTED, use_summary=False)
            year_live.append(time.perf_counter() - start)
        print(f"the year live, warm: {stats.median(year_live) * 1000:.0f} ms "
              f"({', '.join(f'{t * 1000:.0f}' for t in year_live)})")
    finally:
        db.dispose()
    print(f"measured {dt.datetime.now(dt.UTC):%H:%M} UTC")
    return 0


if __name__ == "__main__":
    sys.exit(main())
