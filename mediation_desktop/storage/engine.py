"""The database engine: SQLite in the data folder by default, any SQLAlchemy URL for a hub.

SQLite runs in WAL mode with ``synchronous=FULL`` (a committed transaction survives a power cut),
foreign keys on, and transactions we begin ourselves so that a writer can take the lock up front
(``BEGIN IMMEDIATE``) instead of failing half-way when another writer got there first.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

WRITE = {"sqlite_begin": "BEGIN IMMEDIATE"}


def _configure_sqlite(engine: Engine, *, foreign_keys: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see _on_begin)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 10000")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))


def make_engine(url: str, *, foreign_keys: bool = True, pool: bool = True, **kwargs: Any) -> Engine:
    """An engine for ``url`` with this program's settings."""
    if url.startswith("sqlite"):
        if not pool:
            kwargs["poolclass"] = NullPool
        kwargs.setdefault("connect_args", {}).setdefault("timeout", 10)
        engine = create_engine(url, **kwargs)
        _configure_sqlite(engine, foreign_keys=foreign_keys)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    if not pool:
        kwargs["poolclass"] = NullPool
    return create_engine(url, **kwargs)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
