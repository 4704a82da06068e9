"""The tokens of the case search index: what a case is found by (see ``services.search``). Pure functions.

A case gives three strings of space-separated tokens, each token a marker letter and normalised text (lower
case, letters and digits only; a CJK character is a letter), so that the engine's tokenizer only splits at
the spaces and never decides what a word is:

* **keys** (names), looked up by prefix: ``n`` every suffix of a party's or representative's name (张三丰 →
  n张三丰, n三丰, n丰: a term matches any part of a name); ``p`` the full pinyin and initials of a name from
  each of its first four syllables (zhangsanfeng, sanfeng, zsf, sf, …), also with the surname readings
  pypinyin gets wrong (单 shan, 曾 zeng, 尉迟 yuchi, …). And, looked up exactly, for the first keystroke:
  ``c`` each character of a name, ``q`` the first letter of each of those syllables (one token, not the
  prefix range of every name or reading that starts with it; SQLite holds these two with the grams:
  ``services.search_index.sqlite_rows``, revision 0015).
* **numbers**, looked up by prefix: ``l`` (before revision 0016; see grams) the case number from its start and
  from each run of digits, its digits alone, and ID numbers, credit codes and phones from their start, their last
  4, 6 or 8 characters and a resident ID's birth date; never a token of one character (a number is looked up from
  two characters on, so 号, the end of every case number, would only be written). (Apart from the names: their shared
  starts — the year, a township's region code, 138 — need prefix indexes of more lengths than names do.)
  On PostgreSQL the ``q`` tokens are not written (its prefix search finds the same cases) and the first two
  letters of each ``p`` token are (``r``: ``services.search_index.pg_keys``).
* **grams**, looked up exactly: ``g`` each pair of neighbouring characters of the case number, title and
  summary (Lucene's CJK analyzer does the same). A longer term needs all its pairs, and is then confirmed
  against the text itself. Since revision 0016 the case number's own tokens are here too, not with the numbers:
  ``h`` from each of its starts (as ``l`` was), looked up by prefix for a term of five characters or more, and
  ``m`` the first two, three and four characters of each start, looked up exactly (``2023``, ``第1``, ``15号``).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

TERM_LENGTH = 63  # characters of a token after its marker (and of a typed term)
_NAME_CHARS = 32  # longer names are indexed by their first 32 characters
_PINYIN_STARTS = 4  # pinyin from each of the first four syllables (zhangsan, san; zs, s)
TEXT_CHARS = 2000  # of title + summary

# Surnames that pypinyin reads as the common word (DESIGN.md, pitfalls), and a few more of the same kind.
SURNAME_READINGS: dict[str, str] = {
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "区": "ou", "朴": "piao", "查": "zha", "乐": "yue",
    "盖": "ge", "缪": "miao", "尉": "yu", "覃": "qin", "秘": "bi", "种": "chong", "召": "shao", "繁": "po",
    "员": "yun", "句": "gou", "翟": "zhai", "祭": "zhai", "牟": "mou", "宓": "mi", "折": "she", "能": "nai",
    "黑": "he", "纪": "ji", "过": "guo", "哈": "ha", "阚": "kan", "隗": "wei", "莘": "shen", "贲": "ben",
    "𠮷": "ji",  # the 吉 variant (U+20BB7): pypinyin has no reading, so without this 𠮷月玥 had no "jyy"
}
COMPOUND_SURNAMES: dict[str, tuple[str, ...]] = {
    "欧阳": ("ou", "yang"), "司马": ("si", "ma"), "诸葛": ("zhu", "ge"), "上官": ("shang", "guan"),
    "长孙": ("zhang", "sun"), "尉迟": ("yu", "chi"), "万俟": ("mo", "qi"), "单于": ("chan", "yu"),
    "澹台": ("tan", "tai"), "令狐": ("ling", "hu"), "皇甫": ("huang", "fu"), "宇文": ("yu", "wen"),
    "东方": ("dong", "fang"), "公孙": ("gong", "sun"), "慕容": ("mu", "rong"), "夏侯": ("xia", "hou"),
    "司徒": ("si", "tu"), "乐正": ("yue", "zheng"), "呼延": ("hu", "yan"), "独孤": ("du", "gu"),
}


@dataclass
class CaseText:
    """What the index knows of one case."""

    case_id: uuid.UUID | str  # the driver's form is accepted too (the demo writer's rows)
    case_no: str = ""
    title: str = ""
    summary: str = ""
    names: list[str] = field(default_factory=list)  # parties (and representatives)
    numbers: list[str] = field(default_factory=list)  # ID numbers, credit codes, phones


# -- normalising ---------------------------------------------------------------------------------------

_NOT_ALNUM = re.compile(r"[\W_]+")
_ALNUM_RUN = re.compile(r"[^\W_]+")


def _nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``; a text already in that form (nearly every one) is looked at
    only (``is_normalized``: a hundredth of the time ``normalize`` takes to give it back)."""
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def normalise(text: str) -> str:
    """Full-width to half-width, lower case, letters and digits only (CJK characters are letters)."""
    return _NOT_ALNUM.sub("", _nfkc(text).casefold())


def runs(text: str) -> list[str]:
    """Runs of letters and digits (punctuation and spaces separate them), normalised."""
    return _ALNUM_RUN.findall(_nfkc(text).casefold())


_PLAIN = re.compile(r"[0-9\u3400-\u4dbf\u4e00-\u9fff]+")  # ASCII digits and the common CJK ideographs


def in_runs(term: str, text: str) -> bool:
    """Whether one of the ``runs`` of ``text`` holds the (normalised) ``term``. A term of ASCII digits and the common
    CJK ideographs only (``is_plain``), found in the text as it is, is in a run without normalising the text: NFKC and
    casefolding leave those characters as they are and never join one to a neighbour (no composition starts with one
    or ends in one), and they are letters and digits, so the run holds them all (a summary's normal form takes
    ≈ 30 µs, and a longer term is confirmed against thousands of them). Not found so, it is in no run unless the text
    holds a character whose normal form holds an ideograph or a digit (``_BECOMES_PLAIN``): NFKC makes those of
    nothing else and removes no character, casefolding makes none and removes none (both checked for every code
    point: ``tests/services/test_search_tokens.py``), so the runs' ideographs and digits are the text's in the same
    sequences (a case number and summary: 17 µs → 0.3 µs; a phrase whose pairs 25,000 cases hold apart is confirmed
    against each, and ``15号`` against the 3,000 case numbers holding both ``15`` and ``5号``)."""
    if is_plain(term):
        if term in text:
            return True
        if _BECOMES_PLAIN.search(text) is None:
            return False
    return any(term in run for run in runs(text))


# the blocks of every character that is neither a common ideograph nor an ASCII digit but whose NFKC holds one:
# radicals, Kangxi radicals, Hangzhou numerals, kanbun, enclosed and squared CJK, the compatibility ideographs;
# superscript and subscript digits, vulgar fractions, Roman numerals, enclosed alphanumerics, full-width digits,
# mathematical digits, digits with a comma or full stop, segmented digits (a test checks every code point of the
# interpreter's Unicode; and, for a newer one, Unicode 16's outlined digits U+1CCF0–U+1CCF9)
_BECOMES_PLAIN = re.compile("[\u00b2\u00b3\u00b9\u00bc-\u00be\u2070-\u2089\u2150-\u218f\u2460-\u24ff"
                            "\u2e80-\u2fdf\u3038-\u303a\u3190-\u319f\u3200-\u33ff\uf900-\ufaff\uff10-\uff19"
                            "\U0001ccf0-\U0001ccf9\U0001d7ce-\U0001d7ff\U0001f100-\U0001f10a\U0001f200-\U0001f2ff"
                            "\U0001fbf0-\U0001fbf9\U0002f800-\U0002fa1f]")


FOLDED = "xn"  # the gram token of a case whose number, title or summary holds a character of ``_BECOMES_PLAIN``
# (revision 0018): only such a case's texts need looking through when the engine's ``instr`` does not find a term of
# ASCII digits and common ideographs in them (``search_reads._confirmation``); no lookup makes a token of this form


def folds_to_plain(c: CaseText) -> bool:
    """Whether a case's number, title or summary holds a character whose normal form holds an ideograph or a digit
    (a full-width digit, a circled number, a Kangxi radical): ``in_runs`` may then find a term the text does not
    hold as it is."""
    return any(_BECOMES_PLAIN.search(t) is not None for t in (c.case_no, c.title, c.summary) if t)


def is_plain(term: str) -> bool:
    """Whether ``term`` is of ASCII digits and the common CJK ideographs only: found in a text as it is, it is in one
    of its ``runs`` (and the engine can look for it: ``search_reads._unconfirmed``)."""
    return _PLAIN.fullmatch(term) is not None


@functools.cache
def _char_pinyin(ch: str) -> str:
    """pypinyin's reading of one character, cached (100,000 names in ~0.2 s instead of ~9 s)."""
    if ch.isascii():
        return ch
    from pypinyin import lazy_pinyin  # imported on first use: it takes a while to load

    reading = lazy_pinyin(ch, errors="ignore")
    return normalise(reading[0]) if reading else ch  # no reading (e.g. 𠮷): the character stands for itself


def syllables(name: str) -> list[list[str]]:
    """The readings of a (normalised) name as lists of syllables: pypinyin's, and the surname readings."""
    plain = [_char_pinyin(ch) for ch in name]
    variants = [plain]
    compound = COMPOUND_SURNAMES.get(name[:2])
    if compound is not None and len(name) > 2:
        variants.append([*compound, *plain[2:]])
    elif name[:1] in SURNAME_READINGS and len(name) > 1:
        variants.append([SURNAME_READINGS[name[0]], *plain[1:]])
    return [v for i, v in enumerate(variants) if v not in variants[:i]]


# -- tokens --------------------------------------------------------------------------------------------

def _starting(kind: str, text: str, starts: Iterable[int]) -> Iterable[str]:
    """The tokens of ``text`` from these starts; none of one character, which no lookup reads (a number is
    looked up from two characters on: one character looks only at the names)."""
    return (kind + text[i:i + TERM_LENGTH] for i in starts if i < len(text) - 1)


def _number_starts(value: str) -> set[int]:
    """Where a typed fragment of an ID number or phone may begin: the start, the last 4, 6 or 8 characters,
    and in an 18-character resident ID the birth date (year or month)."""
    n = len(value)
    starts = {0} | {n - k for k in (4, 6, 8) if n > k}
    if n == 18:
        starts |= {6, 10}
    return starts


def _case_number_starts(value: str) -> set[int]:
    """The start, and every change between digits and other characters (and one character before each run of
    digits): （2026）石桥村人调字第15号 is found by 2026, 石桥村, 第15, 15号, 15 …"""
    starts = {0}
    i = 0
    for digits, run in itertools.groupby(value, str.isdigit):  # (runs of digits and of other characters)
        if i:
            starts.add(i)
            if digits:
                starts.add(i - 1)
        i += sum(1 for _ in run)
    return starts


def pairs(text: str) -> set[str]:
    """The ``g`` tokens of a text: each pair of neighbouring characters within a run."""
    out: set[str] = set()
    for run in runs(text[:TEXT_CHARS]):
        out.update(map(_G_PREFIX, map(str.__add__, run, run[1:])))
    return out


_G_PREFIX = "g".__add__


def joined_pairs(pieces: Sequence[str]) -> set[str]:
    """``pairs("".join(pieces))``, with the pairs inside each piece remembered (``_piece_pairs``): texts made
    from templates (the demo's) repeat most of their pieces. When the text's normal form is its pieces' normal
    forms end to end (normalising joins no two pieces) its pairs are those inside the pieces and those across
    where one meets the next (``casefold`` maps each character alone); otherwise, or when the text would be
    cut, it is paired whole."""
    text = "".join(pieces)
    if len(text) > TEXT_CHARS:
        return pairs(text)
    made = [_piece_pairs(piece) for piece in pieces]
    if not _joins_as_pieces(pieces) and "".join(m[0] for m in made) != _nfkc(text):
        return pairs(text)
    out: set[str] = set()
    last = ""  # the text so far ends in this letter or digit ("": in neither)
    for normal, inner, first, end in made:
        if normal:
            out |= inner
            if last and first:
                out.add("g" + last + first)
            last = end
    return out


# a piece beginning with one of these is normalised (NFKC) as if alone, whatever comes before it: a starter that
# is never the second character of a composition (ASCII, CJK punctuation but its tone marks U+302A–U+302F, the
# common ideographs, the full-width forms of ASCII), so normalising neither reorders nor composes across it
_JOINS_CLEANLY = re.compile(r"[\x00-\x7f\u3000-\u3029\u3030-\u303f\u4e00-\u9fff\uff01-\uff5e]")


def _joins_as_pieces(pieces: Sequence[str]) -> bool:
    """Whether the text's normal form is its pieces' normal forms end to end, known without normalising the
    text: every piece after the first is empty or begins with a character of ``_JOINS_CLEANLY``."""
    match = _JOINS_CLEANLY.match
    return all(not piece or match(piece) for piece in pieces[1:])


@functools.lru_cache(maxsize=4096)
def _piece_pairs(piece: str) -> tuple[str, frozenset[str], str, str]:
    """A piece's normal form (NFKC), the ``g`` tokens inside it, and its lower-case first and last characters
    where they are letters or digits (else "")."""
    normal = _nfkc(piece)
    folded = normal.casefold()
    if not folded:
        return normal, frozenset(), "", ""
    inner = frozenset(_G_PREFIX(run[i:i + 2]) for run in _ALNUM_RUN.findall(folded) for i in range(len(run) - 1))
    first, end = folded[0], folded[-1]
    return normal, inner, first if _ALNUM_RUN.fullmatch(first) else "", end if _ALNUM_RUN.fullmatch(end) else ""


CASE_NUMBER_STARTS = (2, 3, 4)  # the exact ``m`` tokens of a case number: its starts of two, three and four characters


def number_tokens(case_no: str, apart: bool = True) -> tuple[set[str], set[str]]:
    """The number tokens and grams of a case number (known only when the case is written): since revision 0016
    (``apart``) none are number tokens — all are with the grams (``_with_pairs``), and since 0017 its serials'
    ends (``serial_ends``)."""
    numbers, grams = _with_pairs(normalise(case_no), pairs(case_no), apart)
    if apart:
        grams.update(serial_ends(case_no))
    return numbers, grams


_SERIAL_END = re.compile(r"(\d{3,})([^\W\d_])")  # three digits or more, and a letter after them


def serial_ends(case_no: str) -> list[str]:
    """The ``e`` tokens of a case number (revision 0017): within its runs (``runs``), the ends of a run of three
    digits or more from its second digit on, with the letter after them — ``第6404号`` gives ``e404号`` and
    ``e04号``. A term of two or more digits and one letter (``43号``: ``search_terms.end_part``) is in the case
    number's text wherever its ``e`` token is held, so those matches need no confirmation against the text
    (``search``); a number whose digits the expression does not take for digits (``\\d``: decimal digits) has
    fewer, and its cases are found by their pairs and confirmed, as before. Only from the characters the pairs are
    made from (``TEXT_CHARS``), and none longer than a typed term (``TERM_LENGTH``)."""
    return ["e" + digits[i:] + letter
            for digits, letter in _SERIAL_END.findall(_nfkc(case_no[:TEXT_CHARS]).casefold())
            for i in range(max(1, len(digits) + 1 - TERM_LENGTH), len(digits) - 1)]


def _with_pairs(number: str, grams: set[str], apart: bool) -> tuple[set[str], set[str]]:
    """The tokens of a normalised case number, and its pairs (``grams``, made for this call: added to), as revision
    0016 holds them (``apart``): each start (those of the ``l`` tokens before) is an ``h`` token with the pairs
    (looked up by prefix from five characters on) and its first two, three and four characters are ``m`` tokens
    (looked up exactly). ``2023`` is then one list of docs that the engine ANDs with another term's in one ``MATCH``
    (``2023 工资``), not the prefix ``l2023*`` tested doc by doc against a set of the other's; and the number table
    keeps the ID numbers and phones only. Not ``apart``: the ``l`` tokens as before."""
    if not apart:
        return _normal_number_tokens(number), grams
    heads = _number_heads(number)
    grams.update(map(_H_PREFIX, heads))
    grams.update(["m" + head[:n] for head in heads for n in CASE_NUMBER_STARTS if len(head) >= n])
    for head in heads:  # (revision 0017: _shared_lengths, the tokens made once for the numbers sharing them)
        shared = _SHARED_START.match(head, 0, SHARED_START_CHARS)
        assert shared is not None
        if shared.end() > max(CASE_NUMBER_STARTS) and shared.end() > shared.end(1):
            grams.update(_shared_tokens(shared.group()))
    return set(), grams


SHARED_START_CHARS = 24  # the longest start of a case number held whole as a shared start (``_shared_lengths``)


def _shared_lengths(head: str) -> range:
    """The lengths past the ``m`` tokens' four (up to ``SHARED_START_CHARS``) at which a start of a case number is its
    leading digits, if any, and the characters that are not digits after them (revision 0017): the starts the
    numbers of one village and year share, ``2026石桥村人调字第`` and ``石桥村人调字``. Each is an exact ``m``
    token, where the ``h`` prefix merged the lists of every number starting so (``石桥村人调字``: the 100,000
    numbers of the village, 19 ms at 100,000 cases). A term of that form is looked up so (``is_shared_start``): a
    start holds it exactly when its leading digits are the term's and the term ends within the characters after
    them."""
    shared = _SHARED_START.match(head)
    assert shared is not None  # (it matches every text, at least emptily)
    return range(max(max(CASE_NUMBER_STARTS), shared.end(1)) + 1, min(shared.end(), SHARED_START_CHARS) + 1)


_SHARED_START = re.compile(r"(\d*)\D*")  # leading (decimal) digits, and what follows them up to the next digit


@functools.lru_cache(maxsize=4096)
def _shared_tokens(start: str) -> tuple[str, ...]:
    """The ``m`` tokens of a start's shared part (``_SHARED_START``, at most ``SHARED_START_CHARS``)."""
    return tuple("m" + start[:n] for n in _shared_lengths(start))


def is_shared_start(term: str) -> bool:
    """Whether a (normalised) term longer than four characters is looked up by its exact ``m`` token: it is leading
    digits, if any, then characters that are not digits only, at most ``SHARED_START_CHARS`` of them in all."""
    lengths = _shared_lengths(term)
    return len(lengths) > 0 and lengths[-1] == len(term)


def shared_starts(case_no: str) -> set[str]:
    """The ``m`` tokens of a case number's shared starts (``_shared_lengths``: those revision 0017 added)."""
    return {"m" + head[:n] for head in _number_heads(normalise(case_no)) for n in _shared_lengths(head)}


_H_PREFIX = "h".__add__


def _number_heads(number: str) -> list[str]:
    """A normalised case number from each of its starts and its digits alone, as its tokens hold them (no marker;
    none of one character)."""
    if not number:
        return []
    heads = [number[i:i + TERM_LENGTH] for i in _case_number_starts(number) if i < len(number) - 1]
    digits = "".join(filter(str.isdigit, number))
    if len(digits) > 1:
        heads.append(digits[:TERM_LENGTH])
    return heads


def _normal_number_tokens(number: str) -> set[str]:
    """The ``l`` tokens of a normalised case number (before revision 0016): from its start and each run of digits,
    and its digits alone."""
    return {"l" + head for head in _number_heads(number)}


_normal_piece = functools.lru_cache(maxsize=4096)(normalise)


def joined_number_tokens(pieces: Sequence[str]) -> tuple[set[str], set[str]]:
    """``number_tokens("".join(pieces))`` of a case number in pieces (its pattern's parts and the values between
    them: the demo's), each piece normalised once while it is remembered; where normalising might join two pieces
    (``_joins_as_pieces``), the number whole."""
    if not _joins_as_pieces(pieces):
        return number_tokens("".join(pieces))
    numbers, grams = _with_pairs("".join(map(_normal_piece, pieces)), joined_pairs(pieces), True)
    grams.update(serial_ends("".join(pieces)))
    return numbers, grams


@functools.lru_cache(maxsize=65536)
def name_keys(raw: str) -> frozenset[str]:
    """The key tokens of one name (names repeat across cases: each is worked out once while it is cached), from
    its surname's and its given name's keys (``_surname_parts``, ``_given_parts``: a village's 100,000 cases hold
    150,000 names but a few hundred surnames and a few thousand given names) where the name is those two parts
    end to end, each already in its normal form; otherwise whole (``_whole_name_keys``)."""
    size = 2 if raw[:2] in COMPOUND_SURNAMES else 1  # (a compound surname is read as one: syllables)
    if len(raw) > _NAME_CHARS or (surname := _surname_parts(raw[:size])) is None \
            or (given := _given_parts(raw[size:], _PINYIN_STARTS - size)) is None:
        return _whole_name_keys(raw)
    own, heads = surname
    keys, plain, firsts = given
    made = ["n" + raw[i:] for i in range(size)]
    for head, head_firsts in heads:  # (each reading's syllables from each of the surname's, then the given name's)
        made.append("p" + (head + plain)[:TERM_LENGTH])
        made.append("p" + (head_firsts + firsts)[:TERM_LENGTH])
    return own.union(keys, made)


@functools.lru_cache(maxsize=1024)
def _surname_parts(surname: str) -> tuple[frozenset[str], tuple[tuple[str, str], ...]] | None:
    """A surname's ``c`` and ``q`` tokens, and for each of its readings (``syllables``: pypinyin's, and the
    surname's own) and each of its syllables, the syllables from that one on joined, and their first letters
    joined; None if it is not in its normal form (``normalise``)."""
    if normalise(surname) != surname:
        return None
    readings = syllables(surname + "\u4e00")  # (a given name of one character: the surname's readings apply)
    keys = {"c" + ch for ch in surname}
    heads = []
    for syl in readings:
        head = syl[:len(surname)]
        keys.update("q" + s[:1] for s in head)
        heads += [("".join(head[i:]), "".join(s[:1] for s in head[i:])) for i in range(len(head))]
    return frozenset(keys), tuple(heads)


@functools.lru_cache(maxsize=16384)
def _given_parts(given: str, starts: int) -> tuple[frozenset[str], str, str] | None:
    """The keys a given name gives whatever the surname before it — its ``n`` suffixes, ``c`` characters, and the
    ``p`` and ``q`` tokens from its syllables within the name's first ``_PINYIN_STARTS`` (``starts`` of them are
    the given name's) —, and its syllables joined and their first letters joined. None if it is empty, not in its
    normal form, or begins with a character normalising might join to the one before (``_JOINS_CLEANLY``)."""
    if not given or not _JOINS_CLEANLY.match(given) or normalise(given) != given:
        return None
    keys = {"n" + given[i:] for i in range(len(given))}
    keys.update(["c" + ch for ch in given])
    plain = [_char_pinyin(ch) for ch in given]
    firsts = [s[:1] for s in plain]
    for i in range(min(len(plain), starts)):
        keys.add("p" + "".join(plain[i:])[:TERM_LENGTH])
        keys.add("p" + "".join(firsts[i:])[:TERM_LENGTH])
        keys.add("q" + firsts[i])
    return frozenset(keys), "".join(plain), "".join(firsts)


def _whole_name_keys(raw: str) -> frozenset[str]:
    """The key tokens of one name worked out whole."""
    name = normalise(raw)[:_NAME_CHARS]
    if not name:
        return frozenset()
    keys = {"n" + name[i:] for i in range(len(name))}
    keys.update(["c" + ch for ch in name])
    for syl in syllables(name):  # (a Latin name is its own pinyin: a Latin term looks only here)
        firsts = [s[:1] for s in syl]
        for i in range(min(len(syl), _PINYIN_STARTS)):
            keys.add("p" + "".join(syl[i:])[:TERM_LENGTH])
            keys.add("p" + "".join(firsts[i:])[:TERM_LENGTH])
            keys.add("q" + firsts[i])
    return frozenset(keys)


def text_tokens(c: CaseText, grams: set[str] | None = None) -> tuple[set[str], set[str], set[str]]:
    """The keys, numbers and grams of everything but the case number: names, ID numbers and phones, title,
    summary.

    Separate from :func:`number_tokens` so a bulk writer can make these where it makes the cases.
    """
    keys: set[str] = set()
    for raw in c.names:
        keys.update(name_keys(raw))
    numbers: set[str] = set()
    for raw in c.numbers:
        value = normalise(raw)
        if value:
            numbers.update(_starting("l", value, _number_starts(value)))
    return keys, numbers, pairs(f"{c.title} {c.summary}") if grams is None else grams


def case_tokens(c: CaseText, text_grams: set[str] | None = None,
                number: tuple[set[str], set[str]] | None = None, numbers_apart: bool = True) -> tuple[str, str, str]:
    """The keys, the numbers and the grams of one case, each a space-separated string. ``text_grams``, when
    given, are the pairs of ``f"{c.title} {c.summary}"`` made already (``joined_pairs``); ``number``, the case
    number's tokens made already (``joined_number_tokens``). ``numbers_apart=False``: the case number's tokens as
    revisions before 0016 held them (``number_tokens``)."""
    more_numbers, more_grams = number_tokens(c.case_no, numbers_apart) if number is None else number
    key_set, number_set, gram_set = text_tokens(c, text_grams)
    grams = gram_set | more_grams
    if folds_to_plain(c):  # (a token, so the digest of the tokens changes with it: 15号 edited to １５号 is written)
        grams.add(FOLDED)
    return (" ".join(sorted(key_set)), " ".join(sorted(number_set | more_numbers)), " ".join(sorted(grams)))
