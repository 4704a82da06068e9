"""The pattern for running a test directory on both databases, used here on the audit guard.

In a directory's ``conftest.py``::

    from pg_server import backend_params, database_url_for

    @pytest.fixture(params=backend_params())
    def empty_db(request, paths):
        db = open_database(paths, database_url_for(request.param))
        yield db
        db.dispose()

``db`` and ``director`` (tests/conftest.py) build on ``empty_db``, so every test that uses them runs twice:
``[sqlite]`` and ``[postgresql]`` (the latter marked ``postgres``).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pg_server import backend_params, database_url_for
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from mediation_desktop.paths import DataPaths
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.health import check
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.database import Database, open_database
from mediation_desktop.storage.migrate import audit_triggers_present


@pytest.fixture(params=backend_params())
def empty_db(request: pytest.FixtureRequest, paths: DataPaths) -> Iterator[Database]:
    db = open_database(paths, database_url_for(request.param))
    yield db
    db.dispose()


def test_the_database_itself_keeps_the_audit_log_append_only(db, director):
    register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")]))
    with db.engine.connect() as conn:
        assert audit_triggers_present(conn)
    for sql in ("UPDATE audit_entry SET actor = 'mallory'", "DELETE FROM audit_entry WHERE seq = 1"):
        with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
            conn.execute(text(sql))
    assert check(db) == []
    drop = {"sqlite": ["DROP TRIGGER audit_entry_no_update"],
            "postgresql": ["DROP TRIGGER audit_entry_append_only ON audit_entry"]}[db.engine.dialect.name]
    with db.engine.begin() as conn:
        for sql in drop:
            conn.execute(text(sql))
        assert not audit_triggers_present(conn)
