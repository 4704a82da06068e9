"""Down the tree: a hub's reference data for the units below it, as a signed bundle.

It carries the hub's public key (as the bundle's source), the roster of the units below it with
their public keys, escrow keys, the category scheme in use and the hub's document wording
(``<data dir>/documents/*.json``, laid over the shipped wording key by key).
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_desktop.storage.atomic import refuse_not_file, write_atomically
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Setting, SyncExport, SyncPeer
from mediation_desktop.storage.types import utcnow
from mediation_desktop.storage.unit_of_work import UnitOfWork
from mediation_desktop.sync import schema
from mediation_desktop.sync.container import BundleWriter
from mediation_desktop.sync.errors import SyncError
from mediation_desktop.sync.keys import now_iso, own_keys, peer_record, trust_in_session
from mediation_desktop.sync.verify import VerifiedBundle

MAX_WORDING_FILE = 1 << 20


def wording_dir(db: Database) -> Path:
    return db.paths.root / "documents"


def export_reference(db: Database, out: Path, *, actor: str) -> int:
    """Write the reference bundle; returns how many units below are on its roster."""
    from mediation_desktop.sync.export import audit_head, write_and_verify

    db.paths.refuse_own_file(out)
    if not out.resolve().parent.is_dir():
        raise SyncError("sync.out_dir", path=str(out))
    refuse_not_file(out)  # (before anything is made: a device or a pipe is never replaced)
    keys = own_keys(db)
    me = keys.peer
    with db.read_session() as s:
        peers = list(s.scalars(select(SyncPeer).where(SyncPeer.is_self.is_(False))))
        scheme = s.scalar(select(Setting.value).where(Setting.key == "category_scheme"))
        head = audit_head(s.connection())
    roster = [peer_record(p) for p in peers if p.parent_code == me.org_code and not p.is_escrow]
    escrow = [peer_record(p) for p in peers if p.is_escrow]
    wording: dict[str, Any] = {}
    folder = wording_dir(db)
    if folder.is_dir():
        for f in sorted(folder.glob("*.json")):
            if f.stat().st_size <= MAX_WORDING_FILE:
                wording[f.stem] = json.loads(f.read_text(encoding="utf-8"))
    doc = {"hub": peer_record(me), "roster": roster, "escrow": escrow,
           "settings": {"category_scheme": str(scheme)} if scheme else {}, "wording": wording}
    writer = BundleWriter()
    writer.add("reference.json", json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"))
    bundle_id = uuid.uuid4()
    manifest = {
        "format": schema.FORMAT, "format_version": schema.FORMAT_VERSION, "schema_version": schema.SCHEMA_VERSION,
        "kind": "reference", "bundle_id": bundle_id.hex, "created_at": now_iso(), "source": peer_record(me),
        "recipient_org_code": None, "seq_from": 0, "seq_to": 0, "full": True, "prev_bundle_id": None,
        "audit_head": head, "counts": {}, "forwarded": [], "roster": [],
    }
    digest = write_and_verify(out, writer.build(manifest, keys), keys)
    with UnitOfWork(db, actor=actor, action="sync.export_reference") as uow:
        uow.session.add(SyncExport(bundle_id=bundle_id, kind="reference", seq_from=0, seq_to=0, full=True,
                                   encrypted=False, created_at=utcnow(), counts={"roster": len(roster)},
                                   sha256=digest))
        uow.commit()
    return len(roster)


def apply_reference(db: Database, session: Session, vb: VerifiedBundle, me: uuid.UUID, *, dry_run: bool) -> None:
    doc = vb.document or {}
    if doc["hub"] != vb.source:
        raise SyncError("sync.bad_content", path=vb.path, detail="reference.json hub is not the signer")
    own_code = session.scalar(select(SyncPeer.org_code).where(SyncPeer.is_self.is_(True)))
    for record in doc["roster"]:  # (this unit in the roster is this installation: its key is here already)
        if uuid.UUID(hex=record["installation_id"]) != me and record["org_code"] != own_code:
            trust_in_session(session, record, "roster")
    for record in doc["escrow"]:
        trust_in_session(session, record, "roster", escrow=True)
    for key, value in doc["settings"].items():
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=value))
        elif row.value != value:
            row.value = value
    if dry_run:
        return
    folder = wording_dir(db)
    for name, content in doc["wording"].items():
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(folder / f"{name}.json", json.dumps(content, ensure_ascii=False, indent=1).encode("utf-8"))
