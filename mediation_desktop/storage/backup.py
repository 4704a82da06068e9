"""Backups of the SQLite database and its attachments, written so that a crash never costs a good one.

Two shapes:

* ``backup_sqlite`` — a bare database copy (used before a schema upgrade): online backup API → temp
  file → integrity check → fsync → rename.
* a **backup archive** — one ``.zip`` holding ``manifest.json``, the database snapshot and the
  attachment files (``files/ab/abcdef…``, named by SHA-256). The manifest names the program, the
  installation, the schema revision, the row counts, the audit-chain head and the SHA-256 of every
  member, so a restore can check everything before it touches anything. The manifest is signed with the
installation's Ed25519 key (``manifest.sig``, format 2); a restore checks the signature and accepts only the
member names of this layout (see ``open_archive``). Archives in the automatic
  rotation leave the attachments out and share one content-addressed ``files/`` folder beside them
  instead (23 copies of every scan would fill an old laptop's disk); a manual backup is self-contained.

Every archive is written as ``.name.partial`` → fsync → read back and verified → rename → fsync the
folder: a file under its final name is always whole, and a kill midway leaves only a ``.partial``.
This module is storage-level plumbing (no policy, no messages shown here); ``services.backups``
decides when, where and what to keep.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import stat
import sys
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from mediation_desktop.errors import MediationError
from mediation_desktop.storage import deflate, zip_guard
from mediation_desktop.storage.atomic import fsync_dir
from mediation_desktop.storage.private import create_private, private_dir

FORMAT = "mediation-desktop-backup"
FORMAT_VERSION = 2  # 2: the manifest is signed (manifest.sig); 1: unsigned, made before version 2
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
DB_MEMBER = "mediation.sqlite3"
FILES_DIR = "files"
KEYS_DIR = "keys"  # the installation's sync key files, beside the database in the data folder
PARTIAL_SUFFIX = ".partial"
CHUNK = 1 << 20
SQLITE_MAGIC = b"SQLite format 3\x00"



@dataclass(frozen=True)
class Snapshot:
    """What a database snapshot holds, read from the snapshot itself (not from the live database)."""

    revision: str | None
    installation_id: str | None
    org_code: str | None
    org_name: str | None
    counts: dict[str, int]
    audit_seq: int
    audit_hash: str | None
    change_seq: int
    attachments: list[tuple[str, bool]]  # (sha256, still current i.e. not a tombstone)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def snapshot_sqlite(source: Path, target: Path) -> None:
    """Copy a live SQLite database consistently to ``target`` (online backup API, one step, so a reader
    snapshot), check it, switch it out of WAL mode (one self-contained file) and fsync it."""
    src = sqlite3.connect(source.absolute().as_uri() + "?mode=ro", uri=True)
    try:
        create_private(target).close()  # owner-only before SQLite writes a byte into it
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            check = dst.execute("PRAGMA integrity_check").fetchone()
            if check is None or check[0] != "ok":
                raise OSError(f"backup failed its integrity check: {check}")
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    _fsync_file(target)


def remove_sqlite_file(path: Path) -> None:
    """Delete a temporary database file and whatever journal SQLite left beside it (a write that failed
    midway, on a full disk, leaves ``-journal``)."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def backup_sqlite(source: Path, backup_dir: Path, *, label: str) -> Path:
    """Copy a live SQLite database consistently into ``backup_dir``; returns the new file.

    The copy is checked (``integrity_check``) before it gets its final name, so a backup that
    exists under its final name is always whole; a crash midway leaves only a ``.partial`` file.
    """
    private_dir(backup_dir)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    final = backup_dir / f"mediation-{stamp}-{label}.sqlite3"
    partial = final.with_suffix(PARTIAL_SUFFIX)
    snapshot_sqlite(source, partial)
    os.replace(partial, final)
    fsync_dir(backup_dir)
    return final


def read_snapshot(path: Path) -> Snapshot:
    """Identity, counts and attachment list of a (snapshot) database file, read-only."""
    con = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute(  # (not the full-text index's virtual tables: they cannot be
            # scanned; their rows live in ordinary shadow tables, which are counted)
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")]
        counts = {t: int(con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables}

        def one(sql: str) -> Any:
            try:
                return con.execute(sql).fetchone()
            except sqlite3.Error:
                return None

        rev = one("SELECT version_num FROM alembic_version")
        inst = one("SELECT id, org_code, org_name FROM installation LIMIT 1")
        head = one("SELECT last_seq, last_hash FROM audit_head WHERE id = 1")
        change = one("SELECT last_seq FROM change_counter WHERE id = 1")
        attachments: list[tuple[str, bool]] = []
        if "attachment" in tables:
            attachments = [(str(sha), deleted is None) for sha, deleted in
                           con.execute("SELECT sha256, deleted_at FROM attachment")]
    finally:
        con.close()
    return Snapshot(
        revision=rev[0] if rev else None,
        installation_id=str(inst[0]) if inst else None,
        org_code=inst[1] if inst else None,
        org_name=inst[2] if inst else None,
        counts=counts,
        audit_seq=int(head[0]) if head else 0,
        audit_hash=head[1] if head else None,
        change_seq=int(change[0]) if change else 0,
        attachments=attachments,
    )


def database_problems(path: Path) -> list[str]:
    """``integrity_check`` and ``foreign_key_check`` of a database file; empty means sound."""
    try:
        con = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        problems = [r[0] for r in con.execute("PRAGMA integrity_check")]
        if problems == ["ok"]:
            problems = []
        problems += [f"foreign key: {r[0]} row {r[1]} → {r[2]}" for r in con.execute("PRAGMA foreign_key_check")]
        return problems[:10]
    except sqlite3.Error as exc:
        return [str(exc)]
    finally:
        con.close()


def is_sqlite_file(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def member_name(sha256: str) -> str:
    return f"{FILES_DIR}/{sha256[:2]}/{sha256}"


def store_path(store: Path, sha256: str) -> Path:
    """Where a content-addressed store (the data folder's or a backup folder's) keeps ``sha256``."""
    return store / sha256[:2] / sha256


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
        _fsync_file(partial)
        verify_archive_members(partial, manifest)
        os.replace(partial, final)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    fsync_dir(final.parent)


# a zip member that cannot be read whole: cut short, a bad CRC, a damaged deflate stream (zlib's or ISA-L's)
_CUT_SHORT: tuple[type[Exception], ...] = (zipfile.BadZipFile, EOFError, *deflate.ERRORS)
_UNREADABLE: tuple[type[Exception], ...] = (OSError, KeyError, TypeError, *_CUT_SHORT)


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
    if not archive.is_file():
        raise MediationError("backup.not_found", path=str(archive))
    zip_guard.check_backup(archive)  # entries counted from the end records before zipfile lists them
    signature: bytes | None = None
    try:
        with open_archive(archive) as (zf, members):
            raw = zf.read(members[MANIFEST])
            if SIGNATURE in members:
                try:
                    signature = bytes.fromhex(zf.read(members[SIGNATURE])[:256].decode("ascii"))
                except (UnicodeDecodeError, ValueError):
                    raise MediationError("backup.bad_signature", path=str(archive)) from None
        manifest = json.loads(raw.decode("utf-8"))
    except _CUT_SHORT:
        if _starts_like_zip(archive):  # a backup cut short (a full stick, a copy pulled out too early)
            raise MediationError("backup.damaged", path=str(archive), detail="zip") from None
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
    _check_names(manifest, archive)
    return manifest, raw, signature


def read_manifest(archive: Path) -> dict[str, Any]:
    """The manifest of a backup archive; raises ``backup.*`` errors for anything that is not one."""
    return read_signed_manifest(archive)[0]


def _check_names(manifest: dict[str, Any], archive: Path) -> None:
    """Every name the manifest gives (attachments, key files, the database member) is of the layout."""
    try:
        shas = [*manifest["files_included"], *manifest["files_shared"], *manifest["files_missing"]]
        keys = manifest.get("keys", {})
        db = manifest["database"]
        ok = (isinstance(keys, dict) and all(isinstance(s, str) and _SHA256.fullmatch(s) for s in shas)
              and all(safe_key_name(k) and isinstance(v, str) for k, v in keys.items())
              and isinstance(db, dict) and db.get("member") == DB_MEMBER and isinstance(db.get("sha256"), str))
    except (KeyError, TypeError):
        raise MediationError("backup.not_backup", path=str(archive)) from None
    if not ok:
        raise MediationError("backup.unsafe_member", path=str(archive), member="manifest.json")


def _starts_like_zip(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def _hash_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> str:
    digest = hashlib.sha256()
    with deflate.reading(zf, info) as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


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
    if _SHA256.fullmatch(sha256) is None:
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
    with open_archive(archive) as (zf, members):
        return {name: zf.read(members[f"{KEYS_DIR}/{name}"]) for name in manifest.get("keys", {})
                if safe_key_name(name)}


def folder_keys(folder: Path) -> dict[str, bytes]:
    """The key files of a data folder's ``keys/`` (plain files with safe names only)."""
    if not folder.is_dir():
        return {}
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.is_file() and not p.is_symlink() and safe_key_name(p.name)}


def remove_partials(folder: Path) -> int:
    """Delete leftovers of killed backups (``.*.partial`` / ``.*.tmp``); call only under the folder's lock."""
    removed = 0
    if not folder.is_dir():
        return 0
    for pattern in ("**/*" + PARTIAL_SUFFIX, "**/.*.tmp", "**/.*.tmp-journal", "**/.*.tmp-wal", "**/.*.tmp-shm"):
        for path in folder.glob(pattern):
            if path.is_file():
                path.unlink(missing_ok=True)
                removed += 1
    return removed


_STAMP = re.compile(r"(\d{8}-\d{6})")


def archive_time(path: Path) -> dt.datetime | None:
    """The local time an archive was made, from its name (``…-YYYYmmdd-HHMMSS….zip``)."""
    m = _STAMP.search(path.name)
    if not m:
        return None
    try:
        return dt.datetime.strptime(m.group(1), "%Y%m%d-%H%M%S")
    except ValueError:
        return None


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive, non-blocking lock on a backup folder (released by the OS if the process dies)."""
    private_dir(folder)
    fd = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        _lock(fd)
    except OSError:
        os.close(fd)
        raise MediationError("backup.busy") from None
    try:
        yield
    finally:
        _unlock(fd)
        os.close(fd)


def _lock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock(fd: int) -> None:
    """Windows wants byte-range locks undone before the file is closed; flock goes with the descriptor."""
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
