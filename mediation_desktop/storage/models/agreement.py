"""人民调解协议书 (written) and 口头协议登记 (oral), with versions."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Date, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mediation_desktop.domain.enums import AgreementForm, AgreementStatus, Performance
from mediation_desktop.storage.models.base import Base, Synced
from mediation_desktop.storage.models.identity import str_enum
from mediation_desktop.storage.types import UtcDateTime

if TYPE_CHECKING:
    from mediation_desktop.storage.models.case import Case


class Agreement(Synced, Base):
    """An agreement. Once signed it is locked: a correction is a new version pointing at this one."""

    __tablename__ = "agreement"
    __table_args__ = (UniqueConstraint("case_id", "version"),)

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("mediation_case.id"), index=True)
    form: Mapped[AgreementForm] = mapped_column(str_enum(AgreementForm))
    number: Mapped[str] = mapped_column(String(60))  # 编号: the case's number
    version: Mapped[int] = mapped_column(Integer, default=1)
    supersedes_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agreement.id"))
    status: Mapped[AgreementStatus] = mapped_column(str_enum(AgreementStatus), default=AgreementStatus.DRAFT)

    facts: Mapped[str] = mapped_column(Text, default="")  # 纠纷主要事实、争议事项
    terms: Mapped[list[str]] = mapped_column(JSON, default=list)  # 协议内容 一、二、…
    # 分期履行: each term's own 履行期限 (ISO day or null), in the order of ``terms``; null (an agreement made before
    # the column, or with no term of its own deadline) when none has one — ``performance_deadline`` is then the day
    term_deadlines: Mapped[list[str | None] | None] = mapped_column(JSON(none_as_null=True))
    performance_method: Mapped[str] = mapped_column(Text, default="")  # 履行方式
    performance_place: Mapped[str] = mapped_column(String(200), default="")  # 履行地点
    performance_deadline: Mapped[dt.date | None] = mapped_column(Date)  # 履行期限
    amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    copies: Mapped[int] = mapped_column(Integer, default=3)  # 一式＿份
    mediator_name: Mapped[str] = mapped_column(String(50), default="")
    recorder_name: Mapped[str] = mapped_column(String(50), default="")

    signed_on: Mapped[dt.date | None] = mapped_column(Date)
    signed_recorded_by: Mapped[str | None] = mapped_column(String(50))
    effective_on: Mapped[dt.date | None] = mapped_column(Date)  # 生效日期 (art. 29 / 30)
    locked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)

    performance: Mapped[Performance] = mapped_column(str_enum(Performance), default=Performance.PENDING)
    confirmation_applied_on: Mapped[dt.date | None] = mapped_column(Date)  # 司法确认申请
    confirmation_court: Mapped[str | None] = mapped_column(String(100))
    confirmed_on: Mapped[dt.date | None] = mapped_column(Date)

    case: Mapped[Case] = relationship(back_populates="agreements")
