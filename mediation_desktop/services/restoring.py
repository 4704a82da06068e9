"""Restoring a backup: check it completely before touching anything (``check_backup``; ``inspect_backup``
for what the user is shown before being asked), save the current data, then swap the database in
atomically and open it. Making backups: ``services.backups``.

The check includes everything ``check`` would find in the backup's database once restored (its integrity,
the audit chain, every row against the chain's seals, half-written cases), asked of the extracted copy; an
older schema revision's copy is migrated first and checked as migrated. A backup that fails is refused with
the problem named, before anything is written.

An encrypted backup is first decrypted into the data folder with the key the recovery code or a director's
password unlocks (``services.backup_sealing``). The manifest's signature is checked, and its signer must be
the installation inside the backup; a backup of another installation (another id or another signing key)
needs ``allow_other_installation``, an unsigned one ``allow_unsigned``. Every file written goes to a path
that is checked to lie inside the data folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sqlite3
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from mediation_desktop.domain.china_time import in_china
from mediation_desktop.errors import MediationError
from mediation_desktop.paths import DataPaths, refuse_foreign_folder
from mediation_desktop.services import backup_trust
from mediation_desktop.services.backup_sealing import opened
from mediation_desktop.services.backup_unlock import BackupSecret
from mediation_desktop.services.backups import (
    PRE_RESTORE_PREFIX,
    backup_error,
    current_time,
    disk_full_behind,
    explain_storage_error,
    log_event,
    write_into,
)
from mediation_desktop.services.health import Problem
from mediation_desktop.storage import deflate, witness
from mediation_desktop.storage.atomic import fsync_dir, write_atomically
from mediation_desktop.storage.audit import verify_chain
from mediation_desktop.storage.backup import (
    CHUNK,
    FILES_DIR,
    KEYS_DIR,
    Snapshot,
    database_problems,
    extract_database,
    files_missing_error,
    folder_keys,
    folder_lock,
    open_attachment,
    read_keys,
    read_signed_manifest,
    read_snapshot,
    remove_partials,
    remove_sqlite_file,
    sha256_file,
    snapshot_sqlite,
    store_path,
    verify_archive_members,
)
from mediation_desktop.storage.database import open_database
from mediation_desktop.storage.input_file import regular_size
from mediation_desktop.storage.private import create_private, private_dir


@dataclass(frozen=True)
class RestoreReport:
    source: Path
    previous: Path | None
    cases: int
    files: int
    counts: dict[str, int]
    problems: list[Problem] = field(default_factory=list)
    org_name: str | None = None
    org_code: str | None = None
    fingerprint: str | None = None


# --- checking and restoring -----------------------------------------------------------------------

@dataclass(frozen=True)
class CheckedBackup:
    path: Path
    manifest: dict[str, Any]
    snapshot: Snapshot
    files: list[str]
    signer: dict[str, Any] | None = None
    store: Path | None = None
    unseal: Callable[[Path], bytes] | None = None


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    from mediation_desktop.storage.migrate import alembic_config

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def check_backup(archive: Path, work_file: Path, *, allow_unsigned: bool = False, store: Path | None = None,
                 unseal: Callable[[Path], bytes] | None = None) -> CheckedBackup:
    """Verify everything about a backup (member names, signature, members, database, schema, audit chain,
    attachments), leaving its database extracted at ``work_file``. Raises a ``backup.*`` error for the
    first fault found. ``store``/``unseal``: the shared attachment store beside the backup and how to read
    it (an encrypted backup folder's)."""
    manifest, raw, signature = read_signed_manifest(archive)
    signer = backup_trust.verified_signer(manifest, raw, signature, archive, allow_unsigned=allow_unsigned)
    verify_archive_members(archive, manifest)
    extract_database(archive, work_file)
    problems = database_problems(work_file)
    if problems:
        raise MediationError("backup.damaged", path=str(archive), detail=problems[0])
    snap = read_snapshot(work_file)
    if snap.installation_id is None or snap.revision is None:
        raise MediationError("backup.not_backup", path=str(archive))
    if snap.revision not in known_revisions():
        raise MediationError("backup.unknown_schema", path=str(archive), revision=snap.revision)
    if snap.counts != manifest.get("counts"):
        raise MediationError("backup.damaged", path=str(archive), detail="row counts")
    engine = create_engine(f"sqlite:///{work_file}", poolclass=NullPool)
    try:
        with engine.connect() as conn:
            chain = verify_chain(conn)
            conn.rollback()
    finally:
        engine.dispose()
    if chain:
        raise MediationError("backup.audit_broken", path=str(archive), seq=chain[0].seq)
    backup_trust.check_signer_owns(signer, work_file, read_keys(archive, manifest), archive)
    if (snap.audit_seq, snap.audit_hash) != (manifest["audit"]["last_seq"], manifest["audit"]["last_hash"]):
        raise MediationError("backup.audit_broken", path=str(archive), seq=snap.audit_seq)
    files = sorted(set(manifest["files_included"]) | set(manifest["files_shared"]))
    shared_store = store or archive.parent / FILES_DIR
    bad = [sha for sha in files if not _attachment_ok(archive, sha, shared_store, unseal)]
    if bad:
        raise files_missing_error(archive, manifest, bad, shared_store)
    return CheckedBackup(archive, manifest, snap, files, signer, shared_store, unseal)


def check_data(checked: CheckedBackup, work_file: Path) -> None:
    """After ``check_backup``: the backup's database as ``check`` would find it once restored, asked of the
    copy extracted at ``work_file`` before anything is replaced. It is brought to this program's schema first
    (in place: an older backup's rows are sealed by the revisions it goes through), then its integrity, its
    audit chain, every row against the chain's seals and its cases are checked, and every attachment it still
    uses must be one the backup holds or says was already missing. Raises ``backup.data_problem`` (naming the
    first problem, as ``check`` says it) or ``backup.damaged`` (a migration that fails)."""
    from mediation_desktop.i18n import tr
    from mediation_desktop.services.health import database_problems as data_problems

    archive, manifest, snap = checked.path, checked.manifest, checked.snapshot
    accounted = {*manifest["files_included"], *manifest["files_shared"], *manifest["files_missing"]}
    unaccounted = [sha for sha, current in snap.attachments if current and sha not in accounted]
    if unaccounted:
        raise MediationError("backup.data_problem", path=str(archive), problem=tr(
            "check.file_missing", sha256=unaccounted[0], filename="-"))
    _upgrade_copy(archive, work_file, snap.revision)
    engine = create_engine(f"sqlite:///{work_file}", poolclass=NullPool)
    try:
        with engine.connect() as conn:
            problems = data_problems(conn)
            conn.rollback()
    finally:
        engine.dispose()
    if problems:
        raise MediationError("backup.data_problem", path=str(archive),
                             problem=tr(problems[0].key, **problems[0].params))


def _upgrade_copy(archive: Path, work_file: Path, revision: str | None) -> None:
    """Migrate the extracted database of an older revision in place (the backup itself is the copy from
    before the upgrade), and leave it one self-contained file again (not in WAL mode)."""
    from mediation_desktop.storage.migrate import head_revision, upgrade_database

    if revision == head_revision():
        return
    scratch = work_file.with_name(work_file.name + ".upgrade")
    try:
        upgrade_database(f"sqlite:///{work_file}", backup_dir=scratch)
    except MediationError as exc:
        if exc.key != "db.migration_failed":
            raise
        raise MediationError("backup.damaged", path=str(archive),
                             detail=str(exc.params.get("detail", ""))[:200]) from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    con = sqlite3.connect(work_file, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode = DELETE")
    finally:
        con.close()


@dataclass(frozen=True)
class BackupSummary:
    """What a checked backup holds, for the question "restore this?" before anything is touched."""

    path: Path
    created_at: dt.datetime | None
    org_name: str | None
    org_code: str | None
    cases: int
    files: int
    audit_entries: int
    app_version: str | None
    same_installation: bool | None  # None: there is no current data to compare with
    fingerprint: str | None = None  # of the key that signed it (None: unsigned, allowed by the user)
    encrypted: bool = False
    same_committee: bool | None = None  # the same org code as this computer's (None: no current data)


def inspect_backup(paths: DataPaths, archive: Path, *, secret: BackupSecret | None = None,
                   allow_unsigned: bool = False) -> BackupSummary:
    """Check ``archive`` completely (as ``restore`` will again) and say what it holds and whether it is
    this installation's. Changes nothing; raises the same ``backup.*`` errors as ``restore``."""
    archive = archive.absolute()
    regular_size(archive, missing="backup.not_found")  # (a folder, a device, a pipe: refused before it is opened)
    refuse_foreign_folder(paths.root)
    private_dir(paths.root)
    work_file = paths.root / f".restore-check-{uuid.uuid4().hex}.tmp"
    try:
        with opened(paths, archive, secret) as source:
            checked = check_backup(source.plain, work_file, allow_unsigned=allow_unsigned, store=source.store,
                                   unseal=source.unseal)
            check_data(checked, work_file)
    finally:
        _remove_work_file(work_file)
    snap, manifest = checked.snapshot, checked.manifest
    created: dt.datetime | None
    try:
        created = in_china(dt.datetime.fromisoformat(str(manifest.get("created_at"))))
    except ValueError:
        created = None
    current = backup_trust.current_identity(paths.database)
    return BackupSummary(
        path=archive, created_at=created, org_name=snap.org_name, org_code=snap.org_code,
        cases=snap.counts.get("mediation_case", 0), files=len(checked.files), audit_entries=snap.audit_seq,
        app_version=str(manifest.get("app_version")) if manifest.get("app_version") else None,
        same_installation=None if current is None else backup_trust.same_installation(
            current, snap.installation_id, checked.signer),
        fingerprint=checked.signer["fingerprint"] if checked.signer else None, encrypted=source.sealed,
        same_committee=None if current is None else current.org_code == snap.org_code,
    )


def _remove_work_file(work_file: Path) -> None:
    """The extracted database and any journal SQLite made beside it (nothing is left behind)."""
    remove_sqlite_file(work_file)


# an attachment that cannot be read whole from the archive: missing, cut short, a bad CRC, a damaged stream
_UNREADABLE: tuple[type[Exception], ...] = (OSError, KeyError, EOFError, zipfile.BadZipFile, *deflate.ERRORS)


def _attachment_ok(archive: Path, sha: str, shared_store: Path, unseal: Callable[[Path], bytes] | None) -> bool:
    try:
        with open_attachment(archive, sha, shared_store, unseal) as fh:
            digest = hashlib.sha256()
            while chunk := fh.read(CHUNK):
                digest.update(chunk)
        return digest.hexdigest() == sha
    except _UNREADABLE:
        return False


def _save_current(paths: DataPaths, now: dt.datetime) -> Path | None:
    """Back up the current data before it is replaced: an archive if the database is sound, otherwise a
    raw copy of its files (a damaged database is what one restores over, and it may still be needed)."""
    database = paths.database
    if not database.is_file():
        return None
    folder = paths.backups
    try:
        if not database_problems(database):
            snapshot_file = folder / f".snapshot-{uuid.uuid4().hex}.tmp"
            try:
                snapshot_sqlite(database, snapshot_file)
                snap = read_snapshot(snapshot_file)
                path, _ = write_into(folder, snapshot_file, snap, paths.files, prefix=PRE_RESTORE_PREFIX,
                                      label="before-restore", now=now, self_contained=False)
                return path
            finally:
                remove_sqlite_file(snapshot_file)
        target = folder / f"damaged-{now.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}"
        target.mkdir(parents=True, mode=0o700)
        for suffix in ("", "-wal", "-shm", "-journal"):
            src = Path(str(database) + suffix)
            if src.is_file():
                with src.open("rb") as fin, create_private(target / src.name) as fout:
                    shutil.copyfileobj(fin, fout)
                    fout.flush()
                    os.fsync(fout.fileno())
        fsync_dir(target)
        fsync_dir(folder)
        return target
    except (OSError, sqlite3.Error) as exc:
        if "target" in locals():  # a raw copy cut short: not left behind as if it were one
            shutil.rmtree(target, ignore_errors=True)
        if disk_full_behind(exc, paths.root):
            raise MediationError("restore.disk_full", path=str(paths.root)) from exc
        explained = explain_storage_error(exc)
        detail = _DETAILS.get(explained.key) if explained is not None else None
        if explained is not None and detail is not None:  # in the user's language, not the system's English
            from mediation_desktop.i18n import tr

            raise MediationError("backup.pre_restore_failed", detail=tr(detail, **explained.params)) from exc
        raise MediationError("backup.pre_restore_failed", detail=str(exc) or type(exc).__name__) from exc


_DETAILS = {"storage.io_error": "restore.detail_io_error", "storage.read_only": "restore.detail_read_only",
            "storage.read_only_database": "restore.detail_read_only_database"}


def inside(target: Path, root: Path) -> Path:
    """``target`` resolved (links followed), if it lies inside ``root``; a ``backup.unsafe_member`` error
    otherwise. Every file a restore writes goes through here."""
    resolved = target.resolve()
    try:
        resolved.relative_to(root.resolve())
    except ValueError:
        raise MediationError("backup.unsafe_member", path=str(root), member=str(target)[:80]) from None
    return resolved


def _restore_files(checked: CheckedBackup, files_root: Path, root: Path) -> None:
    for sha in checked.files:
        target = inside(store_path(files_root, sha), root)
        if target.is_file() and sha256_file(target) == sha:
            continue
        with open_attachment(checked.path, sha, checked.store, checked.unseal) as fh:
            data = fh.read()
        if hashlib.sha256(data).hexdigest() != sha:
            raise files_missing_error(checked.path, checked.manifest, [sha], checked.store)
        private_dir(target.parent)
        write_atomically(target, data)


def _restore_keys(checked: CheckedBackup, keys_folder: Path, root: Path) -> None:
    """Put back the installation's key files with the database they belong to (its public keys are in it).
    The keys they replace are in the before-restore backup."""
    keys = read_keys(checked.path, checked.manifest)
    if not keys:
        return
    targets = {name: inside(keys_folder / name, root) for name in keys}  # all checked before one is written
    private_dir(keys_folder)
    for name, data in keys.items():
        target = targets[name]
        if target.is_file() and target.read_bytes() == data:
            continue
        write_atomically(target, data)
        os.chmod(target, 0o600)


def _put_keys_back(keys_folder: Path, old_keys: dict[str, bytes]) -> None:
    """Undo ``_restore_keys`` after a swap that did not happen (the database is still in use, say)."""
    for name, data in folder_keys(keys_folder).items():
        if name not in old_keys:
            (keys_folder / name).unlink(missing_ok=True)
        elif data != old_keys[name]:
            write_atomically(keys_folder / name, old_keys[name])
            os.chmod(keys_folder / name, 0o600)


def _leave_wal(database: Path) -> None:
    """Checkpoint the database and take it out of WAL mode, which SQLite refuses while anyone else has it
    open: the test that no program is using it, and the guarantee that no write-ahead log of the old
    database can be replayed onto the new one. (The program's engine turns WAL back on when it opens.)"""
    if database.is_file():
        try:
            con = sqlite3.connect(database, timeout=1.0, isolation_level=None)
            try:
                con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                mode = con.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
            finally:
                con.close()
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise MediationError("backup.db_in_use") from exc
            mode = "delete"  # a damaged file: the restore keeps a raw copy of it and its log
        except sqlite3.DatabaseError:
            mode = "delete"
        if str(mode).lower() != "delete":
            raise MediationError("backup.db_in_use")


def _swap_database(database: Path, new_file: Path) -> None:
    """Put ``new_file`` in place of the database, in one rename."""
    _leave_wal(database)  # again: someone may have opened it since the first time
    try:
        for suffix in ("-wal", "-shm", "-journal"):
            Path(str(database) + suffix).unlink(missing_ok=True)
        os.replace(new_file, database)
    except PermissionError as exc:  # Windows: another program (the window) holds the database file open
        raise MediationError("backup.db_in_use") from exc
    fsync_dir(database.parent)


def restore(paths: DataPaths, archive: Path, *, allow_other_installation: bool = False,
            allow_unsigned: bool = False, secret: BackupSecret | None = None,
            now: dt.datetime | None = None) -> RestoreReport:
    """Replace the data in ``paths`` with the backup ``archive``, after checking it completely and backing
    up the current data. Nothing changes unless every check passes. ``secret`` opens an encrypted backup."""
    now = current_time(now)
    archive = archive.absolute()
    regular_size(archive, missing="backup.not_found")  # (a folder, a device, a pipe: refused before anything)
    refuse_foreign_folder(paths.root)
    private_dir(paths.root)
    with folder_lock(paths.backups):
        remove_partials(paths.backups)
        for stale in paths.root.glob(".restore-*"):  # left by a restore that was killed (and SQLite's journals)
            if stale.is_file():
                stale.unlink(missing_ok=True)
            elif stale.is_dir() and not stale.is_symlink():  # (a copy's upgrade left its scratch folder)
                shutil.rmtree(stale, ignore_errors=True)
        work_file = paths.root / f".restore-{uuid.uuid4().hex}.tmp"
        try:
            with opened(paths, archive, secret) as source:
                checked = check_backup(source.plain, work_file, allow_unsigned=allow_unsigned, store=source.store,
                                       unseal=source.unseal)
                current = backup_trust.current_identity(paths.database)
                if current is not None and not allow_other_installation and not backup_trust.same_installation(
                        current, checked.snapshot.installation_id, checked.signer):
                    signer = checked.signer or {}
                    raise MediationError("backup.other_installation", backup_org=checked.snapshot.org_name or "?",
                                         backup_code=checked.snapshot.org_code or "?",
                                         fingerprint=signer.get("fingerprint", "-"), current_org=current.org_name)
                check_data(checked, work_file)  # (whose it is said first: a stranger's backup is named as such)
                _leave_wal(paths.database)  # refuse before anything is written if the database is in use
                previous = _save_current(paths, now)
                try:
                    _restore_files(checked, paths.files, paths.root)
                except OSError as exc:
                    raise backup_error(exc, paths.files) from exc
                keys_folder = paths.root / KEYS_DIR
                old_keys = folder_keys(keys_folder)
                try:
                    _restore_keys(checked, keys_folder, paths.root)
                    _swap_database(paths.database, inside(work_file, paths.root))
                except BaseException as exc:
                    if work_file.exists():  # not swapped: the database stays the old one, so must its keys
                        _put_keys_back(keys_folder, old_keys)
                    if isinstance(exc, OSError):
                        raise backup_error(exc, paths.files) from exc
                    raise
        except (OSError, sqlite3.Error, MediationError) as exc:  # a full disk: said plainly, nothing left behind
            if disk_full_behind(exc, paths.root):
                raise MediationError("restore.disk_full", path=str(paths.root)) from exc
            raise
        finally:
            _remove_work_file(work_file)
    log_event(paths, f"restored from {archive}; " + (f"the data before it is in {previous}" if previous else
                                                      "there were no data here before, so nothing was backed up"))
    # the chain is stepped back on purpose: its head is now the backup's (storage/witness.py)
    witness.record(paths, checked.snapshot.audit_seq, checked.snapshot.audit_hash, reset=True,
                   at=max(now.astimezone(), dt.datetime.now().astimezone()))  # (backups before it: older)
    from mediation_desktop.services.health import file_problems

    db = open_database(paths)  # (the database is the copy checked whole before the swap: its files remain)
    try:
        with db.engine.connect() as conn:
            problems = file_problems(conn, paths)
            conn.rollback()
    finally:
        db.dispose()
    snap = checked.snapshot
    return RestoreReport(archive, previous, snap.counts.get("mediation_case", 0), len(checked.files), snap.counts,
                         problems, org_name=snap.org_name, org_code=snap.org_code,
                         fingerprint=checked.signer["fingerprint"] if checked.signer else None)
