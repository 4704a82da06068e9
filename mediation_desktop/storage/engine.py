"""The database engine: SQLite in the data folder by default, PostgreSQL for a township or county hub.

SQLite runs in WAL mode with ``synchronous=FULL`` (a committed transaction survives a power cut),
foreign keys on, and transactions we begin ourselves so that a writer can take the lock up front
(``BEGIN IMMEDIATE``) instead of failing half-way when another writer got there first.

PostgreSQL (``postgresql+psycopg://…``) keeps the same rules with its own means: a writer's transaction
first takes one transaction-scoped advisory lock (``pg_advisory_xact_lock``), so writers of a hub take
turns exactly as on SQLite (change-sequence numbers, case numbers and the audit chain are handed out in
commit order) while readers never wait; a lock not granted within ``LOCK_TIMEOUT_MS`` fails like SQLite's
busy timeout instead of hanging. Durability is the server's (its ``fsync`` and ``synchronous_commit``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from mediation_desktop.storage.types import json_text

WRITE = {"sqlite_begin": "BEGIN IMMEDIATE", "writer_lock": True}
LOCK_TIMEOUT_MS = 10_000  # as SQLite's busy_timeout: another writer holding on this long is an error
# the pg_advisory_xact_lock key of "the writer": a constant of this program's own (b"MediDesk" as a bigint)
WRITER_LOCK_KEY = int.from_bytes(b"MediDesk", "big")
APPLICATION_NAME = "mediation-desktop"
SQLITE_CACHE_KIB = 16_384  # SQLite's page cache per connection (its default: 2,000 KiB); see _configure_sqlite
GIN_PENDING_LIST_KB = 256  # the search index's pending list for ordinary writes (kB; the server's default: 4 MB)


def _configure_sqlite(engine: Engine, *, foreign_keys: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see _on_begin)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 10000")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        # pages kept between the statements of a connection (filled only as pages are read): a search that joins
        # its thousand newest matches to their cases reads ~2,000 scattered pages, and SQLite's default of 2 MB
        # held none of them for the next keystroke (周 宅基地 at 100,000 cases: 4.3 → 2.2 ms for that statement; 32 MB
        # measured no faster, 8 MB slower; at most 16 MB for each of the pool's connections)
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))


def _configure_postgresql(engine: Engine) -> None:
    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get("writer_lock"):
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITER_LOCK_KEY})")


def make_engine(url: str, *, foreign_keys: bool = True, pool: bool = True, **kwargs: Any) -> Engine:
    """An engine for ``url`` with this program's settings.

    ``foreign_keys`` matters on SQLite only (migrations turn them off there); PostgreSQL always enforces them.
    """
    if not pool:
        kwargs["poolclass"] = NullPool
    kwargs.setdefault("json_serializer", json_text)  # (both engines: psycopg's dumper of JSON takes it too)
    backend = make_url(url).get_backend_name()
    if pool and "poolclass" not in kwargs and make_url(url).database not in (None, "", ":memory:"):
        # (a queue of connections: a file or a server) the connection used last is taken again: its page cache
        # (SQLite) holds what the next keystroke reads, where the pool's default order took each idle one in turn
        kwargs.setdefault("pool_use_lifo", True)
    if backend == "sqlite":
        kwargs.setdefault("connect_args", {}).setdefault("timeout", 10)
        engine = create_engine(url, **kwargs)
        _configure_sqlite(engine, foreign_keys=foreign_keys)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    if backend == "postgresql":
        args = kwargs.setdefault("connect_args", {})
        args.setdefault("application_name", APPLICATION_NAME)
        # the server's clock zone must not matter: every timestamp we store is naive UTC (types.UtcDateTime);
        # options the URL names itself (?options=-csearch_path%3Dhub) come after ours, so they win.
        # No JIT: our statements are short, or one pass of a report whose many CASE expressions it spent
        # longer compiling than running (3.1 s of the 4.5 s year's report at 100,000 cases)
        # A small GIN pending list for every write but a bulk import's (which sets its own: storage.planner): every
        # search reads the whole list, and the search index has no limit of its own (revision 0012)
        own = (f"-c lock_timeout={LOCK_TIMEOUT_MS} -c timezone=UTC -c jit=off "
               f"-c gin_pending_list_limit={GIN_PENDING_LIST_KB}")
        given = make_url(url).query.get("options")
        args.setdefault("options", f"{own} {given}" if isinstance(given, str) else own)
        engine = create_engine(url, **kwargs)
        _configure_postgresql(engine)
        return engine
    return create_engine(url, **kwargs)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def is_postgresql(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"
