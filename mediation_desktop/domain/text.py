"""The one rule for text that enters the program (forms, ledgers, party lists, bundles) and for text that
leaves it in a spreadsheet.

In: no character a person cannot see or that changes how the text around it is shown — C0/C1 control
characters (NUL, BEL, ESC, DEL …), bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069, U+200E/200F,
U+061C), zero-width characters (U+200B–U+200D, U+2060, U+FEFF) and every other format character
(Unicode category Cf), unpaired surrogates and the Unicode line and paragraph separators. Tab and line
breaks only in a field of several lines (summaries, terms, records). Nor a code point that is no character:
unassigned (the noncharacter U+FFFF among them) or private use (U+E000). Nor a character no font of the
documents can draw (an emoji, ❤, ™): stored, it would print as an empty box in a legal document, and a reader
of the PDF's text would not find it (the fonts' characters are ``domain.glyphs``, written from the fonts by
``packaging/build_glyphs.py``). :func:`check_text` refuses with :class:`UnsafeText`, whose message names the
field and the character.

A message that quotes a text (a name, a cell of a file) quotes it through :func:`shown`: invisible characters as
U+XXXX, never raw (a U+202E would turn the message around), and cut after 40 characters.

Out: :func:`inert_cell` makes a text a spreadsheet shows as text — never a formula (OWASP's advice on CSV
injection: a text starting with ``= + - @``, a tab or a CR, also after leading blanks, gets a ``'`` in
front) — and without control characters (old data from before this rule must not break the export).
:func:`inert_string` is the same for a cell typed as a string (an .xlsx): no visible guard is needed there.
:func:`read_cell` undoes either on the way back in (the ledger import), so export → import gives the text as
typed — also one that really starts with ``'`` (the guard is doubled then, and only then).

Standard library only.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

__all__ = [
    "FIELDS",
    "Label",
    "UnsafeText",
    "check_text",
    "check_texts",
    "code_ranges",
    "find_unsafe",
    "first_unsafe",
    "formula_like",
    "inert_cell",
    "inert_string",
    "printable",
    "quoted_params",
    "read_cell",
    "refusal",
    "shown",
    "unsafe_pattern",
]

#: the characters a field of several lines may hold besides printable text
LINE_CHARS = "\t\n\r"
#: never in a field, even where a font has a glyph: controls, format characters (bidi, zero-width), surrogates,
#: line and paragraph separators, code points Unicode has not assigned (noncharacters such as U+FFFF among
#: them) and private use (a glyph there means something else in every font)
_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp", "Cn", "Co"}
_INVISIBLE = {"Cc", "Cf", "Cs", "Zl", "Zp"}
#: the categories a message may show as the character itself (letters, marks aside, numbers, punctuation, symbols)
_SHOWABLE = ("L", "N", "P", "S")
_WIDE = re.compile("[\U00010000-\U0010ffff]")
_NOT_WIDE = re.compile("[\x00-\uffff]+")


def _escape(cp: int) -> str:
    return f"\\U{cp:08x}"


def _char_class(rs: list[tuple[int, int]], negate: bool = False) -> str:
    return ("[^" if negate else "[") + "".join(
        _escape(a) if a == b else f"{_escape(a)}-{_escape(b)}" for a, b in rs) + "]"


def code_ranges(codes: Iterable[int]) -> list[tuple[int, int]]:
    """The code points ``codes`` as runs (first, last), in order (also ``packaging/build_glyphs.py``'s)."""
    out: list[list[int]] = []
    for cp in sorted(codes):
        if out and out[-1][1] == cp - 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return [(a, b) for a, b in out]


@functools.cache
def printable(multiline: bool) -> frozenset[int]:
    """The code points a field may hold: those an embedded document font draws (``domain.glyphs``, from the
    fonts), but none of the categories above — and tab and line breaks in a field of several lines."""
    from mediation_desktop.domain.glyphs import RANGES

    codes: set[int] = {ord(c) for c in LINE_CHARS} if multiline else set()
    for word in RANGES.split():
        first, _, last = word.partition("-")
        codes.update(cp for cp in range(int(first, 16), int(last, 16) + 1)
                     if unicodedata.category(chr(cp)) not in _CATEGORIES)
    return frozenset(codes)


@functools.cache
def _patterns(multiline: bool) -> tuple[re.Pattern[str], frozenset[str]]:
    """The characters of the Basic Multilingual Plane a field may not hold, as one class (which the
    regular-expression engine tests by a bitmap: fast), and the characters above it a field may hold (looked up
    as a set, only in a text that has such characters at all)."""
    allowed = printable(multiline)
    refused = code_ranges(cp for cp in range(0x10000) if cp not in allowed)
    return re.compile(_char_class(refused)), frozenset(chr(cp) for cp in allowed if cp > 0xFFFF)


@functools.cache
def unsafe_pattern(multiline: bool) -> re.Pattern[str]:
    """One regular expression matching every character a field may not hold (slower on long texts than
    :func:`find_unsafe`)."""
    return re.compile(_char_class(code_ranges(printable(multiline)), negate=True))


def find_unsafe(value: str, *, multiline: bool = False) -> re.Match[str] | None:
    """The first character ``value`` may not hold, as a match (None when it is clean); C speed on long texts."""
    bmp, wide_allowed = _patterns(multiline)
    found = bmp.search(value)
    # a character above U+FFFF takes two UTF-16 units: only a text that has one needs the second search
    if len(value.encode("utf-16-le", "surrogatepass")) != 2 * len(value):
        end = found.start() if found else len(value)
        # the characters above U+FFFF alone (the rest cut out at C speed), then a set's difference
        refused = set(_NOT_WIDE.sub("", value[:end])).difference(wide_allowed)
        if refused:
            return _WIDE.match(value, min(value.index(ch, 0, end) for ch in refused))
    return found


def first_unsafe(value: str, *, multiline: bool = False) -> str | None:
    """The first character ``value`` may not hold (None when it is clean)."""
    m = find_unsafe(value, multiline=multiline)
    return m.group() if m else None


def code_point(char: str) -> str:
    """U+0007, as a message shows an invisible character."""
    return f"U+{ord(char):04X}"


def refusal(char: str, multiline: bool, *, name: bool = False) -> tuple[str, dict[str, str]]:
    """Why a field refuses ``char`` (a character :func:`find_unsafe` found): the message key and its ``char`` and
    ``glyph`` parameters — a line break where one line goes, an invisible character, a code point that is no
    character (unassigned, private use), or a character no document font can print (the message shows it; only
    when there is nothing to see, its code point — the mediator reads characters, not numbers). In a person's
    ``name`` (a name column of a file too) a Chinese character is a 生僻字: ``text.unprintable_name`` says how to
    register it. Every place that refuses a character says it so (forms, the command line, imported files)."""
    category = unicodedata.category(char)
    if char in LINE_CHARS and not multiline:
        key = "text.line_break"
    elif category in _INVISIBLE:
        key = "text.invisible"
    elif category in _CATEGORIES:
        key = "text.not_a_character"
    else:
        key = "text.unprintable"
    glyph = f"“{char}”" if category.startswith(_SHOWABLE) else ""
    if key == "text.unprintable" and not glyph:
        glyph = code_point(char)  # (a mark that shows nothing alone: its number is all there is to name it)
    elif key == "text.unprintable" and name and is_han(char):
        key = "text.unprintable_name"  # a 生僻字 in a real name: say how to register it
    return key, {"char": code_point(char), "glyph": glyph}


#: fields holding a person's name: a rare Chinese character there is a real name's, and is registered as local
#: practice does for 生僻字 (the message says how), not simply deleted
PERSON_NAME_FIELDS = frozenset({
    "party.name", "party.representative", "guardian.representative", "case.mediator_name", "case.recorder_name",
    "agreement.mediator_name", "agreement.recorder_name", "record.mediator", "record.recorder", "record.interviewee",
    "record.investigator", "record.visitee", "record.visitor", "mediator.name", "screening.screened_by",
    "report.filled_by", "account.display_name"})


def is_han(char: str) -> bool:
    """A Chinese character (any CJK ideograph block, the rare extensions included)."""
    return unicodedata.name(char, "").startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH"))


def shown(value: object, limit: int | None = 40, *, multiline: bool = False) -> str:
    """A text (a name, a cell) as a message quotes it: each character a field may not hold that is invisible,
    changes the direction of the text around it or is no character at all is written as U+202E (quoted raw, a
    U+202E turns the whole message around) — with ``multiline``, line breaks and tabs stay — and past ``limit``
    characters it is cut with ``…`` (a 5,000-character name is not said in full)."""
    text = str(value)
    if limit is not None and len(text) > limit:
        text = text[:limit] + "…"
    keep = LINE_CHARS if multiline else ""
    return "".join(code_point(ch) if unicodedata.category(ch) in _CATEGORIES and ch not in keep else ch
                   for ch in text)


#: a field: its name in Chinese and in English, and whether it may hold several lines
FIELDS: dict[str, tuple[str, str, bool]] = {
    # cases
    "case.title": ("案件名称", "The case title", False),
    "case.case_no": ("案件编号", "The case number", False),
    "case.summary": ("纠纷简要情况", "The summary of the dispute", True),
    "case.requests": ("当事人请求", "The parties' requests", True),
    "case.source_detail": ("移送单位", "The referring body", False),
    "case.mediator_name": ("调解员", "The mediator", False),
    "case.recorder_name": ("记录人", "The recorder", False),
    "case.risk_note": ("风险说明", "The risk note", True),
    "case.reason": ("理由", "The reason", True),
    "case.to_org_name": ("移交单位", "The body it is referred to", False),
    "case.note": ("备注", "The note", True),
    "case.category": ("纠纷类型", "The dispute type", False),
    # parties
    "party.name": ("当事人姓名", "The party's name", False),
    "party.sex": ("性别", "The sex", False),
    "party.ethnicity": ("民族", "The ethnicity", False),
    "party.occupation": ("职业或职务", "The occupation", False),
    "party.phone": ("联系电话", "The phone number", False),
    "party.address": ("住址或单位", "The address", False),
    "party.id_number": ("证件号码", "The ID number", False),
    "party.representative": ("法定代表人", "The legal representative", False),
    "party.representative_title": ("法定代表人职务", "The representative's title", False),
    # a person's representative: their 法定代理人 (guardian) and the guardian's relation to them
    "guardian.representative": ("法定代理人姓名", "The legal representative's name", False),
    "guardian.representative_title": ("法定代理人与当事人关系", "The legal representative's relation to the party",
                                      False),
    "guardian.representative_id_number": ("法定代理人身份证号码", "The legal representative's ID number", False),
    "guardian.representative_phone": ("法定代理人联系电话", "The legal representative's phone number", False),
    "guardian.representative_address": ("法定代理人住址", "The legal representative's address", False),
    # agreements
    "agreement.facts": ("纠纷主要事实", "The facts of the dispute", True),
    "agreement.terms": ("协议内容", "The terms", True),
    "agreement.extra_terms": ("其他约定", "The further terms", True),
    "agreement.performance_deadline": ("履行期限", "The deadline", False),
    "agreement.term_deadlines": ("分项履行期限", "A term's deadline", False),
    "agreement.performance_method": ("履行方式", "The way of performance", True),
    "agreement.performance_place": ("履行地点", "The place of performance", False),
    "agreement.mediator_name": ("调解员", "The mediator", False),
    "agreement.recorder_name": ("记录人", "The recorder", False),
    "agreement.confirmation_court": ("确认法院", "The confirming court", False),
    "agreement.number": ("协议编号", "The agreement number", False),
    # records of what happened on a case
    "record.record": ("记录内容", "The record", True),
    "record.place": ("地点", "The place", False),
    "record.subject": ("事由", "The subject", False),
    "record.participants": ("参加人", "The participants", False),
    "record.parties_present": ("到场当事人", "The parties present", False),
    "record.risk_warning": ("风险提示", "The risk warning", True),
    "record.mediator": ("调解员", "The mediator", False),
    "record.recorder": ("记录人", "The recorder", False),
    "record.interviewee": ("被调查人", "The person interviewed", False),
    "record.investigator": ("调查人", "The investigator", False),
    "record.visitee": ("被回访人", "The person visited", False),
    "record.reason": ("回访事由", "The reason for the visit", False),
    "record.hidden_risks": ("隐患情况", "The hidden risks", True),
    "record.measures": ("采取的措施", "The measures taken", True),
    "record.findings": ("回访情况", "The findings", True),
    "record.visitor": ("回访人", "The visitor", False),
    # installation and accounts
    "mediator.name": ("调解员姓名", "The mediator's name", False),
    "screening.place": ("排查地点", "The place screened", False),
    "screening.screened_by": ("排查人", "Screened by", False),
    "screening.description": ("排查发现的纠纷", "The dispute found", False),
    "screening.note": ("排查备注", "The screening note", True),
    "screening.held_on": ("排查日期", "The screening date", False),
    "report.filled_by": ("填报人", "The person filling in the report", False),
    "setup.org_name": ("调解委员会名称", "The committee's name", False),
    "setup.short_name": ("简称", "The short name", False),
    "account.display_name": ("姓名", "The display name", False),
    "attachment.description": ("附件说明", "The attachment's description", False),
    "attachment.filename": ("附件文件名", "The attachment's file name", False),
    "setting.value": ("设置", "The setting", False),
    # dates and numbers (domain.limits)
    "case.year": ("案件年度", "The case year", False),
    "case.serial": ("案件序号", "The case serial number", False),
    "case.prevented_persons": ("防止激化涉及人数", "The number of persons", False),
    "case.amount": ("涉及金额", "The amount involved", False),
    "case.registered_on": ("登记日期", "The registration date", False),
    "case.accepted_on": ("受理日期", "The acceptance date", False),
    "case.closed_on": ("结案日期", "The closing date", False),
    "case.date": ("日期", "The date", False),
    "party.age": ("年龄", "The age", False),
    "party.birth_date": ("出生日期", "The date of birth", False),
    "agreement.copies": ("协议份数", "The number of copies", False),
    "agreement.amount": ("协议金额", "The agreed amount", False),
    "agreement.signed_on": ("签订日期", "The signing date", False),
    "record.held_at": ("时间", "The time", False),
    "record.visited_on": ("回访日期", "The visit date", False),
    "report.period": ("统计期间", "The period", False),
    "today": ("今天的日期（电脑时钟）", "Today's date (the computer's clock)", False),
}


class Label(str):
    """A field's name in Chinese (the text itself) that knows its English (``english``): a message
    parameter the catalogue shows in the message's language."""

    english: str

    def __new__(cls, zh: str, en: str) -> Label:
        obj = super().__new__(cls, zh)
        obj.english = en
        return obj


def label(field: str) -> Label:
    zh, en, _ = FIELDS.get(field, (field, field, False))
    return Label(zh, en)


class UnsafeText(ValueError):
    """A text with a character a field may not hold; ``key`` and ``params`` make the message (naming the
    field: ``label``; ``field`` is the input's attribute, as a form marks it)."""

    def __init__(self, field: str, char: str, multiline: bool | None = None) -> None:
        self.key, why = refusal(char, is_multiline(field) if multiline is None else multiline,
                                name=field in PERSON_NAME_FIELDS)
        self.field = field
        self.char = char
        self.params: dict[str, Any] = {"label": label(field), **why, "field": field.rpartition(".")[2]}
        super().__init__(f"{field}: {code_point(char)}")


def is_multiline(field: str) -> bool:
    return FIELDS.get(field, ("", "", False))[2]


def check_text(value: str | None, field: str, *, multiline: bool | None = None) -> None:
    """Refuse ``value`` (:class:`UnsafeText`) if it holds a character ``field`` may not hold."""
    if not value:
        return
    multiline = is_multiline(field) if multiline is None else multiline
    char = first_unsafe(value, multiline=multiline)
    if char is not None:
        raise UnsafeText(field, char, multiline)


def check_texts(values: Iterable[str | None], field: str) -> None:
    """Every text of a list field (terms, requests) by the rule of ``field``."""
    for value in values:
        check_text(value, field)


def check_fields(data: Any, prefix: str, names: Iterable[str]) -> None:
    """The attributes ``names`` of a form's input (str, a list of str, or None), each as ``prefix.name``."""
    for name in names:
        value = getattr(data, name, None)
        if isinstance(value, str):
            check_text(value, f"{prefix}.{name}")
        elif isinstance(value, list | tuple):
            check_texts((v for v in value if isinstance(v, str)), f"{prefix}.{name}")


# -- out ---------------------------------------------------------------------------------------------------
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_OUT_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def formula_like(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula (= + - @, a tab or CR, also after blanks)."""
    return text.lstrip(" \u3000\n").startswith(_FORMULA_START)


def _guarded(text: str) -> bool:
    """Whether ``text`` reads as a guarded cell (:func:`read_cell` would take a ``'`` off it)."""
    return text.startswith("'") and (formula_like(text[1:]) or text[1:].startswith("'"))


def inert_cell(value: str) -> str:
    """A text as a spreadsheet cell shows it and never runs it: controls dropped (an XML file cannot hold
    them), and a ``'`` in front of a text a spreadsheet would read as a formula — or of a text that would
    read as such a guarded one ('=…, ''…), so :func:`read_cell` gives every text back as it was."""
    text = _OUT_CONTROL.sub("", value) if _OUT_CONTROL.search(value) else value
    if formula_like(text) or _guarded(text):
        return "'" + text
    return text


def inert_string(value: str) -> str:
    """A text for a cell *typed* as a string (an .xlsx ``t="s"`` cell, never a formula, whatever it starts
    with): controls dropped, and a ``'`` in front only where :func:`read_cell` would otherwise take one off."""
    text = _OUT_CONTROL.sub("", value) if _OUT_CONTROL.search(value) else value
    return "'" + text if _guarded(text) else text


def read_cell(value: str) -> str:
    """A cell's text as it was typed, from :func:`inert_cell` or :func:`inert_string` (or an older export, which
    put the ``'`` in front of formula-like texts only): one ``'`` taken off a guarded cell, any other as it is."""
    return value[1:] if _guarded(value) else value


#: the parameters that quote a text someone typed or a file holds (a cell, a name): cut to 40 characters
QUOTED = frozenset({"value", "other_value", "name", "relation", "member", "words", "column"})
#: … and those that are one line however long (a file's path or name, a unit's name): a line break in them named
ONE_LINE = QUOTED | {"path", "data_dir", "backup", "folder", "filename", "example", "org_name", "claimed_name",
                     "via_name", "hub_name", "recipient", "owner", "entries"}


def quoted_params(params: dict[str, Any]) -> dict[str, Any]:
    """``params`` as a message may show them (:func:`shown`): no invisible or direction-changing character
    raw in any text — a U+202E in a quoted name would turn the whole line around — and a quoted value cut after 40
    characters (a 5,000-character cell, a date of 300 digits). A field's name (a ``Label``) is ours: as it is."""
    return {k: v if not isinstance(v, str) or isinstance(v, Label)
            else shown(v, 40 if k in QUOTED else None, multiline=k not in ONE_LINE) for k, v in params.items()}
