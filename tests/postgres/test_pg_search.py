"""Search on PostgreSQL: the newest matches looked for in windows of docs give what the whole list starts with."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from mediation_desktop.paths import DataPaths
from mediation_desktop.services import demo, search, search_pg
from mediation_desktop.services.cases import void_case
from mediation_desktop.services.setup import SetupRequest, initialise
from mediation_desktop.storage import fulltext
from mediation_desktop.storage.database import open_database
from mediation_desktop.storage.models import Case, Party

pytestmark = pytest.mark.postgres


@pytest.mark.parametrize(("probe", "scan_max", "at_once", "refine", "refine_matches", "refine_wide"), [
    (1, 1, 1, 1, 1, 0), (7, 0, 0, 3, 1000, 0), (7, 64, 1, 0, 0, 0), (64, 10_000, 10, 16, 5, 0), (5, 0, 0, 40, 2, 0),
    (5, 0, 0.5, 24, 100, 50),
    (search_pg.PG_PROBE, search_pg.PG_SCAN_MAX, search_pg.PG_ALL_AT_ONCE, search_pg.PG_REFINE,
     search_pg.PG_REFINE_MATCHES, search_pg.PG_REFINE_WIDE)])
def test_a_limited_search_in_windows_is_the_start_of_the_full_one(db, director, monkeypatch, probe, scan_max, at_once,
                                                                  refine, refine_matches, refine_wide):
    # blocks of 4, 16 and 32 docs (revision 0014's lexemes, written and looked up alike): GIN windows span many
    monkeypatch.setattr(fulltext, "BLOCK_LEVELS", (("a", 2), ("b", 4), ("c", 5)))
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
    monkeypatch.setattr(search_pg, "PG_REFINE", refine)
    monkeypatch.setattr(search_pg, "PG_REFINE_MATCHES", refine_matches)
    monkeypatch.setattr(search_pg, "PG_REFINE_WIDE", refine_wide)
    sizes = []
    for query in queries:
        everything = search.search_case_ids(db, query, limit=None)
        sizes.append(len(everything))
        assert not set(gone) & set(everything)
        for limit in (1, 5, 20, 100, 1000):
            assert search.search_case_ids(db, query, limit=limit) == everything[:limit], (query, limit)
    assert sum(n > 100 for n in sizes) >= 2 and sum(0 < n < 20 for n in sizes) >= 1, sizes  # common and rare


def test_the_blocks_covering_a_window_hold_it_and_little_more():
    """``blocks_covering``: the docs of its blocks hold every doc of the window, no doc beyond one block of the finest
    level from it, each doc once, in as few blocks as aligned blocks allow (largest first)."""
    import random

    levels = dict(fulltext.BLOCK_LEVELS)
    bits = sorted(levels.values())
    fine = bits[0]
    rng = random.Random(5)
    windows = [(0, 1), (4095, 4097), (65536, 131072), (973854, 999745), (1, 2_000_000)]
    windows += [(lo, lo + rng.randrange(1, 300_000)) for lo in (rng.randrange(0, 1_200_000) for _ in range(200))]
    for low, high in windows:
        blocks = fulltext.blocks_covering(low, high)
        spans = sorted(((n := int(b[2:])) << levels[b[1]], (n + 1) << levels[b[1]]) for b in blocks)
        assert all(a[1] == b[0] for a, b in itertools.pairwise(spans)), (low, high)  # one run, no overlap
        assert spans[0][0] == low >> fine << fine and spans[-1][1] == -(-high >> fine) << fine, (low, high)
        assert all(fulltext.block_lexemes(d)[list(levels).index(b[1])] == b for b in blocks
                   for d in (spans[0][0], spans[-1][1] - 1) if d >> levels[b[1]] == int(b[2:]))
        edges = sum(2 * ((1 << (b - a)) - 1) for a, b in itertools.pairwise(bits))  # at each end, each
        assert len(blocks) <= edges + (high - low) // (1 << bits[-1]) + 2, (low, high)  # lower level up to the next


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


def test_a_middle_band_term_tests_more_docs_one_by_one_before_its_gin_window(db, monkeypatch):
    """Few matches seen and a window too wide to test one by one (and wide: ``PG_REFINE_WIDE``): ``PG_REFINE``
    more docs are tested one by one first, then one GIN window sized from what both saw, read through the bitmaps; the session's planner
    settings are as they were afterwards, and the cases found are the start of the full list."""
    demo.generate(db, count=200, seed=8, today=dt.date(2026, 5, 1), batch_size=50)
    calls = []
    real = search_pg.pg_window

    def traced(conn, query, low, high, n, scan):
        rows = real(conn, query, low, high, n, scan)
        setting = conn.exec_driver_sql("SHOW enable_indexscan").scalar()
        calls.append((low, high, scan, len(rows), setting))
        return rows

    monkeypatch.setattr(search_pg, "pg_window", traced)
    monkeypatch.setattr(search_pg, "PG_PROBE", 8)
    monkeypatch.setattr(search_pg, "PG_SCAN_MAX", 0)  # every sized window beyond the refining one through GIN
    monkeypatch.setattr(search_pg, "PG_ALL_AT_ONCE", 0)
    monkeypatch.setattr(search_pg, "PG_REFINE", 16)
    monkeypatch.setattr(search_pg, "PG_REFINE_MATCHES", 1000)
    monkeypatch.setattr(search_pg, "PG_REFINE_WIDE", 0)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SHOW enable_indexscan").scalar() == "on"
        found = search.search_case_keys(conn, "l", limit=20)
        assert conn.exec_driver_sql("SHOW enable_indexscan").scalar() == "on"  # back on, same transaction
    monkeypatch.setattr(search_pg, "pg_window", real)
    assert found == search.search_case_keys(db, "l", limit=None)[:20] and len(found) == 20
    (low0, high0, scan0, _, _), (low1, high1, scan1, _, _), *gin = calls
    assert scan0 and high0 - low0 == 8 and scan1 and (low1, high1) == (low0 - 16, low0)  # probe, then refine
    assert gin and not any(scan for _, _, scan, _, _ in gin)
    assert all(setting == "on" for *_, setting in calls)  # restored after every window
    calls.clear()
    monkeypatch.setattr(search_pg, "pg_window", traced)
    monkeypatch.setattr(search_pg, "PG_REFINE_WIDE", 10**9)  # a window this narrow: through GIN at once
    assert search.search_case_keys(db, "l", limit=20) == found
    assert calls[0][2] and not any(scan for _, _, scan, _, _ in calls[1:])


def test_one_match_in_the_probe_is_not_taken_for_a_rare_term(db, monkeypatch):
    """One match in the probe says little of how common a term is: the matches left are read all at once (a heap
    visit each) only when even a count well above the one seen leaves few; here it does not, so more docs are
    tested one by one first; the cases found are the start of the full list."""
    demo.generate(db, count=200, seed=8, today=dt.date(2026, 5, 1), batch_size=50)
    with db.engine.connect() as conn:
        top = int(conn.exec_driver_sql("SELECT max(doc) FROM fts_case").scalar()) + 1
        letter = next(c for c in "abcdefghijklmnopqrstuvwxyz"
                      if len(search_pg.pg_window(conn, f"'p{c}':*", top - 8, top, 1000, True)) == 1)
    high = top - 8
    calls = []
    real = search_pg.pg_window
    monkeypatch.setattr(search_pg, "pg_window", lambda *a: calls.append(a[2:]) or real(*a))
    monkeypatch.setattr(search_pg, "PG_PROBE", 8)
    monkeypatch.setattr(search_pg, "PG_SCAN_MAX", 0)
    monkeypatch.setattr(search_pg, "PG_ALL_AT_ONCE", high / 8)  # (1 + 1) matches per 8 docs: "rare", (1 + 3) not
    monkeypatch.setattr(search_pg, "PG_REFINE", 16)
    monkeypatch.setattr(search_pg, "PG_REFINE_MATCHES", 1000)
    monkeypatch.setattr(search_pg, "PG_REFINE_WIDE", 0)
    found = search.search_case_keys(db, letter, limit=10)  # (a window for 9 more spans less than a quarter)
    assert calls[0][:2] == (high, top) and calls[1][:2] == (high - 16, high) and calls[1][3] is True
    monkeypatch.setattr(search_pg, "pg_window", real)
    assert found == search.search_case_keys(db, letter, limit=None)[:10] and len(found) > 1


def test_a_gin_window_is_read_through_the_bitmaps_and_the_setting_restored(db):
    """``pg_window`` through the GIN index plans with index scans off (the bitmaps: never the primary key's range
    walked and every doc tested) and with at least ``PG_GIN_WORK_MEM`` for its bitmaps, and gives the session its
    own settings back; a window tested one by one keeps the index scan and the session's memory."""
    demo.generate(db, count=60, seed=3, today=dt.date(2026, 5, 1), batch_size=60)
    with db.engine.connect() as conn:
        top = int(conn.exec_driver_sql("SELECT max(doc) FROM fts_case").scalar()) + 1
        seen = []
        real = conn.exec_driver_sql

        def spy(sql, *a, **k):
            if sql.startswith("WITH m"):
                seen.append((sql, real("SHOW enable_indexscan").scalar(), real("SHOW work_mem").scalar()))
            return real(sql, *a, **k)

        conn.exec_driver_sql = spy
        conn.exec_driver_sql("SET work_mem = '4MB'")
        gin = search_pg.pg_window(conn, "'pl':*", top - 30, top, 5, False)
        scanned = search_pg.pg_window(conn, "'pl':*", top - 30, top, 5, True)
        everything = search_pg.pg_window(conn, "'pl':*", None, top, None, False)  # no window: the GIN bitmap alone
        conn.exec_driver_sql("SET work_mem = '100MB'")  # more than the least a GIN statement takes: kept
        kept = search_pg.pg_window(conn, "'pl':*", top - 30, top, 5, False)
        del conn.exec_driver_sql
        assert gin == scanned == kept == everything[:5]
        assert [s[1:] for s in seen] == [("off", search_pg.PG_GIN_WORK_MEM), ("on", "4MB"),
                                          ("on", search_pg.PG_GIN_WORK_MEM), ("off", "100MB")]
        assert "@@" in seen[0][0] and "ts_match_vq" in seen[1][0] and "@@" in seen[2][0]
        assert conn.exec_driver_sql("SHOW enable_indexscan").scalar() == "on"
        assert conn.exec_driver_sql("SHOW work_mem").scalar() == "100MB"


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


def test_the_first_keystrokes_find_on_postgresql_by_their_exact_lexemes_what_sqlite_finds(db, tmp_path):
    """PostgreSQL is given no q tokens, and is given r (a pinyin's first two letters, revision 0013; its first three
    and four, 0014) made from the p lexemes. One character is looked up by its c lexeme, a Latin letter by
    prefix (a syllable starting so), two to four letters by their r lexeme: the same cases, newest first, as SQLite's
    exact tokens and prefix index; and the same as the prefix searches they stand for."""
    from search_checks import pg_exact

    with _same_demo_in_a_village(db, tmp_path, count=150, seed=7, batch_size=50) as local:
        with db.engine.connect() as conn:
            held = {t for (tokens,) in conn.execute(text("SELECT tsvector_to_array(tokens) FROM fts_case"))
                    for t in tokens}
            names = [n for (n,) in conn.execute(select(Party.name).order_by(Party.name).limit(30))]
        assert held and not {t[0] for t in held} & {"q"}
        assert {t for t in held if t[0] in "cr"} == pg_exact(held) and {t[0] for t in pg_exact(held)} == {"c", "r"}
        chars = sorted({n[-1] for n in names} | {n[0] for n in names})[:8]
        twos = sorted({t[1:3] for t in held if t[0] == "p" and len(t) > 2})
        longer = sorted({t[1:1 + n] for t in held if t[0] == "p" for n in (3, 4) if len(t) > n})[::7]  # (a sample)
        typed = [t for t in twos if t.isascii() and t.isalpha()]  # (a reading of a character pypinyin lacks is not)
        typed = [*typed[:6], *typed[-3:], *[t for t in longer if t.isascii() and t.isalpha()][::5][:4]]
        queries = [*chars, "z", "w", "l", "x", "s", *typed, "zh", "zj", "wz", "qq", "zhan", "wang"]
        found = 0
        for query in queries:
            for limit in (None, 5):
                expected = _numbers(local, query, limit)
                assert _numbers(db, query, limit) == expected, (query, limit)
                found += len(expected)
        assert all(_numbers(db, q, None) for q in [*chars, *typed])  # (each is held)
        assert found > 100
        with db.engine.connect() as conn:  # the exact lexeme finds what the prefix search it stands for finds
            for exact, prefix in [*((f"c{c}", f"n{c}") for c in chars), *((f"r{t}", f"p{t}") for t in twos + longer)]:
                assert conn.scalar(text("SELECT array_agg(doc ORDER BY doc) FROM fts_case WHERE tokens @@ "
                                        "CAST(:e AS tsquery)"), {"e": f"'{exact}'"}) == conn.scalar(text(
                    "SELECT array_agg(doc ORDER BY doc) FROM fts_case WHERE tokens @@ CAST(:p AS tsquery)"),
                    {"p": f"'{prefix}':*"}), exact


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


@pytest.mark.parametrize(("summary", "query", "found"), [
    ("张三与三丰各执一词", "张三丰", False),  # both pairs, apart: the engine finds no 张三丰 in the text as it is
    ("张三丰的院墙", "张三丰", True),  # found by the engine (strpos) in the text as it is
    ("张三\u0301丰的院墙", "张三丰", False),  # a mark between: neither the engine nor the runs find it
    ("两家界限不清", "界限不清", True),
    ("拖欠工资约156,000元", "156000元", False),  # not ideographs only: the runs are looked through in Python
    ("拖欠工资约156000元", "156000元", True),
    ("承包⼟地三亩", "承包土地", True),  # a Kangxi radical: the engine cannot find it as it is, the runs hold it
    ("宅基，基地，" + "乙" * 1999 + "宅基地", "宅基地", False),  # beyond the first 2,000 characters of title and summary
    ("借款15号到期", "借款15号", True),  # digits and ideographs: found by the engine as it is
    ("借款１５号到期", "借款15号", True),  # full-width digits: the runs hold it
    ("借款1，5号到期", "借款15号", False),
])
def test_a_longer_term_is_confirmed_against_the_text_on_postgresql_too(db, director, summary, query, found):
    """A term of three characters or more found by its pairs is confirmed against the case's text: the engine looks
    for a term of the common ideographs as it is (PostgreSQL's ``strpos``), the program looks through the text's runs
    for the rest; alone and as a further term."""
    from mediation_desktop.domain.enums import PartyRole
    from mediation_desktop.services.cases import CaseInput, register_case
    from mediation_desktop.services.parties import PartyInput

    day = dt.date(2026, 3, 2)
    case = register_case(db, director, CaseInput("neighbour", [PartyInput("赵甲"), PartyInput(
        "钱乙", role=PartyRole.RESPONDENT)], summary=summary, registered_on=day), today=day)
    assert (case.case_id in search.search_case_ids(db, query, limit=None)) is found
    assert (case.case_id in search.search_case_ids(db, f"赵甲 {query}", limit=None)) is found


def test_a_further_term_of_digits_is_anded_into_the_first_terms_tsquery(db, director, monkeypatch):
    """Digits alone have no words to confirm: a further year is ANDed into the first term's tsquery like a term of
    one or two characters, never read as sets of every doc of each term (袁 2023: 420–480 ms at 1,000,000 docs)."""
    from mediation_desktop.domain.enums import PartyRole
    from mediation_desktop.services.cases import CaseInput, register_case
    from mediation_desktop.services.parties import PartyInput

    day = dt.date(2026, 3, 2)
    mine = [register_case(db, director, CaseInput("neighbour", [PartyInput("赵甲"), PartyInput(
        name, role=PartyRole.RESPONDENT)], registered_on=day), today=day).case_id for name in ("钱乙", "孙丙")]

    def no_sets(*args, **kwargs):
        raise AssertionError("the sets path")

    monkeypatch.setattr(search, "doc_set", no_sets)
    for query in ("赵甲 2026", "zj 2026", "赵甲 2026 钱乙"):
        for limit in (None, 1, 5):
            want = mine[::-1] if "钱乙" not in query else mine[:1]
            assert search.search_case_ids(db, query, limit=limit) == want[:limit], (query, limit)


def test_a_case_number_typed_key_by_key_finds_on_postgresql_what_sqlite_finds(db, tmp_path):
    """Each keystroke of a case number, with its year and without, and a serial's end with 号: the same cases in the
    same order on both engines (since revision 0017 the starts numbers share by their exact ``m`` lexemes, the
    others by prefix; the numbers ending so by their ``e`` lexemes, unconfirmed, the texts by their pairs)."""
    from mediation_desktop.services import search_keys

    with _same_demo_in_a_village(db, tmp_path, count=400, seed=9, batch_size=200) as local:
        with db.engine.connect() as conn:
            numbers = sorted(conn.execute(select(Case.case_no)).scalars())
        picked = numbers[::131]
        ends = sorted({e[1:] for n in numbers for e in search_keys.serial_ends(n)})
        typed = sorted({n[:k] for n in picked for k in range(2, len(n) + 1)}
                       | {n[n.index("）") + 1:][:k] for n in picked for k in range(2, 12)} | {*ends, "00号"})
        assert sum(search_keys.is_shared_start(search_keys.normalise(q)) for q in typed) > 20 and len(ends) > 10
        for query in typed:
            for limit in (None, 5):
                assert _numbers(db, query, limit) == _numbers(local, query, limit), (query, limit)
