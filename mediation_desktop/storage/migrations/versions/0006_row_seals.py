"""row seals: the audit chain covers the rows (storage/seal.py); an older database's rows are sealed once

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05

No schema change: one ``audit.seal`` baseline (in entries of at most ``ROWS_PER_ENTRY`` rows) records how
every business row is stored at the upgrade, so ``check`` can tell any later change that bypasses the
program. A new database has no rows yet and gets no entry.
"""

from collections.abc import Sequence

from alembic import op

from mediation_desktop.storage import audit, seal

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    conn = op.get_bind()
    found = seal.seal_all(conn)
    audit.append_core(conn, [audit.AuditRecord("system", seal.SEAL_ACTION, "seal", f"baseline-{n}", None,
                                               data | {"baseline": True})
                             for n, data in enumerate(seal.seal_entries(found), 1)], 0)


def downgrade() -> None:
    pass  # the entries stay: the audit log is append-only
