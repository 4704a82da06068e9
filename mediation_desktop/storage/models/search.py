"""The case-list search index (derived data: never synced, never audited, rebuilt at will).

``case_search_doc`` gives each indexed case a small integer (newer = larger); ``case_search_term`` holds,
per search key and block of 62 docs, the bitmap of the docs that have the key: prefix keys of names, their
pinyin and initials, case numbers, ID numbers and phones, and the bigrams of titles and summaries.
``case_search_backlog`` lists the cases still to be indexed: a big import's new and changed cases are
indexed after its commit, a batch at a time (``services.search_backlog``); meanwhile a search also
looks through these cases' text directly. See ``mediation_desktop.services.search``.
"""

from __future__ import annotations

import uuid

from sqlalchemy import BigInteger, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from mediation_desktop.storage.models.base import Base

TERM_LENGTH = 64
BLOCK_BITS = 62  # docs per bitmap row (a signed 64-bit integer, kept positive)
EPOCH_BLOCKS = 32
# Prefix ranges (term >= 'x' AND term < 'x\U0010ffff') need code-point order: PostgreSQL's "C" collation.
TERM_TYPE = String(TERM_LENGTH).with_variant(String(TERM_LENGTH, collation="C"), "postgresql")


class CaseSearchDoc(Base):
    __tablename__ = "case_search_doc"

    doc: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("mediation_case.id", ondelete="CASCADE"), unique=True)


class CaseSearchTerm(Base):
    __tablename__ = "case_search_term"
    __table_args__ = ({"sqlite_with_rowid": False},)

    # A posting list in bitmaps: bit i of ``bits`` is doc ``block * BLOCK_BITS + i``; a batch of cases with a
    # common key (a surname, a word of the summary) writes one row per block, not one per case. The key leads
    # with the epoch (EPOCH_BLOCKS blocks, ~2,000 cases): new cases touch only the newest epoch's pages (a
    # term-first key spread every batch over the whole index and made writing 4 times slower), and a lookup
    # is one range seek per epoch, newest first. No foreign key: a re-indexed case gets a new doc number and
    # its old bits stop matching (they no longer join) until ``rebuild_index`` drops them.
    epoch: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    term: Mapped[str] = mapped_column(TERM_TYPE, primary_key=True)
    block: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    bits: Mapped[int] = mapped_column(BigInteger)


class CaseSearchBacklog(Base):
    __tablename__ = "case_search_backlog"
    __table_args__ = ({"sqlite_with_rowid": False},)  # the key is the row: one b-tree, not two

    # Written in the import's transaction (a row per case: cheap), emptied by the indexer in the transaction
    # that indexes the case, so neither a crash nor a power cut leaves a case unsearchable for good.
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("mediation_case.id", ondelete="CASCADE"), primary_key=True)
