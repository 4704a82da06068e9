"""A dispute (纠纷案件) and its parties (当事人)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mediation_desktop.domain.enums import CaseSource, IdType, PartyKind, PartyRole
from mediation_desktop.domain.lifecycle import CaseStatus
from mediation_desktop.storage.models.base import Base, Synced
from mediation_desktop.storage.models.identity import str_enum

if TYPE_CHECKING:
    from mediation_desktop.storage.models.agreement import Agreement
    from mediation_desktop.storage.models.records import FollowUp, Investigation, MediationSession, Referral


class Case(Synced, Base):
    """One dispute, owned by the committee that opened it (only the owner edits it)."""

    __tablename__ = "mediation_case"
    __table_args__ = (
        UniqueConstraint("owner_org_code", "year", "serial"),
        Index("ix_mediation_case_accepted_on", "accepted_on"),
        Index("ix_mediation_case_status", "status"),
        # the case list's order with what its filter reads: 100,000 ids come from the index alone
        Index("ix_mediation_case_list_order", "registered_on", "year", "serial", "deleted_at", "non_public", "id"),
    )

    case_no: Mapped[str] = mapped_column(String(60), index=True)
    year: Mapped[int] = mapped_column(Integer)
    serial: Mapped[int] = mapped_column(Integer)
    owner_org_code: Mapped[str] = mapped_column(String(12))
    owner_installation_id: Mapped[uuid.UUID] = mapped_column(Uuid)

    title: Mapped[str] = mapped_column(String(200))  # 卷名, e.g. 张三与李四菜地界限纠纷
    category_code: Mapped[str] = mapped_column(String(40))
    category_scheme: Mapped[str] = mapped_column(String(10))
    source: Mapped[CaseSource] = mapped_column(str_enum(CaseSource))
    source_detail: Mapped[str | None] = mapped_column(String(200))  # 移送单位
    status: Mapped[CaseStatus] = mapped_column(str_enum(CaseStatus))

    registered_on: Mapped[dt.date] = mapped_column(Date)
    accepted_on: Mapped[dt.date | None] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)

    summary: Mapped[str] = mapped_column(Text, default="")  # 纠纷简要情况
    requests: Mapped[list[str]] = mapped_column(JSON, default=list)  # 当事人申请事项
    amount_involved: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    escalation_risk: Mapped[bool] = mapped_column(Boolean, default=False)  # 激化风险 (art. 25)
    risk_note: Mapped[str | None] = mapped_column(Text)
    non_public: Mapped[bool] = mapped_column(Boolean, default=False)  # 不公开调解 (art. 23)

    mediator_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    mediator_name: Mapped[str] = mapped_column(String(50), default="")
    recorder_name: Mapped[str] = mapped_column(String(50), default="")

    # "prevented" counters of the township statistics
    prevented_criminal: Mapped[bool] = mapped_column(Boolean, default=False)  # 防止民转刑
    prevented_petition: Mapped[bool] = mapped_column(Boolean, default=False)  # 防止群体性上访
    prevented_suicide: Mapped[bool] = mapped_column(Boolean, default=False)  # 防止自杀
    stopped_group_fight: Mapped[bool] = mapped_column(Boolean, default=False)  # 制止群体性械斗
    prevented_persons: Mapped[int] = mapped_column(Integer, default=0)

    referred_from_case_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # 移交: the village's case
    archive_retention: Mapped[str | None] = mapped_column(String(20))  # 保管期限
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    parties: Mapped[list[Party]] = relationship(
        back_populates="case", order_by="Party.position", cascade="all, delete-orphan"
    )
    sessions: Mapped[list[MediationSession]] = relationship(
        back_populates="case", order_by="MediationSession.held_at", cascade="all, delete-orphan"
    )
    investigations: Mapped[list[Investigation]] = relationship(
        back_populates="case", order_by="Investigation.held_at", cascade="all, delete-orphan"
    )
    agreements: Mapped[list[Agreement]] = relationship(
        back_populates="case", order_by="Agreement.version", cascade="all, delete-orphan"
    )
    follow_ups: Mapped[list[FollowUp]] = relationship(
        back_populates="case", order_by="FollowUp.visited_on", cascade="all, delete-orphan"
    )
    referrals: Mapped[list[Referral]] = relationship(back_populates="case", cascade="all, delete-orphan")


class Party(Synced, Base):
    """当事人: a person or an organisation (with its representative)."""

    __tablename__ = "party"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("mediation_case.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    role: Mapped[PartyRole] = mapped_column(str_enum(PartyRole))
    kind: Mapped[PartyKind] = mapped_column(str_enum(PartyKind), default=PartyKind.PERSON)
    name: Mapped[str] = mapped_column(String(200))  # (found through the search index, not this column)
    sex: Mapped[str | None] = mapped_column(String(8))  # male / female
    ethnicity: Mapped[str | None] = mapped_column(String(20))  # 民族
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    age: Mapped[int | None] = mapped_column(Integer)
    occupation: Mapped[str | None] = mapped_column(String(100))  # 职业或职务
    phone: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(String(300))  # 单位或住址
    id_type: Mapped[IdType] = mapped_column(str_enum(IdType), default=IdType.NONE)
    id_number: Mapped[str | None] = mapped_column(String(40))
    representative: Mapped[str | None] = mapped_column(String(50))  # 法定代表人 / 负责人
    representative_title: Mapped[str | None] = mapped_column(String(50))
    # a person's 法定代理人: their 身份证号码 (the 协议书 and a 司法确认 print it), phone and address (to reach them);
    # an organisation's 法定代表人 is printed by name and post only, so these stay empty for it
    representative_id_number: Mapped[str | None] = mapped_column(String(40))
    representative_phone: Mapped[str | None] = mapped_column(String(40))
    representative_address: Mapped[str | None] = mapped_column(String(300))

    case: Mapped[Case] = relationship(back_populates="parties")
