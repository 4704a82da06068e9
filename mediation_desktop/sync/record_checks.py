"""Record files checked at C speed: validators compiled from the wire columns of ``sync.schema``, equal to
its JSON Schemas (a test compares them on generated files) and stricter on two points — dates and
timestamps must exist in the calendar, and a list or object nests at most ``MAX_NESTING`` deep. A file is
checked a column at a time; only a file found bad is walked row by row, to name the first bad place.

Text holds no invisible or direction-changing character (``domain.text``: the rule forms and ledgers
follow; line breaks only in Text columns and lists), days lie in 1900–2100 and numbers in their column's
range (``domain.limits``): a file breaking either is refused whole, naming the record, row and column.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import re
from collections.abc import Callable, Sequence
from typing import Any

from mediation_desktop.domain.limits import FIRST_YEAR, INT64, LAST_YEAR, NUMBERS
from mediation_desktop.domain.text import code_point, find_unsafe, first_unsafe
from mediation_desktop.sync.schema import (
    DATE,
    DATETIME,
    HEX32,
    MAX_NESTING,
    TEXT_LIMIT,
    WireColumn,
    column_names,
    columns,
    money_pattern,
    older_columns,
)


class InvalidRecord(ValueError):
    """A record file value that the schema refuses; the message says where."""


class UnsafeRecordText(InvalidRecord):
    """A text in a record file with a character no field may hold (``domain.text``); says where and which."""

    def __init__(self, where: str, char: str) -> None:
        super().__init__(f"{where}: {code_point(char)}")
        self.where = where
        self.char = code_point(char)
        self.found = char  # (the character itself: the message shows it)


# days as the files write them (ISO: compared as text); a year outside these is refused
_FIRST = f"{FIRST_YEAR:04d}"
_AFTER_LAST = f"{LAST_YEAR + 1:04d}"


def _multiline(c: WireColumn) -> bool:
    """Text columns (summaries, records, terms) may hold line breaks and tabs; String columns one line."""
    return c.kind in ("json_list", "json_object") or c.max_length == TEXT_LIMIT


def _clean_texts(values: Any, multiline: bool, depth: int = 0) -> bool:
    """Every text in a value (a str, or the strs in a list or object, keys too) holds no unsafe character, and
    its lists and objects nest at most ``MAX_NESTING`` deep."""
    if type(values) is str:
        return find_unsafe(values, multiline=multiline) is None
    if depth > MAX_NESTING:
        return False
    if type(values) is list:
        return all(_clean_texts(v, multiline, depth + 1) for v in values)
    if type(values) is dict:
        return all(_clean_texts(k, multiline, depth + 1) and _clean_texts(v, multiline, depth + 1)
                   for k, v in values.items())
    return True


def _first_unsafe(value: Any, multiline: bool, depth: int = 0) -> str | None:
    """The first unsafe character of the texts in a value, down to ``MAX_NESTING`` (a value nested deeper is
    refused for its depth, not for a character)."""
    if type(value) is str:
        return first_unsafe(value, multiline=multiline)
    if depth > MAX_NESTING:
        return None
    if type(value) is list:
        return next((ch for v in value if (ch := _first_unsafe(v, multiline, depth + 1)) is not None), None)
    if type(value) is dict:
        return next((ch for kv in value.items() for v in kv
                     if (ch := _first_unsafe(v, multiline, depth + 1)) is not None), None)
    return None


class TooDeep(InvalidRecord):
    """A document whose lists and objects nest deeper than ``MAX_NESTING``; the message says where."""


def check_document(name: str, doc: Any) -> None:
    """reference.json or receipt.json: every text by the same rule (the roster's names one line; the document
    wording a hub sends down may hold several lines); :class:`UnsafeRecordText` names the place, :class:`TooDeep`
    one nested deeper than ``MAX_NESTING``."""
    def walk(value: Any, where: str, multiline: bool, depth: int) -> None:
        if type(value) is str:
            char = first_unsafe(value, multiline=multiline)
            if char is not None:
                raise UnsafeRecordText(where[:120], char)
            return
        if depth > MAX_NESTING and type(value) in (dict, list):
            raise TooDeep(f"{name}: nested too deep")
        if type(value) is dict:
            for k, v in value.items():
                walk(k, where, False, depth + 1)
                walk(v, f"{where}/{k}", multiline or k == "wording", depth + 1)
        elif type(value) is list:
            for i, v in enumerate(value):
                walk(v, f"{where}/{i}", multiline, depth + 1)

    walk(doc, name, False, 0)


def _int_range(record_type: str, c: WireColumn) -> tuple[int, int]:
    return NUMBERS.get((record_type, c.name), INT64)


def _check_fn(c: WireColumn, record_type: str = "") -> Callable[[Any], bool]:
    """A predicate equal to ``_value_schema(c)`` (plus: dates and timestamps must exist in the calendar and lie
    in 1900–2100, numbers in their column's range, texts hold no unsafe character)."""
    def str_of(pattern: str) -> Callable[[Any], bool]:
        rx = re.compile(pattern, re.ASCII)
        return lambda v: type(v) is str and rx.match(v) is not None and "\n" not in v

    def in_calendar(shape: Callable[[Any], bool], parse: Callable[[str], Any]) -> Callable[[Any], bool]:
        def check(v: Any) -> bool:
            if not shape(v) or not _FIRST <= v < _AFTER_LAST:
                return False
            try:
                parse(v)
            except ValueError:  # 2026-02-30, 25:00
                return False
            return True
        return check

    check: Callable[[Any], bool]
    if c.kind == "uuid":
        check = str_of(HEX32)
    elif c.kind == "datetime":
        check = in_calendar(str_of(DATETIME), dt.datetime.fromisoformat)
    elif c.kind == "date":
        check = in_calendar(str_of(DATE), dt.date.fromisoformat)
    elif c.kind == "bool":
        def check(v: Any) -> bool:
            return v is True or v is False
    elif c.kind == "int":
        low, high = _int_range(record_type, c)

        def check(v: Any) -> bool:
            return type(v) is int and low <= v <= high
    elif c.kind == "decimal":
        check = str_of(money_pattern(c))
    elif c.kind == "str":
        if c.choices:
            allowed = frozenset(c.choices)

            def check(v: Any) -> bool:
                return type(v) is str and v in allowed
        else:
            limit = c.max_length or TEXT_LIMIT
            multiline = _multiline(c)

            def check(v: Any) -> bool:
                return type(v) is str and len(v) <= limit and find_unsafe(v, multiline=multiline) is None
    elif c.kind == "json_days":
        day = in_calendar(str_of(DATE), dt.date.fromisoformat)

        def check(v: Any) -> bool:
            return type(v) is list and len(v) <= 1000 and all(x is None or day(x) for x in v)
    elif c.kind == "json_list":
        def check(v: Any) -> bool:
            return (type(v) is list and len(v) <= 1000
                    and all(type(x) is str and len(x) <= 10_000 for x in v) and _clean_texts(v, True))
    else:
        def check(v: Any) -> bool:
            return type(v) is dict and len(v) <= 200 and _clean_texts(v, True)
    if c.nullable:
        inner = check
        return lambda v: v is None or inner(v)
    return check


@functools.cache
def _row_checks(record_type: str) -> tuple[Callable[[Any], bool], ...]:
    return tuple(_check_fn(c, record_type) for c in columns(record_type))


def _many(pattern: str) -> re.Pattern[str]:
    body = pattern.removeprefix("^").removesuffix("$")
    return re.compile(f"(?:{body}\n)*{body}", re.ASCII)


@functools.cache
def _column_checks(record_type: str) -> tuple[Callable[[Sequence[Any]], bool], ...]:
    """Per column, a check of all its values at once (C-speed set, map and regex work; same rules)."""
    out = []
    for c in columns(record_type):
        out.append(_column_check(c, record_type))
    return tuple(out)


def _types(values: Sequence[Any], allowed: set[type]) -> bool:
    return set(map(type, values)) <= allowed


_ZEROS = bytes.maketrans(b"123456789", b"000000000")
_HEX = b"0123456789abcdef"


def _ascii_block(vals: Sequence[Any], width: int) -> bytes | None:
    """Every value a str of ``width`` characters, all ASCII: the values joined by newlines, as bytes."""
    if not _types(vals, {str}) or set(map(len, vals)) != {width}:
        return None
    try:
        return "\n".join(vals).encode("ascii")
    except UnicodeEncodeError:
        return None


def _shaped(vals: Sequence[Any], shape: bytes) -> bytes | None:
    """As ``_ascii_block``, and every value has digits exactly where ``shape`` has 0s (and its other bytes)."""
    block = _ascii_block(vals, len(shape))
    if block is None or block.translate(_ZEROS) != b"\n".join([shape] * len(vals)):
        return None
    return block


def _real_days(vals: Sequence[str]) -> bool:
    """The days (the first 10 characters, already of the form 0000-00-00) exist in the calendar."""
    try:
        for _ in map(dt.date.fromisoformat, set(map(operator.itemgetter(slice(0, 10)), vals))):
            pass
    except ValueError:
        return False
    return True


def _uuids(vals: Sequence[Any]) -> bool:
    block = _ascii_block(vals, 32)
    return block is not None and block.count(b"\n") == len(vals) - 1 and not block.translate(None, _HEX + b"\n")


def _in_years(vals: Sequence[str]) -> bool:
    """Every day (or time) of the already shaped values in 1900–2100 (ISO text sorts as its days)."""
    return _FIRST <= min(vals) and max(vals) < _AFTER_LAST


def _dates(vals: Sequence[Any]) -> bool:
    return _shaped(vals, b"0000-00-00") is not None and _in_years(vals) and _real_days(vals)


def _datetimes(vals: Sequence[Any]) -> bool:
    """DATETIME with a real time of day (hour < 24, minute and second < 60) for every value at C speed: the
    shape by one translation, then hours, minutes and seconds from their columns of characters (a stride
    through the joined bytes), then the distinct days."""
    block = _shaped(vals, b"0000-00-00 00:00:00.000000")
    if block is None:
        return False
    stride = 27  # 26 characters and a newline
    hours = set(zip(block[11::stride], block[12::stride], strict=True))
    if any((tens - 48) * 10 + (ones - 48) > 23 for tens, ones in hours):
        return False
    if block[14::stride].translate(None, b"012345") or block[17::stride].translate(None, b"012345"):
        return False
    return _in_years(vals) and _real_days(vals)


def _column_check(c: WireColumn, record_type: str = "") -> Callable[[Sequence[Any]], bool]:
    """All values of one column at once; the same rules as ``_check_fn`` (and so the JSON Schema)."""
    def joined(pattern: str) -> Callable[[Sequence[str]], bool]:
        rx = _many(pattern)

        def check(vals: Sequence[str]) -> bool:
            if not vals:
                return True
            text = "\n".join(vals)
            return text.count("\n") == len(vals) - 1 and rx.fullmatch(text) is not None
        return check

    inner: Callable[[Sequence[Any]], bool]
    if c.kind == "uuid":
        inner = _uuids
    elif c.kind == "decimal":
        rx = joined(money_pattern(c))

        def inner(vals: Sequence[Any]) -> bool:
            return _types(vals, {str}) and rx(vals)
    elif c.kind == "date":
        inner = _dates
    elif c.kind == "datetime":
        inner = _datetimes
    elif c.kind == "bool":
        def inner(vals: Sequence[Any]) -> bool:
            return _types(vals, {bool})
    elif c.kind == "int":
        low, high = _int_range(record_type, c)

        def inner(vals: Sequence[Any]) -> bool:
            return _types(vals, {int}) and (not vals or (low <= min(vals) and max(vals) <= high))
    elif c.kind == "str" and c.choices:
        allowed = frozenset(c.choices)

        def inner(vals: Sequence[Any]) -> bool:
            return _types(vals, {str}) and set(vals) <= allowed
    elif c.kind == "str":
        limit = c.max_length or TEXT_LIMIT
        multiline = _multiline(c)
        if c.nullable:  # (no copy without the Nones: a None has no length, an empty text is 0 long)
            return lambda vals: (_types(vals, {str, type(None)})
                                 and max(map(len, filter(None, vals)), default=0) <= limit
                                 and find_unsafe("".join(filter(None, vals)), multiline=multiline) is None)

        def inner(vals: Sequence[Any]) -> bool:
            # (joined without a separator: no two characters make an unsafe one, so one search covers all)
            return (_types(vals, {str}) and max(map(len, vals), default=0) <= limit
                    and find_unsafe("".join(vals), multiline=multiline) is None)
    else:
        one = _check_fn(c)

        def inner(vals: Sequence[Any]) -> bool:
            return all(map(one, vals))
    if c.nullable:
        def present(vals: Sequence[Any]) -> bool:
            some = list(filter(_NOT_NONE, vals))
            return not some or inner(some)
        return present
    return lambda vals: not vals or inner(vals)


_NOT_NONE = functools.partial(operator.is_not, None)


def check_record_file(record_type: str, doc: Any) -> list[list[Any]]:
    """The rows of a record file, or ``InvalidRecord`` naming the first bad place (same rules as the schema)."""
    if type(doc) is not dict or set(doc) != {"type", "columns", "rows"}:
        raise InvalidRecord(f"records/{record_type}.json: keys")
    if doc["type"] != record_type:
        raise InvalidRecord(f"records/{record_type}.json: type")
    rows = doc["rows"]
    if doc["columns"] != column_names(record_type):
        rows = _widened(record_type, doc["columns"], rows)
    if type(rows) is not list:
        raise InvalidRecord(f"records/{record_type}.json: rows")
    width = len(columns(record_type))
    if not rows:
        return rows
    if set(map(type, rows)) == {list} and set(map(len, rows)) == {width}:
        try:
            ok = all(check(values) for check, values in zip(_column_checks(record_type), zip(*rows, strict=True),
                                                             strict=True))
        except TypeError:  # an unhashable value where a set was expected
            ok = False
        if ok:
            return rows
    _locate(record_type, rows)
    raise InvalidRecord(f"records/{record_type}.json: rows")


def _widened(record_type: str, names: Any, rows: Any) -> list[Any]:
    """The rows of an older build's file (its columns without ``schema.ADDED_COLUMNS``) with those columns empty,
    in this build's order; any other list of columns is refused."""
    older = older_columns(record_type)
    if older is None or names != [c.name for c in older]:
        raise InvalidRecord(f"records/{record_type}.json: columns")
    if type(rows) is not list:
        raise InvalidRecord(f"records/{record_type}.json: rows")
    current = column_names(record_type)
    at = [current.index(name) for name in names]
    out = []
    for i, row in enumerate(rows):
        if type(row) is not list or len(row) != len(at):
            raise InvalidRecord(f"records/{record_type}.json: rows/{i}")
        wide: list[Any] = [None] * len(current)
        for j, value in zip(at, row, strict=True):
            wide[j] = value
        out.append(wide)
    return out


def _locate(record_type: str, rows: list[Any]) -> None:
    """Row by row, to name the first bad place (only for a file already found bad)."""
    checks = _row_checks(record_type)
    width = len(checks)
    for i, row in enumerate(rows):
        if type(row) is not list or len(row) != width:
            raise InvalidRecord(f"records/{record_type}.json: rows/{i}")
        for j, (check, value) in enumerate(zip(checks, row, strict=True)):
            if not check(value):
                c = columns(record_type)[j]
                where = f"records/{record_type}.json: rows/{i}/{c.name}"
                char = _first_unsafe(value, _multiline(c)) if c.kind in ("str", "json_list", "json_object") else None
                if char is not None:
                    raise UnsafeRecordText(where, char)
                raise InvalidRecord(where)
