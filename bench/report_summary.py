"""Benchmark: the year's report on a PostgreSQL hub, from the report summary (``reports.summary``) and live.

``build`` imports the first villages' full bundles of a ``pg_hub.py`` work folder (read only) into a database on
a running server (``python tests/pg_server.py --serve-tcp`` prints its URL); ``measure`` runs the year's report
(and a month's, a quarter's and a custom range's) on that hub, live and from the summary in alternating runs,
each first run and warm, checks every figure of both is the same, and prints the figures. Keeping the server
and the hub between runs lets the code before and after a change be measured on the same data.

    python bench/report_summary.py build --url URL --data DIR --bundles bench/results/pg_hub/20000-cases --villages 5
    python bench/report_summary.py measure --url URL --data DIR [--rounds 5]
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
    args = ap.parse_args()
    if args.command == "build":
        build(args)
    else:
        measure(args)


def measure(args: Any) -> None:  # (filled in with the summary)
    raise SystemExit("not yet")


if __name__ == "__main__":
    main()
