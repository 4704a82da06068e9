"""Benchmark rig: PostgreSQL search per keystroke over 1,000,000 docs without a 1-hour import (issue 18).

A hub of a few real villages imported by the program (``bench/pg_hub.py --hub-cases 40000 --hub-url URL``
keeps one on a running server, ``tests/pg_server.py --serve-tcp``) is copied server-side into a database whose
``fts_case`` / ``case_search_row`` hold ``--docs`` docs: each imported doc ``--docs / N`` times, the copies
shuffled over the doc numbers (no village or copy lies in one block), the GIN index built once after the bulk
copy, then ANALYZE. The first copy of a doc keeps its case id (its case row is there); the others get new ids
and have no case row, so a word of 3 or more characters, confirmed against case rows, finds only the first
copies: the key lookups and the 1- and 2-character word lookups see all 1,000,000 docs. Each copy holds the block
lexemes of its own doc number (revision 0014), the others as its source doc holds them (a hub at revision 0014).
The copy is made once and kept (``--rig NAME``); later runs only measure.

Then, for each term kind of ``pick_terms`` (and a few middle-band terms): the p95 of ``--repeat`` keystrokes
(limit 1,000) of the search as it is, and of the windows before this change (``windows_before``: the fourth
session's ``pg_found``) timed alternately in the same minute; every result is asserted identical to the
start of the unlimited search. ``--before REV``: the baseline is ``pg_found`` and ``key_lookup`` (the lookups
asked) as they were at the git revision REV instead (a change measured against the code it changes; both read the
same index, so lookups of lexemes the index gained since are measured on an index holding them).

    PYTHONPATH=. .venv/bin/python bench/pg_search_1m.py --url URL-OF-THE-KEPT-HUB [--docs 1000000] [--repeat 21]
                                                        [--build-only] [--terms TERM ...] [--county]

``--county``: the measuring connection as on a county's own server rather than the tests' throwaway one (32 MB of
shared buffers, the server's defaults): the server must have been started with ``shared_buffers`` of at least
1 GB (the rig refuses otherwise: it cannot be set per session), and the session takes ``COUNTY_SETTINGS``
(JIT is off on every connection of the program already, ``storage.engine``).
"""

from __future__ import annotations

import argparse
import statistics as stats
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run_all import emit  # noqa: E402
from search_keystroke import pick_terms  # noqa: E402

from mediation_desktop.paths import DataPaths  # noqa: E402
from mediation_desktop.services import search, search_pg, search_terms  # noqa: E402
from mediation_desktop.services.search_terms import Lookup, tsquery  # noqa: E402
from mediation_desktop.storage.database import open_database  # noqa: E402
from mediation_desktop.storage.fulltext import blocks_sql  # noqa: E402

SEARCH_BUDGET_MS = 20.0
MIDDLE_BAND = [("pinyin initials (2), common", "zj"), ("pinyin initials (3), common", "zjh"),
               ("half-typed pinyin, common", "zhen"), ("1-char name, common", "王"), ("1-char name", "郑"),
               ("summary word (2), common", "纠纷"), ("serial digits", "1871"), ("phone prefix", "138"),
               ("two terms, common", "张 工资")]
# a county server's settings that a session can take (--county); shared_buffers is the server's own
COUNTY_SETTINGS = {"work_mem": "64MB", "effective_cache_size": "12GB", "random_page_cost": "1.1",
                   "effective_io_concurrency": "200"}
COUNTY_SHARED_BUFFERS_MB = 1024


def county_session(conn: Connection) -> None:
    """``--county``: refuse a server with less than 1 GB of shared buffers, take ``COUNTY_SETTINGS``."""
    mb = int(conn.scalar(text("SELECT setting::bigint * 8 / 1024 FROM pg_settings WHERE name = 'shared_buffers'")))
    if mb < COUNTY_SHARED_BUFFERS_MB:
        raise SystemExit(f"--county: the server has {mb} MB of shared buffers; start it with -c shared_buffers=2GB")
    for name, value in COUNTY_SETTINGS.items():
        conn.exec_driver_sql(f"SET {name} = '{value}'")


def build_rig(admin_url: str, source: str, rig: str, docs: int) -> None:
    """``rig``: a copy of the hub ``source`` whose search index holds ``docs`` docs (see the module docstring)."""
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": rig}):
            print(f"rig {rig} kept from an earlier run")
            return
        conn.exec_driver_sql(f'CREATE DATABASE "{rig}" TEMPLATE "{source}"')
    admin.dispose()
    started = time.perf_counter()
    engine = create_engine(make_url(admin_url).set(database=rig), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql("SET maintenance_work_mem = '1GB'")
        conn.exec_driver_sql("SET work_mem = '256MB'")
        n = int(conn.scalar(text("SELECT count(*) FROM case_search_row")) or 0)
        copies = -(-docs // n)
        # every (doc, copy) pair a new doc number, in an order no village or copy clusters in
        conn.exec_driver_sql(
            "CREATE TABLE rig_map AS SELECT doc AS src, c, row_number() OVER (ORDER BY md5(c || ':' || doc)) AS doc "
            f"FROM case_search_row CROSS JOIN generate_series(0, {copies - 1}) AS c")
        conn.exec_driver_sql(f"DELETE FROM rig_map WHERE doc > {int(docs)}")
        conn.exec_driver_sql("CREATE TABLE rig_row AS SELECT m.doc::integer AS doc, CASE WHEN m.c = 0 THEN r.case_id "
                             "ELSE md5(r.case_id::text || m.c)::uuid END AS case_id, r.digest "
                             "FROM rig_map m JOIN case_search_row r ON r.doc = m.src ORDER BY m.doc")
        # each copy with the block lexemes of its own doc number (revision 0014), not its source's
        conn.exec_driver_sql(f"CREATE TABLE rig_fts AS SELECT m.doc::integer AS doc, ts_delete(f.tokens, "
                             f"{blocks_sql('f.doc')}) || array_to_tsvector({blocks_sql('m.doc::integer')}) AS tokens "
                             "FROM rig_map m JOIN fts_case f ON f.doc = m.src ORDER BY m.doc")
        conn.exec_driver_sql("DROP TABLE fts_case, rig_map")
        conn.exec_driver_sql("DROP TABLE case_search_row")
        conn.exec_driver_sql("ALTER TABLE rig_row RENAME TO case_search_row")
        conn.exec_driver_sql("ALTER TABLE rig_fts RENAME TO fts_case")
        conn.exec_driver_sql("ALTER TABLE case_search_row ADD PRIMARY KEY (doc), ADD UNIQUE (case_id), "
                             "ALTER case_id SET NOT NULL, ALTER digest SET NOT NULL")
        conn.exec_driver_sql("ALTER TABLE fts_case ADD PRIMARY KEY (doc), ALTER tokens SET NOT NULL, "
                             "ADD FOREIGN KEY (doc) REFERENCES case_search_row (doc) ON DELETE CASCADE")
        conn.exec_driver_sql("CREATE INDEX fts_case_tokens ON fts_case USING gin (tokens) "
                             "WITH (gin_pending_list_limit = 256)")
        conn.exec_driver_sql("VACUUM ANALYZE case_search_row")
        conn.exec_driver_sql("VACUUM ANALYZE fts_case")
        size = int(conn.scalar(text("SELECT pg_total_relation_size('fts_case')")) or 0)
    engine.dispose()
    print(f"rig {rig}: {docs:,} docs from {n:,} ({copies} copies) in {time.perf_counter() - started:.0f} s; "
          f"fts_case {size / 1e6:,.0f} MB")


def window_before(conn: Connection, query: str, low: int | None, high: int | None, n: int | None, scan: bool
                  ) -> list[tuple[int, Any]]:
    """The fourth session's ``pg_window``: a GIN window planned as the planner likes (no ``enable_indexscan``)."""
    quoted = "CAST('" + query.replace("'", "''") + "' AS tsquery)"
    match, order = (f"ts_match_vq(tokens, {quoted})", "doc") if scan else (f"tokens @@ {quoted}", "doc + 0")
    bounds = (f" AND doc >= {int(low)}" if low is not None else "") + \
             (f" AND doc < {int(high)}" if high is not None else "")
    sql = search_pg._PG_WINDOW.format(match=match, range=bounds, order=order,
                                      limit="" if n is None else f" LIMIT {int(n)}")
    return [(d, k) for d, k in conn.exec_driver_sql(sql).all()]


def windows_before(conn: Connection, lookup: Lookup, limit: int | None, below: int | None, also: str | None
                   ) -> list[tuple[int, Any]]:
    """The fourth session's ``pg_found``: windows sized from the density seen (no refining, no margin for GIN
    windows), each GIN window planned as the planner likes, the rest read at once where the matches seen plus one
    leave fewer than 8,000. The same-run baseline."""
    query = tsquery(lookup) if also is None else f"({tsquery(lookup)}) & ({also})"
    if limit is None:
        return [(d, k) for d, k in window_before(conn, query, None, below, None, False) if k is not None]
    high = below if below is not None else int(conn.scalar(text("SELECT max(doc) FROM fts_case")) or 0) + 1
    span, scan, seen, matched = 256, True, 0, 0
    out: list[tuple[int, Any]] = []
    while len(out) < limit and high > 1:
        low: int | None = high - span
        if low is not None and low <= 1:
            low = None
        top = high
        while len(out) < limit:
            want = limit - len(out)
            rows = window_before(conn, query, low, top, want, scan)
            out.extend((d, k) for d, k in rows if k is not None)
            matched += len(rows)
            if len(rows) < want:
                break
            top = rows[-1][0]
        if low is None:
            break
        seen += high - low
        high = low
        missing = limit - len(out)
        if (matched + 1) * high <= 8000 * seen:
            span, scan = high, False
        else:
            span = max(1024, int(missing * 1.5 * seen / max(matched, 1)))
            scan = span <= 16384
    return out


def found_at(rev: str) -> tuple[Any, Any]:
    """``pg_found`` of ``services/search_pg.py`` and ``key_lookup`` of ``services/search_terms.py`` at git revision
    ``rev`` (their modules loaded beside the current ones)."""
    def module_at(name: str) -> Any:
        source = subprocess.run(["git", "show", f"{rev}:mediation_desktop/services/{name}.py"], cwd=HERE.parent,
                                capture_output=True, text=True, check=True).stdout
        module = sys.modules[f"{name}_at_{rev}"] = types.ModuleType(f"{name}_at_{rev}")  # (its dataclasses ask)
        exec(compile(source, f"{name}.py@{rev}", "exec"), module.__dict__)  # (the project's own file, at REV)
        return module
    return module_at("search_pg").pg_found, module_at("search_terms").key_lookup


def p95(samples: list[float]) -> float:
    s = sorted(samples)
    return s[min(len(s) - 1, round(0.95 * (len(s) - 1)))]


def measure(url: str, repeat: int, real_cases: int, only: list[str] | None = None, county: bool = False,
            rev: str | None = None) -> None:
    baseline, lookup = (windows_before, search_terms.key_lookup) if rev is None else found_at(rev)
    what = "the fourth session's windows" if rev is None else f"pg_found at {rev}"
    hub = open_database(DataPaths(Path(tempfile.mkdtemp(prefix="rig"))), url, migrate=False)
    terms = [("given", t) for t in only] if only else pick_terms(hub, real_cases) + MIDDLE_BAND
    with hub.engine.connect() as conn:
        if county:
            county_session(conn)
        settings = ", ".join(f"{n} {conn.scalar(text(f'SHOW {n}'))}" for n in ("shared_buffers", *COUNTY_SETTINGS))
        docs = int(conn.scalar(text("SELECT count(*) FROM fts_case")) or 0)
        print(settings)
        load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"
        print(f"{docs:,} docs; load {load}")
        print(f"{'term kind':<30}{'term':<16}{'hits':>6}{'all':>9}{'now: median':>13}{'p95':>8}"
              f"{'before: median':>16}{'p95':>8}")
        for label, term in terms:
            everything = search.search_case_keys(conn, term, limit=None)
            expected = everything[:search.DEFAULT_LIMIT]
            now: list[float] = []
            before: list[float] = []
            for i in range(repeat + 1):  # alternately; the first of each is a warm-up
                for which, samples in ((0, now), (1, before)) if i % 2 == 0 else ((1, before), (0, now)):
                    saved = search_pg.pg_found, vars(search)["key_lookup"]
                    if which:
                        search_pg.pg_found = baseline
                        vars(search)["key_lookup"] = lookup  # (search's own name for it)
                    try:
                        started = time.perf_counter()
                        found = search.search_case_keys(conn, term)
                        ms = (time.perf_counter() - started) * 1000
                    finally:
                        search_pg.pg_found = saved[0]
                        vars(search)["key_lookup"] = saved[1]
                    assert found == expected, (term, which)
                    if i:
                        samples.append(ms)
            print(f"{label:<30}{term:<16}{len(expected):>6}{len(everything):>9}{stats.median(now):>13.1f}"
                  f"{p95(now):>8.1f}{stats.median(before):>16.1f}{p95(before):>8.1f}", flush=True)
            emit(f"PostgreSQL search rig: {label} ({docs:,} docs)", round(p95(now), 2), "ms", SEARCH_BUDGET_MS,
                 round(p95(before), 2), note=f"p95 of {repeat}; baseline: {what} (same run, alternating)")
        load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"
        print(f"load {load}")
    hub.dispose()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True, help="the kept hub (a database on a running server, pg_hub.py --hub-url)")
    ap.add_argument("--docs", type=int, default=1_000_000)
    ap.add_argument("--rig", default=None, help="the database of the rig (default: the hub's name + _<docs>)")
    ap.add_argument("--repeat", type=int, default=21)
    ap.add_argument("--build-only", action="store_true")
    ap.add_argument("--terms", nargs="*", help="measure these terms only (default: pick_terms and the middle band)")
    ap.add_argument("--before", default=None, metavar="REV",
                    help="the baseline: pg_found at this git revision (default: the fourth session's windows)")
    ap.add_argument("--county", action="store_true",
                    help="a county server's settings (the server started with shared_buffers of 1 GB or more)")
    args = ap.parse_args()
    source = make_url(args.url).database
    assert source
    rig = args.rig or f"{source}_{args.docs}"
    build_rig(make_url(args.url).set(database="postgres").render_as_string(hide_password=False), source, rig,
              args.docs)
    if args.build_only:
        return
    hub = open_database(DataPaths(Path(tempfile.mkdtemp(prefix="rig"))), args.url, migrate=False)
    with hub.engine.connect() as conn:
        real_cases = int(conn.scalar(text("SELECT count(*) FROM mediation_case")) or 0)
    hub.dispose()
    measure(make_url(args.url).set(database=rig).render_as_string(hide_password=False), args.repeat, real_cases,
            args.terms, args.county, args.before)


if __name__ == "__main__":
    main()
