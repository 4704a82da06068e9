"""Benchmark: case search per keystroke at 100,000 demo cases (budget ≤ 5 ms p95, DESIGN.md).

Builds the demo cases in a temporary folder, then times ``services.search.search_case_keys`` (what the case list
calls: ``queries.list_cases``) for each kind
of term (median and 95th percentile of repeated runs), next to a same-run baseline: the ``LIKE '%x%'`` query
of ``services/queries.list_cases`` (case number, title, summary, party names, ID numbers, phones) on the
same data, with the same limit. Also prints the index's size and what building it costs.

    .venv/bin/python bench/search_keystroke.py [--cases 100000] [--repeat 21] [--data-dir DIR]

``--data-dir`` searches an existing demo database (``bench/run_all.py`` hands over the one it made)
instead of generating one, and leaves it unchanged (no index rebuild). Each term kind is printed as a
``BENCH {json}`` line too: its 95th percentile against the budget, the LIKE median as baseline.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from sqlalchemy import Connection, func, or_, select, text

from mediation_desktop.paths import DataPaths
from mediation_desktop.services import demo, search, search_keys
from mediation_desktop.services.setup import SetupRequest, initialise
from mediation_desktop.storage.database import Database, open_database
from mediation_desktop.storage.models import Case, Party

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run_all import emit

BUDGET_MS = 5.0
LIMIT = 1000


def like_ids(conn: Connection, term: str) -> list[object]:
    """The current search of ``queries.list_cases`` (its WHERE clause), ids only, same limit."""
    pattern = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    party_match = select(Party.case_id).where(
        Party.deleted_at.is_(None),
        or_(Party.name.like(pattern, escape="\\"), Party.id_number.like(pattern, escape="\\"),
            Party.phone.like(pattern, escape="\\")))
    stmt = (select(Case.id).where(Case.deleted_at.is_(None))
            .where(or_(Case.case_no.like(pattern, escape="\\"), Case.title.like(pattern, escape="\\"),
                       Case.summary.like(pattern, escape="\\"), Case.id.in_(party_match)))
            .order_by(Case.registered_on.desc(), Case.year.desc(), Case.serial.desc()).limit(LIMIT))
    return list(conn.scalars(stmt))


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    result = fn()  # warm
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))], result


def pick_terms(db: Database, n: int) -> list[tuple[str, str]]:
    """Real terms from the data: names of 2 and 3 characters, their pinyin, numbers, a summary word."""
    with db.engine.connect() as conn:
        two = conn.scalar(select(Party.name).where(func.length(Party.name) == 2).offset(n // 23).limit(1))
        three = conn.scalar(select(Party.name).where(func.length(Party.name) == 3).offset(n // 2).limit(1))
        id_number = conn.scalar(select(Party.id_number).where(func.length(Party.id_number) == 18,
                                                               Party.id_type == "resident_id").offset(n // 13).limit(1))
        phone = conn.scalar(select(Party.phone).where(Party.phone.is_not(None)).offset(n // 11).limit(1))
        case_no = conn.scalar(select(Case.case_no).order_by(Case.year, Case.serial).offset(n // 8).limit(1))
    assert two and three and id_number and phone and case_no
    syl = search_keys.syllables(search_keys.normalise(three))[0]
    serial = "".join(ch for ch in case_no.split("第")[-1] if ch.isdigit())
    return [
        ("1-char Chinese", three[0]),
        ("2-char name", two),
        ("3-char name", three),
        ("3-char name, 1st 2 chars", three[:2]),
        ("pinyin 1 letter (1st key)", syl[0][0]),
        ("pinyin initials (2)", syl[0][0] + syl[1][0]),
        ("pinyin initials (3)", "".join(s[0] for s in syl)),
        ("full pinyin", "".join(syl)),
        ("full pinyin, half typed", "".join(syl)[:4]),
        ("case-number fragment", f"第{serial}号"),
        ("case serial digits", serial),
        # a case number typed from its start (the year: in a quarter of the cases at least), and a serial's end
        ("case number, first 2 typed", case_no[1:3]),
        ("case number, year typed", case_no[1:5]),
        ("case serial's end + 号", f"{serial[-2:]}号"),
        # further keystrokes of a case number: starts many numbers share (one village's, of one year), and the whole
        ("case number, year + village", case_no[:case_no.index("）") + 3]),
        ("case number, up to 第", case_no[:case_no.index("第") + 1]),
        ("case number, village typed", case_no[case_no.index("）") + 1:][:5]),
        ("case number, whole", case_no),
        ("ID fragment (birth date)", id_number[6:14]),
        ("ID last 4", id_number[-4:]),
        ("phone fragment (last 6)", phone[-6:]),
        ("summary word (2)", "宅基"),
        ("summary phrase (4)", "承包合同"),
        ("summary phrase (3), many hits", "宅基地"),  # (confirmed against the text of each of its newest cases)
        ("rare 3-char phrase (none)", "鸭蛋黄"),
        ("two terms", f"{three[0]} 工资"),
        # more shapes of two terms: a further term in other tables than the first (pinyin, numbers), in most docs,
        # or of three characters (confirmed against the text)
        ("two terms, name + pinyin", f"{three[0]} {syl[0][:2]}"),
        ("two terms, pinyin + word", f"{syl[0][:2]} 纠纷"),
        ("two terms, number + name", f"第{serial[:1]} {three[0]}"),
        ("two terms, year + word", f"{case_no[1:5]} 工资"),
        ("two terms, name + year", f"{three[0]} {case_no[1:5]}"),
        ("two terms, 3-char word", f"{three[0]} 宅基地"),
        ("two terms, word in all + name", f"纠纷 {three[:2]}"),  # (纠纷: in every title)
        ("two terms, serial's end + year", f"{serial[-2:]}号 {case_no[1:5]}"),
    ]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=21)
    ap.add_argument("--data-dir", help="search this existing demo database instead of making one")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.data_dir:
            db = open_database(DataPaths(Path(args.data_dir)))
            with db.engine.connect() as conn:
                cases = int(conn.scalar(select(func.count()).select_from(Case)) or 0)
            print(f"searching the {cases:,} cases in {args.data_dir}")
        else:
            cases = args.cases
            db = open_database(DataPaths(Path(tmp) / "demo"))
            initialise(db, SetupRequest("330102001", "石桥村人民调解委员会", "village", "admin", "secret123"))
            started = time.perf_counter()
            demo.generate(db, count=cases, seed=2026, today=dt.date(2026, 11, 1))
            made = time.perf_counter() - started
            print(f"{cases:,} demo cases with their index in {made:.1f} s ({cases / made:,.0f} cases/s)")
        with db.engine.connect() as conn:
            rows = conn.scalar(text("SELECT count(*) FROM case_search_row"))
            pages = conn.execute(text("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'fts_case%' "
                                      "OR name LIKE '%case_search_row%'")).scalar() if _has_dbstat(conn) else None
        size = Path(db.paths.database).stat().st_size
        print(f"index: {rows:,} cases" + (f", {pages / 1e6:.0f} MB of a {size / 1e6:.0f} MB database" if pages else ""))
        terms = pick_terms(db, cases)
        print(f"{'term kind':<28}{'term':<14}{'hits':>6}{'median ms':>11}{'p95 ms':>9}{'budget':>8}"
              f"{'LIKE ms':>9}{'LIKE hits':>10}{'ratio':>7}  verdict")
        with db.engine.connect() as conn:
            for label, term in terms:
                # (the ids as stored, as the case list asks for them: ``queries.list_cases``; a thousand ``UUID``
                # objects more, which it never makes, took ≈ 1 ms)
                med, p95, found = timed(partial(search.search_case_keys, conn, term, limit=LIMIT), args.repeat)
                base, _, base_found = timed(partial(like_ids, conn, term), max(3, args.repeat // 4))
                verdict = "OK" if p95 <= BUDGET_MS else "MISSED"
                assert isinstance(found, list) and isinstance(base_found, list)
                print(f"{label:<28}{term:<14}{len(found):>6}{med:>11.1f}{p95:>9.1f}{BUDGET_MS:>8.0f}"
                      f"{base:>9.1f}{len(base_found):>10}{med / base:>7.2f}  {verdict}")
                emit(f"search: {label} ({cases:,} cases)", p95, "ms", BUDGET_MS, base,
                     note=f"p95 of {args.repeat}; baseline LIKE median")
        if not args.data_dir:
            with contextlib.suppress(KeyboardInterrupt):
                started = time.perf_counter()
                search.rebuild_index(db)
                print(f"rebuild_index (what migration 0006 does to an old database): "
                      f"{time.perf_counter() - started:.1f} s")
        db.dispose()
    print(f"limit {LIMIT} ids per search; LIKE = the WHERE clause of queries.list_cases, ids only, same limit, "
          "same run; ratio = median / LIKE median")


def _has_dbstat(conn: Connection) -> bool:
    try:
        conn.execute(text("SELECT 1 FROM dbstat LIMIT 1"))
        return True
    except Exception:  # SQLite built without dbstat
        return False


if __name__ == "__main__":
    main()
