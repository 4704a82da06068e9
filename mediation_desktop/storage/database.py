"""Opening the database: where it is, refusing removable media, migrating, and sessions.

A village installation keeps SQLite in its data folder; a hub names a PostgreSQL server with
``--database-url`` (or ``MEDIATION_DESKTOP_DATABASE_URL``) and keeps only its file store and backups in
the folder. The removable-media refusal is about a database *file* (a USB stick pulled out mid-write),
so it applies to SQLite only, wherever its file is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from mediation_desktop.errors import MediationError, RemovableMedia
from mediation_desktop.paths import DataPaths, refuse_foreign_folder
from mediation_desktop.storage.engine import WRITE, is_postgresql, is_sqlite, make_engine
from mediation_desktop.storage.removable import is_removable


@dataclass
class Database:
    """An open, migrated database and the folder beside it (file store, backups)."""

    engine: Engine
    paths: DataPaths
    _read: sessionmaker[Session] = field(init=False, repr=False)
    _write: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(self.engine.execution_options(**WRITE), expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.engine)

    @property
    def is_postgresql(self) -> bool:
        return is_postgresql(self.engine)

    def read_session(self) -> Session:
        """A session for reading (deferred transaction: it never blocks a writer)."""
        return self._read()

    def write_session(self) -> Session:
        """A session that takes the write lock when it begins (use through ``UnitOfWork``)."""
        return self._write()

    def is_initialised(self) -> bool:
        from mediation_desktop.storage.models import Installation

        with self.read_session() as s:
            return s.execute(select(Installation.id).limit(1)).first() is not None

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(paths: DataPaths, url: str | None = None, *, migrate: bool = True) -> Database:
    """Open (and create) the database; SQLite in ``paths`` unless ``url`` names another server.

    Migrations run first, after a backup, unless ``migrate`` is False (tests of the migration path).
    """
    from mediation_desktop.storage.migrate import upgrade_database
    from mediation_desktop.storage.private import private_dir, secure_tree, touch_private

    refuse_foreign_folder(paths.root)  # (the folder holds keys and backups with a server's database too)
    if url is None:
        if is_removable(paths.root):
            raise RemovableMedia(str(paths.root))
        private_dir(paths.root)  # 0700, and everything in it 0600 (an older version left files 0644)
        secure_tree(paths.root)
        if not paths.database.exists():  # SQLite gives its -wal, -shm and -journal files the database's mode
            touch_private(paths.database)
        url = paths.sqlite_url()
    else:
        _check_url(url)
        sqlite_file = _sqlite_file(url)
        if sqlite_file is not None and is_removable(sqlite_file.parent):
            raise RemovableMedia(str(sqlite_file.parent))
    if migrate:
        upgrade_database(url, backup_dir=paths.backups)
    return Database(make_engine(url), paths)


def _sqlite_file(url: str) -> Path | None:
    """The database file a SQLite URL names (None for a server, or SQLite in memory)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).absolute()


def _check_url(url: str) -> None:
    """A URL this program cannot use (a typo, ``postgres://``, another kind of database such as ``mysql://``, a
    driver it does not ship such as ``postgresql+psycopg2://``, a driver not installed) is one clear message."""
    shown = url
    try:
        parsed = make_url(url)
        shown = parsed.render_as_string(hide_password=True)
        dialect = parsed.get_dialect()
        if (parsed.get_backend_name(), dialect.driver) not in SUPPORTED_DRIVERS:
            raise NoSuchModuleError(f"Can't load plugin: {parsed.drivername} (this program uses SQLite or "
                                    "PostgreSQL through psycopg)")
        dialect.import_dbapi()
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise MediationError("db.unreachable", detail=f"{shown}: {exc}") from None


SUPPORTED_DRIVERS = {("sqlite", "pysqlite"), ("postgresql", "psycopg")}
