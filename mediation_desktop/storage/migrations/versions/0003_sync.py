"""sync: trusted keys, exported bundles and the import ledger (mediation_desktop/sync)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('sync_peer',
    sa.Column('installation_id', sa.Uuid(), nullable=False),
    sa.Column('org_code', sa.String(length=12), nullable=False),
    sa.Column('org_name', sa.String(length=100), nullable=False),
    sa.Column('level', sa.String(length=12), nullable=False),
    sa.Column('parent_code', sa.String(length=12), nullable=True),
    sa.Column('sign_key', sa.String(length=64), nullable=False),
    sa.Column('box_key', sa.String(length=64), nullable=False),
    sa.Column('fingerprint', sa.String(length=40), nullable=False),
    sa.Column('is_self', sa.Boolean(), nullable=False),
    sa.Column('is_escrow', sa.Boolean(), nullable=False),
    sa.Column('trusted_how', sa.String(length=20), nullable=False),
    sa.Column('trusted_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('installation_id', name=op.f('pk_sync_peer'))
    )
    op.create_index(op.f('ix_sync_peer_org_code'), 'sync_peer', ['org_code'], unique=False)
    op.create_table('sync_export',
    sa.Column('bundle_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('seq_from', sa.BigInteger(), nullable=False),
    sa.Column('seq_to', sa.BigInteger(), nullable=False),
    sa.Column('prev_bundle_id', sa.Uuid(), nullable=True),
    sa.Column('full', sa.Boolean(), nullable=False),
    sa.Column('encrypted', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('counts', sa.JSON(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('acknowledged_at', sa.DateTime(), nullable=True),
    sa.Column('acknowledged_by', sa.Uuid(), nullable=True),
    sa.Column('receipt', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('bundle_id', name=op.f('pk_sync_export'))
    )
    op.create_table('sync_import',
    sa.Column('bundle_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('source_installation_id', sa.Uuid(), nullable=False),
    sa.Column('source_org_code', sa.String(length=12), nullable=False),
    sa.Column('via_installation_id', sa.Uuid(), nullable=True),
    sa.Column('seq_from', sa.BigInteger(), nullable=False),
    sa.Column('seq_to', sa.BigInteger(), nullable=False),
    sa.Column('prev_bundle_id', sa.Uuid(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.Column('imported_by', sa.String(length=50), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('counts', sa.JSON(), nullable=False),
    sa.Column('rejected', sa.JSON(), nullable=False),
    sa.Column('forwarded_in', sa.Uuid(), nullable=True),
    sa.Column('receipt_sha256', sa.String(length=64), nullable=True),
    sa.Column('local_change_seq', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('bundle_id', name=op.f('pk_sync_import'))
    )
    op.create_index(op.f('ix_sync_import_source_installation_id'), 'sync_import', ['source_installation_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_sync_import_source_installation_id'), table_name='sync_import')
    op.drop_table('sync_import')
    op.drop_table('sync_export')
    op.drop_index(op.f('ix_sync_peer_org_code'), table_name='sync_peer')
    op.drop_table('sync_peer')
