"""交换 (the USB stick) as the window shows it: this unit's own key fingerprint — the one the other side reads
over the phone before trusting it — and what a receipt being imported says the level above took in.

The writing and the reading of bundles stay in :mod:`mediation_desktop.sync`; these are reads beside them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mediation_desktop.storage.database import Database

if TYPE_CHECKING:
    from mediation_desktop.sync.outcomes import BundleReport


@dataclass(frozen=True)
class OwnKey:
    """This installation's unit and its key fingerprint (as ``keys show`` prints it)."""

    org_name: str
    org_code: str
    fingerprint: str


def own_key(db: Database) -> OwnKey:
    from mediation_desktop.sync.keys import own_keys

    peer = own_keys(db).peer
    return OwnKey(peer.org_name, peer.org_code, peer.fingerprint)


@dataclass(frozen=True)
class ReceiptContents:
    """What a receipt says: the level above's outcome counts for the bundle it answers (records), how many
    records it refused, and that bundle as this unit wrote it (when, how many cases and records)."""

    counts: dict[str, int] = field(default_factory=dict)
    rejected: int = 0
    exported_at: dt.datetime | None = None  # None: no export of ours has that number
    cases: int = 0
    records: int = 0


def receipt_contents(db: Database, reports: list[BundleReport], *, trust_new: bool = False
                     ) -> dict[str, ReceiptContents]:
    """Each receipt of an import's reports, by its file: read again (a small signed file, verified as the import
    verified it) for the counts it carries — the import itself only marks the export as arrived."""
    from mediation_desktop.storage.models import SyncExport
    from mediation_desktop.sync.errors import SyncError
    from mediation_desktop.sync.keys import known_peers, own_keys
    from mediation_desktop.sync.verify import Trust, verify_file

    receipts = [r for r in reports if r.kind == "receipt" and ":forwarded/" not in r.path]
    if not receipts:
        return {}
    trust = Trust(own_keys(db), known_peers(db), trust_new=trust_new)
    found: dict[str, ReceiptContents] = {}
    for report in receipts:
        try:
            doc = verify_file(Path(report.path), trust).document or {}
        except (OSError, SyncError):  # (gone from the stick since the import read it: nothing more to show)
            continue
        raw = doc.get("counts")
        counts = {str(k): int(v) for k, v in raw.items() if isinstance(v, int)} if isinstance(raw, dict) else {}
        rejected = doc.get("rejected")
        exported_at, cases, records = None, 0, 0
        try:
            bundle_id = uuid.UUID(hex=str(doc.get("bundle_id")))
        except ValueError:
            bundle_id = None
        if bundle_id is not None:
            with db.read_session() as s:
                row = s.get(SyncExport, bundle_id)
                if row is not None:
                    exported = {str(k): int(v) for k, v in (row.counts or {}).items()}
                    exported_at, cases, records = row.created_at, exported.get("mediation_case", 0), \
                        sum(exported.values())
        found[report.path] = ReceiptContents(counts, len(rejected) if isinstance(rejected, list) else 0,
                                             exported_at, cases, records)
    return found
