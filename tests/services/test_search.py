"""Case search: names, pinyin, initials, numbers and summary words; kept in step with the cases."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from search_checks import assert_index_matches_cases
from sqlalchemy import select, text

from mediation_desktop.domain.enums import PartyRole
from mediation_desktop.paths import DataPaths
from mediation_desktop.services import demo, search, search_keys, search_reads
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.services.search_terms import key_lookup, word_lookup
from mediation_desktop.storage.database import open_database
from mediation_desktop.storage.models import Case, Party
from mediation_desktop.storage.unit_of_work import UnitOfWork

FIXTURES = Path(__file__).parent.parent / "fixtures" / "schemas"
DAY = dt.date(2026, 3, 2)


def _register(db, actor, *names: str, summary: str = "", **first: str):
    parties = [PartyInput(names[0], **first)] + [PartyInput(n, role=PartyRole.RESPONDENT) for n in names[1:]]
    return register_case(db, actor, CaseInput("neighbour", parties, summary=summary, registered_on=DAY), today=DAY)


@pytest.fixture
def zhang(db, director):
    """张三's case among two others."""
    other = _register(db, director, "李四", "王五", summary="邻里通道被堵")
    case = _register(db, director, "张三", "李四", summary="两家菜地界限不清，多次争吵。",
                     id_number="11010519491231002X", phone="13800138000")
    _register(db, director, "赵红", "钱军", summary="拖欠工资约156,000元")
    return case, other


@pytest.mark.parametrize("query", [
    "张", "张三", "三", "zs", "ZS", "zhangsan", "zhang", "zhangs", "z s", "zhang san", "san",
    "第2号", "2号", "（2026）", "人调字第2", "20262",  # the case number (2nd of 2026) and its digits
    "11010519491231002x", "110105", "19491231", "1231", "002X",  # ID number: start, birth date, last digits
    "13800138000", "138001", "8000", "138000", "00138000",  # phone: start, last 4, 6, 8 digits
    "菜地", "界限不清", "多次争吵", "张三 菜地",
])
def test_zhang_san_is_found_by(db, zhang, query):
    case, _ = zhang
    assert case.case_id in search.search_case_ids(db, query)


@pytest.mark.parametrize("query", ["王五", "ww", "zhaohong", "工资", "张三 工资", "第9号", "99999"])
def test_zhang_san_is_not_found_by(db, zhang, query):
    case, _ = zhang
    assert case.case_id not in search.search_case_ids(db, query)


def test_names_and_pinyin_rank_before_summary_words_newest_first(db, director, zhang):
    case, other = zhang
    mention = _register(db, director, "孙丽", summary="张三之兄借款未还")
    found = search.search_case_ids(db, "张三")
    assert found.index(case.case_id) < found.index(mention.case_id)
    assert search.search_case_ids(db, "李四") [:2] == [case.case_id, other.case_id]
    assert search.search_case_ids(db, "李四", limit=1) == [case.case_id]


@pytest.mark.parametrize(("name", "queries"), [
    ("单田芳", ["shan", "shantianfang", "stf", "dan", "dtf", "tianfang"]),
    ("曾国藩", ["zeng", "zengguofan", "zgf", "ceng"]),
    ("解缙", ["xie", "xiejin", "xj", "jiejin"]),
    ("仇英", ["qiu", "qiuying", "qy"]),
    ("区小明", ["ou", "ouxiaoming", "oxm", "xm"]),
    ("朴永哲", ["piao", "piaoyongzhe", "pyz"]),
    ("查良镛", ["zha", "zhaliangyong", "zly"]),
    ("乐嘉", ["yue", "yuejia", "yj", "lejia"]),
    ("欧阳修", ["ouyang", "ouyangxiu", "oyx", "yangxiu"]),
    ("尉迟恭", ["yuchi", "ycg"]),
])
def test_polyphonic_and_compound_surnames(db, director, name, queries):
    case = _register(db, director, name, "李四")
    for query in queries:
        assert case.case_id in search.search_case_ids(db, query), query


def test_rare_characters(db, director):
    case = _register(db, director, "王𠮷", "刘䶮", summary="𠮷祥家的院墙")
    for query in ("𠮷", "王𠮷", "䶮", "刘䶮", "liuyan", "ly", "wang", "𠮷祥"):
        assert case.case_id in search.search_case_ids(db, query), query


@pytest.mark.parametrize("query", ["", "   ", "\t\n", "%", "_", "'", "%_'", "\\", "'; DROP TABLE party; --", "%%",
                                   "，。、"])
def test_empty_punctuation_and_wildcards_find_nothing(db, zhang, query):
    assert search.search_case_ids(db, query) == []
    if not query.split() or len(query.split()) == 1:  # ignored inside a term
        assert search.search_case_ids(db, f"张{query.strip()}三")[:1] == [zhang[0].case_id]


def test_deleted_and_reindexed_cases(db, director, zhang):
    case, other = zhang
    with UnitOfWork(db, actor="admin", action="party.rename") as uow:
        party = uow.session.scalar(select(Party).where(Party.case_id == case.case_id, Party.name == "张三"))
        party.name = "张三丰"
        uow.session.flush()
        search.reindex_case(uow.session.connection(), case.case_id)
        uow.commit()
    assert case.case_id in search.search_case_ids(db, "zhangsanfeng")
    assert case.case_id in search.search_case_ids(db, "三丰")
    with UnitOfWork(db, actor="admin", action="case.delete") as uow:  # as every path that deletes a case does
        uow.session.get(Case, other.case_id).deleted_at = dt.datetime.now(dt.UTC)
        uow.session.flush()
        search.refresh_cases(uow.session.connection(), [other.case_id])
        uow.commit()
    assert other.case_id not in search.search_case_ids(db, "王五")
    with db.engine.connect() as conn:
        assert search.index_is_complete(conn)


def test_old_database_is_indexed_when_it_opens(tmp_path):
    paths = DataPaths(tmp_path / "old")
    paths.root.mkdir()
    shutil.copy(FIXTURES / "0001.sqlite3", paths.database)
    db = open_database(paths)
    try:
        for names in (("张三", "zs", "zhangsan"), ("李四", "ls", "lisi"), ("赵红", "zh", "zhaohong")):
            found = [search.search_case_ids(db, q) for q in names]
            assert found[0] and all(f[:1] == found[0][:1] or found[0][0] in f for f in found), names
    finally:
        db.dispose()


def test_demo_cases_are_all_searchable(db):
    demo.generate(db, count=300, seed=3, today=dt.date(2026, 5, 1), batch_size=70)
    with db.engine.connect() as conn:
        parties = conn.execute(select(Party.case_id, Party.name, Party.phone).order_by(Party.case_id)).all()
    for case_id, name, phone in parties[::3]:
        assert case_id in search.search_case_ids(db, name, limit=None), name
        if phone:
            assert case_id in search.search_case_ids(db, phone[-4:], limit=None), phone
        reading = search_keys.syllables(search_keys.normalise(name))[-1]
        assert case_id in search.search_case_ids(db, "".join(s[0] for s in reading), limit=None), name
    assert assert_index_matches_cases(db) == 300




def test_a_limited_search_is_the_start_of_the_full_one(db, monkeypatch):
    """Names first, then text, newest first — and a limit only cuts that list: lookups that stop early
    (enough names, or enough text matches in the newest epochs) never change what is shown first.
    """
    demo.generate(db, count=300, seed=5, today=dt.date(2026, 5, 1), batch_size=100)
    with db.engine.connect() as conn:
        names = [n for (n,) in conn.execute(select(Party.name).order_by(Party.name).limit(40))]
        summary = conn.execute(select(Case.summary).where(Case.summary != "").limit(1)).scalar_one()
    word = next(summary[i:i + 2] for i in range(len(summary) - 1) if summary[i:i + 2].isalpha())
    queries = [names[0][:1], names[0], names[0][:1] + " " + word, word, "zh", "wang", "第1", "纠纷"]
    for query in queries:
        everything = search.search_case_ids(db, query, limit=None)
        for limit in (1, 5, 20, 100):
            assert search.search_case_ids(db, query, limit=limit) == everything[:limit], (query, limit)


def test_reads_in_turn_need_not_read_below_the_newest_the_reads_before_them_kept():
    """Several reads of a search (a term's parts, or its branches), each read given the floor the reads before it
    set: once they hold the limit, a later read looks only above the limit-th newest (周 2023: the IDs' l2023*
    walked every window of 周's docs down to the first for 42 docs below the 1,000 the case numbers gave)."""
    floors: list = []

    def read(docs):
        def got(above):
            floors.append(above)
            return [(d, f"case{d}") for d in docs if above is None or d > above]
        return got

    kept = search_reads._newest_in_turn([read([100, 98, 96, 94, 92, 90]), read([99, 95, 91]), read([97, 93])], 5, None)
    assert floors == [None, 92, 95]  # (the second read's 99 and 95 raised the fifth newest from 92 to 95)
    assert [d for d, _ in kept] == [100, 99, 98, 97, 96]
    floors.clear()
    search_reads._newest_in_turn([read([5, 4]), read([9, 3])], 5, 2)  # a floor given stays until the limit is held
    assert floors == [2, 2]


def test_several_terms_of_names_numbers_and_words_limited_are_the_start_of_the_full_list(db, monkeypatch):
    """Terms read part by part or branch by branch (a number's IDs and case numbers, a name's key and pair tables),
    whose later reads stop at the floor the earlier ones set, and a word narrowed by a name's characters in one
    ``MATCH`` (纠纷 周娜: ``c周 AND c娜`` cover the name's part ``n周娜*``): at every limit, the start of the whole
    list, and the same list as without the cover."""
    demo.generate(db, count=300, seed=11, today=dt.date(2026, 5, 1), batch_size=100)
    with db.engine.connect() as conn:
        names = conn.execute(text("SELECT name FROM party WHERE length(name) >= 2 GROUP BY substr(name, 1, 2) "
                                  "ORDER BY count(*) DESC LIMIT 3")).scalars().all()
    queries = [f"{n[:1]} 2026" for n in names] + [f"2026 {n[:1]}" for n in names] + [f"纠纷 {n[:2]}" for n in names]
    queries += [f"{n[:2]} 纠纷" for n in names] + [f"纠纷 {names[0][:2]} 2026", "2026 纠纷", "第1 纠纷"]
    matched: list[str] = []
    real = search_reads.statement

    def seen(*args, **kwargs):
        stmt, params = real(*args, **kwargs)
        matched.extend(str(v) for v in params.values())
        return stmt, params
    monkeypatch.setattr(search_reads, "statement", seen)
    for query in queries:
        everything = search.search_case_ids(db, query, limit=None)
        with monkeypatch.context() as plain:
            plain.setattr(search_reads, "_gram_cover", lambda parts: None)
            assert search.search_case_ids(db, query, limit=None) == everything, query
        for limit in (1, 3, 20, len(everything) + 1):
            assert search.search_case_ids(db, query, limit=limit) == everything[:limit], (query, limit)
    two = names[0][:2]
    assert any(f'"c{two[0]}" AND "c{two[1]}"' in m or f'"c{two[1]}" AND "c{two[0]}"' in m for m in matched)


@pytest.mark.parametrize("window", [search_reads.WINDOW, 7])
def test_several_terms_find_the_first_terms_matches_that_every_other_term_finds(db, monkeypatch, window):
    """Whatever path a query of several terms takes (a further term of one or two characters filters the first
    term's newest matches in the engine, in windows of docs on SQLite — here also windows of 7, 14, 28… docs, so
    that a search crosses many; a longer one is confirmed against the text), it finds exactly the first term's
    matches, in their order, that each further term finds on its own."""
    monkeypatch.setattr(search_reads, "WINDOW", window)
    demo.generate(db, count=300, seed=7, today=dt.date(2026, 5, 1), batch_size=100)
    with db.engine.connect() as conn:  # a party's name and words of the same case's summary
        rows = conn.execute(select(Party.name, Case.summary).join(Case, Party.case_id == Case.id)
                            .where(Case.summary != "").order_by(Case.case_no).limit(12)).all()
        common = conn.execute(text("SELECT substr(name, 1, 1) AS c FROM party GROUP BY c ORDER BY count(*) DESC, c "
                                   "LIMIT 1")).scalar_one()
    words = [next(s[i:i + 2] for i in range(len(s) - 1) if s[i:i + 2].isalpha()) for _, s in rows]
    phrases = [next(s[i:i + 3] for i in range(len(s) - 2) if s[i:i + 3].isalpha()) for _, s in rows]
    names = [n for n, _ in rows]
    queries = [f"{names[0][:1]} {words[0]}", f"{words[1]} {names[1][:1]}", f"{names[2][:1]} {names[3][:1]}",
               f"{words[4]} {words[5]} {names[4][:1]}", f"{names[6][:1]} {phrases[6]}", f"{phrases[7]} {words[7]}",
               f"{names[8]} 纠纷", "z 纠纷", "纠纷 1", f"{words[9]} zh", f"{names[10][:2]} {words[10]}",
               # SQLite: a further term asked in the first one's MATCH (its pairs, or a character of a name, beside
               # the first keystroke's character or letter), one that is not (a part of a name: found in the key
               # table too), and both at once
               f"{names[11][:1]} {words[11]} {names[0][:1]}", f"{names[11][:1]} {names[11][-2:]}",
               f"z {names[1][-2:]} {words[1]}", "纠纷 z",
               # a further term in most docs and in other tables (pinyin: the key table): many windows filled
               f"{common} zh", f"{common} {words[0][:1]} ch", f"{words[2]} zh",
               # a further term of 3 or more characters found by its pairs alone: asked with the first term's (SQLite)
               # and confirmed on each row read, after letters, a number, a name, another such term, in between
               f"zh {phrases[8]}", f"第1 {phrases[9]}", f"{common} {phrases[10]}", f"{phrases[0]} {phrases[1]}",
               f"{common} {phrases[2]} {words[2]}", f"{phrases[3]} {common} {phrases[3][1:]}",
               # … and one that a name holds too (its keys find docs: not asked so)
               f"{common} {names[5]}"]
    found_any = 0
    for query in queries:
        first, *rest = query.split()
        expected = search.search_case_ids(db, first, limit=None)
        for term in rest:
            each = set(search.search_case_ids(db, term, limit=None))
            expected = [case_id for case_id in expected if case_id in each]
        assert search.search_case_ids(db, query, limit=None) == expected, query
        for limit in (7, 50):
            assert search.search_case_ids(db, query, limit=limit) == expected[:limit], (query, limit)
        found_any += bool(expected)
    assert found_any >= 6


@pytest.mark.parametrize("few", [0, 10 ** 9])
def test_a_filtered_search_in_windows_of_docs_finds_what_one_statement_over_all_docs_finds(db, monkeypatch, few):
    """SQLite: a lookup filtered by a further term found in other tables (纠纷 zh: zh is pinyin, in the key table) is
    asked in windows of docs, newest first, each twice as large as the one before. Whatever the first window, the
    newest matches are those one statement over all docs gives: none left out at a window's edge, none twice. A
    further term that finds few docs (``search_reads.FEW``) is one statement, limited, with the same results."""
    from mediation_desktop.services.search_terms import key_lookup, word_lookup

    monkeypatch.setattr(search_reads, "FEW", few)
    demo.generate(db, count=300, seed=7, today=dt.date(2026, 5, 1), batch_size=100)
    also = [key_lookup("zh") + word_lookup("zh")]
    windows: list = []
    monkeypatch.setattr(search_reads, "_in_windows", _counting(search_reads._in_windows, windows))
    with db.engine.connect() as conn:
        first, second = conn.execute(text("SELECT substr(name, 1, 1) AS c FROM party GROUP BY c "
                                          "ORDER BY count(*) DESC, c LIMIT 2")).scalars()
        # one part, and two parts that both find docs, interleaved (each asked on its own, their newest then merged)
        for lookup in (word_lookup("纠纷"), key_lookup(first) + key_lookup(second)):
            expected = search_reads.found_docs(conn, lookup, None, None, also)  # (no limit: one statement)
            assert len(expected) > 20
            for window in range(1, 14):
                monkeypatch.setattr(search_reads, "WINDOW", window)
                for limit in (1, 5, 20, len(expected), len(expected) + 1):
                    assert search_reads.found_docs(conn, lookup, limit, None, also) == expected[:limit], (window, limit)
                    below = expected[len(expected) // 2][0]
                    assert search_reads.found_docs(conn, lookup, limit, below, also) == [
                        row for row in expected if row[0] < below][:limit], (window, limit)
    assert len(windows) == (13 * 5 * 2 * (1 + 2) if few == 0 else 0)


def _counting(fn, calls: list):
    def counted(*args, **kwargs):
        calls.append(1)
        return fn(*args, **kwargs)
    return counted


@pytest.mark.parametrize(("text", "query", "found"), [
    ("张三与三丰各执一词", "张三丰", False),  # both pairs, apart
    ("张三丰的院墙", "张三丰", True),
    ("界限，不清", "界限不清", False),  # punctuation between: not the same words
    ("两家界限不清", "界限不清", True),
    ("借款五千元未还，五千元借据", "借款五千元借据", False),
    ("拖欠工资约156,000元", "156000元", False),
])
def test_a_longer_term_found_by_its_pairs_is_confirmed_against_the_text(db, director, text, query, found):
    """3 or more characters need all their pairs and then the text itself: no false hits."""
    case = _register(db, director, "赵甲", "钱乙", summary=text)
    assert (case.case_id in search.search_case_ids(db, query, limit=None)) is found
    assert (case.case_id in search.search_case_ids(db, f"赵甲 {query}", limit=None)) is found


@pytest.mark.parametrize(("summary", "found"), [
    ("承包⼟地三亩", True),  # a Kangxi radical (U+2F1F): 土 once normalised, so the engine's instr cannot find it
    ("承包土地三亩", True),
    ("承包土，土地三亩", False),  # its pairs, apart
    ("借款１５号到期", True),  # full-width digits: 15 once normalised (a term with digits, looked for as it is first)
    ("借款⑮号到期", True),  # a circled fifteen
    ("借款15号到期", True),
    ("借款1，5号到期", False),  # its pairs, apart
])
def test_a_longer_term_the_engine_cannot_find_as_it_is_is_confirmed_by_its_runs(db, director, summary, found):
    """SQLite confirms a longer term in the statement that reads its rows (``instr``) and sends the texts it did not
    find it in to be looked through run by run: found there, the case is found."""
    case = _register(db, director, "赵甲", "钱乙", summary=summary)
    word = "承包土地" if "承包" in summary else "借款15号"
    for query in (word, f"赵甲 {word}", f"{word} 赵甲", f"zj {word}", f"{word} {'三亩' if '承包' in summary else '到期'}"):
        for limit in (None, 1, 5):
            assert (case.case_id in search.search_case_ids(db, query, limit=limit)) is found, (query, limit)


def test_only_the_texts_of_cases_holding_a_character_that_normalises_to_the_term_are_looked_through(db, director,
                                                                                                   monkeypatch):
    """SQLite (revision 0018): where the engine's ``instr`` does not find a longer term of digits and ideographs in a
    case's texts as they are, the case can hold it only if its texts hold a character that normalises to one
    (``search_keys.FOLDED``); only those cases' texts are sent to be looked through, every other one is left out in
    the statement (``15号``: 861 cases holding ``15`` and ``5号`` apart at 100,000, each sent and searched)."""
    if not db.is_sqlite:
        pytest.skip("SQLite's reads")
    plain = _register(db, director, "赵甲", "钱乙", summary="借款15号到期").case_id
    folded = _register(db, director, "赵甲", "钱乙", summary="借款１５号到期").case_id
    circled = _register(db, director, "赵甲", "钱乙", summary="借款⑮号到期").case_id
    for _ in range(3):
        _register(db, director, "赵甲", "钱乙", summary="借款1，5号到期，借款15")  # every pair, the term apart
    _register(db, director, "赵甲", "钱乙", summary="借款１，５号到期")  # apart, and folded: sent, not found
    sent: list = []
    real = search_reads._holds_all
    monkeypatch.setattr(search_reads, "_holds_all",
                        lambda terms, texts: (texts is not None and sent.append(texts), real(terms, texts))[1])
    for query in ("借款15号", "赵甲 借款15号", "借款15号 赵甲", "zj 借款15号", "借款15号 到期"):
        for limit in (None, 1, 2, 5):
            assert search.search_case_ids(db, query, limit=limit) == [circled, folded, plain][:limit], (query, limit)
    assert sent and {text.rsplit(" ", 1)[-1] for text in sent} <= {"借款１５号到期", "借款⑮号到期", "借款１，５号到期"}, sent


def test_a_text_edited_to_or_from_a_character_that_normalises_to_its_own_is_indexed_again(db, director):
    """``借款15号`` and ``借款１５号`` have the same pairs; only the second holds ``search_keys.FOLDED``. An edit from one
    to the other writes the case's row again (its tokens' digest changes), so the case is still found by 15号."""
    case = _register(db, director, "赵甲", "钱乙", summary="借款15号到期").case_id
    for summary in ("借款１５号到期", "借款15号到期"):
        with UnitOfWork(db, actor="admin", action="case.note") as uow:
            uow.session.get(Case, case).summary = summary
            uow.session.flush()
            assert search.refresh_cases(uow.session.connection(), [case]) == 1, summary
            uow.commit()
        assert search.search_case_ids(db, "借款15号", limit=None) == [case], summary
        assert search.search_case_ids(db, "15号", limit=None) == [case], summary
    assert_index_matches_cases(db)


@pytest.mark.parametrize(("end", "found"), [(2000, True), (2001, False)])
def test_a_longer_term_is_confirmed_in_the_first_2000_characters_its_pairs_were_made_from(db, director, end, found):
    """A term is looked for where the index looked: the first 2,000 characters of the title, a space and the summary
    (``search_keys.pairs``). Its pairs lie apart early on; the term itself ends at character 2,000, or 2,001."""
    case = _register(db, director, "赵甲", "钱乙", summary="待定")
    with db.engine.connect() as conn:
        title = conn.scalar(select(Case.title).where(Case.id == case.case_id))
    head = "宅基，基地，"
    filler = "乙" * (end - len(title) - 1 - len(head) - 3)
    with UnitOfWork(db, actor="admin", action="case.note") as uow:
        uow.session.get(Case, case.case_id).summary = head + filler + "宅基地" + "丙" * 50
        uow.session.flush()
        assert search.refresh_cases(uow.session.connection(), [case.case_id]) == 1
        uow.commit()
    assert len(title) + 1 + len(head) + len(filler) + 3 == end
    for query in ("宅基地", "赵甲 宅基地", "宅基地 赵甲"):
        for limit in (None, 3):
            assert (case.case_id in search.search_case_ids(db, query, limit=limit)) is found, (query, limit)


def test_sqlite_confirms_a_longer_term_on_the_rows_it_reads(db, director, monkeypatch):
    """SQLite: a longer term, first or further, is confirmed in the one statement that reads the rows (the case's
    texts joined there), not by reading the texts of every doc its pairs find first (周 宅基地: ≈ 1,400 cases' rows
    at 100,000, 27 ms a keystroke)."""
    if not db.is_sqlite:
        pytest.skip("SQLite's reads")
    calls: list = []
    for name in ("texts_hold", "word_docs", "doc_set"):
        monkeypatch.setattr(search, name, _counting(getattr(search, name), calls))
    case = _register(db, director, "周甲", "钱乙", summary="宅基地边界争议")
    _register(db, director, "周丙", "钱丁", summary="宅基，基地，不在一处")
    for query in ("宅基地", "周 宅基地", "宅基地 周", "zj 宅基地", "宅基地 边界争议"):
        assert search.search_case_ids(db, query) == [case.case_id], query
    assert calls == []


@pytest.mark.parametrize("query", ["宅基地", "周甲 宅基地", "宅基地 周甲", "zj 宅基地"])
def test_a_search_reads_on_past_newer_docs_whose_pairs_lie_apart_and_in_few_reads(db, director, monkeypatch, query):
    """The newest cases hold the phrase's pairs apart (its newest candidates, none confirmed), the oldest the phrase:
    a limited search reads on below them until the limit is kept, each read asking for twice as many docs as the one
    before (not one doc a statement)."""
    if not db.is_sqlite:
        pytest.skip("SQLite's reads")
    monkeypatch.setattr(search_reads, "READ_AT_LEAST", 1)
    held = [_register(db, director, "周甲", "钱乙", summary=f"宅基地第{i}处").case_id for i in range(3)]
    for _ in range(40):
        _register(db, director, "周甲", "钱乙", summary="宅基，基地，不在一处")
    reads: list = []
    monkeypatch.setattr(search_reads, "_read", _counting(search_reads._read, reads))
    for limit in (1, 2, 3, None):
        reads.clear()
        assert search.search_case_ids(db, query, limit=limit) == held[::-1][:limit], (query, limit)
        assert len(reads) <= 9, (query, limit, len(reads))  # ≤ 2 (keys) + 7 (1, 2, 4 … 64 docs of the words)


def test_a_further_term_a_renamed_party_held_is_asked_with_the_first_terms_lookup(db, director):
    """A party once named 宅基地 leaves its old doc behind (SQLite keeps a changed case's old full-text rows until a
    rebuild); that doc finds no case, so 宅基地 as a further term is found by its pairs alone — and a name that still
    holds it keeps the term on the sets path. Either way, exactly the cases holding it."""
    named = _register(db, director, "宅基地", "周甲", summary="邻里纠纷")
    held = _register(db, director, "周乙", "钱丙", summary="宅基地边界争议")
    _register(db, director, "周丁", "钱戊", summary="宅基，基地，不在一处")
    assert search.search_case_ids(db, "周 宅基地") == [held.case_id, named.case_id]
    with UnitOfWork(db, actor="admin", action="case.note") as uow:
        party = uow.session.scalars(select(Party).where(Party.case_id == named.case_id, Party.name == "宅基地")).one()
        party.name = "王五"
        uow.session.get(Case, named.case_id).title = "王五与周甲邻里纠纷"  # (its title named the party too)
        uow.session.flush()
        assert search.refresh_cases(uow.session.connection(), [named.case_id]) == 1
        uow.commit()
    for query in ("周 宅基地", "宅基地 周", "zy 宅基地"):  # (zy: 周乙)
        for limit in (None, 1, 5):
            assert search.search_case_ids(db, query, limit=limit) == [held.case_id], (query, limit)


def test_the_first_terms_words_are_read_past_its_keyed_docs_at_once(db, director, monkeypatch):
    """The docs a term's keys found (here every case number with 第1: 1, 10–19) are left out of its words' matches
    (the same docs, by the numbers' pairs): the words are asked for as many more as could be left out, not read again
    and again a few rows at a time."""
    if not db.is_sqlite:
        pytest.skip("SQLite's reads")
    cases = [_register(db, director, "赵甲", "钱乙").case_id for _ in range(20)]
    reads: list = []
    read = search_reads._read

    def counted(conn, lookup, *args, **kwargs):
        reads.append(lookup)
        return read(conn, lookup, *args, **kwargs)

    monkeypatch.setattr(search_reads, "_read", counted)
    found = search.search_case_ids(db, "第1", limit=12)
    assert set(found) == {cases[0], *cases[9:19]}
    # each of its keys' lookups read once (a name part, an ID or phone, a case number), then its words once
    assert [lookup for lookup in reads if lookup == word_lookup("第1")] == [word_lookup("第1")]
    assert len(reads) == len(key_lookup("第1")) + 1


def test_a_voided_case_is_not_found_and_its_doc_is_never_given_again(db, director):
    from mediation_desktop.services.cases import void_case
    from mediation_desktop.storage.models import CaseSearchRow

    def reg(name: str) -> object:
        return register_case(db, director, CaseInput("neighbour", [PartyInput(name)], registered_on=DAY),
                             today=DAY).case_id

    first, second = reg("赵甲"), reg("孙丙")
    with db.engine.connect() as conn:
        voided_doc = conn.scalar(select(CaseSearchRow.doc).where(CaseSearchRow.case_id == second))
    void_case(db, director, second, reason="登记错误")
    third = reg("周丁")
    with db.engine.connect() as conn:
        assert conn.scalar(select(CaseSearchRow.doc).where(CaseSearchRow.case_id == third)) > voided_doc
    assert search.search_case_ids(db, "孙丙") == [] and search.search_case_ids(db, "sunbing") == []
    assert search.search_case_ids(db, "周丁") == [third] and search.search_case_ids(db, "zhaojia") == [first]
    assert_index_matches_cases(db)


def test_an_edit_that_leaves_the_text_keeps_the_row_and_a_changed_one_is_found_by_its_new_text(db, director, zhang):
    from mediation_desktop.storage.models import CaseSearchRow

    case, _ = zhang
    with db.engine.connect() as conn:
        before = conn.execute(select(CaseSearchRow.doc, CaseSearchRow.digest)
                              .where(CaseSearchRow.case_id == case.case_id)).one()
    with UnitOfWork(db, actor="admin", action="case.note") as uow:
        assert search.refresh_cases(uow.session.connection(), [case.case_id]) == 0  # nothing searchable changed
        uow.session.get(Case, case.case_id).summary = "宅基地边界争议"
        uow.session.flush()
        assert search.refresh_cases(uow.session.connection(), [case.case_id]) == 1
        uow.commit()
    with db.engine.connect() as conn:
        after = conn.execute(select(CaseSearchRow.doc, CaseSearchRow.digest)
                             .where(CaseSearchRow.case_id == case.case_id)).one()
    assert after.doc > before.doc and after.digest != before.digest
    assert case.case_id in search.search_case_ids(db, "宅基地")
    assert case.case_id not in search.search_case_ids(db, "菜地")
    assert_index_matches_cases(db)


def test_a_limited_search_is_the_start_of_the_full_one_when_edits_left_docs_behind(db):
    """An edit that changes a case's text gives it a new doc; on SQLite its old full-text rows stay until a rebuild
    and find nothing (no ``case_search_row``). A limited search of several terms still gives as many of the newest
    matches as the limit asks for: the docs left behind never take a place (nor let a match of the first term's
    words come before one of its names)."""
    demo.generate(db, count=300, seed=9, today=dt.date(2026, 5, 1), batch_size=100)
    with UnitOfWork(db, actor="admin", action="case.note") as uow:
        edited = [case for i, case in enumerate(uow.session.scalars(select(Case).order_by(Case.case_no))) if i % 3 == 0]
        for case in edited:
            case.summary = (case.summary or "") + "，又起纠纷"
        uow.session.flush()
        assert search.refresh_cases(uow.session.connection(), [c.id for c in edited]) == len(edited)
        uow.commit()
    with db.engine.connect() as conn:
        common = conn.execute(text("SELECT substr(name, 1, 1) AS c FROM party GROUP BY c ORDER BY count(*) DESC, c "
                                   "LIMIT 1")).scalar_one()
    for query in (f"{common} 2026", f"{common} 纠纷", f"纠纷 {common}", f"{common} 又起纠纷", f"{common} zh", "2026 纠纷"):
        everything = search.search_case_ids(db, query, limit=None)
        assert len(everything) > 7, query
        for limit in (1, 7, 30):
            assert search.search_case_ids(db, query, limit=limit) == everything[:limit], (query, limit)


def test_the_reads_of_a_search_are_one_snapshot(db):
    """Every read of a search is made in its connection's transaction (SQLite's driver reads of doc sets too), so a
    case changed by another connection between two of them is not half seen."""
    from mediation_desktop.services.search_reads import doc_set
    from mediation_desktop.services.search_terms import key_lookup

    demo.generate(db, count=20, seed=9, today=dt.date(2026, 5, 1), batch_size=10)
    with db.engine.connect() as conn:
        assert not conn.in_transaction()
        assert doc_set(conn, key_lookup("z"))
        assert conn.in_transaction()


def test_the_sqlite_in_use_has_fts5(db):
    from mediation_desktop.storage import fulltext

    with db.engine.connect() as conn:
        assert fulltext.has_fts5(conn)
        options = {row[0] for row in conn.exec_driver_sql("PRAGMA compile_options")}
    assert "ENABLE_FTS5" in options


def test_without_fts5_the_program_says_so_once_and_opens_nothing(tmp_path, monkeypatch):
    from mediation_desktop.errors import MediationError
    from mediation_desktop.i18n import tr
    from mediation_desktop.storage import fulltext

    monkeypatch.setattr(fulltext, "has_fts5", lambda conn: False)
    with pytest.raises(MediationError) as caught:
        open_database(DataPaths(tmp_path / "new"))
    assert caught.value.key == "db.no_fulltext"
    assert "FTS5" in tr(caught.value.key, **caught.value.params)


def test_the_index_holds_exactly_the_cases_not_deleted(db, zhang):
    """A path that deletes a case must take it out of the index in its transaction: the check says when not."""
    case, _ = zhang
    with db.engine.connect() as conn:
        assert search.index_is_complete(conn)
    with UnitOfWork(db, actor="admin", action="case.delete") as uow:
        uow.session.get(Case, case.case_id).deleted_at = dt.datetime.now(dt.UTC)
        uow.commit()
    with db.engine.connect() as conn:
        assert not search.index_is_complete(conn)
    with UnitOfWork(db, actor="admin", action="case.delete") as uow:
        search.refresh_cases(uow.session.connection(), [case.case_id])
        uow.commit()
    with db.engine.connect() as conn:
        assert search.index_is_complete(conn)
    assert case.case_id not in search.search_case_ids(db, "张三")


def test_the_rare_surname_ji_is_found_by_its_initials(db, director):
    """𠮷 (the 吉 variant) has no reading in pypinyin: 𠮷月玥 is found by jyy and jiyueyue as 吉 would be."""
    from mediation_desktop.services.cases import CaseInput, register_case
    from mediation_desktop.services.parties import PartyInput

    cid = register_case(db, director, CaseInput("neighbour", [PartyInput("𠮷月玥"), PartyInput("李四")],
                                                summary="宅基地纠纷")).case_id
    for query in ("𠮷月玥", "jyy", "jiyueyue"):
        assert cid in search.search_case_ids(db, query, limit=None), query


def test_a_rebuilt_index_keeps_the_order_of_the_docs_an_edit_made_newest(db, director):
    """A case edited after others gets a newer doc (found before them, newest first); rebuilding the index (every
    schema upgrade that changes the tokens does) keeps that order instead of numbering the cases by registration."""
    first, second, third = (_register(db, director, "赵甲", name).case_id for name in ("钱乙", "孙丙", "李丁"))
    with UnitOfWork(db, actor="admin", action="case.note") as uow:
        uow.session.get(Case, first).summary = "补充了调查情况"
        uow.session.flush()
        assert search.refresh_cases(uow.session.connection(), [first]) == 1
        uow.commit()
    assert search.search_case_ids(db, "赵甲") == [first, third, second]
    assert search.rebuild_index(db) == 3
    for limit in (None, 1, 2, 3):
        assert search.search_case_ids(db, "赵甲", limit=limit) == [first, third, second][:limit], limit
    assert assert_index_matches_cases(db) == 3


def test_a_further_term_of_digits_is_asked_with_the_first_terms_lookup(db, director, monkeypatch):
    """Digits alone have no words to confirm against the text: a further 2026 (a year, in every case number of the
    year) is asked with the first term's lookup like a term of one or two characters, never as sets of every doc of
    each term (周 2023: 25 ms at 100,000 cases, where 2023 工资 took 3.5)."""
    mine = [_register(db, director, "赵甲", name).case_id for name in ("钱乙", "孙丙")]
    _register(db, director, "周丁", "李戊")

    def no_sets(*args, **kwargs):
        raise AssertionError("the sets path")

    monkeypatch.setattr(search, "doc_set", no_sets)
    with db.engine.connect() as conn:
        year = conn.scalar(select(Case.year).where(Case.id == mine[0]))
    for query in (f"赵甲 {year}", f"zj {year}", f"赵甲 {year} 钱乙"):
        for limit in (None, 1, 5):
            want = mine[::-1] if "钱乙" not in query else mine[:1]
            assert search.search_case_ids(db, query, limit=limit) == want[:limit], (query, limit)


def test_a_further_number_is_found_in_case_numbers_and_in_ids_and_phones_alike(db, director):
    """A further term of digits finds a case by its case number (m, with the first term's pairs in one MATCH on
    SQLite) or by a party's phone or ID number (l, in the numbers' table): both branches, newest first, at every
    limit."""
    year = DAY.year
    by_phone = register_case(db, director, CaseInput("neighbour", [PartyInput("赵甲", phone=f"1390000{year}"),
                                                                    PartyInput("钱乙", role=PartyRole.RESPONDENT)],
                                                     registered_on=DAY.replace(year=year - 1)),
                             today=DAY).case_id
    by_number = _register(db, director, "赵甲", "孙丙").case_id
    _register(db, director, "周丁", "李戊")
    with db.engine.connect() as conn:
        numbers = {cid: no for cid, no in conn.execute(select(Case.id, Case.case_no))}
    assert str(year) not in numbers[by_phone] and str(year) in numbers[by_number]
    for query in (f"赵 {year}", f"赵甲 {year}", f"zj {year}", f"钱乙 {year}", f"{year} 赵甲", f"赵 {year} 甲"):
        want = [c for c in (by_number, by_phone) if query.split()[0] != "钱乙" or c == by_phone]
        for limit in (None, 1, 2, 5):
            assert search.search_case_ids(db, query, limit=limit) == want[:limit], (query, limit)


def test_a_case_number_typed_key_by_key_lists_first_the_cases_whose_number_has_a_start_so(db):
    """Each keystroke of a case number typed (and of one typed without its year): first exactly the cases one of
    whose number's starts holds what was typed (the starts numbers share by their exact ``m`` tokens since revision
    0017, the others by prefix), then those whose texts hold it; a limit cuts that list."""
    demo.generate(db, count=120, seed=9, today=dt.date(2026, 5, 1), batch_size=40)
    with db.engine.connect() as conn:
        numbers = dict(conn.execute(select(Case.id, Case.case_no)).all())
    heads = {case_id: search_keys._number_heads(search_keys.normalise(n)) for case_id, n in numbers.items()}
    picked = sorted(numbers.values())[::37]
    typed = {n[:k] for n in picked for k in range(1, len(n) + 1)} | {n[n.index("）") + 1:][:k] for n in picked
                                                                      for k in range(1, 12)}
    shared = 0
    for query in sorted(typed):
        term = search_keys.normalise(query)
        if len(term) < 2 or term.isdigit():  # (one character: names; digits: IDs and phones start so too)
            continue
        shared += search_keys.is_shared_start(term)
        found = search.search_case_ids(db, query, limit=None)
        starting = {i for i, hs in heads.items() if any(h.startswith(term) for h in hs)}
        assert starting and set(found[:len(starting)]) == starting, query
        assert search.search_case_ids(db, query, limit=7) == found[:7], query
    assert shared > 20


def test_a_serials_end_and_a_letter_finds_the_numbers_ending_so_unconfirmed_and_the_same_cases(db, director,
                                                                                              monkeypatch):
    """``17号`` (two or more digits and a letter, revision 0017): the cases whose number's serial ends so hold its
    ``e`` token and are read apart, not confirmed against their texts, and left out of the pairs' reads (``NOT``),
    which read only above the last of them when they fill the limit; the search finds the same cases in the same
    order, at every limit, as when every match of its pairs was confirmed (cases whose summary holds the term lie
    between the numbers ending so)."""
    demo.generate(db, count=700, seed=9, today=dt.date(2026, 5, 1), batch_size=350)
    for n in range(10, 40):
        _register(db, director, "甲乙", summary=f"住东头{n}号院，{n % 7}号地块")
    demo.generate(db, count=700, seed=10, today=dt.date(2026, 5, 1), batch_size=350)
    with db.engine.connect() as conn:
        numbers = conn.execute(select(Case.case_no)).scalars().all()
    ends = sorted({e[1:] for n in numbers for e in search_keys.serial_ends(n)})
    assert len(ends) > 50
    queries = [*ends, "00号", "1号", "第104号", "104号"]
    asked: list[str] = []
    bounded: list[str] = []  # the texts' reads above the last number read (the floor: in the statement)
    statement = search_reads.statement

    def spy(conn, lookup, **kw):
        asked.extend(part.fts5() for part in lookup)
        stmt, params = statement(conn, lookup, **kw)
        if "> :above" in stmt.text:
            bounded.extend(part.fts5() for part in lookup)
        return stmt, params

    monkeypatch.setattr(search_reads, "statement", spy)
    found = {q: search.search_case_ids(db, q, limit=None) for q in queries}
    limited = {(q, lim): search.search_case_ids(db, q, limit=lim) for q in queries for lim in range(1, len(found[q]) + 2)}
    assert any(f'NOT "e{ends[0]}"' in q for q in asked) and f'"e{ends[0]}"' in asked
    assert bounded and all(" NOT " in q for q in bounded)
    monkeypatch.setattr(search, "end_part", lambda term: None)
    for q in queries:
        assert search.search_case_ids(db, q, limit=None) == found[q], q
        for lim in range(1, len(found[q]) + 2):
            assert limited[q, lim] == found[q][:lim], (q, lim)
    assert sum(map(len, found.values())) > 300
