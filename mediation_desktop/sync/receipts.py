"""Receipts: the hub's signed word on what arrived from a bundle and what was rejected, and why.

A hub writes one after each import (beside the bundle on the stick, unless told where); the
village imports it, which marks its export as acknowledged: the next incremental export starts
after the highest sequence that every acknowledged bundle together covers.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from mediation_desktop.storage import witness
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import SyncExport, SyncImport
from mediation_desktop.storage.types import utcnow
from mediation_desktop.sync import schema
from mediation_desktop.sync.container import BundleWriter
from mediation_desktop.sync.errors import SyncError
from mediation_desktop.sync.keys import OwnKeys, now_iso, peer_record
from mediation_desktop.sync.verify import VerifiedBundle

if TYPE_CHECKING:
    from mediation_desktop.sync.outcomes import BundleReport


def receipt_document(report: BundleReport, imported_at: str, counts: dict[str, int]) -> dict[str, Any]:
    return {"bundle_id": report.bundle_id, "bundle_sha256": report.plain_sha256,
            "source_installation_id": report.source_installation_id, "seq_from": report.seq_from,
            "seq_to": report.seq_to, "imported_at": imported_at,
            "counts": {k: int(v) for k, v in counts.items()},
            "rejected": [{"type": p["type"], "id": p["id"], "reason": p["reason"]} for p in report.problems]}


def build_receipt(keys: OwnKeys, doc: dict[str, Any], head: dict[str, Any] | None = None) -> bytes:
    """The signed receipt bundle; ``head`` is the hub's audit chain head (after the import it answers)."""
    writer = BundleWriter()
    writer.add("receipt.json", json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"))
    manifest = {
        "format": schema.FORMAT, "format_version": schema.FORMAT_VERSION, "schema_version": schema.SCHEMA_VERSION,
        "kind": "receipt", "bundle_id": uuid.uuid4().hex, "created_at": now_iso(), "source": peer_record(keys.peer),
        "recipient_org_code": None, "seq_from": 0, "seq_to": 0, "full": False, "prev_bundle_id": None,
        "audit_head": head or {"seq": 0, "hash": "0" * 64}, "counts": {}, "forwarded": [], "roster": [],
    }
    return writer.build(manifest, keys)


def write_receipts(db: Database, keys: OwnKeys, reports: list[BundleReport], folder: Path | None) -> None:
    """One receipt file per bundle applied (or found already applied), beside it unless ``folder`` says."""
    from mediation_desktop.sync.export import audit_head, write_and_verify

    for report in reports:
        with db.read_session() as s:
            head = audit_head(s.connection())
            row = s.get(SyncImport, uuid.UUID(hex=report.bundle_id))
            imported_at = row.imported_at.isoformat() if row is not None else now_iso()
            counts = dict(report.counts)
            if row is not None and report.already_imported:
                counts = dict(row.counts or {})
                report.problems = list(row.rejected or [])
        target_dir = folder or Path(report.path.split(":forwarded/")[0]).parent
        target = target_dir / f"receipt-{report.source_org_code}-{report.bundle_id[:12]}.zip"
        try:  # the import is committed: a stick that refuses the receipt is reported, not an error
            if not target_dir.is_dir():
                raise SyncError("sync.out_dir", path=str(target))
            if db.paths.keeps(target):  # a bundle read from inside the data folder: no receipt beside it
                raise SyncError("storage.own_file", path=str(target), folder=str(db.paths.root))
            write_and_verify(target, build_receipt(keys, receipt_document(report, imported_at, counts), head), keys)
            witness.record_head(db.paths, head)  # the head this receipt carries, kept where rows cannot reach
        except (OSError, SyncError) as exc:
            report.receipt_error = _why_not_written(exc, target)
            continue
        report.receipt_path = str(target)


def _why_not_written(exc: OSError | SyncError, target: Path) -> str:
    """One line, in the user's language, of why the receipt is not on the stick (not the exception's text)."""
    import errno

    from mediation_desktop.i18n import tr

    if isinstance(exc, SyncError):
        return tr(exc.key, **exc.params)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return tr("sync.stick_full", path=str(target))
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return tr("sync.read_only", path=str(target))
    return tr("sync.not_written", path=str(target))


def receipt_is_ours(vb: VerifiedBundle, me: uuid.UUID) -> bool:
    """Whether a verified receipt answers a bundle this installation wrote (others' receipts share sticks)."""
    return (vb.document or {}).get("source_installation_id") == me.hex


def apply_receipt(session: Session, vb: VerifiedBundle, me: uuid.UUID) -> None:
    """Mark our export as acknowledged by the receipt's author (applying the same receipt twice changes nothing)."""
    doc = vb.document or {}
    if doc.get("source_installation_id") != me.hex:
        raise SyncError("sync.unknown_export", path=vb.path, bundle_id=str(doc.get("bundle_id")))
    export = session.get(SyncExport, uuid.UUID(hex=doc["bundle_id"]))
    if export is None:
        raise SyncError("sync.unknown_export", path=vb.path, bundle_id=doc["bundle_id"])
    if export.acknowledged_at is None:
        export.acknowledged_at = utcnow()
        export.acknowledged_by = vb.source_id
        export.receipt = doc
