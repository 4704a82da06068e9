"""The layout of a backup archive (see ``storage.backup``): its member names, what its manifest holds, and
the checks of both that a restore makes before it reads anything else."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from mediation_desktop.errors import MediationError

if TYPE_CHECKING:
    from mediation_desktop.storage.backup_snapshot import Snapshot

__all__ = ["CHUNK", "DB_MEMBER", "FILES_DIR", "FORMAT", "FORMAT_VERSION", "KEYS_DIR", "KEY_FILES", "MANIFEST",
           "PARTIAL_SUFFIX", "SIGNATURE", "check_names", "expected_member", "is_sha256", "make_manifest",
           "manifest_bytes", "member_name", "safe_key_name", "sha256_file", "sha256_of", "starts_with",
           "store_path"]

FORMAT = "mediation-desktop-backup"
FORMAT_VERSION = 2  # 2: the manifest is signed (manifest.sig); 1: unsigned, made before version 2
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
DB_MEMBER = "mediation.sqlite3"
FILES_DIR = "files"
KEYS_DIR = "keys"  # the installation's sync key files, beside the database in the data folder
PARTIAL_SUFFIX = ".partial"
CHUNK = 1 << 20


# The only member names a backup may hold (anything else — a separator more, "..", an absolute or drive
# path, a backslash, a hidden name — is refused before a byte is read).
# The key files the program keeps in ``keys/`` (``sync.keys``' signing and encryption keys and
# ``services.backup_unlock``'s backup key): a backup carries these and no other name into the data folder.
KEY_FILES = frozenset({"signing-ed25519.pem", "encryption-x25519.pem", "backup-x25519.pem"})
_SHA256 = re.compile(r"[0-9a-f]{64}")
_MEMBER = re.compile(r"manifest\.json|manifest\.sig|mediation\.sqlite3|files/([0-9a-f]{2})/([0-9a-f]{64})"
                     r"|keys/(?:" + "|".join(re.escape(k) for k in sorted(KEY_FILES)) + ")")


def expected_member(name: str) -> bool:
    """Whether ``name`` is a member name of this layout (``files/ab/ab…`` must agree on its first two digits)."""
    m = _MEMBER.fullmatch(name)
    return m is not None and (m.group(1) is None or m.group(2).startswith(m.group(1)))


def safe_key_name(name: object) -> bool:
    return isinstance(name, str) and name in KEY_FILES


def is_sha256(name: str) -> bool:
    """Whether ``name`` is a SHA-256 as the layout names attachments by (64 lowercase hex digits)."""
    return _SHA256.fullmatch(name) is not None


def member_name(sha256: str) -> str:
    return f"{FILES_DIR}/{sha256[:2]}/{sha256}"


def store_path(store: Path, sha256: str) -> Path:
    """Where a content-addressed store (the data folder's or a backup folder's) keeps ``sha256``."""
    return store / sha256[:2] / sha256


def sha256_of(fh: IO[bytes]) -> str:
    """The SHA-256 of what ``fh`` reads, read in chunks."""
    digest = hashlib.sha256()
    while chunk := fh.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def sha256_file(path: Path) -> str:
    with path.open("rb") as fh:
        return sha256_of(fh)


def starts_with(path: Path, magic: bytes) -> bool:
    """Whether the file begins with ``magic`` (False when it cannot be read)."""
    try:
        with path.open("rb") as fh:
            return fh.read(len(magic)) == magic
    except OSError:
        return False


def make_manifest(snapshot_file: Path, snap: Snapshot, *, created_at: dt.datetime, app_version: str,
                  label: str, included: Iterable[str], shared: Iterable[str], missing: Iterable[str],
                  keys: dict[str, bytes] | None = None) -> dict[str, Any]:
    included, shared, missing = sorted(set(included)), sorted(set(shared)), sorted(set(missing))
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": app_version,
        "label": label,
        "created_at": created_at.astimezone(dt.UTC).isoformat(),
        "schema_revision": snap.revision,
        "installation": {"id": snap.installation_id, "org_code": snap.org_code, "org_name": snap.org_name},
        "database": {"member": DB_MEMBER, "sha256": sha256_file(snapshot_file),
                     "size": snapshot_file.stat().st_size},
        "counts": snap.counts,
        "audit": {"last_seq": snap.audit_seq, "last_hash": snap.audit_hash},
        "change_seq": snap.change_seq,
        # attachments inside this archive / in the shared store beside it / already missing when backed up
        "files_included": included,
        "files_shared": shared,
        "files_missing": missing,
        "keys": {name: hashlib.sha256(data).hexdigest() for name, data in sorted((keys or {}).items())},
    }


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    return json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")


def check_names(manifest: dict[str, Any], archive: Path) -> None:
    """Every name the manifest gives (attachments, key files, the database member) is of the layout; a manifest
    whose values are not (a key file "../..", a list that is a string) is ``backup.bad_manifest``."""
    try:
        lists = [manifest["files_included"], manifest["files_shared"], manifest["files_missing"]]
        keys = manifest.get("keys", {})
        db = manifest["database"]
    except (KeyError, TypeError):
        raise MediationError("backup.not_backup", path=str(archive)) from None
    ok = (all(isinstance(shas, list) and all(isinstance(s, str) and _SHA256.fullmatch(s) for s in shas)
              for shas in lists)
          and isinstance(keys, dict) and all(safe_key_name(k) and isinstance(v, str) for k, v in keys.items())
          and isinstance(db, dict) and db.get("member") == DB_MEMBER and isinstance(db.get("sha256"), str))
    if not ok:
        raise MediationError("backup.bad_manifest", path=str(archive))
