"""Benchmark: the today view (待办) at a hub's scale, as computed by the database (``services.today.today_view``:
the counts by kind and state and the first page) against the rules applied case by case in Python (the way
before, ``tests/today_reference.py``), in alternating runs on the same database; ``EXPLAIN ANALYZE`` of the
main statement (the first page) on PostgreSQL.

    .venv/bin/python bench/today_view.py --url postgresql+psycopg://…/hub   # a hub kept by pg_hub.py --hub-url
    .venv/bin/python bench/today_view.py --sqlite-cases 100000 [--work DIR]  # demo cases on SQLite (kept in DIR)

Prints, for each way: the first run and the median of ``--repeat`` warm runs (alternating), and the items.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics as stats
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
from run_all import emit  # noqa: E402
from today_reference import python_today_items  # noqa: E402

from mediation_desktop.paths import DataPaths  # noqa: E402
from mediation_desktop.services import demo  # noqa: E402
from mediation_desktop.services.setup import SetupRequest, initialise  # noqa: E402
from mediation_desktop.services.today import PAGE_SIZE, today_items, today_view, view_statement  # noqa: E402
from mediation_desktop.storage.database import Database, open_database  # noqa: E402

TODAY = dt.date(2026, 11, 1)  # (the day pg_hub.py's villages were made for)
VILLAGE = SetupRequest("330102001", "石桥村人民调解委员会", "village", "admin", "secret123", parent_code="330102")


def sqlite_db(work: Path, cases: int) -> Database:
    db = open_database(DataPaths(work / f"today-{cases}"))
    if not db.is_initialised():
        initialise(db, VILLAGE)
        demo.generate(db, count=cases, seed=2026, today=TODAY)
    return db


def explain(db: Database) -> None:
    from mediation_desktop.services.privacy import visible_clause

    stmt = view_statement(TODAY, 15, visible_clause(None), "postgresql")
    sql = str(stmt.compile(db.engine, compile_kwargs={"literal_binds": True}))
    with db.engine.connect() as conn:
        plan = [r[0] for r in conn.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + sql)]
    print("EXPLAIN ANALYZE of the view's statement (counts + first page):")
    for line in plan:
        if "Buffers" not in line:
            print("   " + line)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", help="a hub's database (PostgreSQL)")
    ap.add_argument("--sqlite-cases", type=int, default=100_000)
    ap.add_argument("--work", default=str(HERE / "results" / "today_view"))
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    db = open_database(DataPaths(Path(args.work) / "hub"), args.url) if args.url else \
        sqlite_db(Path(args.work), args.sqlite_cases)
    engine = "PostgreSQL hub" if args.url else "SQLite"
    ways: dict[str, Any] = {
        "python (before)": lambda: python_today_items(db, today=TODAY),
        "sql: counts + first page": lambda: today_view(db, today=TODAY),
        "sql: every item": lambda: today_items(db, today=TODAY),
    }
    first: dict[str, float] = {}
    samples: dict[str, list[float]] = {name: [] for name in ways}
    found: dict[str, Any] = {}
    for name, fn in ways.items():
        started = time.perf_counter()
        found[name] = fn()
        first[name] = (time.perf_counter() - started) * 1000
    for _ in range(args.repeat):  # alternating
        for name, fn in ways.items():
            started = time.perf_counter()
            fn()
            samples[name].append((time.perf_counter() - started) * 1000)
    before = found["python (before)"]
    assert found["sql: every item"] == before
    page = found["sql: counts + first page"]
    assert page.items == before[:PAGE_SIZE] and page.total == len(before)
    print(f"{engine}: today view on {TODAY}, {len(before):,} items ({page.overdue:,} overdue)")
    for name in ways:
        med = stats.median(samples[name])
        print(f"  {name:<28} first {first[name]:>8.0f} ms   warm median {med:>8.0f} ms")
    med_before, med_page = stats.median(samples["python (before)"]), stats.median(samples["sql: counts + first page"])
    emit(f"{engine}: today view, counts + first page", round(med_page / 1000, 3), "s", None,
         round(med_before / 1000, 3), note=f"{len(before):,} items; baseline: every item by the rules in Python")
    if args.url:
        explain(db)
    db.dispose()


if __name__ == "__main__":
    main()
