"""The engines' own full-text indexes behind the case search, and the check that SQLite has one.

SQLite: three contentless FTS5 tables keyed by ``case_search_row.doc`` (the ``ascii`` tokenizer: every
non-ASCII character is part of a token, so the tokens are exactly the ones ``services.search_keys`` made,
space-separated; ``detail=none``: only which docs have a token). ``fts_case_key`` (names, pinyin) and
``fts_case_number`` (ID numbers and phones; case numbers too before revision 0016) have prefix indexes — lengths in
characters, the marker included — for what is typed a few characters at a time; ``fts_case_gram`` holds what is
looked up exactly: the character pairs of the text and, since revision 0015, the names' first-keystroke tokens
(``c``, ``q``), so that one ``MATCH`` ANDs a first keystroke with another term's pairs
(``services.search_index.sqlite_rows``, ``services.search_reads``); since revision 0016 also a case number's starts
(``h``, looked up by prefix from five characters on) and their first two to four characters
(``m``, exactly: ``2023 工资`` is one ``MATCH``). Each prefix length costs writing time, so each table has only those
its tokens need. A contentless table cannot take a row out: a doc that leaves ``case_search_row`` stops joining,
and ``services.search.rebuild_index`` drops what it left behind.

PostgreSQL: ``fts_case`` holds the tokens of a doc in one ``tsvector`` (made with ``array_to_tsvector``:
the tokens as they are, no parser, no dictionary) under a GIN index; its rows go with their doc. Besides the
tokens SQLite holds but ``q`` (a single Latin letter is looked up by GIN's prefix search), it holds for the
prefixes looked up most the exact lexemes a GIN prefix search would otherwise read from many posting lists
(``services.search_index.pg_keys``, revision 0013): ``c`` + each character of a name (``'c张'`` where ``'n张':*``
merges the posting lists of every name part starting with 张, 657 of them for 郑 at a million docs) and ``r`` + the
first two letters of each ``p`` lexeme (initials or pinyin starting ``zj``: ``'rzj'`` for ``'pzj':*``), and since
revision 0014 its first three and four (``'rzhen'`` for ``'pzhen':*``, half-typed pinyin); the lookups ask for them
exactly (``search_terms.key_lookup``). The GIN index's pending list (new entries not yet merged into
the tree) is limited by each session's ``gin_pending_list_limit`` (revision 0012): small for ordinary writes, large
inside a bulk import.

Every PostgreSQL doc also holds the lexemes of the blocks of doc numbers it lies in (revision 0014, written with its
other lexemes by ``services.search_index.index_cases`` from the doc number the row is given): ``k`` + a level's
letter + the doc number shifted right by the level's bits (``'ka244'``: docs 999,424–1,003,519 in blocks of 4,096;
``kb``: 16,384; ``kc``: 65,536). A search for the newest matches in a window of docs ANDs the blocks that cover the
window into its tsquery (``blocks_covering``), so that GIN intersects the term's posting lists with the window's
instead of building the bitmap of every match of the term in the hub (``services.search_pg``).
"""

from __future__ import annotations

from sqlalchemy import Connection

from mediation_desktop.errors import MediationError

__all__ = ["BLOCK_LEVELS", "ENGINE_TABLE_PREFIX", "EXACT_MARKERS", "PG_PINYIN_STARTS", "PREFIX_LENGTHS",
           "add_block_lexemes", "add_exact_lexemes", "block_lexemes", "blocks_covering", "blocks_sql",
           "create_fulltext", "create_gin_index", "drop_block_lexemes", "drop_exact_lexemes", "drop_fulltext",
           "has_fts5", "is_model_object", "require_fts5"]

ENGINE_TABLE_PREFIX = "fts_"  # these tables (and FTS5's shadow tables) are the engine's, not the models'

_FTS5 = "USING fts5(tokens, tokenize = 'ascii', detail = none, content = '', columnsize = 0{})"
PREFIX_LENGTHS = (3, 4, 5)  # SQLite: the prefix indexes of the key and number tables (characters, marker included)
_PREFIXES = ", prefix = '" + " ".join(map(str, PREFIX_LENGTHS)) + "'"
_SQLITE = [
    # names and pinyin: prefixes of two characters after the marker (张三, zh, zs) and of three and four
    # (zha, zhan, wang); the first keystroke has its own exact tokens (in fts_case_gram since revision 0015)
    "CREATE VIRTUAL TABLE fts_case_key " + _FTS5.format(_PREFIXES),
    # ID numbers, phones (and case numbers before 0016): starts shared by a large share of them (138…) of two to four
    # characters (each length costs writing time: with six lengths this table took two thirds of a write; a
    # number is never looked up by one character, so no length 2 = marker + one character)
    "CREATE VIRTUAL TABLE fts_case_number " + _FTS5.format(_PREFIXES),
    # character pairs of titles, summaries and case numbers, the names' c and q tokens, a case number's m tokens:
    # looked up exactly (and its h tokens, by prefixes of five characters or more: no prefix index)
    "CREATE VIRTUAL TABLE fts_case_gram " + _FTS5.format(""),
]
_POSTGRESQL = [
    "CREATE TABLE fts_case (doc integer PRIMARY KEY REFERENCES case_search_row (doc) ON DELETE CASCADE, "
    "tokens tsvector NOT NULL)",
    # no pending-list limit of its own (it would win over the session's): every search reads the whole pending
    # list, so the program's connections keep it small (storage.engine: 256 kB; the server's default of 4 MB
    # cost ~20 ms a keystroke after a write), and a bulk import takes a large one for its own transaction and
    # cleans it right after (storage.planner)
    "CREATE INDEX fts_case_tokens ON fts_case USING gin (tokens)",
]
# the exact lexemes of a doc's n and p lexemes, as ``pg_keys`` writes them: for the docs written before (0013)
_PG_EXACT_OF_HELD = (
    "UPDATE fts_case SET tokens = tokens || array_to_tsvector(ARRAY(SELECT DISTINCT CASE left(t, 1) WHEN 'n' THEN "
    "'c' || substr(t, 2, 1) ELSE 'r' || substr(t, 2, 2) END FROM unnest(tsvector_to_array(tokens)) AS t "
    "WHERE left(t, 1) = 'n' OR (left(t, 1) = 'p' AND length(t) > 2)))")
EXACT_MARKERS = ("c", "r")  # the exact lexemes of revision 0013
PG_PINYIN_STARTS = (2, 3, 4)  # the r lexemes: a p lexeme's first two letters (revision 0013), three and four (0014)
# the r lexemes of three and four letters (0014) of the docs written before
_PG_STARTS_OF_HELD = (
    "UPDATE fts_case SET tokens = tokens || array_to_tsvector(ARRAY(SELECT DISTINCT 'r' || substr(t, 2, n) "
    "FROM unnest(tsvector_to_array(tokens)) AS t, (VALUES (3), (4)) AS v (n) "
    "WHERE left(t, 1) = 'p' AND length(t) > n))")
BLOCK_LEVELS = (("a", 12), ("b", 14), ("c", 16))  # the block lexemes of revision 0014: letter, bits of the level
_GIN_BUILD_MEMORY = "256MB"  # the sort memory of a whole index's build (the server's default is 64 MB)


def create_fulltext(conn: Connection, *, index: bool = True) -> None:
    """Make the engine's full-text tables (empty), inside the caller's transaction. ``index=False``: on PostgreSQL
    the table without its GIN index, for a caller that fills it whole first and then calls ``create_gin_index``
    (building the index from all its rows at once sorts them in memory; inserting them one by one into the index
    merges every pending list into its tree again)."""
    if conn.dialect.name == "sqlite":
        require_fts5(conn)
        statements = _SQLITE
    else:
        statements = _POSTGRESQL if index else _POSTGRESQL[:1]
    for statement in statements:
        conn.exec_driver_sql(statement)


def add_exact_lexemes(conn: Connection) -> None:
    """PostgreSQL: the exact lexemes (``c``, ``r``; see the module docstring) added to every doc held, made from its
    ``n`` and ``p`` lexemes as ``pg_keys`` makes them for the docs written from now on."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(_PG_EXACT_OF_HELD)


def drop_exact_lexemes(conn: Connection) -> None:
    """PostgreSQL: the exact lexemes of ``add_exact_lexemes`` taken out of every doc."""
    if conn.dialect.name == "postgresql":
        markers = ", ".join(f"'{m}'" for m in EXACT_MARKERS)
        conn.exec_driver_sql(f"UPDATE fts_case SET tokens = ts_delete(tokens, ARRAY(SELECT t FROM "
                             f"unnest(tsvector_to_array(tokens)) AS t WHERE left(t, 1) IN ({markers})))")


def block_lexemes(doc: int) -> list[str]:
    """The block lexemes of ``doc`` (revision 0014; the module docstring)."""
    return [f"k{letter}{doc >> bits}" for letter, bits in BLOCK_LEVELS]


def blocks_sql(doc: str) -> str:
    """The block lexemes of the doc number ``doc`` (an SQL expression) as a PostgreSQL text array."""
    return "ARRAY[" + ", ".join(f"'k{letter}' || (({doc}) >> {bits})" for letter, bits in BLOCK_LEVELS) + "]"


def blocks_covering(low: int, high: int) -> list[str]:
    """The fewest block lexemes whose blocks together hold every doc from ``low`` to ``high`` (excluded), and no doc
    further than one block of the finest level from them: the window widened to the finest level's bounds, then
    cut into the largest blocks that fit, newest first."""
    fine = min(bits for _, bits in BLOCK_LEVELS)
    at, end = (low >> fine) << fine, -(-high >> fine) << fine
    out: list[str] = []
    while end > at:
        letter, bits = next((letter, bits) for letter, bits in sorted(BLOCK_LEVELS, key=lambda lv: -lv[1])
                            if end % (1 << bits) == 0 and end - (1 << bits) >= at)
        end -= 1 << bits
        out.append(f"k{letter}{end >> bits}")
    return out


def add_block_lexemes(conn: Connection) -> None:
    """PostgreSQL: every doc held given its block lexemes and its ``r`` lexemes of three and four letters (revision
    0014), as ``index_cases`` and ``pg_keys`` write them."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(_PG_STARTS_OF_HELD)
        conn.exec_driver_sql(f"UPDATE fts_case SET tokens = tokens || array_to_tsvector({blocks_sql('doc')})")


def drop_block_lexemes(conn: Connection) -> None:
    """PostgreSQL: the lexemes of ``add_block_lexemes`` taken out of every doc (the ``r`` of two letters stay)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"UPDATE fts_case SET tokens = ts_delete(tokens, {blocks_sql('doc')} || ARRAY(SELECT t "
                             "FROM unnest(tsvector_to_array(tokens)) AS t WHERE left(t, 1) = 'r' AND length(t) > 3))")


def create_gin_index(conn: Connection) -> None:
    """PostgreSQL: the search index's GIN index over a ``fts_case`` made by ``create_fulltext(index=False)`` and
    filled since (nothing to do on SQLite, whose FTS5 tables are their own index)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SET LOCAL maintenance_work_mem = '{_GIN_BUILD_MEMORY}'")
        conn.exec_driver_sql(_POSTGRESQL[1])


def drop_fulltext(conn: Connection) -> None:
    for table in ("fts_case_key", "fts_case_number", "fts_case_gram") if conn.dialect.name == "sqlite" \
            else ("fts_case",):
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")


def has_fts5(conn: Connection) -> bool:
    """Whether this SQLite library was built with FTS5: its compile options say so (nothing written, so a full
    disk is not taken for a missing FTS5); failing that, a temporary table is made and dropped."""
    raw = conn.connection.dbapi_connection
    assert raw is not None
    options = {str(row[0]).upper() for row in raw.execute("PRAGMA compile_options").fetchall()}
    if "ENABLE_FTS5" in options:
        return True
    try:
        raw.execute("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x)")
    except Exception as exc:  # sqlite3.OperationalError: no such module: fts5
        if "no such module" in str(exc).lower():
            return False
        raise
    raw.execute("DROP TABLE temp.fts5_probe")
    return True


def require_fts5(conn: Connection) -> None:
    """One clear message, at start-up, when the SQLite in use has no FTS5 (never a silent slow search)."""
    if conn.dialect.name == "sqlite" and not has_fts5(conn):
        import sqlite3

        raise MediationError("db.no_fulltext", version=sqlite3.sqlite_version)


def is_model_object(name: str | None, type_: str, parent_names: object) -> bool:
    """For Alembic's comparison of the models with a database: the engine's full-text tables are not models."""
    return not (type_ == "table" and name is not None and name.startswith(ENGINE_TABLE_PREFIX))
