"""screenings (排查) with the disputes they found, and the committee's mediator roster (调解员名册)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _synced() -> list[sa.Column]:  # type: ignore[type-arg]
    return [sa.Column('id', sa.Uuid(), nullable=False),
            sa.Column('created_at', sa.DateTime(), nullable=False),
            sa.Column('updated_at', sa.DateTime(), nullable=False),
            sa.Column('deleted_at', sa.DateTime(), nullable=True),
            sa.Column('change_seq', sa.BigInteger(), nullable=False)]


def upgrade() -> None:
    op.create_table('mediator',
    sa.Column('owner_org_code', sa.String(length=12), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('full_time', sa.Boolean(), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    *_synced(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mediator'))
    )
    op.create_index(op.f('ix_mediator_change_seq'), 'mediator', ['change_seq'], unique=False)
    op.create_index(op.f('ix_mediator_owner_org_code'), 'mediator', ['owner_org_code'], unique=False)
    op.create_table('screening',
    sa.Column('owner_org_code', sa.String(length=12), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('households', sa.Integer(), nullable=True),
    sa.Column('screened_by', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    *_synced(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_screening'))
    )
    op.create_index(op.f('ix_screening_change_seq'), 'screening', ['change_seq'], unique=False)
    op.create_index('ix_screening_owner_org_code_held_on', 'screening', ['owner_org_code', 'held_on'], unique=False)
    op.create_table('screening_finding',
    sa.Column('screening_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('prevented', sa.Boolean(), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=True),
    *_synced(),
    sa.ForeignKeyConstraint(['case_id'], ['mediation_case.id'],
                            name=op.f('fk_screening_finding_case_id_mediation_case')),
    sa.ForeignKeyConstraint(['screening_id'], ['screening.id'],
                            name=op.f('fk_screening_finding_screening_id_screening')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_screening_finding'))
    )
    op.create_index(op.f('ix_screening_finding_case_id'), 'screening_finding', ['case_id'], unique=False)
    op.create_index(op.f('ix_screening_finding_change_seq'), 'screening_finding', ['change_seq'], unique=False)
    op.create_index(op.f('ix_screening_finding_screening_id'), 'screening_finding', ['screening_id'], unique=False)


def downgrade() -> None:
    op.drop_table('screening_finding')
    op.drop_table('screening')
    op.drop_table('mediator')
