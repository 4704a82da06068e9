"""exact keys with the pairs: on SQLite a name's characters and its syllables' first letters are held in the pairs'
full-text table

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06

SQLite only (PostgreSQL holds every token of a doc in one ``tsvector``: nothing changes there). The key tokens looked
up exactly, ``c`` (each character of a name) and ``q`` (the first letter of each of its first four syllables), move
from ``fts_case_key`` to ``fts_case_gram``, which holds the text's pairs and, like them, is looked up exactly
(``search_index.sqlite_rows``). A query of two terms such as ``周 工资`` is then one ``MATCH`` of ``"c周" AND "g工资"``
in one table, whose lists of docs the engine merges, instead of 13,000 docs of 周 tested one by one against a set of
工资's (``search_reads``). Nothing more is written: the key table loses what the gram table gains, and neither token
is long enough for a prefix index. A contentless FTS5 table cannot give its tokens back, so the index is rebuilt from
the cases in the upgrade's transaction (as revisions 0007 and 0010 did); no case row changes: nothing to seal again.
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bind = op.get_bind()
    # (a database older than 0010 has had its index rebuilt by this build's code in this upgrade already: its key
    # table holds no c or q token, and it is not rebuilt twice)
    if bind.dialect.name == "sqlite" and bind.exec_driver_sql(
            """SELECT 1 FROM fts_case_key WHERE fts_case_key MATCH '"c"* OR "q"*' LIMIT 1""").first():
        from mediation_desktop.services.search import rebuild_index

        rebuild_index(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":  # the key table holds them again, where revision 0014's lookups read them
        from mediation_desktop.services.search import rebuild_index

        rebuild_index(bind, exact_apart=False, numbers_apart=False)  # (revision 0014's case number tokens)
