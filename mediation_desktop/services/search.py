"""Instant case search: party names, pinyin (全拼) and initials (首字母), case numbers, ID numbers, phones
and the words of titles and summaries, fast enough to run on every keystroke with 100,000 cases.

The index is the database engine's own full-text index (``storage.fulltext``: FTS5 on SQLite, a GIN-indexed
``tsvector`` on PostgreSQL), one row per case, written in the same transaction as every change that
registers, corrects or imports a case (``index_cases``, ``refresh_cases``), and rebuilt from the cases at
will (``rebuild_index``): all in ``services.search_index``, and importable from here. What a case is found
by — its tokens — is made in ``services.search_keys``.

This module combines a query's terms; ``search_terms`` makes them and their lookups, ``search_reads`` reads
the index for them (``search_pg``: PostgreSQL's newest matches, looked for in windows of docs).

A term is looked up as (see ``search_keys`` for the token kinds):

* one character: a name containing it (``c``), or, for a Latin letter, a pinyin syllable starting with it
  among a name's first four (``q``); PostgreSQL holds no ``q`` and finds a letter by
  prefix (``p``), and looks two pinyin letters up by ``r`` (``search_index.pg_keys``);
* Latin letters: the start of a full pinyin reading or of the initials (a Latin name is its own pinyin);
* anything else: a part of a name (``n``), the start of an ID-number or phone fragment (``l``), of a
  case-number fragment (``m`` exactly up to four characters, ``h`` by prefix from five: held with the pairs);
* and, from two characters on (not digits alone), the title, summary and case number by their character
  pairs (``g``); a longer term needs all its pairs and is then confirmed against the text, so 张三丰 never
  finds a text with 张三 and 三丰 apart.

Whitespace separates terms that must all match, except that Latin letters typed apart are one pinyin term
(``zhang san``, ``z s``). Punctuation and wildcards are ignored. Cases found by the first term's keys come
first, then those found only by its words; newest (highest doc) first within each.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import replace
from typing import Any, cast

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from mediation_desktop.services.search_index import (
    as_uuid,
    digest,
    forget_cases,
    index_cases,
    index_is_complete,
    load_case_texts,
    original_numbers,
    packed_texts,
    pg_keys,
    rebuild_index,
    refresh_cases,
    reindex_case,
    sqlite_rows,
)
from mediation_desktop.services.search_reads import (
    doc_set,
    finds_any,
    found_docs,
    newest_ids,
    newest_of,
    texts_hold,
    word_docs,
)
from mediation_desktop.services.search_terms import Lookup, end_part, key_lookup, terms_of_query, tsquery, word_lookup
from mediation_desktop.storage.database import Database

__all__ = ["DEFAULT_LIMIT", "as_uuid", "digest", "forget_cases", "index_cases", "index_is_complete",
           "load_case_texts", "original_numbers", "packed_texts", "pg_keys", "rebuild_index", "refresh_cases",
           "reindex_case", "search_case_ids", "search_case_keys", "sqlite_rows", "terms_of_query"]

DEFAULT_LIMIT = 1000


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


def _pg(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def _narrowing(conn: Connection, terms: Iterable[str], allowed: set[int]) -> set[int]:
    """Of ``allowed``, the docs that match every one of ``terms`` by key or (confirmed) word (index reads, no case
    rows but for the texts of 3-or-more-character words: only of docs still allowed)."""
    for term in terms:
        docs = doc_set(conn, key_lookup(term, _pg(conn)))
        words = word_lookup(term)
        if words is not None and not _confirmed(term):  # nothing to confirm against the text
            docs |= doc_set(conn, words)
        elif words is not None:
            candidates = sorted((doc_set(conn, words) & allowed) - docs, reverse=True)
            docs.update(d for d, _ in word_docs(conn, term, candidates, None))
        allowed = allowed & docs
        if not allowed:
            break
    return allowed


def _confirmed(term: str) -> bool:
    """Whether a term's matches are confirmed against the text: its words, when it has 3 or more characters (digits
    alone have no words: 周 2023 asks 2023's keys only, as 2023 工资 does)."""
    return len(term) > 2 and word_lookup(term) is not None


def _words_only(conn: Connection, term: str) -> bool:
    """SQLite: whether a term of 3 or more characters is found by its pairs alone (its keys, a name part or a number,
    find nothing): it can then be asked with the first term's ``MATCH`` and confirmed on the rows read."""
    return _confirmed(term) and not any(finds_any(conn, (part,)) for part in key_lookup(term))


def _search(conn: Connection, terms: list[str], limit: int | None) -> list[Any]:
    first, rest = terms[0], terms[1:]
    words = word_lookup(first)
    also: str | list[Lookup] | None = None
    confirm: list[str] = []  # SQLite: further terms found by their pairs, confirmed on each row the search reads
    if rest and _pg(conn) and not any(map(_confirmed, rest)):
        # every further term found by its keys or its words, none to confirm against the text (every indexed doc
        # has its row): one tsquery ANDed with the first term's, searched in windows like one term
        also = " & ".join(f"({tsquery(key_lookup(t, True) + (word_lookup(t) or ()))})" for t in rest)
        rest = []
    elif rest and not _pg(conn) and all(not _confirmed(t) or _words_only(conn, t) for t in rest):
        # SQLite: asked in the first term's MATCH where only its table holds them, else each term's docs a set the
        # engine builds (one window of docs at a time) and the first term's newest are filtered by; a longer term
        # found by its pairs alone is confirmed on each row read (周 宅基地: 1,000 rows of one statement, where its
        # ≈ 1,400 docs' texts were read first and the 周 ones kept)
        also = [cast(Lookup, word_lookup(t)) if _confirmed(t) else key_lookup(t) + (word_lookup(t) or ())
                for t in rest]
        confirm = [t for t in rest if _confirmed(t)]
        rest = []
    if rest:  # several terms: sets of docs from the index, then the case ids of the newest only
        keyed_all = doc_set(conn, key_lookup(first, _pg(conn)))
        worded = doc_set(conn, words) if words is not None else set()
        # the further terms narrow the first one's docs (its words not yet confirmed), the shortest first: a longer
        # term is confirmed against the texts of the docs still allowed only
        allowed = _narrowing(conn, sorted(rest, key=len), keyed_all | worded)
        if not allowed:
            return []
        keyed = sorted(keyed_all & allowed, reverse=True)
        out = [k for _, k in newest_ids(conn, keyed, limit)]
        if words is None or (limit is not None and len(out) >= limit):
            return out if limit is None else out[:limit]
        candidates = sorted((worded & allowed) - set(keyed), reverse=True)
        more = word_docs(conn, first, candidates, None if limit is None else limit - len(out))
        return out + [k for _, k in more]
    keyed_rows = found_docs(conn, key_lookup(first, _pg(conn)), limit, None, also, confirm)
    out = [k for _, k in keyed_rows]
    if words is None or (limit is not None and len(out) >= limit):
        return out if limit is None else out[:limit]
    # words only: the docs found by key are all known here (fewer than the limit), so they are left out exactly
    seen = {d for d, _ in keyed_rows}
    wanted = None if limit is None else limit - len(out)
    ends = end_part(first) if _confirmed(first) else None
    held: list[tuple[int, Any]] = []
    if ends is not None:  # (43号) the cases whose number's serial ends so hold it: read apart, not confirmed one by
        # one, and left out of the pairs' reads (1,300 rows joined to their cases at 100,000 cases)
        if _pg(conn):
            asked = None if wanted is None else wanted + len(seen)
            held = [(d, k) for d, k in found_docs(conn, (ends,), asked, None, also) if d not in seen]
        else:
            held = found_docs(conn, (ends,), wanted, None, also, confirm, seen)
        words = (replace(words[0], but_not=ends.tokens[0][0]),)
    # (the newest held fill the limit: the texts need only be read above the last of them)
    floor = held[wanted - 1][0] if wanted is not None and len(held) >= wanted else None
    if not _pg(conn):  # the longer terms confirmed on the rows read, read on until the limit is kept
        more = found_docs(conn, words, wanted, None, also, [first, *confirm] if _confirmed(first) else confirm, seen,
                          floor)
        return out + [k for _, k in newest_of([held, more], wanted)]
    below: int | None = None
    step = 200 if limit is None else max(limit, 50)
    apart: list[tuple[int, Any]] = []
    while wanted is None or len(apart) < wanted:
        batch = found_docs(conn, words, None if limit is None else step, below, also)
        if not batch:
            break
        below = batch[-1][0]
        found = [(d, k) for d, k in batch if d not in seen and (floor is None or d > floor)]
        if _confirmed(first) and found:
            holding = texts_hold(conn, [k for _, k in found], first)
            found = [(d, k) for d, k in found if k in holding]
        apart.extend(found)
        if limit is None or len(batch) < step or (floor is not None and below <= floor):
            break
    return out + [k for _, k in newest_of([held, apart], wanted)]
