"""The case search index's own table (derived data: never synced, never audited, rebuilt at will).

``case_search_row`` gives each indexed case a number, its doc (newer = larger, never handed out twice), and
the digest of its tokens (an edit that leaves the searchable text as it was writes nothing). The tokens
themselves live in the engine's full-text index, keyed by the doc: on SQLite the FTS5 tables
``fts_case_key`` / ``fts_case_gram``, on PostgreSQL ``fts_case`` (a ``tsvector`` under a GIN index); see
``storage.fulltext`` and ``services.search``.
"""

from __future__ import annotations

import uuid

from sqlalchemy import BigInteger, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from mediation_desktop.storage.models.base import Base


class CaseSearchRow(Base):
    __tablename__ = "case_search_row"
    __table_args__ = ({"sqlite_autoincrement": True},)  # a doc number is never handed out again

    doc: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("mediation_case.id", ondelete="CASCADE"), unique=True)
    digest: Mapped[int] = mapped_column(BigInteger)
