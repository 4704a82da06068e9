"""The reads of the case search index a search is made of: the docs a lookup finds (FTS5 ``MATCH`` on
SQLite; on PostgreSQL a tsquery, and the newest matches through ``search_pg``), the case ids of docs, and
the confirmation of a longer term against the text its pairs were made from."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from functools import partial
from typing import Any

from sqlalchemy import Connection, bindparam, text

from mediation_desktop.services import search_pg
from mediation_desktop.services.search_index import CHUNK
from mediation_desktop.services.search_keys import FOLDED, TEXT_CHARS, in_runs, is_plain
from mediation_desktop.services.search_terms import Lookup, Part, tsquery
from mediation_desktop.storage.fulltext import PREFIX_LENGTHS

__all__ = ["doc_set", "finds_any", "found_docs", "ids_of", "newest_ids", "newest_of", "statement", "texts_hold",
           "word_docs"]


def statement(conn: Connection, lookup: Lookup, *, joined: bool, below: bool, limited: bool,
              also: Sequence[Lookup] = (), window: bool = False,
              confirm: Sequence[str] = (), above: bool = False) -> tuple[Any, dict[str, Any]]:
    """The docs (newest first) a lookup finds, and its parameters; ``joined``: with the case ids, of cases
    not deleted; ``also`` (SQLite): further lookups each of which must find the doc too; ``window`` (SQLite): only
    docs from ``:lo`` to ``:hi`` (excluded), each lookup asked for those alone (the engine seeks to them);
    ``confirm`` (SQLite, joined): terms of 3 or more characters each doc's case must hold, as a third column the
    texts to look through (``_unconfirmed``: NULL where the engine found every term); ``above``: docs above
    ``:above`` only."""
    params: dict[str, Any] = {}
    if conn.dialect.name == "sqlite":
        within = " AND rowid >= :lo AND rowid < :hi" if window else ""
        parts = []
        for i, part in enumerate(lookup):
            table = f"fts_case_{part.table}"
            parts.append(f"SELECT rowid AS doc FROM {table} WHERE {table} MATCH :q{i}{within}")
            params[f"q{i}"] = part.fts5()
        if len(parts) == 1:  # the full-text table itself leads, newest first (it stops at the limit)
            table = f"fts_case_{lookup[0].table}"
            src, doc, match = f"{table} f", "f.rowid", f"{table} MATCH :q0{within.replace('rowid', 'f.rowid')}"
        else:
            src, doc, match = f"({' UNION '.join(parts)}) f", "f.doc", "1 = 1"
        for j, further in enumerate(also):  # each a set built once by the engine; ``+`` keeps it a filter, not
            # a rowid the full-text table would be asked for once per member
            subs = []
            for i, part in enumerate(further):
                table = f"fts_case_{part.table}"
                subs.append(f"SELECT rowid FROM {table} WHERE {table} MATCH :a{j}_{i}{within}")
                params[f"a{j}_{i}"] = part.fts5()
            match += f" AND +{doc} IN ({' UNION ALL '.join(subs)})"
    else:
        src, doc, match = "fts_case f", "f.doc", "f.tokens @@ CAST(:q0 AS tsquery)"
        params["q0"] = tsquery(lookup)
    cols = f"{doc}"
    if joined:  # (a deleted case has no row: every path that deletes one takes it out in its transaction)
        join = " CROSS JOIN " if conn.dialect.name == "sqlite" else " JOIN "  # SQLite: the full-text table leads
        src += f"{join}case_search_row r ON r.doc = {doc}"
        cols += ", r.case_id"
    if confirm:
        assert joined and conn.dialect.name == "sqlite", "confirmed in the statement on SQLite only"
        src += " CROSS JOIN mediation_case c ON c.id = r.case_id"
        kept, column = _confirmation(conn, confirm, params, f"+{doc}", window)
        cols += ", " + column
        match += f" AND {kept}"
    if below:
        match += f" AND {doc} < :below"
    if above:
        match += f" AND {doc} > :above"
    sql = f"SELECT {cols} FROM {src} WHERE {match} ORDER BY {doc} DESC"
    return text(sql + (" LIMIT :n" if limited else "")), params


def found_docs(conn: Connection, lookup: Lookup, limit: int | None, below: int | None = None,
               also: str | Sequence[Lookup] | None = None, confirm: Sequence[str] = (),
               exclude: Collection[int] = (), above: int | None = None) -> list[tuple[int, Any]]:
    """(doc, case id as stored) of the cases ``lookup`` finds (and ``also`` finds: a tsquery on PostgreSQL, further
    lookups on SQLite), newest first, up to ``limit``. Only
    cases not deleted have index rows (``forget_cases`` or ``refresh_cases`` in the transaction that deletes one):
    reading each case's own row here to check would cost fifty times the lookup (1,000 scattered rows of a large
    table). SQLite: only of cases holding every term of ``confirm`` (terms of 3 or more characters, found by their
    pairs), and of docs not in ``exclude``; read on until ``limit`` are kept, or down to ``above`` (docs above it
    only: the newest found elsewhere already fill the limit below it)."""
    if conn.dialect.name == "postgresql":
        assert (also is None or isinstance(also, str)) and not confirm and not exclude
        return search_pg.pg_found(conn, lookup, limit, below, also)
    assert not isinstance(also, str)
    if also and len(lookup) > 1:  # (2026 工资: a name part and numbers; most often all but one find nothing)
        lookup = tuple(part for part in lookup if finds_any(conn, (part,)))
        if not lookup:
            return []
    if len(lookup) > 1 and limit is not None:  # each part's own newest, read in order and stopping at the limit, then
        # the newest of all: their union was read whole and sorted (20, the start of every case number: 81 ms for
        # the 100,000 docs of m20 and l20*, to keep 1,000)
        return _newest_in_turn([partial(found_docs, conn, (part,), limit, below, also, confirm, exclude)
                                for part in lookup], limit, above)
    lookup, also, branches = _merged(conn, lookup, also or (), split=limit is not None)
    if branches and limit is not None:  # each branch's newest, then the newest of all
        return _newest_in_turn([partial(found_docs, conn, lookup, limit, below, branch, confirm, exclude)
                                for branch in branches], limit, above)
    out: list[tuple[int, Any]] = []
    # one read, or (some docs read not kept) more below the last doc read, each twice as many, until the limit is kept
    # (the docs excluded may all come first; a phrase whose pairs the newest docs hold apart may leave most unkept)
    ask = None if limit is None else max(limit, READ_AT_LEAST) + len(exclude)
    while True:
        rows = _read(conn, lookup, also, ask, below, confirm, above)
        out.extend((row[0], row[1]) for row in rows
                   if row[0] not in exclude and (not confirm or _holds_all(confirm, row[2])))
        if limit is None or ask is None or len(rows) < ask or len(out) >= limit:
            return out if limit is None else out[:limit]
        below, ask = rows[-1][0], 2 * ask


READ_AT_LEAST = 50  # docs a read of ``found_docs`` asks for at the least (a limit of 1 still reads on in few steps)


def _newest_in_turn(reads: Sequence[Callable[[int | None], list[tuple[int, Any]]]], limit: int,
                    above: int | None) -> list[tuple[int, Any]]:
    """The newest ``limit`` of several reads' (doc, case id), each read given the floor it need not read down to
    (docs above it only): once the reads before it hold ``limit`` docs, none at or below the ``limit``-th newest of
    them can be among the newest (周 2023: the case numbers' m2023 with c周 give 1,000 docs in one statement; the
    IDs' and phones' l2023* filtering c周 then walked every window of docs down to the first for 42 more, ≈ 8 ms,
    where only those above the 1,000th could count)."""
    found: dict[int, Any] = {}
    for read in reads:
        found.update(read(above))
        if len(found) >= limit:
            floor = sorted(found, reverse=True)[limit - 1]
            above = floor if above is None else max(above, floor)
    return sorted(found.items(), reverse=True)[:limit]


def newest_of(reads: Sequence[list[tuple[int, Any]]], limit: int | None) -> list[tuple[int, Any]]:
    """The newest ``limit`` (None: all) of several reads' (doc, case id), each doc once."""
    found: dict[int, Any] = {}
    for rows in reads:
        found.update(rows)
    return sorted(found.items(), reverse=True)[:limit]


def _read(conn: Connection, lookup: Lookup, also: Sequence[Lookup], limit: int | None, below: int | None,
          confirm: Sequence[str], above: int | None = None) -> list[Any]:
    """SQLite: the newest ``limit`` rows (doc, case id[, texts to confirm]) below ``below`` (and above ``above``) of
    ``lookup`` and ``also``: in windows of docs where that pays, else one statement."""
    if also and limit is not None and _asked_again_cheaply(lookup) and not _all_few(conn, also):
        return _in_windows(conn, lookup, also, limit, below, confirm, above)
    stmt, params = statement(conn, lookup, joined=True, below=below is not None, limited=limit is not None,
                             also=also, confirm=confirm, above=above is not None)
    if limit is not None:
        params["n"] = limit
    if below is not None:
        params["below"] = below
    if above is not None:
        params["above"] = above
    return _fetched(conn, stmt, params)


def _fetched(conn: Connection, stmt: Any, params: dict[str, Any]) -> list[Any]:
    """The rows of a textual statement as the driver gives them (no result types to apply: a thousand of
    SQLAlchemy's rows a keystroke cost ≈ 1.5 ms)."""
    result = conn.execute(stmt, params)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


WINDOW = 4096  # SQLite: docs in the first window of a search filtered by further lookups; each next one is twice as
# large, so a sparse match costs at most twice one statement over all docs, in eight statements at 1,000,000


def _asked_again_cheaply(lookup: Lookup) -> bool:
    """Whether each token of ``lookup`` is one list of docs in the engine: an exact token, or a prefix no longer
    than a prefix index's. FTS5 finds a longer prefix (``pzhang*``) by merging the lists of every token that starts
    so, each time it is asked: asked again in each window, ``zhang 工资`` took 4.4 → 12.5 ms. (The gram table has no
    prefix index: a case number's ``h`` prefix is merged there each time.)"""
    longest = max(PREFIX_LENGTHS)
    return all(not by_prefix or (len(token) <= longest and part.table != "gram")
               for part in lookup for token, by_prefix in part.tokens)


FEW = 1024  # docs a further lookup finds at most for its set to be built once, over all docs (``_all_few``)


def _all_few(conn: Connection, also: Sequence[Lookup]) -> bool:
    """Whether each further lookup finds fewer than ``FEW`` docs: its set, built once, is then small, and one
    statement over all docs costs less than a statement a window (纠纷 周娜: the 303 docs of 周娜 built once and 纠纷's
    100,000 docs tested against them, where each of seven windows built its part of the set again: ≈ 21 against
    34 ms under load). Each is counted up to that many docs (the engine stops there)."""
    for further in also:
        parts = []
        params: dict[str, Any] = {"cap": FEW}
        for i, part in enumerate(further):
            table = f"fts_case_{part.table}"
            parts.append(f"SELECT rowid FROM {table} WHERE {table} MATCH :p{i}")
            params[f"p{i}"] = part.fts5()
        sql = f"SELECT count(*) FROM (SELECT 1 FROM ({' UNION ALL '.join(parts)}) LIMIT :cap)"
        if int(conn.exec_driver_sql(sql, params).scalar() or 0) >= FEW:
            return False
    return True


def _in_windows(conn: Connection, lookup: Lookup, also: Sequence[Lookup], limit: int,
                below: int | None, confirm: Sequence[str] = (), above: int | None = None) -> list[Any]:
    """SQLite: the newest ``limit`` docs ``lookup`` and every one of ``also`` find, looked for in windows of docs,
    newest first. A filter is a set of every doc its lookup finds, built before the first doc is tested: for a
    term in most docs (纠纷, zh), ≈ 100,000 at 100,000 cases, where the newest thousand matches lie in the newest
    few thousand docs. In a window each set holds that window's docs only."""
    hi = below if below is not None else int(conn.exec_driver_sql(
        "SELECT coalesce(max(doc), 0) + 1 FROM case_search_row").scalar() or 1)
    stmt, params = statement(conn, lookup, joined=True, below=False, limited=True, also=also, window=True,
                             confirm=confirm)
    out: list[Any] = []
    size = WINDOW
    bottom = 0 if above is None else above + 1  # (the lowest doc a window may hold)
    while hi > bottom and len(out) < limit:
        lo = max(hi - size, bottom)
        out.extend(_fetched(conn, stmt, {**params, "lo": lo, "hi": hi, "n": limit - len(out)}))
        hi, size = lo, size * 2
    return out


def _merged(conn: Connection, lookup: Lookup, also: Sequence[Lookup], *, split: bool = False
            ) -> tuple[Lookup, list[Lookup], list[list[Lookup]]]:
    """SQLite: a lookup of one part and the further lookups that must find its docs too, with every further lookup
    that can be asked in the part's own ``MATCH`` moved there: the engine merges the lists of docs of both (``周 工资``:
    the docs of c周 and of g工资 in ``fts_case_gram``, 1,000 found in ≈ 2 ms, where a filter tested 13,000 docs of 周
    one by one against a set of 工资's). A further lookup can be asked there when its parts in the other tables find
    nothing (工资 is in no name and no number): otherwise it stays a filter whole, as it would be (its docs in
    other tables would have to be tested against anyway).

    With ``split`` (a limited read), the third item: when a further lookup's parts elsewhere that find some doc are
    all in the numbers' table (ID numbers, phones: few docs start so), the further lookups as two branches to ask
    one by one, their docs ORed (周 2023: the case numbers' m2023 with c周 in one ``MATCH``, then c周 filtered by the
    IDs' and phones' l2023*, where both were one filter of c周 whose set held the 20,000 docs of m2023: 7.8 → 4.6
    ms); a name's part elsewhere keeps the one filter (its docs are the ones its pairs find in the titles)."""
    if len(lookup) != 1 or not also:
        return lookup, list(also), []
    part, filters = lookup[0], []
    for j, further in enumerate(also):
        same = tuple(q for q in further if q.table == part.table)
        if not same:
            filters.append(further)
            continue
        elsewhere = tuple(q for q in further if q.table != part.table and finds_any(conn, (q,)))
        if not elsewhere:
            part = part.also(same)
        elif split and all(q.table == "number" for q in elsewhere):
            return lookup, list(also), [[*also[:j], branch, *also[j + 1:]] for branch in (same, elsewhere)]
        else:
            cover = _gram_cover(elsewhere)
            if cover is not None:  # the engine narrows the part to docs that may hold the term; the filter decides
                part = part.also((*same, cover))
            filters.append(further)
    return (part,), filters, []


def _gram_cover(parts: Sequence[Part]) -> Part | None:
    """A part of the gram table that finds every doc ``parts`` find (and more), or None: a name's part ``n周娜*`` (a
    name with a part starting so) is covered by its characters' exact tokens ``c周 AND c娜`` (each character of a name,
    held with the pairs since revision 0015). So 纠纷 周娜 is one ``MATCH`` of g纠纷 with those, the few docs it finds
    tested against 周娜's set, where the 100,000 docs of g纠纷 were each tested (≈ 21 ms under load)."""
    if len(parts) != 1 or parts[0].table != "key" or len(parts[0].tokens) != 1:
        return None
    token = parts[0].tokens[0][0]
    chars = token[1:]
    if token[:1] != "n" or not chars or chars.isascii():
        return None
    return Part("gram", tuple(("c" + ch, False) for ch in sorted(set(chars))), all_of=True)


def finds_any(conn: Connection, lookup: Lookup) -> bool:
    """Whether ``lookup`` finds any case (SQLite; the engine stops at the first: a doc that edits left behind, with
    no row, finds none)."""
    stmt, params = statement(conn, lookup, joined=True, below=False, limited=True)
    return conn.execute(stmt, {**params, "n": 1}).first() is not None


def doc_set(conn: Connection, lookup: Lookup) -> set[int]:
    """Every doc ``lookup`` finds (no join: for the further terms, which only narrow the first one's)."""
    stmt, params = statement(conn, lookup, joined=False, below=False, limited=False)
    if conn.dialect.name == "sqlite":  # (tens of thousands of ints: the driver's cursor read, not a Row each; sent
        # through the Connection, so in its transaction, the one snapshot of every read of the search)
        return {doc for (doc,) in conn.exec_driver_sql(stmt.text, params).cursor.fetchall()}
    return set(conn.execute(stmt, params).scalars())


def _found(conn: Connection, terms: Sequence[str], params: dict[str, Any]) -> str | None:
    """Whether the engine finds each of ``terms`` (of ASCII digits and the common ideographs) as it is in a case's
    texts (``mediation_case c``) — ``instr`` on SQLite, ``strpos`` on PostgreSQL, in the first 2,000 characters of the
    title and summary as the pairs were made from them (``search_keys.pairs``) —; None when a term is of other
    characters (only its runs can tell, ``in_runs``)."""
    if not all(is_plain(term) for term in terms):
        return None
    find = "instr" if conn.dialect.name == "sqlite" else "strpos"
    found = []
    for i, term in enumerate(terms):
        params[f"t{i}"], params[f"last{i}"] = term, TEXT_CHARS + 1 - len(term)  # where the term may start
        found.append(f"({find}(c.case_no, :t{i}) BETWEEN 1 AND :last{i} OR {find}(c.title, :t{i}) BETWEEN 1 AND "
                     f":last{i} OR {find}(c.summary, :t{i}) BETWEEN 1 AND :last{i} - length(c.title) - 1)")
    return " AND ".join(found)


def _texts(params: dict[str, Any]) -> str:
    """A case's number and its title and summary, a line apart, as ``_holds_all`` looks through them (a line ends
    every run: ``search_keys.runs``)."""
    params["line"] = "\n"
    return (f"substr(c.case_no, 1, {TEXT_CHARS}) || :line || "
            f"substr(c.title || ' ' || coalesce(c.summary, ''), 1, {TEXT_CHARS})")


def _unconfirmed(conn: Connection, terms: Sequence[str], params: dict[str, Any]) -> str:
    """The column that confirms ``terms`` against a case's texts: NULL where the engine found each term (``_found``),
    else the texts for ``_holds_all`` to look through. One test per row (it was made three times, once per
    column)."""
    found = _found(conn, terms, params)
    return _texts(params) if found is None else f"CASE WHEN {found} THEN NULL ELSE {_texts(params)} END"


def _confirmation(conn: Connection, terms: Sequence[str], params: dict[str, Any], doc: str,
                  window: bool = False) -> tuple[str, str]:
    """SQLite: a condition that keeps only the rows that may hold ``terms``, and the column for ``_holds_all``. Where
    each term is of ASCII digits and common ideographs, a case the engine does not find one in as it is can hold it
    only if its texts hold a character that normalises to one (``search_keys.FOLDED``, revision 0018: 15号 against
    ``借款１５号``); every other row is left out in the statement, and only those cases' texts are sent to be looked
    through (a case number's serial: ``15号``'s 861 cases holding ``15`` and ``5号`` apart at 100,000, each sent and
    searched by a regex, ≈ 4 of its 8 ms). ``doc``: the statement's doc column; ``window``: its docs from ``:lo`` to
    ``:hi`` only."""
    found = _found(conn, terms, params)
    if found is None or conn.dialect.name != "sqlite":
        return "1 = 1", _unconfirmed(conn, terms, params)
    within = " AND rowid >= :lo AND rowid < :hi" if window else ""
    params["folded"] = FOLDED
    folded = f"{doc} IN (SELECT rowid FROM fts_case_gram WHERE fts_case_gram MATCH :folded{within})"
    return f"({found} OR {folded})", f"CASE WHEN {folded} THEN {_texts(params)} END"


def _holds_all(terms: Sequence[str], texts: str | None) -> bool:
    """Whether a case holds every one of ``terms``: the engine found them (``texts`` is None), or the runs of its
    texts as ``_unconfirmed`` sends them hold each."""
    return texts is None or all(in_runs(term, texts) for term in terms)


def texts_hold(conn: Connection, keys: Sequence[Any], term: str) -> set[Any]:
    """Which of these cases (ids as stored) hold ``term`` in the text their pairs were made from."""
    params: dict[str, Any] = {}
    column = _unconfirmed(conn, [term], params)
    rows = _among(conn, f"SELECT c.id, {column} FROM mediation_case c WHERE {{among}}", "c.id", keys, params)
    return {key for key, texts in rows if _holds_all([term], texts)}


def _among(conn: Connection, sql: str, column: str, values: Sequence[Any],
           params: dict[str, Any] | None = None) -> list[Any]:
    """The rows of ``sql`` whose ``{among}`` is ``column`` among ``values``: on PostgreSQL one array (one parameter:
    a list of a thousand is parsed and planned each time), on SQLite lists of ``CHUNK``."""
    if not values:
        return []
    if conn.dialect.name == "postgresql":
        stmt = text(sql.replace("{among}", f"{column} = ANY(:vals)"))
        return _fetched(conn, stmt, {**(params or {}), "vals": list(values)})
    stmt = text(sql.replace("{among}", f"{column} IN :vals")).bindparams(bindparam("vals", expanding=True))
    out: list[Any] = []
    for start in range(0, len(values), CHUNK):
        out.extend(_fetched(conn, stmt, {**(params or {}), "vals": list(values[start:start + CHUNK])}))
    return out


def newest_ids(conn: Connection, docs: Sequence[int], limit: int | None) -> list[tuple[int, Any]]:
    """(doc, case id as stored) of the first ``limit`` of these docs (newest first) that still have their row: a
    doc a change or a voiding left behind in the full-text tables has none, and the next docs take its place."""
    if limit is None:
        return ids_of(conn, docs)
    out: list[tuple[int, Any]] = []
    for start in range(0, len(docs), max(limit, 50)):
        out.extend(ids_of(conn, docs[start:start + max(limit, 50)]))
        if len(out) >= limit:
            break
    return out[:limit]


def ids_of(conn: Connection, docs: Sequence[int]) -> list[tuple[int, Any]]:
    """(doc, case id as stored) of these docs, in their order (a doc whose row is gone is left out)."""
    found = dict(_among(conn, "SELECT doc, case_id FROM case_search_row WHERE {among}", "doc", docs))
    return [(d, found[d]) for d in docs if d in found]


def word_docs(conn: Connection, term: str, docs: Iterable[int], limit: int | None) -> list[tuple[int, Any]]:
    """Of ``docs`` (newest first: found by all the pairs of ``term``), those whose text holds ``term`` (a term
    of 3 or more characters is confirmed against the text), up to ``limit``."""
    ordered = list(docs)
    if len(term) <= 2:
        return newest_ids(conn, ordered, limit)
    out: list[tuple[int, Any]] = []
    step = CHUNK if limit is None else min(max(limit, 50), CHUNK)
    for start in range(0, len(ordered), step):
        out.extend(_docs_holding(conn, ordered[start:start + step], term))
        if limit is not None and len(out) >= limit:
            return out[:limit]
    return out


def _docs_holding(conn: Connection, docs: Sequence[int], term: str) -> list[tuple[int, Any]]:
    """(doc, case id as stored) of these docs (at most ``CHUNK``, in their order) whose case's text holds ``term``:
    each doc's case id and text in one statement (they were two: the ids, then the texts by id)."""
    params: dict[str, Any] = {}
    kept, column = _confirmation(conn, [term], params, "+r.doc")
    rows = _among(conn, f"SELECT r.doc, r.case_id, {column} FROM case_search_row r JOIN mediation_case c "
                  f"ON c.id = r.case_id WHERE {{among}} AND {kept}", "r.doc", docs, params)
    held = {d: key for d, key, texts in rows if _holds_all([term], texts)}
    return [(d, held[d]) for d in docs if d in held]
