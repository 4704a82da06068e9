"""Fresh planner statistics after a bulk write on PostgreSQL, and the search index's pending list around it.

A hub that has just imported 100,000 cases still has the statistics of an empty database until autovacuum
gets round to them (minutes later): the planner then takes every table for one row and nests loops over
aggregates, and the year's report goes quadratic (37.9 s at 20,000 cases instead of well under a second).
``ANALYZE`` samples a fixed number of rows per table (a fraction of a second at any size), so a bulk write
runs it on the tables it filled, and moves the search index's pending GIN entries into the index (every
search reads the pending list). SQLite's planner needs no such step for these queries.

The GIN index's pending list: new entries go to an unsorted list that is merged into the index's tree whenever it
outgrows the session's ``gin_pending_list_limit``. The program's connections keep it small (``storage.engine``:
every search reads the whole list); a bulk write of ``BULK_ROWS`` cases or more first raises it for its own
transaction (``roomy_pending_list``: the merges of a 20,000-case import into a hub of a million cases were most of
the server's work, each touching again the same keys of the character pairs), and ``analyze_after_bulk_write``
cleans the list right after the commit.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from mediation_desktop.storage.database import Database

__all__ = ["BULK_PENDING_LIST", "BULK_ROWS", "analyze_after_bulk_write", "clean_pending_list", "cleaned_if_failed",
           "roomy_pending_list"]

BULK_ROWS = 5000  # below this many new rows the old statistics still describe the tables well enough
BULK_PENDING_LIST = "256MB"  # a bulk write's pending-list limit: a 20,000-case village's entries (≈ 72 MB) stay
# pending and are merged once, by the clean after the commit (bench/README.md, fifth session)
_TABLES = ("mediation_case", "party", "investigation", "mediation_session", "agreement", "follow_up", "referral",
           "attachment", "case_search_row", "fts_case")


def roomy_pending_list(conn: Connection, cases: int) -> bool:
    """Inside a write's transaction on PostgreSQL, before ``cases`` cases (≥ ``BULK_ROWS``) go into the search
    index: a large pending list for this transaction only (``SET LOCAL``). Its commit is followed by
    ``analyze_after_bulk_write`` with at least as many rows, which cleans the list. Returns whether it was raised."""
    if conn.dialect.name != "postgresql" or cases < BULK_ROWS:
        return False
    conn.exec_driver_sql(f"SET LOCAL gin_pending_list_limit = '{BULK_PENDING_LIST}'")
    return True


def analyze_after_bulk_write(db: Database, rows: int) -> bool:
    """On PostgreSQL, after a committed write of ``rows`` rows (≥ ``BULK_ROWS``): ``ANALYZE`` the case tables and
    clean the search index's pending list. Returns whether it ran."""
    if not db.is_postgresql or rows < BULK_ROWS:
        return False
    # the search index's pending entries into the index proper first: every search reads the pending list
    clean_pending_list(db)
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("ANALYZE " + ", ".join(_TABLES))
    return True


def clean_pending_list(db: Database) -> int:
    """On PostgreSQL: the search index's pending entries merged into its tree now (after a bulk write's commit, or
    after one that failed once ``roomy_pending_list`` had raised the limit: its entries stay pending, dead, until
    cleaned). Returns the pages the list held (0 on SQLite)."""
    if not db.is_postgresql:
        return 0
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        return int(conn.exec_driver_sql("SELECT gin_clean_pending_list('fts_case_tokens'::regclass)").scalar() or 0)


@contextlib.contextmanager
def cleaned_if_failed(db: Database) -> Iterator[None]:
    """Around a write that may raise the pending-list limit (``roomy_pending_list``): if it fails, its entries stay on
    the large list, dead, for every search to read, so the list is cleaned before the failure goes on (a clean
    that fails too does not hide it)."""
    try:
        yield
    except BaseException:
        with contextlib.suppress(SQLAlchemyError):
            clean_pending_list(db)
        raise
