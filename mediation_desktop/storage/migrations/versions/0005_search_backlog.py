"""search backlog: the cases a big import brought, indexed after its commit (services/search.py)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('case_search_backlog',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['mediation_case.id'],
                            name=op.f('fk_case_search_backlog_case_id_mediation_case'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('case_id', name=op.f('pk_case_search_backlog')),
    sqlite_with_rowid=False
    )


def downgrade() -> None:
    op.drop_table('case_search_backlog')
