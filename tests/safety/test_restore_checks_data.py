"""A restore checks the backup's database the way ``check`` would, before it replaces anything.

The forgeries are made the way someone who holds a plain backup can make them: a row of the database inside
is edited, the manifest's hash of the database is put right, and the manifest is signed again with the signing
key the backup itself carries. Signature and hashes then verify; only the audit chain's row seals can tell.
Each such backup is refused with the problem named, and the data folder keeps every byte it had.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from attachment_samples import JPEG_HEAD
from cli_runner import INIT, run
from forged_backups import RENAME_PARTY, forge

from mediation_desktop.domain.enums import AttachmentKind, PartyRole
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.paths import DataPaths
from mediation_desktop.services import backups, restoring
from mediation_desktop.services.attachments import add_attachment
from mediation_desktop.services.backup_sealing import opened, seal_archive, seal_to
from mediation_desktop.services.backup_unlock import PASSWORD, BackupSecret
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage import backup as store_backup
from mediation_desktop.storage.database import Database

SECRET = BackupSecret(PASSWORD, "secret123")  # the director's password of tests/conftest.py
SCAN = b"signed agreement scan " * 500


def _register(db: Database, actor, name: str, tmp: Path, scan: bytes | None = None) -> None:
    reg = register_case(db, actor, CaseInput("neighbour", [PartyInput(name), PartyInput("李四", role=PartyRole.RESPONDENT)],
                                             summary=f"{name}的宅基地纠纷"))
    if scan is not None:
        f = tmp / f"scan-{name}.jpg"
        f.write_bytes(JPEG_HEAD + scan)
        add_attachment(db, actor, reg.case_id, f, kind=AttachmentKind.SIGNED_AGREEMENT)


def _plain_backup(db: Database, out: Path) -> Path:
    """A self-contained, signed, unencrypted backup (as written inside the data folder), moved to ``out``."""
    report = backups.export_backup(db, db.paths.root / f"plain-{out.name}")
    shutil.move(report.path, out)
    return out


def _fingerprint(root: Path) -> dict[str, str]:
    """The SHA-256 of every file in the data folder; not the backup folder's lock file, nor what SQLite keeps
    beside a database in WAL mode that was only read (its shared-memory index, an empty log)."""
    def counts(p: Path) -> bool:
        rel = p.relative_to(root)
        return not (rel == Path("backups/.lock") or p.name.endswith("-shm")
                    or (p.name.endswith("-wal") and p.stat().st_size == 0))

    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and counts(p)}




@pytest.fixture
def village(db: Database, director, tmp_path: Path) -> Database:
    for name in ("张三", "王五"):
        _register(db, director, name, tmp_path, scan=SCAN + name.encode())
    return db


def _refused(paths: DataPaths, archive: Path, **kwargs) -> MediationError:
    before = _fingerprint(paths.root)
    with pytest.raises(MediationError) as err:
        restoring.restore(paths, archive, **kwargs)
    assert _fingerprint(paths.root) == before, "a refused restore changes nothing"
    assert not list(paths.root.glob(".restore-*"))
    return err.value


def test_a_row_edited_and_resigned_with_the_key_inside_is_refused_before_anything_changes(
        village: Database, director, tmp_path: Path):
    archive = _plain_backup(village, tmp_path / "good.zip")
    forged = forge(archive, tmp_path / "forged.zip", sql=RENAME_PARTY)
    _register(village, director, "钱七", tmp_path)  # (newer data: a restore would visibly replace it)
    village.dispose()
    err = _refused(village.paths, forged)
    assert err.key == "backup.data_problem"
    line = tr(err.key, **err.params)
    assert "表 party 的记录" in line and "被改动过" in line and "不能恢复" in line and "\n" not in line
    with pytest.raises(MediationError) as asked:  # the window asks this first: it is refused there already
        restoring.inspect_backup(village.paths, forged)
    assert asked.value.key == "backup.data_problem"
    restoring.restore(village.paths, archive)  # (the genuine backup restores)


def test_an_encrypted_backup_is_checked_the_same_way(village: Database, tmp_path: Path):
    stick = tmp_path / "stick"
    stick.mkdir()
    sealed_backup = backups.export_backup(village, stick / "backup.zip").path
    with opened(village.paths, sealed_backup, SECRET) as source:
        plain = shutil.copyfile(source.plain, tmp_path / "decrypted.zip")
    forged_plain = forge(plain, tmp_path / "forged-plain.zip", sql=RENAME_PARTY)
    forged = stick / "forged.zip"
    to = seal_to(village.paths, village.paths.database, {"org_name": "石桥村人民调解委员会", "org_code": "330102001"})
    seal_archive(forged_plain, forged, to, created_at=store_backup.read_manifest(plain)["created_at"], files_shared=[])
    village.dispose()
    err = _refused(village.paths, forged, secret=SECRET)
    assert err.key == "backup.data_problem" and err.params["path"] == str(forged)


def test_a_changed_attachment_with_its_row_and_manifest_made_to_match_is_refused(village: Database, tmp_path: Path):
    archive = _plain_backup(village, tmp_path / "good.zip")
    manifest = store_backup.read_manifest(archive)
    old = manifest["files_included"][0]
    new_bytes = b"a different scan"
    new = hashlib.sha256(new_bytes).hexdigest()

    def swap(m: dict) -> None:
        m["files_included"] = sorted(new if s == old else s for s in m["files_included"])

    forged = forge(archive, tmp_path / "forged.zip", sql=[f"UPDATE attachment SET sha256 = '{new}' WHERE sha256 = '{old}'"],
                    members={store_backup.member_name(old): None, store_backup.member_name(new): new_bytes},
                    manifest_edit=swap)
    village.dispose()
    err = _refused(village.paths, forged)
    assert err.key == "backup.data_problem" and "表 attachment 的记录" in err.params["problem"]


def test_an_attachment_the_database_uses_but_the_manifest_leaves_out_is_refused(village: Database, tmp_path: Path):
    archive = _plain_backup(village, tmp_path / "good.zip")
    gone = store_backup.read_manifest(archive)["files_included"][0]

    def leave_out(m: dict) -> None:
        m["files_included"] = [s for s in m["files_included"] if s != gone]

    forged = forge(archive, tmp_path / "forged.zip", members={store_backup.member_name(gone): None},
                    manifest_edit=leave_out)
    village.dispose()
    (village.paths.files / gone[:2] / gone).unlink()  # (a lost scan the restore would not bring back)
    err = _refused(village.paths, forged)
    assert err.key == "backup.data_problem" and gone in err.params["problem"] and "附件文件缺失" in err.params["problem"]
    # a backup that says the file was already missing when it was made is the data as it was: it restores, and
    # the missing file is reported after it, as before
    declared = forge(archive, tmp_path / "declared.zip", members={store_backup.member_name(gone): None},
                     manifest_edit=lambda m: (leave_out(m), m["files_missing"].append(gone)))
    report = restoring.restore(village.paths, declared)
    assert [p.key for p in report.problems] == ["check.file_missing"] and report.problems[0].params["sha256"] == gone


def test_an_older_revisions_backup_is_checked_after_its_copy_is_migrated(tmp_path: Path):
    """A backup of revision 0012 (its rows sealed since 0006) with a row edited: refused before the swap, where
    the old way migrated it in place and only then found the edit."""
    import datetime as dt

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "schemas" / "0012.sqlite3"
    for name, sql in (("genuine", []), ("edited", RENAME_PARTY)):
        old = tmp_path / f"{name}.sqlite3"
        shutil.copyfile(fixture, old)
        con = sqlite3.connect(old)
        for statement in sql:
            con.execute(statement)
        con.commit()
        con.close()
        snap = store_backup.read_snapshot(old)
        manifest = store_backup.make_manifest(old, snap, created_at=dt.datetime.now(dt.UTC), app_version="0.0.1",
                                              label="manual", included=[], shared=[], missing=[])
        store_backup.write_archive(tmp_path / f"{name}.zip", old, manifest, [])
    paths = DataPaths(tmp_path / "data")
    paths.root.mkdir()
    err = _refused(paths, tmp_path / "edited.zip", allow_unsigned=True)
    assert err.key == "backup.data_problem" and "表 party 的记录" in err.params["problem"]
    assert not paths.database.exists()
    report = restoring.restore(paths, tmp_path / "genuine.zip", allow_unsigned=True)
    assert report.problems == [] and not list(paths.root.glob(".restore-*"))


def test_the_command_line_refuses_the_testers_forgery_with_one_line(tmp_path: Path):
    data = tmp_path / "data"
    assert run(data, *INIT, stdin="secret123\n").returncode == 0
    assert run(data, "demo", "--cases", "9").returncode == 0
    r = run(data, "backup")
    assert r.returncode == 0, r.stderr
    (archive,) = (data / "backups").glob("mediation-backup-*.zip")
    forged = forge(archive, tmp_path / "b12.zip", sql=RENAME_PARTY)
    assert run(data, "demo", "--cases", "3", "--seed", "9").returncode == 0
    before = _fingerprint(data)
    r = run(data, "restore", str(forged))
    assert r.returncode != 0 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "表 party 的记录" in r.stderr and "不能恢复，数据没有改动" in r.stderr
    assert _fingerprint(data) == before
    assert run(data, "check").returncode == 0
