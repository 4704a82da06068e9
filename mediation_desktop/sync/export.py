"""Writing bundles: the cases this installation owns, changed since the last acknowledged bundle (or all).

The unit of export is the whole case: a case with any record changed travels with all its records,
so every bundle is complete on its own and bundles may arrive in any order or with gaps (the
receiver keeps, per record, the newest version it has seen). A hub also forwards the original
bundles of the units below it, byte for byte, so the level above sees who wrote what.

The file is written temp → fsync → rename, then read back from the device and verified before
the user is told the stick may be removed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import uuid
import zipfile
from collections.abc import Generator
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, func, literal_column, select, union
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from mediation_desktop.storage import witness
from mediation_desktop.storage.atomic import refuse_not_file, write_atomically
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.filestore import FileStore
from mediation_desktop.storage.models import (
    Attachment,
    AuditHead,
    Base,
    Case,
    ChangeCounter,
    SyncExport,
    SyncImport,
    SyncPeer,
)
from mediation_desktop.storage.types import utcnow
from mediation_desktop.storage.unit_of_work import UnitOfWork
from mediation_desktop.sync import archive, codec, schema
from mediation_desktop.sync.container import BundleWriter, open_bundle, seal
from mediation_desktop.sync.errors import SyncError
from mediation_desktop.sync.export_sqlite import record_files_sqlite, second_reader
from mediation_desktop.sync.keys import OwnKeys, now_iso, own_keys, peer_record
from mediation_desktop.sync.progress import Progress, Steps
from mediation_desktop.sync.verify import LEVELS


@dataclass
class ExportResult:
    path: Path
    bundle_id: uuid.UUID
    seq_from: int
    seq_to: int
    full: bool
    encrypted: bool
    counts: dict[str, int]
    forwarded: int
    sha256: str
    forwarded_case_records: int = 0  # case records in the bundles forwarded (a case changed twice: twice)
    forwarded_units: int = 0  # the units below whose bundles those are
    cases: int = field(init=False)
    records: int = field(init=False)

    def __post_init__(self) -> None:
        self.cases = self.counts.get("mediation_case", 0)
        self.records = sum(self.counts.values())


def acknowledged_point(conn: Connection) -> int:
    """The highest sequence up to which every change reached the level above (by its receipts)."""
    spans = sorted(conn.execute(select(SyncExport.seq_from, SyncExport.seq_to)
                                .where(SyncExport.kind == "data", SyncExport.acknowledged_at.is_not(None))).all())
    point = 0
    for seq_from, seq_to in spans:
        if seq_from <= point:
            point = max(point, int(seq_to))
    return point


def audit_head(conn: Connection) -> dict[str, Any]:
    """The head of this installation's audit chain, as every bundle it writes records it in its manifest
    (signed): the level above can later check that the chain it is shown has not been rewritten."""
    head = conn.execute(select(AuditHead.last_seq, AuditHead.last_hash)).first()
    if head is None:
        return {"seq": 0, "hash": "0" * 64}
    return {"seq": int(head[0]), "hash": str(head[1])}


def _changed_case_ids(owner: uuid.UUID, since: int) -> Select[Any]:
    owned = select(Case.id).where(Case.owner_installation_id == owner)
    if since <= 0:
        return owned
    parts = [select(Case.id.label("cid")).where(Case.change_seq > since)]
    for t in schema.CHILD_TYPES:
        table = Base.metadata.tables[t]
        parts.append(select(table.c.case_id.label("cid")).where(table.c.change_seq > since))
    changed = union(*parts).subquery()
    return owned.where(Case.id.in_(select(changed.c.cid)))


def read_records(conn: Connection, case_ids: Select[Any]) -> dict[str, list[list[Any]]]:
    """Every record of the selected cases, per type, in wire form (parents before the versions they supersede)."""
    out: dict[str, list[list[Any]]] = {}
    sqlite = conn.dialect.name == "sqlite"
    for t in schema.RECORD_TYPES:
        table: Table = Base.metadata.tables[t]
        key = table.c.id if t == "mediation_case" else table.c.case_id
        stmt, convs = _wire_select(t, sqlite)
        stmt = stmt.where(key.in_(case_ids))
        if t == "agreement":
            stmt = stmt.order_by(table.c.version)
        out[t] = codec.convert_rows(conn.execute(stmt).all(), convs)
    return out


def _wire_select(t: str, sqlite: bool) -> tuple[Select[Any], list[Any]]:
    """The select of a record type's wire columns and their converters to wire form (SQLite: the stored values,
    without SQLAlchemy's per-value processing)."""
    table: Table = Base.metadata.tables[t]
    cols = schema.columns(t)
    if sqlite:
        raw: list[Any] = [literal_column(f'"{t}"."{c.name}"') for c in cols]
        return select(*raw).select_from(table), [codec.sqlite_to_wire(c) for c in cols]
    return select(*[table.c[c.name] for c in cols]), [codec.to_wire(c) for c in cols]


def registers_since(conn: Connection, since: int) -> int:
    """Where this committee's registers are sent from: where its cases are (``since``) once a bundle that carried
    them (or said it had none) reached the level above; before that, from the start. A build before the registers
    travelled left bundles whose acknowledgement says nothing of them: the roster and the screenings kept then go up
    once, whole."""
    recorded = conn.execute(select(SyncExport.counts).where(SyncExport.kind == "data",
                                                           SyncExport.acknowledged_at.is_not(None))).scalars()
    aware = any(isinstance(c, dict) and schema.REGISTER_TYPES[0] in c for c in recorded)
    return since if aware else 0


def read_registers(conn: Connection, org_code: str, since: int) -> dict[str, list[list[Any]]]:
    """This committee's registers changed after ``since`` (0: all of them), per type, in wire form: its roster,
    its screenings and the disputes they found (a hub's villages' registers go up in their own bundles, which it
    forwards). Small tables: read like :func:`read_records`."""
    out: dict[str, list[list[Any]]] = {}
    sqlite = conn.dialect.name == "sqlite"
    screening = Base.metadata.tables["screening"]
    for t in schema.REGISTER_TYPES:
        table: Table = Base.metadata.tables[t]
        stmt, convs = _wire_select(t, sqlite)
        if t == "screening_finding":
            stmt = stmt.where(table.c.screening_id.in_(select(screening.c.id)
                                                       .where(screening.c.owner_org_code == org_code)))
        else:
            stmt = stmt.where(table.c.owner_org_code == org_code)
        if since > 0:
            stmt = stmt.where(table.c.change_seq > since)
        out[t] = codec.convert_rows(conn.execute(stmt.order_by(table.c.change_seq, table.c.id)).all(), convs)
    return out


def record_file(record_type: str, rows: list[list[Any]]) -> bytes:
    doc = {"type": record_type, "columns": schema.column_names(record_type), "rows": rows}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _parent(s: Session, me: SyncPeer) -> SyncPeer | None:
    if not me.parent_code:
        return None
    return s.scalars(select(SyncPeer).where(SyncPeer.org_code == me.parent_code,
                                            SyncPeer.is_self.is_(False))).first()


def recipients(s: Session, me: SyncPeer) -> list[str] | None:
    """The X25519 keys a bundle is encrypted for: the level above and any escrow key; None if above is unknown."""
    parent = _parent(s, me)
    if parent is None:
        return None
    escrow = s.scalars(select(SyncPeer.box_key).where(SyncPeer.is_escrow.is_(True))).all()
    return [parent.box_key, *[k for k in escrow if k != parent.box_key]]


def encrypts_by_default(db: Database) -> bool:
    """Whether a bundle exported with ``encrypt=None`` is encrypted (the level above's key is known)."""
    me = own_keys(db).peer
    with db.read_session() as s:
        return recipients(s, me) is not None


def export_bundle(db: Database, out: Path, *, actor: str, full: bool = False,
                  encrypt: bool | None = None, progress: Progress | None = None) -> ExportResult:
    """Write a data bundle to ``out``; ``encrypt`` None means "if the level above's key is known".

    ``progress(done, total)`` hears of each record file made; whatever it raises stops the export before
    the file is written (see ``sync.progress``)."""
    db.paths.refuse_own_file(out)
    if not out.resolve().parent.is_dir():
        raise SyncError("sync.out_dir", path=str(out))
    refuse_not_file(out)  # (before anything is made or recorded: a device or a pipe is never replaced)
    keys = own_keys(db)
    me = keys.peer
    bundle_id = uuid.uuid4()
    writer = BundleWriter()  # compresses each member on its own thread while the next one is read
    steps = Steps(progress, len(schema.RECORD_TYPES) + 2)
    counts: dict[str, int] = {}
    forwarded, forwarded_case_records = [], 0
    try:
        with db.read_session() as s, ExitStack() as stack:
            conn = s.connection()
            second = stack.enter_context(second_reader(db, conn))  # before the first read of the export
            since = 0 if full else acknowledged_point(conn)
            seq_to = int(conn.scalar(select(ChangeCounter.last_seq)) or 0)
            seq_from = min(since, seq_to)
            head = audit_head(conn)
            selected = _changed_case_ids(me.installation_id, seq_from)
            keys_for = recipients(s, me)
            if encrypt and keys_for is None:
                raise SyncError("sync.no_hub")
            files: Generator[tuple[str, bytes, int], None, None]
            if db.is_sqlite:
                others = conn.scalar(select(func.count()).select_from(Case)
                                     .where(Case.owner_installation_id != me.installation_id))
                everything = seq_from == 0 and not others  # a village's full export: no filter to evaluate
                # closed before the second reader ends (the stack unwinds in reverse): its thread is done by then
                files = stack.enter_context(closing(record_files_sqlite(conn, None if everything else selected,
                                                                        second)))
            else:
                files = ((t, record_file(t, rows), len(rows)) for t, rows in read_records(conn, selected).items())
            for t, data, n in files:
                writer.add(f"records/{t}.json", data)
                counts[t] = n
                steps.step()
            registers = {t: rows for t, rows in read_registers(conn, me.org_code, registers_since(conn, seq_from))
                         .items() if rows}
            for t, rows in registers.items():
                writer.add(f"records/{t}.json", record_file(t, rows))
                counts[t] = len(rows)
            attachments = _attachment_files(conn, selected)
            prev = conn.scalar(select(SyncExport.bundle_id).where(SyncExport.kind == "data")
                               .order_by(SyncExport.created_at.desc()).limit(1))
            # forwarded up: what came from the units below (directly or through them), never what came down; a
            # unit below names this one as its superior, or none (a village set up before it knew its township's
            # code, whose bundles the import took as from below: ``verify.check_place``)
            lower = [level for level, rank in LEVELS.items() if rank < LEVELS.get(str(me.level), -1)]
            below = select(SyncPeer.installation_id).where(
                (SyncPeer.parent_code == me.org_code) | (SyncPeer.parent_code.is_(None) & SyncPeer.level.in_(lower)),
                SyncPeer.is_self.is_(False))
            fwd_stmt = select(SyncImport.bundle_id, SyncImport.source_installation_id).where(
                SyncImport.kind == "data",
                SyncImport.source_installation_id.in_(below) | SyncImport.via_installation_id.in_(below))
            if not full:
                fwd_stmt = fwd_stmt.where(SyncImport.forwarded_in.is_(None))
            forward = conn.execute(fwd_stmt.order_by(SyncImport.imported_at)).all()
            roster_ids = {src for _, src in forward}
            roster = [peer_record(p) for p in s.scalars(select(SyncPeer)) if p.installation_id in roster_ids]
            s.rollback()
        store = FileStore(db.paths.files)
        for sha in attachments:
            if store.verify(sha) == "ok":
                writer.add(f"attachments/{sha}", store.read(sha))
        for fid, src in forward:
            member = f"forwarded/{fid.hex}.zip"
            kept = archive.read(db.paths, fid)
            writer.add(member, kept)
            forwarded_case_records += _cases_in(kept)
            forwarded.append({"bundle_id": fid.hex, "source_installation_id": src.hex, "member": member})
        steps.step()
    except BaseException:
        writer.abort()
        raise
    sealed = keys_for is not None and encrypt is not False
    manifest = {
        "format": schema.FORMAT, "format_version": schema.FORMAT_VERSION, "schema_version": schema.SCHEMA_VERSION,
        "kind": "data", "bundle_id": bundle_id.hex, "created_at": now_iso(), "source": peer_record(me),
        "recipient_org_code": me.parent_code, "seq_from": seq_from, "seq_to": seq_to, "full": seq_from == 0,
        "prev_bundle_id": prev.hex if prev is not None else None,
        "audit_head": head,
        "counts": counts, "forwarded": forwarded, "roster": roster,
    }
    data = writer.build(manifest, keys)
    if sealed:
        assert keys_for is not None
        data = seal(data, keys, keys_for)
    steps.last()  # (a stop here leaves no file)
    digest = write_and_verify(out, data, keys)
    witness.record_head(db.paths, head)  # the head this bundle carries, kept where rows cannot reach (check)
    with UnitOfWork(db, actor=actor, action="sync.export") as uow:
        # (the registers' counts, none too: the mark of a bundle that carried them, see registers_since)
        recorded = {**dict.fromkeys(schema.REGISTER_TYPES, 0), **counts}
        uow.session.add(SyncExport(bundle_id=bundle_id, kind="data", seq_from=seq_from, seq_to=seq_to,
                                   prev_bundle_id=prev, full=seq_from == 0, encrypted=sealed, created_at=utcnow(),
                                   counts=recorded, sha256=digest))
        for fid, _ in forward:
            row = uow.session.get(SyncImport, fid)
            if row is not None and row.forwarded_in is None:
                row.forwarded_in = bundle_id
        uow.commit()
    return ExportResult(out, bundle_id, seq_from, seq_to, seq_from == 0, sealed, counts, len(forwarded), digest,
                        forwarded_case_records=forwarded_case_records, forwarded_units=len(roster_ids))


def _cases_in(bundle: bytes) -> int:
    """The case records a kept bundle says it carries (its signed manifest's counts, checked when it was imported;
    read within the bound of a manifest). A case changed in two bundles is in both."""
    from mediation_desktop.storage.zip_guard import ZipRefused, read_member
    from mediation_desktop.sync.container import LIMITS

    try:
        with zipfile.ZipFile(io.BytesIO(bundle)) as zf:
            manifest = json.loads(read_member(zf, zf.getinfo("manifest.json"), LIMITS.manifest_size))
    except (KeyError, ValueError, zipfile.BadZipFile, ZipRefused):
        return 0
    counts = manifest.get("counts") if isinstance(manifest, dict) else None
    n = counts.get("mediation_case") if isinstance(counts, dict) else None
    return n if isinstance(n, int) and not isinstance(n, bool) and n > 0 else 0


def _attachment_files(conn: Connection, case_ids: Select[Any]) -> list[str]:
    """The files of the attachments of the selected cases (not deleted), each once."""
    rows = conn.execute(select(Attachment.sha256).where(Attachment.case_id.in_(case_ids),
                                                        Attachment.deleted_at.is_(None)).distinct())
    return sorted(r[0] for r in rows)


def write_and_verify(out: Path, data: bytes, keys: OwnKeys) -> str:
    """temp → fsync → rename, then read the file back from the device and check it. Returns its SHA-256."""
    digest = hashlib.sha256(data).hexdigest()
    write_atomically(out, data)
    back = _read_back(out)
    if hashlib.sha256(back).hexdigest() != digest:
        raise SyncError("sync.verify_after_write", path=str(out), detail="sha256")
    try:
        # the bytes are the ones built (same hash); check the container, its listing and the signature
        open_bundle(back, str(out), lambda manifest: keys.peer.sign_key, read_members=False)
    except SyncError as exc:
        detail = str(exc.params.get("detail", exc.key))
        raise SyncError("sync.verify_after_write", path=str(out), detail=detail) from None
    return digest


def _read_back(path: Path) -> bytes:
    """Read what is on the device, not what the page cache remembers (where the platform lets us say so)."""
    with path.open("rb") as fh:
        if hasattr(os, "posix_fadvise"):
            try:
                os.fsync(fh.fileno())
                os.posix_fadvise(fh.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
            except OSError:
                pass
        return fh.read()


def parse_created(value: str) -> dt.datetime:
    try:
        stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return utcnow()
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)
