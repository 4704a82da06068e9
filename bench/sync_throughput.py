"""Benchmark: sync export and import at 100,000 cases (budgets: export ≥ 20,000 cases/s; import, verify +
apply, ≥ 10,000 cases/s; re-importing the same bundle ≥ 5 × faster than the first import).

A village with the demo cases exports everything (encrypted for its township, as in the field); the
township imports it into an empty database (verify, dry-run classification, one transaction with the
search index rows of every imported case, ledger), then imports the same file again. Same-run baselines
on this (noisy, shared) machine:
reading every record row with plain ``SELECT *`` (export) and inserting bare case rows with SQLAlchemy
Core executemany (import); and a floor for the import: the same rows written by bare sqlite3 executemany
into an empty database of the same schema, with its commit.

    .venv/bin/python bench/sync_throughput.py [--cases 100000] [--data-dir DIR]

``--data-dir`` uses an existing demo database (copied first: the benchmark writes to its village).
Prints every figure as a ``BENCH {json}`` line as well (see ``bench/run_all.py``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import cast

from sqlalchemy import Table, func, select, text

from mediation_desktop.paths import DataPaths
from mediation_desktop.services import demo
from mediation_desktop.services.setup import SetupRequest, initialise
from mediation_desktop.storage.database import Database, open_database
from mediation_desktop.storage.engine import WRITE
from mediation_desktop.storage.models import Case, CaseSearchRow
from mediation_desktop.sync import schema
from mediation_desktop.sync.export import export_bundle
from mediation_desktop.sync.importer import import_files
from mediation_desktop.sync.keys import keys_dir, own_keys, public_key_file, trust_file

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run_all import emit

EXPORT_BUDGET, IMPORT_BUDGET, REIMPORT_BUDGET = 20_000.0, 10_000.0, 5.0
VILLAGE = SetupRequest("330102001", "石桥村人民调解委员会", "village", "admin", "secret123", parent_code="330102")
TOWNSHIP = SetupRequest("330102", "城关镇人民调解委员会", "township", "admin", "secret123", parent_code="330100")


def village_db(root: Path, source: str | None, cases: int) -> Database:
    paths = DataPaths(root / "village")
    if source:
        origin = DataPaths(Path(source))
        paths.root.mkdir(parents=True)
        src = sqlite3.connect(f"{origin.database.as_uri()}?mode=ro", uri=True)
        dst = sqlite3.connect(paths.database)
        src.backup(dst)  # a consistent copy, WAL included; the original is only read
        src.close()
        dst.close()
        # the private keys live beside the database (keys/), attachments in files/: without them the
        # copy cannot sign (sync.no_keys) or send its scans
        for folder in (keys_dir(origin), origin.files):
            if folder.is_dir():
                shutil.copytree(folder, paths.root / folder.name)
        db = open_database(paths)  # migrates the copy if the original is at an older revision
        with db.engine.begin() as conn:  # a village under the township, as in the field: its export is encrypted
            conn.execute(text("UPDATE installation SET parent_code = :p WHERE parent_code IS NULL"),
                         {"p": VILLAGE.parent_code})
            conn.execute(text("UPDATE sync_peer SET parent_code = :p WHERE is_self AND parent_code IS NULL"),
                         {"p": VILLAGE.parent_code})
        return db
    db = open_database(paths)
    initialise(db, VILLAGE)
    demo.generate(db, count=cases, seed=2026)
    return db


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user + system) used so far by this process and by its finished children (``getrusage``)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def read_baseline(db: Database) -> float:
    """Seconds to read every record row with plain SELECT * (no conversion, no JSON, no file)."""
    con = sqlite3.connect(db.paths.database)
    started = time.perf_counter()
    for t in schema.RECORD_TYPES:
        con.execute(f"SELECT * FROM {t}").fetchall()
    seconds = time.perf_counter() - started
    con.close()
    return seconds


def write_floor(source: Database, root: Path) -> float:
    """Seconds to write every record row the import wrote, as SQLite stores them, straight into an empty
    database of the same schema: bare sqlite3 executemany in one transaction and its commit, nothing
    checked or converted — what the disk and SQLite alone cost on this machine."""
    src = sqlite3.connect(source.paths.database)
    tables = {t: src.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in schema.RECORD_TYPES}
    src.close()
    empty = open_database(DataPaths(root))
    empty.dispose()
    con = sqlite3.connect(empty.paths.database, isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON", "cache_size = -256000"):
        con.execute(f"PRAGMA {pragma}")
    started = time.perf_counter()
    con.execute("BEGIN")
    for t, rows in tables.items():
        if rows:
            con.executemany(f"INSERT INTO {t} VALUES ({', '.join('?' * len(rows[0]))})", rows)
    con.execute("COMMIT")
    seconds = time.perf_counter() - started
    con.close()
    return seconds


def insert_baseline(root: Path, n: int) -> float:
    """Bare case rows per second through SQLAlchemy Core executemany (as bench/demo_throughput.py)."""
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--data-dir", help="an existing demo database to export (copied, not changed)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        village = village_db(root, args.data_dir, args.cases)
        with village.read_session() as s:
            n = int(s.scalar(select(func.count()).select_from(Case)) or 0)
        township = open_database(DataPaths(root / "township"))
        initialise(township, TOWNSHIP)
        (root / "v.key").write_bytes(public_key_file(own_keys(village)))
        (root / "t.key").write_bytes(public_key_file(own_keys(township)))
        trust_file(township, root / "v.key", actor="admin")
        trust_file(village, root / "t.key", actor="admin")
        stick = root / "stick"
        stick.mkdir()

        read_seconds = read_baseline(village)
        started = time.perf_counter()
        result = export_bundle(village, stick / "full.zip", actor="admin", full=True)
        export_seconds = time.perf_counter() - started
        size_mb = (stick / "full.zip").stat().st_size / 1e6

        cpu_before = cpu_seconds()
        started = time.perf_counter()
        first = import_files(township, [stick / "full.zip"], actor="admin", receipts_dir=stick)
        import_seconds = time.perf_counter() - started
        import_cpu, token_cpu = (after - before for after, before in zip(cpu_seconds(), cpu_before, strict=True))
        assert first.total("new") == result.records, (first.total("new"), result.records)
        with township.read_session() as s:
            assert s.scalar(select(func.count()).select_from(CaseSearchRow)) == n  # indexed in the import
        floor_seconds = write_floor(township, root / "floor")

        started = time.perf_counter()
        again = import_files(township, [stick / "full.zip"], actor="admin", receipts_dir=stick)
        again_seconds = time.perf_counter() - started
        assert again.bundles[0].already_imported

        export_bundle(village, stick / "same.zip", actor="admin", full=True)
        started = time.perf_counter()
        same = import_files(township, [stick / "same.zip"], actor="admin", receipts_dir=stick)
        same_seconds = time.perf_counter() - started
        assert same.total("unchanged") == result.records and same.total("new") == 0

        village.dispose()
        township.dispose()
        insert_rate = insert_baseline(root / "baseline", min(n, 100_000))

    export_rate, import_rate, floor_rate = n / export_seconds, n / import_seconds, n / floor_seconds
    read_rate = n / read_seconds
    speedup, same_speedup = import_seconds / again_seconds, import_seconds / same_seconds
    print(f"{n:,} cases, {result.records:,} records; bundle {size_mb:,.1f} MB (encrypted: {result.encrypted})")
    print(f"{'figure':<44}{'value':>12}{'budget':>10}{'baseline':>12}  verdict")
    rows = [("export, cases/s", export_rate, EXPORT_BUDGET, read_rate),
            ("import (verify + apply + index), cases/s", import_rate, IMPORT_BUDGET, insert_rate),
            ("re-import of the same bundle, × faster", speedup, REIMPORT_BUDGET, None),
            ("import of the same records again, × faster", same_speedup, None, None)]
    for name, value, budget, base in rows:
        verdict = "" if budget is None else ("OK" if value >= budget else "MISSED")
        print(f"{name:<44}{value:>12,.1f}{budget or 0:>10,.0f}{base or 0:>12,.0f}  {verdict}")
    print(f"times: export {export_seconds:.1f} s, import {import_seconds:.1f} s, same bundle again "
          f"{again_seconds:.1f} s, same records in a new bundle {same_seconds:.1f} s")
    print(f"floor: the same rows written by bare sqlite3 executemany + commit, nothing checked: {floor_seconds:.1f} s "
          f"= {floor_rate:,.0f} cases/s; the import reaches {import_rate / floor_rate:.0%} of it")
    print(f"CPU of the import: importing process {import_cpu:.2f} s, token process {token_cpu:.2f} s")
    print("baselines: export = cases/s of reading every record row with plain SELECT *; "
          "import = bare case rows/s via Core executemany (same run)")
    emit(f"export ({n:,} cases, encrypted)", export_rate, "cases/s", EXPORT_BUDGET, read_rate, better="higher",
         note="baseline: every record row read with plain SELECT *, as cases/s")
    emit(f"import (verify + apply + search index) ({n:,} cases)", import_rate, "cases/s", IMPORT_BUDGET,
         insert_rate, better="higher",
         note=f"baseline: bare case rows via Core executemany; floor: the same rows by bare sqlite3 executemany "
              f"+ commit {floor_rate:,.0f} cases/s ({import_rate / floor_rate:.0%} of it reached, the floor "
              f"without the search index)")
    emit("no-change re-import speed-up (same bundle)", speedup, "×", REIMPORT_BUDGET, None, better="higher",
         note=f"same records in a new bundle: {same_speedup:.1f}×")


if __name__ == "__main__":
    main()
