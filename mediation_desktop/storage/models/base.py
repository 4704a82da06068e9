"""Declarative base, naming convention and the columns every synced record carries."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import BigInteger, MetaData, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from mediation_desktop.storage.types import UtcDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Synced:
    """Columns of every record that travels between installations.

    ``change_seq`` is this installation's change sequence at the last write (one number per
    transaction); an incremental export takes the rows above the last acknowledged number.
    Deletion is a tombstone (``deleted_at``) so it can travel too.
    """

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, default=None)
    change_seq: Mapped[int] = mapped_column(BigInteger, default=0, index=True)
