"""term deadlines: each term of an agreement may carry its own 履行期限 (分期履行)

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-08

One empty JSON column on ``agreement`` (null: no term has a deadline of its own; the agreement's
``performance_deadline`` stays the day of the simple case and of every older agreement). A row's seal is a digest of
every column it has (``storage.seal``), so the agreement rows are sealed again in the upgrade's transaction, each
only if it matched the chain's seal before (as revision 0019 does for the parties); the downgrade drops the column
and seals them the same way.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

from mediation_desktop.storage import audit, seal

revision: str = '0020'
down_revision: str | None = '0019'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLE = "agreement"


def upgrade() -> None:
    with _sealed_again("0020"):
        with op.batch_alter_table(_TABLE, schema=None) as batch_op:
            batch_op.add_column(sa.Column('term_deadlines', sa.JSON(), nullable=True))


def downgrade() -> None:
    # (dropped in place, not by copying the table: other rows point at the agreements — a correction at the one it
    # replaces — and a copy would drop the table they point at while the foreign keys are checked)
    with _sealed_again("0020-down"):
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"ALTER TABLE {_TABLE} DROP COLUMN term_deadlines")
        else:
            op.drop_column(_TABLE, 'term_deadlines')


@contextmanager
def _sealed_again(step: str) -> Iterator[None]:
    """One ``audit.seal`` entry (per ``ROWS_PER_ENTRY`` rows) for every agreement row that matched the chain's seal
    before the block's change of columns, as it is stored after it."""
    conn = op.get_bind()
    chain: seal.Seals = {}
    audit.verify_chain(conn, seals=chain)  # (the seals the chain holds; its own problems are check's to report)
    sealed = chain.get(_TABLE, {})
    before = seal.seal_all(conn, [_TABLE]).get(_TABLE, {})
    yield
    after = seal.seal_all(conn, [_TABLE]).get(_TABLE, {})
    kept = {key: digest for key, digest in after.items() if key in before and sealed.get(key) == before[key]}
    audit.append_core(conn, [audit.AuditRecord("system", seal.SEAL_ACTION, "seal", f"{step}-{n}", None,
                                               data | {"baseline": True})
                             for n, data in enumerate(seal.seal_entries({_TABLE: kept}), 1)], 0)
