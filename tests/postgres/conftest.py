"""Fixtures for the tests that need a PostgreSQL server (the session's throwaway one, see ``pg_server``).

Every test module here is marked ``postgres`` (``pytestmark``); each test gets a fresh, empty database on the shared server.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pg_server import POSTGRESQL, database_url_for

from mediation_desktop.paths import DataPaths
from mediation_desktop.storage.database import Database, open_database


@pytest.fixture
def pg_url() -> str:
    url = database_url_for(POSTGRESQL)
    assert url is not None
    return url


@pytest.fixture
def empty_db(paths: DataPaths, pg_url: str) -> Iterator[Database]:
    """Overrides the SQLite ``empty_db`` of tests/conftest.py: so ``db`` and ``director`` are on PostgreSQL here."""
    db = open_database(paths, pg_url)
    assert db.is_postgresql
    yield db
    db.dispose()
