"""drop the indexes no query uses: party name and ID number (a case is found by them through the search
index since revision 0002; no statement filters or sorts on the columns), attachment SHA-256 (files are
looked up by case)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05

Checked with ``EXPLAIN QUERY PLAN`` over the statements the program runs (bench/README.md). Each index cost
every party written an entry (at 20,000 demo cases 2.4 MB of the database, and a share of every bulk
write). No row changes: nothing to seal again.
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_DROPPED = (('ix_party_name', 'party', ['name']), ('ix_party_id_number', 'party', ['id_number']),
            ('ix_attachment_sha256', 'attachment', ['sha256']))


def upgrade() -> None:
    for name, table, _columns in _DROPPED:
        op.drop_index(name, table_name=table)


def downgrade() -> None:
    for name, table, columns in _DROPPED:
        op.create_index(name, table, columns, unique=False)
