"""guardian contact: a party's 法定代理人 has an ID number, a phone and an address

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07

Three empty columns on ``party``. A row's seal is a digest of every column it has (``storage.seal``), so a party
stored before the upgrade no longer matches its seal once it has three more (empty) columns: every party row is
sealed again in the upgrade's transaction, as revision 0006 sealed every row once (a database without parties gets
no entry). The downgrade drops the columns and seals the parties as they are then.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from mediation_desktop.storage import audit, seal

revision: str = '0019'
down_revision: str | None = '0018'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = (("representative_id_number", 40), ("representative_phone", 40), ("representative_address", 300))


def upgrade() -> None:
    with op.batch_alter_table('party', schema=None) as batch_op:
        for name, length in _COLUMNS:
            batch_op.add_column(sa.Column(name, sa.String(length=length), nullable=True))
    _seal_parties("0019")


def downgrade() -> None:
    with op.batch_alter_table('party', schema=None) as batch_op:
        for name, _length in reversed(_COLUMNS):
            batch_op.drop_column(name)
    _seal_parties("0019-down")


def _seal_parties(step: str) -> None:
    """One ``audit.seal`` entry (per ``ROWS_PER_ENTRY`` rows) for every party row as it is stored now."""
    conn = op.get_bind()
    found = seal.seal_all(conn, ["party"])
    audit.append_core(conn, [audit.AuditRecord("system", seal.SEAL_ACTION, "seal", f"{step}-{n}", None,
                                               data | {"baseline": True})
                             for n, data in enumerate(seal.seal_entries(found), 1)], 0)
