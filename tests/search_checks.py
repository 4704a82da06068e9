"""Checks of the search index shared by the search and demo tests: it must equal a full rebuild."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select, text

from mediation_desktop.services import search
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Case, CaseSearchDoc
from mediation_desktop.storage.models.search import BLOCK_BITS


def _index_by_case(db: Database) -> dict[str, set[str]]:
    """The index as {case id: its terms}, read back from the bitmaps."""
    with db.engine.connect() as conn:
        docs = {doc: case_id for doc, case_id in conn.execute(select(CaseSearchDoc.doc, CaseSearchDoc.case_id))}
        out: dict[str, set[str]] = defaultdict(set)
        for term, block, bits in conn.execute(text("SELECT term, block, bits FROM case_search_term")):
            for bit in range(BLOCK_BITS):
                if bits >> bit & 1 and (doc := block * BLOCK_BITS + bit) in docs:
                    out[str(docs[doc])].add(term)
    return out


def assert_index_matches_cases(db: Database) -> int:
    with db.engine.connect() as conn:
        cases = conn.scalar(select(func.count()).select_from(Case))
        assert search.index_is_complete(conn)
    written = _index_by_case(db)
    assert len(written) == cases
    search.rebuild_index(db)
    assert _index_by_case(db) == written  # what was written in step is what a rebuild makes
    return int(cases or 0)
