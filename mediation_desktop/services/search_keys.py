"""The keys of the case search index: what a case is found by (see ``services.search`` for the kinds).

Names give literal suffixes (``L``), each character (``C``), full pinyin and initials (``P``) with the
surname readings pypinyin gets wrong, and first letters (``Q``); numbers give their start, their last
digits and a resident ID's birth date; case numbers their runs of digits; title and summary their
bigrams (``G``). Pure functions: no database.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from mediation_desktop.storage.models.search import TERM_LENGTH

_NAME_CHARS = 32  # longer names are indexed by their first 32 characters
_PINYIN_STARTS = 4  # pinyin keys from each of the first four syllables (zhangsan, san; zs, s)
_TEXT_CHARS = 2000  # of title + summary

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
    terms: set[str] | None = None  # text_terms(), when made ahead (the demo's second process)


# -- keys ----------------------------------------------------------------------------------------------

_NOT_ALNUM = re.compile(r"[\W_]+")
_ALNUM_RUN = re.compile(r"[^\W_]+")


def normalise(text: str) -> str:
    """Full-width to half-width, lower case, letters and digits only (CJK characters are letters)."""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text).casefold())


def _runs(text: str) -> list[str]:
    """Runs of letters and digits (punctuation and spaces separate them)."""
    return _ALNUM_RUN.findall(unicodedata.normalize("NFKC", text).casefold())


@functools.cache
def _char_pinyin(ch: str) -> str:
    """pypinyin's reading of one character, cached (100,000 names in ~0.2 s instead of ~9 s)."""
    if ch.isascii():
        return ch
    from pypinyin import lazy_pinyin  # imported on first use: it takes a while to load

    reading = lazy_pinyin(ch, errors="ignore")
    return reading[0] if reading else ch  # no reading (e.g. 𠮷): the character stands for itself


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


def _suffixes(kind: str, text: str, starts: Iterable[int] | None = None) -> Iterable[str]:
    return (kind + text[i:i + TERM_LENGTH - 1] for i in (range(len(text)) if starts is None else starts))


def _number_starts(value: str) -> set[int]:
    """Where a typed fragment of an ID number or phone may begin: the start, the last 4, 6 or 8 characters,
    and in an 18-character resident ID the birth date (year or month) — not every position (an index row
    per digit would double the index)."""
    n = len(value)
    starts = {0} | {n - k for k in (4, 6, 8) if n > k}
    if n == 18:
        starts |= {6, 10}
    return starts


def _case_number_starts(value: str) -> set[int]:
    """The start, and every change between digits and other characters (and one character before each run of
    digits): （2026）石桥村人调字第15号 is found by 2026, 石桥村, 第15, 15号, 15 …"""
    starts = {0}
    for i in range(1, len(value)):
        if value[i].isdigit() != value[i - 1].isdigit():
            starts.add(i)
            if value[i].isdigit():
                starts.add(i - 1)
    return starts


def number_terms(case_no: str) -> set[str]:
    """The keys of a case number (known only when the case is written)."""
    terms: set[str] = set()
    number = normalise(case_no)
    if number:
        terms.update(_suffixes("L", number, _case_number_starts(number)))
        digits = "".join(ch for ch in number if ch.isdigit())
        if digits:
            terms.add(("L" + digits)[:TERM_LENGTH])
    for run in _runs(case_no[:_TEXT_CHARS]):
        terms.update(["G" + run[i:i + 2] for i in range(len(run) - 1)])
    return terms


def text_terms(c: CaseText) -> set[str]:
    """The keys of everything but the case number: names, ID numbers and phones, title and summary.

    Separate from :func:`number_terms` so a bulk writer can make these where it makes the cases.
    """
    terms: set[str] = set()
    for raw in c.names:
        name = normalise(raw)[:_NAME_CHARS]
        if not name:
            continue
        terms.update(_suffixes("L", name))
        terms.update(["C" + ch for ch in name])
        for syl in syllables(name):  # (a Latin name is its own pinyin: a Latin term looks only here)
            for i in range(min(len(syl), _PINYIN_STARTS)):
                terms.add(("P" + "".join(syl[i:]))[:TERM_LENGTH])
                terms.add(("P" + "".join(s[:1] for s in syl[i:]))[:TERM_LENGTH])
                terms.add("Q" + syl[i][:1])
    for raw in c.numbers:
        value = normalise(raw)
        if value:
            terms.update(_suffixes("L", value, _number_starts(value)))
    for run in _runs(f"{c.title} {c.summary}"[:_TEXT_CHARS]):
        terms.update(["G" + run[i:i + 2] for i in range(len(run) - 1)])
    return terms


def case_terms(c: CaseText) -> set[str]:
    """Every key of one case (``c.terms``, when a bulk writer made them already, stands for the text part)."""
    return (c.terms if c.terms is not None else text_terms(c)) | number_terms(c.case_no)
