"""The report summary (``reports.summary``): a cache of the statistics report's figures, not user data.

Its rows are never synced, sealed or audited and never move the change sequence; they are made again from
the cases whenever they cannot be shown to match them (``ReportSummaryState``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from mediation_desktop.storage.models.base import Base
from mediation_desktop.storage.types import UtcDateTime


class ReportSummary(Base):
    """Every case figure of the report (``reports.figures.FIGURES``: key → sum; amounts in fen) over one
    committee's cases dated in one month, by acceptance or by closing date."""

    __tablename__ = "report_summary"

    owner_org_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    basis: Mapped[str] = mapped_column(String(8), primary_key=True)  # reports.periods.Basis
    month: Mapped[int] = mapped_column(Integer, primary_key=True)  # year * 100 + month
    figures: Mapped[dict[str, Any]] = mapped_column(JSON)


class ReportSummaryState(Base):
    """What the summary was made from (one row): the change sequence and audit head it saw, and the
    fingerprint of the figures' definitions and the schema revision it was made with."""

    __tablename__ = "report_summary_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    change_seq: Mapped[int] = mapped_column(BigInteger)
    audit_seq: Mapped[int] = mapped_column(BigInteger)
    fingerprint: Mapped[str] = mapped_column(String(64))
    made_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
