"""A director whose laptop died restores on a new computer from what was copied: each refusal says what the file
is and what to do next (copy the ``files`` folder beside it, whose code or password opens it, copy it again), and
a restore onto a computer with no data says there was nothing to back up first."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from attachment_samples import JPEG_HEAD
from cli_runner import run

from mediation_desktop.domain.china_time import typed_in_china
from mediation_desktop.domain.enums import AttachmentKind, PartyRole
from mediation_desktop.errors import MediationError
from mediation_desktop.failure_details import in_chinese
from mediation_desktop.i18n import tr
from mediation_desktop.paths import DataPaths
from mediation_desktop.services import accounts, backups, restoring
from mediation_desktop.services.attachments import add_attachment
from mediation_desktop.services.backup_unlock import PASSWORD, BackupSecret
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.services.setup import SetupRequest, initialise
from mediation_desktop.storage.database import Database, open_database

NOW = typed_in_china(2026, 12, 7, 10, 15)
SECRET = BackupSecret(PASSWORD, "secret123")  # the director's password of tests/conftest.py


def _scans(db: Database, actor, tmp: Path, names: tuple[str, ...] = ("张三", "王五")) -> None:
    for name in names:
        reg = register_case(db, actor, CaseInput("neighbour", [PartyInput(name), PartyInput("李四",
                                                                                            role=PartyRole.RESPONDENT)],
                                                 summary=f"{name}的宅基地纠纷"))
        scan = tmp / f"scan-{name}.jpg"
        scan.write_bytes(JPEG_HEAD + f"{name} 签字的协议书 ".encode() * 300)
        add_attachment(db, actor, reg.case_id, scan, kind=AttachmentKind.SIGNED_AGREEMENT)


def _refusal(paths: DataPaths, archive: Path, secret: BackupSecret | None = None) -> MediationError:
    with pytest.raises(MediationError) as err:
        restoring.restore(paths, archive, secret=secret)
    assert not paths.database.exists()
    return err.value


@pytest.mark.parametrize("where", ["rotation", "second folder"])
def test_an_automatic_backups_zip_copied_alone_says_to_copy_its_files_folder(db, director, tmp_path, where):
    _scans(db, director, tmp_path)
    second = tmp_path / "D盘备份"
    if where == "second folder":
        backups.set_second_folder(db, director, second)
    report = backups.backup_now(db, now=NOW)
    made = report.path if where == "rotation" else report.second_path
    assert made is not None
    db.dispose()
    stick = tmp_path / "U盘"
    stick.mkdir()
    alone = Path(shutil.copy2(made, stick / made.name))  # the zip alone: its attachments stayed beside it
    new_computer = DataPaths(tmp_path / "新电脑")
    secret = SECRET if where == "second folder" else None

    err = _refusal(new_computer, alone, secret)
    assert err.key == "backup.files_beside_missing" and err.params["count"] == 2
    said = tr(err.key, **err.params)
    assert "files 文件夹" in said and str(stick / "files") in said and "再试一次" in said
    assert "「数据备份…」→「备份到文件…」" in said and "附件都放在备份文件里面" in said
    assert "backup.files_beside_missing" == restoring_refusal_on_the_command_line(new_computer, alone, secret, said)

    shutil.copytree(made.parent / "files", stick / "files")  # done as told: now it restores whole
    result = restoring.restore(new_computer, alone, secret=secret)
    assert result.files == 2 and result.problems == []


def restoring_refusal_on_the_command_line(paths: DataPaths, archive: Path, secret: BackupSecret | None,
                                          said: str) -> str:
    """The command line says the same words as the window (both show the message of the refusal)."""
    args = ["restore", str(archive)] + (["--password-stdin"] if secret else [])
    r = run(paths.root, *args, stdin="secret123\n" if secret else "")
    assert r.returncode == 1 and r.stderr.strip() == said, r.stderr
    return "backup.files_beside_missing"


def test_a_stick_backup_holds_its_attachments_and_restores_alone(db, director, tmp_path):
    _scans(db, director, tmp_path)
    (tmp_path / "U盘").mkdir()
    out = backups.export_backup(db, tmp_path / "U盘" / "备份.zip", now=NOW).path
    db.dispose()
    assert restoring.restore(DataPaths(tmp_path / "新电脑"), out, secret=SECRET).files == 2


def test_a_backup_the_code_does_not_open_names_its_committee_and_time(db, director, tmp_path):
    other = open_database(DataPaths(tmp_path / "河口村"))
    initialise(other, SetupRequest("330102002", "河口村人民调解委员会", "village", "hekou", "hekou-2026"))
    theirs = backups.export_backup(other, tmp_path / "河口村.zip", now=NOW).path
    other.dispose()
    ours = backups.export_backup(db, tmp_path / "石桥村.zip", now=NOW + dt.timedelta(hours=1)).path
    accounts.change_password(db, director, "secret123", "changed-later-1")
    db.dispose()
    new_computer = DataPaths(tmp_path / "新电脑")

    err = _refusal(new_computer, theirs, BackupSecret(PASSWORD, "secret123"))  # another committee's file
    said = tr(err.key, **err.params)
    assert "这是 河口村人民调解委员会（330102002）在 2026-12-07 10:15 做的备份" in said, said
    assert "选错了文件" in said
    err = _refusal(new_computer, ours, BackupSecret(PASSWORD, "changed-later-1"))  # the password changed since
    said = tr(err.key, **err.params)
    assert "这是 石桥村人民调解委员会（330102001）在 2026-12-07 11:15 做的备份" in said, said
    assert "当时的旧密码或恢复码" in said
    r = run(new_computer.root, "restore", str(theirs), "--password-stdin", stdin="secret123\n")
    assert r.returncode == 1 and "河口村人民调解委员会（330102002）在 2026-12-07 10:15" in r.stderr


@pytest.mark.parametrize("encrypted", [True, False])
@pytest.mark.parametrize("kept", [0.98, 0.5, 0.05])
def test_a_backup_cut_short_says_it_is_incomplete_not_a_block_number(db, director, tmp_path, encrypted, kept):
    _scans(db, director, tmp_path)
    if encrypted:
        made = backups.export_backup(db, tmp_path / "备份.zip", now=NOW).path
    else:
        made = backups.export_backup(db, db.paths.root / "备份.zip", now=NOW).path  # plain inside the data folder
    db.dispose()
    raw = made.read_bytes()
    cut = tmp_path / "U盘拔早了.zip"
    cut.write_bytes(raw[: int(len(raw) * kept)])
    err = _refusal(DataPaths(tmp_path / "新电脑"), cut, SECRET if encrypted else None)
    said = tr(err.key, **err.params)
    assert err.key == "backup.incomplete", said
    assert "不完整（可能没有复制完" in said and "块" not in said and "重新完整复制" in said


@pytest.mark.parametrize("detail", ["chunk 0", "chunk 12", "cut short", "nonce", "content key", "chunk size",
                                    "header", "zip"])
def test_the_details_of_an_encrypted_file_are_said_without_the_encryptions_words(detail):
    said = in_chinese(detail, "backup.damaged")
    assert not any(word in said for word in ("块", "密钥", "参数", "文件头")), said


def test_a_restore_onto_a_computer_with_no_data_says_nothing_needed_backing_up(db, director, tmp_path):
    _scans(db, director, tmp_path, ("张三",))
    out = backups.export_backup(db, tmp_path / "备份.zip", now=NOW).path
    db.dispose()
    new_computer = tmp_path / "新电脑"
    r = run(new_computer, "restore", str(out), "--password-stdin", stdin="secret123\n")
    assert r.returncode == 0, r.stderr
    assert "这台电脑上原来没有数据，所以不需要先备份" in r.stdout and "：-" not in r.stdout
    assert "账号和密码现在是备份里的" in r.stdout
    log = (new_computer / "logs" / "backup.log").read_text(encoding="utf-8")
    assert "there were no data here before" in log and "in -" not in log
    r = run(new_computer, "restore", str(out), "--password-stdin", stdin="secret123\n")  # now there were data
    assert r.returncode == 0 and "恢复前的数据已备份到：" in r.stdout and "before-restore-" in r.stdout
    assert "做备份以后在这台电脑上设置或改过的密码已经不能用了" in r.stdout
