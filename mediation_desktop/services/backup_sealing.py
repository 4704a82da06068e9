"""Encrypted backups outside the data folder: sealing an archive (and the shared attachment store of an
encrypted backup folder) to the installation's backup key, and opening one again at restore.

What is written *outside* the data folder — ``backup --out`` / 备份到文件… to a stick, and every copy in the
second backup folder — is sealed (``storage.sealed``); the rotation and the before-restore copies inside
the data folder stay plain zips (they sit beside the plain database they copy, so encrypting them would
protect nothing). A sealed archive is made from a plain one written first in the data folder's
``backups/`` (never on the stick), then read back and decrypted once to check it before it gets its name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from mediation_desktop.domain.china_time import in_china
from mediation_desktop.errors import MediationError
from mediation_desktop.paths import DataPaths
from mediation_desktop.services import backup_unlock
from mediation_desktop.storage.atomic import fsync_dir, write_atomically
from mediation_desktop.storage.backup import PARTIAL_SUFFIX, read_manifest, store_path
from mediation_desktop.storage.input_file import regular_size
from mediation_desktop.storage.private import create_private, private_dir
from mediation_desktop.storage.sealed import (
    SealedError,
    header_of,
    is_sealed,
    raw_public,
    seal_stream,
    unseal_bytes,
    unseal_stream,
)


@dataclass(frozen=True)
class SealTo:
    """Where a sealed backup's keys come from: the backup key pair and the wraps that unlock its private half."""

    key: X25519PrivateKey
    unlock: list[dict[str, Any]]
    identity: dict[str, Any]


def seal_to(paths: DataPaths, snapshot_file: Path, identity: dict[str, Any]) -> SealTo:
    """The backup key of this installation and the current wraps of it. Without a wrap nobody could open
    the backup: refused (``backup.no_unlock``) until a director signs in or a recovery code is issued."""
    key = backup_unlock.ensure_backup_key(paths)
    wraps = backup_unlock.current_wraps(snapshot_file, raw_public(key))
    if not wraps:
        raise MediationError("backup.no_unlock")
    return SealTo(key, wraps, identity)


class _Hashing(io.RawIOBase):
    def __init__(self) -> None:
        self.digest = hashlib.sha256()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.digest.update(data)
        return len(data)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def seal_archive(plain: Path, final: Path, to: SealTo, *, created_at: str, files_shared: list[str]) -> None:
    """``plain`` sealed to ``final``: ``.final.partial`` → fsync → decrypted once and compared → rename."""
    partial = final.with_name(f".{final.name}{PARTIAL_SUFFIX}")
    header = {"created_at": created_at, "installation": to.identity, "unlock": to.unlock,
              "files_shared": files_shared}
    try:
        with plain.open("rb") as src, create_private(partial) as out:
            seal_stream(src, out, raw_public(to.key), header)
            out.flush()
            os.fsync(out.fileno())
        check = _Hashing()
        with partial.open("rb") as fh:
            unseal_stream(fh, to.key, check)  # type: ignore[arg-type]
        if check.digest.hexdigest() != _sha256(plain):
            raise OSError(f"the encrypted copy of {plain.name} does not read back")
        os.replace(partial, final)
    except SealedError as exc:
        partial.unlink(missing_ok=True)
        raise OSError(f"the encrypted copy does not read back ({exc})") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    fsync_dir(final.parent)


def copy_into_sealed_store(store: Path, sha: str, source: Path, to: SealTo) -> bool:
    """One attachment into an encrypted backup folder's shared store, sealed; False if the source no
    longer has the content its name promises. A plain copy an older version left there is replaced."""
    target = store_path(store, sha)
    if target.is_file() and is_sealed(target):
        return True
    data = source.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha:
        return False
    out = io.BytesIO()
    seal_stream(io.BytesIO(data), out, raw_public(to.key), {"kind": "attachment"})
    private_dir(target.parent)
    write_atomically(target, out.getvalue())
    return True


def shared_files(archive: Path) -> list[str]:
    """The attachments an archive (plain or sealed) takes from the shared store beside it."""
    regular_size(archive, missing="backup.not_found")
    if is_sealed(archive):
        try:
            listed = header_of(archive).get("files_shared", [])
        except (OSError, SealedError):
            raise MediationError("backup.damaged", path=str(archive), detail="header") from None
        if not isinstance(listed, list) or not all(isinstance(s, str) for s in listed):
            raise MediationError("backup.damaged", path=str(archive), detail="header")
        return listed
    return list(read_manifest(archive)["files_shared"])


# --- restoring ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Opened:
    """A backup ready to be checked: the plain zip to read and how to read its shared store."""

    shown: Path  # the file the user chose
    plain: Path  # the zip: the chosen file itself, or its decrypted copy in the data folder
    store: Path
    unseal: Callable[[Path], bytes] | None
    sealed: bool


_NOTHING_GIVEN = {backup_unlock.RECOVERY: "backup.no_recovery_code", backup_unlock.PASSWORD: "backup.no_password"}


def _unreadable(archive: Path, exc: Exception) -> MediationError:
    """A sealed backup that does not decrypt: cut short or a chunk that does not verify (a copy pulled out too
    early, or damage: the two cannot be told apart) is said as incomplete or damaged; anything else as damaged."""
    if isinstance(exc, SealedError) and (str(exc) == "cut short" or str(exc).startswith("chunk ")):
        return MediationError("backup.incomplete", path=str(archive))
    return MediationError("backup.damaged", path=str(archive), detail=str(exc))


def _said(value: Any) -> str | None:
    """A header's text as it may be shown (the header is read before anything in it can be verified)."""
    if not isinstance(value, str) or not value.strip():
        return None
    return "".join(ch for ch in value.strip() if ch.isprintable())[:60]


def wrong_secret(header: dict[str, Any], archive: Path) -> MediationError:
    """The code or password does not open ``archive``: said with the committee and the time its readable header
    names (so the director knows whose code or password to try, or that the file is the wrong one)."""
    identity = header.get("installation")
    identity = identity if isinstance(identity, dict) else {}
    org, code = _said(identity.get("org_name")), _said(identity.get("org_code"))
    try:
        made = f"{in_china(dt.datetime.fromisoformat(str(header.get('created_at')))):%Y-%m-%d %H:%M}"
    except (TypeError, ValueError, OverflowError):
        made = None
    if org is None or made is None:
        return MediationError("backup.wrong_secret", path=str(archive))
    return MediationError("backup.wrong_secret_whose", path=str(archive), org=org, code=code or "?", made=made)


@contextmanager
def opened(paths: DataPaths, archive: Path, secret: backup_unlock.BackupSecret | None) -> Iterator[Opened]:
    """The backup ``archive`` as a plain zip: itself, or (sealed) decrypted into the data folder with the
    key ``secret`` unlocks; the decrypted copy is deleted afterwards whatever happens."""
    store = archive.parent / "files"
    regular_size(archive, missing="backup.not_found")  # (never opened when it is a folder, a device or a pipe)
    if not is_sealed(archive):
        yield Opened(archive, archive, store, None, False)
        return
    try:
        header = header_of(archive)
    except (OSError, SealedError) as exc:
        raise _unreadable(archive, exc) from None
    backup_unlock.check_header(header, archive)  # changed Argon2 settings: damaged, not a wrong password
    if secret is None:
        raise MediationError("backup.locked", path=str(archive))
    if not secret.value.strip():  # (nothing on standard input, an empty field): not a wrong code
        raise MediationError(_NOTHING_GIVEN.get(secret.kind, "backup.no_secret"), path=str(archive))
    key = backup_unlock.unlock(header, secret)
    if key is None:
        raise wrong_secret(header, archive)
    private_dir(paths.root)
    plain = paths.root / f".restore-plain-{uuid.uuid4().hex}.tmp"
    try:
        try:
            with archive.open("rb") as fh, create_private(plain) as out:
                unseal_stream(fh, key, out)
        except SealedError as exc:
            raise _unreadable(archive, exc) from None

        def unseal(path: Path) -> bytes:
            try:
                return unseal_bytes(path, key)
            except SealedError:
                raise OSError(f"{path.name} does not decrypt") from None

        try:
            yield Opened(archive, plain, store, unseal, True)
        except MediationError as exc:  # name the file the user chose, not its decrypted copy
            if exc.params.get("path") == str(plain):
                exc.params["path"] = str(archive)
            raise
    finally:
        plain.unlink(missing_ok=True)
