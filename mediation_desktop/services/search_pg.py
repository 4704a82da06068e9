"""The newest matches of a lookup on PostgreSQL, looked for in windows of docs through the GIN index or
one by one (``pg_found``; ``services.search_reads.found_docs`` asks here on PostgreSQL)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from mediation_desktop.services.search_terms import Lookup, tsquery

__all__ = ["PG_ALL_AT_ONCE", "PG_PROBE", "PG_SCAN_MAX", "pg_found", "pg_window"]

# The newest matches of a lookup on PostgreSQL, looked for in windows of docs, newest first.
# A GIN index gives its matches in no order, and builds its bitmap of every match before anything is read: a term
# a third of the county's cases have (``l``, ``zh``, a common surname) costs a visit to the heap for every match
# (300 ms for 43,124 matches at 100,000 cases) and a bitmap of them all (160 ms for the ``pzh`` prefix at
# 1,000,000) before the newest are kept. So:
# * the newest ``PG_PROBE`` docs are tested one by one in the primary key's order (``ts_match_vq``: not the GIN
#   index), stopping at enough matches: a frequent term is done there;
# * then, at the density seen so far: while few docs are left to test for what is missing, the next window is
#   tested the same way; where the matches left are few altogether, the GIN index finds them all at once
#   (a rare term); in between, a window sized for what is missing ANDs a range of the primary key with the GIN
#   bitmap (the planner's choice), and the next window is sized again;
# * within a window the newest ``n`` matches are kept, and only they are looked up, one key each (a join would
#   read every row of case_search_row); a doc whose row is gone (a changed case's old one) has no case id.
# The bounds and the query are literals: a prepared statement's generic plan knows neither how common the term is
# nor how wide the window, and the right plan depends on both.
_PG_WINDOW = ("WITH m AS MATERIALIZED (SELECT doc FROM fts_case WHERE {match}{range} ORDER BY {order} DESC{limit}) "
              "SELECT m.doc, (SELECT r.case_id FROM case_search_row r WHERE r.doc = m.doc) FROM m ORDER BY m.doc DESC")
PG_PROBE = 256  # docs tested one by one first (a term in half the cases leaves ~750 matches to find)
PG_SCAN_MAX = 16384  # a window of more docs than this is not tested one by one but through the GIN index
PG_ALL_AT_ONCE = 8000  # expected matches left below which the GIN index reads them all at once
_PG_MARGIN = 1.5  # a next window is sized for 1.5 times the matches still missing, at the density seen so far


def pg_window(conn: Connection, query: str, low: int | None, high: int | None, n: int | None, scan: bool
              ) -> list[tuple[int, Any]]:
    quoted = "CAST('" + query.replace("'", "''") + "' AS tsquery)"  # (its tokens are letters and digits)
    if scan:  # one by one, newest first (the function is not the operator: no index can serve it)
        match, order = f"ts_match_vq(tokens, {quoted})", "doc"
    else:  # through the GIN index (doc + 0: never the primary key's order, which would test every doc)
        match, order = f"tokens @@ {quoted}", "doc + 0"
    bounds = (f" AND doc >= {int(low)}" if low is not None else "") + \
             (f" AND doc < {int(high)}" if high is not None else "")
    sql = _PG_WINDOW.format(match=match, range=bounds, order=order, limit="" if n is None else f" LIMIT {int(n)}")
    return [(d, k) for d, k in conn.exec_driver_sql(sql).all()]


def pg_found(conn: Connection, lookup: Lookup, limit: int | None, below: int | None, also: str | None
             ) -> list[tuple[int, Any]]:
    """PostgreSQL's ``search_reads.found_docs``: the newest ``limit`` matches below ``below`` (and of ``also``, a
    tsquery), newest first, looked for in windows of docs (see ``_PG_WINDOW``)."""
    query = tsquery(lookup) if also is None else f"({tsquery(lookup)}) & ({also})"
    if limit is None:
        return [(d, k) for d, k in pg_window(conn, query, None, below, None, False) if k is not None]
    high = below if below is not None else int(conn.scalar(text("SELECT max(doc) FROM fts_case")) or 0) + 1
    span, scan, seen, matched = PG_PROBE, True, 0, 0
    out: list[tuple[int, Any]] = []
    while len(out) < limit and high > 1:
        low: int | None = high - span
        if low is not None and low <= 1:
            low = None  # the last window: down to the first doc
        top = high
        while len(out) < limit:  # this window, until it has no more matches
            want = limit - len(out)
            rows = pg_window(conn, query, low, top, want, scan)
            out.extend((d, k) for d, k in rows if k is not None)
            matched += len(rows)
            if len(rows) < want:
                break
            top = rows[-1][0]
        if low is None:
            break
        seen += high - low
        high = low
        missing = limit - len(out)
        if (matched + 1) * high <= PG_ALL_AT_ONCE * seen:  # few matches left: all of them at once
            span, scan = high, False
        else:
            span = max(1024, int(missing * _PG_MARGIN * seen / max(matched, 1)))
            scan = span <= PG_SCAN_MAX
    return out
