"""Instant case search: party names, pinyin (全拼) and initials (首字母), case numbers, ID numbers, phones
and the words of titles and summaries, fast enough to run on every keystroke with 100,000 cases.

The index is the database engine's own full-text index (``storage.fulltext``: FTS5 on SQLite, a GIN-indexed
``tsvector`` on PostgreSQL), one row per case, written in the same transaction as every change that
registers, corrects or imports a case (``index_cases``, ``refresh_cases``), and rebuilt from the cases at
will (``rebuild_index``). What a case is found by — its tokens — is made in ``services.search_keys``.

A term is looked up as (see ``search_keys`` for the token kinds):

* one character: a name containing it (``c``), or, for a Latin letter, a pinyin syllable starting with it
  among a name's first four (``q``); PostgreSQL holds neither and finds the same by prefix (``n``, ``p``);
* Latin letters: the start of a full pinyin reading or of the initials (a Latin name is its own pinyin);
* anything else: a part of a name (``n``), the start of a case-number, ID-number or phone fragment (``l``);
* and, from two characters on (not digits alone), the title, summary and case number by their character
  pairs (``g``); a longer term needs all its pairs and is then confirmed against the text, so 张三丰 never
  finds a text with 张三 and 三丰 apart.

Whitespace separates terms that must all match, except that Latin letters typed apart are one pinyin term
(``zhang san``, ``z s``). Punctuation and wildcards are ignored. Cases found by the first term's keys come
first, then those found only by its words; newest (highest doc) first within each.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, delete, select, text
from sqlalchemy.orm import Session

from mediation_desktop.services.search_keys import TERM_LENGTH, CaseText, case_tokens, normalise, runs
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Case, CaseSearchRow, Party

__all__ = ["as_uuid", "forget_cases", "index_cases", "index_is_complete", "load_case_texts", "packed_texts",
           "rebuild_index", "refresh_cases", "reindex_case", "search_case_ids", "search_case_keys",
           "terms_of_query"]

DEFAULT_LIMIT = 1000
_CHUNK = 900  # ids per IN (...) list (SQLite's bound-variable limit is 999 on old builds)

# -- writing -------------------------------------------------------------------------------------------


def digest(*tokens: str) -> int:
    """A signed 64-bit digest of a case's tokens: an edit that leaves them as they were writes nothing."""
    return int.from_bytes(hashlib.blake2b("|".join(tokens).encode(), digest_size=8).digest(), "big", signed=True)


def _driver_id(conn: Connection, value: Any, driver_values: bool) -> Any:
    if driver_values or conn.dialect.name != "sqlite":
        return value if driver_values or isinstance(value, uuid.UUID) else as_uuid(value)
    return as_uuid(value).hex  # the Uuid type's form on SQLite


def index_cases(conn: Connection, cases: Sequence[CaseText], *, driver_values: bool = False,
                tokens: Sequence[tuple[str, str, str]] | None = None) -> int:
    """Add ``cases`` (not yet indexed) to the index, inside the caller's transaction. Returns the cases written.

    With ``driver_values`` the case ids are already in the SQLite driver's form (hex text); ``tokens``, when
    given, are ``case_tokens()`` of each case, made ahead (``services.token_worker``).
    """
    if not cases:
        return 0
    if tokens is None:
        tokens = [case_tokens(c) for c in cases]
    assert len(tokens) == len(cases)
    ids = [_driver_id(conn, c.case_id, driver_values) for c in cases]
    digests = [digest(*t) for t in tokens]
    if conn.dialect.name == "sqlite":
        raw = conn.exec_driver_sql(
            "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'case_search_row'), 0), "
            "coalesce((SELECT max(doc) FROM case_search_row), 0))").scalar()
        first = int(raw or 0) + 1
        docs = range(first, first + len(cases))
        conn.exec_driver_sql("INSERT INTO case_search_row (doc, case_id, digest) VALUES (?, ?, ?)",
                             list(zip(docs, ids, digests, strict=True)))
        for i, table in enumerate(("key", "number", "gram")):
            conn.exec_driver_sql(f"INSERT INTO fts_case_{table} (rowid, tokens) VALUES (?, ?)",
                                 [(d, t[i]) for d, t in zip(docs, tokens, strict=True)])
    else:  # PostgreSQL: one statement for the batch, the arrays unnested by the server in their order
        conn.execute(text(
            "WITH given AS (SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:digests AS bigint[]), "
            "CAST(:tokens AS text[])) WITH ORDINALITY AS t (case_id, digest, tokens, n)), "
            "made AS (INSERT INTO case_search_row (case_id, digest) SELECT case_id, digest FROM given ORDER BY n "
            "RETURNING doc, case_id) "
            "INSERT INTO fts_case (doc, tokens) SELECT made.doc, array_to_tsvector(string_to_array(given.tokens, ' ')) "
            "FROM made JOIN given ON given.case_id = made.case_id"),
            {"ids": [str(i) for i in ids], "digests": digests,
             "tokens": [" ".join(filter(None, (pg_keys(t[0]), t[1], t[2]))) for t in tokens]})
    return len(cases)


def pg_keys(keys: str) -> str:
    """The key tokens PostgreSQL holds: all but the first-keystroke ones (``c``, ``q``; see ``key_lookup``),
    ≈ 16 of a demo case's ≈ 146 lexemes."""
    return " ".join(k for k in keys.split(" ") if k[:1] not in ("c", "q"))


def packed_texts(tables: Sequence[tuple[str, list[str], list[list[Any]]]], case_numbers: Sequence[str]
                 ) -> list[CaseText]:
    """The texts of a demo batch, from its columns (``demo_writer.Packed.tables``) and its case numbers."""
    columns = {name: dict(zip(keys, values, strict=True)) for name, keys, values in tables}
    cases = columns["mediation_case"]
    texts = {cid: CaseText(cid, number, title, summary or "") for cid, number, title, summary in zip(
        cases["id"], case_numbers, cases["title"], cases["summary"], strict=True)}
    party = columns.get("party")
    if party is not None:
        for cid, name, rep, id_number, phone in zip(party["case_id"], party["name"], party["representative"],
                                                    party["id_number"], party["phone"], strict=True):
            entry = texts[cid]
            entry.names.extend(n for n in (name, rep) if n)
            entry.numbers.extend(n for n in (id_number, phone) if n)
    return list(texts.values())


def as_uuid(value: uuid.UUID | str) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(value)


def load_case_texts(conn: Connection, case_ids: Sequence[Any] | None = None) -> list[CaseText]:
    """The indexable text of the given (not deleted) cases — all, in list order, when None — as stored now."""
    stmt = (select(Case.id, Case.case_no, Case.title, Case.summary, Case.extra).where(Case.deleted_at.is_(None))
            .order_by(Case.registered_on, Case.year, Case.serial))
    party_stmt = select(Party.case_id, Party.name, Party.representative, Party.id_number, Party.phone).where(
        Party.deleted_at.is_(None))
    chunks: list[list[uuid.UUID] | None] = [None]
    if case_ids is not None:
        ids = [as_uuid(i) for i in case_ids]
        chunks = [ids[i:i + _CHUNK] for i in range(0, len(ids), _CHUNK)]
    texts: dict[uuid.UUID, CaseText] = {}
    for chunk in chunks:
        s, p = (stmt, party_stmt) if chunk is None else (stmt.where(Case.id.in_(chunk)),
                                                        party_stmt.where(Party.case_id.in_(chunk)))
        texts.update((row.id, CaseText(row.id, row.case_no, row.title, row.summary or "",
                                                 numbers=original_numbers(row.extra)))
                     for row in conn.execute(s))
        for case_id, name, rep, id_number, phone in conn.execute(p):
            found = texts.get(case_id)
            if found is not None:
                found.names.extend(n for n in (name, rep) if n)
                found.numbers.extend(n for n in (id_number, phone) if n)
    return list(texts.values())


def original_numbers(extra: Any) -> list[str]:
    """The clerk's own number of a case imported from a ledger (``extra["original_no"]``), searched like a
    number: the one place the case's search text takes it from (``extra`` as stored, or as a bundle's JSON)."""
    if isinstance(extra, str):
        try:
            extra = json.loads(extra)
        except ValueError:
            return []
    number = extra.get("original_no") if isinstance(extra, dict) else None
    return [str(number)] if number else []


def forget_cases(conn: Connection, case_ids: Sequence[Any]) -> None:
    """Take cases out of the index, inside the caller's transaction (their docs go; on SQLite the full-text
    rows they leave stop joining, see ``storage.fulltext``)."""
    ids = [as_uuid(i) for i in case_ids]
    for start in range(0, len(ids), _CHUNK):
        conn.execute(delete(CaseSearchRow).where(CaseSearchRow.case_id.in_(ids[start:start + _CHUNK])))


def refresh_cases(conn: Connection, case_ids: Sequence[Any]) -> int:
    """Bring these cases' index rows up to date after a change (flushed), inside the caller's transaction: a
    case whose tokens are as they were keeps its row, a changed one gets a new doc, a deleted one leaves.
    Returns the cases (re)written."""
    ids = [as_uuid(i) for i in case_ids]
    if not ids:
        return 0
    texts = load_case_texts(conn, ids)
    known: dict[uuid.UUID, int] = {}
    for start in range(0, len(ids), _CHUNK):
        known.update((case_id, d) for case_id, d in conn.execute(
            select(CaseSearchRow.case_id, CaseSearchRow.digest)
            .where(CaseSearchRow.case_id.in_(ids[start:start + _CHUNK]))))
    changed = []
    for t in texts:
        t.tokens = None
        if known.get(as_uuid(t.case_id)) != digest(*case_tokens(t)):
            changed.append(t)
    live = {as_uuid(t.case_id) for t in texts}
    forget_cases(conn, [c.case_id for c in changed] + [i for i in known if i not in live])
    return index_cases(conn, changed)


def reindex_case(conn: Connection, case_id: uuid.UUID) -> None:
    """Index one case again after an edit (parties, title, summary), inside the caller's transaction."""
    refresh_cases(conn, [case_id])


def rebuild_index(db_or_conn: Database | Connection, *, batch: int = 5000) -> int:
    """Drop and rebuild the whole index from the cases (one transaction). Returns the cases indexed."""
    if isinstance(db_or_conn, Database):
        from mediation_desktop.storage.engine import WRITE

        with db_or_conn.engine.execution_options(**WRITE).connect() as conn, conn.begin():
            return rebuild_index(conn, batch=batch)
    from mediation_desktop.storage.fulltext import create_fulltext, drop_fulltext

    conn = db_or_conn
    drop_fulltext(conn)  # (on SQLite this also drops the rows that no doc joins any more)
    conn.execute(delete(CaseSearchRow))
    create_fulltext(conn)
    texts = load_case_texts(conn)
    for start in range(0, len(texts), batch):
        index_cases(conn, texts[start:start + batch])
    return len(texts)


def index_is_complete(conn: Connection) -> bool:
    """Every case that is not deleted has its row, and no deleted case has one."""
    missing = (select(Case.id).where(Case.deleted_at.is_(None), ~select(CaseSearchRow.doc)
                                     .where(CaseSearchRow.case_id == Case.id).exists()).limit(1))
    deleted = (select(CaseSearchRow.doc).join(Case, Case.id == CaseSearchRow.case_id)
               .where(Case.deleted_at.is_not(None)).limit(1))
    return conn.execute(missing).first() is None and conn.execute(deleted).first() is None


# -- searching -----------------------------------------------------------------------------------------

def terms_of_query(text: str) -> list[str]:
    """The normalised terms of what was typed (Latin letters typed apart are one pinyin term)."""
    words = [w for w in (normalise(part) for part in (text or "").split()) if w]
    if len(words) > 1 and all(w.isascii() and w.isalpha() for w in words):
        return ["".join(words)[:TERM_LENGTH]]
    return [w[:TERM_LENGTH] for w in words]


@dataclass(frozen=True)
class Part:
    """Tokens of one SQLite table (each exact, or by prefix), joined by OR or AND."""

    table: str  # "key", "number" or "gram": SQLite's fts_case_<table> (PostgreSQL has one for all)
    tokens: tuple[tuple[str, bool], ...]  # (token, by prefix)
    all_of: bool = False

    def fts5(self) -> str:
        return (" AND " if self.all_of else " OR ").join(f'"{t}"*' if p else f'"{t}"' for t, p in self.tokens)

    def tsquery(self) -> str:
        return (" & " if self.all_of else " | ").join(f"'{t}':*" if p else f"'{t}'" for t, p in self.tokens)


Lookup = tuple[Part, ...]  # one question to the full-text index: the docs any of its parts finds


def key_lookup(term: str, postgresql: bool = False) -> Lookup:
    letters = term.isascii() and term.isalpha()
    if len(term) == 1:  # the first keystroke: one exact token (on PostgreSQL, which has none, the same
        # cases by GIN's prefix search: a syllable among a name's first four, or a part of a name, starting so)
        if postgresql:
            return (Part("key", ((("p" if letters else "n") + term, True),)),)
        return (Part("key", ((("q" if letters else "c") + term, False),)),)
    if letters:  # pinyin (and Latin names), from a syllable on
        return (Part("key", (("p" + term, True),)),)
    return Part("key", (("n" + term, True),)), Part("number", (("l" + term, True),))


def _pg(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def word_lookup(term: str) -> Lookup | None:
    """The pairs of ``term`` in titles, summaries and case numbers (none for one character or digits alone)."""
    if len(term) < 2 or term.isdigit():
        return None
    grams = sorted({"g" + term[i:i + 2] for i in range(len(term) - 1)})
    return (Part("gram", tuple((g, False) for g in grams), all_of=True),)


def _statement(conn: Connection, lookup: Lookup, *, joined: bool, below: bool, limited: bool
               ) -> tuple[Any, dict[str, Any]]:
    """The docs (newest first) a lookup finds, and its parameters; ``joined``: with the case ids, of cases
    not deleted."""
    params: dict[str, Any] = {}
    if conn.dialect.name == "sqlite":
        parts = []
        for i, part in enumerate(lookup):
            table = f"fts_case_{part.table}"
            parts.append(f"SELECT rowid AS doc FROM {table} WHERE {table} MATCH :q{i}")
            params[f"q{i}"] = part.fts5()
        if len(parts) == 1:  # the full-text table itself leads, newest first (it stops at the limit)
            table = f"fts_case_{lookup[0].table}"
            src, doc, match = f"{table} f", "f.rowid", f"{table} MATCH :q0"
        else:
            src, doc, match = f"({' UNION '.join(parts)}) f", "f.doc", "1 = 1"
    else:
        src, doc, match = "fts_case f", "f.doc", "f.tokens @@ CAST(:q0 AS tsquery)"
        params["q0"] = _tsquery(lookup)
    cols = f"{doc}"
    if joined:  # (a deleted case has no row: every path that deletes one takes it out in its transaction)
        join = " CROSS JOIN " if conn.dialect.name == "sqlite" else " JOIN "  # SQLite: the full-text table leads
        src += f"{join}case_search_row r ON r.doc = {doc}"
        cols += ", r.case_id"
    if below:
        match += f" AND {doc} < :below"
    sql = f"SELECT {cols} FROM {src} WHERE {match} ORDER BY {doc} DESC"
    return text(sql + (" LIMIT :n" if limited else "")), params


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


def _pg_window(conn: Connection, query: str, low: int | None, high: int | None, n: int | None, scan: bool
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


def _tsquery(lookup: Lookup) -> str:
    return " | ".join(f"({part.tsquery()})" for part in lookup)


def _pg_found(conn: Connection, lookup: Lookup, limit: int | None, below: int | None, also: str | None
              ) -> list[tuple[int, Any]]:
    """PostgreSQL's :func:`_found`: the newest ``limit`` matches below ``below`` (and of ``also``, a tsquery),
    newest first, looked for in windows of docs (see ``_PG_WINDOW``)."""
    query = _tsquery(lookup) if also is None else f"({_tsquery(lookup)}) & ({also})"
    if limit is None:
        return [(d, k) for d, k in _pg_window(conn, query, None, below, None, False) if k is not None]
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
            rows = _pg_window(conn, query, low, top, want, scan)
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


def _found(conn: Connection, lookup: Lookup, limit: int | None, below: int | None = None, also: str | None = None
           ) -> list[tuple[int, Any]]:
    """(doc, case id as stored) of the cases ``lookup`` finds (and ``also``, on PostgreSQL), newest first. Only
    cases not deleted have index rows (``forget_cases`` or ``refresh_cases`` in the transaction that deletes one):
    reading each case's own row here to check would cost fifty times the lookup (1,000 scattered rows of a large
    table)."""
    if conn.dialect.name == "postgresql":
        return _pg_found(conn, lookup, limit, below, also)
    stmt, params = _statement(conn, lookup, joined=True, below=below is not None, limited=limit is not None)
    if limit is not None:
        params["n"] = limit
    if below is not None:
        params["below"] = below
    return [(d, k) for d, k in conn.execute(stmt, params).all()]


def _doc_set(conn: Connection, lookup: Lookup) -> set[int]:
    """Every doc ``lookup`` finds (no join: for the further terms, which only narrow the first one's)."""
    stmt, params = _statement(conn, lookup, joined=False, below=False, limited=False)
    return set(conn.execute(stmt, params).scalars())


def _texts_hold(conn: Connection, keys: Sequence[Any], term: str) -> set[Any]:
    """Which of these cases (ids as stored) hold ``term`` in the text their pairs were made from."""
    out: set[Any] = set()
    for start in range(0, len(keys), _CHUNK):
        chunk = list(keys[start:start + _CHUNK])
        stmt = text("SELECT id, case_no, title, summary FROM mediation_case WHERE id IN :ids").bindparams(
            bindparam("ids", expanding=True))
        for key, case_no, title, summary in conn.execute(stmt, {"ids": chunk}):
            if any(term in run for run in (*runs(case_no[:2000]), *runs(f"{title} {summary or ''}"[:2000]))):
                out.add(key)
    return out


def search_case_ids(db_or_session: Database | Session | Connection, text: str, *,
                    limit: int | None = DEFAULT_LIMIT) -> list[uuid.UUID]:
    """Ids of the (not deleted) cases matching every term of ``text``: matches of names, pinyin and numbers
    first, then of titles and summaries; newest indexed first within each. Empty or punctuation-only
    text matches nothing (show the unfiltered list instead)."""
    return [as_uuid(key) for key in search_case_keys(db_or_session, text, limit=limit)]


def search_case_keys(db_or_session: Database | Session | Connection, text: str, *,
                     limit: int | None = DEFAULT_LIMIT) -> list[Any]:
    """As :func:`search_case_ids`, with the ids as stored (hex text on SQLite, UUIDs on PostgreSQL): the
    case list compares them with stored ids again, and a thousand ``UUID`` objects per keystroke cost time."""
    terms = terms_of_query(text)
    if not terms:
        return []
    if isinstance(db_or_session, Database):
        with db_or_session.engine.connect() as conn:
            return _search(conn, terms, limit)
    if isinstance(db_or_session, Session):
        return _search(db_or_session.connection(), terms, limit)
    return _search(db_or_session, terms, limit)


def _ids_of(conn: Connection, docs: Sequence[int]) -> list[tuple[int, Any]]:
    """(doc, case id as stored) of these docs, in their order (a doc whose row is gone is left out)."""
    found: dict[int, Any] = {}
    stmt = text("SELECT doc, case_id FROM case_search_row WHERE doc IN :docs").bindparams(
        bindparam("docs", expanding=True))
    for start in range(0, len(docs), _CHUNK):
        found.update((d, k) for d, k in conn.execute(stmt, {"docs": list(docs[start:start + _CHUNK])}))
    return [(d, found[d]) for d in docs if d in found]


def _word_docs(conn: Connection, term: str, docs: Iterable[int], limit: int | None) -> list[tuple[int, Any]]:
    """Of ``docs`` (newest first: found by all the pairs of ``term``), those whose text holds ``term`` (a term
    of 3 or more characters is confirmed against the text), up to ``limit``."""
    ordered = list(docs)
    if len(term) <= 2:
        return _ids_of(conn, ordered if limit is None else ordered[:limit])
    out: list[tuple[int, Any]] = []
    step = 200 if limit is None else max(limit, 50)
    for start in range(0, len(ordered), step):
        found = _ids_of(conn, ordered[start:start + step])
        holding = _texts_hold(conn, [k for _, k in found], term)
        out.extend((d, k) for d, k in found if k in holding)
        if limit is not None and len(out) >= limit:
            return out[:limit]
    return out


def _narrowing(conn: Connection, terms: Iterable[str]) -> set[int]:
    """The docs that match every one of ``terms`` by key or (confirmed) word (index reads, no case rows but
    for the texts of 3-or-more-character words)."""
    allowed: set[int] | None = None
    for term in terms:
        docs = _doc_set(conn, key_lookup(term, _pg(conn)))
        words = word_lookup(term)
        if words is not None:
            candidates = sorted(_doc_set(conn, words) - docs, reverse=True)
            if allowed is not None:
                candidates = [d for d in candidates if d in allowed]
            docs.update(d for d, _ in _word_docs(conn, term, candidates, None))
        allowed = docs if allowed is None else allowed & docs
        if not allowed:
            break
    return allowed or set()


def _search(conn: Connection, terms: list[str], limit: int | None) -> list[Any]:
    first, rest = terms[0], terms[1:]
    words = word_lookup(first)
    also = None
    if rest and conn.dialect.name == "postgresql" and all(len(t) <= 2 for t in rest):
        # every further term found by its keys or its words, none to confirm against the text (every doc of
        # fts_case has its row there): one tsquery ANDed with the first term's, searched in windows like one term
        also, rest = " & ".join(f"({_tsquery(key_lookup(t, True) + (word_lookup(t) or ()))})" for t in rest), []
    if rest:  # several terms: sets of docs from the index, then the case ids of the newest only
        allowed = _narrowing(conn, rest)
        if not allowed:
            return []
        keyed = sorted(_doc_set(conn, key_lookup(first, _pg(conn))) & allowed, reverse=True)
        out = [k for _, k in _ids_of(conn, keyed if limit is None else keyed[:limit])]
        if words is None or (limit is not None and len(out) >= limit):
            return out if limit is None else out[:limit]
        candidates = sorted((_doc_set(conn, words) & allowed) - set(keyed), reverse=True)
        more = _word_docs(conn, first, candidates, None if limit is None else limit - len(out))
        return out + [k for _, k in more]
    keyed_rows = _found(conn, key_lookup(first, _pg(conn)), limit, None, also)
    out = [k for _, k in keyed_rows]
    if words is None or (limit is not None and len(out) >= limit):
        return out if limit is None else out[:limit]
    # words only: the docs found by key are all known here (fewer than the limit), so they are left out exactly
    seen = {d for d, _ in keyed_rows}
    below: int | None = None
    step = 200 if limit is None else max(limit, 50)
    while limit is None or len(out) < limit:
        batch = _found(conn, words, None if limit is None else step, below, also)
        if not batch:
            break
        below = batch[-1][0]
        found = [(d, k) for d, k in batch if d not in seen]
        if len(first) > 2 and found:
            holding = _texts_hold(conn, [k for _, k in found], first)
            found = [(d, k) for d, k in found if k in holding]
        out.extend(k for _, k in found)
        if limit is None or len(batch) < step:
            break
    return out if limit is None else out[:limit]
