"""What unlocks an encrypted backup: the installation's backup key pair, and its private half wrapped by
the director's recovery code and by each director's password.

The backup key is an X25519 key pair made for this purpose (``keys/backup-x25519.pem`` in the data folder,
owner-only like the signing key): backups outside the data folder are sealed to its public half, so the
automatic backup needs no password. Its private half is also kept *wrapped*: AES-256-GCM under a key
derived with Argon2id from the recovery code, and from each active director's password. The wraps are made
whenever such a secret is known — at set-up, when a recovery code is issued or used, when a director's
password is set, changed or reset, and at a director's sign-in if the wrap is missing or stale — and are
kept in the database (setting ``backup_unlock``, logged as ``***``). Each wrap is bound to the secret's
stored hash, so a wrap of a password or code that has since changed is left out of new backups.
Every encrypted backup carries the wraps that were current when it was made, in its header: on a new
computer the recovery code (or the director's password of then) alone unlocks it.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy.orm import Session

from mediation_desktop.errors import MediationError
from mediation_desktop.paths import DataPaths
from mediation_desktop.storage.atomic import write_atomically
from mediation_desktop.storage.private import private_dir
from mediation_desktop.storage.sealed import raw_public

BACKUP_KEY_FILE = "backup-x25519.pem"
UNLOCK_SETTING = "backup_unlock"  # in storage.unit_of_work.SECRET_SETTINGS
RECOVERY, PASSWORD, EITHER = "recovery", "password", "either"  # EITHER: the window's one field for both
# Argon2id as for the password hashes (OWASP: m = 19 MiB, t = 2, p = 1); kept in each wrap, so it may grow
KDF = {"name": "argon2id", "time_cost": 2, "memory_cost": 19 * 1024, "parallelism": 1}
WRAP_INFO = b"mediation-desktop backup key wrap v1"


@dataclass(frozen=True)
class BackupSecret:
    """What the user typed to open an encrypted backup: the recovery code or a director's password."""

    kind: str  # RECOVERY, PASSWORD or EITHER
    value: str


def key_file(paths: DataPaths) -> Path:
    return paths.root / "keys" / BACKUP_KEY_FILE


def load_backup_key(paths: DataPaths) -> X25519PrivateKey | None:
    try:
        key = serialization.load_pem_private_key(key_file(paths).read_bytes(), None)
    except (OSError, ValueError, TypeError):
        return None
    return key if isinstance(key, X25519PrivateKey) else None


def ensure_backup_key(paths: DataPaths) -> X25519PrivateKey:
    """This installation's backup key, made now if it has none yet (an installation from before it)."""
    key = load_backup_key(paths)
    if key is None:
        if key_file(paths).exists():  # a damaged key file is never overwritten: its wraps are in old backups
            raise MediationError("backup.key_damaged", path=str(key_file(paths)))
        key = X25519PrivateKey.generate()
        private_dir(key_file(paths).parent)
        write_atomically(key_file(paths), key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return key


def normalise(kind: str, secret: str) -> bytes:
    if kind == RECOVERY:  # as accounts._normalise_code: case, spaces and dashes do not matter
        return "".join(ch for ch in secret.upper() if ch.isalnum()).encode("utf-8")
    return secret.encode("utf-8")


def binding(secret_hash: str) -> str:
    """What ties a wrap to the secret it was made with: a hash of that secret's stored Argon2 hash."""
    return hashlib.sha256(secret_hash.encode("utf-8")).hexdigest()


def _kek(kind: str, secret: str, kdf: dict[str, Any]) -> bytes:
    if kdf.get("name") != "argon2id":
        raise ValueError("kdf")
    # a header is read before anything verifies it: costs beyond these would only make a hostile file hang
    if not (1 <= int(kdf["time_cost"]) <= 16 and 8 <= int(kdf["memory_cost"]) <= 1 << 20
            and 1 <= int(kdf["parallelism"]) <= 8):
        raise ValueError("kdf cost")
    return hash_secret_raw(normalise(kind, secret), bytes.fromhex(kdf["salt"]), time_cost=int(kdf["time_cost"]),
                           memory_cost=int(kdf["memory_cost"]), parallelism=int(kdf["parallelism"]), hash_len=32,
                           type=Type.ID)


def _aad(kind: str, box_key_hex: str) -> bytes:
    return WRAP_INFO + b"|" + kind.encode() + b"|" + box_key_hex.encode()


def wrap(key: X25519PrivateKey, kind: str, secret: str, bound_to: str, user: str | None = None) -> dict[str, Any]:
    kdf = {**KDF, "salt": os.urandom(16).hex()}
    box_hex = raw_public(key).hex()
    nonce = os.urandom(12)
    private = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                serialization.NoEncryption())
    entry = {"kind": kind, "kdf": kdf, "nonce": nonce.hex(), "binding": bound_to,
             "wrapped": AESGCM(_kek(kind, secret, kdf)).encrypt(nonce, private, _aad(kind, box_hex)).hex()}
    if user is not None:
        entry["user"] = user
    return entry


def _store(session: Session, key: X25519PrivateKey, replace: dict[str, Any]) -> None:
    from mediation_desktop.storage.models import Setting

    box_hex = raw_public(key).hex()
    row = session.get(Setting, UNLOCK_SETTING)
    current = row.value if row is not None and isinstance(row.value, dict) else {}
    entries = current.get("entries", []) if current.get("box_key") == box_hex else []
    same = (replace["kind"], replace.get("user"))
    entries = [e for e in entries if isinstance(e, dict) and (e.get("kind"), e.get("user")) != same] + [replace]
    value = {"box_key": box_hex, "entries": entries}
    if row is None:
        session.add(Setting(key=UNLOCK_SETTING, value=value))
    else:
        row.value = value


def remember_password(session: Session, paths: DataPaths, username: str, password: str, password_hash: str) -> None:
    """A director's password (just set, changed or checked) unlocks the backups made from now on."""
    key = ensure_backup_key(paths)
    _store(session, key, wrap(key, PASSWORD, password, binding(password_hash), user=username))


def remember_recovery_code(session: Session, paths: DataPaths, code: str, code_hash: str) -> None:
    """The recovery code (just issued) unlocks the backups made from now on."""
    key = ensure_backup_key(paths)
    _store(session, key, wrap(key, RECOVERY, code, binding(code_hash)))


def wrap_is_current(session: Session, paths: DataPaths, username: str, password_hash: str) -> bool:
    from mediation_desktop.storage.models import Setting

    key = load_backup_key(paths)
    row = session.get(Setting, UNLOCK_SETTING)
    if key is None or row is None or not isinstance(row.value, dict):
        return False
    if row.value.get("box_key") != raw_public(key).hex():
        return False
    return any(e.get("kind") == PASSWORD and e.get("user") == username and e.get("binding") == binding(password_hash)
               for e in row.value.get("entries", []) if isinstance(e, dict))


# --- at backup time: the wraps that go into a backup's header ---------------------------------------------

def current_wraps(snapshot_file: Path, box_public: bytes) -> list[dict[str, Any]]:
    """The wraps of ``box_public``'s private key that still match the snapshot's secrets: the recovery code's
    (if it is the code stored now) and each active director's (if the password is the one stored now)."""
    import json

    con = sqlite3.connect(snapshot_file.absolute().as_uri() + "?mode=ro", uri=True)
    try:
        settings = dict(con.execute("SELECT key, value FROM setting WHERE key IN (?, ?)",
                                    (UNLOCK_SETTING, "director_recovery_code_hash")).fetchall())
        directors = {str(u): str(h) for u, h, r, a, d in con.execute(
            "SELECT username, password_hash, role, active, deleted_at FROM app_user")
            if str(r).lower() == "director" and a and d is None}
    except sqlite3.Error:
        return []
    finally:
        con.close()
    try:
        unlock = json.loads(settings.get(UNLOCK_SETTING) or "null")
        code_hash = json.loads(settings.get("director_recovery_code_hash") or "null")
    except ValueError:
        return []
    if not isinstance(unlock, dict) or unlock.get("box_key") != box_public.hex():
        return []
    wraps = []
    for e in unlock.get("entries", []):
        if not isinstance(e, dict):
            continue
        if e.get("kind") == RECOVERY and isinstance(code_hash, str) and e.get("binding") == binding(code_hash):
            wraps.append(e)
        elif e.get("kind") == PASSWORD and e.get("user") in directors and \
                e.get("binding") == binding(directors[e["user"]]):
            wraps.append(e)
    return [{k: v for k, v in e.items() if k != "binding"} for e in wraps]


# --- at restore time ---------------------------------------------------------------------------------------

def _kdf_as_written(kdf: object) -> bool:
    """Whether a wrap's Argon2 settings are the ones this program writes (``KDF``) with a 16-byte salt."""
    if not isinstance(kdf, dict) or set(kdf) != {*KDF, "salt"} or kdf["name"] != KDF["name"]:
        return False
    salt = kdf["salt"]
    return (all(type(kdf[k]) is int and kdf[k] == KDF[k] for k in ("time_cost", "memory_cost", "parallelism"))
            and isinstance(salt, str) and len(salt) == 32 and all(c in "0123456789abcdef" for c in salt))


def check_header(header: dict[str, Any], path: Path) -> None:
    """Before any secret is tried: a wrap with other Argon2 settings than the program writes means the header
    was changed (``backup.damaged``), not that the code or password is wrong."""
    entries = header.get("unlock")
    if not isinstance(entries, list) or not all(isinstance(e, dict) and _kdf_as_written(e.get("kdf"))
                                                for e in entries):
        raise MediationError("backup.damaged", path=str(path), detail="unlock")


def unlock(header: dict[str, Any], secret: BackupSecret) -> X25519PrivateKey | None:
    """The backup private key of a sealed backup's header, if ``secret`` opens one of its wraps."""
    box_hex = header.get("box_key")
    entries = header.get("unlock")
    if not isinstance(box_hex, str) or not isinstance(entries, list):
        return None
    for e in entries:
        if not isinstance(e, dict) or e.get("kind") not in (RECOVERY, PASSWORD) or \
                secret.kind not in (e.get("kind"), EITHER) or not isinstance(e.get("kdf"), dict):
            continue
        kind = str(e["kind"])
        try:
            kek = _kek(kind, secret.value, e["kdf"])
            raw = AESGCM(kek).decrypt(bytes.fromhex(e["nonce"]), bytes.fromhex(e["wrapped"]), _aad(kind, box_hex))
            key = X25519PrivateKey.from_private_bytes(raw)
        except (InvalidTag, KeyError, TypeError, ValueError):
            continue
        if raw_public(key).hex() == box_hex:
            return key
    return None
