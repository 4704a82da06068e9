"""report summary: every case figure of the statistics report per committee, basis and month (a cache)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05

The tables start empty: the upgrade's last step (``storage.migrate``, every upgrade to a new revision) makes
the summary from the cases (``reports.summary.build``). Nothing here is user data: the downgrade drops both tables.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('report_summary',
    sa.Column('owner_org_code', sa.String(length=12), nullable=False),
    sa.Column('basis', sa.String(length=8), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('figures', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('owner_org_code', 'basis', 'month', name=op.f('pk_report_summary'))
    )
    op.create_table('report_summary_state',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.Column('audit_seq', sa.BigInteger(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('made_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_summary_state'))
    )


def downgrade() -> None:
    op.drop_table('report_summary_state')
    op.drop_table('report_summary')
