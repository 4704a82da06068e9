"""Benchmark: the year's report on a PostgreSQL hub, from the report summary (``reports.summary``) and live.

``build`` imports the first villages' full bundles of a ``pg_hub.py`` work folder (read only) into a database on
a running server (``python tests/pg_server.py --serve-tcp`` prints its URL); ``measure`` runs the year's report
(and a month's, a quarter's and a custom range's) on that hub, live and from the summary in alternating runs,
each first run and warm, checks every figure of both is the same, and prints the figures. Keeping the server
and the hub between runs lets the code before and after a change be measured on the same data.

    python bench/report_summary.py build --url URL --data DIR --bundles bench/results/pg_hub/20000-cases --villages 5
    python bench/report_summary.py measure --url URL --data DIR [--rounds 5]
    python bench/report_summary.py edit --url URL --data DIR [--rounds 3]

``edit`` writes one case of the first committee on the hub (its accepted date moved by a day and back, in
turn), then times the first report after it (the committee recounted in the report) and the live report.
"""

from __future__ import annotations

import argparse
import statistics as stats
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from mediation_desktop.paths import DataPaths  # noqa: E402
from mediation_desktop.services.setup import SetupRequest, initialise  # noqa: E402
from mediation_desktop.storage.database import open_database  # noqa: E402
from mediation_desktop.sync.importer import import_files  # noqa: E402
from mediation_desktop.sync.keys import trust_file  # noqa: E402

COUNTY = SetupRequest("330100", "西湖区人民调解委员会", "county", "admin", "secret123", parent_code="330000")


def build(args: argparse.Namespace) -> None:
    hub = open_database(DataPaths(Path(args.data)), args.url)
    if not hub.is_initialised():
        initialise(hub, COUNTY)
    folders = [Path(args.bundles) / f"village{i:03d}" for i in range(args.villages)]
    for folder in folders:
        trust_file(hub, folder / "key.json", actor="admin")
    for folder in folders:
        started = time.perf_counter()
        summary = import_files(hub, [folder / "full.zip"], actor="admin", receipts_dir=Path(args.data))
        seconds = time.perf_counter() - started
        cases = summary.bundles[0].by_type["mediation_case"]["new"]
        print(f"{folder.name}: {cases:,} cases in {seconds:.1f} s ({cases / seconds:,.0f} cases/s)", flush=True)
    hub.dispose()


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build")
    b.add_argument("--url", required=True)
    b.add_argument("--data", required=True, help="the hub's data folder (keys, backups)")
    b.add_argument("--bundles", required=True, help="a pg_hub.py work folder's <n>-cases folder (read only)")
    b.add_argument("--villages", type=int, default=5)
    m = sub.add_parser("measure")
    m.add_argument("--url", required=True)
    m.add_argument("--data", required=True)
    m.add_argument("--rounds", type=int, default=5)
    m.add_argument("--warm", type=int, default=5)
    e = sub.add_parser("edit")
    e.add_argument("--url", required=True)
    e.add_argument("--data", required=True)
    e.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    if args.command == "build":
        build(args)
    elif args.command == "edit":
        edit(args)
    else:
        measure(args)


def edit(args: Any) -> None:
    import datetime as dt

    from sqlalchemy import select

    from mediation_desktop.reports import statistics, summary
    from mediation_desktop.reports.periods import parse_period
    from mediation_desktop.storage.models import Case
    from mediation_desktop.storage.unit_of_work import UnitOfWork

    hub = open_database(DataPaths(Path(args.data)), args.url)
    year = parse_period("2026")
    with hub.engine.connect() as conn:
        org = conn.scalar(select(Case.owner_org_code).order_by(Case.owner_org_code).limit(1))
        case_id = conn.scalar(select(Case.id).where(Case.owner_org_code == org, Case.deleted_at.is_(None),
                                                    Case.accepted_on >= dt.date(2026, 3, 2),
                                                    Case.accepted_on < dt.date(2026, 3, 28)).limit(1))
        print(f"fresh before: {summary.stale_committees(conn) == set()}")
    for r in range(args.rounds):
        with UnitOfWork(hub, actor="admin", action="bench.edit") as uow:
            case = uow.session.get(Case, case_id)
            assert case is not None and case.accepted_on is not None
            case.accepted_on += dt.timedelta(days=1 if r % 2 == 0 else -1)
            uow.commit()
        with hub.engine.connect() as conn:
            stale = summary.stale_committees(conn)
            small = stale is not None and summary.recount_is_small(conn, stale)
        ms_summary, got = _ms(lambda: statistics.compute(hub, year))
        with hub.engine.connect() as conn:
            fresh = summary.stale_committees(conn) == set()
        ms_after, _ = _ms(lambda: statistics.compute(hub, year))
        ms_live, live = _ms(lambda: statistics.compute(hub, year, use_summary=False))
        print(f"edit {r + 1}: stale {sorted(stale or ['<all>'])}, recounted in the report: {small and fresh}; "
              f"first report after it {ms_summary:,.0f} ms, next {ms_after:,.0f} ms, live {ms_live:,.0f} ms; "
              f"same figures: {got.values == live.values}", flush=True)
    hub.dispose()


def _ms(fn: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    out = fn()
    return (time.perf_counter() - started) * 1000, out


def measure(args: Any) -> None:
    from sqlalchemy import func, select

    from mediation_desktop.reports import statistics, summary
    from mediation_desktop.reports.periods import Basis, parse_period
    from mediation_desktop.storage.engine import WRITE
    from mediation_desktop.storage.models import Case, ReportSummary

    hub = open_database(DataPaths(Path(args.data)), args.url)
    with hub.engine.connect() as conn:
        total = int(conn.scalar(select(func.count()).select_from(Case)) or 0)
        orgs = sorted(conn.scalars(select(Case.owner_org_code).distinct()))
    year = parse_period("2026")

    def live(period: Any = year, basis: Basis = Basis.ACCEPTED) -> Any:
        return statistics.compute(hub, period, basis, use_summary=False)

    def summarised(period: Any = year, basis: Basis = Basis.ACCEPTED) -> Any:
        return statistics.compute(hub, period, basis)

    first_live, report = _ms(live)
    with hub.engine.connect() as conn:
        made = conn.scalar(select(func.count()).select_from(ReportSummary))
    print(f"hub: {total:,} cases, {len(orgs)} committees; year 2026: {report.value('cases'):,} cases; "
          f"summary rows before: {made}")
    first_summary, from_summary = _ms(summarised)  # (makes the summary whole if it is not there)
    with hub.engine.connect() as conn:
        rows = conn.scalar(select(func.count()).select_from(ReportSummary))
        fresh = summary.stale_committees(conn) == set()
    print(f"first runs: live {first_live:,.0f} ms; summary {first_summary:,.0f} ms (summary rows now {rows}, "
          f"fresh: {fresh})")
    assert from_summary.values == report.values and from_summary.units == report.units
    whole_ms = []
    for _ in range(2):  # the whole summary made again (the first report after an upgrade, a restore, the demo)
        with hub.engine.execution_options(**WRITE).connect() as conn, conn.begin() as tx:
            ms, _ = _ms(lambda conn=conn: summary.refresh(conn, None))
            whole_ms.append(ms)
            tx.rollback()
    one_ms = []
    for org in orgs[:3]:  # one village recounted (what an import of its bundle adds)
        with hub.engine.execution_options(**WRITE).connect() as conn, conn.begin() as tx:
            ms, _ = _ms(lambda conn=conn, org=org: summary.refresh(conn, {org}))
            one_ms.append(ms)
            tx.rollback()
    print(f"summary made whole: {', '.join(f'{m:,.0f}' for m in whole_ms)} ms; one village recounted: "
          f"{', '.join(f'{m:,.0f}' for m in one_ms)} ms")
    medians: dict[str, list[float]] = {"live": [], "summary": []}
    for r in range(args.rounds):  # alternating: live, then summary, warm runs each
        for name, fn in (("live", live), ("summary", summarised)):
            samples = sorted(_ms(fn)[0] for _ in range(args.warm))
            medians[name].append(stats.median(samples))
        print(f"round {r + 1}: live {medians['live'][-1]:,.0f} ms, summary {medians['summary'][-1]:,.0f} ms",
              flush=True)
    for name, values in medians.items():
        print(f"year's report, {name}: median of rounds {stats.median(values):,.0f} ms "
              f"(rounds: {', '.join(f'{v:,.0f}' for v in values)})")
    for spec, basis in (("2026-03", Basis.ACCEPTED), ("2026-Q3", Basis.CLOSED),
                        ("2026-02-10..2026-09-20", Basis.ACCEPTED), ("2026-H1", Basis.CLOSED)):
        period = parse_period(spec)
        a = sorted(_ms(lambda p=period, b=basis: live(p, b))[0] for _ in range(3))
        b = sorted(_ms(lambda p=period, b=basis: summarised(p, b))[0] for _ in range(3))
        same = summarised(period, basis).values == live(period, basis).values
        print(f"{spec} by {basis.value}: live {stats.median(a):,.0f} ms, summary {stats.median(b):,.0f} ms, "
              f"same figures: {same}")
    hub.dispose()


if __name__ == "__main__":
    main()
