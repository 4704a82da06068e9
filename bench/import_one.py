"""One village bundle imported into a fresh hub, with the CPU of each side: the figure to compare an import's
code before and after a change (``bench/pg_hub.py`` measures the county; this measures one bundle, closely).

    .venv/bin/python bench/import_one.py BUNDLE KEY [BUNDLE KEY …] [--sqlite] [--profile FILE] [--repeat N]

The hub (the county of ``pg_hub.py``) is a fresh database on the throwaway PostgreSQL server of
``tests/pg_server.py`` (``--sqlite``: a fresh SQLite hub); it trusts ``KEY`` (the village's public key file)
and imports ``BUNDLE`` once per ``--repeat``, each into a new hub. Several ``BUNDLE KEY`` pairs (villages) are
imported together, in one import: five 20,000-case villages make the 100,000 cases of one transaction that
``bench/sync_throughput.py`` measures. Printed per import: wall seconds, cases per second, the CPU seconds of
this process (``getrusage``; of which in the kernel), of its children (the token process, the record checks'
process) and of the PostgreSQL server's processes (from ``/proc``: the backend that did the work, and the rest).
``--profile`` writes a cProfile of the import (``python -m pstats FILE``; the profiler slows the client about
twofold).
"""

from __future__ import annotations

import argparse
import cProfile
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
from pg_hub import COUNTY  # noqa: E402
from pg_server import Server, start_server  # noqa: E402

from mediation_desktop.paths import DataPaths  # noqa: E402
from mediation_desktop.services.setup import initialise  # noqa: E402
from mediation_desktop.storage.database import open_database  # noqa: E402
from mediation_desktop.sync.importer import import_files  # noqa: E402
from mediation_desktop.sync.keys import trust_file  # noqa: E402


def server_cpu(server: Server | None) -> float:
    """CPU seconds (user + system) used so far by the server's processes (its postmaster and children)."""
    if server is None:
        return 0.0
    postmaster = server.process.pid
    tick = 100.0  # (USER_HZ on Linux)
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(stat.parent.name), int(fields[1])
        if pid == postmaster or ppid == postmaster:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def cpu() -> tuple[float, float]:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def system_cpu() -> float:
    """This process's CPU seconds in the kernel (reads and writes of the database's pages, mostly)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_stime


def import_once(villages: list[tuple[Path, Path]], tmp: Path, server: Server | None, profile: str | None) -> None:
    url = server.url(server.create_database()) if server is not None else None
    hub = open_database(DataPaths(tmp / "hub"), url)
    initialise(hub, COUNTY)
    for _, key in villages:
        trust_file(hub, key, actor="admin")
    profiler = cProfile.Profile() if profile else None
    before_self, before_kids = cpu()
    before_system = system_cpu()
    before_server = server_cpu(server)
    started = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    summary = import_files(hub, [bundle for bundle, _ in villages], actor="admin", receipts_dir=tmp)
    if profiler is not None:
        profiler.disable()
    seconds = time.perf_counter() - started
    after_self, after_kids = cpu()
    system = system_cpu() - before_system
    server_seconds = server_cpu(server) - before_server
    cases = sum(b.by_type["mediation_case"]["new"] for b in summary.bundles)
    print(f"{'postgresql' if server else 'sqlite'}: {cases:,} cases in {seconds:.1f} s ({cases / seconds:,.0f} "
          f"cases/s); CPU: client {after_self - before_self:.2f} s (system {system:.2f} s), second processes "
          f"{after_kids - before_kids:.2f} s"
          + (f", server {server_seconds:.2f} s" if server else ""), flush=True)
    if profiler is not None and profile:
        profiler.dump_stats(profile)
    hub.dispose()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", type=Path, nargs="+", metavar="BUNDLE KEY", help="a bundle and its village's key")
    ap.add_argument("--sqlite", action="store_true", help="a SQLite hub instead of PostgreSQL")
    ap.add_argument("--profile", help="write a cProfile of the (last) import here")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    if len(args.files) % 2:
        ap.error("BUNDLE KEY pairs expected")
    villages = list(zip(args.files[::2], args.files[1::2], strict=True))
    server = None if args.sqlite else start_server()
    try:
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as tmp:
                import_once(villages, Path(tmp), server, args.profile)
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
