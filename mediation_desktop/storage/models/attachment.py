"""Attachments: files kept content-addressed (SHA-256) in the file store beside the database."""

from __future__ import annotations

import uuid

from sqlalchemy import BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from mediation_desktop.domain.enums import AttachmentKind
from mediation_desktop.storage.models.base import Base, Synced
from mediation_desktop.storage.models.identity import str_enum


class Attachment(Synced, Base):
    __tablename__ = "attachment"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("mediation_case.id"), index=True)
    agreement_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agreement.id"))
    kind: Mapped[AttachmentKind] = mapped_column(str_enum(AttachmentKind))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    description: Mapped[str] = mapped_column(String(300), default="")
