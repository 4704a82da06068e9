"""Benchmark: demo data generation throughput (target ≥ 5,000 cases/s at 100,000 cases).

Prints the figure and, as a same-run baseline on this (noisy) machine, SQLAlchemy Core inserting
the same number of bare case rows into the same kind of database.

    .venv/bin/python bench/demo_throughput.py [--cases 100000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
import uuid
from pathlib import Path

from mediation_desktop.paths import DataPaths
from mediation_desktop.services import demo
from mediation_desktop.services.setup import SetupRequest, initialise
from mediation_desktop.storage.database import open_database
from mediation_desktop.storage.engine import WRITE
from mediation_desktop.storage.models import Case

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
            conn.execute(Case.__table__.insert(), rows[start:start + 1000])
    seconds = time.perf_counter() - started
    db.dispose()
    return n / seconds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=100_000)
    n = ap.parse_args().cases
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(DataPaths(Path(tmp) / "demo"))
        initialise(db, SetupRequest("330102001", "石桥村人民调解委员会", "village", "admin", "secret123"))
        started = time.perf_counter()
        demo.generate(db, count=n, seed=2026)
        rate = n / (time.perf_counter() - started)
        db.dispose()
        base = baseline(Path(tmp) / "baseline", n)
    verdict = "OK" if rate >= BUDGET else "MISSED"
    print(f"{'figure':<34}{'value':>14}{'budget':>12}{'baseline':>16}{'ratio':>8}  verdict")
    print(f"{'demo cases/s (' + format(n, ',') + ')':<34}{rate:>14,.0f}{BUDGET:>12,.0f}{base:>16,.0f}"
          f"{rate / base:>8.2f}  {verdict}")
    print("baseline = bare case rows/s through SQLAlchemy Core executemany, same run, same machine")


if __name__ == "__main__":
    main()
