"""The SQLite side of an export: each record file made by SQLite itself (``record_files_sqlite``), and a second
connection reading the same snapshot to make some of them meanwhile (``second_reader``)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Generator, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import Connection
from sqlalchemy.sql import Select

from mediation_desktop.storage.database import Database
from mediation_desktop.storage.engine import LOCK_TIMEOUT_MS
from mediation_desktop.sync import schema


def _sqlite_json(c: schema.WireColumn) -> str:
    """The SQL expression that gives a column's wire value inside SQLite's json_array()."""
    col = f't."{c.name}"'
    if c.kind == "bool":  # json('true') is a constant: SQLite evaluates it once per statement
        return f"CASE WHEN {col} IS NULL THEN NULL WHEN {col} THEN json('true') ELSE json('false') END"
    if c.kind == "decimal":
        scale = (c.digits or (14, 2))[1]
        return f"CASE WHEN {col} IS NULL THEN NULL ELSE printf('%.{scale}f', {col}) END"
    if c.kind in ("json_list", "json_object", "json_days"):
        return f"json({col})"
    return col


SQLITE_CHUNK = 50_000  # rowids per group_concat: a few tens of MB, far below SQLite's 1 GB string limit
# the record types the second reader makes when there is one: about half of the work at 100,000 demo cases
SECOND_READER_TYPES = frozenset({"party", "mediation_session", "follow_up"})


def record_files_sqlite(conn: Connection, case_ids: Select[Any] | None,
                        second: Connection | None = None) -> Generator[tuple[str, bytes, int], None, None]:
    """Every record file of the selected cases (None: every case), made by SQLite itself (json_array and
    group_concat over rowid ranges, handed over as UTF-8 bytes): no per-value Python work, no decoding and
    re-encoding of the text. Yields (type, file, rows) one type at a time, in the order of the record types, so
    the caller can compress one while SQLite makes the next.

    With ``second`` (a connection reading the same snapshot, see :func:`second_reader`) that connection makes
    some of the types on a thread of its own meanwhile: SQLite lets go of the interpreter lock while it works.
    """
    where = ("", ()) if case_ids is None else _compiled(conn, case_ids)
    if second is None:
        for t in schema.RECORD_TYPES:
            yield _record_file_sqlite(conn, t, *where)
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="export-reader") as pool:
        made = {t: pool.submit(_record_file_sqlite, second, t, *where)
                for t in schema.RECORD_TYPES if t in SECOND_READER_TYPES}
        try:
            for t in schema.RECORD_TYPES:  # (popped: a file made is not kept once handed over)
                yield made.pop(t).result() if t in made else _record_file_sqlite(conn, t, *where)
        finally:
            for future in made.values():  # left early (an error on the way): stop the second reader
                future.cancel()
            if any(not f.done() for f in made.values()):
                driver = second.connection.driver_connection
                if isinstance(driver, sqlite3.Connection):
                    driver.interrupt()  # its statement fails at once; the pool's wait is then short


def _record_file_sqlite(conn: Connection, t: str, ids_sql: str, ids_params: tuple[Any, ...]
                        ) -> tuple[str, bytes, int]:
    cols = schema.columns(t)
    key = "id" if t == "mediation_case" else "case_id"
    values = ", ".join(_sqlite_json(c) for c in cols)
    where = f' AND t."{key}" IN ({ids_sql})' if ids_sql else ""
    # a rowid range is scanned in rowid order: the order the rows were written (agreement versions too)
    sql = (f"SELECT CAST(group_concat(json_array({values}), ',') AS BLOB), count(*) "
           f'FROM "{t}" AS t WHERE t.rowid >= ? AND t.rowid < ?{where}')
    low, high = conn.exec_driver_sql(f'SELECT min(rowid), max(rowid) FROM "{t}"').one()
    parts: list[bytes] = []
    total = 0
    if low is not None:
        for start in range(int(low), int(high) + 1, SQLITE_CHUNK):
            blob, n = conn.exec_driver_sql(sql, (start, start + SQLITE_CHUNK, *ids_params)).one()
            if n:
                parts.append(blob)
                total += n
    head = json.dumps({"type": t, "columns": [c.name for c in cols]}, separators=(",", ":"))[:-1]
    pieces = [head.encode("utf-8"), b',"rows":[']
    for i, part in enumerate(parts):  # one copy of the file, not two
        pieces += (b",", part) if i else (part,)
    pieces.append(b"]}")
    return t, b"".join(pieces), total


@contextmanager
def second_reader(db: Database, conn: Connection) -> Iterator[Connection | None]:
    """SQLite: a second connection that reads exactly the snapshot ``conn`` reads, for the length of the block.

    Both read transactions begin while a third connection holds the write lock, so no commit can come
    between them. Call it before ``conn`` has read anything in its transaction (its first read is made
    here). Gives None (one connection does everything) if the lock is not free within a second — a writer
    at work — or on another database.
    """
    second = _second_reader(db, conn) if db.is_sqlite else None
    try:
        yield second
    finally:
        if second is not None:
            try:
                second.rollback()
            finally:
                second.close()


def _second_reader(db: Database, conn: Connection) -> Connection | None:
    if db.engine.url.database in (None, "", ":memory:"):
        return None
    # checked out and begun before the lock is taken (a new connection sets itself up, which may need the
    # database to itself): inside the lock only the two first reads happen
    second = db.engine.connect()
    try:
        if isinstance(second.connection.driver_connection, sqlite3.Connection):
            second.begin()
            if _first_reads_under_lock(db, conn, second):
                return second
    except BaseException:
        second.close()
        raise
    second.close()
    return None


def _first_reads_under_lock(db: Database, conn: Connection, second: Connection) -> bool:
    """Take the write lock (waiting a second at most), make both connections' first reads, let it go."""
    pooled = db.engine.raw_connection()
    restored = False
    try:
        lock = pooled.driver_connection  # the driver's own connection: it begins nothing by itself
        assert isinstance(lock, sqlite3.Connection)
        lock.execute("PRAGMA busy_timeout = 1000")
        try:
            try:
                lock.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError:  # locked: a writer holds on
                return False
            try:
                conn.exec_driver_sql(_FIRST_READ).all()
                second.exec_driver_sql(_FIRST_READ).all()
            finally:
                lock.execute("ROLLBACK")
            return True
        finally:
            lock.execute(f"PRAGMA busy_timeout = {LOCK_TIMEOUT_MS}")
            restored = True
    finally:
        if restored:
            pooled.close()
        else:  # not back in the pool with a short timeout, or in a transaction
            pooled.invalidate()


_FIRST_READ = "SELECT last_seq FROM change_counter"  # any read of a table fixes the transaction's snapshot


def _compiled(conn: Connection, stmt: Select[Any]) -> tuple[str, tuple[Any, ...]]:
    compiled = stmt.compile(dialect=conn.dialect)
    params = compiled.construct_params()
    processors = cast(dict[str, Any], compiled._bind_processors)  # the Uuid parameter in its stored form
    order = list(compiled.positiontup or ())
    values = tuple(processors[k](params[k]) if k in processors else params[k] for k in order)
    return str(compiled), values
