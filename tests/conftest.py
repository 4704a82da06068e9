"""Shared fixtures: every database is built through the real migration path."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from mediation_desktop.paths import DataPaths
from mediation_desktop.services.accounts import Actor, authenticate
from mediation_desktop.services.setup import SetupRequest, initialise
from mediation_desktop.storage.database import Database, open_database
from mediation_desktop.storage.migrate import upgrade_database as _REAL_UPGRADE

ORG = SetupRequest("330102001", "石桥村人民调解委员会", "village", "admin", "secret123", parent_code="330102",
                   admin_display_name="王建国")


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test may touch the real user data folder or depend on the machine's language."""
    monkeypatch.setenv("MEDIATION_DESKTOP_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.setenv("MEDIATION_DESKTOP_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("MEDIATION_DESKTOP_DATABASE_URL", raising=False)
    monkeypatch.setenv("MEDIATION_DESKTOP_LANG", "zh")
    # the command line signs in (cli_access): every test installation's director, unless a test says otherwise
    monkeypatch.setenv("MEDIATION_DESKTOP_USER", ORG.admin_username)
    monkeypatch.setenv("MEDIATION_DESKTOP_PASSWORD", ORG.admin_password)
    from mediation_desktop import i18n

    i18n.set_language(i18n.ZH)  # (a test running the CLI in process with --lang en leaves it English)


@pytest.fixture(autouse=True)
def _no_window_outlives_its_test(_isolated_environment: None) -> Iterator[None]:
    """A window a test left behind is deleted when the test ends, before the test's folder is removed (a passing
    test's tmp_path goes at once: pyproject.toml's tmp_path_retention_policy). Else a later test's language
    switch or 大字 reaches it, and it reads a database whose folder is gone."""
    yield
    if "PySide6.QtWidgets" not in sys.modules:  # (a test that never made a widget: nothing to load)
        return
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if isinstance(app, QApplication):
        for window in app.topLevelWidgets():
            window.deleteLater()  # (not close(): a window's own closing may ask a question, with no one to answer)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True, scope="module")
def _no_database_outlives_its_module() -> Iterator[None]:
    """The PostgreSQL databases a test module made are dropped when it ends (its fixtures, set up after this one
    and torn down before, have closed them): ``pg_server.drop_databases_since``. Per module, not per test: a
    module may keep a database for its tests to copy (tests/reports/test_report_summary.py)."""
    pg_server = sys.modules.get("pg_server")
    mark = pg_server.databases_made() if pg_server is not None else 0
    yield
    pg_server = sys.modules.get("pg_server")
    if pg_server is not None:
        pg_server.drop_databases_since(mark)


@pytest.fixture(autouse=True)
def _new_databases_from_a_migrated_template(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new database (SQLite, or PostgreSQL from tests/pg_server.py) is a copy of one migrated in this process
    (tests/migrated_template.py), unless the test is marked ``fresh_migrations`` (or MEDIATION_TEST_FRESH_MIGRATIONS
    is set: every new database of the run then migrates from the first revision)."""
    import pg_server

    if request.node.get_closest_marker("fresh_migrations") or os.environ.get("MEDIATION_TEST_FRESH_MIGRATIONS"):
        monkeypatch.setattr(pg_server, "use_migrated_template", False)
        return
    from migrated_template import from_template

    from mediation_desktop.storage import migrate

    monkeypatch.setattr(migrate, "upgrade_database", from_template(_REAL_UPGRADE, migrate.MIGRATIONS_DIR))


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data")


@pytest.fixture
def empty_db(paths: DataPaths) -> Iterator[Database]:
    db = open_database(paths)
    yield db
    db.dispose()


@pytest.fixture
def db(empty_db: Database) -> Database:
    initialise(empty_db, ORG)
    return empty_db


@pytest.fixture
def director(db: Database) -> Actor:
    return authenticate(db, ORG.admin_username, ORG.admin_password)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    import windows_facts

    windows_facts.skip_postgres_on_windows(items)  # named skips on Windows (tests/windows_facts.py)
