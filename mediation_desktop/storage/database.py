"""Opening the database: where it is, refusing removable media, migrating, and sessions."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from mediation_desktop.errors import RemovableMedia
from mediation_desktop.paths import DataPaths
from mediation_desktop.storage.engine import WRITE, is_sqlite, make_engine
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

    if url is None:
        if is_removable(paths.root):
            raise RemovableMedia(str(paths.root))
        paths.root.mkdir(parents=True, exist_ok=True)
        url = paths.sqlite_url()
    if migrate:
        upgrade_database(url, backup_dir=paths.backups)
    return Database(make_engine(url), paths)
