"""A bulk write's roomy FTS5 pending terms (``storage.bulk.roomy_fts5_pending``): while it lasts the chosen tables
write their new terms as fewer, larger segments; afterwards (and after a rollback) every table's options are as
they were, rows of its config table included, and its writes flush at the usual size again; what is found is
the same either way."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, create_engine

from mediation_desktop.storage import bulk
from mediation_desktop.storage.fulltext import create_fulltext

TABLES = ("fts_case_key", "fts_case_number", "fts_case_gram")
# docs whose distinct terms hold well over FTS5's default 1 MB of pending data: written with the default size,
# they are flushed as several segments inside one transaction
DOCS = [(doc, " ".join(f"n{doc:02d}{i:05d}" for i in range(6000))) for doc in range(1, 9)]


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    made = create_engine(f"sqlite:///{tmp_path / 'fts.sqlite3'}")
    yield made
    made.dispose()


@pytest.fixture
def conn(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as connection:  # (commit as you go: each test commits or rolls back its writes)
        create_fulltext(connection)
        # one table with the option set already: it is kept, not reset to FTS5's default
        connection.exec_driver_sql("INSERT INTO fts_case_gram (fts_case_gram, rank) VALUES ('hashsize', 2000000)")
        connection.commit()
        yield connection


def _config(conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
    return {t: [tuple(r) for r in conn.exec_driver_sql(f"SELECT k, v FROM {t}_config ORDER BY k")] for t in TABLES}


def _segments(conn: Connection, table: str) -> int:
    return int(conn.exec_driver_sql(f"SELECT count(DISTINCT segid) FROM {table}_idx").scalar() or 0)


def _write(conn: Connection, table: str, docs: list[tuple[int, str]]) -> None:
    conn.exec_driver_sql(f"INSERT INTO {table} (rowid, tokens) VALUES (?, ?)", docs)


def _found(conn: Connection, table: str, term: str) -> list[int]:
    return [r[0] for r in conn.exec_driver_sql(f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid",
                                               (term,))]


def test_a_bulk_write_holds_more_terms_and_leaves_every_option_as_it_was(conn: Connection) -> None:
    before = _config(conn)
    restore = bulk.roomy_fts5_pending(conn)
    _write(conn, "fts_case_key", DOCS)
    _write(conn, "fts_case_number", DOCS)
    restore()
    conn.commit()
    assert _config(conn) == before
    assert _segments(conn, "fts_case_key") == 1  # held in memory until the commit
    assert _segments(conn, "fts_case_number") > 1  # (not a chosen table: flushed at FTS5's default size)
    # the option is back in the table's own use too: the same write again is flushed in several segments
    _write(conn, "fts_case_key", [(doc + 100, tokens) for doc, tokens in DOCS])
    conn.commit()
    assert _segments(conn, "fts_case_key") > 2
    for term in ("n0100000", "n08*", "n05059*", "n0300001"):
        assert _found(conn, "fts_case_key", term) == _found(conn, "fts_case_number", term) + [
            d + 100 for d in _found(conn, "fts_case_number", term)]
    conn.exec_driver_sql("INSERT INTO fts_case_key (fts_case_key) VALUES ('integrity-check')")


def test_a_rolled_back_write_leaves_the_options_as_they_were(engine: Engine, conn: Connection) -> None:
    """(FTS5 keeps the options a rolled-back transaction set in that connection's memory: an import that does not
    commit discards its connection, ``sync.importer``; another connection reads them as stored.)"""
    before = _config(conn)
    bulk.roomy_fts5_pending(conn)
    assert dict(_config(conn)["fts_case_key"])["hashsize"] == bulk.FTS5_ROOMY_HASHSIZE["fts_case_key"]
    _write(conn, "fts_case_key", DOCS[:2])
    conn.rollback()
    assert _config(conn) == before
    with engine.connect() as other:
        _write(other, "fts_case_key", DOCS)
        other.commit()
        assert _segments(other, "fts_case_key") > 1  # the default size
