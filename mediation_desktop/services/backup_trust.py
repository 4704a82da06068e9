"""Whose backup is this: backups are signed like bundles, with the installation's Ed25519 key.

``signer_of`` finds the signing key for a snapshot (the private half in ``keys/``, checked against the
snapshot's own public record in ``sync_peer``); the manifest names that record (``signer``) and
``manifest.sig`` holds the signature of the manifest's bytes. ``verified_signer`` checks a backup's
signature and that the signer is the installation the backup's database says it is; a restore then
compares the signer with the installation it replaces (``current_identity``). Unsigned backups (made
before version 2 of the format, or where the installation's key was missing) are refused unless the user
says ``--allow-unsigned``: their contents cannot be told from an edited copy.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from mediation_desktop.errors import MediationError
from mediation_desktop.sync.keys import SIGN_KEY_FILE, fingerprint, verify_signature

_RECORD = ("installation_id", "org_code", "org_name", "sign_key", "fingerprint")


@dataclass(frozen=True)
class Identity:
    """An installation as a backup or a data folder shows it: its id, committee, code and signing key."""

    installation_id: str
    org_name: str
    org_code: str
    sign_key: str | None
    fingerprint: str | None


def _self_peer(database: Path) -> dict[str, Any] | None:
    """The installation's own public record (``sync_peer`` where ``is_self``) in a database file."""
    try:
        con = sqlite3.connect(database.absolute().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        row = con.execute("SELECT installation_id, org_code, org_name, sign_key, fingerprint FROM sync_peer "
                          "WHERE is_self LIMIT 1").fetchone()
    except sqlite3.Error:
        return None
    finally:
        con.close()
    return {k: str(v) for k, v in zip(_RECORD, row, strict=True)} if row else None


def signer_of(snapshot_file: Path, keys_folder: Path) -> tuple[Callable[[bytes], bytes], dict[str, Any]] | None:
    """How to sign a backup of ``snapshot_file`` and the record the manifest names; None if this
    installation has no signing key that matches its database (the backup is then made unsigned)."""
    record = _self_peer(snapshot_file)
    if record is None:
        return None
    try:
        key = serialization.load_pem_private_key((keys_folder / SIGN_KEY_FILE).read_bytes(), None)
    except (OSError, ValueError, TypeError):
        return None
    if not isinstance(key, Ed25519PrivateKey):
        return None
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()
    if public != record["sign_key"]:
        return None
    return key.sign, record


def verified_signer(manifest: dict[str, Any], raw: bytes, signature: bytes | None, archive: Path,
                    *, allow_unsigned: bool) -> dict[str, Any] | None:
    """The manifest's signer after its signature is checked; None for an unsigned backup the user allowed."""
    if signature is None:
        if not allow_unsigned:
            raise MediationError("backup.unsigned", path=str(archive))
        return None
    signer = manifest.get("signer")
    if not isinstance(signer, dict) or not all(isinstance(signer.get(k), str) for k in _RECORD):
        raise MediationError("backup.bad_signature", path=str(archive))
    try:
        ok = fingerprint(signer["sign_key"]) == signer["fingerprint"] and \
            verify_signature(signer["sign_key"], signature, raw)
    except ValueError:
        ok = False
    if not ok:
        raise MediationError("backup.bad_signature", path=str(archive))
    return dict(signer)


def check_signer_owns(signer: dict[str, Any] | None, database: Path, keys: dict[str, bytes], archive: Path) -> None:
    """The signer is the installation inside the backup: its database's own record, and its signing key
    file if the backup carries it. (Otherwise someone signed another installation's data with their key.)"""
    if signer is None:
        return
    record = _self_peer(database)
    if record is None or record["sign_key"] != signer["sign_key"] or \
            record["installation_id"].replace("-", "") != signer["installation_id"].replace("-", ""):
        raise MediationError("backup.bad_signature", path=str(archive))
    pem = keys.get(SIGN_KEY_FILE)
    if pem is not None:
        try:
            key = serialization.load_pem_private_key(pem, None)
        except (ValueError, TypeError):
            raise MediationError("backup.bad_signature", path=str(archive)) from None
        public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex() \
            if isinstance(key, Ed25519PrivateKey) else None
        if public != signer["sign_key"]:
            raise MediationError("backup.bad_signature", path=str(archive))


def current_identity(database: Path) -> Identity | None:
    """The installation of the current database, or None if there is none or it cannot be read."""
    if not database.is_file():
        return None
    try:
        con = sqlite3.connect(database.absolute().as_uri() + "?mode=ro", uri=True)
        try:
            row = con.execute("SELECT id, org_name, org_code FROM installation LIMIT 1").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    if not row:
        return None
    peer = _self_peer(database)
    return Identity(str(row[0]), str(row[1]), str(row[2]), peer["sign_key"] if peer else None,
                    peer["fingerprint"] if peer else None)


def same_installation(current: Identity, installation_id: str | None, signer: dict[str, Any] | None) -> bool:
    """A backup is this installation's if it has its id and (when both are known) its signing key."""
    if installation_id is None or current.installation_id.replace("-", "") != installation_id.replace("-", ""):
        return False
    return signer is None or current.sign_key is None or current.sign_key == signer["sign_key"]
