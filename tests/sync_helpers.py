"""Helpers of the sync tests (loaded by conftest by path, then imported by the test modules by name)."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from mediation_desktop.domain.enums import PartyRole, Performance, SessionResult
from mediation_desktop.services import agreements, cases, records
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.database import Database
from mediation_desktop.sync import schema
from mediation_desktop.sync.export import ExportResult, export_bundle
from mediation_desktop.sync.importer import import_files
from mediation_desktop.sync.keys import own_keys, public_key_file, trust_file
from mediation_desktop.sync.outcomes import ImportSummary


@dataclass
class Inst:
    """One installation under test."""

    name: str
    db: Database
    actor: Actor
    folder: Path
    exports: list[Path] = field(default_factory=list)

    @property
    def id(self) -> uuid.UUID:
        return own_keys(self.db).peer.installation_id

    def export(self, name: str | None = None, **kw: Any) -> Path:
        out = self.folder.parent / "stick" / (name or f"{self.name}-{len(self.exports) + 1}.zip")
        out.parent.mkdir(exist_ok=True)
        result: ExportResult = export_bundle(self.db, out, actor=self.actor.username, **kw)
        assert result.path == out
        self.exports.append(out)
        return out

    def import_(self, *files: Path, **kw: Any) -> ImportSummary:
        kw.setdefault("receipts_dir", self.folder.parent / "stick")
        return import_files(self.db, list(files), actor=self.actor.username, **kw)

    def trusts(self, other: Inst) -> None:
        key = self.folder.parent / f"{other.name}.key.json"
        key.write_bytes(public_key_file(own_keys(other.db)))
        trust_file(self.db, key, actor=self.actor.username)

    def register(self, name_a: str, name_b: str, day: dt.date = dt.date(2026, 3, 2), **kw: Any) -> uuid.UUID:
        reg = cases.register_case(self.db, self.actor, cases.CaseInput(
            "neighbour", [PartyInput(name_a, phone="13800138000"), PartyInput(name_b, role=PartyRole.RESPONDENT)],
            summary=kw.pop("summary", f"{name_a}与{name_b}因宅基地界限发生争执。"), registered_on=day, **kw),
            today=day)
        return reg.case_id

    def mediate_and_agree(self, case_id: uuid.UUID) -> uuid.UUID:
        records.add_session(self.db, self.actor, case_id, records.SessionInput(SessionResult.AGREED, record="达成一致"))
        aid = agreements.save_draft(self.db, self.actor, case_id, agreements.AgreementInput(
            ["重新测量界限", "双方不再追究"], performance_method="现场埋设界桩", performance_place="村三组",
            performance_deadline=dt.date(2026, 3, 20)))
        agreements.sign(self.db, self.actor, aid, signed_on=dt.date(2026, 3, 10))
        return aid

    def follow_up(self, case_id: uuid.UUID, day: dt.date = dt.date(2026, 3, 25)) -> None:
        records.add_follow_up(self.db, self.actor, case_id, records.FollowUpInput(
            Performance.DONE, "回访对象", visited_on=day))

    def dump(self) -> dict[str, Any]:
        return dump_records(self.db)

    def state(self) -> dict[str, Any]:
        """Everything an import may touch: records, ledger, peers, settings, audit head, search docs."""
        out = self.dump()
        with self.db.engine.connect() as conn:
            for table in ("sync_import", "sync_peer", "sync_export", "setting", "audit_head", "case_search_row",
                          "change_counter", "mediator", "screening", "screening_finding"):
                out[table] = sorted(map(repr, conn.execute(text(f"SELECT * FROM {table}")).all()))
        return out


def dump_records(db: Database, owner: uuid.UUID | None = None) -> dict[str, Any]:
    """Every synced record as (id → all wire columns), optionally only of cases owned by ``owner``."""
    from mediation_desktop.storage.models import Case
    from mediation_desktop.sync.export import read_records

    with db.engine.connect() as conn:
        ids = select(Case.id) if owner is None else select(Case.id).where(Case.owner_installation_id == owner)
        recs = read_records(conn, ids)
    out: dict[str, Any] = {}
    for t, rows in recs.items():
        i = schema.column_names(t).index("id")
        out[t] = {r[i]: r for r in rows}
    return out


def dump_registers(db: Database) -> dict[str, Any]:
    """Every committee register record (roster, screenings, findings) as (id → all wire columns), of every unit."""
    from mediation_desktop.sync.export import read_registers

    out: dict[str, Any] = {t: {} for t in schema.REGISTER_TYPES}
    with db.engine.connect() as conn:
        for org in conn.execute(text("SELECT DISTINCT owner_org_code FROM mediator UNION "
                                     "SELECT DISTINCT owner_org_code FROM screening")).scalars():
            for t, rows in read_registers(conn, org, 0).items():
                i = schema.column_names(t).index("id")
                out[t].update({r[i]: r for r in rows})
    return out


def file_sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()




def rezip(path: Path, out: Path, *, change: dict[str, bytes | None] | None = None,
          add: list[tuple[str, bytes]] | None = None, order: list[str] | None = None,
          attrs: dict[str, int] | None = None) -> Path:
    """Copy a bundle, replacing (or with None dropping) members, adding some, reordering them."""
    import zipfile

    change = change or {}
    with zipfile.ZipFile(path) as zf:
        members = [(i.filename, zf.read(i.filename)) for i in zf.infolist()]
    members = [(n, change.get(n, d)) for n, d in members if change.get(n, d) is not None]
    members += add or []
    if order is not None:
        by = dict(members)
        members = [(n, by[n]) for n in order]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name)
            info.filename = name  # as given: on Windows ZipInfo would turn a hostile "a\\b" into "a/b"
            info.compress_type = zipfile.ZIP_DEFLATED
            if attrs and name in attrs:
                info.external_attr = attrs[name] << 16
            zf.writestr(info, data)
    return out


def resign(inst_db: Database, manifest: dict[str, Any]) -> tuple[bytes, bytes]:
    """The manifest re-serialised and signed with ``inst_db``'s own key (for forged-but-signed bundles)."""
    import json

    data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    return data, own_keys(inst_db).signature(data).hex().encode()


def read_member(path: Path, member: str) -> Any:
    """A JSON member of a bundle, parsed."""
    import json
    import zipfile

    with zipfile.ZipFile(path) as zf:
        return json.loads(zf.read(member))


def with_record_file(signer: Inst, bundle: Path, out: Path, record_type: str, doc: dict[str, Any],
                     version: str) -> Path:
    """``bundle`` with another ``records/<record_type>.json`` and schema version, signed again by ``signer``'s own
    key (a forged-but-signed bundle, or one as an older build wrote it)."""
    import json

    name = f"records/{record_type}.json"
    man = read_member(bundle, "manifest.json")
    body = json.dumps(doc, ensure_ascii=False).encode()
    for m in man["members"]:
        if m["name"] == name:
            m.update(sha256=hashlib.sha256(body).hexdigest(), size=len(body))
    man["schema_version"] = version
    data, sig = resign(signer.db, man)
    return rezip(bundle, out, change={name: body, "manifest.json": data, "manifest.sig": sig})


def new_installation(folder: Path, name: str, code: str, org_name: str, level: str, parent: str | None,
                     database_url: str | None = None) -> Inst:
    """A set-up installation in ``folder`` (SQLite there, or the PostgreSQL of ``database_url``), signed in as its
    first director."""
    from mediation_desktop.paths import DataPaths
    from mediation_desktop.services.accounts import authenticate
    from mediation_desktop.services.setup import SetupRequest, initialise
    from mediation_desktop.storage.database import open_database

    paths = DataPaths(folder)
    db = open_database(paths, database_url) if database_url else open_database(paths)
    initialise(db, SetupRequest(code, org_name, level, "admin", "secret123", parent_code=parent))
    return Inst(name, db, authenticate(db, "admin", "secret123"), folder)


@contextlib.contextmanager
def village_and_hub(folder: Path, hub_url: str | None = None) -> Iterator[tuple[Inst, Inst]]:
    """石桥村 and its township hub 城关镇 (on the database of ``hub_url``, else SQLite), trusting each other; both
    databases closed afterwards."""
    village = new_installation(folder / "village", "石桥", "330102001", "石桥村人民调解委员会", "village", "330102")
    hub = new_installation(folder / "hub", "城关", "330102", "城关镇人民调解委员会", "township", "330100", hub_url)
    try:
        village.trusts(hub)
        hub.trusts(village)
        yield village, hub
    finally:
        village.db.dispose()
        hub.db.dispose()


def add_case_of_unknown_committee(db: Database, org_code: str, day: dt.date) -> uuid.UUID:
    """A performed case owned by ``org_code``, a committee whose key record this hub never saw (as a hub holds one
    brought in before the key travelled): written directly, as the sync applier would."""
    from mediation_desktop.domain.enums import CaseSource
    from mediation_desktop.domain.lifecycle import CaseStatus
    from mediation_desktop.storage.models import Case
    from mediation_desktop.storage.unit_of_work import UnitOfWork

    case_id = uuid.uuid4()
    with UnitOfWork(db, actor="sync", action="test.sync") as uow:
        uow.session.add(Case(
            id=case_id, case_no="（2026）外村人调字第1号", year=2026, serial=1, owner_org_code=org_code,
            owner_installation_id=uuid.uuid4(), title="外村案件", category_code="neighbour", category_scheme="2021",
            source=CaseSource.APPLICATION, status=CaseStatus.PERFORMED, registered_on=day, accepted_on=day,
            closed_on=day, summary="", requests=[], extra={}))
        uow.commit()
    return case_id
