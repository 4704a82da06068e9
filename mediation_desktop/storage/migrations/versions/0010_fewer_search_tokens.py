"""fewer search tokens: the case-search index rebuilt without the tokens no lookup reads

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05

Same search results, less to write for every case (bench/README.md, third session): on SQLite the number
table loses its prefix index of length 2 (a number is looked up from two characters on: marker + 2 or more)
and the one-character number tokens (号, the end of every case number); on PostgreSQL the first-keystroke
tokens (``c``, ``q``) are not held, GIN's prefix search finds the same cases. The index is rebuilt from the
cases in the upgrade's transaction (as revision 0007 built it); no case row changes: nothing to seal again.
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from mediation_desktop.services.search import rebuild_index

    rebuild_index(op.get_bind())


def downgrade() -> None:
    # SQLite: the lookups of revision 0009 read neither the one-character number tokens nor the prefix
    # index of length 2, so its build searches this index as it is. PostgreSQL: that build looks the first
    # keystroke up by the c and q tokens: they are put back, made from the lexemes held (c: the first
    # character of each part of a name, n…; q: the first letter of each pinyin reading and initials, p…).
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql(
            "UPDATE fts_case SET tokens = tokens || array_to_tsvector(ARRAY(SELECT DISTINCT "
            "CASE WHEN left(t, 1) = 'n' THEN 'c' ELSE 'q' END || substr(t, 2, 1) "
            "FROM unnest(tsvector_to_array(tokens)) AS t WHERE left(t, 1) IN ('n', 'p') AND length(t) > 1))")
