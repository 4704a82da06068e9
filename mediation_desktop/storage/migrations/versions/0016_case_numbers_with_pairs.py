"""case numbers with the pairs: a case number's tokens are held with the pairs, its short starts looked up exactly

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06

Both engines. A case number's tokens were ``l`` tokens with the ID numbers and phones, looked up by prefix:
``2023`` was ``l2023*``, nearly 20,000 docs at 100,000 cases, which SQLite tested one by one against a set of
another term's docs (``2023 工资``: the two lie in different tables) and PostgreSQL's GIN merged from 39,000 posting
lists of distinct numbers starting so (``2023 工资``: 72 ms at a million docs). Now (``search_keys._with_pairs``) each start of a
case number is an ``h`` token and its first two, three and four characters are ``m`` tokens, with the pairs
(SQLite's ``fts_case_gram``; PostgreSQL's one ``tsvector``): ``m2023`` is one list of docs, which the engine ANDs
with ``g工资`` in one ``MATCH`` or one tsquery, and the ``l`` tokens are the ID numbers' and phones' only. A
contentless FTS5 table cannot give its tokens back and PostgreSQL's ``l`` lexemes do not say which number they came
from, so the index is rebuilt from the cases in the upgrade's transaction (as revisions 0007, 0010 and 0015 did); no
case row changes: nothing to seal again.
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bind = op.get_bind()
    # (a database whose index an earlier revision rebuilt in this upgrade, with this build's code, holds h tokens
    # already, and is not rebuilt twice)
    held = ("""SELECT 1 FROM fts_case_gram WHERE fts_case_gram MATCH '"h"*' LIMIT 1""" if bind.dialect.name == "sqlite"
            else "SELECT 1 FROM fts_case WHERE tokens @@ to_tsquery('simple', 'h:*') LIMIT 1")
    if bind.exec_driver_sql(held).first() is None:
        from mediation_desktop.services.search import rebuild_index

        rebuild_index(bind)


def downgrade() -> None:
    from mediation_desktop.services.search import rebuild_index

    # the case numbers' l tokens again, where revision 0015's lookups read them
    rebuild_index(op.get_bind(), numbers_apart=False)
