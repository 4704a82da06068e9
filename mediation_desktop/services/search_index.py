"""Writing the case search index (see ``services.search``): one row per case, written in the same transaction
as every change that registers, corrects or imports a case (``index_cases``, ``refresh_cases``), taken out with
it (``forget_cases``), and rebuilt from the cases at will (``rebuild_index``). What a case is found by — its
tokens — is made in ``services.search_keys`` from its text (``load_case_texts``, ``packed_texts``).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, delete, inspect, null, select, text

from mediation_desktop.services.search_keys import CaseText, case_tokens
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.fulltext import PG_PINYIN_STARTS, blocks_sql
from mediation_desktop.storage.models import Case, CaseSearchRow, Party

__all__ = ["CHUNK", "as_uuid", "digest", "forget_cases", "index_cases", "index_is_complete", "load_case_texts",
           "original_numbers", "packed_texts", "pg_keys", "rebuild_index", "refresh_cases", "reindex_case",
           "sqlite_rows"]

CHUNK = 900  # ids per IN (...) list (SQLite's bound-variable limit is 999 on old builds)


def digest(*tokens: str) -> int:
    """A signed 64-bit digest of a case's tokens: an edit that leaves them as they were writes nothing."""
    return int.from_bytes(hashlib.blake2b("|".join(tokens).encode(), digest_size=8).digest(), "big", signed=True)


def _driver_id(conn: Connection, value: Any, driver_values: bool) -> Any:
    if driver_values or conn.dialect.name != "sqlite":
        return value if driver_values or isinstance(value, uuid.UUID) else as_uuid(value)
    return as_uuid(value).hex  # the Uuid type's form on SQLite


def sqlite_rows(tokens: tuple[str, str, str]) -> tuple[str, str, str]:
    """The texts of a case's rows in SQLite's three full-text tables (``fts_case_key``, ``_number``, ``_gram``) from
    its ``case_tokens``: since revision 0015 the key tokens looked up exactly (``c``, ``q``: a name's characters, its
    syllables' first letters) are held with the pairs, so that one ``MATCH`` ANDs a one-character term with another
    term's pairs or characters (``search_reads``) and the key table keeps what is looked up by prefix (``n``, ``p``).

    The keys come sorted (``case_tokens``), so the ``c`` tokens are a run at the start, the ``q`` tokens one at the
    end, and the string is cut at two places instead of split into its tokens (a case's keys are ≈ 45 tokens)."""
    keys, numbers, grams = tokens
    cut = 0
    if keys.startswith("c"):  # the c run ends where the first token of another kind begins
        ends = [i for i in (keys.find(" n"), keys.find(" p"), keys.find(" q")) if i >= 0]
        cut = min(ends) + 1 if ends else len(keys) + 1
    q = cut if keys.startswith("q", cut) else keys.find(" q", cut) + 1 or len(keys) + 1
    exact = " ".join(filter(None, (grams, keys[:max(cut - 1, 0)], keys[q:])))
    return keys[cut:max(q - 1, cut)], numbers, exact


def index_cases(conn: Connection, cases: Sequence[CaseText], *, driver_values: bool = False,
                tokens: Sequence[tuple[str, str, str]] | None = None, exact_apart: bool = True,
                numbers_apart: bool = True) -> int:
    """Add ``cases`` (not yet indexed) to the index, inside the caller's transaction. Returns the cases written.

    With ``driver_values`` the case ids are already in the SQLite driver's form (hex text); ``tokens``, when
    given, are ``case_tokens()`` of each case, made ahead (``services.token_worker``). ``exact_apart=False``: on
    SQLite the ``c`` and ``q`` tokens are written in the key table, as before revision 0015 (its downgrade);
    ``numbers_apart=False``: a case number's tokens are the numbers' ``l`` tokens, as before revision 0016
    (``search_keys.number_tokens``).
    """
    if not cases:
        return 0
    if tokens is None:
        tokens = [case_tokens(c, numbers_apart=numbers_apart) for c in cases]
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
        rows = [sqlite_rows(t) for t in tokens] if exact_apart else tokens
        for i, table in enumerate(("key", "number", "gram")):
            conn.exec_driver_sql(f"INSERT INTO fts_case_{table} (rowid, tokens) VALUES (?, ?)",
                                 [(d, t[i]) for d, t in zip(docs, rows, strict=True)])
    else:  # PostgreSQL: one statement for the batch, the arrays unnested by the server in their order; each doc
        # with the block lexemes of the number it is given (storage.fulltext, revision 0014)
        conn.execute(text(
            "WITH given AS (SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:digests AS bigint[]), "
            "CAST(:tokens AS text[])) WITH ORDINALITY AS t (case_id, digest, tokens, n)), "
            "made AS (INSERT INTO case_search_row (case_id, digest) SELECT case_id, digest FROM given ORDER BY n "
            "RETURNING doc, case_id) "
            "INSERT INTO fts_case (doc, tokens) SELECT made.doc, array_to_tsvector(string_to_array(given.tokens, ' ') "
            f"|| {blocks_sql('made.doc')}) FROM made JOIN given ON given.case_id = made.case_id"),
            {"ids": [str(i) for i in ids], "digests": digests,
             "tokens": [" ".join(filter(None, (pg_keys(t[0]), t[1], t[2]))) for t in tokens]})
    return len(cases)


def pg_keys(keys: str) -> str:
    """The key tokens PostgreSQL holds: all but a Latin letter's (``q``: GIN's prefix search finds its cases), and
    for each pinyin of two or more letters the exact lexemes of its first two, three and four (``r``: those it has),
    which SQLite's prefix index has and a GIN prefix search would merge from many posting lists (``storage.fulltext``,
    revisions 0013 and 0014)."""
    held = [k for k in keys.split(" ") if k[:1] != "q"]
    starts = {"r" + k[1:1 + n] for k in held if k[:1] == "p" for n in PG_PINYIN_STARTS if len(k) > n}
    return " ".join([*held, *sorted(starts)])


def packed_texts(tables: Sequence[tuple[str, list[str], list[list[Any]]]], case_numbers: Sequence[str]
                 ) -> list[CaseText]:
    """The texts of a demo batch, from its columns (``demo_writer.Packed.tables``) and its case numbers."""
    columns = {name: dict(zip(keys, values, strict=True)) for name, keys, values in tables}
    cases = columns["mediation_case"]
    texts = {cid: CaseText(cid, number, title, summary or "") for cid, number, title, summary in zip(
        cases["id"], case_numbers, cases["title"], cases["summary"], strict=True)}
    party = columns.get("party")
    if party is not None:
        nothing = [None] * len(party["case_id"])  # (a batch without the 法定代理人's numbers)
        for cid, name, rep, id_number, phone, rep_id, rep_phone in zip(
                party["case_id"], party["name"], party["representative"], party["id_number"], party["phone"],
                party.get("representative_id_number", nothing), party.get("representative_phone", nothing),
                strict=True):
            _add_party(texts[cid], name, rep, id_number, phone, rep_id, rep_phone)
    return list(texts.values())


def _add_party(entry: CaseText, name: str | None, representative: str | None, id_number: str | None,
               phone: str | None, *guardian_numbers: str | None) -> None:
    """A party's names and numbers into its case's text (empty ones left out); a person's 法定代理人 is found by
    their ID number and phone as the party is."""
    entry.names.extend(n for n in (name, representative) if n)
    entry.numbers.extend(n for n in (id_number, phone, *guardian_numbers) if n)


def as_uuid(value: uuid.UUID | str) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(value)


def _has_guardian_numbers(conn: Connection) -> bool:
    """Whether the party table has the 法定代理人's numbers (revision 0019): a migration before it rebuilds the index
    on a table without them."""
    return any(c["name"] == "representative_phone" for c in inspect(conn).get_columns("party"))


def load_case_texts(conn: Connection, case_ids: Sequence[Any] | None = None) -> list[CaseText]:
    """The indexable text of the given (not deleted) cases — all, in list order, when None — as stored now."""
    stmt = (select(Case.id, Case.case_no, Case.title, Case.summary, Case.extra).where(Case.deleted_at.is_(None))
            .order_by(Case.registered_on, Case.year, Case.serial))
    guardian = ((Party.representative_id_number, Party.representative_phone) if _has_guardian_numbers(conn)
                else (null(), null()))
    party_stmt = select(Party.case_id, Party.name, Party.representative, Party.id_number, Party.phone,
                        *guardian).where(Party.deleted_at.is_(None))
    chunks: list[list[uuid.UUID] | None] = [None]
    if case_ids is not None:
        ids = [as_uuid(i) for i in case_ids]
        chunks = [ids[i:i + CHUNK] for i in range(0, len(ids), CHUNK)]
    texts: dict[uuid.UUID, CaseText] = {}
    for chunk in chunks:
        s, p = (stmt, party_stmt) if chunk is None else (stmt.where(Case.id.in_(chunk)),
                                                        party_stmt.where(Party.case_id.in_(chunk)))
        texts.update((row.id, CaseText(row.id, row.case_no, row.title, row.summary or "",
                                                 numbers=original_numbers(row.extra)))
                     for row in conn.execute(s))
        for case_id, name, rep, id_number, phone, rep_id, rep_phone in conn.execute(p):
            found = texts.get(case_id)
            if found is not None:
                _add_party(found, name, rep, id_number, phone, rep_id, rep_phone)
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
    for start in range(0, len(ids), CHUNK):
        conn.execute(delete(CaseSearchRow).where(CaseSearchRow.case_id.in_(ids[start:start + CHUNK])))


def refresh_cases(conn: Connection, case_ids: Sequence[Any]) -> int:
    """Bring these cases' index rows up to date after a change (flushed), inside the caller's transaction: a
    case whose tokens are as they were keeps its row, a changed one gets a new doc, a deleted one leaves.
    Returns the cases (re)written."""
    ids = [as_uuid(i) for i in case_ids]
    if not ids:
        return 0
    texts = load_case_texts(conn, ids)
    known: dict[uuid.UUID, int] = {}
    for start in range(0, len(ids), CHUNK):
        known.update((case_id, d) for case_id, d in conn.execute(
            select(CaseSearchRow.case_id, CaseSearchRow.digest)
            .where(CaseSearchRow.case_id.in_(ids[start:start + CHUNK]))))
    changed = []
    for t in texts:
        if known.get(as_uuid(t.case_id)) != digest(*case_tokens(t)):
            changed.append(t)
    live = {as_uuid(t.case_id) for t in texts}
    forget_cases(conn, [c.case_id for c in changed] + [i for i in known if i not in live])
    return index_cases(conn, changed)


def reindex_case(conn: Connection, case_id: uuid.UUID) -> None:
    """Index one case again after an edit (parties, title, summary), inside the caller's transaction."""
    refresh_cases(conn, [case_id])


def rebuild_index(db_or_conn: Database | Connection, *, batch: int = 5000, exact_apart: bool = True,
                  numbers_apart: bool = True) -> int:
    """Drop and rebuild the whole index from the cases (one transaction), their docs in the order they had. Returns
    the cases indexed. (``exact_apart``, ``numbers_apart``: see ``index_cases``.)"""
    if isinstance(db_or_conn, Database):
        from mediation_desktop.storage.engine import WRITE

        with db_or_conn.engine.execution_options(**WRITE).connect() as conn, conn.begin():
            return rebuild_index(conn, batch=batch, exact_apart=exact_apart, numbers_apart=numbers_apart)
    from mediation_desktop.storage.fulltext import create_fulltext, create_gin_index, drop_fulltext

    conn = db_or_conn
    # the cases in the order of their docs as they are (an edited case's doc is newer than its number says: the
    # newest first stays so), those without one after them in list order
    held: dict[Any, int] = {case_id: doc for case_id, doc in conn.execute(
        select(CaseSearchRow.case_id, CaseSearchRow.doc))}
    texts = load_case_texts(conn)
    last = 1 + max(held.values(), default=0)
    texts = [t for _, t in sorted(enumerate(texts), key=lambda it: (held.get(as_uuid(it[1].case_id), last), it[0]))]
    drop_fulltext(conn)  # (on SQLite this also drops the rows that no doc joins any more)
    conn.execute(delete(CaseSearchRow))
    create_fulltext(conn, index=False)  # (PostgreSQL: its GIN index is built once the rows are all in)
    for start in range(0, len(texts), batch):
        index_cases(conn, texts[start:start + batch], exact_apart=exact_apart, numbers_apart=numbers_apart)
    create_gin_index(conn)
    return len(texts)


def index_is_complete(conn: Connection) -> bool:
    """Every case that is not deleted has its row, and no deleted case has one."""
    missing = (select(Case.id).where(Case.deleted_at.is_(None), ~select(CaseSearchRow.doc)
                                     .where(CaseSearchRow.case_id == Case.id).exists()).limit(1))
    deleted = (select(CaseSearchRow.doc).join(Case, Case.id == CaseSearchRow.case_id)
               .where(Case.deleted_at.is_not(None)).limit(1))
    return conn.execute(missing).first() is None and conn.execute(deleted).first() is None
