"""block lexemes: on PostgreSQL every doc of the search index holds the lexemes of the blocks of doc numbers it lies in,
and those of a pinyin's first three and four letters

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06

PostgreSQL only (SQLite's FTS5 tables are read newest first and stop at the limit: nothing changes there). The newest
matches of a term are looked for in windows of docs; GIN gives a term's matches in no order and, asked for them with a
range of doc numbers beside it, first builds the bitmap of every match of the term in the hub (a term in a tenth of a
million docs: 20–40 ms a keystroke whatever the window). With the lexemes of a doc's blocks (``storage.fulltext``:
``'ka244'``, 4,096 docs; ``kb``, 16,384; ``kc``, 65,536) a window's blocks are ANDed into the tsquery and GIN
intersects the posting lists itself, skipping what lies outside the window. The program writes them with every doc
from now on (``search_index.index_cases``). Half-typed pinyin (``zhen``) is looked up, like two letters since 0013, by
one exact lexeme (``'rzhen'``: ``search_terms.key_lookup``; written by ``search_index.pg_keys``), not by a prefix
search merging the posting lists of every pinyin starting so before any window can narrow it. The docs held are given
both here, the ``r`` lexemes made from their ``p`` lexemes (the GIN index dropped first and built again from all the
rows at once). No case row changes: nothing to seal again.
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        from mediation_desktop.storage.fulltext import add_block_lexemes, create_gin_index

        bind.exec_driver_sql("DROP INDEX fts_case_tokens")
        add_block_lexemes(bind)
        create_gin_index(bind)
        bind.exec_driver_sql("ANALYZE fts_case")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        from mediation_desktop.storage.fulltext import drop_block_lexemes

        drop_block_lexemes(bind)
