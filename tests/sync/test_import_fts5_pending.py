"""A big import into a SQLite hub holds more of its full-text terms in memory (``storage.bulk.roomy_fts5_pending``):
the hub ends with the same records, the same search answers and its FTS5 tables' options as they were, whether the
import commits or stops; an import that stops does not hand back a connection that still holds the larger size."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from sqlalchemy import Connection
from sync_helpers import Inst

from mediation_desktop.services import search
from mediation_desktop.storage import bulk
from mediation_desktop.sync import applier

TABLES = ("fts_case_key", "fts_case_number", "fts_case_gram")


class Stop(Exception):
    """What the window's progress callback raises after 取消."""


@pytest.fixture
def backend() -> str:
    """SQLite only (its FTS5 tables): the hub and the village of ``linked``."""
    return "sqlite"


def _config(hub: Inst) -> dict[str, list[tuple[Any, ...]]]:
    with hub.db.engine.connect() as conn:
        return {t: [tuple(r) for r in conn.exec_driver_sql(f"SELECT k, v FROM {t}_config ORDER BY k")] for t in TABLES}


def test_a_big_import_keeps_records_answers_and_options(linked: tuple[Inst, Inst],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    village, hub = linked
    first = village.register("欧阳明", "李四")
    village.mediate_and_agree(first)
    village.register("王五", "赵六")
    bundle = village.export()
    monkeypatch.setattr(applier, "FTS5_ROOMY_FROM", 1)  # (two cases count as a big import here)
    used: list[Any] = []

    def spy(conn: Connection) -> Any:
        used.append(conn.connection.dbapi_connection)
        return bulk.roomy_fts5_pending(conn)

    monkeypatch.setattr(applier, "roomy_fts5_pending", spy)
    before = _config(hub)

    def stop_at_the_end(done: int, total: int) -> None:
        if done == total:
            raise Stop

    with pytest.raises(Stop):
        hub.import_(bundle, progress=stop_at_the_end)
    assert len(used) == 1 and _config(hub) == before
    with pytest.raises(sqlite3.ProgrammingError):  # discarded: it holds the options the rollback took back
        used[0].execute("SELECT 1")

    summary = hub.import_(bundle)
    assert summary.total("new") > 0 and len(used) == 2
    assert _config(hub) == before
    assert hub.dump() == village.dump()
    assert search.search_case_ids(hub.db, "欧阳") == search.search_case_ids(village.db, "欧阳") != []
    assert search.search_case_ids(hub.db, "王五") == search.search_case_ids(village.db, "王五") != []
    with hub.db.engine.begin() as conn:
        for t in TABLES:
            conn.exec_driver_sql(f"INSERT INTO {t} ({t}) VALUES ('integrity-check')")
