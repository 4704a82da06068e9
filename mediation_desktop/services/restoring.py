"""Restoring a backup: check it completely before touching anything (``check_backup``; ``inspect_backup``
for what the user is shown before being asked), save the current data, then swap the database in
atomically and open it (older schema revisions are migrated). Making backups: ``services.backups``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sqlite3
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from mediation_desktop.errors import MediationError
from mediation_desktop.paths import DataPaths
from mediation_desktop.services.backups import (
    PRE_RESTORE_PREFIX,
    backup_error,
    current_time,
    log_event,
    write_into,
)
from mediation_desktop.services.health import Problem
from mediation_desktop.storage import deflate
from mediation_desktop.storage.atomic import fsync_dir, write_atomically
from mediation_desktop.storage.audit import verify_chain
from mediation_desktop.storage.backup import (
    CHUNK,
    FILES_DIR,
    KEYS_DIR,
    Snapshot,
    database_problems,
    extract_database,
    folder_keys,
    folder_lock,
    open_attachment,
    read_keys,
    read_manifest,
    read_snapshot,
    remove_partials,
    sha256_file,
    snapshot_sqlite,
    store_path,
    verify_archive_members,
)
from mediation_desktop.storage.database import open_database


@dataclass(frozen=True)
class RestoreReport:
    source: Path
    previous: Path | None
    cases: int
    files: int
    counts: dict[str, int]
    problems: list[Problem] = field(default_factory=list)


# --- checking and restoring -----------------------------------------------------------------------

@dataclass(frozen=True)
class CheckedBackup:
    path: Path
    manifest: dict[str, Any]
    snapshot: Snapshot
    files: list[str]


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    from mediation_desktop.storage.migrate import alembic_config

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def check_backup(archive: Path, work_file: Path) -> CheckedBackup:
    """Verify everything about a backup (members, database, schema, audit chain, attachments), leaving
    its database extracted at ``work_file``. Raises a ``backup.*`` error for the first fault found."""
    manifest = read_manifest(archive)
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
    if (snap.audit_seq, snap.audit_hash) != (manifest["audit"]["last_seq"], manifest["audit"]["last_hash"]):
        raise MediationError("backup.audit_broken", path=str(archive), seq=snap.audit_seq)
    files = sorted(set(manifest["files_included"]) | set(manifest["files_shared"]))
    shared_store = archive.parent / FILES_DIR
    bad = [sha for sha in files if not _attachment_ok(archive, sha, shared_store)]
    if bad:
        raise MediationError("backup.files_missing", path=str(archive), count=len(bad), example=bad[0][:12])
    return CheckedBackup(archive, manifest, snap, files)


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


def inspect_backup(paths: DataPaths, archive: Path) -> BackupSummary:
    """Check ``archive`` completely (as ``restore`` will again) and say what it holds and whether it is
    this installation's. Changes nothing; raises the same ``backup.*`` errors as ``restore``."""
    archive = archive.absolute()
    paths.root.mkdir(parents=True, exist_ok=True)
    work_file = paths.root / f".restore-check-{uuid.uuid4().hex}.tmp"
    try:
        checked = check_backup(archive, work_file)
    finally:
        work_file.unlink(missing_ok=True)
    snap, manifest = checked.snapshot, checked.manifest
    created: dt.datetime | None
    try:
        created = dt.datetime.fromisoformat(str(manifest.get("created_at"))).astimezone()
    except ValueError:
        created = None
    current = _current_identity(paths.database)
    return BackupSummary(
        path=archive, created_at=created, org_name=snap.org_name, org_code=snap.org_code,
        cases=snap.counts.get("mediation_case", 0), files=len(checked.files), audit_entries=snap.audit_seq,
        app_version=str(manifest.get("app_version")) if manifest.get("app_version") else None,
        same_installation=None if current is None else current[0] == snap.installation_id,
    )


# an attachment that cannot be read whole from the archive: missing, cut short, a bad CRC, a damaged stream
_UNREADABLE: tuple[type[Exception], ...] = (OSError, KeyError, EOFError, zipfile.BadZipFile, *deflate.ERRORS)


def _attachment_ok(archive: Path, sha: str, shared_store: Path) -> bool:
    try:
        with open_attachment(archive, sha, shared_store) as fh:
            digest = hashlib.sha256()
            while chunk := fh.read(CHUNK):
                digest.update(chunk)
        return digest.hexdigest() == sha
    except _UNREADABLE:
        return False


def _current_identity(database: Path) -> tuple[str, str] | None:
    """(installation id, committee name) of the current database, or None if it has none or is unreadable."""
    if not database.is_file():
        return None
    try:
        con = sqlite3.connect(database.absolute().as_uri() + "?mode=ro", uri=True)
        try:
            row = con.execute("SELECT id, org_name FROM installation LIMIT 1").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return (str(row[0]), str(row[1])) if row else None


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
                snapshot_file.unlink(missing_ok=True)
        target = folder / f"damaged-{now.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}"
        target.mkdir(parents=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            src = Path(str(database) + suffix)
            if src.is_file():
                shutil.copyfile(src, target / src.name)
                with open(target / src.name, "rb+") as fh:
                    os.fsync(fh.fileno())
        fsync_dir(target)
        fsync_dir(folder)
        return target
    except (OSError, sqlite3.Error) as exc:
        raise MediationError("backup.pre_restore_failed", detail=str(exc) or type(exc).__name__) from exc


def _restore_files(checked: CheckedBackup, files_root: Path) -> None:
    shared_store = checked.path.parent / FILES_DIR
    for sha in checked.files:
        target = store_path(files_root, sha)
        if target.is_file() and sha256_file(target) == sha:
            continue
        with open_attachment(checked.path, sha, shared_store) as fh:
            data = fh.read()
        if hashlib.sha256(data).hexdigest() != sha:
            raise MediationError("backup.files_missing", path=str(checked.path), count=1, example=sha[:12])
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, data)


def _restore_keys(checked: CheckedBackup, keys_folder: Path) -> None:
    """Put back the installation's key files with the database they belong to (its public keys are in it).
    The keys they replace are in the before-restore backup."""
    keys = read_keys(checked.path, checked.manifest)
    if not keys:
        return
    keys_folder.mkdir(parents=True, exist_ok=True)
    for name, data in keys.items():
        target = keys_folder / name
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
            now: dt.datetime | None = None) -> RestoreReport:
    """Replace the data in ``paths`` with the backup ``archive``, after checking it completely and backing
    up the current data. Nothing changes unless every check passes."""
    now = current_time(now)
    archive = archive.absolute()
    paths.root.mkdir(parents=True, exist_ok=True)
    with folder_lock(paths.backups):
        remove_partials(paths.backups)
        for stale in paths.root.glob(".restore-*.tmp"):  # left by a restore that was killed
            stale.unlink(missing_ok=True)
        work_file = paths.root / f".restore-{uuid.uuid4().hex}.tmp"
        try:
            checked = check_backup(archive, work_file)
            current = _current_identity(paths.database)
            if current is not None and current[0] != checked.snapshot.installation_id and not allow_other_installation:
                raise MediationError("backup.other_installation", backup_org=checked.snapshot.org_name or "?",
                                     current_org=current[1])
            _leave_wal(paths.database)  # refuse before anything is written if the database is in use
            previous = _save_current(paths, now)
            try:
                _restore_files(checked, paths.files)
            except OSError as exc:
                raise backup_error(exc, paths.files) from exc
            keys_folder = paths.root / KEYS_DIR
            old_keys = folder_keys(keys_folder)
            try:
                _restore_keys(checked, keys_folder)
                _swap_database(paths.database, work_file)
            except BaseException as exc:
                if work_file.exists():  # not swapped: the database stays the old one, so must its keys
                    _put_keys_back(keys_folder, old_keys)
                if isinstance(exc, OSError):
                    raise backup_error(exc, paths.files) from exc
                raise
        finally:
            work_file.unlink(missing_ok=True)
    log_event(paths, f"restored from {archive}; the data before it is in {previous or '-'}")
    from mediation_desktop.services.health import check

    db = open_database(paths)
    try:
        problems = check(db)
    finally:
        db.dispose()
    snap = checked.snapshot
    return RestoreReport(archive, previous, snap.counts.get("mediation_case", 0), len(checked.files), snap.counts,
                         problems)
