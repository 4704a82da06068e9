"""Everything a bundle must pass before the database is touched.

Container and limits, the signature by the sender's pinned key (a new sender only when the user
confirmed it), versions, every member's hash and size, decryption, and strict schemas for every
document and record. Forwarded bundles inside a hub's bundle are verified the same way, each by
its own author's key (vouched for by the signed roster of the hub that forwarded it).
"""

from __future__ import annotations

import json
import re
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mediation_desktop.domain import categories
from mediation_desktop.storage.attachment_types import content_problem
from mediation_desktop.storage.models import SyncPeer
from mediation_desktop.sync import record_checks, schema
from mediation_desktop.sync.container import (
    LIMITS,
    PAYLOAD,
    Limits,
    OpenedBundle,
    addressed_to,
    open_bundle,
    read_file,
    unseal,
)
from mediation_desktop.sync.errors import SyncError, unsafe_text
from mediation_desktop.sync.file_names import is_plain_file_name
from mediation_desktop.sync.keys import OwnKeys, fingerprint

_ATTACHMENT = re.compile(r"^attachments/([0-9a-f]{64})$")
_RECORDS = re.compile(r"^records/([a-z_]+)\.json$")
MAX_DEPTH = 3  # county → township → village
LEVELS = {"village": 0, "township": 1, "county": 2}


@dataclass
class VerifiedBundle:
    path: str
    plain: OpenedBundle  # the signed plain bundle (inside the encryption, if it was encrypted)
    sealed: bool
    manifest: dict[str, Any]
    source: dict[str, Any]
    records: dict[str, list[list[Any]]] = field(default_factory=dict)
    attachments: dict[str, bytes] = field(default_factory=dict)
    forwarded: list[VerifiedBundle] = field(default_factory=list)
    document: dict[str, Any] | None = None  # reference.json or receipt.json
    new_senders: list[dict[str, Any]] = field(default_factory=list)  # keys to pin when this is applied
    via: uuid.UUID | None = None
    applied_before: bool = False  # the very same signed bytes are in the import ledger: contents not re-read
    unfit: dict[str, str] = field(default_factory=dict)  # attachment id → why its file is not what it says

    @property
    def bundle_id(self) -> uuid.UUID:
        return uuid.UUID(hex=self.manifest["bundle_id"])

    @property
    def kind(self) -> str:
        return str(self.manifest["kind"])

    @property
    def source_id(self) -> uuid.UUID:
        return uuid.UUID(hex=self.source["installation_id"])


@dataclass
class Trust:
    """Who may send: the pinned keys, keys vouched for by a verified hub's roster, and --trust-new."""

    me: OwnKeys
    peers: dict[uuid.UUID, SyncPeer]
    trust_new: bool = False
    vouched: dict[uuid.UUID, dict[str, Any]] = field(default_factory=dict)
    applied: dict[str, str] = field(default_factory=dict)  # bundle id → SHA-256 of bundles in the import ledger

    def sign_key_for(self, path: str, new: list[dict[str, Any]]) -> Callable[[dict[str, Any]], str]:
        def pick(manifest: dict[str, Any]) -> str:
            src = manifest["source"]
            src_id = uuid.UUID(hex=src["installation_id"])
            claimed = src["sign_key"]
            if src_id == self.me.peer.installation_id:
                raise SyncError("sync.own_bundle", path=path)
            if manifest["kind"] == "sealed" and not addressed_to(manifest, self.me.box):
                raise SyncError("sync.not_for_us", path=path)
            peer = self.peers.get(src_id)
            if peer is not None:
                if peer.sign_key != claimed:
                    raise SyncError("sync.key_changed", path=path, org_name=peer.org_name, org_code=peer.org_code,
                                    pinned=peer.fingerprint, fingerprint=fingerprint(claimed))
                _speaks_as(path, src, {"org_code": peer.org_code, "org_name": peer.org_name, "level": peer.level,
                                       "parent_code": peer.parent_code})
                return peer.sign_key
            self._unit_not_pinned(path, src, claimed)
            vouched = self.vouched.get(src_id)
            if vouched is not None:
                if vouched["sign_key"] != claimed:
                    raise SyncError("sync.key_changed", path=path, org_name=vouched["org_name"],
                                    org_code=vouched["org_code"], pinned=vouched["fingerprint"],
                                    fingerprint=fingerprint(claimed))
                _speaks_as(path, src, vouched)
                return str(vouched["sign_key"])
            if not self.trust_new:
                raise SyncError("sync.unknown_sender", path=path, org_name=src["org_name"], org_code=src["org_code"],
                                fingerprint=fingerprint(claimed))
            if "box_key" in src:  # a plain manifest carries the whole key record; the sealed one only the signer
                new.append(dict(src))
            return str(claimed)
        return pick

    def _unit_not_pinned(self, path: str, src: dict[str, Any], claimed: str) -> None:
        """A key not pinned, for a unit that has one (a second key for it, or a key claiming this unit):
        refused whatever vouches for it (--trust-new, the window's confirmation, a hub's roster); only
        ``keys trust FILE --replace`` replaces a unit's key."""
        for peer in self.peers.values():
            if peer.org_code != src["org_code"]:
                continue
            if peer.is_self:
                raise SyncError("sync.claims_this_unit", path=path, org_name=peer.org_name, org_code=peer.org_code,
                                fingerprint=fingerprint(claimed))
            raise SyncError("sync.unit_key_changed", path=path, org_name=peer.org_name, org_code=peer.org_code,
                            pinned=peer.fingerprint, fingerprint=fingerprint(claimed))


UNIT_FIELDS = ("org_code", "org_name", "level", "parent_code")


def _speaks_as(path: str, src: dict[str, Any], unit: dict[str, Any]) -> None:
    """A known key speaks for the unit it was pinned (or vouched) for, never another: the unit a bundle says it comes
    from — whose cases it may carry, whose figures it changes, to whom its receipt goes — is the key's. (A unit's
    code, name, level and superior never change after set-up; a superior unknown when the key was pinned may have
    been set since.)"""
    for name in UNIT_FIELDS:
        if name not in src:  # (an encrypted bundle's outer manifest names only the code and name; the inner one all)
            continue
        pinned, said = unit.get(name), src[name]
        if said != pinned and not (name == "parent_code" and pinned is None):
            raise SyncError("sync.speaks_for_other_unit", path=path, org_name=unit.get("org_name") or "",
                            org_code=unit.get("org_code") or "", claimed_name=str(src.get("org_name") or ""),
                            claimed_code=str(src.get("org_code") or ""))


def verify_file(path: Path, trust: Trust, limits: Limits = LIMITS) -> VerifiedBundle:
    raw = read_file(path, limits)
    return verify_bytes(raw, str(path), trust, limits)


def verify_bytes(raw: bytes, path: str, trust: Trust, limits: Limits = LIMITS, depth: int = 0) -> VerifiedBundle:
    new: list[dict[str, Any]] = []
    opened = open_bundle(raw, path, trust.sign_key_for(path, new), limits)
    sealed = opened.manifest["kind"] == "sealed"
    if sealed:
        if depth > 0:
            raise SyncError("sync.bad_content", path=path, detail="nested encryption")
        plain_raw = unseal(opened.manifest, opened.members[PAYLOAD], trust.me.box, path)
        inner_new: list[dict[str, Any]] = []
        plain = open_bundle(plain_raw, path, trust.sign_key_for(path, inner_new), limits)
        if plain.manifest["kind"] == "sealed" or \
                plain.manifest["source"]["installation_id"] != opened.manifest["source"]["installation_id"] or \
                plain.manifest["source"]["sign_key"] != opened.manifest["source"]["sign_key"]:
            raise SyncError("sync.bad_content", path=path, detail="sealed source")
        new = inner_new
    else:
        plain = opened
    vb = VerifiedBundle(path, plain, sealed, plain.manifest, plain.manifest["source"], new_senders=new)
    _check_source(vb)
    if depth == 0:
        me = trust.me.peer
        check_place(vb, {"org_code": me.org_code, "level": me.level, "parent_code": me.parent_code})
    applied_sha = trust.applied.get(plain.manifest["bundle_id"])
    if applied_sha == plain.sha256:
        vb.applied_before = True  # verified and applied before, byte for byte: nothing to read again
        return vb
    if applied_sha is not None:  # the number of an imported bundle, other bytes: never "already imported"
        raise SyncError("sync.bundle_changed", path=path, bundle_id=plain.manifest["bundle_id"])
    _read_contents(vb, trust, limits, depth)
    return vb


def _check_source(vb: VerifiedBundle) -> None:
    src = vb.source
    if src["fingerprint"] != fingerprint(src["sign_key"]):
        raise SyncError("sync.bad_content", path=vb.path, detail="source fingerprint")
    m = vb.manifest
    if m["seq_from"] > m["seq_to"]:
        raise SyncError("sync.bad_content", path=vb.path, detail="sequence range")


def check_place(vb: VerifiedBundle, here: dict[str, Any]) -> None:
    """Data goes up the tree, reference data comes down it: refused before anything is read or applied.

    A data bundle comes from a unit below ``here`` (the importer, or the hub that forwarded it): from one
    level below, only a unit whose superior is ``here`` (or not set: a village set up before it knew its
    township's code), a village's code beginning with its township's (``_code_below``); from further below (a
    county opening a village's bundle with its escrow key), any.
    Reference data comes from a unit above, which is ``here``'s superior when that is set. So a village
    that trusts its township (for reference data and receipts) never takes in the township's upward
    bundle, which carries every other village's cases. Receipts are matched to our own exports when applied.
    A bundle addressed to a unit (``recipient_org_code``) is taken in by that unit only — or, from further
    below, by a unit above the superior it was addressed to (a county's escrow key).
    """
    src, kind = vb.source, vb.kind
    level, mine = LEVELS.get(str(src["level"]), 9), LEVELS.get(str(here["level"]), -1)
    below = level < mine and (level < mine - 1 or (src["parent_code"] in (None, here["org_code"])
                                                   and _code_below(src, here)))
    if kind == "data" and not below:
        raise SyncError("sync.not_below", path=vb.path, org_name=src["org_name"], org_code=src["org_code"],
                        parent_code=src["parent_code"] or "—")
    if kind == "reference" and (level <= mine or here["parent_code"] not in (None, src["org_code"])):
        raise SyncError("sync.not_above", path=vb.path, org_name=src["org_name"], org_code=src["org_code"])
    recipient = vb.manifest.get("recipient_org_code")
    # (a county opening a village's bundle with its escrow key: the bundle is addressed to the village's township)
    through = level < mine - 1 and recipient == src["parent_code"]
    if recipient is not None and recipient != here["org_code"] and not through:
        raise SyncError("sync.not_addressed", path=vb.path, org_name=src["org_name"], org_code=src["org_code"],
                        recipient=recipient, here=here["org_code"])


def _code_below(src: dict[str, Any], here: dict[str, Any]) -> bool:
    """A village's org code begins with its township's (行政区划码: the township's digits, then its own); other levels
    are not held to it (a county's own code need not begin a township's: 330100 and 330102)."""
    if src["level"] != "village" or here["level"] != "township":
        return True
    code, mine = str(src["org_code"]), str(here["org_code"])
    return len(code) > len(mine) and code.startswith(mine)


def check_forwarded_unit(inner: VerifiedBundle, hub: VerifiedBundle) -> None:
    """A hub forwards the bundles of its own units only: a forwarded unit's org code is the hub's followed by
    digits of its own (行政区划码: a village's code begins with its township's), whatever superior the unit's key
    record names — the hub signed the roster that vouches for that key, so a key it made itself could name the hub
    as superior, or none, for a village of another township; the county would pin it, and refuse the real
    village's key when its own township forwards it. Refused whole, before anything is read or applied."""
    code, mine = str(inner.source["org_code"]), str(hub.source["org_code"])
    if not _code_below(inner.source, hub.source):
        raise SyncError("sync.not_its_unit", path=hub.path, org_name=inner.source["org_name"], org_code=code,
                        hub_name=hub.source["org_name"], hub_code=mine)


def _check_across_columns(vb: VerifiedBundle) -> None:
    """What no column alone can say: a record twice in one file (the same id: which of the two the receiver keeps
    would depend on their order), a case's category code that its own scheme lacks, and an agreement's terms' own
    days (``term_deadlines``) that are not one per term. Refused whole."""
    for t, rows in vb.records.items():
        if not rows:
            continue
        i = schema.column_names(t).index("id")
        ids = [row[i] for row in rows]
        if len(set(ids)) != len(ids):
            twice = next(x for x, n in Counter(ids).items() if n > 1)
            raise SyncError("sync.bad_content", path=vb.path, detail=f"records/{t}.json: id {twice} twice")
    cases = vb.records.get("mediation_case") or []
    if cases:
        names = schema.column_names("mediation_case")
        code, version = names.index("category_code"), names.index("category_scheme")
        for pair in {(row[version], row[code]) for row in cases}:
            if not categories.is_valid(pair[1], pair[0]):
                raise SyncError("sync.bad_content", path=vb.path,
                                detail=f"records/mediation_case.json: category_code {pair[1]} not in {pair[0]}")
    agreements = vb.records.get("agreement") or []
    if agreements:  # 分期履行: a day for each term and no more, and at least one (the program writes null for none)
        names = schema.column_names("agreement")
        terms, days = names.index("terms"), names.index("term_deadlines")
        for n, row in enumerate(agreements):
            listed = row[days]
            if listed is not None and (len(listed) != len(row[terms] or ()) or all(d is None for d in listed)):
                raise SyncError("sync.bad_content", path=vb.path,
                                detail=f"records/agreement.json: rows/{n}/term_deadlines (one per term)")


def _check_file_names(vb: VerifiedBundle) -> None:
    """Every attachment's name is a plain file name (``file_names.is_plain_file_name``): it is shown, and offered as
    the name to save the file under, so a name with a folder or drive in it (``../../x.pdf``, ``C:x``) refuses the
    bundle whole, as a member's name does."""
    rows = vb.records.get("attachment") or []
    if not rows:
        return
    i = schema.column_names("attachment").index("filename")
    for row in rows:
        name = row[i]
        if not isinstance(name, str) or not is_plain_file_name(name):
            raise SyncError("sync.unsafe_file_name", path=vb.path, name=str(name)[:80])


def _check_attachment_files(vb: VerifiedBundle) -> None:
    """Every attachment is what it says it is (``storage.attachment_types``): a record's name and media type name
    the same accepted type (PDF, JPEG, PNG, TIFF, BMP), and a file the bundle carries for it begins with that type's
    bytes, is as large as recorded, and, a PDF, opens with a page. An .exe labelled application/pdf would be shown as
    a PDF of no page, and handed on up the tree to be opened elsewhere. One that is not is noted (``vb.unfit``): the
    import rejects that record and stores no file of it (``sync.problem_type``, in the receipt), and takes the rest —
    a village's older attachment of a type no longer taken (a .docx), or a scan renamed by hand, must not stop every
    later bundle of the village. (A removed attachment's record is a tombstone, its name may be 已清除, and its file is
    not taken in: it is not checked.)"""
    rows = vb.records.get("attachment") or []
    names = schema.column_names("attachment")
    i_sha, i_name, i_media = names.index("sha256"), names.index("filename"), names.index("media_type")
    i_size, i_deleted = names.index("size"), names.index("deleted_at")
    said: dict[tuple[str, str, str], str | None] = {}  # (a file several records name is opened once per type)
    for row in rows:
        if row[i_deleted] is not None:
            continue
        data = vb.attachments.get(row[i_sha])
        key = (row[i_sha], row[i_name].rpartition(".")[2].lower(), row[i_media])
        if key not in said:
            said[key] = content_problem(data, row[i_name], row[i_media])
        problem = said[key]
        if problem is None and data is not None and row[i_size] != len(data):
            problem = f"size {row[i_size]} recorded, {len(data)} bytes"
        if problem is not None:
            vb.unfit[row[names.index("id")]] = problem


def _load_json(vb: VerifiedBundle, name: str) -> Any:
    try:
        return json.loads(vb.plain.members[name].decode("utf-8"))
    except (ValueError, RecursionError):  # not UTF-8, not JSON, an integer of more digits than Python reads
        raise SyncError("sync.bad_content", path=vb.path, detail=f"{name}: not JSON") from None


def _read_contents(vb: VerifiedBundle, trust: Trust, limits: Limits, depth: int) -> None:
    m = vb.manifest
    kind = m["kind"]
    forwarded = {f["member"]: f for f in m["forwarded"]}
    if kind != "data" and (forwarded or m["roster"]):
        raise SyncError("sync.bad_content", path=vb.path, detail="forwarded bundles outside a data bundle")
    expected_doc = {"reference": "reference.json", "receipt": "receipt.json"}.get(kind)
    for name in vb.plain.members:
        rec = _RECORDS.match(name)
        att = _ATTACHMENT.match(name)
        if kind == "data" and rec and rec.group(1) in schema.RECORD_TYPES:
            continue
        if kind == "data" and rec and rec.group(1) in schema.REGISTER_TYPES and \
                m["schema_version"] >= schema.REGISTERS_FROM:  # (an earlier revision's bundle has no registers)
            continue
        if kind == "data" and att:
            continue
        if kind == "data" and name in forwarded:
            continue
        if name == expected_doc:
            continue
        raise SyncError("sync.bad_content", path=vb.path, detail=f"unexpected member {name[:80]}")
    if expected_doc is not None:
        if expected_doc not in vb.plain.members:
            raise SyncError("sync.bad_content", path=vb.path, detail=f"no {expected_doc}")
        doc = _load_json(vb, expected_doc)
        problem = schema.first_error(kind, doc)
        if problem is not None:
            raise SyncError("sync.bad_content", path=vb.path, detail=f"{expected_doc} {problem}")
        try:
            record_checks.check_document(expected_doc, doc)
        except record_checks.UnsafeRecordText as exc:
            raise unsafe_text(vb.path, exc.where, exc.found) from None
        except record_checks.InvalidRecord as exc:
            raise SyncError("sync.bad_content", path=vb.path, detail=str(exc)) from None
        if kind == "reference":
            from mediation_desktop.documents.wording import misfit

            for name, content in doc["wording"].items():  # (written into the data folder, laid over the shipped)
                problem = misfit(name, content)
                if problem is not None:
                    raise SyncError("sync.bad_content", path=vb.path, detail=f"reference.json wording {problem}")
        vb.document = doc
        if any(m["counts"].values()):
            raise SyncError("sync.bad_content", path=vb.path, detail="counts")
        return
    for t in schema.BUNDLE_TYPES:
        name = f"records/{t}.json"
        if name not in vb.plain.members:
            if m["counts"].get(t, 0):
                raise SyncError("sync.bad_content", path=vb.path, detail=f"{name} missing")
            vb.records[t] = []
            continue
        try:
            rows = record_checks.check_record_file(t, _load_json(vb, name))
            # its bytes are not needed again (the bundle is kept whole as ``plain.raw``): at 100,000 cases the
            # record files are 390 MB beside their parsed rows
            del vb.plain.members[name]
        except record_checks.UnsafeRecordText as exc:
            raise unsafe_text(vb.path, exc.where, exc.found) from None
        except record_checks.InvalidRecord as exc:
            raise SyncError("sync.bad_content", path=vb.path, detail=str(exc)) from None
        if len(rows) != m["counts"].get(t, 0):
            raise SyncError("sync.bad_content", path=vb.path, detail=f"{name} count")
        vb.records[t] = rows
    _check_file_names(vb)
    _check_across_columns(vb)
    for name, data in vb.plain.members.items():
        att = _ATTACHMENT.match(name)
        if att:
            vb.attachments[att.group(1)] = data  # its hash was checked against the manifest; the name must agree
            import hashlib

            if hashlib.sha256(data).hexdigest() != att.group(1):
                raise SyncError("sync.bad_content", path=vb.path, detail=f"{name} name")
    _check_attachment_files(vb)
    if forwarded:
        if depth + 1 >= MAX_DEPTH:
            raise SyncError("sync.bad_content", path=vb.path, detail="forwarding too deep")
        roster = {uuid.UUID(hex=p["installation_id"]): p for p in m["roster"]}
        for p in roster.values():
            if p["fingerprint"] != fingerprint(p["sign_key"]):
                raise SyncError("sync.bad_content", path=vb.path, detail="roster fingerprint")
        inner_trust = Trust(trust.me, trust.peers, False, {**trust.vouched, **roster}, trust.applied)
        for member, entry in forwarded.items():
            if member not in vb.plain.members:
                raise SyncError("sync.bad_content", path=vb.path, detail=f"{member} missing")
            if entry["source_installation_id"] == trust.me.peer.installation_id.hex:
                continue  # our own bundle, forwarded by the hub (its hash is in the signed manifest): nothing to do
            inner = verify_bytes(vb.plain.members[member], f"{vb.path}:{member}", inner_trust, limits, depth + 1)
            if inner.sealed or inner.kind != "data" or inner.manifest["bundle_id"] != entry["bundle_id"] or \
                    inner.source["installation_id"] != entry["source_installation_id"]:
                raise SyncError("sync.bad_content", path=vb.path, detail=f"{member} does not match")
            check_forwarded_unit(inner, vb)  # (before check_place: this names the forwarding unit)
            check_place(inner, vb.source)
            inner.via = vb.source_id
            src_id = inner.source_id
            if src_id not in trust.peers and src_id in roster:
                inner.new_senders.append(roster[src_id])
            vb.forwarded.append(inner)
