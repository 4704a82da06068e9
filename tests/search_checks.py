"""Checks of the search index shared by the search and demo tests: every case has exactly its tokens."""

from __future__ import annotations

from sqlalchemy import func, select, text

from mediation_desktop.services import search
from mediation_desktop.services.search_keys import case_tokens
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.fulltext import block_lexemes
from mediation_desktop.storage.models import Case, CaseSearchRow


def _has_all(conn, doc: int, tokens: str, table: str) -> bool:
    """The full-text row of ``doc`` holds every one of ``tokens`` (one AND query, checked by the engine)."""
    if not tokens:
        return True
    if conn.dialect.name == "sqlite":
        query = " AND ".join(f'"{t}"' for t in tokens.split())
        return conn.execute(text(f"SELECT count(*) FROM fts_case_{table} WHERE fts_case_{table} MATCH :q "
                                 "AND rowid = :d"), {"q": query, "d": doc}).scalar() == 1
    return conn.execute(text("SELECT count(*) FROM fts_case WHERE doc = :d AND tokens @@ CAST(:q AS tsquery)"),
                        {"q": " & ".join(f"'{t}'" for t in tokens.split()), "d": doc}).scalar() == 1


def _has_any(conn, doc: int, tokens: str, table: str) -> bool:
    """SQLite: the full-text row of ``doc`` in ``fts_case_<table>`` holds one of ``tokens`` at least."""
    if not tokens:
        return False
    query = " OR ".join(f'"{t}"' for t in tokens.split())
    return conn.execute(text(f"SELECT count(*) FROM fts_case_{table} WHERE fts_case_{table} MATCH :q AND rowid = :d"),
                        {"q": query, "d": doc}).scalar() == 1


def pg_exact(tokens: set[str]) -> set[str]:
    """The exact lexemes a PostgreSQL doc holds beside its ``tokens`` (``search_index.pg_keys``, revisions 0013 and
    0014): ``c`` + the first character of each ``n`` token, ``r`` + the first two, three and four letters of each ``p``
    token (those it has)."""
    return {"c" + t[1] for t in tokens if t[0] == "n"} | {
        "r" + t[1:1 + n] for t in tokens if t[0] == "p" for n in (2, 3, 4) if len(t) > n}


def assert_index_matches_cases(db: Database) -> int:
    """Every live case has one row, with the digest of the tokens a rebuild would make, and holds them all."""
    with db.engine.connect() as conn:
        cases = conn.scalar(select(func.count()).select_from(Case).where(Case.deleted_at.is_(None)))
        assert search.index_is_complete(conn)
        rows = {case_id: (doc, d) for doc, case_id, d in conn.execute(
            select(CaseSearchRow.doc, CaseSearchRow.case_id, CaseSearchRow.digest))}
        texts = search.load_case_texts(conn)
        assert len(rows) == len(texts) == cases
        held = {}
        if conn.dialect.name == "postgresql":  # what the engine holds, exactly
            held = {doc: set(tokens) for doc, tokens in conn.execute(
                text("SELECT doc, tsvector_to_array(tokens) FROM fts_case"))}
            assert len(held) == cases
        for t in texts:
            tokens = case_tokens(t)
            doc, written = rows[t.case_id]
            assert written == search.digest(*tokens), t
            if held:  # PostgreSQL is given no q tokens, and r tokens (see pg_exact)
                tokens = (search.pg_keys(tokens[0]), *tokens[1:])
            else:  # SQLite holds the c and q tokens with the pairs (revision 0015), and only there
                exact = " ".join(k for k in tokens[0].split() if k[0] in "cq")
                assert not _has_any(conn, doc, exact, "key"), t
                tokens = search.sqlite_rows(tokens)
            for table, part in zip(("key", "number", "gram"), tokens, strict=True):
                assert _has_all(conn, doc, part, table), (t, table)
            if held:  # … and the lexemes of the doc's blocks (revision 0014)
                written_tokens = {token for part in tokens for token in part.split()}
                assert held[doc] == written_tokens | pg_exact(written_tokens) | set(block_lexemes(doc)), t
    return int(cases or 0)


def newest_indexed_case(db: Database):
    """(id, case number) of the case whose doc is the newest."""
    with db.engine.connect() as conn:
        return conn.execute(text("SELECT c.id, c.case_no FROM case_search_row r JOIN mediation_case c ON "
                                 "c.id = r.case_id ORDER BY r.doc DESC LIMIT 1")).one()


def check_the_0017_upgrade_rebuilds_only_an_older_builds_index(db: Database, monkeypatch, holding, cases: int) -> None:
    """Revision 0017 on either engine: ``holding()`` (the docs holding a shared start of the newest case's number)
    stays ``cases`` across the downgrade and an upgrade that rebuilds nothing; after an older build's edit of the
    newest case (written with neither shared starts nor serial ends) it is one fewer, and the upgrade rebuilds."""
    from alembic import command

    from mediation_desktop.services import search_index, search_keys
    from mediation_desktop.storage.migrate import alembic_config

    def migrate(target: str) -> None:
        with db.engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            (command.downgrade if target == "0016" else command.upgrade)(cfg, target)

    newest = newest_indexed_case(db)
    rebuilt: list[object] = []
    rebuild = search.rebuild_index
    monkeypatch.setattr(search, "rebuild_index", lambda conn, **kw: (rebuilt.append(kw), rebuild(conn, **kw))[1])
    assert holding() == cases
    migrate("0016")
    assert holding() == cases
    migrate("0017")  # its newest doc holds them: nothing rebuilt
    assert rebuilt == [] and holding() == cases
    migrate("0016")
    with monkeypatch.context() as older:  # an older build edits a case: its doc, now the newest, lacks them
        older.setattr(search_keys, "_shared_tokens", lambda start: ())
        older.setattr(search_keys, "serial_ends", lambda case_no: [])
        with db.engine.begin() as conn:
            search_index.reindex_case(conn, search.as_uuid(newest.id))
    assert holding() == cases - 1
    migrate("0017")
    assert rebuilt == [{}] and holding() == cases
    assert assert_index_matches_cases(db) == cases
