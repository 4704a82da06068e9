"""排查 (screenings: the committee going out to find disputes early) and the committee's mediator roster."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mediation_desktop.storage.models.base import Base, Synced


class Screening(Synced, Base):
    """One screening (矛盾纠纷排查): when, where or which households, who went, what was found."""

    __tablename__ = "screening"
    __table_args__ = (Index("ix_screening_owner_org_code_held_on", "owner_org_code", "held_on"),)

    owner_org_code: Mapped[str] = mapped_column(String(12))
    held_on: Mapped[dt.date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200), default="")  # 排查地点或走访户
    households: Mapped[int | None] = mapped_column(Integer)  # 走访户数, where counted
    screened_by: Mapped[str] = mapped_column(String(200), default="")  # 排查人
    note: Mapped[str] = mapped_column(Text, default="")

    findings: Mapped[list[ScreeningFinding]] = relationship(
        back_populates="screening", order_by="ScreeningFinding.position", cascade="all, delete-orphan"
    )


class ScreeningFinding(Synced, Base):
    """A dispute a screening found: a short description; prevented on the spot, or registered as a case."""

    __tablename__ = "screening_finding"

    screening_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("screening.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(String(300))
    prevented: Mapped[bool] = mapped_column(Boolean, default=False)  # 预防: settled before it became a case
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("mediation_case.id"), index=True)

    screening: Mapped[Screening] = relationship(back_populates="findings")


class Mediator(Synced, Base):
    """One of the committee's mediators (人民调解员): full-time (专职) or not, and whether still serving."""

    __tablename__ = "mediator"

    owner_org_code: Mapped[str] = mapped_column(String(12), index=True)
    name: Mapped[str] = mapped_column(String(50))
    full_time: Mapped[bool] = mapped_column(Boolean, default=False)
    phone: Mapped[str | None] = mapped_column(String(40))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
