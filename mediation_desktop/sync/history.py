"""What this installation exported, and what the receivers' receipts said: the window and the CLI list it."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import SyncExport


@dataclass(frozen=True)
class ExportedBundle:
    bundle_id: uuid.UUID
    kind: str  # data / reference
    created_at: dt.datetime
    seq_from: int
    seq_to: int
    full: bool
    encrypted: bool
    cases: int
    records: int
    acknowledged_at: dt.datetime | None  # None: no receipt has come back yet
    rejected: int  # records the receiver refused (its receipt says which and why)


def exported_bundles(db: Database, *, newest_first: bool = True) -> list[ExportedBundle]:
    order = SyncExport.created_at.desc() if newest_first else SyncExport.created_at
    with db.read_session() as s:
        rows = list(s.scalars(select(SyncExport).order_by(order)))
        return [ExportedBundle(r.bundle_id, r.kind, r.created_at, r.seq_from, r.seq_to, r.full, r.encrypted,
                               int((r.counts or {}).get("mediation_case", 0)), sum((r.counts or {}).values()),
                               r.acknowledged_at, len((r.receipt or {}).get("rejected", []))) for r in rows]
