"""What sync remembers: the keys it trusts, the bundles it wrote and the bundles it applied.

The private keys are not here: they live in files in the data folder (``keys/``), so a copy of the
database (a backup, a PostgreSQL dump) cannot sign or open bundles.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from mediation_desktop.storage.models.base import Base
from mediation_desktop.storage.types import UtcDateTime, utcnow


class SyncPeer(Base):
    """An installation's public keys: this one's own (``is_self``) and every sender it trusts.

    A key is pinned: a bundle signed by another key for a known installation is refused.
    """

    __tablename__ = "sync_peer"

    installation_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    org_code: Mapped[str] = mapped_column(String(12), index=True)
    org_name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(12))
    parent_code: Mapped[str | None] = mapped_column(String(12))
    sign_key: Mapped[str] = mapped_column(String(64))  # Ed25519 public key, hex
    box_key: Mapped[str] = mapped_column(String(64))  # X25519 public key, hex
    fingerprint: Mapped[str] = mapped_column(String(40))
    is_self: Mapped[bool] = mapped_column(Boolean, default=False)
    is_escrow: Mapped[bool] = mapped_column(Boolean, default=False)  # bundles are also encrypted for it
    trusted_how: Mapped[str] = mapped_column(String(20))  # init / file / confirmed / roster
    trusted_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)


class SyncExport(Base):
    """A bundle this installation wrote, and what the receiver's receipt said about it."""

    __tablename__ = "sync_export"

    bundle_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))  # data / reference
    seq_from: Mapped[int] = mapped_column(BigInteger)  # exclusive
    seq_to: Mapped[int] = mapped_column(BigInteger)  # inclusive
    prev_bundle_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    full: Mapped[bool] = mapped_column(Boolean, default=False)
    encrypted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    sha256: Mapped[str] = mapped_column(String(64))  # of the file as written
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    acknowledged_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    receipt: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class SyncImport(Base):
    """The import ledger: every bundle applied here, once. A bundle found here is never applied again."""

    __tablename__ = "sync_import"

    bundle_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))  # data / reference
    source_installation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    source_org_code: Mapped[str] = mapped_column(String(12))
    via_installation_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # the hub that forwarded it
    seq_from: Mapped[int] = mapped_column(BigInteger)
    seq_to: Mapped[int] = mapped_column(BigInteger)
    prev_bundle_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)  # when the source wrote it
    imported_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(50))
    sha256: Mapped[str] = mapped_column(String(64))  # of the signed (plain) bundle kept in bundles/
    size: Mapped[int] = mapped_column(BigInteger)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    rejected: Mapped[list[Any]] = mapped_column(JSON, default=list)
    forwarded_in: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # our export that carried it up
    receipt_sha256: Mapped[str | None] = mapped_column(String(64))
    local_change_seq: Mapped[int] = mapped_column(BigInteger, default=0)
