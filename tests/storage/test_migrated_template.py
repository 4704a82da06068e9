"""The tests' new databases are copies of one migrated database (tests/migrated_template.py): each copy must be
what the migrations make of a new database, so that no test sees a schema, a setting or a file mode the program
would not have made."""

from __future__ import annotations

import sys

import pytest
from pg_server import POSTGRESQL, SQLITE, backend_params, database_url_for
from sqlalchemy import inspect, text
from sqlalchemy.exc import OperationalError

from mediation_desktop.paths import DataPaths
from mediation_desktop.storage import migrate
from mediation_desktop.storage.database import Database, open_database

pytestmark = pytest.mark.fresh_migrations  # the real path for the reference; the copy is made here by hand


def _describe(db: Database) -> dict[str, object]:
    """What a new database is: its tables, their columns, indexes and constraints, its revision, its settings."""
    with db.engine.connect() as conn:
        found = inspect(conn)
        tables = {
            name: (found.get_columns(name), found.get_indexes(name), found.get_unique_constraints(name),
                   found.get_foreign_keys(name), found.get_pk_constraint(name))
            for name in sorted(found.get_table_names())
        }
        described: dict[str, object] = {
            "tables": repr(tables),
            "revision": conn.execute(text("SELECT version_num FROM alembic_version")).scalar(),
        }
        if db.is_sqlite:
            described["schema"] = conn.execute(text(
                "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")).all()
            for pragma in ("journal_mode", "auto_vacuum", "page_size", "user_version", "application_id", "encoding"):
                described[pragma] = conn.execute(text(f"PRAGMA {pragma}")).scalar()
        else:
            described["schema"] = conn.execute(text(
                "SELECT schemaname, tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
                "ORDER BY indexname")).all()
        rows: dict[str, object] = {}
        for name in tables:
            try:
                with conn.begin_nested():
                    rows[name] = conn.execute(text(f'SELECT count(*) FROM "{name}"')).scalar()
            except OperationalError:  # (an FTS5 shadow table that cannot be scanned on its own)
                rows[name] = None
        described["rows"] = rows
    return described


@pytest.fixture(params=backend_params())
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_a_copy_is_the_database_the_migrations_make(backend, tmp_path, monkeypatch):
    import pg_server
    from migrated_template import from_template

    real = DataPaths(tmp_path / "real")
    reference = open_database(real, database_url_for(backend))
    monkeypatch.setattr(migrate, "upgrade_database", from_template(migrate.upgrade_database, migrate.MIGRATIONS_DIR))
    monkeypatch.setattr(pg_server, "use_migrated_template", True)
    copied = DataPaths(tmp_path / "copied")
    first_copy = open_database(copied, database_url_for(backend))  # (the first one makes the template, if none yet)
    second = DataPaths(tmp_path / "second")
    second_copy = open_database(second, database_url_for(backend))
    try:
        expected = _describe(reference)
        assert _describe(first_copy) == expected
        assert _describe(second_copy) == expected
        if backend == SQLITE:
            assert second.database.stat().st_size > 0  # (a copy, not an empty file migrated again)
            if sys.platform != "win32":  # (Windows: the profile folder's ACL, not the mode, keeps it private)
                assert second.database.stat().st_mode & 0o777 == real.database.stat().st_mode & 0o777 == 0o600
        else:
            assert backend == POSTGRESQL
    finally:
        for db in (reference, first_copy, second_copy):
            db.dispose()


def test_a_database_that_is_not_new_is_not_replaced(db, director, tmp_path, monkeypatch):
    """Only an empty file, just made by open_database, is filled from the template: an existing database (here one
    with its committee set up) is opened as it is."""
    from migrated_template import from_template

    monkeypatch.setattr(migrate, "upgrade_database", from_template(migrate.upgrade_database, migrate.MIGRATIONS_DIR))
    url = db.paths.sqlite_url()
    db.dispose()
    again = open_database(db.paths, None)
    try:
        assert again.is_initialised()
    finally:
        again.dispose()
    assert url == again.paths.sqlite_url()
