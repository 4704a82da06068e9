"""shared case number starts and serial ends: the starts many case numbers share are held whole, looked up exactly,
and the ends of their serials with the letter after them

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06

Both engines. A case number's start longer than four characters was looked up only by its ``h`` prefix, which the
engine answers by merging the lists of every number starting so: the village's name, ``石桥村人调字``, is the start of all
its 100,000 numbers (19 ms at 100,000 cases on SQLite) and ``2024石`` of a year's 20,000 (5–9 ms). Now
(``search_keys._shared_lengths``) a start's leading digits and the characters after them that are not digits, from
five to 24 characters, are ``m`` tokens too, one list of docs each: ``m石桥村人调字``, ``m2024石桥村人调字第``. They are shared by
the numbers of one village and year, so the index grows by little. And (``search_keys.serial_ends``) the ends of a
serial of three digits or more from its second digit on, with the letter after them, are ``e`` tokens: ``第6404号``
holds ``e404号`` and ``e04号``, so the cases whose number ends in ``43号`` are read by that one token, unconfirmed, and
left out of the pairs' reads that are confirmed against each case's texts (1,300 rows joined to their cases at 100,000
cases). The index is rebuilt from the cases in the upgrade's transaction (as revisions 0007, 0010, 0015 and 0016 did),
unless its newest doc that should hold such a token holds it (an index written by this build's code earlier in this
upgrade: no doc written by an older build is newer). No case row changes: nothing to seal again. The downgrade leaves
the tokens: revision 0016's lookups never ask for them, and an older build's writes leave the newest doc without them,
so the next upgrade rebuilds.
"""

from collections.abc import Sequence

from alembic import op
from sqlalchemy import Connection, text

revision: str = '0017'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 500


def upgrade() -> None:
    bind = op.get_bind()
    if not _held(bind):
        from mediation_desktop.services.search import rebuild_index

        rebuild_index(bind)


def _held(bind: Connection) -> bool:
    """Whether the newest doc whose case number has a shared start holds its token (no such doc: nothing to hold)."""
    from mediation_desktop.services.search_keys import shared_starts

    below = None
    while True:
        rows = bind.execute(text(
            "SELECT r.doc, c.case_no FROM case_search_row r JOIN mediation_case c ON c.id = r.case_id"
            + ("" if below is None else " WHERE r.doc < :below") + " ORDER BY r.doc DESC LIMIT :n"),
            {"below": below, "n": _BATCH}).all()
        for doc, case_no in rows:
            tokens = shared_starts(case_no)
            if tokens:
                token = min(tokens)
                held = (text("SELECT 1 FROM fts_case_gram WHERE fts_case_gram MATCH :q AND rowid = :doc")
                        if bind.dialect.name == "sqlite"
                        else text("SELECT 1 FROM fts_case WHERE doc = :doc AND tokens @@ CAST(:q AS tsquery)"))
                query = f'"{token}"' if bind.dialect.name == "sqlite" else f"'{token}'"
                return bind.execute(held, {"q": query, "doc": doc}).first() is not None
        if len(rows) < _BATCH:
            return True
        below = rows[-1][0]


def downgrade() -> None:
    pass  # (the tokens stay: see above)
