"""exact prefix lexemes: on PostgreSQL every doc of the search index holds the lexemes of a name's characters (``c``)
and of a pinyin's first two letters (``r``)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06

PostgreSQL only (SQLite's FTS5 tables have prefix indexes of their own and keep their ``c`` tokens: nothing changes
there). A GIN prefix search (``'n陈':*``, ``'pzj':*``) merges the posting lists of every lexeme starting so (hundreds
for a common surname) into one bitmap before any doc is read: at a hub of a million cases 60–100 ms a keystroke.
The lookups of one Chinese character and of two pinyin letters ask for one exact lexeme instead
(``search_terms.key_lookup``), which the program writes from now on (``search_index.pg_keys``); the docs held are
given them here, made from their ``n`` and ``p`` lexemes (the GIN index dropped first and built again from all the
rows at once). No case row changes: nothing to seal again.
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        from mediation_desktop.storage.fulltext import add_exact_lexemes, create_gin_index

        bind.exec_driver_sql("DROP INDEX fts_case_tokens")
        add_exact_lexemes(bind)
        create_gin_index(bind)
        bind.exec_driver_sql("ANALYZE fts_case")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        from mediation_desktop.storage.fulltext import drop_exact_lexemes

        drop_exact_lexemes(bind)
