"""Rig: the cost of the search index's GIN inserts into a county-sized PostgreSQL hub, per pending-list setting.

One real 20,000-case village (``village000`` of ``bench/pg_hub.py``'s work folder) is imported by the program into
a hub on the throwaway server of ``tests/pg_server.py``; its ``fts_case`` rows are multiplied server-side with new
doc numbers into a ``rig`` table of ``--docs`` rows (1,000,000 by default) and the GIN index is built after the
copy. A second village (``village001``) is imported into another database for its token rows. Then, per run, that
village's 20,000 token rows go into ``rig`` as the import writes them (one ``INSERT … SELECT
array_to_tsvector(string_to_array(…)) FROM unnest(…)`` of the whole batch, in one transaction) under each variant
in turn (alternating, ``--runs`` rounds), and the rig measures:

- the insert statement's wall and the server's CPU (``/proc``), then the clean of the pending list
  (``gin_clean_pending_list``) right after the commit, as ``storage.planner`` does after a bulk write;
- the pending list left by the insert (``pgstatginindex``: pages, tuples);
- keystroke searches (p95 of ``--repeat``: the matches counted through the GIN index) with that pending list still
  there, and again once it is cleaned.

    PYTHONPATH=. .venv/bin/python bench/pg_gin.py [--work DIR] [--docs 1000000] [--runs 2] [--variants a,b]
    PYTHONPATH=. .venv/bin/python bench/pg_gin.py --hub-villages 5 --runs 2

``--hub-villages N`` measures the whole import instead: a hub of N villages, then more villages imported one by
one, alternately as before revision 0012 and after (``hub_imports``).

Every run's rows stay (the rig grows by 20,000 docs a run, as a hub does with each import; the alternation spreads
that over the variants). Needs PostgreSQL's server programs (see ``pg_server``).
"""

from __future__ import annotations

import argparse
import statistics as stats
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
from import_one import server_cpu  # noqa: E402
from pg_hub import COUNTY  # noqa: E402
from pg_server import Server, start_server  # noqa: E402

from mediation_desktop.paths import DataPaths  # noqa: E402
from mediation_desktop.services.setup import initialise  # noqa: E402
from mediation_desktop.storage.database import Database, open_database  # noqa: E402
from mediation_desktop.sync.importer import import_files  # noqa: E402
from mediation_desktop.sync.keys import trust_file  # noqa: E402

# name: the settings of the inserting transaction (SET LOCAL), the index's own parameter reset
VARIANTS: dict[str, dict[str, str]] = {
    "256kB": {"gin_pending_list_limit": "256kB"},
    "4MB": {"gin_pending_list_limit": "4MB"},
    "64MB": {"gin_pending_list_limit": "64MB"},
    "64MB+wm256MB": {"gin_pending_list_limit": "64MB", "work_mem": "256MB"},
    "256MB": {"gin_pending_list_limit": "256MB"},
    "256MB+mwm256MB": {"gin_pending_list_limit": "256MB", "maintenance_work_mem": "256MB"},
    "fastupdate-off": {},
}
INSERT = ("INSERT INTO rig (doc, tokens) SELECT :base + g.n, array_to_tsvector(string_to_array(g.t, ' ')) "
          "FROM unnest(CAST(:tokens AS text[])) WITH ORDINALITY AS g (t, n)")


def imported_hub(server: Server, village: Path, tmp: Path) -> Database:
    hub = open_database(DataPaths(tmp / village.name), server.url(server.create_database()))
    initialise(hub, COUNTY)
    trust_file(hub, village / "key.json", actor="admin")
    started = time.perf_counter()
    summary = import_files(hub, [village / "full.zip"], actor="admin", receipts_dir=tmp)
    cases = summary.bundles[0].by_type["mediation_case"]["new"]
    print(f"{village.name}: {cases:,} cases imported in {time.perf_counter() - started:.1f} s", flush=True)
    return hub


def build_rig(conn: Connection, docs: int) -> int:
    """``rig`` filled with ``docs`` rows of the village's token vectors (new doc numbers), GIN index built after."""
    per = int(conn.scalar(text("SELECT count(*) FROM fts_case")) or 0)
    top = int(conn.scalar(text("SELECT max(doc) FROM fts_case")) or 0)
    copies = -(-docs // per)
    started = time.perf_counter()
    conn.exec_driver_sql("CREATE TABLE rig (doc integer PRIMARY KEY, tokens tsvector NOT NULL)")
    conn.execute(text("INSERT INTO rig (doc, tokens) SELECT k * :top + f.doc, f.tokens "
                      "FROM generate_series(0, :last) AS k CROSS JOIN fts_case AS f ORDER BY k, f.doc"),
                 {"top": top, "last": copies - 1})
    copied = time.perf_counter()
    conn.exec_driver_sql("SET maintenance_work_mem = '1GB'")
    conn.exec_driver_sql("CREATE INDEX rig_tokens ON rig USING gin (tokens)")
    built = time.perf_counter()
    conn.exec_driver_sql("VACUUM ANALYZE rig")
    rows = int(conn.scalar(text("SELECT count(*) FROM rig")) or 0)
    size = int(conn.scalar(text("SELECT pg_relation_size('rig_tokens')")) or 0)
    print(f"rig: {rows:,} docs ({copies} copies of {per:,}); copy {copied - started:.0f} s, GIN build "
          f"{built - copied:.0f} s, index {size / 1e6:,.0f} MB", flush=True)
    return copies * top


def pending(conn: Connection) -> tuple[int, int]:
    row = conn.execute(text("SELECT pending_pages, pending_tuples FROM pgstatginindex('rig_tokens')")).one()
    return int(row[0]), int(row[1])


def search_p95(conn: Connection, queries: list[str], repeat: int) -> float:
    """p95 in ms over every query × repeat: the docs matching, counted by a scan of the GIN index (which reads the
    whole pending list; an ``ORDER BY doc DESC LIMIT`` would let a stale planner walk the primary key instead);
    each query's median is printed too."""
    times, medians = [], []
    # the index, as at a hub's size (a small rig just grown by an import would be read whole by a stale planner)
    conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
    for q in queries:
        mine = []
        for _ in range(repeat):
            started = time.perf_counter()
            conn.execute(text("SELECT count(*) FROM rig WHERE tokens @@ CAST(:q AS tsquery)"), {"q": q}).all()
            mine.append((time.perf_counter() - started) * 1000)
        times.extend(mine)
        medians.append(stats.median(mine))
    print("    search medians (ms): " + ", ".join(f"{q} {m:.1f}" for q, m in zip(queries, medians, strict=True)),
          flush=True)
    times.sort()
    return times[max(0, round(0.95 * len(times)) - 1)]


def pick_queries(tokens: list[str]) -> list[str]:
    """A whole ID number (one case), a name (n…), a gram and a half-typed name prefix from the new village's first
    rows' tokens."""
    lexemes = [t for row in tokens[:50] for t in row.split(" ")]
    name = next(t for t in lexemes if t.startswith("n") and len(t) >= 3)
    gram = next(t for t in lexemes if t.startswith("g") and not t[1:2].isascii())
    rare = next(t for t in lexemes if t.startswith("l") and len(t) >= 12)  # a whole ID number: one case
    return [f"'{rare}'", f"'{name}'", f"'{gram}'", f"'{name[:2]}':*"]


def one_run(hub: Database, server: Server, name: str, tokens: list[str], base: int, queries: list[str],
            repeat: int) -> dict[str, Any]:
    settings = VARIANTS[name]
    with hub.engine.connect() as conn:
        conn.exec_driver_sql("ALTER INDEX rig_tokens SET (fastupdate = off)" if name == "fastupdate-off"
                             else "ALTER INDEX rig_tokens RESET (fastupdate)")
        conn.commit()
        before_server = server_cpu(server)
        started = time.perf_counter()
        for key, value in settings.items():
            conn.exec_driver_sql(f"SET LOCAL {key} = '{value}'")
        conn.execute(text(INSERT), {"base": base, "tokens": tokens})
        conn.commit()
        inserted = time.perf_counter()
        insert_cpu = server_cpu(server) - before_server
        pages, tuples = pending(conn)
        dirty = search_p95(conn, queries, repeat)
        before_server = server_cpu(server)
        cleaning = time.perf_counter()
        conn.execute(text("SELECT gin_clean_pending_list('rig_tokens'::regclass)"))
        conn.commit()
        cleaned = time.perf_counter()
        clean_cpu = server_cpu(server) - before_server
        clean = search_p95(conn, queries, repeat)
        if name == "fastupdate-off":
            conn.exec_driver_sql("ALTER INDEX rig_tokens RESET (fastupdate)")
            conn.commit()
    out = {"variant": name, "insert_s": inserted - started, "insert_cpu": insert_cpu, "clean_s": cleaned - cleaning,
           "clean_cpu": clean_cpu, "pending_pages": pages, "pending_tuples": tuples, "search_dirty_ms": dirty,
           "search_clean_ms": clean}
    print(f"  {name:>15}: insert {out['insert_s']:5.1f} s (server CPU {insert_cpu:5.1f}) + clean "
          f"{out['clean_s']:4.1f} s ({clean_cpu:4.1f}) = {out['insert_s'] + out['clean_s']:5.1f} s "
          f"[{len(tokens) / (out['insert_s'] + out['clean_s']):,.0f} docs/s]; pending list {pages:,} pages "
          f"({tuples:,} tuples); search p95 {dirty:6.1f} ms with it, {clean:5.1f} ms cleaned", flush=True)
    return out


def hub_imports(server: Server, villages: Path, tmp: Path, hub_villages: int, runs: int) -> None:
    """``--hub-villages N``: a hub of villages 0…N-1 imported by the program, then ``2 × runs`` more villages
    imported one at a time, alternately with the index's own 256 kB limit (as every hub before revision 0012 had
    it: it wins over the import's ``SET LOCAL``) and without it (revision 0012: the import's large list)."""
    hub = open_database(DataPaths(tmp / "hub"), server.url(server.create_database()))
    initialise(hub, COUNTY)
    for i in range(hub_villages + 2 * runs):
        trust_file(hub, villages / f"village{i:03d}" / "key.json", actor="admin")
    for i in range(hub_villages):
        import_files(hub, [villages / f"village{i:03d}" / "full.zip"], actor="admin", receipts_dir=tmp)
    with hub.engine.connect() as conn:
        cases = int(conn.scalar(text("SELECT count(*) FROM mediation_case")) or 0)
    print(f"hub: {cases:,} cases from {hub_villages} villages", flush=True)
    rates: dict[str, list[float]] = {"before": [], "after": []}
    for n in range(2 * runs):
        which = ("before", "after")[n % 2] if n % 4 < 2 else ("after", "before")[n % 2]
        with hub.engine.begin() as conn:
            conn.exec_driver_sql("ALTER INDEX fts_case_tokens SET (gin_pending_list_limit = 256)" if which == "before"
                                 else "ALTER INDEX fts_case_tokens RESET (gin_pending_list_limit)")
        village = villages / f"village{hub_villages + n:03d}"
        before_server = server_cpu(server)
        started = time.perf_counter()
        summary = import_files(hub, [village / "full.zip"], actor="admin", receipts_dir=tmp)
        seconds = time.perf_counter() - started
        new = summary.bundles[0].by_type["mediation_case"]["new"]
        rates[which].append(new / seconds)
        print(f"  {village.name} ({which}): {new:,} cases in {seconds:.1f} s ({new / seconds:,.0f} cases/s), "
              f"server CPU {server_cpu(server) - before_server:.1f} s", flush=True)
    print("; ".join(f"{k}: " + ", ".join(f"{r:,.0f}" for r in v) + " cases/s" for k, v in rates.items()))
    hub.dispose()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", default=str(HERE / "results" / "pg_hub"),
                    help="pg_hub.py's work folder (its 20000-cases/village000 and village001 are read, not written)")
    ap.add_argument("--docs", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=2, help="rounds over the variants")
    ap.add_argument("--repeat", type=int, default=21, help="runs of each search query")
    ap.add_argument("--hub-villages", type=int, default=0,
                    help="instead of the rig: a hub of this many villages, then 2 × --runs more imported alternately "
                         "with the index's own limit (before revision 0012) and without it")
    ap.add_argument("--variants", default="256kB,64MB,64MB+wm256MB,256MB,256MB+mwm256MB,4MB,fastupdate-off")
    args = ap.parse_args()
    villages = Path(args.work) / "20000-cases"
    names = args.variants.split(",")
    server = start_server()
    try:
        if args.hub_villages:
            with tempfile.TemporaryDirectory() as tmp:
                hub_imports(server, villages, Path(tmp), args.hub_villages, args.runs)
            return
        with tempfile.TemporaryDirectory() as tmp:
            source = imported_hub(server, villages / "village001", Path(tmp))
            with source.engine.connect() as conn:
                tokens = [str(t) for t in conn.scalars(text(
                    "SELECT array_to_string(tsvector_to_array(tokens), ' ') FROM fts_case ORDER BY doc"))]
            source.dispose()
            lexemes = sum(t.count(" ") + 1 for t in tokens)
            print(f"new village: {len(tokens):,} token rows, {lexemes / len(tokens):.0f} lexemes a row", flush=True)
            hub = imported_hub(server, villages / "village000", Path(tmp))
            with hub.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pgstattuple")
                base = build_rig(conn, args.docs)
            queries = pick_queries(tokens)
            print(f"queries: {queries}", flush=True)
            results = []
            for r in range(args.runs):
                print(f"round {r + 1}", flush=True)
                order = names if r % 2 == 0 else names[::-1]
                for name in order:
                    results.append(one_run(hub, server, name, tokens, base, queries, args.repeat))
                    base += len(tokens) + 1
            print("\nvariant | insert + clean (s) | server CPU (s) | docs/s | pending pages | search p95 with "
                  "the list / cleaned (ms)")
            for name in names:
                rs = [x for x in results if x["variant"] == name]
                print(f"{name} | " + ", ".join(f"{x['insert_s']:.1f} + {x['clean_s']:.1f}" for x in rs) + " | "
                      + ", ".join(f"{x['insert_cpu'] + x['clean_cpu']:.1f}" for x in rs) + " | "
                      + ", ".join(f"{len(tokens) / (x['insert_s'] + x['clean_s']):,.0f}" for x in rs) + " | "
                      + ", ".join(f"{x['pending_pages']:,}" for x in rs) + " | "
                      + ", ".join(f"{x['search_dirty_ms']:.1f} / {x['search_clean_ms']:.1f}" for x in rs))
            medians = {n: stats.median(len(tokens) / (x["insert_s"] + x["clean_s"]) for x in results
                                       if x["variant"] == n) for n in names}
            print("median docs/s: " + "; ".join(f"{n} {rate:,.0f}" for n, rate in medians.items()))
            hub.dispose()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
