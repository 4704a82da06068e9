"""folded texts token: a case whose number, title or summary holds a character that normalises to an ideograph or
a digit holds the gram token ``xn``

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07

SQLite. A term of three or more characters found by its pairs is confirmed against each case's texts; the engine's
``instr`` finds it in a text that holds it as it is, and every other case's texts were sent to the program to be
looked through run by run, because a full-width digit, a circled number or a Kangxi radical normalises to the
characters of the term (``借款１５号`` holds ``15号``). ``15号`` had 861 such cases at 100,000 demo cases, each sent and
searched (≈ 4 of its 8 ms). Now a case whose texts hold such a character holds the token ``search_keys.FOLDED``, and
the reads send only those (``search_reads._confirmation``); every other case the engine did not find the term in is
left out in the statement. The index is rebuilt from the cases in the upgrade's transaction (as 0007, 0010 and
0015–0017 did) unless its newest doc whose case holds such a character holds the token (none does: nothing to add; an
index this build wrote earlier in the same upgrade holds it). PostgreSQL never reads the token (its hub confirms
terms as before), so nothing is done there; its docs hold it as they are written from now on. The downgrade leaves
the tokens, which revision 0017 never asks for.
"""

from collections.abc import Sequence

from alembic import op
from sqlalchemy import Connection, text

revision: str = '0018'
down_revision: str | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 2000


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite" and not _held(bind):
        from mediation_desktop.services.search import rebuild_index

        rebuild_index(bind)


def _held(bind: Connection) -> bool:
    """Whether the newest doc whose case's texts hold a character that normalises to an ideograph or a digit holds
    the token (no such doc: nothing to hold)."""
    from mediation_desktop.services.search_keys import FOLDED, CaseText, folds_to_plain

    below = None
    while True:
        rows = bind.execute(text(
            "SELECT r.doc, c.case_no, c.title, c.summary FROM case_search_row r JOIN mediation_case c "
            "ON c.id = r.case_id" + ("" if below is None else " WHERE r.doc < :below") + " ORDER BY r.doc DESC "
            "LIMIT :n"), {"below": below, "n": _BATCH}).all()
        for doc, case_no, title, summary in rows:
            if folds_to_plain(CaseText("", case_no or "", title or "", summary or "")):
                return bind.execute(text("SELECT 1 FROM fts_case_gram WHERE fts_case_gram MATCH :q AND rowid = :doc"),
                                    {"q": f'"{FOLDED}"', "doc": doc}).first() is not None
        if len(rows) < _BATCH:
            return True
        below = rows[-1][0]


def downgrade() -> None:
    pass  # (the tokens stay: see above)
