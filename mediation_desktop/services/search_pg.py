"""The newest matches of a lookup on PostgreSQL, looked for in windows of docs through the GIN index or
one by one (``pg_found``; ``services.search_reads.found_docs`` asks here on PostgreSQL)."""

from __future__ import annotations

import contextlib
import math
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from mediation_desktop.services.search_terms import Lookup, tsquery
from mediation_desktop.storage.fulltext import blocks_covering

__all__ = ["PG_ALL_AT_ONCE", "PG_GIN_COST", "PG_GIN_WORK_MEM", "PG_PROBE", "PG_REFINE", "PG_REFINE_MATCHES",
           "PG_REFINE_WIDE", "PG_SCAN_MAX", "pg_found", "pg_window"]

# The newest matches of a lookup on PostgreSQL, looked for in windows of docs, newest first.
# A GIN index gives its matches in no order, and builds its bitmap of every match before anything is read: a term
# a third of the county's cases have (``l``, ``zh``, a common surname) costs a visit to the heap for every match
# (300 ms for 43,124 matches at 100,000 cases) and a bitmap of them all (160 ms for the ``pzh`` prefix at
# 1,000,000) before the newest are kept. So:
# * the newest ``PG_PROBE`` docs are tested one by one in the primary key's order (``ts_match_vq``: not the GIN
#   index), stopping at enough matches: a frequent term is done there;
# * then, at the density seen so far: while few docs are left to test for what is missing, the next window is
#   tested the same way; where the matches left are surely few altogether (``_at_once``), or a window for them
#   would span a quarter of the docs left, the GIN index finds them all at once (a rare term); in between
#   (the middle band), a window sized for what is missing is read through the GIN index (its blocks, below),
#   and the next window is sized again;
# * a statement through the GIN index without blocks, or for a prefix, builds the bitmap of all the term's matches
#   (for a prefix, of every lexeme it starts): at 1,000,000 docs that, not the window's width, was most of a
#   middle-band search, so a second GIN window is what to avoid (the sizing below predates the blocks). A
#   density seen in a few matches is a guess (5 matches in 256 docs: the
#   term is in 1 % to 4 % of them), so before a GIN window, while fewer than ``PG_REFINE_MATCHES`` matches were
#   seen and the window would be wide (``PG_REFINE_WIDE``: a hub of a million), ``PG_REFINE`` more docs are
#   tested one by one; and a GIN window is sized with a margin that shrinks as
#   the matches seen grow and as a second pass gets cheaper than the window's key range (``_gin_span``);
# * a GIN window is read through the bitmaps (``enable_indexscan`` off for it): the planner, which
#   cannot tell how much a tsvector costs to test, otherwise may walk the window's range in the primary key and
#   test every doc (``宅基`` at 1,000,000 docs: 100–135 ms where the bitmaps ANDed take 45–90 on a loaded machine);
# * a GIN window ANDs into its tsquery the lexemes of the blocks of docs that cover it (revision 0014,
#   ``storage.fulltext.blocks_covering``), its bounds a filter on the heap: GIN intersects the term's posting lists
#   with the window's, skipping the rest, where ANDing a key range built the bitmap of every match of the term
#   first (``c陈`` at 1,000,000 docs: 64 ms, 8 with the blocks, on a loaded machine; bench/README.md, seventh
#   session). A prefix (``'n1871':*``) still builds the bitmap of all its lexemes' matches: the lookups typed most
#   are exact lexemes (``c``, ``r``);
# * within a window the newest ``n`` matches are kept, and only they are looked up, one key each (a join would
#   read every row of case_search_row); a doc whose row is gone (a changed case's old one) has no case id.
# * a GIN statement has at least ``PG_GIN_WORK_MEM`` for its bitmaps (the session's own setting back after it): with
#   the server's default of 4 MB, the bitmap of a term in a tenth of a million docs goes lossy (whole heap pages
#   rechecked, every doc of them tested again) and a partial match's own bitmap too — a common surname with a second
#   term took 520 ms where 64 MB took 170 (bench/README.md, sixth session);
# The bounds and the query are literals: a prepared statement's generic plan knows neither how common the term is
# nor how wide the window, and the right plan depends on both.
_PG_WINDOW = ("WITH m AS MATERIALIZED (SELECT doc FROM fts_case WHERE {match}{range} ORDER BY {order} DESC{limit}) "
              "SELECT m.doc, (SELECT r.case_id FROM case_search_row r WHERE r.doc = m.doc) FROM m ORDER BY m.doc DESC")
# the settings of a statement through the GIN index, the session's own returned (one round trip), and theirs back
_PG_GIN_ON = ("SELECT current_setting('enable_indexscan'), current_setting('work_mem'), "
              "set_config('enable_indexscan', {indexscan}, false), set_config('work_mem', CASE WHEN "
              "pg_size_bytes(current_setting('work_mem')) < pg_size_bytes('{work_mem}') THEN '{work_mem}' "
              "ELSE current_setting('work_mem') END, false)")
_PG_GIN_OFF = "SELECT set_config('enable_indexscan', %s, false), set_config('work_mem', %s, false)"
PG_GIN_WORK_MEM = "64MB"  # the least memory of a GIN statement's bitmaps (the server's default is 4 MB)
PG_PROBE = 256  # docs tested one by one first (a term in half the cases leaves ~750 matches to find)
PG_SCAN_MAX = 16384  # a window of more docs than this is not tested one by one but through the GIN index
PG_ALL_AT_ONCE = 16.0  # the matches left are read at once while (surely) fewer than √(this × the docs left)
PG_GIN_COST = 4.0  # a GIN statement's bitmap costs about what 4 docs of a key range cost, per match of the term
PG_REFINE = 1792  # docs tested one by one more before a GIN window, while the matches seen are few
PG_REFINE_MATCHES = 24  # matches seen from which the density is good enough to size a GIN window
PG_REFINE_WIDE = 65536  # a GIN window of fewer docs is not worth refining first (its key range costs less)
_PG_MARGIN = 1.5  # a next window is sized for 1.5 times the matches still missing, at the density seen so far


def _upper(matched: int, refined: bool) -> float:
    """A count of matches that ``matched`` seen seldom stays under: the count plus one plus twice its error
    (≈ √n), once more docs were tested one by one (``PG_REFINE``) once its error. Reading all the matches left
    at once visits the heap for each, so a term is taken for rare only when even this count, at the density seen,
    leaves few (one match in the newest 256 docs may be a term in 1.5 % of a million: 15,000 heap visits,
    220 ms). None seen stays one (as likely for a term in 1.5 % as 2 %: a rare term is not made to test more
    docs one by one first)."""
    return matched + 1 + (1.0 if refined else 2.0) * math.sqrt(matched)


def _at_once(matched: int, seen: int, high: int, refined: bool) -> bool:
    """Whether the matches left below ``high`` are read at once (a heap visit each, ~20 µs on a loaded machine)
    rather than in a GIN window (a key range of ~1,000 / density docs, ~0.3 µs each): at once is the cheaper
    while the matches left are fewer than about √(16 × the docs left) — 4,000 at 1,000,000 docs, 1,260 at
    100,000 — and they are counted high (``_upper``)."""
    return _upper(matched, refined) * high <= math.sqrt(PG_ALL_AT_ONCE * high) * seen


def _gin_span(missing: int, matched: int, seen: int, high: int) -> int:
    """A GIN window's docs: those that hold ``missing`` matches at the density seen, made wider by up to 1.5 plus
    twice the relative error of a count of ``matched`` (≈ 1/√n), so that a second pass over the GIN index is rare;
    by less as a second pass costs less than the window's key range (a term with few matches in all)."""
    density = max(matched, 1) / seen
    span = max(missing, 1) / density
    weight = min(1.0, PG_GIN_COST * density * (high + seen) / span)
    return int(span * (1.0 + (_PG_MARGIN - 1.0 + 2.0 / math.sqrt(max(matched, 1))) * weight))


def pg_window(conn: Connection, query: str, low: int | None, high: int | None, n: int | None, scan: bool
              ) -> list[tuple[int, Any]]:
    quoted = "CAST('" + query.replace("'", "''") + "' AS tsquery)"  # (its tokens are letters and digits)
    if scan:  # one by one, newest first (the function is not the operator: no index can serve it)
        match, order = f"ts_match_vq(tokens, {quoted})", "doc"
    else:  # through the GIN index (doc + 0: never the primary key's order, which would test every doc)
        match, order = f"tokens @@ {quoted}", "doc + 0"
    bounds = (f" AND doc >= {int(low)}" if low is not None else "") + \
             (f" AND doc < {int(high)}" if high is not None else "")
    if not scan and low is not None and high is not None:  # a GIN window: GIN intersects the term with its blocks
        blocks = " | ".join(f"'{b}'" for b in blocks_covering(int(low), int(high)))
        quoted = "CAST('(" + query.replace("'", "''") + ") & (" + blocks.replace("'", "''") + ")' AS tsquery)"
        match = f"tokens @@ {quoted}"
        bounds = f" AND doc + 0 >= {int(low)} AND doc + 0 < {int(high)}"
    sql = _PG_WINDOW.format(match=match, range=bounds, order=order, limit="" if n is None else f" LIMIT {int(n)}")
    if scan:  # (tested one by one: no bitmap, and the primary key's order walked)
        return [(d, k) for d, k in conn.exec_driver_sql(sql).all()]
    # through the GIN index: bitmaps with room enough (PG_GIN_WORK_MEM); a window read through the bitmaps only
    # (no window of the key to walk: the planner takes the GIN bitmap alone)
    indexscan = "current_setting('enable_indexscan')" if low is None else "'off'"
    own = tuple(conn.exec_driver_sql(_PG_GIN_ON.format(indexscan=indexscan, work_mem=PG_GIN_WORK_MEM)).one()[:2])
    try:
        rows = [(d, k) for d, k in conn.exec_driver_sql(sql).all()]
    except DBAPIError:  # in a transaction, its rollback undoes the settings; outside one (autocommit), this does
        with contextlib.suppress(DBAPIError):
            conn.exec_driver_sql(_PG_GIN_OFF, own)
        raise
    conn.exec_driver_sql(_PG_GIN_OFF, own)
    return rows


def pg_found(conn: Connection, lookup: Lookup, limit: int | None, below: int | None, also: str | None
             ) -> list[tuple[int, Any]]:
    """PostgreSQL's ``search_reads.found_docs``: the newest ``limit`` matches below ``below`` (and of ``also``, a
    tsquery), newest first, looked for in windows of docs (see ``_PG_WINDOW``)."""
    query = tsquery(lookup) if also is None else f"({tsquery(lookup)}) & ({also})"
    if limit is None:
        return [(d, k) for d, k in pg_window(conn, query, None, below, None, False) if k is not None]
    high = below if below is not None else int(conn.scalar(text("SELECT max(doc) FROM fts_case")) or 0) + 1
    span, scan, seen, matched, refined = PG_PROBE, True, 0, 0, False
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
        if _at_once(matched, seen, high, refined):  # few matches left, surely: all of them at once
            span, scan = high, False
        else:
            span = max(1024, int(missing * _PG_MARGIN * seen / max(matched, 1)))
            scan = span <= PG_SCAN_MAX
            if scan:  # a small window: tested one by one
                continue
            if 4 * missing * _PG_MARGIN * seen >= high * _upper(matched, refined):
                span = high  # a window would hold a quarter of the docs left even at the most the matches seen mean
            elif matched < PG_REFINE_MATCHES and not refined and span >= PG_REFINE_WIDE:  # a better density first
                span, scan, refined = PG_REFINE, True, True
            else:
                span = _gin_span(missing, matched, seen, high)
    return out
