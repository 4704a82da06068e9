"""How long reading and checking a village's old ledger takes (``read_sheet`` + ``plan_import``, the dry run).

A ledger of ``--rows`` cases (the export's columns, a few names that start like formulas) is written as .xlsx
and .csv, then read and checked against an empty installation ``--repeat`` times each; the best and median
seconds are printed as JSON. Nothing is imported, unless ``--apply``: then the .csv's rows are also written
(``apply_import``, one transaction) and the same file checked again (every row already here), once each.

    PYTHONPATH=. .venv/bin/python bench/ledger_plan.py --rows 20000 --repeat 3 [--apply]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any


def _rows(n: int) -> list[dict[str, Any]]:
    from mediation_desktop.reports.ledger import COLUMNS

    out = []
    for i in range(n):
        row: dict[str, Any] = {c.key: None for c in COLUMNS}
        day = dt.date(2025, 1, 1) + dt.timedelta(days=i % 360)
        row.update(seq=i + 1, accepted_on=day, closed_on=day + dt.timedelta(days=3), category="邻里纠纷",
                   applicants=("=" if i % 50 == 0 else "") + f"张{i}", respondents=f"李{i}、王{i}公司",
                   title=f"第{i}件纠纷", summary="宅基地滴水，双方争执。" * 3, amount=3500 + i, mediator="王建国",
                   outcome="调解成功", note="口头协议")
        out.append(row)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--apply", action="store_true", help="also time writing the rows and checking them again")
    args = parser.parse_args()
    from mediation_desktop.paths import DataPaths
    from mediation_desktop.reports.ledger import ledger_csv
    from mediation_desktop.reports.ledger_import import plan_import, read_sheet
    from mediation_desktop.reports.xlsx import ledger_xlsx
    from mediation_desktop.services.setup import SetupRequest, initialise
    from mediation_desktop.storage.database import open_database

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        db = open_database(DataPaths(root / "data"))
        initialise(db, SetupRequest(org_code="330102001", org_name="石桥村人民调解委员会", level="village",
                                    parent_code="330102", admin_username="admin", admin_password="good-pass-1"))
        rows = _rows(args.rows)
        result: dict[str, Any] = {"rows": args.rows}
        for kind, data in (("xlsx", ledger_xlsx(rows)), ("csv", ledger_csv(rows))):
            path = root / f"ledger.{kind}"
            path.write_bytes(data)
            times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                plan = plan_import(db, read_sheet(path), today=dt.date(2026, 12, 6))
                times.append(time.perf_counter() - t0)
                assert plan.count("new") == args.rows, plan.count("error")
            result[kind] = {"best_s": round(min(times), 2), "median_s": round(statistics.median(times), 2)}
        if args.apply:
            from mediation_desktop.domain.enums import Role
            from mediation_desktop.reports.ledger_import import apply_import
            from mediation_desktop.services.accounts import Actor

            t0 = time.perf_counter()
            added = apply_import(db, Actor("admin", "admin", Role.DIRECTOR), plan, today=dt.date(2026, 12, 6)).added
            result["apply_s"] = round(time.perf_counter() - t0, 2)
            t0 = time.perf_counter()
            again = plan_import(db, read_sheet(root / "ledger.csv"), today=dt.date(2026, 12, 6))
            result["again_s"] = round(time.perf_counter() - t0, 2)
            assert added == args.rows and again.count("duplicate") == args.rows
        db.dispose()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
