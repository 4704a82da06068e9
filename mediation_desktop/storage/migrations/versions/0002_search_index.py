"""search index: names, pinyin, numbers and text bigrams of every case (services/search.py)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TERM = sa.String(length=64).with_variant(sa.String(length=64, collation='C'), 'postgresql')


def upgrade() -> None:
    op.create_table('case_search_doc',
    sa.Column('doc', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['mediation_case.id'], name=op.f('fk_case_search_doc_case_id_mediation_case'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('doc', name=op.f('pk_case_search_doc')),
    sa.UniqueConstraint('case_id', name=op.f('uq_case_search_doc_case_id'))
    )
    op.create_table('case_search_term',
    sa.Column('epoch', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('term', _TERM, nullable=False),
    sa.Column('block', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('bits', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('epoch', 'term', 'block', name=op.f('pk_case_search_term')),
    sqlite_with_rowid=False
    )
    # (These tables are left empty: revision 0006 replaces them with the engines' full-text index, built
    # from the cases in the upgrade's transaction.)


def downgrade() -> None:
    op.drop_table('case_search_term')
    op.drop_table('case_search_doc')
