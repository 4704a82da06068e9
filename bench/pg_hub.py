"""Benchmark: a county hub on PostgreSQL (budgets: import ≥ 5,000 cases/s; search per keystroke ≤ 20 ms p95;
the year's report ≤ 2 s — at 1,000,000 cases, DESIGN.md).

Villages (each its own installation, keys and org code) make demo cases on SQLite and export a full bundle:
``--seeds`` villages for real, the others' bundles derived from a seed's (``village_bundles``: own unit, keys,
ids, numbers and names, signed by their own key); a county hub on the throwaway PostgreSQL server of
``tests/pg_server.py`` trusts them and imports the bundles one by one (verify + apply + search index, one
transaction each). Then, across all villages: search per keystroke for every term kind, the year's statistics
report, the today view (counts and first page), the case list (all ids, the first page of rows, one village's),
and the database size per case. Same-run baselines: ``SELECT count(*)`` over the cases (the floor of the report
and of the list) and bare case rows inserted through SQLAlchemy Core executemany (the floor of an import).
``EXPLAIN ANALYZE`` of the report is printed.

    .venv/bin/python bench/pg_hub.py [--hub-cases 1000000] [--village-cases 20000] [--seeds 2] [--repeat 21]
                                     [--work DIR] [--hub-url URL]

The hub holds ``--hub-cases`` cases from villages of ``--village-cases`` each (``--quick``: 10,000 from five
villages). ``--work`` (default ``bench/results/pg_hub``, not in git) keeps the village databases and bundles
there (made again only when missing), so a second run measures the hub alone. ``--hub-url`` names a database
on a server already running (``tests/pg_server.py --serve-tcp``): the hub is imported into it once and kept, and
later runs measure it again without the import (``bench/today_view.py --url`` too). Needs PostgreSQL's server
programs (see ``pg_server``). It takes no ``--cases``: ``bench/run_all.py`` runs it at the county's size
whatever size the other scripts run at.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import statistics as stats
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, func, select, text

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
from pg_server import start_server  # noqa: E402
from run_all import emit  # noqa: E402
from search_keystroke import pick_terms  # noqa: E402
from village_bundles import derive_bundle  # noqa: E402

from mediation_desktop.paths import DataPaths  # noqa: E402
from mediation_desktop.reports import figures, statistics  # noqa: E402
from mediation_desktop.reports.periods import Basis, parse_period  # noqa: E402
from mediation_desktop.services import demo, search, search_pg, search_terms  # noqa: E402
from mediation_desktop.services.queries import find_case_ids, rows_for  # noqa: E402
from mediation_desktop.services.setup import SetupRequest, initialise  # noqa: E402
from mediation_desktop.services.today import PAGE_SIZE, today_view  # noqa: E402
from mediation_desktop.storage.database import Database, open_database  # noqa: E402
from mediation_desktop.storage.engine import WRITE  # noqa: E402
from mediation_desktop.storage.models import Case  # noqa: E402
from mediation_desktop.sync.export import export_bundle  # noqa: E402
from mediation_desktop.sync.importer import import_files  # noqa: E402
from mediation_desktop.sync.keys import own_keys, public_key_file, trust_file  # noqa: E402

IMPORT_BUDGET, SEARCH_BUDGET_MS, REPORT_BUDGET_S = 5000.0, 20.0, 2.0
TODAY = dt.date(2026, 11, 1)
COUNTY = SetupRequest("330100", "西湖区人民调解委员会", "county", "admin", "secret123", parent_code="330000")


def village_request(i: int) -> SetupRequest:
    township, village = 330101 + i // 40, i % 40 + 1
    return SetupRequest(f"{township}{village:03d}", f"第{i + 1}村人民调解委员会", "village", "admin", "secret123",
                        parent_code=str(township))


def village_files(work: Path, i: int, cases: int) -> tuple[Path, Path]:
    folder = work / f"{cases}-cases" / f"village{i:03d}"
    return folder / "full.zip", folder / "key.json"


def make_village(work: Path, i: int, cases: int) -> tuple[Path, Path, float]:
    """A village's demo cases and its full bundle (made once per ``work`` folder). Returns (bundle, key, rate)."""
    bundle, key = village_files(work, i, cases)
    folder = bundle.parent
    if bundle.exists() and key.exists():
        return bundle, key, 0.0
    db = open_database(DataPaths(folder / "data"))
    if not db.is_initialised():
        initialise(db, village_request(i))
    started = time.perf_counter()
    demo.generate(db, count=cases, seed=1000 + i, today=TODAY)
    rate = cases / (time.perf_counter() - started)
    key.write_bytes(public_key_file(own_keys(db)))
    export_bundle(db, bundle, actor="admin", full=True, encrypt=False)
    db.dispose()
    return bundle, key, rate


def derived_village(work: Path, i: int, cases: int, seeds: int) -> tuple[Path, Path, float]:
    """Village ``i``'s bundle derived from seed village ``i % seeds``'s (``village_bundles``; made once per
    ``work`` folder). Returns (bundle, key, cases per second of the derivation, 0 when it was there)."""
    bundle, key = village_files(work, i, cases)
    if bundle.exists() and key.exists():
        return bundle, key, 0.0
    seed, _, _ = make_village(work, i % seeds, cases)
    bundle.parent.mkdir(parents=True, exist_ok=True)
    request = village_request(i)
    started = time.perf_counter()
    partial = bundle.with_suffix(".partial")
    n = derive_bundle(seed, partial, key, org_code=request.org_code, org_name=request.org_name,
                      parent_code=request.parent_code or "", number=i)
    partial.replace(bundle)
    return bundle, key, n / (time.perf_counter() - started)


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, float, Any]:
    """(first run, median, p95 of the warm runs, result) in milliseconds."""
    started = time.perf_counter()
    result = fn()
    first = (time.perf_counter() - started) * 1000
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return first, stats.median(samples), samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))], result


def whole_index_found(conn: Any, lookup: Any, limit: int | None, below: int | None, also: str | None) -> Any:
    """The PostgreSQL search before it looked in windows: every match through the GIN index, the newest kept."""
    query = search_terms.tsquery(lookup) if also is None else f"({search_terms.tsquery(lookup)}) & ({also})"
    out: list[tuple[int, Any]] = []
    while True:
        want = None if limit is None else limit - len(out)
        rows = search_pg.pg_window(conn, query, None, below, want, False)
        out.extend((d, k) for d, k in rows if k is not None)
        if want is None or len(rows) < want or len(out) >= (limit or 0):
            return out
        below = rows[-1][0]


def one_window(fn: Callable[[], Any], repeat: int) -> tuple[float, float, float, Any]:
    """``timed`` with the search before windows (``whole_index_found``): the same-run baseline."""
    saved = search_pg.pg_found
    search_pg.pg_found = whole_index_found
    try:
        return timed(fn, repeat)
    finally:
        search_pg.pg_found = saved


def insert_floor(db: Database, n: int) -> float:
    """Bare case rows per second through SQLAlchemy Core executemany into this server (rolled back)."""
    inst = uuid.uuid4()
    now = dt.datetime.now(dt.UTC)
    rows = [dict(id=uuid.uuid4(), case_no=f"b{i}", year=2026, serial=i + 1, owner_org_code="x",
                 owner_installation_id=inst, title="t", category_code="other", category_scheme="2021",
                 source="application", status="accepted", registered_on=dt.date(2026, 1, 1), summary="",
                 requests=[], created_at=now, updated_at=now, change_seq=1) for i in range(n)]
    with db.engine.execution_options(**WRITE).connect() as conn:
        trans = conn.begin()
        started = time.perf_counter()
        conn.execute(cast(Table, Case.__table__).insert(), rows)
        seconds = time.perf_counter() - started
        trans.rollback()
    return n / seconds


def explain_report(db: Database, period: Any) -> None:
    columns, facts = figures.with_facts(
        lambda fs: [statistics._measure(f, fs).label(f"v{i}") for i, f in enumerate(figures.FIGURES)],
        statistics.in_period(period, Basis.ACCEPTED), statistics._date_column(Basis.ACCEPTED), grouped=True)
    stmt = select(facts.c.owner_org_code, *columns).group_by(facts.c.owner_org_code)
    sql = str(stmt.compile(db.engine, compile_kwargs={"literal_binds": True}))
    with db.engine.connect() as conn:
        plan = [r[0] for r in conn.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + sql)]
    print("EXPLAIN ANALYZE of the year's report:")
    for line in plan:
        if "Buffers" not in line and "Heap Blocks" not in line:
            print("   " + line)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--hub-cases", type=int, default=1_000_000, help="cases in the hub, all villages together")
    ap.add_argument("--village-cases", type=int, default=20_000, help="demo cases per village")
    ap.add_argument("--quick", action="store_true", help="10,000 cases from five villages")
    ap.add_argument("--repeat", type=int, default=21)
    ap.add_argument("--seeds", type=int, default=2,
                    help="villages whose demo cases are made; the others' bundles are derived from theirs")
    ap.add_argument("--hub-url", default=None,
                    help="a database on a running server (e.g. tests/pg_server.py --serve-tcp): the hub is imported "
                         "into it once and kept there; a later run with the same URL measures it without importing")
    ap.add_argument("--work", default=str(HERE / "results" / "pg_hub"),
                    help="keep the villages' databases and bundles here (default: bench/results/pg_hub, not in git)")
    args = ap.parse_args()
    if args.quick:
        args.hub_cases, args.village_cases = 10_000, 2_000
    args.villages = max(1, args.hub_cases // args.village_cases)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.work)
        work.mkdir(parents=True, exist_ok=True)
        run(work, Path(tmp), args)


def run(work: Path, tmp: Path, args: argparse.Namespace) -> None:
    started = time.perf_counter()
    villages, rates, derived = [], [], []
    for i in range(args.villages):
        if i < args.seeds:
            bundle, key, rate = make_village(work, i, args.village_cases)
            if rate:
                rates.append(rate)
        else:
            bundle, key, rate = derived_village(work, i, args.village_cases, args.seeds)
            if rate:
                derived.append(rate)
        villages.append((bundle, key))
    if rates or derived:
        print(f"{len(rates)} villages made (demo {stats.median(rates or [0]):,.0f} cases/s, median), "
              f"{len(derived)} derived ({stats.median(derived or [0]):,.0f} cases/s): "
              f"{time.perf_counter() - started:.0f} s with their exports", flush=True)
    server = None if args.hub_url else start_server()
    try:
        url = args.hub_url or server.url(server.create_database())  # type: ignore[union-attr]
        hub = open_database(DataPaths(tmp / "hub"), url)
        if hub.is_initialised():  # (a kept hub: --hub-url)
            print("hub kept from an earlier run: not imported again")
        else:
            import_hub(hub, villages, tmp)
        measure(hub, args, len(villages))
        hub.dispose()
    finally:
        if server is not None:
            server.stop()


def import_hub(hub: Database, villages: list[tuple[Path, Path]], tmp: Path) -> None:
    """The county hub trusts every village and imports their bundles one by one; prints and emits the rates."""
    initialise(hub, COUNTY)
    for _, key in villages:
        trust_file(hub, key, actor="admin")
    import_seconds, per_bundle = 0.0, []
    for n, (bundle, _) in enumerate(villages):
        started = time.perf_counter()
        summary = import_files(hub, [bundle], actor="admin", receipts_dir=tmp)
        seconds = time.perf_counter() - started
        import_seconds += seconds
        cases = summary.bundles[0].by_type["mediation_case"]["new"]
        per_bundle.append(cases / seconds)
        print(f"  bundle {n + 1}/{len(villages)}: {cases:,} cases in {seconds:.1f} s "
              f"({cases / seconds:,.0f} cases/s)", flush=True)
    with hub.engine.connect() as conn:
        total = int(conn.scalar(select(func.count()).select_from(Case)) or 0)
        size = int(conn.scalar(text("SELECT pg_database_size(current_database())")) or 0)
        index_size = int(conn.scalar(text("SELECT pg_total_relation_size('fts_case') + "
                                          "pg_total_relation_size('case_search_row')")) or 0)
    import_rate = total / import_seconds
    floor = insert_floor(hub, 20_000)
    print(f"hub: {total:,} cases from {len(villages)} villages; import {import_rate:,.0f} cases/s "
          f"(first bundle {per_bundle[0]:,.0f}, last {per_bundle[-1]:,.0f}); database {size / 1e6:,.0f} MB "
          f"= {size / total / 1e3:.1f} KB per case (search index {index_size / total / 1e3:.2f} KB)")
    emit(f"PostgreSQL hub: import ({total:,} cases, {len(villages)} villages)", round(import_rate), "cases/s",
         IMPORT_BUDGET, round(floor), better="higher",
         note=f"verify + apply + search index, one transaction per bundle; first bundle {per_bundle[0]:,.0f}, "
              f"last {per_bundle[-1]:,.0f} cases/s; baseline: bare case rows via Core executemany")
    emit(f"PostgreSQL hub: database size per case ({total:,} cases)", round(size / total / 1e3, 2), "KB",
         None, None, note=f"search index {index_size / total / 1e3:.2f} KB per case")


def measure(hub: Database, args: argparse.Namespace, villages: int) -> None:
    """Search, the report, the today view and the case list across all villages of the hub."""
    with hub.engine.connect() as conn:
        total = int(conn.scalar(select(func.count()).select_from(Case)) or 0)
    with hub.engine.connect() as conn:
        _, count_ms, _, _ = timed(lambda: conn.execute(select(func.count()).select_from(Case)).scalar(), 5)
    terms = pick_terms(hub, total)
    print(f"{'term kind':<28}{'term':<16}{'hits':>6}{'median ms':>11}{'p95 ms':>9}"
          f"{'whole index: median':>21}{'p95':>8}")
    with hub.engine.connect() as conn:
        for label, term in terms:
            find = functools.partial(search.search_case_keys, conn, term)
            _, med, p95, found = timed(find, args.repeat)
            _, old_med, old_p95, old_found = one_window(find, args.repeat)
            assert found == old_found, term
            print(f"{label:<28}{term:<16}{len(found):>6}{med:>11.1f}{p95:>9.1f}{old_med:>21.1f}{old_p95:>8.1f}")
            emit(f"PostgreSQL hub: search, {label} ({total:,} cases)", round(p95, 2), "ms", SEARCH_BUDGET_MS,
                 round(old_p95, 2), note=f"p95 of {args.repeat}, limit {search.DEFAULT_LIMIT}; baseline: the "
                                         "search before windows (every match through GIN, the newest kept)")

    period = parse_period("2026")
    # the report summary (reports.summary): made whole by the first report here if the imports left it short,
    # then read; the live count of the same report beside it
    first, med, _, report = timed(lambda: statistics.compute(hub, period), 3)
    live_first, live_med, _, live = timed(lambda: statistics.compute(hub, period, use_summary=False), 3)
    assert live.values == report.values
    print(f"year's report from the summary: first {first / 1000:.2f} s, median "
          f"{med / 1000:.2f} s; live: first {live_first / 1000:.2f} s, median {live_med / 1000:.2f} s; over "
          f"{report.value('cases'):,} cases of 2026; count(*) of all cases {count_ms:.0f} ms")
    emit(f"PostgreSQL hub: the year's report ({total:,} cases)", round(med / 1000, 3), "s", REPORT_BUDGET_S,
         round(count_ms / 1000, 3), note=f"{report.value('cases'):,} cases in 2026, every figure, per village, "
                                         f"summary used (live {live_med / 1000:.2f} s; first report "
                                         f"{first / 1000:.1f} s); baseline: count(*) of all cases")
    explain_report(hub, period)
    first, med, _, page = timed(lambda: today_view(hub, today=TODAY), 3)
    print(f"today view: counts of {page.total:,} items ({page.overdue:,} overdue) and the first {len(page.items)}, "
          f"first {first:.0f} ms, median {med:.0f} ms")
    emit(f"PostgreSQL hub: today view ({total:,} cases)", round(med / 1000, 3), "s", None,
         round(count_ms / 1000, 3), note=f"counts by kind and state of {page.total:,} items and the first "
                                         f"{PAGE_SIZE}; baseline: count(*) of all cases")
    first, med, _, ids = timed(lambda: find_case_ids(hub), 3)
    _, page, _, _ = timed(lambda: rows_for(hub, list(ids[:100])), 5)
    print(f"case list: {len(ids):,} ids, first {first:.0f} ms, median {med:.0f} ms; "
          f"first page of rows {page:.0f} ms")
    emit(f"PostgreSQL hub: case list, all ids + first page ({total:,} cases)", round((med + page) / 1000, 3),
         "s", None, round(count_ms / 1000, 3), note="newest first; baseline: count(*) of all cases")
    from mediation_desktop.services.queries import CaseFilter

    village = village_request(villages // 2).org_code
    _, med, _, ids = timed(lambda: find_case_ids(hub, where=CaseFilter(village=village)), 3)
    print(f"case list of one village: {len(ids):,} ids, median {med:.0f} ms")
    emit(f"PostgreSQL hub: case list of one village ({total:,} cases)", round(med / 1000, 3), "s", None,
         round(count_ms / 1000, 3), note=f"{len(ids):,} ids")


if __name__ == "__main__":
    main()
