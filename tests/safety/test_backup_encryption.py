"""Backups outside the data folder are encrypted: a lost stick reveals neither records nor keys, and the
recovery code or a director's password (the one valid when the backup was made) opens them, on this
computer or a new one (issue 15, class 2)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from attachment_samples import JPEG_HEAD
from sqlalchemy import text

from mediation_desktop.domain.enums import AttachmentKind, PartyRole
from mediation_desktop.errors import MediationError
from mediation_desktop.paths import DataPaths
from mediation_desktop.services import accounts, backups, restoring
from mediation_desktop.services.attachments import add_attachment
from mediation_desktop.services.backup_unlock import EITHER, PASSWORD, RECOVERY, BackupSecret
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage import sealed
from mediation_desktop.storage.database import Database, open_database

NOW = dt.datetime(2026, 3, 10, 9, 0, 0)
SCAN = "张三签字的调解协议书扫描件".encode() * 400
PASSWORD_NOW = BackupSecret(PASSWORD, "secret123")


@pytest.fixture
def village(db: Database, director, tmp_path: Path) -> Database:
    reg = register_case(db, director, CaseInput("neighbour", [PartyInput("张三", id_number="33010219800101123X"),
                                                              PartyInput("李四", role=PartyRole.RESPONDENT)],
                                                summary="张三与李四的宅基地纠纷"))
    scan = tmp_path / "scan.jpg"
    scan.write_bytes(JPEG_HEAD + SCAN)
    add_attachment(db, director, reg.case_id, scan, kind=AttachmentKind.SIGNED_AGREEMENT)
    return db


def _cases(paths: DataPaths) -> list[str]:
    db = open_database(paths)
    try:
        with db.engine.connect() as conn:
            return sorted(r[0] for r in conn.execute(text("SELECT name FROM party")))
    finally:
        db.dispose()


def _reveals_nothing(raw: bytes) -> None:
    for secret in ("张三".encode(), b"33010219800101123X", SCAN[:60], b"SQLite format 3", b"PRIVATE KEY",
                   "宅基地".encode()):
        assert secret not in raw


def test_an_export_to_a_stick_reveals_nothing_and_opens_with_the_code_alone_on_a_new_computer(
        village: Database, director, tmp_path: Path):
    code = accounts.issue_recovery_code(village, director)
    stick = tmp_path / "U盘"
    stick.mkdir()
    report = backups.export_backup(village, stick / "备份.zip", now=NOW)
    raw = report.path.read_bytes()
    assert raw.startswith(sealed.MAGIC) and not list(stick.glob(".*"))  # nothing plain left on the stick
    _reveals_nothing(raw)
    village.dispose()
    new_computer = DataPaths(tmp_path / "新电脑")  # the data folder is gone: only the stick and the code
    with pytest.raises(MediationError) as err:
        restoring.restore(new_computer, report.path)
    assert err.value.key == "backup.locked"
    for wrong in (BackupSecret(RECOVERY, "AAAA-BBBB-CCCC-DDDD-EEEE"), BackupSecret(PASSWORD, code),
                  BackupSecret(RECOVERY, "secret123")):
        with pytest.raises(MediationError) as err:
            restoring.restore(new_computer, report.path, secret=wrong)
        assert err.value.key == "backup.wrong_secret_whose"
        assert not new_computer.database.exists() and not list(new_computer.root.glob(".restore-*"))
    result = restoring.restore(new_computer, report.path, secret=BackupSecret(RECOVERY, code.lower().replace("-", " ")))
    assert result.problems == [] and result.cases == 1 and result.files == 1
    assert _cases(new_computer) == ["张三", "李四"]
    assert (new_computer.root / "keys" / "backup-x25519.pem").is_file()  # it can make the next sealed backup
    assert not list(new_computer.root.glob(".restore-*"))


def test_the_directors_password_opens_it_and_the_window_may_not_say_which(village: Database, tmp_path: Path):
    report = backups.export_backup(village, tmp_path / "x.zip", now=NOW)
    village.dispose()
    for secret in (PASSWORD_NOW, BackupSecret(EITHER, "secret123")):
        summary = restoring.inspect_backup(DataPaths(tmp_path / f"fresh-{secret.kind}"), report.path, secret=secret)
        assert summary.encrypted and summary.cases == 1 and summary.fingerprint is not None


def test_a_password_change_rewraps_new_backups_and_old_ones_keep_the_old_password(village: Database, director,
                                                                                 tmp_path: Path):
    old = backups.export_backup(village, tmp_path / "old.zip", now=NOW)
    accounts.change_password(village, director, "secret123", "new-secret-456")
    new = backups.export_backup(village, tmp_path / "new.zip", now=NOW)
    village.dispose()
    fresh = DataPaths(tmp_path / "fresh")
    with pytest.raises(MediationError) as err:
        restoring.inspect_backup(fresh, new.path, secret=PASSWORD_NOW)  # the old password no longer opens new ones
    assert err.value.key == "backup.wrong_secret_whose"
    assert restoring.inspect_backup(fresh, new.path, secret=BackupSecret(PASSWORD, "new-secret-456")).cases == 1
    assert restoring.inspect_backup(fresh, old.path, secret=PASSWORD_NOW).cases == 1
    with pytest.raises(MediationError):
        restoring.inspect_backup(fresh, old.path, secret=BackupSecret(PASSWORD, "new-secret-456"))


def test_a_new_recovery_code_replaces_the_old_one_for_new_backups(village: Database, director, tmp_path: Path):
    first = accounts.issue_recovery_code(village, director)
    second = accounts.issue_recovery_code(village, director)
    report = backups.export_backup(village, tmp_path / "x.zip", now=NOW)
    village.dispose()
    fresh = DataPaths(tmp_path / "fresh")
    with pytest.raises(MediationError):
        restoring.inspect_backup(fresh, report.path, secret=BackupSecret(RECOVERY, first))
    assert restoring.inspect_backup(fresh, report.path, secret=BackupSecret(RECOVERY, second)).cases == 1


def test_a_recovered_director_and_a_reset_password_open_the_next_backup(village: Database, director, tmp_path: Path):
    code = accounts.issue_recovery_code(village, director)
    fresh_code = accounts.recover_director(village, "admin", code, "forgot-and-reset")
    report = backups.export_backup(village, tmp_path / "x.zip", now=NOW)
    fresh = DataPaths(tmp_path / "fresh")
    for secret in (BackupSecret(PASSWORD, "forgot-and-reset"), BackupSecret(RECOVERY, fresh_code)):
        assert restoring.inspect_backup(fresh, report.path, secret=secret).cases == 1
    with pytest.raises(MediationError):
        restoring.inspect_backup(fresh, report.path, secret=BackupSecret(RECOVERY, code))  # used up
    accounts.create_user(village, director, "zhuren2", "副主任", "director", "deputy-pass")
    accounts.reset_password(village, director, "zhuren2", "deputy-new-pass")
    second = backups.export_backup(village, tmp_path / "y.zip", now=NOW)
    assert restoring.inspect_backup(fresh, second.path, secret=BackupSecret(PASSWORD, "deputy-new-pass")).cases == 1
    accounts.set_active(village, director, "zhuren2", False)  # a director who left: no longer opens new ones
    third = backups.export_backup(village, tmp_path / "z.zip", now=NOW)
    with pytest.raises(MediationError):
        restoring.inspect_backup(fresh, third.path, secret=BackupSecret(PASSWORD, "deputy-new-pass"))


def test_an_installation_from_before_gets_its_wrap_at_the_directors_sign_in(village: Database, tmp_path: Path):
    from mediation_desktop.services.backup_unlock import UNLOCK_SETTING

    with village.engine.begin() as conn:  # as an installation set up by an older version
        conn.execute(text("DELETE FROM setting WHERE key = :k"), {"k": UNLOCK_SETTING})
    (village.paths.root / "keys" / "backup-x25519.pem").unlink()
    out = tmp_path / "stick" / "x.zip"
    out.parent.mkdir()
    with pytest.raises(MediationError) as err:  # nobody could open it: not written at all
        backups.export_backup(village, out, now=NOW)
    assert err.value.key == "backup.no_unlock" and list(out.parent.iterdir()) == []
    accounts.authenticate(village, "admin", "secret123")
    report = backups.export_backup(village, out, now=NOW)
    assert restoring.inspect_backup(DataPaths(tmp_path / "f"), report.path, secret=PASSWORD_NOW).cases == 1


def test_the_second_folder_is_encrypted_with_its_shared_attachments(village: Database, director, tmp_path: Path):
    drive = tmp_path / "D盘"
    drive.mkdir()
    backups.set_second_folder(village, director, drive / "调解备份")
    first = backups.backup_now(village, now=NOW)
    second = backups.backup_now(village, now=NOW + dt.timedelta(days=1))
    assert first.second_path and second.second_path and second.second_error is None
    for path in (drive / "调解备份").rglob("*"):
        if path.is_file() and path.name != ".lock":
            raw = path.read_bytes()
            assert raw.startswith(sealed.MAGIC), path
            _reveals_nothing(raw)
    assert backups.prune_store(drive / "调解备份") == 0  # the sealed archives' lists of shared files are read
    village.dispose()
    result = restoring.restore(DataPaths(tmp_path / "fresh"), second.second_path, secret=PASSWORD_NOW)
    assert result.files == 1 and result.problems == []


@pytest.mark.parametrize("where", ["header", "middle", "end", "cut"])
def test_a_damaged_encrypted_backup_is_refused_and_leaves_nothing(village: Database, tmp_path: Path, where: str):
    report = backups.export_backup(village, tmp_path / "x.zip", now=NOW)
    raw = bytearray(report.path.read_bytes())
    if where == "cut":
        raw = raw[: len(raw) - 20]
    else:
        at = {"header": len(sealed.MAGIC) + 40, "middle": len(raw) // 2, "end": len(raw) - 3}[where]
        raw[at] ^= 0x01
    bad = tmp_path / "bad.zip"
    bad.write_bytes(bytes(raw))
    village.dispose()
    before = village.paths.database.read_bytes()
    with pytest.raises(MediationError) as err:
        restoring.restore(village.paths, bad, secret=PASSWORD_NOW)
    assert err.value.key in ("backup.damaged", "backup.incomplete", "backup.wrong_secret_whose")
    assert village.paths.database.read_bytes() == before
    assert not list(village.paths.root.glob(".restore-*")) and not list(village.paths.backups.glob("before-*"))


def test_inside_the_data_folder_backups_stay_plain(village: Database, tmp_path: Path):
    report = backups.backup_now(village, now=NOW)
    assert not sealed.is_sealed(report.path)
    inside = backups.export_backup(village, village.paths.root / "copy.zip", now=NOW)
    assert not sealed.is_sealed(inside.path)


def test_hostile_kdf_costs_in_a_header_are_not_run(tmp_path: Path):
    from mediation_desktop.services.backup_unlock import unlock

    header = {"box_key": "00" * 32, "unlock": [{"kind": "password", "nonce": "00" * 12, "wrapped": "00" * 48,
                                                "kdf": {"name": "argon2id", "salt": "00" * 16, "time_cost": 10**6,
                                                        "memory_cost": 1 << 30, "parallelism": 1}}]}
    assert unlock(header, PASSWORD_NOW) is None


def _with_kdf(path: Path, out: Path, change: dict) -> Path:
    """The sealed backup ``path`` with every wrap's Argon2 settings changed (``None`` removes one)."""
    import json
    import struct

    raw = path.read_bytes()
    start = len(sealed.MAGIC)
    (size,) = struct.unpack(">I", raw[start:start + 4])
    header = json.loads(raw[start + 4:start + 4 + size])
    for entry in header["unlock"]:
        for k, v in change.items():
            if v is None:
                entry["kdf"].pop(k)
            else:
                entry["kdf"][k] = v
    new = json.dumps(header).encode()
    out.write_bytes(sealed.MAGIC + struct.pack(">I", len(new)) + new + raw[start + 4 + size:])
    return out


@pytest.mark.parametrize("change", [{"memory_cost": 19 * 1024 + 1}, {"memory_cost": 1 << 20}, {"memory_cost": 8},
                                    {"time_cost": 3}, {"time_cost": 1}, {"parallelism": 2},
                                    {"memory_cost": "19456"}, {"time_cost": 2.0}, {"time_cost": True},
                                    {"salt": None}, {"salt": "zz" * 16}, {"extra": 1}, {"name": "argon2i"}],
                         ids=repr)
@pytest.mark.parametrize("secret", [PASSWORD_NOW, BackupSecret(PASSWORD, "wrong-password")], ids=["right", "wrong"])
def test_changed_argon2_settings_say_the_backup_was_changed_not_that_the_password_is_wrong(
        village: Database, tmp_path: Path, change: dict, secret: BackupSecret):
    report = backups.export_backup(village, tmp_path / "x.zip", now=NOW)
    bad = _with_kdf(report.path, tmp_path / "changed.zip", change)
    village.dispose()
    before = village.paths.database.read_bytes()
    with pytest.raises(MediationError) as err:
        restoring.restore(village.paths, bad, secret=secret)
    assert err.value.key == "backup.damaged", err.value
    assert village.paths.database.read_bytes() == before
    assert not list(village.paths.root.glob(".restore-*"))


def test_the_settings_as_written_pass_the_check(village: Database, tmp_path: Path):
    from mediation_desktop.services.backup_unlock import check_header

    report = backups.export_backup(village, tmp_path / "x.zip", now=NOW)
    check_header(sealed.header_of(report.path), report.path)  # (the header itself is bound to chunk 0: no rewrite)


def test_no_code_given_is_not_called_a_wrong_code(village: Database, tmp_path: Path):
    report = backups.export_backup(village, tmp_path / "x.zip", now=NOW)
    village.dispose()
    fresh = DataPaths(tmp_path / "fresh")
    for secret, key in ((BackupSecret(RECOVERY, ""), "backup.no_recovery_code"),
                        (BackupSecret(PASSWORD, " "), "backup.no_password"), (BackupSecret(EITHER, ""), "backup.no_secret")):
        with pytest.raises(MediationError) as err:
            restoring.restore(fresh, report.path, secret=secret)
        assert err.value.key == key
        assert not fresh.database.exists() and not list(fresh.root.glob(".restore-*"))
    assert "没有收到恢复码" in str(MediationError("backup.no_recovery_code", path="x"))
