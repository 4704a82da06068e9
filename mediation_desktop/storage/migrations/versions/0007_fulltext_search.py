"""case search on the engines' own full-text indexes (FTS5 / tsvector + GIN) instead of index tables

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_table('case_search_backlog')
    op.drop_table('case_search_term')
    op.drop_table('case_search_doc')
    op.create_table('case_search_row',
    sa.Column('doc', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('digest', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['mediation_case.id'], name=op.f('fk_case_search_row_case_id_mediation_case'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('doc', name=op.f('pk_case_search_row')),
    sa.UniqueConstraint('case_id', name=op.f('uq_case_search_row_case_id')),
    sqlite_autoincrement=True
    )
    # The engine's full-text tables, filled from the cases in the upgrade's transaction: an old database
    # opens searchable.
    from mediation_desktop.services.search import rebuild_index

    rebuild_index(op.get_bind())


def downgrade() -> None:
    from mediation_desktop.storage.fulltext import drop_fulltext

    drop_fulltext(op.get_bind())
    op.drop_table('case_search_row')
