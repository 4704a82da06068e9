"""Backups as the user meets them: automatic at start, hourly after changes and at close, a rotation, a second
folder, restore.

* ``backup_if_due(db, at_start=True)`` at start, ``backup_if_due(db)`` from a timer (every few minutes is
  fine: it only backs up when the data changed and the newest backup is an hour old) and
  ``backup_if_due(db, at_close=True)`` when the window closes keep the rotation in ``<data>/backups``
  (``choose_kept``: several of the newest day, then 7 daily, 4 weekly and 12 monthly archives), sharing
  one content-addressed ``files/`` folder for attachments. If the ``backup_second_folder`` setting names
  a folder (another drive, a stick that stays plugged in), the same archive goes there too.
* ``export_backup`` writes one self-contained archive anywhere (``mediation-desktop backup --out``).
* Every archive's manifest is signed with the installation's key (``services.backup_trust``); what is
  written outside the data folder (``--out`` elsewhere, the second folder) is encrypted to the
  installation's backup key (``services.backup_sealing``).
* Checking a backup and restoring it are in ``services.restoring``.

Every time here is China's wall clock (``domain.china_time``), whatever the computer's zone: an archive's name
(``mediation-backup-20260310-150000+0800.zip``, the mark telling it from an older version's name on the
computer's clock), the days of the rotation, the lists and the log.

SQLite only: a PostgreSQL hub is backed up by its server's administrator (``pg_dump``).
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from mediation_desktop import __version__
from mediation_desktop.domain.china_time import CHINA, in_china
from mediation_desktop.errors import MediationError
from mediation_desktop.paths import DataPaths
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.backup_rotation import (  # (the rotation's names, also as backups.*)
    AUTO_PREFIX as AUTO_PREFIX,
)
from mediation_desktop.services.backup_rotation import (
    KEEP_DAILY as KEEP_DAILY,
)
from mediation_desktop.services.backup_rotation import (
    KEEP_MONTHLY as KEEP_MONTHLY,
)
from mediation_desktop.services.backup_rotation import (
    KEEP_NEWEST_DAY as KEEP_NEWEST_DAY,
)
from mediation_desktop.services.backup_rotation import (
    KEEP_WEEKLY as KEEP_WEEKLY,
)
from mediation_desktop.services.backup_rotation import (
    backups_in as backups_in,
)
from mediation_desktop.services.backup_rotation import (
    choose_kept as choose_kept,
)
from mediation_desktop.services.backup_rotation import (
    made_at as made_at,
)
from mediation_desktop.services.backup_rotation import (
    prune_store as prune_store,
)
from mediation_desktop.services.backup_rotation import (
    rotate as rotate,
)
from mediation_desktop.services.backup_rotation import (
    rotate_quietly,
)
from mediation_desktop.services.backup_rotation import (
    rotation as rotation,
)
from mediation_desktop.storage import witness
from mediation_desktop.storage.atomic import fsync_dir, refuse_not_file, write_atomically
from mediation_desktop.storage.backup import (
    FILES_DIR,
    KEYS_DIR,
    Snapshot,
    archive_stamp,
    folder_keys,
    folder_lock,
    make_manifest,
    read_manifest,
    read_snapshot,
    remove_partials,
    remove_sqlite_file,
    sha256_file,
    snapshot_sqlite,
    store_path,
    write_archive,
)
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Installation, Setting
from mediation_desktop.storage.private import create_private, private_dir
from mediation_desktop.storage.unit_of_work import UnitOfWork

SECOND_FOLDER_SETTING = "backup_second_folder"
PRE_RESTORE_PREFIX = "before-restore-"
AFTER_WORK = dt.timedelta(hours=1)
"""While the program is open, changed data are backed up once the newest backup is this old (a power cut costs at
most about an hour's work), besides at start and at close."""


@dataclass(frozen=True)
class BackupReport:
    path: Path
    cases: int
    files: int
    size: int
    missing_files: int
    second_path: Path | None = None
    second_error: MediationError | None = None


# --- errors ---------------------------------------------------------------------------------------

def explain_storage_error(exc: BaseException) -> MediationError | None:
    """A full disk or an I/O error as a clear message (``storage.disk_full`` / ``storage.io_error``);
    None for anything else. For the CLI's and the window's error handlers."""
    if isinstance(exc, MediationError):
        return exc
    inner: BaseException | None = exc.orig if isinstance(exc, DBAPIError) else exc
    if isinstance(inner, OSError):
        if inner.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return MediationError("storage.disk_full")
        if inner.errno == errno.EIO:
            return MediationError("storage.io_error")
        if inner.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return MediationError("storage.read_only", path=str(inner.filename or "?"))
        return None
    if isinstance(inner, sqlite3.Error):
        msg = str(inner).lower()
        if "disk is full" in msg or "database or disk is full" in msg:
            return MediationError("storage.disk_full")
        if "disk i/o error" in msg:
            return MediationError("storage.io_error")
        if "file is not a database" in msg or "database disk image is malformed" in msg:
            return MediationError("storage.not_a_database")
        if "readonly database" in msg or "read-only" in msg or "unable to open database file" in msg:
            return MediationError("storage.read_only_database")
    return None


def disk_full_behind(exc: BaseException, folder: Path) -> bool:
    """Whether ``exc`` comes from a full disk. SQLite reports a failed fsync on a full disk as a "disk I/O
    error": then one small write in ``folder`` tells (and is removed again)."""
    explained = explain_storage_error(exc)
    if explained is None or explained.key not in ("storage.disk_full", "backup.disk_full", "storage.io_error"):
        return False
    if explained.key != "storage.io_error":
        return True
    probe = folder / f".restore-probe-{uuid.uuid4().hex}.tmp"
    try:
        with create_private(probe) as fh:
            fh.write(b"\0" * 65536)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as err:
        return err.errno in (errno.ENOSPC, errno.EDQUOT)
    finally:
        probe.unlink(missing_ok=True)
    return False


def backup_error(exc: BaseException, path: Path) -> MediationError:
    if isinstance(exc, MediationError):
        return exc
    explained = explain_storage_error(exc)
    if explained is not None and explained.key == "storage.disk_full":
        return MediationError("backup.disk_full", path=str(path))
    return MediationError("backup.write_failed", path=str(path), detail=str(exc) or type(exc).__name__)


# --- writing backups ------------------------------------------------------------------------------

def live_database_file(db: Database) -> Path:
    if not db.is_sqlite:
        raise MediationError("backup.not_sqlite")
    name = db.engine.url.database
    if not name:
        raise MediationError("backup.not_sqlite")
    return Path(name)


def current_time(now: dt.datetime | None) -> dt.datetime:
    """``now`` (by default the present) on China's clock, to the second; a naive ``now`` is read on the
    computer's clock."""
    return in_china(now if now is not None else dt.datetime.now(CHINA)).replace(microsecond=0)


def _unique(folder: Path, prefix: str, now: dt.datetime) -> Path:
    """A new archive name, its time on China's clock (``storage.backup_folder.archive_stamp``); the time in it
    is unique in the folder (a second later if need be), so the rotation can order archives by their names."""
    made = now
    while True:
        path = folder / f"{prefix}{archive_stamp(made)}.zip"
        if not path.exists():
            return path
        made += dt.timedelta(seconds=1)


def _attachment_sources(files_root: Path, snap: Snapshot) -> tuple[dict[str, Path], list[str]]:
    present: dict[str, Path] = {}
    missing: list[str] = []
    for sha, current in snap.attachments:
        path = store_path(files_root, sha)
        if path.is_file():
            present[sha] = path
        elif current:
            missing.append(sha)
    return present, missing


def _copy_into_store(store: Path, sha: str, source: Path) -> bool:
    """Put one attachment into a backup folder's shared store (verified by its hash); False if the
    source no longer has the content its name promises."""
    target = store_path(store, sha)
    if target.is_file():
        return True  # content-addressed and never rewritten: same name, same bytes
    data = source.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha:
        return False
    private_dir(target.parent)
    write_atomically(target, data)
    return True


def write_into(folder: Path, snapshot_file: Path, snap: Snapshot, files_root: Path, *, prefix: str,
                label: str, now: dt.datetime, self_contained: bool, final: Path | None = None,
                sealed: bool = False) -> tuple[Path, int]:
    """One archive of ``snapshot_file`` in ``folder`` (or at ``final``), signed, and ``sealed`` (encrypted)
    for a place outside the data folder; returns it and the number of attachments that were already
    missing or damaged on this computer."""
    from mediation_desktop.services import backup_sealing
    from mediation_desktop.services.backup_trust import signer_of

    data_root = files_root.parent
    signer = signer_of(snapshot_file, data_root / KEYS_DIR)
    to = None
    if sealed:
        identity = {"org_name": snap.org_name, "org_code": snap.org_code,
                    "fingerprint": signer[1]["fingerprint"] if signer else None}
        to = backup_sealing.seal_to(DataPaths(data_root), snapshot_file, identity)
    present, missing = _attachment_sources(files_root, snap)
    final = final or _unique(folder, prefix, now)
    included: list[tuple[str, Path]] = []
    shared: list[str] = []
    store = folder / FILES_DIR
    for sha, source in sorted(present.items()):
        if self_contained:
            if sha256_file(source) == sha:
                included.append((sha, source))
            else:
                missing.append(sha)
        elif (backup_sealing.copy_into_sealed_store(store, sha, source, to) if to is not None
              else _copy_into_store(store, sha, source)):
            shared.append(sha)
        else:
            missing.append(sha)
    if shared:
        fsync_dir(store)
    keys = folder_keys(data_root / KEYS_DIR)
    manifest = make_manifest(snapshot_file, snap, created_at=now.astimezone(), app_version=__version__,
                             label=label, included=[s for s, _ in included], shared=shared, missing=missing,
                             keys=keys)
    if signer is not None:
        manifest["signer"] = signer[1]
    sign = signer[0] if signer is not None else None
    if to is None:
        write_archive(final, snapshot_file, manifest, included, keys, sign=sign)
        return final, len(missing)
    plain = data_root / "backups" / f".plain-{uuid.uuid4().hex}.tmp"  # never on the stick
    try:
        write_archive(plain, snapshot_file, manifest, included, keys, sign=sign)
        backup_sealing.seal_archive(plain, final, to, created_at=manifest["created_at"], files_shared=shared)
    finally:
        plain.unlink(missing_ok=True)
    return final, len(missing)


def _report(path: Path, snap: Snapshot, missing: int) -> BackupReport:
    files = len({sha for sha, _ in snap.attachments}) - missing
    return BackupReport(path, snap.counts.get("mediation_case", 0), files, path.stat().st_size, missing)


def backup_now(db: Database, *, now: dt.datetime | None = None) -> BackupReport:
    """An automatic-style backup now: into the rotation in ``backups/`` (and the second folder, if set),
    then the rotation is thinned out. A failure leaves every earlier backup as it was."""
    source = live_database_file(db)
    now = current_time(now)
    primary = db.paths.backups
    second = second_folder(db)
    with folder_lock(primary):
        remove_partials(primary)
        snapshot_file = primary / f".snapshot-{uuid.uuid4().hex}.tmp"
        try:
            try:
                snapshot_sqlite(source, snapshot_file)
                snap = read_snapshot(snapshot_file)
                path, missing = write_into(primary, snapshot_file, snap, db.paths.files, prefix=AUTO_PREFIX,
                                            label="auto", now=now, self_contained=False)
            except (OSError, sqlite3.Error) as exc:
                raise backup_error(exc, primary) from exc
            rotate_quietly(primary)
            report = _report(path, snap, missing)
            witness.record(db.paths, snap.audit_seq, snap.audit_hash)  # the head, where rows cannot reach
            if second is not None:
                report = _copy_to_second(report, second, snapshot_file, snap, db.paths.files, now)
        finally:
            remove_sqlite_file(snapshot_file)
    return report


def _copy_to_second(report: BackupReport, folder: Path, snapshot_file: Path, snap: Snapshot, files_root: Path,
                    now: dt.datetime) -> BackupReport:
    """The same backup in the second folder; its failure (a stick not plugged in) never fails the first."""
    try:
        if not folder.parent.is_dir():
            raise FileNotFoundError(errno.ENOENT, "folder not reachable", str(folder))
        with folder_lock(folder):
            remove_partials(folder)
            path, _ = write_into(folder, snapshot_file, snap, files_root, prefix=AUTO_PREFIX, label="auto",
                                  now=now, self_contained=False, sealed=True)
            rotate_quietly(folder)
    except (OSError, sqlite3.Error, MediationError) as exc:
        err = exc if isinstance(exc, MediationError) else MediationError(
            "backup.second_failed", path=str(folder), detail=str(exc) or type(exc).__name__)
        return BackupReport(report.path, report.cases, report.files, report.size, report.missing_files,
                            None, err)
    return BackupReport(report.path, report.cases, report.files, report.size, report.missing_files, path, None)


def export_backup(db: Database, out: Path, *, now: dt.datetime | None = None,
                  actor: Actor | None = None) -> BackupReport:
    """One self-contained archive (database + every attachment) at ``out``, read back and verified; encrypted
    unless ``out`` is inside the data folder.

    With ``actor`` the export is first written to the audit log (who copied everything, when, where to):
    a whole copy of the committee's records leaving on a stick is worth a line, like revealing one ID
    number is. The entry is made before the copy, so the copy holds it too."""
    source = live_database_file(db)
    db.paths.refuse_own_file(out)
    now = current_time(now)
    out = out.absolute()
    if not out.parent.is_dir():
        raise MediationError("document.out_dir", path=str(out))
    try:
        refuse_not_file(out)  # (before the audit entry of an export that cannot be made)
    except OSError as exc:
        raise backup_error(exc, out) from exc
    if actor is not None:
        with UnitOfWork(db, actor=actor.username, action="backup.export") as uow:
            inst = uow.session.scalar(select(Installation.id).limit(1))
            uow.note("backup.export", "installation", str(inst), None, {"file": out.name, "folder": str(out.parent)})
            uow.commit()
    with folder_lock(db.paths.backups):
        remove_partials(db.paths.backups)
        snapshot_file = db.paths.backups / f".snapshot-{uuid.uuid4().hex}.tmp"
        try:
            snapshot_sqlite(source, snapshot_file)
            snap = read_snapshot(snapshot_file)
            path, missing = write_into(out.parent, snapshot_file, snap, db.paths.files, prefix="", label="manual",
                                        now=now, self_contained=True, final=out,
                                        sealed=not _inside(out.parent, db.paths.root))
        except (OSError, sqlite3.Error) as exc:
            raise backup_error(exc, out) from exc
        finally:
            remove_sqlite_file(snapshot_file)
    witness.record(db.paths, snap.audit_seq, snap.audit_hash)  # the head, where rows cannot reach (check)
    return _report(path, snap, missing)


def _state(db: Database) -> tuple[int, int]:
    """(audit head, change sequence): any saved change moves one of them."""
    with db.engine.connect() as conn:
        audit_seq = conn.execute(text("SELECT last_seq FROM audit_head WHERE id = 1")).scalar() or 0
        change = conn.execute(text("SELECT last_seq FROM change_counter WHERE id = 1")).scalar() or 0
        conn.rollback()
    return int(audit_seq), int(change)


def backup_if_due(db: Database, *, now: dt.datetime | None = None, at_start: bool = False,
                  at_close: bool = False) -> BackupReport | None:
    """Back up if there is no backup yet, or the data changed since the newest one and the program is starting
    or closing, or that backup is ``AFTER_WORK`` old. Returns None when nothing was due (cheaply while the
    newest backup is recent: the archive is not even opened)."""
    if not db.is_sqlite:
        return None
    now = current_time(now)
    archives = rotation(db.paths.backups)
    if archives:
        made, newest = archives[0]
        if not (at_start or at_close or now - made >= AFTER_WORK):
            return None
        try:
            manifest = read_manifest(newest)
            unchanged = (manifest["audit"]["last_seq"], manifest["change_seq"]) == _state(db)
        except (MediationError, KeyError, TypeError):
            unchanged = False
        if unchanged:
            return None
    return backup_now(db, now=now)


# --- settings -------------------------------------------------------------------------------------

def second_folder(db: Database) -> Path | None:
    with db.read_session() as s:
        row = s.get(Setting, SECOND_FOLDER_SETTING)
        value = row.value if row is not None else None
    return Path(value) if isinstance(value, str) and value else None


def set_second_folder(db: Database, actor: Actor, folder: Path | None) -> None:
    """Set (or with None clear) the second backup folder; audited like every other change."""
    if folder is not None and (_inside(folder, db.paths.root) or db.paths.keeps(folder)):
        raise MediationError("backup.second_inside_data", path=str(folder.absolute()))
    value = str(folder.absolute()) if folder is not None else None
    with UnitOfWork(db, actor=actor.username, action="backup.settings") as uow:
        row = uow.session.get(Setting, SECOND_FOLDER_SETTING)
        if row is None:
            uow.session.add(Setting(key=SECOND_FOLDER_SETTING, value=value))
        else:
            row.value = value
        uow.commit()


def _inside(folder: Path, root: Path) -> bool:
    """Whether ``folder`` is ``root`` or lies under it (a "second" copy there dies with the first)."""
    try:
        folder.absolute().resolve().relative_to(root.absolute().resolve())
    except ValueError:
        return False
    return True


# --- the backup log -------------------------------------------------------------------------------

BACKUP_LOG = "backup.log"


def log_event(paths: DataPaths, line: str) -> None:
    """One line in ``logs/backup.log`` of the data folder: restores and failed automatic backups are
    recorded outside the database (a restore replaces the audit log that could have said so). Never
    raises: a log that cannot be written must not turn a backup or a restore into a failure."""
    try:
        folder = private_dir(paths.root / "logs")
        with create_private(folder / BACKUP_LOG, append=True) as fh:
            fh.write(f"{dt.datetime.now(CHINA):%Y-%m-%d %H:%M:%S}+0800 {line}\n".encode())
    except OSError:
        pass


def installation_counts(db: Database) -> dict[str, int]:
    """Row counts of every table of the live database (for comparing with a backup)."""
    from mediation_desktop.storage.models import Base

    counts = {}
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            counts[table.name] = int(conn.execute(select(text("count(*)")).select_from(table)).scalar() or 0)
        conn.rollback()
    return counts
