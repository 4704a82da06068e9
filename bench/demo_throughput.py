"""Benchmark: demo data generation throughput (target ≥ 5,000 cases/s at 100,000 cases).

Prints the figure and, as a same-run baseline on this (noisy) machine, SQLAlchemy Core inserting
the same number of bare case rows into the same kind of database.

    .venv/bin/python bench/demo_throughput.py [--cases 100000] [--data-dir DIR]

With ``--data-dir`` the demo database is made in DIR (which must not hold one yet) and kept, so
``bench/run_all.py`` generates the 100,000 cases once and hands them to the other benchmarks.
Prints the figure as a ``BENCH {json}`` line as well (see ``bench/run_all.py``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import cast

from sqlalchemy import Table

from mediation_desktop.paths import DataPaths
from mediation_desktop.services import demo
from mediation_desktop.services.setup import SetupRequest, initialise
from mediation_desktop.storage.database import open_database
from mediation_desktop.storage.engine import WRITE
from mediation_desktop.storage.models import Case

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run_all import emit

BUDGET = 5000.0


def baseline(root: Path, n: int) -> float:
    db = open_database(DataPaths(root))
    inst = uuid.uuid4()
    now = dt.datetime.now(dt.UTC)
    rows = [dict(id=uuid.uuid4(), case_no=f"b{i}", year=2026, serial=i + 1, owner_org_code="1",
                 owner_installation_id=inst, title="t", category_code="other", category_scheme="2021",
                 source="application", status="accepted", registered_on=dt.date(2026, 1, 1), summary="",
                 requests=[], created_at=now, updated_at=now, change_seq=1) for i in range(n)]
    started = time.perf_counter()
    for start in range(0, n, 1000):
        with db.engine.execution_options(**WRITE).begin() as conn:
            conn.execute(cast(Table, Case.__table__).insert(), rows[start:start + 1000])
    seconds = time.perf_counter() - started
    db.dispose()
    return n / seconds


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user + system) used so far by this process and by its finished children (``getrusage``):
    the steadier figure on a shared machine, where the wall clock swings with the other processes."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--data-dir", help="make the demo database here and keep it (must not exist yet)")
    args = ap.parse_args()
    n = args.cases
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(args.data_dir) if args.data_dir else Path(tmp) / "demo"
        db = open_database(DataPaths(target))
        if db.is_initialised():
            raise SystemExit(f"{target} already holds a database: demo generation is measured on a new one")
        initialise(db, SetupRequest("330102001", "石桥村人民调解委员会", "village", "admin", "secret123"))
        cpu_before = cpu_seconds()
        started = time.perf_counter()
        demo.generate(db, count=n, seed=2026)
        rate = n / (time.perf_counter() - started)
        writer_cpu, maker_cpu = (after - before for after, before in zip(cpu_seconds(), cpu_before, strict=True))
        db.dispose()
        base = baseline(Path(tmp) / "baseline", n)
    verdict = "OK" if rate >= BUDGET else "MISSED"
    print(f"{'figure':<34}{'value':>14}{'budget':>12}{'baseline':>16}{'ratio':>8}  verdict")
    print(f"{'demo cases/s (' + format(n, ',') + ')':<34}{rate:>14,.0f}{BUDGET:>12,.0f}{base:>16,.0f}"
          f"{rate / base:>8.2f}  {verdict}")
    print("baseline = bare case rows/s through SQLAlchemy Core executemany, same run, same machine")
    print(f"CPU of the generation: writer {writer_cpu:.2f} s, case maker (second process) {maker_cpu:.2f} s")
    emit(f"demo generation ({n:,} cases, with search index)", rate, "cases/s", BUDGET, base, better="higher",
         note="baseline: bare case rows via Core executemany")


if __name__ == "__main__":
    main()
