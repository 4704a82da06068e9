"""Row seals: the audit chain covers the data, not only itself.

Every transaction that writes business rows ends with ``audit.seal`` entries in the chain: for each row
it wrote, a digest of the row exactly as stored (read back after the write), or ``None`` for a row it
removed. ``check`` replays the seals (the newest per row wins) and compares them with the rows as they
are now: a row whose values changed without an audit entry, a row that appeared without one, and a row
that vanished are each named by table and key.

The digest is over the values as the database driver returns them (no type conversion), in the
table's column order, so writing and checking read the same thing on the same backend. A migration
that changes rows of a sealed table must seal them again (``seal_all``, as revision 0006 does).

The bulk writers (demo generation, bundle import) on SQLite seal the rows they insert from the values they
handed to the driver (``written_seals``), with SQLite's type affinity applied as it stores them, instead of
reading tens of thousands of rows back; an import into PostgreSQL does the same from the values it hands to
``COPY``, with the column types' stored forms (``storage.pg_seals``). Where the stored form is not certain (a
value the database might convert, a column the insert leaves to a default, a trigger, another backend) the row
is read back as before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, column, select, table
from sqlalchemy.sql.sqltypes import Uuid

from mediation_desktop.storage.models import Base

SEAL_ACTION = "audit.seal"
# the business rows: what a user or a sync writes (not indexes, counters, or the chain itself)
SEALED_TABLES = ("installation", "setting", "app_user", "sync_peer", "mediation_case", "party", "investigation",
                 "mediation_session", "agreement", "follow_up", "referral", "attachment", "screening",
                 "screening_finding", "mediator")
ROWS_PER_ENTRY = 5000
_IN_CHUNK = 500

Seals = dict[str, dict[str, str | None]]  # table → row key → digest (None: the row was removed)


_NORMALISED = (memoryview, bytearray, dict, list, dt.datetime)


def _raw(value: Any) -> Any:
    if isinstance(value, dt.datetime):  # PostgreSQL: in the session's time zone
        return value.astimezone(dt.UTC).isoformat() if value.tzinfo is not None else value.isoformat()
    if isinstance(value, memoryview | bytearray):
        return bytes(value)
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return value


def row_digest(values: Iterable[Any]) -> str:
    """The digest of one row's stored values (in column order): the repr of the values as the driver gives
    them (SQLite: text, numbers, bytes, NULL), a few types written in one fixed form first."""
    row = tuple(values)
    for value in row:
        if isinstance(value, _NORMALISED):
            row = tuple(map(_raw, row))
            break
    return hashlib.sha256(repr(row).encode("utf-8")).hexdigest()[:24]


def _plain_digest(row: tuple[Any, ...]) -> str:
    """:func:`row_digest` of a row of SQLite's driver (a tuple of text, numbers, bytes and NULL: none of them
    written in another form first), without looking at each value again: the bulk writers' thousands of rows."""
    return hashlib.sha256(repr(row).encode("utf-8")).hexdigest()[:24]


def _raw_rows(conn: Connection, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """SQLite: the rows of ``sql`` straight from the driver's cursor (inside the caller's transaction)."""
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        rows: list[tuple[Any, ...]] = cursor.execute(sql, params).fetchall()
        return rows
    finally:
        cursor.close()


_HEX_KEY = re.compile(r"[0-9a-f]{32}")


def _pk(name: str) -> str:
    (pk,) = Base.metadata.tables[name].primary_key.columns
    return str(pk.name)


def _columns(name: str) -> list[str]:
    return [c.name for c in Base.metadata.tables[name].c]


def row_key(value: Any) -> str:
    """A primary key as the driver returns it, as text (SQLite: a uuid is 32 hex digits)."""
    return str(value)


def _stored_keys(conn: Connection, name: str, keys: Iterable[Any]) -> dict[str, Any]:
    """Stored form of each primary key (what ``check`` reads back) → its Python value (for a typed query)."""
    col = Base.metadata.tables[name].c[_pk(name)]
    proc = col.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
    is_uuid = isinstance(col.type, Uuid)
    out: dict[str, Any] = {}
    for key in keys:
        value = uuid.UUID(str(key)) if is_uuid and not isinstance(key, uuid.UUID) else key
        out[row_key(proc(value) if proc is not None else value)] = value
    return out


def _raw_select(name: str) -> Any:
    return select(*(column(c) for c in _columns(name))).select_from(table(name))


def read_seals(conn: Connection, touched: Mapping[str, Iterable[Any]]) -> Seals:
    """The digest of each named row as it is stored now (None where it is not there)."""
    out: Seals = {}
    for name, keys in touched.items():
        if name not in SEALED_TABLES:
            continue
        columns = _columns(name)
        pk_index = columns.index(_pk(name))
        if conn.dialect.name == "sqlite":  # the keys as one JSON array, joined on the primary key
            keys = list(keys)
            if isinstance(Base.metadata.tables[name].c[_pk(name)].type, Uuid) and all(
                    isinstance(k, str) and _HEX_KEY.fullmatch(k) for k in keys):
                stored = keys  # (a bundle's ids: 32 lower-case hex digits, the Uuid type's form on SQLite)
            else:
                stored = list(_stored_keys(conn, name, keys))
            found: dict[str, str | None] = dict.fromkeys(stored)
            cols_sql = ", ".join(f't."{c}"' for c in columns)
            sql = f'SELECT {cols_sql} FROM "{name}" AS t JOIN json_each(?) AS j ON t."{_pk(name)}" = j.value'
            for start in range(0, len(stored), 50_000):
                for row in _raw_rows(conn, sql, (json.dumps(stored[start:start + 50_000]),)):
                    found[row_key(row[pk_index])] = _plain_digest(row)
        else:
            wanted = _stored_keys(conn, name, keys)
            found = dict.fromkeys(wanted)
            pk_col = Base.metadata.tables[name].c[_pk(name)]
            values = list(wanted.values())
            for start in range(0, len(values), _IN_CHUNK):
                chunk = values[start:start + _IN_CHUNK]
                for row in conn.execute(_raw_select(name).where(column(pk_col.name, pk_col.type).in_(chunk))):
                    found[row_key(row[pk_index])] = row_digest(row)
        out[name] = found
    return out


# -- seals from the values written (SQLite) ------------------------------------------------------------------

# a text SQLite could read as a number (sqlite3AtoF: blanks, sign, digits, point, exponent, blanks), drawn wider
# than SQLite's own rule (any Unicode blank or digit, a NUL, an exponent without digits): such a text in a column
# of numeric affinity may be stored as a number, so its row is read back
_NUMBER = r"[\s\x00]*+[+-]?+(?:\d++(?:\.\d*+)?+|\.\d++)(?:[eE][+-]?+\d*+)?+[\s\x00]*+"  # (possessive: no backtracking)
_NUMBER_LIKE = re.compile(_NUMBER)
# the same, for a whole column's texts joined by "\x01" (not a blank for ``\s``): one search instead of one match
# per text (it looks for that one character, then tries a number at it); a text holding "\x01" itself can only
# make it find more, never less
_ANY_NUMBER_LIKE = re.compile(f"\x01{_NUMBER}\x01")
_EXACT_FLOAT_INT = 2 ** 53  # integers a double holds exactly


def _affinity(declared: str) -> str:
    """SQLite's column affinity of a declared type (the rules of its documentation, section 3.1, in order)."""
    upper = declared.upper()
    if "INT" in upper:
        return "INTEGER"
    if "CHAR" in upper or "CLOB" in upper or "TEXT" in upper:
        return "TEXT"
    if "BLOB" in upper or not upper:
        return "BLOB"
    if "REAL" in upper or "FLOA" in upper or "DOUB" in upper:
        return "REAL"
    return "NUMERIC"


def _sqlite_layout(conn: Connection, name: str) -> dict[str, tuple[str, bool]] | None:
    """Column → (affinity, whether an insert that leaves it out stores NULL), or None when the table's stored
    form cannot be foretold from the values inserted (a trigger, a hidden or generated column, a STRICT table)."""
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        if cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (name,)).fetchone():
            return None
        for row in cursor.execute(f'PRAGMA table_list("{name}")').fetchall():  # (SQLite 3.37 on: STRICT tables)
            if row[1] == name and row[5]:
                return None
        layout: dict[str, tuple[str, bool]] = {}
        for _cid, col, declared, _notnull, default, _pk, hidden in cursor.execute(f'PRAGMA table_xinfo("{name}")'):
            if hidden:
                return None
            layout[col] = (_affinity(declared or ""), default is None)
        return layout
    finally:
        cursor.close()


def _stored_value(value: Any, affinity: str) -> tuple[Any, bool]:
    """(the value SQLite's driver returns for ``value`` inserted into a column of ``affinity``, whether that is
    certain)."""
    kind = type(value)
    if value is None:
        return None, True
    if kind is bool:  # (the driver binds it as an integer)
        value, kind = int(value), int
    if kind is str:
        return value, affinity in ("TEXT", "BLOB") or not _NUMBER_LIKE.fullmatch(value)
    if kind is int:
        if affinity == "TEXT":
            return str(value), True
        if affinity == "REAL":
            return float(value), abs(value) <= _EXACT_FLOAT_INT
        return value, True
    if kind is float:
        if not math.isfinite(value) or (math.copysign(1.0, value) < 0 and value == 0):  # (NaN: NULL; -0.0: 0)
            return value, False
        if affinity in ("INTEGER", "NUMERIC") and value.is_integer():
            return int(value), abs(value) < _EXACT_FLOAT_INT
        return value, affinity != "TEXT"  # (a real as text: SQLite's own number format)
    if kind in (bytes, bytearray, memoryview):
        return bytes(value), True
    return value, False  # (a type the driver adapts, if at all, its own way)


def _stored_column(values: Sequence[Any], affinity: str, unsure: set[int]) -> Sequence[Any]:
    """The column's values as SQLite stores them; the rows where that is not certain are added to ``unsure``."""
    kinds = set(map(type, values))
    if kinds <= {str, type(None)}:  # (most columns: nothing to convert, only texts that may read as numbers)
        if affinity in ("TEXT", "BLOB") or not _ANY_NUMBER_LIKE.search(
                "\x01".join(("", *filter(None, values), ""))):
            return values
    elif kinds <= {int, type(None)} and affinity in ("INTEGER", "NUMERIC", "BLOB"):
        return values
    out = list(values)
    for i, value in enumerate(values):
        out[i], sure = _stored_value(value, affinity)
        if not sure:
            unsure.add(i)
    return out


def written_seals(conn: Connection, name: str, columns: Mapping[str, Sequence[Any]],
                  rows: Sequence[Sequence[Any]] | None = None) -> tuple[dict[str, str], list[Any]] | None:
    """The seals of rows just inserted into ``name`` by the SQLite driver (or PostgreSQL's, ``storage.pg_seals``),
    from the values handed to it (``columns``: column name → the values of every row, in the driver's form)
    instead of read back: the same digests as ``read_seals``. Returns (row key → digest, the keys of the rows
    whose stored form is not certain: the caller reads those back), or None when no row's stored form can be
    foretold (another backend, a trigger, a column left out of the insert that has a default, …): then every row
    is read back. ``rows``, when given, are the same rows as the tuples handed to the driver (``columns``'s
    order): see ``foretold_digests``."""
    if name not in SEALED_TABLES:
        return None
    if conn.dialect.name == "postgresql":  # (the values handed to COPY: storage.pg_seals)
        from mediation_desktop.storage import pg_seals

        return pg_seals.foretold_digests(conn, name, _columns(name), _pk(name), columns)
    if conn.dialect.name != "sqlite":
        return None
    return foretold_digests(conn, name, _columns(name), _pk(name), columns, rows)


def foretold_digests(conn: Connection, name: str, model: Sequence[str], pk: str,
                     columns: Mapping[str, Sequence[Any]], rows: Sequence[Sequence[Any]] | None = None
                     ) -> tuple[dict[str, str], list[Any]] | None:
    """``written_seals`` for any SQLite table: the digests of rows just inserted as ``_raw_rows`` of
    ``SELECT <model columns>`` would read them back, keyed by the stored form of column ``pk``.

    ``rows`` (optional): the same values, one sequence per row, in ``columns``'s order (what the caller handed to
    the driver). When they are tuples, that order is the model's and no value is stored in another form, they are
    what a read-back returns, and they are digested as they are instead of being put together again from the
    columns."""
    layout = _sqlite_layout(conn, name)
    if layout is None or any(c not in layout or (c not in columns and not layout[c][1]) for c in model):
        return None
    count = len(columns[pk])
    unsure: set[int] = set()
    keys = _stored_column(columns[pk], layout[pk][0], unsure)
    if unsure:  # (not a key as stored: read back whole)
        return None
    nulls = [None] * count
    stored = [_stored_column(columns[c], layout[c][0], unsure) if c in columns else nulls for c in model]
    as_given = (rows is not None and len(rows) == count and list(columns) == list(model)
                and all(s is columns[c] for s, c in zip(stored, model, strict=True))
                and set(map(type, rows)) == {tuple} and set(map(len, rows)) == {len(model)})
    given = cast("Sequence[tuple[Any, ...]]", rows) if as_given else None  # (tuples: checked above)
    digests = dict(zip(map(row_key, keys), map(_plain_digest, given if given is not None
                                                 else zip(*stored, strict=True)), strict=True))
    if len(digests) != count:  # (a key twice: the insert has failed already)
        return None
    unsure_keys = [columns[pk][i] for i in sorted(unsure)]
    for i in unsure:
        del digests[row_key(keys[i])]
    return digests, unsure_keys


def inserted_seals(conn: Connection, change_seq: int, name: str, columns: Mapping[str, Sequence[Any]] | None
                   ) -> dict[str, str | None]:
    """The seals of the rows this transaction (``change_seq``) inserted into ``name`` (a bulk writer's one insert
    of ``columns``, in the driver's form): from the values written where their stored form is certain
    (``written_seals``), read back where it is not, in the order written."""
    if name not in SEALED_TABLES or "change_seq" not in Base.metadata.tables[name].c:
        return {}
    made = None if columns is None else written_seals(conn, name, columns)
    if made is None:
        return read_changed(conn, change_seq, [name]).get(name, {})
    digests, unsure = made
    if not unsure:
        return dict(digests)
    read = read_seals(conn, {name: unsure})[name]
    pk = columns[_pk(name)]  # type: ignore[index]
    return {key: digests[key] if key in digests else read[key] for key in map(row_key, pk)}


def read_changed(conn: Connection, change_seq: int, names: Iterable[str]) -> Seals:
    """The digests of every row of ``names`` this transaction (``change_seq``) wrote (bulk writers)."""
    out: Seals = {}
    for name in names:
        if name not in SEALED_TABLES or "change_seq" not in Base.metadata.tables[name].c:
            continue
        pk_index = _columns(name).index(_pk(name))
        if conn.dialect.name == "sqlite":  # (by its change_seq index; straight from the driver)
            cols_sql = ", ".join(f'"{c}"' for c in _columns(name))
            rows = _raw_rows(conn, f'SELECT {cols_sql} FROM "{name}" WHERE change_seq = ?', (change_seq,))
            out[name] = {row_key(row[pk_index]): _plain_digest(row) for row in rows}
            continue
        stmt = _raw_select(name).where(column("change_seq") == change_seq)
        out[name] = {row_key(row[pk_index]): row_digest(row) for row in conn.execute(stmt)}
    return out


def seal_entries(seals: Seals) -> Iterator[dict[str, Any]]:
    """The data of the ``audit.seal`` entries for ``seals`` (at most ``ROWS_PER_ENTRY`` rows each)."""
    chunk: Seals = {}
    size = 0
    for name, rows in seals.items():
        for key, digest in rows.items():
            chunk.setdefault(name, {})[key] = digest
            size += 1
            if size >= ROWS_PER_ENTRY:
                yield {"rows": chunk}
                chunk, size = {}, 0
    if size:
        yield {"rows": chunk}


def seal_all(conn: Connection, names: Iterable[str] = SEALED_TABLES) -> Seals:
    """Every row of every sealed table (a baseline: an older database's rows, once), or of ``names``. Run by a
    migration, it reads the columns the table has at that revision (a later one that adds columns seals again)."""
    from sqlalchemy import inspect

    out: Seals = {}
    inspector = inspect(conn)
    for name in names:
        if not inspector.has_table(name):  # (made by a later revision, empty when it is made)
            continue
        present = {c["name"] for c in inspector.get_columns(name)}
        names = [c for c in _columns(name) if c in present]
        pk_index = names.index(_pk(name))
        stmt: Any = select(*(column(c) for c in names)).select_from(table(name))
        out[name] = {row_key(row[pk_index]): row_digest(row) for row in conn.execute(stmt)}
    return out


def merge(expected: Seals, data: Mapping[str, Any]) -> None:
    """Add one ``audit.seal`` entry's rows to what the chain says (later entries win)."""
    for name, rows in (data.get("rows") or {}).items():
        expected.setdefault(name, {}).update(rows)


@dataclass(frozen=True)
class RowProblem:
    table: str
    key: str
    detail: str  # "changed": not as the chain sealed it; "unsealed": no audit entry; "missing": removed unaudited


def verify_rows(conn: Connection, expected: Seals, *, limit: int = 20) -> list[RowProblem]:
    """Compare every row of the sealed tables with the chain's seals (``expected`` is consumed)."""
    problems: list[RowProblem] = []
    for name in SEALED_TABLES:
        sealed = expected.pop(name, {})
        pk_index = _columns(name).index(_pk(name))
        for row in conn.execute(_raw_select(name)):
            key = row_key(row[pk_index])
            want = sealed.pop(key, "")
            if want == "" or want is None:
                problems.append(RowProblem(name, key, "unsealed"))
            elif want != row_digest(row):
                problems.append(RowProblem(name, key, "changed"))
            if len(problems) >= limit:
                return problems
        for key, want in sealed.items():
            if want is not None:
                problems.append(RowProblem(name, key, "missing"))
                if len(problems) >= limit:
                    return problems
    return problems
