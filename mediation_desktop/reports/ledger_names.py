"""People's names in a ledger's cells (当事人, 申请人, 被申请人, 第三人, 调解员), as clerks type them.

Clerks line names up in Excel/Word by padding two-character names with spaces (「张  三」, 「李　四」 with a
full-width space) or spacing every character (「欧 阳 明 明」). A Chinese personal name has at least two
characters, so a single CJK character standing alone between spaces is padding, not a name: it belongs to its
neighbour, and spaces between CJK characters inside one name are removed. Only real separators (、，,;；/ and
line breaks) and whitespace between whole names (「张三 李四」) part two names. A telephone number in a name
cell (「+86 13800001234」) is kept in one piece so that the row can be refused naming it (:func:`is_phone`):
a party is a person or a body, never a number.
"""

from __future__ import annotations

import re
from typing import Any

from mediation_desktop.reports.ledger_parse import text

_SIDES = re.compile(r"\s*(?:与|诉|和|VS\.?|vs\.?|Vs\.?|对)\s*")
_SIDES_NO_AND = re.compile(r"\s*(?:与|诉|VS\.?|vs\.?|Vs\.?|对)\s*")
_SEPARATORS = re.compile(r"[、,，;；/\n]+")
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}·])\s+(?=[{_CJK}·])")
_ONE_CJK = re.compile(rf"[{_CJK}]")
#: a telephone number as people write it: +86, spaces, dashes, brackets around the area code; 7 digits or more
_PHONE = re.compile(r"[+＋]?[\d\s\-－()（）]{7,}")


def split_sides(value: Any) -> list[list[str]]:
    """A 当事人 cell as its sides, each a list of names. The rule (``docs/reports.md``): 与 / 和 / 诉 / VS / 对
    stand *between* the two sides (刘德胜与刘德旺: 申请人 刘德胜, 被申请人 刘德旺); 、 ， , ； / and line breaks
    separate names *within* a side (张桂兰、张建国: both on one side). A separator word inside a name (王和平)
    is not split: every piece must be at least two characters."""
    raw = text(value)
    if not raw:
        return []
    for pattern in (_SIDES, _SIDES_NO_AND):
        pieces = pattern.split(raw)
        sides = [split_names(p) for p in pieces]
        if len(pieces) == 2 and all(sides) and all(len(n) >= 2 for side in sides for n in side):
            return sides
    return [split_names(raw)]


def split_names(value: Any) -> list[str]:
    """The names in one cell: parted by 、 , ; / and line breaks, and by whitespace between whole names only;
    padding inside a name removed (「张  三」 → 张三). A name with Latin letters keeps its single spaces."""
    out: list[str] = []
    for piece in _SEPARATORS.split(text(value)):
        words = piece.split()
        if not words:
            continue
        if _has_latin(piece) or is_phone(piece):
            out.append(" ".join(words))
            continue
        out.extend(_join_padding(words))
    return out


def person_name(value: Any) -> str:
    """One cell that names people (调解员) with its padding removed: 「王  五」 → 王五, 「王五 李四」 → 王五、李四."""
    return "、".join(split_names(value))


def is_phone(name: str) -> bool:
    """Whether a name cell's piece is a telephone number (+86 13800001234, 0571-8888 6666) rather than a name."""
    return bool(_PHONE.fullmatch(name.strip())) and sum(ch.isdigit() for ch in name) >= 7


def _join_padding(words: list[str]) -> list[str]:
    """Whitespace-parted words as names: a run of single CJK characters is one spaced-out name (张 三, 欧 阳 明 明);
    one single character beside a longer word is that word's padding (张 三丰 → 张三丰, 张三 丰 → 张三丰)."""
    names: list[str] = []
    run: list[str] = []  # consecutive single characters
    pending = ""  # a lone single character waiting for the next word
    for word in words:
        if _single_cjk(word):
            run.append(word)
            continue
        if len(run) >= 2:
            names.append("".join(run))
        elif run:
            pending = run[0]
        run = []
        names.append(_CJK_GAP.sub("", pending + word))
        pending = ""
    if len(run) >= 2:
        names.append("".join(run))
    elif run:  # a lone character at the end: the padding of the name before it, or a name as written
        if names and _ONE_CJK.search(names[-1][-1:]):
            names[-1] += run[0]
        else:
            names.append(run[0])
    return names


def _single_cjk(word: str) -> bool:
    return len(word) == 1 and bool(_ONE_CJK.fullmatch(word))


def _has_latin(name: str) -> bool:
    return any("a" <= ch.lower() <= "z" for ch in name)
