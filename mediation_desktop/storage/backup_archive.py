"""Writing and reading a backup archive (see ``storage.backup``): written as ``.name.partial``, read back and
verified before it takes its name; opened only through ``open_archive``, which refuses any member outside
the layout (``storage.backup_format``)."""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from mediation_desktop.errors import MediationError
from mediation_desktop.storage import deflate, zip_guard
from mediation_desktop.storage.atomic import fsync_dir, fsync_file
from mediation_desktop.storage.backup_format import (
    CHUNK,
    DB_MEMBER,
    FORMAT,
    FORMAT_VERSION,
    KEYS_DIR,
    MANIFEST,
    PARTIAL_SUFFIX,
    SIGNATURE,
    check_names,
    expected_member,
    is_sha256,
    manifest_bytes,
    member_name,
    safe_key_name,
    sha256_of,
    starts_with,
    store_path,
)
from mediation_desktop.storage.input_file import regular_size
from mediation_desktop.storage.private import create_private

__all__ = ["extract_database", "open_archive", "open_attachment", "read_keys", "read_manifest",
           "read_signed_manifest", "verify_archive_members", "write_archive"]


def write_archive(final: Path, snapshot_file: Path, manifest: dict[str, Any],
                  files: Iterable[tuple[str, Path]], keys: dict[str, bytes] | None = None, *,
                  sign: Callable[[bytes], bytes] | None = None) -> None:
    """Write the archive as ``.final.partial``, fsync, read it back and verify, then rename into place.
    ``keys`` are the installation's key files (name → bytes); the manifest must list their hashes.
    ``sign`` signs the manifest's bytes (the installation's Ed25519 key): stored as ``manifest.sig``."""
    partial = final.with_name(f".{final.name}{PARTIAL_SUFFIX}")
    raw_manifest = manifest_bytes(manifest)
    try:
        with create_private(partial) as out, zipfile.ZipFile(out, "w", allowZip64=True) as zf:
            info = zipfile.ZipInfo.from_file(snapshot_file, DB_MEMBER)
            info.compress_type = zipfile.ZIP_DEFLATED  # by ISA-L where installed: a few times faster than zlib
            with snapshot_file.open("rb") as src, deflate.writing(zf, info, info.file_size) as dest:
                shutil.copyfileobj(src, dest, CHUNK)
            for sha, path in files:  # scans and photos are compressed already
                zf.write(path, member_name(sha), compress_type=zipfile.ZIP_STORED)
            for name, data in (keys or {}).items():
                zf.writestr(f"{KEYS_DIR}/{name}", data, compress_type=zipfile.ZIP_DEFLATED)
            zf.writestr(MANIFEST, raw_manifest, compress_type=zipfile.ZIP_DEFLATED)
            if sign is not None:
                zf.writestr(SIGNATURE, sign(raw_manifest).hex(), compress_type=zipfile.ZIP_STORED)
        fsync_file(partial)
        verify_archive_members(partial, manifest)
        os.replace(partial, final)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    fsync_dir(final.parent)


# a zip member that cannot be read whole: cut short, a bad CRC, a damaged deflate stream (zlib's or ISA-L's)
_CUT_SHORT: tuple[type[Exception], ...] = (zipfile.BadZipFile, EOFError, *deflate.ERRORS)
_UNREADABLE: tuple[type[Exception], ...] = (OSError, KeyError, TypeError, *_CUT_SHORT)


@contextmanager
def open_archive(archive: Path) -> Iterator[tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]]]:
    """The one place a backup archive's zip is opened and listed: yields the zip and its members by name,
    after checking that every entry is a plain file under a name of the expected layout, named once.
    Raises ``backup.unsafe_member`` otherwise (and the zip library's errors for a damaged file)."""
    with zipfile.ZipFile(archive) as zf:
        members: dict[str, zipfile.ZipInfo] = {}
        unsafe: str | None = None
        for info in zf.infolist():
            name = info.filename
            mode = info.external_attr >> 16
            if (not expected_member(name) or name in members or info.is_dir() or stat.S_ISLNK(mode)
                    or (stat.S_IFMT(mode) and not stat.S_ISREG(mode))):
                unsafe = unsafe if unsafe is not None else name
            else:
                members[name] = info
        if unsafe is not None:  # a zip without a manifest is no backup at all; with one, a tampered backup
            key = "backup.unsafe_member" if MANIFEST in zf.NameToInfo else "backup.not_backup"
            raise MediationError(key, path=str(archive), member=unsafe[:80])
        yield zf, members


def read_signed_manifest(archive: Path) -> tuple[dict[str, Any], bytes, bytes | None]:
    """The manifest of a backup archive, its bytes as stored and its signature (None: an unsigned backup
    of format 1). Raises ``backup.*`` errors for anything that is not a backup of this program's layout."""
    regular_size(archive, missing="backup.not_found")  # (a folder, a device, a pipe: never opened)
    zip_guard.check_backup(archive)  # entries counted from the end records before zipfile lists them
    signature: bytes | None = None
    try:
        with open_archive(archive) as (zf, members):
            # bounded before the signature can vouch for it: by its size, its ratio and what it inflates to
            raw = zip_guard.read_member(zf, members[MANIFEST], zip_guard.BACKUP_MANIFEST)
            if SIGNATURE in members:
                try:
                    signature = bytes.fromhex(zip_guard.read_member(zf, members[SIGNATURE], 256).decode("ascii"))
                except (UnicodeDecodeError, ValueError):  # (zip_guard.ZipRefused too: a signature is 128 digits)
                    raise MediationError("backup.bad_signature", path=str(archive)) from None
        manifest = json.loads(raw.decode("utf-8"))
    except zip_guard.ZipRefused as exc:
        raise MediationError("backup.damaged", path=str(archive), detail=exc.detail) from None
    except _CUT_SHORT:
        if _starts_like_zip(archive):  # a backup cut short (a full stick, a copy pulled out too early)
            raise MediationError("backup.incomplete", path=str(archive)) from None
        raise MediationError("backup.not_backup", path=str(archive)) from None
    except (KeyError, UnicodeDecodeError, ValueError, OSError, RecursionError):
        raise MediationError("backup.not_backup", path=str(archive)) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise MediationError("backup.not_backup", path=str(archive))
    version = manifest.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise MediationError("backup.not_backup", path=str(archive))
    if version > FORMAT_VERSION:
        raise MediationError("backup.newer_format", path=str(archive), version=version)
    check_names(manifest, archive)
    return manifest, raw, signature


def read_manifest(archive: Path) -> dict[str, Any]:
    """The manifest of a backup archive; raises ``backup.*`` errors for anything that is not one."""
    return read_signed_manifest(archive)[0]


def _starts_like_zip(path: Path) -> bool:
    return starts_with(path, b"PK\x03\x04")


def _hash_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> str:
    with deflate.reading(zf, info) as fh:
        return sha256_of(fh)


def verify_archive_members(archive: Path, manifest: dict[str, Any]) -> None:
    """Every member the manifest names is present with its SHA-256 (zip CRCs are checked on reading), and
    the archive holds nothing the manifest does not name."""
    try:
        with open_archive(archive) as (zf, members):
            db = manifest["database"]
            if DB_MEMBER not in members:
                raise MediationError("backup.damaged", path=str(archive), detail="no database")
            if _hash_member(zf, members[DB_MEMBER]) != db["sha256"]:
                raise MediationError("backup.damaged", path=str(archive), detail="database SHA-256")
            absent = [sha for sha in manifest["files_included"] if member_name(sha) not in members]
            if absent:
                raise MediationError("backup.files_missing", path=str(archive), count=len(absent),
                                     example=absent[0][:12])
            listed = {MANIFEST, SIGNATURE, DB_MEMBER, *(member_name(s) for s in manifest["files_included"]),
                      *(f"{KEYS_DIR}/{k}" for k in manifest.get("keys", {}))}
            extra = sorted(set(members) - listed)
            if extra:
                raise MediationError("backup.unsafe_member", path=str(archive), member=extra[0][:80])
            for name, sha in manifest.get("keys", {}).items():
                member = f"{KEYS_DIR}/{name}"
                if member not in members or _hash_member(zf, members[member]) != sha:
                    raise MediationError("backup.damaged", path=str(archive), detail=f"key {name}")
            for sha in manifest["files_included"]:
                if _hash_member(zf, members[member_name(sha)]) != sha:
                    raise MediationError("backup.damaged", path=str(archive), detail=f"file {sha[:12]}")
    except _UNREADABLE as exc:
        raise MediationError("backup.damaged", path=str(archive), detail=type(exc).__name__) from None


def files_missing_error(archive: Path, manifest: dict[str, Any], bad: list[str], store: Path | None) -> MediationError:
    """Attachments a backup cannot give back. Those an everyday backup keeps in the ``files`` folder beside it
    (a zip copied alone, without that folder) are said with what to copy where; one missing inside the zip
    itself means the file is incomplete or damaged."""
    shared = set(manifest["files_shared"])
    beside = [sha for sha in bad if sha in shared]
    if beside and store is not None:
        return MediationError("backup.files_beside_missing", path=str(archive), count=len(beside),
                              folder=str(store))
    return MediationError("backup.files_missing", path=str(archive), count=len(bad), example=bad[0][:12])


def extract_database(archive: Path, target: Path) -> None:
    """Copy the database member out to ``target`` (owner-only, fsynced)."""
    with open_archive(archive) as (zf, members), deflate.reading(zf, members[DB_MEMBER]) as src, \
            create_private(target) as dst:
        while chunk := src.read(CHUNK):
            dst.write(chunk)
        dst.flush()
        os.fsync(dst.fileno())


@contextmanager
def open_attachment(archive: Path, sha256: str, shared_store: Path | None,
                    unseal: Callable[[Path], bytes] | None = None) -> Iterator[IO[bytes]]:
    """An attachment of the archive, from inside it or from the shared store beside it (``unseal`` reads a
    store file of an encrypted backup folder)."""
    if not is_sha256(sha256):
        raise KeyError(sha256)
    with open_archive(archive) as (zf, members):
        if member_name(sha256) in members:
            with zf.open(members[member_name(sha256)]) as fh:
                yield fh
            return
    if shared_store is None:
        raise FileNotFoundError(sha256)
    path = store_path(shared_store, sha256)
    if unseal is not None:
        yield io.BytesIO(unseal(path))
        return
    with path.open("rb") as fh:
        yield fh


def read_keys(archive: Path, manifest: dict[str, Any]) -> dict[str, bytes]:
    """The key files stored in the archive (already verified by ``verify_archive_members``)."""
    try:
        with open_archive(archive) as (zf, members):
            return {name: zip_guard.read_member(zf, members[f"{KEYS_DIR}/{name}"], zip_guard.BACKUP_KEY_FILE)
                    for name in manifest.get("keys", {}) if safe_key_name(name)}
    except zip_guard.ZipRefused as exc:
        raise MediationError("backup.damaged", path=str(archive), detail=exc.detail) from None

