"""This installation's key pair and the public keys it trusts.

Each installation has two key pairs, made at set-up: Ed25519 to sign what it sends, X25519 to
receive encrypted bundles (two separate keys rather than one converted key: each is used for the
one thing it is made for, and both public halves travel together in one signed key file). The
private halves are files in the data folder (``keys/``, written atomically, owner-only); the
public halves and their fingerprint are in the database (``sync_peer``), so a copy of the
database alone can neither sign nor decrypt.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_desktop.paths import DataPaths
from mediation_desktop.storage.atomic import write_atomically
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.input_file import read_input
from mediation_desktop.storage.models import Installation, SyncPeer
from mediation_desktop.storage.types import utcnow
from mediation_desktop.sync.errors import SyncError

SIGN_KEY_FILE = "signing-ed25519.pem"
BOX_KEY_FILE = "encryption-x25519.pem"
KEY_FILE_FORMAT = "mediation-desktop-public-key/1"
KEY_FILE_MAX = 64 * 1024


def keys_dir(paths: DataPaths) -> Path:
    return paths.root / "keys"


def fingerprint(sign_key_hex: str) -> str:
    """What people compare by phone: 8 groups of 4 hex digits of the SHA-256 of the signing key."""
    digest = hashlib.sha256(bytes.fromhex(sign_key_hex)).hexdigest()[:32]
    return "-".join(digest[i:i + 4] for i in range(0, 32, 4))


def _raw_public(key: Ed25519PrivateKey | X25519PrivateKey) -> str:
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def _pem(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


@dataclass(frozen=True)
class OwnKeys:
    """This installation's private keys and its public record."""

    peer: SyncPeer
    sign: Ed25519PrivateKey
    box: X25519PrivateKey

    def signature(self, data: bytes) -> bytes:
        return self.sign.sign(data)


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(path.parent, 0o700)
    write_atomically(path, data)  # mkstemp makes the file owner-only


def create_own_keys(session: Session, paths: DataPaths, inst: Installation) -> SyncPeer:
    """Make the key pair, write the private halves to ``keys/`` and record the public halves (caller commits)."""
    sign, box = Ed25519PrivateKey.generate(), X25519PrivateKey.generate()
    folder = keys_dir(paths)
    _write_private(folder / SIGN_KEY_FILE, _pem(sign))
    _write_private(folder / BOX_KEY_FILE, _pem(box))
    sign_hex = _raw_public(sign)
    peer = SyncPeer(installation_id=inst.id, org_code=inst.org_code, org_name=inst.org_name,
                    level=str(inst.level.value), parent_code=inst.parent_code, sign_key=sign_hex,
                    box_key=_raw_public(box), fingerprint=fingerprint(sign_hex), is_self=True, is_escrow=False,
                    trusted_how="init", trusted_at=utcnow())
    session.add(peer)
    return peer


def _load_private(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        raise SyncError("sync.no_keys", path=str(path)) from None


def own_keys(db: Database) -> OwnKeys:
    """The private keys, checked against the public keys in the database (made now for an older installation)."""
    with db.read_session() as s:
        peer = s.scalar(select(SyncPeer).where(SyncPeer.is_self.is_(True)))
    if peer is None:
        peer = _create_for_existing(db)
    folder = keys_dir(db.paths)
    sign = serialization.load_pem_private_key(_load_private(folder / SIGN_KEY_FILE), None)
    box = serialization.load_pem_private_key(_load_private(folder / BOX_KEY_FILE), None)
    if not isinstance(sign, Ed25519PrivateKey) or not isinstance(box, X25519PrivateKey):
        raise SyncError("sync.key_mismatch", path=str(folder))
    if _raw_public(sign) != peer.sign_key or _raw_public(box) != peer.box_key:
        raise SyncError("sync.key_mismatch", path=str(folder))
    return OwnKeys(peer, sign, box)


def _create_for_existing(db: Database) -> SyncPeer:
    """An installation set up before sync existed gets its key pair on first use."""
    from mediation_desktop.storage.unit_of_work import UnitOfWork

    folder = keys_dir(db.paths)
    if (folder / SIGN_KEY_FILE).exists():  # files without a database record: never overwrite a key
        raise SyncError("sync.key_mismatch", path=str(folder))
    with UnitOfWork(db, actor="system", action="sync.create_keys") as uow:
        inst = uow.session.scalar(select(Installation).limit(1))
        if inst is None:
            raise SyncError("setup.not_initialised", data_dir=str(db.paths.root))
        peer = create_own_keys(uow.session, db.paths, inst)
        uow.commit()
    return peer


# -- signatures ---------------------------------------------------------------------------------------

def verify_signature(sign_key_hex: str, signature: bytes, data: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(sign_key_hex)).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


# -- public key files ---------------------------------------------------------------------------------

def peer_record(peer: SyncPeer) -> dict[str, Any]:
    """The public description of an installation, as it travels in key files, manifests and rosters."""
    return {"installation_id": peer.installation_id.hex, "org_code": peer.org_code, "org_name": peer.org_name,
            "level": peer.level, "parent_code": peer.parent_code, "sign_key": peer.sign_key,
            "box_key": peer.box_key, "fingerprint": peer.fingerprint}


def canonical_bytes(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def public_key_file(keys: OwnKeys) -> bytes:
    """A self-signed public key file: proves that whoever made it holds the private key."""
    record = peer_record(keys.peer)
    doc = {"format": KEY_FILE_FORMAT, "key": record, "created_at": utcnow().isoformat(),
           "signature": keys.signature(canonical_bytes(record)).hex()}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def read_public_key_file(path: Path) -> dict[str, Any]:
    """The key record of a public key file, after its schema and self-signature are checked."""
    from mediation_desktop.sync.schema import first_error

    # a key file is about 1 KB; the limit bounds what is read (a device, a huge file) before JSON sees it
    raw = read_input(path, KEY_FILE_MAX, too_big="sync.bad_key_file", missing="sync.file_missing")
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        raise SyncError("sync.bad_key_file", path=str(path), detail="not JSON") from None
    problem = first_error("public-key", doc)
    if problem is not None:
        raise SyncError("sync.bad_key_file", path=str(path), detail=problem)
    record: dict[str, Any] = doc["key"]
    if record["fingerprint"] != fingerprint(record["sign_key"]):
        raise SyncError("sync.bad_key_file", path=str(path), detail="fingerprint")
    if not verify_signature(record["sign_key"], bytes.fromhex(doc["signature"]), canonical_bytes(record)):
        raise SyncError("sync.bad_key_file", path=str(path), detail="signature")
    return record


def peer_from_record(record: dict[str, Any], how: str) -> SyncPeer:
    return SyncPeer(installation_id=uuid.UUID(hex=record["installation_id"]), org_code=record["org_code"],
                    org_name=record["org_name"], level=record["level"], parent_code=record.get("parent_code"),
                    sign_key=record["sign_key"], box_key=record["box_key"], fingerprint=record["fingerprint"],
                    is_self=False, is_escrow=False, trusted_how=how, trusted_at=utcnow())


def trust_in_session(session: Session, record: dict[str, Any], how: str, *, escrow: bool = False,
                     replace: bool = False) -> SyncPeer:
    """Pin ``record``'s key (the same key again is fine).

    A unit has one key: another key for a unit already pinned (under this installation id or another one: a
    reinstalled computer has a new id) is refused, unless ``replace`` (``keys trust FILE --replace``, after the
    new fingerprint was checked by phone): then the old key record goes, its escrow role passes to the new one,
    and the audit log has both fingerprints. A key claiming this installation's own unit is never pinned.
    """
    inst_id = uuid.UUID(hex=record["installation_id"])
    known = session.get(SyncPeer, inst_id)
    if known is not None and known.is_self:
        raise SyncError("sync.trust_self")
    same_code = select(SyncPeer).where(SyncPeer.org_code == record["org_code"])
    unit = {p.installation_id: p for p in session.scalars(same_code)}
    if known is not None:
        unit[inst_id] = known
    if any(p.is_self for p in unit.values()):
        raise SyncError("sync.trust_own_unit", org_code=record["org_code"], fingerprint=record["fingerprint"])
    if known is not None and known.sign_key == record["sign_key"] and known.box_key == record["box_key"]:
        if escrow and not known.is_escrow:
            known.is_escrow = True
        return known
    if unit and not replace:
        old = next(iter(unit.values()))
        raise SyncError("sync.trust_conflict", org_name=old.org_name, org_code=old.org_code, pinned=old.fingerprint,
                        fingerprint=record["fingerprint"])
    was_escrow = any(p.is_escrow for p in unit.values())
    for old in unit.values():
        if old is not known:
            session.delete(old)
    if known is not None:  # the same installation with a new key: its record is rewritten in place
        known.sign_key, known.box_key, known.fingerprint = record["sign_key"], record["box_key"], record["fingerprint"]
        known.org_code, known.org_name, known.level = record["org_code"], record["org_name"], record["level"]
        known.parent_code, known.trusted_how, known.trusted_at = record.get("parent_code"), how, utcnow()
        known.is_escrow = escrow or was_escrow
        return known
    peer = peer_from_record(record, how)
    peer.is_escrow = escrow or was_escrow
    session.add(peer)
    return peer


@dataclass(frozen=True)
class Trusted:
    """What ``keys trust`` did: the key now pinned, and the fingerprints it replaced (none when it was new)."""

    peer: SyncPeer
    replaced: tuple[str, ...] = ()


def trust_file(db: Database, path: Path, *, actor: str, escrow: bool = False, replace: bool = False) -> Trusted:
    """``keys trust FILE``: pin the key of another installation (or an escrow key) after checking the file.

    ``replace`` replaces the key already pinned for that unit (and says which); without it such a file is refused.
    """
    from mediation_desktop.storage.unit_of_work import UnitOfWork

    record = read_public_key_file(path)
    with UnitOfWork(db, actor=actor, action="sync.trust_key", reason=record["fingerprint"]) as uow:
        s = uow.session
        before = {p.installation_id: p.fingerprint for p in s.scalars(select(SyncPeer).where(
            (SyncPeer.org_code == record["org_code"]) |
            (SyncPeer.installation_id == uuid.UUID(hex=record["installation_id"]))))}
        peer = trust_in_session(s, record, "file", escrow=escrow, replace=replace)
        replaced = tuple(sorted({fp for fp in before.values() if fp != record["fingerprint"]}))
        if replaced:
            uow.note("sync.replace_key", "sync_peer", peer.installation_id.hex, None,
                     {"org_code": record["org_code"], "org_name": record["org_name"], "old": list(replaced),
                      "new": record["fingerprint"]})
        uow.commit()
        return Trusted(peer, replaced)


def known_peers(db: Database) -> dict[uuid.UUID, SyncPeer]:
    with db.read_session() as s:
        return {p.installation_id: p for p in s.scalars(select(SyncPeer))}


def now_iso() -> str:
    return utcnow().astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
