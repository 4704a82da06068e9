"""GIN pending list per session: the search index's pending-list limit set by each connection, not the index

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06

PostgreSQL only (SQLite's FTS5 tables have no such thing: nothing changes there). Hubs made by earlier builds have
the GIN index ``fts_case_tokens`` with its own ``gin_pending_list_limit = 256`` (kB): a storage parameter of the
index wins over the session setting, so an import could not have a bigger list. The parameter is reset: the
program's connections set ``gin_pending_list_limit`` to the same 256 kB (``storage.engine``), and a bulk import
sets a large one for its own transaction and cleans the list right after (``storage.planner``). No row changes.
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql("ALTER INDEX fts_case_tokens RESET (gin_pending_list_limit)")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql("ALTER INDEX fts_case_tokens SET (gin_pending_list_limit = 256)")
