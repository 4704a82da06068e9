"""Who may speak for a record: a data bundle carries only records owned by the unit that signed it.

The signature proves who wrote a bundle; the owner fields inside it are only what the writer claims. So before
anything of a data bundle is applied, every record is checked against its signed source:

- a case must name the source as its owner, by installation (``owner_installation_id``) and by unit
  (``owner_org_code``: the code that numbers the case and makes it editable where it is stored);
- a case, or any record, already stored here must belong to a case of the same owner (an update, or a
  tombstone, cannot take over a record of another unit);
- a record of a case (party, investigation, session, agreement, follow-up, referral, attachment) must belong to
  a case of the source: one in the bundle, or one stored here that the source owns; not another unit's case,
  not the importer's own, not a case that is nowhere (whose it is cannot be told);
- an agreement a record refers to (``supersedes_id``, ``agreement_id``) must be of a case of the source;
- a record of the committee's registers (a mediator of its roster, a screening) must name the source's unit as its
  owner (``owner_org_code``), and so must the one stored here under its id; a dispute a screening found belongs
  to a screening of the source (in the bundle, or stored here as the source's), and the case it was registered as,
  if any, is a case of the source.

A forwarding hub's own records are checked against the hub; each bundle it forwards is checked against its own
author (it is applied as if it had come directly). A referral's ``to_org_code`` and ``target_case_id`` name the
committee it goes to and that committee's case, a case's ``referred_from_case_id`` the village case it came from:
links, not owners, so a referral up stays a record of the village's case. The first record that breaks the rule
refuses the whole bundle (``sync.not_owner``): the import is one transaction, so nothing of it is written.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, select

from mediation_desktop.storage.models import SyncPeer
from mediation_desktop.sync import schema, stored
from mediation_desktop.sync.errors import SyncError
from mediation_desktop.sync.verify import VerifiedBundle

AGREEMENT_LINKS = {"agreement": "supersedes_id", "follow_up": "agreement_id", "attachment": "agreement_id"}

Owner = tuple[str, str]  # (installation id, org code), wire forms


def check_bundle(conn: Connection, vb: VerifiedBundle) -> None:
    """Refuse ``vb`` (``SyncError("sync.not_owner")``) if any of its records is not its signed source's."""
    source: Owner = (str(vb.source["installation_id"]), str(vb.source["org_code"]))
    checker = _Checker(conn, vb, source)
    checker.cases()
    checker.children()
    checker.registers()


class _Checker:
    def __init__(self, conn: Connection, vb: VerifiedBundle, source: Owner) -> None:
        self.conn, self.vb, self.source = conn, vb, source
        self.in_bundle: set[str] = set()  # the bundle's cases (each checked to be the source's)
        self.owners: dict[str, Owner] = {}  # case id → its owner as stored here

    def refuse(self, record_type: str, record_id: str, owner: Owner) -> None:
        raise SyncError("sync.not_owner", path=self.vb.path, org_name=self.vb.source["org_name"],
                        org_code=self.source[1], owner=_unit_name(self.conn, owner, self.source),
                        record=schema.RECORD_WORDS[record_type], record_id=record_id)

    def cases(self) -> None:
        names = schema.column_names("mediation_case")
        i_id, i_inst, i_org = (names.index(n) for n in ("id", "owner_installation_id", "owner_org_code"))
        rows = self.vb.records.get("mediation_case", [])
        for r in rows:
            claimed = (r[i_inst], r[i_org])
            if claimed != self.source:
                self.refuse("mediation_case", r[i_id], claimed)
            self.in_bundle.add(r[i_id])
        self.owners.update(_stored_owners(self.conn, self.in_bundle))
        for r in rows:  # an update (or a tombstone) of a case stored here under another owner
            stored = self.owners.get(r[i_id])
            if stored is not None and stored != self.source:
                self.refuse("mediation_case", r[i_id], stored)

    def case_of_source(self, record_type: str, record_id: str, case_id: str, *, known: bool = True) -> None:
        """``case_id`` (a case in the bundle, or stored here) must be the source's. A record of a case that is
        nowhere (a bundle carries every record of a case with the case) is refused too when ``known``: whose
        it is cannot be told."""
        if case_id in self.in_bundle:
            return
        stored = self.owners.get(case_id)
        if stored is not None and stored != self.source:
            self.refuse(record_type, record_id, stored)
        if stored is None and known:
            raise SyncError("sync.not_owner_unknown_case", path=self.vb.path, org_name=self.vb.source["org_name"],
                            org_code=self.source[1], record=schema.RECORD_WORDS[record_type], record_id=record_id,
                            case_id=case_id)

    def children(self) -> None:
        rows_of = {t: self.vb.records.get(t, []) for t in schema.CHILD_TYPES}
        cols = {t: schema.column_names(t) for t in schema.CHILD_TYPES}
        outside: set[str] = set()  # cases the records point at that are not in the bundle
        for t, rows in rows_of.items():
            i_case = cols[t].index("case_id")
            outside.update(r[i_case] for r in rows if r[i_case] not in self.in_bundle)
        self.owners.update(_stored_owners(self.conn, outside - self.owners.keys()))
        agreement_case: dict[str, str] = {}  # agreement id → its case, as the bundle says
        for t, rows in rows_of.items():
            i_id, i_case = cols[t].index("id"), cols[t].index("case_id")
            for r in rows:
                self.case_of_source(t, r[i_id], r[i_case])
            if t == "agreement":
                agreement_case = {r[i_id]: r[i_case] for r in rows}
        # records stored here under another case: their stored case must be the source's too
        for t, rows in rows_of.items():
            i_id, i_case = cols[t].index("id"), cols[t].index("case_id")
            moved = _stored_cases(self.conn, t, [r[i_id] for r in rows])
            if not moved:
                continue
            self.owners.update(_stored_owners(self.conn, set(moved.values()) - self.owners.keys()))
            for r in rows:
                was = moved.get(r[i_id])
                if was is not None and was != r[i_case]:
                    self.case_of_source(t, r[i_id], was, known=False)
        # agreements that records refer to
        links = [(t, cols[t].index("id"), cols[t].index(column)) for t, column in AGREEMENT_LINKS.items()]
        wanted = {r[i_link] for t, _, i_link in links for r in rows_of[t] if r[i_link] is not None}
        stored_agreements = _stored_cases(self.conn, "agreement", sorted(wanted - agreement_case.keys()))
        self.owners.update(_stored_owners(self.conn, set(stored_agreements.values()) - self.owners.keys()))
        for t, i_id, i_link in links:
            for r in rows_of[t]:
                target = r[i_link]
                case = agreement_case.get(target) if target is not None else None
                if case is None and target is not None:
                    case = stored_agreements.get(target)
                if case is not None:
                    self.case_of_source(t, r[i_id], case, known=False)

    def registers(self) -> None:
        org = self.source[1]
        screenings: set[str] = set()
        for t in ("mediator", "screening"):
            names = schema.column_names(t)
            i_id, i_org = names.index("id"), names.index("owner_org_code")
            rows = self.vb.records.get(t, [])
            for r in rows:
                if r[i_org] != org:
                    self.refuse(t, r[i_id], ("", r[i_org]))
            stored_orgs = _lookup(self.conn, t, [r[i_id] for r in rows], ("owner_org_code",))
            for rid, owner in stored_orgs:
                if str(owner) != org:
                    self.refuse(t, rid, ("", str(owner)))
            if t == "screening":
                screenings = {r[i_id] for r in rows}
        names = schema.column_names("screening_finding")
        i_id, i_screening, i_case = (names.index(n) for n in ("id", "screening_id", "case_id"))
        findings = self.vb.records.get("screening_finding", [])
        if not findings:
            return
        elsewhere = {r[i_screening] for r in findings} - screenings
        stored_screenings = dict(_lookup(self.conn, "screening", elsewhere, ("owner_org_code",)))
        # a finding stored here under another screening: that screening must be the source's too
        moved = dict(_lookup(self.conn, "screening_finding", [r[i_id] for r in findings], ("screening_id",)))
        more = {str(s) for s in moved.values()} - screenings - stored_screenings.keys()
        stored_screenings.update(_lookup(self.conn, "screening", more, ("owner_org_code",)))
        outside = {r[i_case] for r in findings if r[i_case] is not None} - self.in_bundle - self.owners.keys()
        self.owners.update(_stored_owners(self.conn, outside))
        for r in findings:
            for screening in (r[i_screening], str(moved.get(r[i_id], r[i_screening]))):
                if screening in screenings:
                    continue
                owner = stored_screenings.get(screening)
                if owner is None:
                    raise SyncError("sync.not_owner_unknown_screening", path=self.vb.path,
                                    org_name=self.vb.source["org_name"], org_code=org, record_id=r[i_id],
                                    screening_id=screening)
                if str(owner) != org:
                    self.refuse("screening_finding", r[i_id], ("", str(owner)))
            if r[i_case] is not None:
                self.case_of_source("screening_finding", r[i_id], r[i_case])


# -- what is stored here ---------------------------------------------------------------------------------------

def _lookup(conn: Connection, table_name: str, ids: Iterable[str], columns: tuple[str, ...]) -> list[tuple[Any, ...]]:
    """(id, *columns) of the rows of ``table_name`` with these ids (wire forms in, wire forms out)."""
    return stored.rows_by_id(conn, table_name, ids, columns)


def _stored_owners(conn: Connection, case_ids: Iterable[str]) -> dict[str, Owner]:
    rows = _lookup(conn, "mediation_case", case_ids, ("owner_installation_id", "owner_org_code"))
    return {cid: (str(inst), str(org)) for cid, inst, org in rows}


def _stored_cases(conn: Connection, record_type: str, ids: Iterable[str]) -> dict[str, str]:
    """id → case id of the records of ``record_type`` stored here."""
    return {rid: str(case) for rid, case in _lookup(conn, record_type, ids, ("case_id",))}


def _unit_name(conn: Connection, owner: Owner, source: Owner) -> str:
    """The unit a record claims or has as its owner, by name and code as this installation knows it."""
    installation, org_code = owner
    if org_code == source[1]:  # the right unit's code with another installation: name that installation's unit
        try:
            peer = conn.execute(select(SyncPeer.org_name, SyncPeer.org_code)
                                .where(SyncPeer.installation_id == uuid.UUID(hex=installation))).first()
        except ValueError:
            peer = None
        return f"{peer[0]}（{peer[1]}）" if peer is not None else f"{org_code}/{installation[:8]}"
    name = conn.scalar(select(SyncPeer.org_name).where(SyncPeer.org_code == org_code)
                       .order_by(SyncPeer.trusted_at.desc()).limit(1))
    return f"{name}（{org_code}）" if name else org_code
