"""guardian contact: a party's 法定代理人 has an ID number, a phone and an address

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07

Three empty columns on ``party``. A row's seal is a digest of every column it has (``storage.seal``), so a party
stored before the upgrade no longer matches its seal once it has three more (empty) columns: the party rows are
sealed again in the upgrade's transaction — each one only if it still matched the chain's seal before (a row edited
behind the program's back, in a database or a backup of an earlier revision, keeps its old seal and stays reported:
the migration must not launder it). The downgrade drops the columns and seals the parties the same way.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

from mediation_desktop.storage import audit, seal

revision: str = '0019'
down_revision: str | None = '0018'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = (("representative_id_number", 40), ("representative_phone", 40), ("representative_address", 300))


def upgrade() -> None:
    with _sealed_again("0019"):
        with op.batch_alter_table('party', schema=None) as batch_op:
            for name, length in _COLUMNS:
                batch_op.add_column(sa.Column(name, sa.String(length=length), nullable=True))


def downgrade() -> None:
    with _sealed_again("0019-down"):
        with op.batch_alter_table('party', schema=None) as batch_op:
            for name, _length in reversed(_COLUMNS):
                batch_op.drop_column(name)


@contextmanager
def _sealed_again(step: str) -> Iterator[None]:
    """One ``audit.seal`` entry (per ``ROWS_PER_ENTRY`` rows) for every party row that matched the chain's seal
    before the block's change of columns, as it is stored after it."""
    conn = op.get_bind()
    chain: seal.Seals = {}
    audit.verify_chain(conn, seals=chain)  # (the seals the chain holds; its own problems are check's to report)
    sealed = chain.get("party", {})
    before = seal.seal_all(conn, ["party"]).get("party", {})
    yield
    after = seal.seal_all(conn, ["party"]).get("party", {})
    kept = {key: digest for key, digest in after.items() if key in before and sealed.get(key) == before[key]}
    audit.append_core(conn, [audit.AuditRecord("system", seal.SEAL_ACTION, "seal", f"{step}-{n}", None,
                                               data | {"baseline": True})
                             for n, data in enumerate(seal.seal_entries({"party": kept}), 1)], 0)
