"""What happens on a case: investigations, mediation sessions, follow-ups and referrals."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Date, ForeignKey, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mediation_desktop.domain.enums import Performance, SessionResult
from mediation_desktop.storage.models.base import Base, Synced
from mediation_desktop.storage.models.identity import str_enum
from mediation_desktop.storage.types import UtcDateTime

if TYPE_CHECKING:
    from mediation_desktop.storage.models.case import Case


class Investigation(Synced, Base):
    """人民调解调查记录."""

    __tablename__ = "investigation"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("mediation_case.id"), index=True)
    held_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    place: Mapped[str] = mapped_column(String(200), default="")
    participants: Mapped[str] = mapped_column(String(300), default="")  # 参加人
    interviewee: Mapped[str] = mapped_column(String(100), default="")  # 被调查人
    investigator: Mapped[str] = mapped_column(String(100), default="")  # 调查人
    recorder: Mapped[str] = mapped_column(String(50), default="")  # 记录人
    record: Mapped[str] = mapped_column(Text, default="")  # 问/答

    case: Mapped[Case] = relationship(back_populates="investigations")


class MediationSession(Synced, Base):
    """人民调解记录: one session; several per case are normal, incl. back-to-back (背靠背)."""

    __tablename__ = "mediation_session"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("mediation_case.id"), index=True)
    held_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    place: Mapped[str] = mapped_column(String(200), default="")
    subject: Mapped[str] = mapped_column(String(200), default="")  # 事由
    participants: Mapped[str] = mapped_column(String(300), default="")  # 参加人 (invited helpers)
    parties_present: Mapped[str] = mapped_column(String(500), default="")  # 当事人
    back_to_back: Mapped[bool] = mapped_column(Boolean, default=False)
    rights_told: Mapped[bool] = mapped_column(Boolean, default=True)  # 告知权利义务
    record: Mapped[str] = mapped_column(Text, default="")  # accounts, findings
    risk_warning: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[SessionResult] = mapped_column(str_enum(SessionResult))
    mediator: Mapped[str] = mapped_column(String(100), default="")
    recorder: Mapped[str] = mapped_column(String(50), default="")

    case: Mapped[Case] = relationship(back_populates="sessions")


class FollowUp(Synced, Base):
    """人民调解回访记录 (art. 31: the committee supervises performance)."""

    __tablename__ = "follow_up"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("mediation_case.id"), index=True)
    agreement_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agreement.id"))
    visited_on: Mapped[dt.date] = mapped_column(Date)
    visitee: Mapped[str] = mapped_column(String(200), default="")  # 被回访人
    reason: Mapped[str] = mapped_column(String(200), default="")  # 回访事由
    performance: Mapped[Performance] = mapped_column(str_enum(Performance))
    satisfied: Mapped[bool | None] = mapped_column(Boolean)
    new_lawsuit: Mapped[bool] = mapped_column(Boolean, default=False)
    hidden_risks: Mapped[str] = mapped_column(Text, default="")
    measures: Mapped[str] = mapped_column(Text, default="")
    findings: Mapped[str] = mapped_column(Text, default="")
    visitor: Mapped[str] = mapped_column(String(50), default="")  # 回访人

    case: Mapped[Case] = relationship(back_populates="follow_ups")


class Referral(Synced, Base):
    """移交: a case the village cannot settle goes up; the township opens its own, linked case."""

    __tablename__ = "referral"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("mediation_case.id"), index=True)
    referred_on: Mapped[dt.date] = mapped_column(Date)
    to_org_code: Mapped[str] = mapped_column(String(12))
    to_org_name: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text, default="")
    target_case_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # the receiving committee's case

    case: Mapped[Case] = relationship(back_populates="referrals")
