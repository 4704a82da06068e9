"""Instant case search: party names, pinyin (全拼) and initials (首字母), case numbers, ID numbers, phones
and the words of titles and summaries, fast enough to run on every keystroke with 100,000 cases.

The index (``case_search_doc`` / ``case_search_term``) is derived data kept in step with the cases in the
same transaction as every change that registers one (``index_cases``), and can be rebuilt from the cases
at any time (``rebuild_index``). Each case has a small integer, its doc (newer = larger); each key has a
posting list stored as bitmap rows ``(epoch, term, block, bits)`` under the primary key (one row per 62
docs that share the key; an epoch is 32 blocks). A lookup is one range seek per epoch, newest epochs first,
stopping once enough cases match — plain SQL on SQLite and PostgreSQL alike — and the set work is integer
``&`` and ``|`` in Python:

* ``L`` keys — literal text: every suffix of a party's or representative's name (张三 → 张三, 三), so a term
  matches any part of a name by prefix, 1-character terms too (where FTS5 trigram finds nothing); the
  case number (punctuation dropped) from its start and from each run of digits (第15号, 15号, 2026), and
  its digits alone; ID numbers, credit codes and phones from their start, their last 4, 6 or 8 characters
  and, in a resident ID, the birth date (an index row for every position would double the index).
* ``P`` keys — full pinyin and initials of names from each of the first four syllables on
  (张三 → zhangsan, san, zs, s), also with the surname readings of polyphonic and compound surnames
  (单 dan *and* shan, 曾 ceng *and* zeng, 尉迟 yuchi, …). A term of Latin letters looks only here (a Latin
  name is its own pinyin), so it matches the start of a full reading or of the initials.
* ``C`` / ``Q`` keys — each character of a name, and each letter a ``P`` key starts with: a 1-character
  term (the first keystroke) is one exact key per epoch instead of the range of every name it begins.
* ``G`` keys — the distinct bigrams of case number, title and summary. A 2-character term is one lookup;
  a longer one needs all its bigrams (so, rarely, 张三丰 also finds a text with 张三 and 三丰 apart).
  Single characters do not search free text: one character is in a large share of all summaries.

The keys of a case are made in ``services.search_keys``; this module writes and reads the index.
Whitespace separates terms that must all match, except that Latin letters typed apart are one pinyin
term (``zhang san``, ``z s``). Punctuation and SQL wildcards are ignored.

An import does not index its cases in its own transaction (their keys cost more than the import): it lists
them in ``case_search_backlog``, and ``services.search_backlog`` indexes them after the commit, a batch per
transaction (the window does it in the background, the command line before it ends). Until a case is
indexed, a search looks for each term in its number, title, summary and party names, ID numbers and phones
as literal text (``LIKE``): pinyin finds it only once it is indexed.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    BindParameter,
    Connection,
    String,
    bindparam,
    case,
    delete,
    exists,
    func,
    insert,
    inspect,
    or_,
    select,
    text,
    type_coerce,
    update,
)
from sqlalchemy.orm import Session

from mediation_desktop.services.search_keys import CaseText, case_terms, normalise
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Case, CaseSearchBacklog, CaseSearchDoc, CaseSearchTerm, Party
from mediation_desktop.storage.models.search import BLOCK_BITS, EPOCH_BLOCKS, TERM_LENGTH

__all__ = ["as_uuid", "forget_cases", "index_cases", "index_is_complete", "load_case_texts", "packed_texts",
           "rebuild_index", "reindex_case", "search_case_ids", "search_case_keys", "terms_of_query"]

DEFAULT_LIMIT = 1000
_TOP = "\U0010ffff"  # above every character: 'x' <= term < 'x' + _TOP is "term starts with x"
_FIRST_CHUNK, _MAX_CHUNK = 1, 64  # epochs per lookup: the newest first (common terms stop there), then more

# -- writing -------------------------------------------------------------------------------------------

def _next_doc(conn: Connection) -> int:
    return int(conn.scalar(select(func.max(CaseSearchDoc.doc))) or 0) + 1


_UPSERT = ("INSERT INTO case_search_term (epoch, term, block, bits) VALUES ({e}, {t}, {b}, {m}) "
           "ON CONFLICT (epoch, term, block) "
           "DO UPDATE SET bits = case_search_term.bits | excluded.bits")  # SQLite ≥ 3.24 and PostgreSQL


def index_cases(conn: Connection, cases: Sequence[CaseText], *, driver_values: bool = False) -> int:
    """Add ``cases`` (not yet indexed) to the index, inside the caller's transaction. Returns the rows written.

    With ``driver_values`` the case ids are already in the SQLite driver's form (the demo writer's rows).
    """
    if not cases:
        return 0
    first = _next_doc(conn)
    docs = list(range(first, first + len(cases)))
    postings: dict[int, dict[str, int]] = {}  # block -> term -> bits
    for doc, c in zip(docs, cases, strict=True):
        block, bit = divmod(doc, BLOCK_BITS)
        bits = postings.setdefault(block, {})
        flag = 1 << bit
        for term in case_terms(c):
            bits[term] = bits.get(term, 0) | flag
    # in key order per epoch (terms sorted, as strings only: cheap), so the rows land page after page
    rows = [(block // EPOCH_BLOCKS, term, block, bits[term]) for block, bits in sorted(postings.items())
            for term in sorted(bits)]
    if driver_values:
        conn.exec_driver_sql("INSERT INTO case_search_doc (doc, case_id) VALUES (?, ?)",
                             [(doc, c.case_id) for doc, c in zip(docs, cases, strict=True)])
    else:
        conn.execute(insert(CaseSearchDoc), [{"doc": doc, "case_id": as_uuid(c.case_id)}
                                             for doc, c in zip(docs, cases, strict=True)])
    if conn.dialect.name == "sqlite":  # text and integers: straight to the driver
        conn.exec_driver_sql(_UPSERT.format(e="?", t="?", b="?", m="?"), rows)
    elif conn.dialect.name == "postgresql":  # one statement for the batch: four arrays, unnested by the server
        e, t, b, m = (list(c) for c in zip(*rows, strict=True)) if rows else ([], [], [], [])
        conn.execute(text(
            "INSERT INTO case_search_term (epoch, term, block, bits) SELECT * FROM unnest("
            "CAST(:e AS integer[]), CAST(:t AS text[]), CAST(:b AS integer[]), CAST(:m AS bigint[])) "
            "ON CONFLICT (epoch, term, block) DO UPDATE SET bits = case_search_term.bits | excluded.bits"),
            {"e": e, "t": t, "b": b, "m": m})
    else:
        conn.execute(text(_UPSERT.format(e=":e", t=":t", b=":b", m=":m")),
                     [{"e": e, "t": t, "b": b, "m": m} for e, t, b, m in rows])
    return len(rows)


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


def load_case_texts(conn: Connection, case_ids: Sequence[uuid.UUID] | None = None) -> list[CaseText]:
    """The indexable text of the given cases (all, in list order, when None) as stored now."""
    stmt = (select(Case.id, Case.case_no, Case.title, Case.summary, Case.extra)
            .order_by(Case.registered_on, Case.year, Case.serial))
    party_stmt = select(Party.case_id, Party.name, Party.representative, Party.id_number, Party.phone).where(
        Party.deleted_at.is_(None))
    if case_ids is not None:
        stmt = stmt.where(Case.id.in_(case_ids))
        party_stmt = party_stmt.where(Party.case_id.in_(case_ids))
    texts = {row.id: CaseText(row.id, row.case_no, row.title, row.summary or "", numbers=_original_no(row.extra))
             for row in conn.execute(stmt)}
    for case_id, name, rep, id_number, phone in conn.execute(party_stmt):
        found = texts.get(case_id)
        if found is not None:
            found.names.extend(n for n in (name, rep) if n)
            found.numbers.extend(n for n in (id_number, phone) if n)
    return list(texts.values())


def _original_no(extra: Any) -> list[str]:
    """The clerk's own number of a case imported from a ledger (``extra["original_no"]``), searched like a
    number: the one place the case's search text takes it from."""
    number = extra.get("original_no") if isinstance(extra, dict) else None
    return [str(number)] if number else []


def forget_cases(conn: Connection, case_ids: Sequence[Any]) -> None:
    """Take cases out of the index, inside the caller's transaction: their docs go, and their bits are
    cleared from every key. (The next doc is one above the highest left: without the clearing, a doc number
    handed out again would bring the old case's keys to the new one.) One statement per epoch touched."""
    ids = [as_uuid(i) for i in case_ids]
    docs: list[int] = []
    for start in range(0, len(ids), 5000):
        chunk = ids[start:start + 5000]
        docs += conn.scalars(select(CaseSearchDoc.doc).where(CaseSearchDoc.case_id.in_(chunk))).all()
        conn.execute(delete(CaseSearchDoc).where(CaseSearchDoc.case_id.in_(chunk)))
    masks: dict[int, dict[int, int]] = {}  # epoch -> block -> bits of the docs going
    for doc in docs:
        block, bit = divmod(doc, BLOCK_BITS)
        by_block = masks.setdefault(block // EPOCH_BLOCKS, {})
        by_block[block] = by_block.get(block, 0) | (1 << bit)
    t = CaseSearchTerm
    for epoch, by_block in sorted(masks.items()):
        going = case(by_block, value=t.block, else_=0)
        conn.execute(update(t).where(t.epoch == epoch, t.block.in_(list(by_block)), t.bits.op("&")(going) != 0)
                     .values(bits=t.bits.op("&")(case({b: ~m for b, m in by_block.items()}, value=t.block,
                                                      else_=-1))))


def reindex_case(conn: Connection, case_id: uuid.UUID) -> None:
    """Index one case again after an edit (parties, title, summary), inside the caller's transaction: its
    old doc is forgotten (``forget_cases``: one epoch's rows, a few milliseconds) and it gets a new one.
    Call after the change is flushed."""
    forget_cases(conn, [case_id])
    index_cases(conn, load_case_texts(conn, [case_id]))


def rebuild_index(db_or_conn: Database | Connection, *, batch: int = 2000) -> int:
    """Drop and rebuild the whole index from the cases (one transaction). Returns the cases indexed."""
    if isinstance(db_or_conn, Database):
        from mediation_desktop.storage.engine import WRITE

        with db_or_conn.engine.execution_options(**WRITE).connect() as conn, conn.begin():
            return rebuild_index(conn, batch=batch)
    conn = db_or_conn
    conn.execute(delete(CaseSearchTerm))
    conn.execute(delete(CaseSearchDoc))
    if inspect(conn).has_table(CaseSearchBacklog.__tablename__):  # (not yet, while migration 0002 runs this)
        conn.execute(delete(CaseSearchBacklog))  # every case is indexed below
    texts = load_case_texts(conn)
    for start in range(0, len(texts), batch):
        index_cases(conn, texts[start:start + batch])
    return len(texts)


def index_is_complete(conn: Connection) -> bool:
    """Every case has its doc (cheap: two counts). A start-up check can call ``rebuild_index`` if not."""
    cases = conn.scalar(select(func.count()).select_from(Case))
    docs = conn.scalar(select(func.count()).select_from(CaseSearchDoc))
    return cases == docs


# -- searching -----------------------------------------------------------------------------------------

def terms_of_query(text: str) -> list[str]:
    """The normalised terms of what was typed (Latin letters typed apart are one pinyin term)."""
    words = [w for w in (normalise(part) for part in (text or "").split()) if w]
    if len(words) > 1 and all(w.isascii() and w.isalpha() for w in words):
        return ["".join(words)[:TERM_LENGTH - 1]]
    return [w[:TERM_LENGTH - 1] for w in words]


Bitmap = dict[int, int]  # block -> bits


# The statements of a lookup, made once (a keystroke runs dozens: building each anew cost a quarter of it).
_T = CaseSearchTerm
_EPOCHS: BindParameter[int] = bindparam("epochs", expanding=True)
_EXACT = select(_T.block, _T.bits).where(_T.epoch.in_(_EPOCHS), _T.term == bindparam("term"))
_RANGE = select(_T.block, _T.bits).where(_T.epoch.in_(_EPOCHS), _T.term >= bindparam("low"),
                                         _T.term < bindparam("high"))
_EXACT_IN = _EXACT.where(_T.block.in_(bindparam("blocks", expanding=True)))
_GRAM_COUNTS = (select(_T.term, func.count())
                .where(_T.epoch.in_(_EPOCHS), _T.term.in_(bindparam("grams", expanding=True)))
                .group_by(_T.term))
_CASE_IDS = (select(CaseSearchDoc.doc, type_coerce(CaseSearchDoc.case_id, String()))
             .join(Case, Case.id == CaseSearchDoc.case_id)
             .where(CaseSearchDoc.doc.in_(bindparam("docs", expanding=True)), Case.deleted_at.is_(None)))


def _bitmap(conn: Connection, stmt: Any, params: dict[str, Any]) -> Bitmap:
    """The docs of the (block, bits) rows ``stmt`` selects (one range seek per epoch: epoch leads the key)."""
    out: Bitmap = {}
    for block, bits in conn.execute(stmt, params).all():  # one fetch of every row: often thousands
        out[block] = out.get(block, 0) | bits
    return out


def _exact(conn: Connection, term: str, epochs: list[int]) -> Bitmap:
    return _bitmap(conn, _EXACT, {"epochs": epochs, "term": term})


def _prefixed(conn: Connection, kind: str, term: str, epochs: list[int]) -> Bitmap:
    """Keys that start with ``kind + term``: 'x' <= key < 'x' + the highest character."""
    return _bitmap(conn, _RANGE, {"epochs": epochs, "low": kind + term, "high": kind + term + _TOP})


def _or(a: Bitmap, b: Bitmap) -> Bitmap:
    out = dict(a)
    for block, bits in b.items():
        out[block] = out.get(block, 0) | bits
    return out


def _and(a: Bitmap, b: Bitmap) -> Bitmap:
    return {block: m for block, bits in a.items() if (m := bits & b.get(block, 0))}


def _minus(a: Bitmap, b: Bitmap) -> Bitmap:
    return {block: m for block, bits in a.items() if (m := bits & ~b.get(block, 0))}


def _count(bitmap: Bitmap) -> int:
    return sum(bits.bit_count() for bits in bitmap.values())


def _grams(conn: Connection, grams: list[str], epochs: list[int]) -> Bitmap:
    """The docs in ``epochs`` that have every one of the bigram keys ``grams``.

    The rows of each gram are counted first (in the index, nothing fetched); then the grams are read from
    the rarest on, each only in the blocks still left — the pairs of a case number (第1, 10, 3号) and of
    amounts are in a large share of all cases, together in few.
    """
    if len(grams) == 1:
        return _exact(conn, grams[0], epochs)
    counts = dict(conn.execute(_GRAM_COUNTS, {"epochs": epochs, "grams": grams}).all())
    if len(counts) < len(grams):
        return {}  # a gram that no doc in these epochs has
    ordered = sorted(grams, key=lambda g: counts[g])
    out = _exact(conn, ordered[0], epochs)
    for gram in ordered[1:]:
        if not out:
            break
        blocks = sorted(out)
        if len(blocks) * 4 < len(epochs) * EPOCH_BLOCKS:  # few blocks left: a seek for each
            found = _bitmap(conn, _EXACT_IN, {"epochs": sorted({b // EPOCH_BLOCKS for b in blocks}),
                                              "term": gram, "blocks": blocks})
        else:  # most blocks: reading the ranges is quicker
            found = _exact(conn, gram, epochs)
        out = _and(out, found)
    return out


def _matches(conn: Connection, term: str, epochs: list[int], *, words_wanted: bool = True
             ) -> tuple[Bitmap, Bitmap]:
    """The docs in ``epochs`` whose names, pinyin or numbers match ``term``, and those whose text does
    (not looked up when ``words_wanted`` is false)."""
    letters = term.isascii() and term.isalpha()  # pinyin keys hold Latin names too
    if len(term) == 1:  # the first keystroke: one exact key, not the range of every name with the character
        return _exact(conn, ("Q" if letters else "C") + term, epochs), {}
    keys = _prefixed(conn, "P" if letters else "L", term, epochs)
    words: Bitmap = {}
    if words_wanted and len(term) > 1 and not term.isdigit():
        words = _grams(conn, sorted({"G" + term[i:i + 2] for i in range(len(term) - 1)}), epochs)
    return keys, words


def _docs(bitmap: Bitmap, limit: int | None) -> list[int]:
    """The docs of ``bitmap``, newest first."""
    out: list[int] = []
    for block in sorted(bitmap, reverse=True):
        bits, base = bitmap[block], block * BLOCK_BITS
        while bits:
            top = bits.bit_length() - 1
            out.append(base + top)
            if limit is not None and len(out) >= limit:
                return out
            bits ^= 1 << top
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


_BACKLOG_ANY = select(CaseSearchBacklog.case_id).limit(1)


def _waiting_matches(conn: Connection, terms: list[str], limit: int | None) -> tuple[list[Any], list[Any]]:
    """Cases not indexed yet (see ``services.search_backlog``) with every term in their text, newest first, ranked as
    the index ranks: (first term in the number or a party's name, ID number or phone; only in the title or
    summary). As in the index, one character or digits alone do not search the title and summary."""
    def keys(term: str) -> Any:
        party = exists().where(Party.case_id == Case.id, Party.deleted_at.is_(None), or_(
            *(c.icontains(term, autoescape=True) for c in (Party.name, Party.representative, Party.id_number,
                                                             Party.phone))))
        return or_(Case.case_no.icontains(term, autoescape=True), party)

    def anywhere(term: str) -> Any:
        if len(term) < 2 or term.isdigit():
            return keys(term)
        return or_(keys(term), Case.title.icontains(term, autoescape=True),
                   Case.summary.icontains(term, autoescape=True))

    by_key = case((keys(terms[0]), 1), else_=0)
    stmt = (select(type_coerce(Case.id, String()), by_key)
            .join(CaseSearchBacklog, CaseSearchBacklog.case_id == Case.id)
            .where(Case.deleted_at.is_(None), *(anywhere(t) for t in terms))
            .order_by(by_key.desc(), Case.registered_on.desc(), Case.year.desc(), Case.serial.desc()))
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = conn.execute(stmt).all()
    return [key for key, k in rows if k], [key for key, k in rows if not k]


def _search(conn: Connection, terms: list[str], limit: int | None) -> list[Any]:
    """The index's matches, and while cases wait for it (nearly never), theirs in the same two ranks."""
    if conn.execute(_BACKLOG_ANY).first() is None:  # one key lookup
        by_key, by_text = _indexed(conn, terms, limit)
        return by_key + by_text
    waiting_key, waiting_text = _waiting_matches(conn, terms, limit)
    by_key, by_text = _indexed(conn, terms, limit)
    ranked = list(dict.fromkeys([*waiting_key, *by_key, *waiting_text, *by_text]))  # each once, in rank order
    return ranked if limit is None else ranked[:limit]


def _indexed(conn: Connection, terms: list[str], limit: int | None) -> tuple[list[Any], list[Any]]:
    """Newest blocks first, in growing chunks, until ``limit`` docs match by name, pinyin or number; then, up
    to ``limit`` in all, the docs that match by title or summary only. Returns the two ranks."""
    newest = conn.scalar(select(func.max(CaseSearchDoc.doc)))
    keys: Bitmap = {}
    words: Bitmap = {}
    high, size = (-1 if newest is None else newest // BLOCK_BITS // EPOCH_BLOCKS), _FIRST_CHUNK
    words_wanted = True  # text matches rank after every name match: once the newest fill the list, no more
    while high >= 0 and (limit is None or _count(keys) < limit):
        epochs = list(range(high, max(high - size, -1), -1))
        k, w = _matches(conn, terms[0], epochs, words_wanted=words_wanted)
        for term in terms[1:]:  # every term must match, in any of its fields
            k2, w2 = _matches(conn, term, epochs)
            both = _or(k2, w2)
            k, w = _and(k, both), _and(w, both)
        keys.update(k)
        words.update(w)
        if words_wanted and limit is not None and _count(_minus(words, keys)) >= limit:
            words_wanted = False  # (a doc lies in one epoch: older keys cannot take these words away)
        high, size = high - size, min(size * 2, _MAX_CHUNK)
    docs = _docs(keys, limit)
    text_only: list[int] = []
    if limit is None or len(docs) < limit:
        text_only = _docs(_minus(words, keys), None if limit is None else limit - len(docs))
    return _case_ids(conn, docs), _case_ids(conn, text_only)


def _case_ids(conn: Connection, docs: list[int]) -> list[Any]:
    found: dict[int, Any] = {}
    for start in range(0, len(docs), 900):
        chunk = docs[start:start + 900]
        found.update((d, cid) for d, cid in conn.execute(_CASE_IDS, {"docs": chunk}).all())
    return [found[d] for d in docs if d in found]
