"""Backups and restore: exact round trips, a rotation, and refusals that change nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import random
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from attachment_samples import JPEG_HEAD
from sqlalchemy import text

from mediation_desktop.domain.enums import AttachmentKind, PartyRole
from mediation_desktop.errors import MediationError
from mediation_desktop.paths import DataPaths
from mediation_desktop.services import backups, restoring
from mediation_desktop.services.attachments import add_attachment
from mediation_desktop.services.backup_unlock import PASSWORD, BackupSecret
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.health import check
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage import backup as store_backup
from mediation_desktop.storage.audit import verify_chain
from mediation_desktop.storage.database import Database, open_database
from mediation_desktop.storage.filestore import FileStore
from mediation_desktop.storage.sealed import is_sealed

NOW = dt.datetime(2026, 3, 10, 9, 0, 0)
SECRET = BackupSecret(PASSWORD, "secret123")  # the director's password of tests/conftest.py


def plain_export(db: Database, out: Path, **kwargs) -> backups.BackupReport:
    """A self-contained archive as ``export_backup`` writes it inside the data folder (a plain, signed zip),
    then moved to ``out``: for the tests of what a restore checks inside the zip. (Written outside the data
    folder, an export is encrypted: tests/safety/test_backup_encryption.py.)"""
    report = backups.export_backup(db, db.paths.root / f"plain-{out.name}", **kwargs)
    shutil.move(report.path, out)
    return dataclasses.replace(report, path=out)


def _case(db, actor, name: str = "张三", scan: bytes | None = None, tmp: Path | None = None):
    reg = register_case(db, actor, CaseInput("neighbour", [PartyInput(name), PartyInput("李四", role=PartyRole.RESPONDENT)],
                                             summary=f"{name}的宅基地纠纷"))
    if scan is not None and tmp is not None:
        f = tmp / f"scan-{name}.jpg"
        f.write_bytes(JPEG_HEAD + scan)
        add_attachment(db, actor, reg.case_id, f, kind=AttachmentKind.SIGNED_AGREEMENT)
    return reg


def _state(paths: DataPaths) -> tuple[dict[str, int], dict[str, str], tuple[int, str]]:
    """Row counts of every table, the SHA-256 of every referenced attachment's bytes, and the head of the
    audit chain (which is verified entry by entry)."""
    db = open_database(paths)
    try:
        counts = backups.installation_counts(db)
        with db.engine.connect() as conn:
            shas = [r[0] for r in conn.execute(text("SELECT sha256 FROM attachment"))]
            assert verify_chain(conn) == []
            seq, head = conn.execute(text("SELECT last_seq, last_hash FROM audit_head WHERE id = 1")).one()
        store = FileStore(paths.files)
        files = {sha: hashlib.sha256(store.read(sha)).hexdigest() for sha in shas}
        return counts, files, (int(seq), str(head))
    finally:
        db.dispose()


def _sound(paths: DataPaths) -> None:
    db = open_database(paths)
    try:
        assert check(db) == []
    finally:
        db.dispose()


@pytest.fixture
def filled(db: Database, director, tmp_path: Path) -> Database:
    for i, name in enumerate(["张三", "王五", "赵六"]):
        _case(db, director, name, scan=f"scan {i} ".encode() * 1000, tmp=tmp_path)
    return db


@pytest.mark.parametrize("manual", [True, False])
def test_round_trip_is_exact(filled: Database, director, tmp_path: Path, manual: bool):
    before = _state(filled.paths)
    if manual:
        report = plain_export(filled, tmp_path / "copy.zip", now=NOW)
        with zipfile.ZipFile(report.path) as zf:  # self-contained: every scan is inside
            assert sum(n.startswith("files/") for n in zf.namelist()) == 3
    else:
        report = backups.backup_now(filled, now=NOW)
        assert report.path.parent == filled.paths.backups
    assert (report.cases, report.files, report.missing_files) == (3, 3, 0)
    _case(filled, director, "钱七", scan=b"later", tmp=tmp_path)  # a change after the backup ...
    shutil.rmtree(filled.paths.files)  # ... and every scan lost
    filled.dispose()

    result = restoring.restore(filled.paths, report.path)
    assert result.problems == [] and result.cases == 3 and result.files == 3
    assert _state(filled.paths) == before
    _sound(filled.paths)


def test_the_database_member_is_deflated_by_isal(filled: Database, tmp_path: Path):
    from isal import isal_zlib

    report = backups.backup_now(filled, now=NOW)
    store_backup.extract_database(report.path, tmp_path / "out.sqlite3")
    plain = (tmp_path / "out.sqlite3").read_bytes()
    with zipfile.ZipFile(report.path) as zf:
        info = zf.getinfo(store_backup.DB_MEMBER)
        assert zf.read(info) == plain  # zipfile's own zlib reads it
    assert (info.compress_type, info.file_size) == (zipfile.ZIP_DEFLATED, len(plain))
    c = isal_zlib.compressobj(1, isal_zlib.DEFLATED, -15)  # written as the archive is: a chunk at a time
    chunks = [c.compress(plain[i:i + store_backup.CHUNK]) for i in range(0, len(plain), store_backup.CHUNK)]
    assert info.compress_size == len(b"".join(chunks) + c.flush())


@pytest.mark.parametrize("engine", ["isal", "zlib"])
def test_a_damaged_database_member_is_a_clear_refusal(filled: Database, tmp_path: Path, engine: str,
                                                      monkeypatch: pytest.MonkeyPatch):
    from mediation_desktop.storage import deflate

    report = backups.backup_now(filled, now=NOW)
    raw = bytearray(report.path.read_bytes())
    with zipfile.ZipFile(report.path) as zf:
        info = zf.getinfo(store_backup.DB_MEMBER)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    if engine == "zlib":
        monkeypatch.setattr(deflate, "_fast", None)
    manifest = store_backup.read_manifest(report.path)
    rng = random.Random(3)
    causes = set()
    for _ in range(100):  # 40 random bytes somewhere in the stream: a bad symbol, or a wrong CRC-32 at the end
        damaged = bytearray(raw)
        at = rng.randrange(start, start + info.compress_size - 40)
        damaged[at:at + 40] = rng.randbytes(40)
        (tmp_path / "damaged.zip").write_bytes(bytes(damaged))
        with pytest.raises(MediationError) as err:
            store_backup.verify_archive_members(tmp_path / "damaged.zip", manifest)
        assert err.value.key == "backup.damaged"
        causes.add(err.value.params["detail"])
    assert causes & {"IsalError", "error"}, causes  # the deflate engine's own error was among them


def test_restore_into_an_empty_folder_of_a_new_computer(filled: Database, tmp_path: Path):
    before = _state(filled.paths)
    report = plain_export(filled, tmp_path / "copy.zip", now=NOW)
    fresh = DataPaths(tmp_path / "new-computer")
    result = restoring.restore(fresh, report.path)
    assert result.previous is None
    assert _state(fresh) == before


def test_restore_backs_up_the_current_data_first(filled: Database, director, tmp_path: Path):
    old = plain_export(filled, tmp_path / "old.zip", now=NOW)
    _case(filled, director, "钱七", scan=b"newest scan", tmp=tmp_path)
    newer = _state(filled.paths)
    filled.dispose()
    result = restoring.restore(filled.paths, old.path)
    assert result.previous is not None and result.previous.name.startswith("before-restore-")
    assert _state(filled.paths)[0]["mediation_case"] == 3
    # the data replaced by the restore comes back whole from its automatic backup
    restoring.restore(filled.paths, result.previous)
    assert _state(filled.paths) == newer


def _rewrite(archive: Path, out: Path, *, db: bytes | None = None, manifest: dict | None = None,
             drop: str | None = None, resign: Path | None = None) -> Path:
    """A copy of ``archive`` with members replaced or dropped; ``resign``: the keys folder whose signing key
    signs the new manifest (the installation itself made it: only the deeper checks can catch it)."""
    from mediation_desktop.sync.keys import SIGN_KEY_FILE

    new_manifest = json.dumps(manifest).encode() if manifest is not None else None
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            if item.filename == drop:
                continue
            data = src.read(item.filename)
            if item.filename == store_backup.DB_MEMBER and db is not None:
                data = db
            if item.filename == store_backup.MANIFEST and new_manifest is not None:
                data = new_manifest
            if item.filename == store_backup.SIGNATURE and new_manifest is not None and resign is not None:
                from cryptography.hazmat.primitives import serialization

                key = serialization.load_pem_private_key((resign / SIGN_KEY_FILE).read_bytes(), None)
                data = key.sign(new_manifest).hex().encode()  # type: ignore[union-attr]
            dst.writestr(item.filename, data)
    return out


def _with_edited_db(archive: Path, tmp: Path, sql: list[str], resign: Path | None = None,
                    name: str = "edited") -> Path:
    """A backup whose database was changed with ``sql`` and whose manifest was made to match (a forger's
    best effort); without the installation's key (``resign``) its signature no longer verifies."""
    work = tmp / f"{name}.sqlite3"
    store_backup.extract_database(archive, work)
    con = sqlite3.connect(work)
    for statement in sql:
        con.execute(statement)
    con.commit()
    con.close()
    manifest = store_backup.read_manifest(archive)
    manifest["database"]["sha256"] = store_backup.sha256_file(work)
    return _rewrite(archive, tmp / f"{name}.zip", db=work.read_bytes(), manifest=manifest, resign=resign)


def _refusals(archive: Path, tmp: Path, keys: Path) -> dict[str, Path]:
    manifest = store_backup.read_manifest(archive)
    raw = archive.read_bytes()
    junk = tmp / "junk.zip"
    junk.write_bytes("这不是备份".encode() * 100)
    truncated = tmp / "truncated.zip"
    truncated.write_bytes(raw[: len(raw) // 2])
    plain = tmp / "plain.zip"
    with zipfile.ZipFile(plain, "w") as zf:
        zf.writestr("notes.txt", "hello")
    newer = dict(manifest, format_version=store_backup.FORMAT_VERSION + 1)
    scan = manifest["files_included"][0]
    return {
        "backup.not_found": tmp / "nowhere.zip",
        "backup.not_backup": junk,
        "backup.incomplete": truncated,
        "backup.not_backup/plain": plain,
        "backup.newer_format": _rewrite(archive, tmp / "newer.zip", manifest=newer),
        "backup.damaged/db": _rewrite(archive, tmp / "db.zip", db=b"SQLite format 3\x00" + b"\x00" * 4000),
        "backup.files_missing": _rewrite(archive, tmp / "nofile.zip", drop=store_backup.member_name(scan)),
        "backup.unknown_schema": _with_edited_db(archive, tmp, ["UPDATE alembic_version SET version_num='9999_future'"],
                                                 resign=keys),
        "backup.bad_signature": _with_edited_db(archive, tmp, ["UPDATE mediation_case SET title = 'x'"],
                                                name="unsigned-edit"),
    }


def test_refusals_are_clear_and_change_nothing(filled: Database, tmp_path: Path):
    archive = plain_export(filled, tmp_path / "good.zip", now=NOW).path
    filled.dispose()
    before = _state(filled.paths)
    db_bytes = filled.paths.database.read_bytes()
    for expected, path in _refusals(archive, tmp_path, filled.paths.root / "keys").items():
        with pytest.raises(MediationError) as err:
            restoring.restore(filled.paths, path)
        assert err.value.key == expected.split("/")[0], (expected, err.value)
        assert filled.paths.database.read_bytes() == db_bytes
        assert not list(filled.paths.backups.glob("before-restore-*")), "refused before backing anything up"
    assert _state(filled.paths) == before


def test_a_forged_audit_log_is_refused(filled: Database, tmp_path: Path):
    archive = plain_export(filled, tmp_path / "good.zip", now=NOW).path
    forged = _with_edited_db(archive, tmp_path, [
        "DROP TRIGGER IF EXISTS audit_entry_no_update",
        *[f"DROP TRIGGER IF EXISTS {name}" for name in _triggers(filled)],
        "UPDATE audit_entry SET actor = 'someone' WHERE seq = 2",
    ], resign=filled.paths.root / "keys")
    filled.dispose()
    with pytest.raises(MediationError) as err:
        restoring.restore(filled.paths, forged)
    assert err.value.key == "backup.audit_broken"


def _triggers(db: Database) -> list[str]:
    with db.engine.connect() as conn:
        return [r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))]


def test_counts_that_disagree_with_the_manifest_are_refused(filled: Database, tmp_path: Path):
    archive = plain_export(filled, tmp_path / "good.zip", now=NOW).path
    manifest = store_backup.read_manifest(archive)
    manifest["counts"]["mediation_case"] += 1
    filled.dispose()
    with pytest.raises(MediationError) as err:
        restoring.restore(filled.paths, _rewrite(archive, tmp_path / "counts.zip", manifest=manifest,
                                                 resign=filled.paths.root / "keys"))
    assert err.value.key == "backup.damaged"


def test_another_installations_backup_needs_the_explicit_flag(filled: Database, tmp_path: Path):
    from mediation_desktop.services.setup import SetupRequest, initialise

    other = DataPaths(tmp_path / "other")
    odb = open_database(other)
    initialise(odb, SetupRequest("330102002", "东村人民调解委员会", "village", "admin", "secret123"))
    foreign = plain_export(odb, tmp_path / "other.zip", now=NOW).path
    odb.dispose()
    filled.dispose()
    with pytest.raises(MediationError) as err:
        restoring.restore(filled.paths, foreign)
    assert err.value.key == "backup.other_installation"
    from mediation_desktop.sync.keys import known_peers

    east = next(p for p in known_peers(open_database(other)).values() if p.is_self)
    assert err.value.params == {"backup_org": "东村人民调解委员会", "backup_code": "330102002",
                                "fingerprint": east.fingerprint, "current_org": "石桥村人民调解委员会"}
    result = restoring.restore(filled.paths, foreign, allow_other_installation=True)
    assert result.cases == 0 and result.previous is not None


def test_restore_refuses_while_the_database_is_open_elsewhere(filled: Database, tmp_path: Path):
    archive = plain_export(filled, tmp_path / "good.zip", now=NOW).path
    with filled.engine.connect() as conn:  # the window still has it open
        conn.execute(text("SELECT 1"))
        with pytest.raises(MediationError) as err:
            restoring.restore(filled.paths, archive)
    assert err.value.key == "backup.db_in_use"
    assert not list(filled.paths.backups.glob("before-restore-*")), "refused before writing anything"
    filled.dispose()
    _sound(filled.paths)


def test_a_damaged_database_is_kept_raw_before_it_is_replaced(filled: Database, tmp_path: Path):
    archive = plain_export(filled, tmp_path / "good.zip", now=NOW).path
    filled.dispose()
    raw = bytearray(filled.paths.database.read_bytes())
    raw[100:4096 * 3] = b"\xff" * (4096 * 3 - 100)
    filled.paths.database.write_bytes(bytes(raw))
    result = restoring.restore(filled.paths, archive)
    assert result.previous is not None and result.previous.name.startswith("damaged-")
    assert (result.previous / "mediation.sqlite3").read_bytes() == bytes(raw)
    _sound(filled.paths)


def test_rotation_keeps_7_daily_4_weekly_12_monthly():
    start = dt.datetime(2025, 1, 1, 10, 0)
    times = [start + dt.timedelta(hours=12 * i) for i in range(2 * 400)]  # two a day for 400 days
    kept = backups.choose_kept(times)
    newest = max(times)
    days = {t.date() for t in kept}
    assert newest in kept
    assert {newest.date() - dt.timedelta(days=i) for i in range(7)} <= days  # the last 7 days
    assert len({t.isocalendar()[:2] for t in kept}) >= 4
    assert len({(t.year, t.month) for t in kept}) == 12
    assert len(kept) <= backups.KEEP_NEWEST_DAY + 7 + 4 + 12
    # the newest of each day only, but for the newest day's several (tests/storage/test_backup_rotation.py)
    assert all(len([k for k in kept if k.date() == d]) == 1 for d in days if d != newest.date())
    assert len([k for k in kept if k.date() == newest.date()]) == 2


def test_rotation_on_disk_thins_archives_and_their_shared_files(filled: Database, director, tmp_path: Path):
    made = []
    for day in range(40):
        _case(filled, director, f"甲{day}", scan=f"day {day}".encode() * 100, tmp=tmp_path)
        made.append(backups.backup_now(filled, now=NOW + dt.timedelta(days=day)).path)
    left = [p for _, p in backups.rotation(filled.paths.backups)]
    assert made[-1] in left and made[0] not in left
    assert len(left) == len(backups.choose_kept(NOW + dt.timedelta(days=d) for d in range(40)))
    referenced = set()
    for p in left:
        referenced |= set(store_backup.read_manifest(p)["files_shared"])
    stored = {p.name for p in (filled.paths.backups / "files").glob("*/*")}
    assert stored == referenced
    filled.dispose()
    for p in left[:3] + left[-2:]:  # the oldest kept backup still restores whole
        result = restoring.restore(filled.paths, p)
        assert result.problems == []


def test_backup_if_due(filled: Database, director):
    first = backups.backup_if_due(filled, now=NOW, at_start=True)
    assert first is not None
    assert backups.backup_if_due(filled, now=NOW + dt.timedelta(days=3), at_start=True) is None  # unchanged
    _case(filled, director, "钱七")
    assert backups.backup_if_due(filled, now=NOW + dt.timedelta(minutes=50)) is None  # changed, not an hour old
    second = backups.backup_if_due(filled, now=NOW + dt.timedelta(hours=1))
    assert second is not None and second.path != first.path
    _case(filled, director, "孙八")
    assert backups.backup_if_due(filled, now=NOW + dt.timedelta(hours=1, minutes=5), at_start=True) is not None
    assert backups.backup_if_due(filled, now=NOW + dt.timedelta(hours=1, minutes=6), at_close=True) is None  # same
    _case(filled, director, "周九")
    assert backups.backup_if_due(filled, now=NOW + dt.timedelta(hours=1, minutes=7), at_close=True) is not None


def test_second_folder_gets_the_same_backup_and_its_absence_is_only_a_warning(filled: Database, director,
                                                                               tmp_path: Path):
    drive = tmp_path / "drive"
    drive.mkdir()
    backups.set_second_folder(filled, director, drive / "调解备份")
    report = backups.backup_now(filled, now=NOW)
    assert report.second_path is not None and report.second_error is None
    assert is_sealed(report.second_path)  # encrypted outside the data folder
    filled.dispose()
    restoring.restore(filled.paths, report.second_path, secret=SECRET)  # restorable from the second drive alone
    filled = open_database(filled.paths)
    shutil.rmtree(drive)  # the drive is unplugged
    report = backups.backup_now(filled, now=NOW + dt.timedelta(days=1))
    assert report.second_path is None and report.second_error is not None
    assert report.second_error.key == "backup.second_failed"
    filled.dispose()


def test_attachment_missing_on_this_computer_is_reported_not_fatal(filled: Database, tmp_path: Path):
    victim = next(p for p in filled.paths.files.glob("*/*"))
    victim.unlink()
    report = backups.backup_now(filled, now=NOW)
    assert report.missing_files == 1 and report.files == 2
    assert store_backup.read_manifest(report.path)["files_missing"] == [victim.name]


def test_backups_are_refused_for_a_server_database():
    class FakeEngine:
        class url:
            database = None

        dialect = type("D", (), {"name": "postgresql"})

    fake = Database.__new__(Database)
    fake.engine = FakeEngine()  # type: ignore[assignment]
    with pytest.raises(MediationError) as err:
        backups.live_database_file(fake)
    assert err.value.key == "backup.not_sqlite"


def test_audit_chain_verifies_after_restore(filled: Database, tmp_path: Path):
    archive = plain_export(filled, tmp_path / "good.zip", now=NOW).path
    filled.dispose()
    restoring.restore(filled.paths, archive)
    db = open_database(filled.paths)
    try:
        with db.engine.connect() as conn:
            assert verify_chain(conn) == []
            assert conn.execute(text("SELECT count(*) FROM audit_entry")).scalar() > 10
    finally:
        db.dispose()


def test_the_installations_keys_travel_with_the_backup(filled: Database, tmp_path: Path):
    keys = filled.paths.root / "keys"
    keys.mkdir(exist_ok=True)
    (keys / "signing-ed25519.pem").write_bytes(b"-----BEGIN PRIVATE KEY-----\nabc\n")
    report = plain_export(filled, tmp_path / "copy.zip", now=NOW)
    assert store_backup.read_manifest(report.path)["keys"].keys() >= {"signing-ed25519.pem"}
    mine = {p.name: p.read_bytes() for p in keys.iterdir()}
    fresh = DataPaths(tmp_path / "new-computer")
    restoring.restore(fresh, report.path, allow_unsigned=True)  # (its signing key was replaced: unsigned)
    assert {p.name: p.read_bytes() for p in (fresh.root / "keys").iterdir()} == mine


def test_a_backup_from_an_older_schema_is_restored_and_migrated(tmp_path: Path):
    from mediation_desktop.storage.migrate import head_revision

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "schemas" / "0001.sqlite3"
    old = tmp_path / "old.sqlite3"
    shutil.copyfile(fixture, old)
    snap = store_backup.read_snapshot(old)
    manifest = store_backup.make_manifest(old, snap, created_at=dt.datetime.now(dt.UTC), app_version="0.0.1",
                                          label="manual", included=[], shared=[], missing=[])
    archive = tmp_path / "old-backup.zip"
    store_backup.write_archive(archive, old, manifest, [])
    paths = DataPaths(tmp_path / "data")
    with pytest.raises(MediationError) as err:  # made before backups were signed: refused unless allowed
        restoring.restore(paths, archive)
    assert err.value.key == "backup.unsigned" and not paths.database.exists()
    result = restoring.restore(paths, archive, allow_unsigned=True)
    assert result.problems == [] and result.cases == snap.counts["mediation_case"]
    con = sqlite3.connect(paths.database)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    con.close()


def test_restore_stops_if_the_current_data_cannot_be_backed_up_first(filled: Database, director, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch):
    import errno

    archive = plain_export(filled, tmp_path / "good.zip", now=NOW).path
    _case(filled, director, "钱七")  # the current data differs from the backup
    filled.dispose()
    before = _state(filled.paths)

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(restoring, "write_into", full)
    with pytest.raises(MediationError) as err:
        restoring.restore(filled.paths, archive)
    assert err.value.key == "restore.disk_full"  # (was backup.pre_restore_failed with the OS's English text)
    assert _state(filled.paths) == before and not list(filled.paths.root.glob(".restore-*"))

    def refused(*_a, **_k):
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(restoring, "write_into", refused)
    with pytest.raises(MediationError) as err:
        restoring.restore(filled.paths, archive)
    assert err.value.key == "backup.pre_restore_failed"


def test_keys_are_put_back_when_the_database_cannot_be_swapped(filled: Database, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch):
    from mediation_desktop.services.setup import SetupRequest, initialise

    other = DataPaths(tmp_path / "other")
    odb = open_database(other)
    initialise(odb, SetupRequest("330102002", "东村人民调解委员会", "village", "admin", "secret123"))
    (other.root / "keys").mkdir(exist_ok=True)
    (other.root / "keys" / "signing-ed25519.pem").write_bytes(b"east village key")
    (other.root / "keys" / "only-in-the-backup.pem").write_bytes(b"extra")
    foreign = plain_export(odb, tmp_path / "other.zip", now=NOW).path
    odb.dispose()
    keys = filled.paths.root / "keys"
    keys.mkdir(exist_ok=True)
    (keys / "signing-ed25519.pem").write_bytes(b"stone bridge key")
    mine = {p.name: p.read_bytes() for p in keys.iterdir()}
    filled.dispose()
    before = _state(filled.paths)

    def in_use(*_a, **_k):
        raise MediationError("backup.db_in_use")

    monkeypatch.setattr(restoring, "_swap_database", in_use)
    with pytest.raises(MediationError):
        restoring.restore(filled.paths, foreign, allow_other_installation=True, allow_unsigned=True)
    assert {p.name: p.read_bytes() for p in keys.iterdir()} == mine
    assert _state(filled.paths) == before  # (only its journal mode was switched, and back on opening)
    monkeypatch.undo()
    restoring.restore(filled.paths, foreign, allow_other_installation=True, allow_unsigned=True)
    assert (keys / "signing-ed25519.pem").read_bytes() == b"east village key"
    log = (filled.paths.root / "logs" / backups.BACKUP_LOG).read_text(encoding="utf-8")
    assert f"restored from {foreign}" in log and "before-restore-" in log


def test_inspect_says_what_a_backup_holds_and_changes_nothing(filled: Database, tmp_path: Path):
    archive = plain_export(filled, tmp_path / "good.zip", now=NOW).path
    summary = restoring.inspect_backup(filled.paths, archive)
    assert (summary.cases, summary.files, summary.org_name, summary.same_installation) == \
        (3, 3, "石桥村人民调解委员会", True)
    assert summary.audit_entries > 10 and summary.created_at is not None
    assert not list(filled.paths.root.glob(".restore-*"))
    fresh = restoring.inspect_backup(DataPaths(tmp_path / "new-computer"), archive)
    assert fresh.same_installation is None
    with pytest.raises(MediationError) as err:
        restoring.inspect_backup(filled.paths, tmp_path / "nowhere.zip")
    assert err.value.key == "backup.not_found"


def test_the_second_folder_may_not_be_inside_the_data_folder(filled: Database, director, tmp_path: Path):
    for inside in (filled.paths.backups, filled.paths.root / "别处"):
        with pytest.raises(MediationError) as err:
            backups.set_second_folder(filled, director, inside)
        assert err.value.key == "backup.second_inside_data"
    assert backups.second_folder(filled) is None


def test_an_export_from_the_window_is_audited(filled: Database, director, tmp_path: Path):
    report = plain_export(filled, tmp_path / "copy.zip", now=NOW, actor=director)
    with filled.engine.connect() as conn:
        rows = conn.execute(text("SELECT actor, data FROM audit_entry WHERE action = 'backup.export'")).all()
        assert verify_chain(conn) == []
    assert len(rows) == 1 and rows[0][0] == director.username and json.loads(rows[0][1])["file"] == "plain-copy.zip"
    store_backup.verify_archive_members(report.path, store_backup.read_manifest(report.path))


def test_a_folder_as_the_backup_file_is_refused_before_anything_is_written(filled: Database, director,
                                                                          tmp_path: Path):
    """``export_backup`` onto an existing folder: one refusal naming the folder, the same errno on every system
    (Windows would refuse only the final rename, as "access denied"), and no audit entry of an export not made."""
    import errno
    import os

    folder = tmp_path / "stick"
    folder.mkdir()
    with filled.engine.connect() as conn:
        entries = conn.scalar(text("SELECT count(*) FROM audit_entry"))
    with pytest.raises(MediationError) as err:
        backups.export_backup(filled, folder, actor=director, now=NOW)
    assert err.value.key == "backup.write_failed" and err.value.params["path"] == str(folder.absolute())
    assert err.value.params["detail"].startswith(f"[Errno {errno.EISDIR}] {os.strerror(errno.EISDIR)}")
    with filled.engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM audit_entry")) == entries
    assert list(folder.iterdir()) == []
