"""Bulk rows into PostgreSQL at the server's speed: ``COPY … FROM STDIN`` instead of ``INSERT``.

An import or the demo writer hands over tens of thousands of rows at a time. Through SQLAlchemy's
``INSERT … VALUES`` batches every value is bound, rendered and parsed as a statement parameter; ``COPY``
streams the rows in PostgreSQL's text format (psycopg writes them as they come), several times faster.
The values are first put in the driver's form by the real column types' bind processors (an enum's value,
JSON text), exactly as an ``INSERT`` through the models would send them, once per distinct value.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import JSON, Column, Connection, MetaData, Table, Uuid
from sqlalchemy.types import NullType

from mediation_desktop.storage.models import Base

__all__ = ["FTS5_ROOMY_FROM", "FTS5_ROOMY_HASHSIZE", "copy_rows", "copy_wire_rows", "insert_rows", "roomy_fts5_pending"]


@functools.cache
def _processors(dialect: Any, table: str, names: tuple[str, ...]) -> list[tuple[int, Callable[[Any], Any], bool]]:
    """(column, bind processor, whether None goes through it too: JSON's None is the JSON null)."""
    cols = Base.metadata.tables[table].c
    out: list[tuple[int, Callable[[Any], Any], bool]] = []
    for i, name in enumerate(names):
        col_type = cols[name].type
        proc = col_type.dialect_impl(dialect).bind_processor(dialect)
        if proc is None:
            continue
        json = isinstance(col_type, JSON)
        if not json and not isinstance(col_type, Uuid):  # dates, enums, flags repeat: remembered
            proc = functools.lru_cache(maxsize=4096)(proc)
        out.append((i, proc, json))
    return out


_Processors = Sequence[tuple[int, Callable[[Any], Any], bool]]


def _in_driver_form(rows: Iterable[Sequence[Any]], procs: _Processors) -> Iterable[Sequence[Any]]:
    """Each row with its values through the columns' bind processors (None only where it goes through too)."""
    for row in rows:
        if procs:
            row = list(row)
            for i, proc, with_none in procs:
                if with_none or row[i] is not None:
                    row[i] = proc(row[i])
        yield row


def _copy(conn: Connection, table: str, names: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    assert conn.dialect.name == "postgresql"
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    columns = ", ".join(f'"{n}"' for n in names)
    written = 0
    try:
        with cursor.copy(f'COPY "{table}" ({columns}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
                written += 1
    finally:
        cursor.close()
    return written


def copy_rows(conn: Connection, table: str, names: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write ``rows`` (Python values, in the order of ``names``) into ``table`` with ``COPY``, inside the
    caller's transaction. PostgreSQL only. Returns the rows written."""
    return _copy(conn, table, names, _in_driver_form(rows, _processors(conn.dialect, table, tuple(names))))


@functools.cache
def _insert_sql(dialect: Any, table: str, names: tuple[str, ...]) -> str:
    compiled = Table(table, MetaData(), *(Column(n, NullType()) for n in names)).insert().compile(dialect=dialect)
    assert tuple(compiled.positiontup or ()) == names
    return str(compiled)


def insert_rows(conn: Connection, table: str, names: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write ``rows`` (Python values, in the order of ``names``) into ``table`` inside the caller's transaction,
    at the driver's speed: ``COPY`` on PostgreSQL; on SQLite one ``executemany`` of tuples in the driver's form
    (the real column types' bind processors, as an ``INSERT`` through the models would apply them, once per
    distinct value), not SQLAlchemy's per-row parameter handling. Returns the rows written."""
    if conn.dialect.name == "postgresql":
        return copy_rows(conn, table, names, rows)
    out = [tuple(row) for row in _in_driver_form(rows, _processors(conn.dialect, table, tuple(names)))]
    if out:
        conn.exec_driver_sql(_insert_sql(conn.dialect, table, tuple(names)), out)
    return len(out)


def _json_text(conn: Connection, proc: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A JSON column's bind processor giving the JSON text itself: psycopg's ``Json`` wrapper dumped by this
    connection's own dumper for it (the bytes ``COPY`` would send for the wrapper; a text goes as the same
    bytes)."""
    from psycopg.adapt import PyFormat
    from psycopg.types.json import Json

    raw: Any = conn.connection.dbapi_connection
    dumper = raw.adapters.get_dumper(Json, PyFormat.TEXT)(Json, raw)

    def as_text(value: Any) -> Any:
        wrapped = proc(value)
        if isinstance(wrapped, Json):
            return bytes(dumper.dump(wrapped)).decode("utf-8")
        return wrapped

    return as_text


def copy_wire_rows(conn: Connection, table: str, names: Sequence[str], rows: Iterable[Sequence[Any]]
                   ) -> list[Sequence[Any]]:
    """``COPY`` rows in the sync wire form (``sync.schema``, checked by ``sync.record_checks`` first) into
    ``table``, PostgreSQL only. The wire's ids (32 hex digits), timestamps (UTC, ``YYYY-MM-DD HH:MM:SS.ffffff``),
    dates and decimals are already text that PostgreSQL reads as the column's type, and its enum values are the
    stored values: they go as they are, not turned into Python objects and back (most of an import's writing
    time). Only JSON values are made text, by the column type's own bind processor (and the driver's dumper of
    its ``Json`` wrapper: the text it would send). Returns the rows as handed to the driver (their seals are made
    from them: ``seal.written_seals``)."""
    procs = _processors(conn.dialect, table, tuple(names))
    json = [(i, _json_text(conn, proc), True) for i, proc, is_json in procs if is_json]
    written = list(_in_driver_form(rows, json))
    _copy(conn, table, names, written)
    return written


# -- SQLite: the full-text tables' pending terms in a bulk write ------------------------------------------------

FTS5_ROOMY_FROM = 5000  # new docs from which a write holds more of its full-text terms before writing a segment
FTS5_DEFAULT_HASHSIZE = 1024 * 1024  # FTS5's own default (an option not in the config table)
FTS5_ROOMY_HASHSIZE = {"fts_case_key": 32 * 1024 * 1024, "fts_case_gram": 32 * 1024 * 1024}
"""The tables whose writes it pays for (bench/README.md, seventh session): names and pairs repeat across docs, so a
larger pending set makes fewer, larger segments and FTS5 merges them far less (a 100,000-case import's names: one
segment, not seven); the number table's terms are mostly unique and its writes did not get cheaper."""


def roomy_fts5_pending(conn: Connection) -> Callable[[], None]:
    """SQLite, inside a bulk write's transaction, before its full-text rows: the FTS5 tables of
    ``FTS5_ROOMY_HASHSIZE`` hold that many bytes of new terms in memory before writing them out as a segment
    (FTS5's ``hashsize``, 1 MB by default), until the returned function restores each table's option as it was
    (its config table's rows included). Call it after the write's last full-text row and before the commit (which
    writes what is still held). The docs and tokens stored are the same; the segments are fewer and larger. A
    rollback takes the option back as well."""
    tables = [str(name) for (name,) in conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE % USING fts5%' "
        "ORDER BY name") if name in FTS5_ROOMY_HASHSIZE]
    before: dict[str, Any] = {}
    for name in tables:
        before[name] = conn.exec_driver_sql(f'SELECT v FROM "{name}_config" WHERE k = \'hashsize\'').scalar()
        _fts5_option(conn, name, "hashsize", FTS5_ROOMY_HASHSIZE[name])

    def restore() -> None:
        for name in tables:
            kept = before[name]
            _fts5_option(conn, name, "hashsize", FTS5_DEFAULT_HASHSIZE if kept is None else kept)
            if kept is None:  # (the default, as no row says it: the row goes again)
                conn.exec_driver_sql(f'DELETE FROM "{name}_config" WHERE k = \'hashsize\'')

    return restore


def _fts5_option(conn: Connection, table: str, option: str, value: Any) -> None:
    """Set an FTS5 table's configuration option (its special insert: the table's cached options follow)."""
    conn.exec_driver_sql(f'INSERT INTO "{table}" ("{table}", rank) VALUES (?, ?)', (option, value))
