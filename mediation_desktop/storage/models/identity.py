"""Who this installation is, its users, its settings and its counters."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Enum, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from mediation_desktop.domain.enums import OrgLevel, Role
from mediation_desktop.storage.models.base import Base, Synced
from mediation_desktop.storage.types import UtcDateTime, utcnow


def str_enum(enum_cls: type, length: int = 24) -> Enum:
    """A string column holding an enum's values (no database enum type, no CHECK to migrate)."""
    return Enum(enum_cls, native_enum=False, create_constraint=False, length=length,
                values_callable=lambda members: [m.value for m in members], validate_strings=True)


class Installation(Base):
    """The one row naming this installation: its committee (org unit) and level.

    A hub (township, county) is just an installation of a higher level.
    """

    __tablename__ = "installation"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    org_code: Mapped[str] = mapped_column(String(12))
    org_name: Mapped[str] = mapped_column(String(100))
    short_name: Mapped[str] = mapped_column(String(40))  # 简称, used in case numbers
    level: Mapped[OrgLevel] = mapped_column(str_enum(OrgLevel))
    parent_code: Mapped[str | None] = mapped_column(String(12))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)


class Setting(Base):
    """A setting that a township may adjust (case-number pattern, wording, …), as JSON."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class User(Synced, Base):
    """A local account: mediator (调解员), director (主任) or township clerk (司法所)."""

    __tablename__ = "app_user"

    username: Mapped[str] = mapped_column(String(32), unique=True)
    display_name: Mapped[str] = mapped_column(String(50))
    role: Mapped[Role] = mapped_column(str_enum(Role))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)


class CaseNumberCounter(Base):
    """The last serial handed out per year. Serials are never reused, even for deleted cases."""

    __tablename__ = "case_number_counter"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_serial: Mapped[int] = mapped_column(Integer, default=0)


class ChangeCounter(Base):
    """This installation's change sequence: one number per write transaction, never reused."""

    __tablename__ = "change_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
