"""Fresh planner statistics after a bulk write on PostgreSQL.

A hub that has just imported 100,000 cases still has the statistics of an empty database until autovacuum
gets round to them (minutes later): the planner then takes every table for one row and nests loops over
aggregates, and the year's report goes quadratic (37.9 s at 20,000 cases instead of well under a second).
``ANALYZE`` samples a fixed number of rows per table (a fraction of a second at any size), so a bulk write
runs it on the tables it filled, and moves the search index's pending GIN entries into the index (every
search reads the pending list). SQLite's planner needs no such step for these queries.
"""

from __future__ import annotations

from mediation_desktop.storage.database import Database

__all__ = ["BULK_ROWS", "analyze_after_bulk_write"]

BULK_ROWS = 5000  # below this many new rows the old statistics still describe the tables well enough
_TABLES = ("mediation_case", "party", "investigation", "mediation_session", "agreement", "follow_up", "referral",
           "attachment", "case_search_row", "fts_case")


def analyze_after_bulk_write(db: Database, rows: int) -> bool:
    """On PostgreSQL, after a committed write of ``rows`` rows (≥ ``BULK_ROWS``): ``ANALYZE`` the case tables.
    Returns whether it ran."""
    if not db.is_postgresql or rows < BULK_ROWS:
        return False
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("ANALYZE " + ", ".join(_TABLES))
        # the search index's pending entries into the index proper: every search reads the pending list
        conn.exec_driver_sql("SELECT gin_clean_pending_list('fts_case_tokens'::regclass)")
    return True
