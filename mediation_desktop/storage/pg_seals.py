"""Row seals of rows just written to PostgreSQL, made from the values handed to the driver (``seal.written_seals``).

A seal is the digest of a row as ``seal.read_seals`` reads it back: the ``repr`` of the tuple of values psycopg
returns (``uuid.UUID``, ``datetime.date``, ``Decimal``, ``bool``, ``int``, ``str``; a timestamp as its ISO text
and JSON as its sorted dump, ``seal.row_digest``). For the column types the schema uses, that ``repr`` follows
from the value written, as the server stores it:

* ``uuid``: 32 lower-case hex digits (the wire form) or a ``UUID`` → ``UUID('8-4-4-4-12')``;
* ``timestamp without time zone``: ``YYYY-MM-DD HH:MM:SS[.f…]`` (ASCII digits, a real time of day: no hour 24,
  no second 60, which the server would roll over) or a naive ``datetime`` → its ``isoformat()``;
* ``date``: ``YYYY-MM-DD`` or a ``date`` → ``datetime.date(y, m, d)``;
* ``numeric(p, s)``: unsigned decimal text, or a ``Decimal``, with at most ``s`` decimals → the value with
  exactly ``s`` decimals (the server pads; it would round more, and it has no negative zero);
* ``boolean``, the integer types: ``bool``, ``int`` (not a text, which the server would parse);
* ``text``, ``character varying(n)``: a ``str`` of at most ``n`` characters (longer ones ending in blanks the
  server cuts silently);
* ``json``: the JSON text, as the server keeps it (read back through ``json.loads``).

Any other value, or a value of another type, is not foretold: its row is read back. A table whose stored
form cannot be foretold at all (a trigger, a generated or identity column, a column left out of the insert
that has a default, a column of another type or a domain) returns None: every row is read back.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

__all__ = ["foretold_digests"]

_LAYOUT_SQL = (
    "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attgenerated <> '' OR a.attidentity <> '', "
    "d.adbin IS NOT NULL, EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = a.attrelid AND NOT t.tgisinternal) "
    "FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
    "WHERE a.attrelid = to_regclass(quote_ident(%s)) AND a.attnum > 0 AND NOT a.attisdropped")
_VARCHAR = re.compile(r"character varying(?:\((\d+)\))?")
_NUMERIC = re.compile(r"numeric\((\d+),(\d+)\)")
_KINDS = {"uuid": "uuid", "timestamp without time zone": "timestamp", "date": "date", "boolean": "bool",
          "smallint": "int", "integer": "int", "bigint": "int", "text": "text", "json": "json"}

Kind = tuple[str, int | None]  # (kind, its parameter: a varchar's length, a numeric's scale)


def layout(conn: Connection, name: str) -> dict[str, tuple[Kind, bool]] | None:
    """Column → ((kind, parameter), whether an insert that leaves it out stores NULL), or None when the table's
    stored form cannot be foretold (see the module's docstring)."""
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        rows = cursor.execute(_LAYOUT_SQL, (name,)).fetchall()
    finally:
        cursor.close()
    out: dict[str, tuple[Kind, bool]] = {}
    for column, declared, generated, has_default, triggered in rows:
        if generated or triggered:
            return None
        kind = _kind(declared)
        if kind is None:
            return None
        out[column] = (kind, not has_default)
    return out or None


def _kind(declared: str) -> Kind | None:
    if declared in _KINDS:
        return _KINDS[declared], None
    varchar = _VARCHAR.fullmatch(declared)
    if varchar:
        return "text", int(varchar[1]) if varchar[1] else None
    numeric = _NUMERIC.fullmatch(declared)
    if numeric:
        return "numeric", int(numeric[2])
    return None


# -- one value: the repr of what psycopg reads back, or None when that is not certain ---------------------------

_HEX32 = re.compile(r"[0-9a-f]{32}")
_TIMESTAMP = re.compile(r"([0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])) "
                        r"((?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9])(?:\.([0-9]{1,6}))?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DECIMAL = re.compile(r"[0-9]+(?:\.([0-9]+))?")


def _uuid(value: Any) -> str | None:
    if type(value) is str and _HEX32.fullmatch(value):
        return f"UUID('{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}')"
    if type(value) is uuid.UUID:
        return repr(value)
    return None


@functools.lru_cache(maxsize=65536)
def _timestamp_text(value: str) -> str | None:
    match = _TIMESTAMP.fullmatch(value)
    if match is None or match[1] == "0000-" or match[1].startswith("0000"):  # (year 0: the server's 1 BC)
        return None
    day, time, fraction = match[1], match[2], match[3]
    try:
        dt.date.fromisoformat(day)
    except ValueError:
        return None  # (refused by the server too)
    fraction = (fraction or "").ljust(6, "0")
    return repr(f"{day}T{time}" + (f".{fraction}" if fraction != "000000" else ""))


def _timestamp(value: Any) -> str | None:
    if type(value) is str:
        return _timestamp_text(value)
    if type(value) is dt.datetime and value.tzinfo is None:
        return repr(value.isoformat())
    return None


@functools.lru_cache(maxsize=65536)
def _date_text(value: str) -> str | None:
    if not _DATE.fullmatch(value):
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return repr(day)


def _date(value: Any) -> str | None:
    if type(value) is str:
        return _date_text(value)
    if type(value) is dt.date:
        return repr(value)
    return None


def _bool(value: Any) -> str | None:
    return repr(value) if type(value) is bool else None


def _int(value: Any) -> str | None:
    return repr(value) if type(value) is int else None


def _json(value: Any) -> str | None:
    if type(value) is not str:
        return None
    try:
        loaded = json.loads(value)
    except ValueError:
        return None
    if isinstance(loaded, dict | list):  # (seal.row_digest: JSON containers as one sorted dump)
        return repr(json.dumps(loaded, sort_keys=True, ensure_ascii=False, default=str))
    return repr(loaded) if type(loaded) is not float else None  # (a float: the server's number text may differ)


@functools.lru_cache(maxsize=65536)
def _numeric_text(value: str, scale: int) -> str | None:
    match = _DECIMAL.fullmatch(value)
    if match is None or len(match[1] or "") > scale:
        return None
    return repr(Decimal(f"{Decimal(value):.{scale}f}"))


def _numeric(scale: int) -> Callable[[Any], str | None]:
    def one(value: Any) -> str | None:
        if type(value) is str:
            return _numeric_text(value, scale)
        if type(value) is Decimal and value.is_finite() and not (value.is_zero() and value.is_signed()):
            exponent = value.as_tuple().exponent
            if isinstance(exponent, int) and exponent >= -scale:
                return repr(Decimal(f"{value:.{scale}f}"))
        return None
    return one


def _text(limit: int | None) -> Callable[[Any], str | None]:
    def one(value: Any) -> str | None:
        return repr(value) if type(value) is str and (limit is None or len(value) <= limit) else None
    return one


def _one(kind: Kind) -> Callable[[Any], str | None]:
    name, param = kind
    if name == "numeric":
        return _numeric(param or 0)
    if name == "text":
        return _text(param)
    return {"uuid": _uuid, "timestamp": _timestamp, "date": _date, "bool": _bool, "int": _int, "json": _json}[name]


# the wire's own forms, for a whole column's texts joined by "\x01" at once (one match instead of one per value)
_HEX32_TEXT = "[0-9a-f]{32}"
_WIRE_TIMESTAMP = (r"(?!0000)[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01]) "
                   r"(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\.[0-9]{6}")
_ALL_HEX32 = re.compile(f"(?:{_HEX32_TEXT}(?:\x01{_HEX32_TEXT})*)?")
_ALL_WIRE_TIMESTAMPS = re.compile(f"(?:{_WIRE_TIMESTAMP}(?:\x01{_WIRE_TIMESTAMP})*)?")


def _wire_column(values: Sequence[Any], name: str, types: set[type]) -> list[str] | None:
    """The reprs of a column of uuids or timestamps all in the wire's form (None where a value is NULL), or
    None when not all are: the column is then taken value by value."""
    if name not in ("uuid", "timestamp") or not types <= {str, type(None)}:
        return None
    texts = [v for v in values if v is not None]
    if not (_ALL_HEX32 if name == "uuid" else _ALL_WIRE_TIMESTAMPS).fullmatch("\x01".join(texts)):
        return None
    if name == "uuid":
        return ["None" if v is None else f"UUID('{v[:8]}-{v[8:12]}-{v[12:16]}-{v[16:20]}-{v[20:]}')" for v in values]
    # (a date that is not in the calendar is refused by the server: the insert fails, its seals are never used)
    return ["None" if v is None else repr(f"{v[:10]}T{v[11:19]}" + ("" if v.endswith(".000000") else v[19:]))
            for v in values]


def _column(values: Sequence[Any], kind: Kind, unsure: set[int]) -> list[str]:
    """The reprs of a column's values as read back ("None" for NULL); rows not certain go to ``unsure``."""
    name, limit = kind
    types = set(map(type, values))
    wire = _wire_column(values, name, types)
    if wire is not None:
        return wire
    if name == "text" and types <= {str, type(None)} and (limit is None or max(
            map(len, filter(None, values)), default=0) <= limit):
        return list(map(repr, values))  # (most columns: texts as they are)
    if (name == "int" and types <= {int, type(None)}) or (name == "bool" and types <= {bool, type(None)}):
        return list(map(repr, values))
    one = _one(kind)
    if name in ("date", "numeric") and types <= {str, type(None)}:  # (dates and amounts repeat: each once)
        distinct = {v: "None" if v is None else one(v) for v in set(values)}
        if None not in distinct.values():
            return [distinct[v] for v in values]  # type: ignore[misc]
    out: list[str] = []
    for i, value in enumerate(values):
        if value is None:
            out.append("None")
            continue
        text = one(value)
        if text is None:
            unsure.add(i)
            text = "None"
        out.append(text)
    return out


def _key(value: Any, kind: Kind) -> str | None:
    """The row key ``seal.read_seals`` gives the stored value (``str`` of what the driver returns)."""
    if kind[0] == "uuid":
        text = _uuid(value)
        return None if text is None else text[6:-2]
    if kind[0] in ("text", "int") and _one(kind)(value) is not None:
        return str(value)
    return None


def foretold_digests(conn: Connection, name: str, model: Sequence[str], pk: str,
                     columns: Mapping[str, Sequence[Any]]) -> tuple[dict[str, str], list[Any]] | None:
    """``seal.written_seals`` on PostgreSQL: the digests of rows just inserted into ``name`` (``columns``: column
    → every row's value as handed to the driver) as ``seal.read_seals`` would read them back (``model``: the
    columns it reads, in order; keyed by column ``pk``). Returns (row key → digest, the ``pk`` values of the rows
    to read back), or None when the table's stored form cannot be foretold."""
    kinds = layout(conn, name)
    if kinds is None or any(c not in kinds or (c not in columns and not kinds[c][1]) for c in model):
        return None
    pk_kind = kinds[pk][0]
    wire = _wire_column(columns[pk], pk_kind[0], set(map(type, columns[pk]))) if pk_kind[0] == "uuid" else None
    found = [_key(v, pk_kind) for v in columns[pk]] if wire is None or "None" in wire else [t[6:-2] for t in wire]
    keys = [k for k in found if k is not None]
    if len(keys) != len(found):  # (not a key as stored: read back whole)
        return None
    count = len(keys)
    unsure: set[int] = set()
    nulls = ["None"] * count
    parts = [_column(columns[c], kinds[c][0], unsure) if c in columns else nulls for c in model]
    if len(model) == 1:
        texts = [f"({p},)" for p in parts[0]]
    else:
        texts = ["(" + ", ".join(row) + ")" for row in zip(*parts, strict=True)]
    digests = {key: hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]
               for key, text in zip(keys, texts, strict=True)}  # (seal.row_digest)
    if len(digests) != count:  # (a key twice: the insert has failed already)
        return None
    for i in unsure:
        del digests[keys[i]]
    return digests, [columns[pk][i] for i in sorted(unsure)]
