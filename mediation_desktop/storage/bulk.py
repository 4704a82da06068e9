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

__all__ = ["copy_rows", "copy_wire_rows", "insert_rows"]


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
