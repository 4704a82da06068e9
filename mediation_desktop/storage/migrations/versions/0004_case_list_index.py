"""case list index: the list's order (newest first) and its filter columns, so that 100,000 case ids
come from the index alone, without reading or sorting the case rows

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_mediation_case_list_order', 'mediation_case',
                    ['registered_on', 'year', 'serial', 'deleted_at', 'non_public', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_mediation_case_list_order', table_name='mediation_case')
