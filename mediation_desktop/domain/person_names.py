"""A person's name as it is kept: the spaces people type into a Chinese name are not part of it.

Clerks pad a two-character name to line up with three-character ones (「张  三」, 「李　四」 with a full-width
space), and a hurried mediator types 「李 秀英」: each is one name, the same person as 张三, 李四 and 李秀英, and must
be counted and found as that person. A Chinese name never holds a space, so whitespace between two Chinese
characters is removed; elsewhere (「Ma Li」, 「阿依古丽 Ayguli」) runs of whitespace become one space. A minority
name's separator is the middle dot of the 身份证 (「阿依古丽·买买提」, U+00B7), which is kept; the dots that look
like it and that input methods and copied text give (「•」「・」「‧」「･」「∙」「⋅」, a full stop between two Chinese
characters) are written as that one, with no space around it, so the name matches the ID card and is one person.
"""

from __future__ import annotations

import re

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"  # CJK ideographs, extensions A–H, compatibility
_SPACE_IN_HAN = re.compile(rf"(?<=[{_HAN}])\s+(?=[{_HAN}])")
MIDDLE_DOT = "\u00b7"  # ·, as the 身份证 prints a minority name (阿依古丽·买买提)
#: look-alikes of the middle dot: bullet, katakana middle dot (and its half-width form), hyphenation point, bullet
#: operator, dot operator; a full stop (「.」「．」) only between two Chinese characters
_LOOKALIKE_DOT = re.compile(
    rf"\s*(?:[\u2022\u30fb\uff65\u2027\u2219\u22c5\u00b7]|(?<=[{_HAN}])\s*[.．](?=\s*[{_HAN}]))\s*")


def tidy_person_name(text: str | None) -> str:
    """``text`` with its spaces tidied (none between Chinese characters, one elsewhere, none at either end) and its
    middle dot the 身份证's (「买买提•艾力」 is 买买提·艾力)."""
    collapsed = " ".join((text or "").split())  # (str.split takes the full-width space U+3000 too)
    return _SPACE_IN_HAN.sub("", _LOOKALIKE_DOT.sub(MIDDLE_DOT, collapsed))
