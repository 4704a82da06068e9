"""The search index's GIN pending list on a PostgreSQL hub (revision 0012): the index has no limit of its own,
the program's connections keep a small one for ordinary writes, a bulk import takes a large one for its own
transaction, and the list is cleaned right after that import commits."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Connection, create_engine, text
from sync_helpers import village_and_hub

from mediation_desktop.domain.enums import PartyRole
from mediation_desktop.services import demo, search
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage import planner
from mediation_desktop.storage.engine import GIN_PENDING_LIST_KB
from mediation_desktop.storage.migrate import alembic_config, head_revision

pytestmark = pytest.mark.postgres
DAY = dt.date(2026, 3, 2)
PAGE_KB = 8  # PostgreSQL's page


def _index_options(conn: Connection) -> list[str] | None:
    return conn.scalar(text("SELECT reloptions FROM pg_class WHERE oid = 'fts_case_tokens'::regclass"))


def _pending_pages_cleaned(conn: Connection) -> int:
    """Cleans the pending list; returns the pages it held."""
    return int(conn.scalar(text("SELECT gin_clean_pending_list('fts_case_tokens'::regclass)")) or 0)


def _limit(conn: Connection) -> str:
    return str(conn.exec_driver_sql("SHOW gin_pending_list_limit").scalar())


def _spy_on_index_limits(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The session's pending-list limit each time cases go into the search index (then indexed as usual)."""
    seen: list[str] = []
    real = search.index_cases

    def spy(conn: Connection, *args: Any, **kwargs: Any) -> int:
        seen.append(_limit(conn))
        return real(conn, *args, **kwargs)

    monkeypatch.setattr(search, "index_cases", spy)
    return seen


def test_the_index_has_no_limit_of_its_own_and_connections_a_small_one(db):
    with db.engine.connect() as conn:
        assert _index_options(conn) is None
        assert _limit(conn) == f"{GIN_PENDING_LIST_KB}kB"


def test_a_bulk_import_fills_a_large_pending_list_then_leaves_it_empty_and_searchable(pg_url, tmp_path,
                                                                                     monkeypatch):
    """An import of BULK_ROWS cases or more (lowered here so that a small village is one) indexes under the large
    limit, the limit ends with its transaction, the list is cleaned after the commit, and search finds the cases
    as the village does."""
    monkeypatch.setattr(planner, "BULK_ROWS", 100)
    with village_and_hub(tmp_path, pg_url) as (village, hub):
        assert demo.generate(village.db, count=150, seed=5, today=DAY, batch_size=50) == 150
        seen = _spy_on_index_limits(monkeypatch)
        hub.import_(village.export())
        assert seen == [planner.BULK_PENDING_LIST]
        with hub.db.engine.connect() as conn:
            assert _limit(conn) == f"{GIN_PENDING_LIST_KB}kB"  # (SET LOCAL: the import's transaction only)
            assert _pending_pages_cleaned(conn) == 0  # cleaned already, right after the commit
        for query in ("张", "li", "zh", "2026", "纠纷"):
            found = search.search_case_ids(hub.db, query, limit=None)
            assert found and sorted(found) == sorted(search.search_case_ids(village.db, query, limit=None)), query


def test_a_small_import_keeps_the_small_limit(pg_url, tmp_path, monkeypatch):
    with village_and_hub(tmp_path, pg_url) as (village, hub):
        assert demo.generate(village.db, count=30, seed=6, today=DAY, batch_size=30) == 30
        seen = _spy_on_index_limits(monkeypatch)
        hub.import_(village.export())
        assert seen == [f"{GIN_PENDING_LIST_KB}kB"]


def test_a_case_registered_by_hand_is_indexed_under_the_small_limit(db, director, monkeypatch):
    seen = _spy_on_index_limits(monkeypatch)
    parties = [PartyInput("张三丰", phone="13800138000"), PartyInput("李四光", role=PartyRole.RESPONDENT)]
    register_case(db, director, CaseInput("neighbour", parties, summary="宅基地边界纠纷", registered_on=DAY), today=DAY)
    assert seen == [f"{GIN_PENDING_LIST_KB}kB"]


def test_many_small_writes_never_leave_more_than_the_small_limit(db):
    """Demo batches of 20 cases, each its own transaction: well over the small limit's worth of entries in all,
    too few rows for the clean after a bulk write; the list a search reads stays within the limit."""
    cases = 600
    assert cases * 8 < planner.BULK_ROWS
    assert demo.generate(db, count=cases, seed=7, today=DAY, batch_size=20) == cases
    with db.engine.connect() as conn:
        pages = _pending_pages_cleaned(conn)
    assert 0 < pages <= GIN_PENDING_LIST_KB // PAGE_KB + 1


@pytest.mark.fresh_migrations
def test_the_migration_resets_an_older_hubs_index_limit_and_back(pg_url):
    engine = create_engine(pg_url)
    try:
        with engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0011")
            # as the builds before revision 0012 made the index
            conn.exec_driver_sql("ALTER INDEX fts_case_tokens SET (gin_pending_list_limit = 256)")
        with engine.begin() as conn:
            assert _index_options(conn) == ["gin_pending_list_limit=256"]
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, head_revision())
            assert _index_options(conn) is None
            command.downgrade(cfg, "0011")
            assert _index_options(conn) == ["gin_pending_list_limit=256"]
    finally:
        engine.dispose()


def test_a_failed_bulk_write_leaves_its_entries_pending_until_cleaned(db):
    """A bulk write's transaction that rolls back after its index statement: its entries stay on the (large) list,
    dead, for every search to read; ``clean_pending_list`` (for the failure path) takes them off."""
    assert demo.generate(db, count=300, seed=8, today=DAY, batch_size=100) == 300
    planner.clean_pending_list(db)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("DELETE FROM case_search_row")  # (their fts_case rows go with them)
        texts = search.load_case_texts(conn)
        assert planner.roomy_pending_list(conn, planner.BULK_ROWS)
        assert search.index_cases(conn, texts) == 300
        conn.rollback()
    assert planner.clean_pending_list(db) > GIN_PENDING_LIST_KB // PAGE_KB + 1
    assert planner.clean_pending_list(db) == 0
    assert len(search.search_case_ids(db, "纠纷", limit=None)) > 0  # the committed index as it was


def test_an_import_that_fails_after_its_index_step_leaves_no_pending_entries(pg_url, tmp_path, monkeypatch):
    """The import's own failure path cleans the list: the entries a failed bulk import wrote under the large limit
    are not left for every search to read (and the hub's index is as it was)."""
    monkeypatch.setattr(planner, "BULK_ROWS", 100)
    with village_and_hub(tmp_path, pg_url) as (village, hub):
        assert demo.generate(village.db, count=150, seed=9, today=DAY, batch_size=50) == 150
        bundle = village.export()
        real, indexed = search.index_cases, []

        def index_then_fail(conn: Connection, *args: Any, **kwargs: Any) -> int:
            indexed.append(real(conn, *args, **kwargs))
            raise RuntimeError("磁盘已满")  # (after the index statement, before the commit)

        monkeypatch.setattr(search, "index_cases", index_then_fail)
        with pytest.raises(RuntimeError):
            hub.import_(bundle)
        assert indexed == [150]
        with hub.db.engine.connect() as conn:
            assert _pending_pages_cleaned(conn) == 0
        assert search.search_case_ids(hub.db, "纠纷", limit=None) == []


def test_a_rebuilt_index_is_built_whole_from_its_rows(db):
    """``rebuild_index`` (the migrations that change the tokens) fills ``fts_case`` first and builds its GIN index
    from all the rows at once: nothing goes through the pending list, and search finds what it found before."""
    from search_checks import assert_index_matches_cases

    assert demo.generate(db, count=60, seed=12, today=DAY, batch_size=30) == 60
    queries = ("张", "li", "zh", "2026", "纠纷", "宅基")
    before = {q: search.search_case_ids(db, q, limit=None) for q in queries}
    planner.clean_pending_list(db)
    assert search.rebuild_index(db) == 60
    with db.engine.connect() as conn:
        assert _pending_pages_cleaned(conn) == 0
        assert conn.scalar(text("SELECT indexdef FROM pg_indexes WHERE indexname = 'fts_case_tokens'")) \
            == "CREATE INDEX fts_case_tokens ON public.fts_case USING gin (tokens)"
    assert assert_index_matches_cases(db) == 60
    assert {q: search.search_case_ids(db, q, limit=None) for q in queries} == before
