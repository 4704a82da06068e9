"""The tokens the search index holds: only those a lookup reads, and every fragment still found."""

from __future__ import annotations

import datetime as dt
import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from mediation_desktop.domain.enums import PartyRole
from mediation_desktop.services import search, search_keys
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput

DAY = dt.date(2026, 3, 2)


def test_no_number_token_of_one_character_is_made():
    numbers, grams = search_keys.number_tokens("（2026）石桥村人调字第15号", apart=False)  # (before revision 0016)
    assert numbers == {"l2026石桥村人调字第15号", "l石桥村人调字第15号", "l第15号", "l15号", "l202615"}
    assert "g5号" in grams
    # since 0016 with the pairs: each start by prefix (h), and its first two to four characters exactly (m)
    numbers, grams = search_keys.number_tokens("（2026）石桥村人调字第15号")
    assert numbers == set()
    assert {g for g in grams if g[0] in "hm"} == {
        "h2026石桥村人调字第15号", "h石桥村人调字第15号", "h第15号", "h15号", "h202615",
        "m20", "m202", "m2026", "m石桥", "m石桥村", "m石桥村人", "m第1", "m第15", "m第15号", "m15", "m15号",
        # since 0017 the starts numbers share, whole: leading digits and the characters after them up to the next digit
        "m2026石", "m2026石桥", "m2026石桥村", "m2026石桥村人", "m2026石桥村人调", "m2026石桥村人调字", "m2026石桥村人调字第",
        "m石桥村人调", "m石桥村人调字", "m石桥村人调字第"}
    assert "g5号" in grams
    keys, more, _ = search_keys.text_tokens(search_keys.CaseText("x", names=["张三"], numbers=["7", "a1", "13800138000"]))
    assert more == {"la1", "l13800138000", "l00138000", "l138000", "l8000"}
    assert {"c张", "c三", "qz", "qs"} <= keys  # SQLite's first keystroke reads these


def test_the_number_table_has_no_prefix_index_a_lookup_never_reads(db):
    with db.engine.connect() as conn:
        sql = conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'fts_case_number'")).scalar_one()
    assert "prefix = '3 4 5'" in sql


def test_fragments_of_two_characters_and_the_end_of_a_case_number_are_still_found(db, director):
    """The fragments nearest to the tokens left out: two digits of the serial, the number's last characters
    (by its pairs), a one-character term (names only, as before)."""
    found = register_case(db, director, CaseInput("neighbour", [
        PartyInput("张三", id_number="11010519491231002X", phone="13800138000"),
        PartyInput("李四", role=PartyRole.RESPONDENT)], summary="菜地界限", registered_on=DAY), today=DAY)
    for _ in range(11):
        case = register_case(db, director, CaseInput("neighbour", [PartyInput("王五"), PartyInput(
            "赵六", role=PartyRole.RESPONDENT)], registered_on=DAY), today=DAY)
    last = case.case_id  # the 12th case of 2026: 第12号
    with db.engine.connect() as conn:
        number = conn.execute(text("SELECT case_no FROM mediation_case WHERE id = :i"), {"i": last.hex}).scalar_one()
    assert number.endswith("第12号")
    for query in ("12", "12号", "2号", "第12", "202612"):
        assert last in search.search_case_ids(db, query, limit=None), query
    for query, first in (("12号", False), ("第12", False), ("12", True), ("1231", True), ("13", True)):
        assert (found.case_id in search.search_case_ids(db, query, limit=None)) is first, query  # 1231: ID
    assert search.search_case_ids(db, "号") == []  # one character: names only, as before


_texts = st.text(alphabet=st.sampled_from("张三李四欧阳单曾第号（）()-—年2026石桥村人调字0123456789abcXx 　ＡＢ１２"),
                 max_size=24)
# and what normalising changes or joins: combining marks, compatibility forms, ß, final sigma, _ and ·
_awkward = st.text(alphabet=st.sampled_from("张三abcXßΣσς_·,，e\u0301\u0301ｅﬁ①㈱\uf900\u1100\u1161\u11a8가Å 　1２"),
                   max_size=12)


@settings(max_examples=150, deadline=None)
@given(text=st.one_of(_texts, _awkward, st.text(max_size=12)))
def test_normalising_looks_at_a_normal_text_only_and_gives_what_nfkc_gives(text):
    assert search_keys.normalise(text) == search_keys._NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text).casefold())
    assert search_keys.runs(text) == search_keys._ALNUM_RUN.findall(unicodedata.normalize("NFKC", text).casefold())


@settings(max_examples=100, deadline=None)
@example(pieces=["xe", "\u0301y"], long=False)  # normalising joins the pieces: xéy
@example(pieces=["한\u1100", "\u1161"], long=False)  # 한가
@given(pieces=st.lists(st.one_of(_texts, _awkward, st.text(max_size=8)), max_size=8), long=st.booleans())
def test_pairs_of_a_text_in_pieces_are_the_pairs_of_the_text(pieces, long):
    """The demo's texts come in pieces (a template's parts and the values between them): their pairs, the ones
    inside each piece remembered, are those of the whole text, across the pieces' edges, where normalising
    joins two pieces (a combining mark) and where the text is cut (``_TEXT_CHARS``)."""
    if long:
        pieces = [*pieces, "张" * 1990, "三四", *pieces]
    assert search_keys.joined_pairs(pieces) == search_keys.pairs("".join(pieces))


@settings(max_examples=100, deadline=None)
@example(pieces=["（", "2026", "）", "石桥村", "人调字第", "15", "号"])
@example(pieces=["第e", "\u0301", "1"])  # a combining mark begins a piece: normalised whole
@example(pieces=["한\u1100", "\u1161", "号"])  # a jamo joins two pieces (가)
@example(pieces=["a\u302b", "\u302a1"])  # ideographic tone marks (in CJK punctuation's block) reordered
@given(pieces=st.lists(st.one_of(_texts, _awkward, st.text(max_size=8)), max_size=8))
def test_case_number_tokens_in_pieces_are_those_of_the_number(pieces):
    """The demo makes a case number's tokens from its pattern's pieces (each normalised once), or whole where a
    piece does not begin with a character normalising never joins to the one before it."""
    assert search_keys.joined_number_tokens(pieces) == search_keys.number_tokens("".join(pieces))
    clean = search_keys._joins_as_pieces(pieces)
    assert not clean or "".join(unicodedata.normalize("NFKC", p) for p in pieces) == unicodedata.normalize(
        "NFKC", "".join(pieces))


@settings(max_examples=60, deadline=None)
@given(names=st.lists(_texts, max_size=4), numbers=st.lists(_texts, max_size=4), title=_texts,
       summary=st.lists(_texts, max_size=4), case_no=_texts)
def test_tokens_with_the_text_pairs_made_ahead_are_the_tokens_made_in_one_go(names, numbers, title, summary,
                                                                             case_no):
    c = search_keys.CaseText("x", case_no, title, "".join(summary), names=list(names), numbers=list(numbers))
    ahead = search_keys.joined_pairs([title, " ", *summary])
    assert search_keys.case_tokens(c, ahead) == search_keys.case_tokens(c)
    number = search_keys.joined_number_tokens([case_no[:3], case_no[3:]])
    assert search_keys.case_tokens(c, ahead, number) == search_keys.case_tokens(c)


def test_a_case_number_pair_the_text_has_too_is_one_token():
    """The title holds 15号 too: the grams hold g5号 once, in its place."""
    c = search_keys.CaseText("x", "（2026）石桥村人调字第15号", "第15号调解", "", names=["张三"], numbers=["13800138000"])
    keys, numbers, grams = search_keys.case_tokens(c, search_keys.joined_pairs([c.title, " ", ""]))
    assert (keys, numbers, grams) == search_keys.case_tokens(c)
    assert grams.split(" ").count("g5号") == 1 and grams.split(" ") == sorted(set(grams.split(" ")))


def _name_keys_before(raw: str) -> frozenset[str]:
    """``name_keys`` as it was written before its initials were taken once per reading: the reference."""
    keys: set[str] = set()
    name = search_keys.normalise(raw)[:search_keys._NAME_CHARS]
    if not name:
        return frozenset()
    keys.update("n" + name[i:] for i in range(len(name)))
    keys.update("c" + ch for ch in name)
    for syl in search_keys.syllables(name):
        for i in range(min(len(syl), search_keys._PINYIN_STARTS)):
            keys.add("p" + "".join(syl[i:])[:search_keys.TERM_LENGTH])
            keys.add("p" + "".join(s[:1] for s in syl[i:])[:search_keys.TERM_LENGTH])
            keys.add("q" + syl[i][:1])
    return frozenset(keys)


@settings(max_examples=100, deadline=None)
@example(name="欧阳娜娜")
@example(name="𠮷月玥")
@example(name="买买提·艾力")
@given(name=st.one_of(_texts, _awkward, st.text(max_size=12)))
def test_the_keys_of_a_name_are_those_made_before(name):
    assert search_keys.name_keys.__wrapped__(name) == _name_keys_before(name)


_SURNAMES = st.sampled_from(["张", "单", "曾", "欧", "欧阳", "尉", "尉迟", "司马", "𠮷", "a", "A", "ｅ", "e\u0301", "·"])
_GIVEN = st.text(alphabet=st.sampled_from("三丰阳迟于娜月玥一abcAß·ｅ\u0301\u1161１ "), max_size=6)


@settings(max_examples=300, deadline=None)
@example(surname="欧", given="阳娜娜", other="欧阳")  # a compound surname across the parts: worked out whole
@example(surname="单", given="于", other="张")  # 单于 (chan yu) is a compound surname; 单 alone reads shan
@example(surname="尉", given="迟", other="尉迟")
@example(surname="张", given="三" * 40, other="曾")  # cut at 32 characters
@example(surname="e", given="\u0301三", other="张")  # normalising joins the parts: é
@example(surname="张", given="Ａ", other="单")  # a given name not in its normal form
@given(surname=_SURNAMES, given=_GIVEN, other=_SURNAMES)
def test_a_names_keys_from_its_surname_and_given_name_are_those_made_whole(surname, given, other):
    """The keys a given name gives are worked out once for every surname before it: the same keys as the name
    worked out whole, whichever surname's keys were worked out first."""
    search_keys.name_keys(other + given)  # (the given name's keys remembered with another surname)
    assert search_keys.name_keys.__wrapped__(surname + given) == _name_keys_before(surname + given)


def test_a_given_name_shared_by_many_names_is_worked_out_once():
    search_keys.name_keys.cache_clear()
    search_keys._given_parts.cache_clear()
    names = [surname + "建国" for surname in "王李张刘陈杨黄赵吴周"]
    keys = [search_keys.name_keys(name) for name in names]
    assert search_keys._given_parts.cache_info().misses == 1
    assert keys == [_name_keys_before(name) for name in names]
    assert "p" + "zhangjianguo" in keys[2] and "pjianguo" in keys[2] and "n张建国" in keys[2]


@settings(max_examples=200, deadline=None)
@example(names=["张三"], grams="g张三")
@example(names=["Cq Np"], grams="")  # Latin letters: c and q tokens whose text is n, p or q
@example(names=[], grams="g纠纷")
@given(names=st.lists(st.one_of(_texts, _awkward, st.text(max_size=8)), max_size=4),
       grams=st.sets(st.text(alphabet="张三工资纠纷cnpqg0", min_size=2, max_size=2), max_size=5).map(
           lambda g: " ".join(sorted("g" + x for x in g))))
def test_sqlites_rows_hold_the_exact_keys_with_the_pairs_and_nothing_else_moves(names, grams):
    """Revision 0015: SQLite's key table keeps what is looked up by prefix (n, p), the gram table holds the pairs and
    the c and q tokens; the string is cut where the sorted keys change kind, so it must equal a split token by token."""
    keys = " ".join(sorted(set().union(*(search_keys.name_keys(n) for n in names))))
    prefixed, numbers, exact = search.sqlite_rows((keys, "l2026", grams))
    assert numbers == "l2026"
    assert prefixed.split() == [k for k in keys.split() if k[0] in "np"]
    assert sorted(exact.split()) == sorted(grams.split() + [k for k in keys.split() if k[0] in "cq"])
    assert "  " not in exact and exact == exact.strip() and prefixed == prefixed.strip()


@settings(max_examples=300, deadline=None)
@example(term="宅基地", text="宅基地")
@example(term="宅基", text="宅\u0301基")  # a combining mark between: not the term as it is
@example(term="基地", text="宅基地\u0301")  # a combining mark after the term's last character
@example(term="界限", text="界限，不清")
@example(term="兀", text="\uf9ab")  # a compatibility ideograph, normalised to the term
@example(term="a", text="a\u0301")  # a Latin letter joins the mark after it: á, so not "a"
@example(term="宅基土", text="宅基\u2f1f")  # a Kangxi radical (土): not in NFKC, found after normalising
@example(term="15号", text="第１５号")  # full-width digits: found after normalising
@example(term="15号", text="第①5号")  # a circled one: 1 once normalised
@given(term=st.text(alphabet="宅基地界限兀𠮷aé15号", min_size=1, max_size=4),
       text=st.text(alphabet="宅基地界限兀\uf9ab𠮷aAé\u0301e15号１５①²⑴⒈，。 ·\u3000", max_size=24))
def test_a_term_in_the_texts_runs_is_found_whether_or_not_the_text_is_normalised_first(term, text):
    """``in_runs`` looks for a term of ASCII digits and the common ideographs in the text as it is before
    normalising it: the answer must be what the text's normalised runs give, whatever marks, full-width forms,
    enclosed or superscript digits or compatibility ideographs lie around it."""
    term = search_keys.normalise(term)
    if term:
        assert search_keys.in_runs(term, text) == any(term in run for run in search_keys.runs(text))


def test_only_the_characters_in_runs_looks_for_can_become_an_ideograph_or_a_digit():
    """What ``in_runs`` relies on to say no without normalising a text: for every code point, its NFKC and its
    casefolding are one or more characters, and hold a common ideograph or an ASCII digit only when it is that
    character or one of the characters ``_BECOMES_PLAIN`` finds."""
    plain, becomes = search_keys.is_plain, search_keys._BECOMES_PLAIN
    for code in range(0x110000):
        ch = chr(code)
        for changed in (unicodedata.normalize("NFKC", ch), ch.casefold()):
            assert changed, hex(code)
            if plain(ch):
                assert changed == ch, hex(code)
            elif any(plain(c) for c in changed):
                assert becomes.fullmatch(ch), hex(code)


def test_a_term_typed_again_is_asked_once():
    """AND of a term with itself asks nothing more; a pasted query repeating a longer term was confirmed against
    the texts once per copy."""
    from mediation_desktop.services.search_terms import terms_of_query

    assert terms_of_query("周 宅基地 宅基地 周  宅基地") == ["周", "宅基地"]
    assert terms_of_query("zhang san zhang") == ["zhangsanzhang"]  # Latin letters typed apart: one pinyin term
    assert terms_of_query("王，  王") == ["王"]


_NUMBER_CHARS = st.sampled_from("0123456789２石桥村人调字第号（）〔〕-〇a ")


@settings(max_examples=150, deadline=None)
@given(number=st.text(_NUMBER_CHARS, min_size=1, max_size=30))
@example(number="（2026）石桥村人调字第15号")
@example(number="石桥调〔2024〕15号")
@example(number="甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地玄黄")
@example(number="第aaaaaa号")
def test_a_start_numbers_share_is_held_exactly_where_a_start_of_the_number_holds_it(number):
    """Revision 0017: a term of leading digits and the characters after them that are not digits (five to 24 in
    all) is looked up by its exact ``m`` token, which a case number holds exactly when the ``h`` prefix (one of
    its starts) finds it; a start of any other form is looked up by prefix as before."""
    from mediation_desktop.services.search_terms import key_lookup

    _, grams = search_keys.number_tokens(number)
    heads = {g[1:] for g in grams if g[0] == "h"}
    normal = search_keys.normalise(number)
    terms = {h[:n] for h in heads for n in range(5, len(h) + 1)}  # every start's prefixes
    terms |= {normal[i:j] for i in range(len(normal)) for j in range(i + 5, min(len(normal), i + 30) + 1)}
    for term in terms:
        shared = search_keys.is_shared_start(term)
        assert (("m" + term) in grams) == (shared and any(h.startswith(term) for h in heads)), term
        if not (term.isascii() and term.isalpha()):  # (Latin letters alone are pinyin: no case number part)
            part = key_lookup(term)[-1]
            assert part.tokens == ((("m" if shared else "h") + term, not shared),), term
    long = {g for g in grams if g[0] == "m" and len(g) > 5}
    assert long == search_keys.shared_starts(number)
    assert all(search_keys.is_shared_start(g[1:]) and len(g) <= 1 + search_keys.SHARED_START_CHARS for g in long)
    assert not any(g[1:].isdigit() for g in long)  # (digits alone stay a prefix: a serial is no shared start)


@settings(max_examples=300, deadline=None)
@given(number=st.text(st.sampled_from("0123456789２³①石第号aZ-（） "), min_size=1, max_size=24))
@example(number="（2026）石桥村人调字第6404号")
@example(number="第12-345号")
def test_a_serials_end_token_is_held_only_where_the_numbers_runs_hold_it(number):
    """Revision 0017's ``e`` tokens: each is two or more digits and a letter that one of the number's runs holds
    (so a case holding it needs no confirmation), and every such end of a run of three or more ASCII digits within a
    run, from its second digit on, is one."""
    from mediation_desktop.services.search_terms import end_part

    _, grams = search_keys.number_tokens(number)
    ends = {g[1:] for g in grams if g[0] == "e"}
    assert ends == {e[1:] for e in search_keys.serial_ends(number)}
    for term in ends:
        part = end_part(term)
        assert part is not None and part.tokens == (("e" + term, False),)
        assert search_keys.in_runs(term, number), term
    for run in search_keys.runs(number):
        for i in range(1, len(run) - 2):
            digits = len(run[i:]) - len(run[i:].lstrip("0123456789"))
            if digits >= 2 and run[i - 1] in "0123456789" and i + digits < len(run) and not run[i + digits].isdigit():
                assert run[i:i + digits + 1] in ends, (run, i)


def test_a_serials_ends_are_made_from_the_text_the_pairs_are_made_from_and_no_longer_than_a_term():
    """An ``e`` token needs no confirmation, so it is made from the case number's first ``TEXT_CHARS`` only (as its
    pairs and the text's confirmation are), and none is longer than a typed term can be (``TERM_LENGTH``)."""
    assert search_keys.serial_ends("第" + "x" * 2100 + "6404号") == []
    assert search_keys.serial_ends("第" + "x" * 1990 + "6404号") == ["e404号", "e04号"]  # (its last character: 1,996)
    ends = search_keys.serial_ends("第" + "1" * 103 + "号")
    assert len(ends) == search_keys.TERM_LENGTH - 2 and max(map(len, ends)) == 1 + search_keys.TERM_LENGTH
    assert search_keys.serial_ends("第" + "7" * 10_000 + "号") == []  # (past the characters the pairs are made from)
