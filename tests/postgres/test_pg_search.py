"""Search on PostgreSQL: the newest matches looked for in windows of docs give what the whole list starts with."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from mediation_desktop.paths import DataPaths
from mediation_desktop.services import demo, search, search_pg
from mediation_desktop.services.cases import void_case
from mediation_desktop.services.setup import SetupRequest, initialise
from mediation_desktop.storage.database import open_database
from mediation_desktop.storage.models import Case, Party

pytestmark = pytest.mark.postgres


@pytest.mark.parametrize(("probe", "scan_max", "at_once"), [
    (1, 1, 1), (7, 0, 0), (7, 64, 1), (64, 10_000, 10),
    (search_pg.PG_PROBE, search_pg.PG_SCAN_MAX, search_pg.PG_ALL_AT_ONCE)])
def test_a_limited_search_in_windows_is_the_start_of_the_full_one(db, director, monkeypatch, probe, scan_max, at_once):
    demo.generate(db, count=300, seed=5, today=dt.date(2026, 5, 1), batch_size=100)
    with db.engine.connect() as conn:
        names = [n for (n,) in conn.execute(select(Party.name).order_by(Party.name).limit(40))]
        three = conn.execute(select(Party.name).where(func.length(Party.name) == 3).limit(1)).scalar_one()
        summary = conn.execute(select(Case.summary).where(Case.summary != "").limit(1)).scalar_one()
        gone = conn.execute(select(Case.id).order_by(Case.year.desc(), Case.serial.desc()).limit(3)).scalars().all()
    for case_id in gone:  # the newest docs are no longer there: windows start above them
        void_case(db, director, case_id, reason="登记错误")
    word = next(summary[i:i + 2] for i in range(len(summary) - 1) if summary[i:i + 2].isalpha())
    queries = [names[0][:1], names[0], names[0][:1] + " " + word, word + " l", "l " + names[0][:1], "zh " + word + " 2",
               names[0][:1] + " " + three, "l " + three[:2] + " " + word, word, "zh", "l", "wang", "第1", "纠纷", "2026"]
    monkeypatch.setattr(search_pg, "PG_PROBE", probe)
    monkeypatch.setattr(search_pg, "PG_SCAN_MAX", scan_max)
    monkeypatch.setattr(search_pg, "PG_ALL_AT_ONCE", at_once)
    sizes = []
    for query in queries:
        everything = search.search_case_ids(db, query, limit=None)
        sizes.append(len(everything))
        assert not set(gone) & set(everything)
        for limit in (1, 5, 20, 100, 1000):
            assert search.search_case_ids(db, query, limit=limit) == everything[:limit], (query, limit)
    assert sum(n > 100 for n in sizes) >= 2 and sum(0 < n < 20 for n in sizes) >= 1, sizes  # common and rare


def test_windows_find_the_newest_matches_of_a_rare_and_of_a_common_term(db, monkeypatch):
    demo.generate(db, count=200, seed=8, today=dt.date(2026, 5, 1), batch_size=50)
    with db.engine.connect() as conn:
        (rare,) = conn.execute(select(Party.name).order_by(Party.name.desc()).limit(1)).one()
    calls = []
    real = search_pg.pg_window
    monkeypatch.setattr(search_pg, "pg_window", lambda *a: calls.append(a[2:]) or real(*a))
    monkeypatch.setattr(search_pg, "PG_PROBE", 16)
    common = search.search_case_ids(db, "l", limit=5)
    assert len(common) == 5 and len(calls) == 1 and calls[0][3] is True  # the newest 16 docs held 5 matches
    calls.clear()
    assert search.search_case_ids(db, rare, limit=5) == search.search_case_ids(db, rare, limit=None)[:5]
    assert calls[0][3] is True and calls[1][0] is None and calls[1][3] is False  # rare: the rest at once, by GIN


def _numbers(db, query, limit):
    ids = search.search_case_ids(db, query, limit=limit)
    with db.engine.connect() as conn:
        by_id = dict(conn.execute(select(Case.id, Case.case_no).where(Case.id.in_(ids))).all())
    return [by_id[i] for i in ids]


@contextlib.contextmanager
def _same_demo_in_a_village(db, tmp_path, count, seed, batch_size):
    """A SQLite village beside the PostgreSQL hub ``db``, both given the same demo cases."""
    local = open_database(DataPaths(tmp_path / "village"))
    try:
        initialise(local, SetupRequest("330102001", "石桥村人民调解委员会", "village", "admin", "secret123",
                                       parent_code="330102", admin_display_name="王建国"))
        for target in (db, local):
            demo.generate(target, count=count, seed=seed, today=dt.date(2026, 5, 1), batch_size=batch_size)
        yield local
    finally:
        local.dispose()


def test_several_terms_find_on_postgresql_what_they_find_on_sqlite(db, tmp_path, monkeypatch):
    """Further terms of two characters or fewer are one tsquery with the first on PostgreSQL; SQLite intersects
    sets of docs: the same cases in the same order."""
    with _same_demo_in_a_village(db, tmp_path, count=200, seed=5, batch_size=60) as local:
        with db.engine.connect() as conn:
            three = conn.execute(select(Party.name).where(func.length(Party.name) == 3).limit(1)).scalar_one()
        monkeypatch.setattr(search_pg, "PG_PROBE", 16)
        monkeypatch.setattr(search_pg, "PG_ALL_AT_ONCE", 10)
        queries = ["王 纠纷", "l 土地", "zh 2", "纠纷 l", f"{three[0]} 调解", f"l {three[:2]} 纠纷", f"纠纷 {three}",
                   "李 w", "w 李", "纠纷 合同 z"]
        found = 0
        for query in queries:
            for limit in (None, 3, 50):
                expected = _numbers(local, query, limit)
                assert _numbers(db, query, limit) == expected, (query, limit)
                found += len(expected)
        assert found > 100


def test_the_first_keystroke_finds_on_postgresql_without_its_tokens_what_sqlite_finds_with_them(db, tmp_path):
    """PostgreSQL holds no c and q tokens: one character is looked up by prefix (a part of a name, a syllable
    of a reading starting so) and finds the same cases, newest first, as SQLite's exact tokens."""
    with _same_demo_in_a_village(db, tmp_path, count=150, seed=7, batch_size=50) as local:
        with db.engine.connect() as conn:
            held = {t for (tokens,) in conn.execute(text("SELECT tsvector_to_array(tokens) FROM fts_case"))
                    for t in tokens}
            names = [n for (n,) in conn.execute(select(Party.name).order_by(Party.name).limit(30))]
        assert held and not {t[0] for t in held} & {"c", "q"}
        chars = sorted({n[-1] for n in names} | {n[0] for n in names})[:8]
        queries = [*chars, "z", "w", "l", "x", "s"]
        found = 0
        for query in queries:
            for limit in (None, 5):
                expected = _numbers(local, query, limit)
                assert _numbers(db, query, limit) == expected, (query, limit)
                found += len(expected)
        assert all(_numbers(db, q, None) for q in queries)
        assert found > 100


def test_the_benchmarks_baseline_search_goes_through_the_whole_index(db, monkeypatch):
    """bench/pg_hub.py's same-run baseline (``one_window``) swaps the windowed lookup for the whole-index one:
    the search must go through it while it runs, give the same cases, and get the windows back afterwards."""
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[2] / "bench"))
    import pg_hub

    demo.generate(db, count=120, seed=3, today=dt.date(2026, 5, 1), batch_size=60)
    calls = []
    real = pg_hub.whole_index_found
    monkeypatch.setattr(pg_hub, "whole_index_found", lambda *a: calls.append(a[2]) or real(*a))
    windowed = search.search_case_ids(db, "l", limit=7)
    *_, baseline = pg_hub.one_window(lambda: search.search_case_ids(db, "l", limit=7), repeat=1)
    assert calls and baseline == windowed and len(windowed) == 7
    assert search_pg.pg_found is not pg_hub.whole_index_found and search_pg.pg_found.__module__ == search_pg.__name__
