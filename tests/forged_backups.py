"""Backups forged the way someone who holds a plain backup can forge them, for the restore tests: a row of the
database inside edited, the manifest's hash of the database put right, and the manifest signed again with the
signing key the backup itself carries (signature and hashes then verify; only the audit chain's row seals tell)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization

from mediation_desktop.storage import backup as store_backup
from mediation_desktop.sync.keys import SIGN_KEY_FILE

TAMPERED_NAME = "篡改人"
RENAME_PARTY = [f"UPDATE party SET name = '{TAMPERED_NAME}' WHERE rowid = 1"]


def forge(archive: Path, out: Path, *, sql: Sequence[str] = (), members: dict[str, bytes | None] | None = None,
           manifest_edit: Callable[[dict[str, Any]], None] | None = None) -> Path:
    """``archive`` with its database edited by ``sql``, members replaced (None: dropped), the manifest made to
    match and signed again with the signing key inside the archive."""
    with zipfile.ZipFile(archive) as src:
        blobs = {name: src.read(name) for name in src.namelist()}
    work = out.with_suffix(".sqlite3")
    work.write_bytes(blobs[store_backup.DB_MEMBER])
    con = sqlite3.connect(work)
    for statement in sql:
        con.execute(statement)
    con.commit()
    con.close()
    blobs[store_backup.DB_MEMBER] = work.read_bytes()
    work.unlink()
    for name, data in (members or {}).items():
        if data is None:
            blobs.pop(name, None)
        else:
            blobs[name] = data
    manifest = json.loads(blobs[store_backup.MANIFEST])
    manifest["database"]["sha256"] = hashlib.sha256(blobs[store_backup.DB_MEMBER]).hexdigest()
    manifest["database"]["size"] = len(blobs[store_backup.DB_MEMBER])
    if manifest_edit is not None:
        manifest_edit(manifest)
    raw = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
    blobs[store_backup.MANIFEST] = raw
    if f"keys/{SIGN_KEY_FILE}" in blobs:
        key = serialization.load_pem_private_key(blobs[f"keys/{SIGN_KEY_FILE}"], None)
        blobs[store_backup.SIGNATURE] = key.sign(raw).hex().encode()  # type: ignore[union-attr]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in blobs.items():
            dst.writestr(name, data)
    return out
