"""Schema upgrades at start: refuse a newer database, back up, migrate in process, verify.

Alembic runs inside this process on our own connection (a frozen build has no ``alembic``
executable). On SQLite foreign keys are off during the migration (table rebuilds would trip
them) and ``foreign_key_check`` must come back clean before the migration commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text

from mediation_desktop.errors import DatabaseFromFuture, MediationError
from mediation_desktop.storage.backup import backup_sqlite
from mediation_desktop.storage.engine import make_engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


@dataclass(frozen=True)
class MigrationReport:
    before: str | None
    after: str
    backup: Path | None


def alembic_config(script_location: Path = MIGRATIONS_DIR) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(script_location))
    return cfg


def head_revision(script_location: Path = MIGRATIONS_DIR) -> str:
    head = ScriptDirectory.from_config(alembic_config(script_location)).get_current_head()
    assert head is not None
    return head


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def upgrade_database(url: str, *, backup_dir: Path, script_location: Path = MIGRATIONS_DIR) -> MigrationReport:
    """Bring the database at ``url`` to the newest schema this program knows."""
    cfg = alembic_config(script_location)
    script = ScriptDirectory.from_config(cfg)
    head = script.get_current_head()
    assert head is not None
    engine = make_engine(url, foreign_keys=False, pool=False)
    try:
        with engine.connect() as conn:
            current = current_revision(conn)
            has_tables = bool(inspect(conn).get_table_names())
            conn.rollback()
        if current == head:
            return MigrationReport(current, head, None)
        known = {rev.revision for rev in script.walk_revisions()}
        if current is not None and current not in known:
            raise DatabaseFromFuture(current)
        backup = None
        if engine.dialect.name == "sqlite" and has_tables:
            database = engine.url.database
            assert database
            backup = backup_sqlite(Path(database), backup_dir, label=f"before-upgrade-{current or 'none'}")
        try:
            with engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                _verify(conn, head)
        except MediationError:
            raise
        except Exception as exc:
            raise MediationError("db.migration_failed", backup=str(backup or "-"), detail=str(exc)) from exc
        return MigrationReport(current, head, backup)
    finally:
        engine.dispose()


def _verify(conn: Connection, head: str) -> None:
    if current_revision(conn) != head:
        raise RuntimeError("schema revision after upgrade is not the head")
    if conn.dialect.name == "sqlite":
        bad = conn.execute(text("PRAGMA foreign_key_check")).first()
        if bad is not None:
            raise RuntimeError(f"foreign key violation in {bad[0]}")
        result = conn.execute(text("PRAGMA quick_check")).scalar()
        if result != "ok":
            raise RuntimeError(f"quick_check: {result}")
