"""数据备份 in the window: the real buttons back up, export, set the second folder and restore — and then
the files and the database are looked at, not the labels."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from attachment_samples import JPEG_HEAD
from PySide6.QtCore import Qt
from sqlalchemy import text

from mediation_desktop.domain.enums import AttachmentKind, PartyRole, Role
from mediation_desktop.errors import MediationError
from mediation_desktop.paths import DataPaths
from mediation_desktop.services import backups, restoring
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.attachments import add_attachment
from mediation_desktop.services.backup_unlock import PASSWORD, BackupSecret
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage import backup as store_backup
from mediation_desktop.storage.audit import verify_chain
from mediation_desktop.storage.database import Database, open_database
from mediation_desktop.storage.filestore import FileStore
from mediation_desktop.storage.sealed import is_sealed
from mediation_desktop.ui.admin.backup_dialog import BackupDialog


def _case(db: Database, actor: Actor, name: str, tmp: Path) -> None:
    reg = register_case(db, actor, CaseInput("neighbour", [PartyInput(name), PartyInput("李四", role=PartyRole.RESPONDENT)],
                                             summary=f"{name}的宅基地纠纷"))
    scan = tmp / f"scan-{name}.jpg"
    scan.write_bytes(JPEG_HEAD + f"{name} 签字的协议书 ".encode() * 500)
    add_attachment(db, actor, reg.case_id, scan, kind=AttachmentKind.SIGNED_AGREEMENT)


def _state(paths: DataPaths) -> tuple[dict[str, int], dict[str, str], tuple]:
    """Row counts of every table, SHA-256 of every attachment's bytes, and the audit head (chain verified)."""
    db = open_database(paths)
    try:
        counts = backups.installation_counts(db)
        with db.engine.connect() as conn:
            assert verify_chain(conn) == []
            shas = [r[0] for r in conn.execute(text("SELECT sha256 FROM attachment"))]
            head = tuple(conn.execute(text("SELECT last_seq, last_hash FROM audit_head")).one())
        store = FileStore(paths.files)
        return counts, {sha: hashlib.sha256(store.read(sha)).hexdigest() for sha in shas}, head
    finally:
        db.dispose()


@pytest.fixture
def filled(db: Database, director: Actor, tmp_path: Path) -> Database:
    for name in ("张三", "王五"):
        _case(db, director, name, tmp_path)
    return db


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """The dialog's questions answered by the test; what it asked and told is recorded."""
    seen: dict[str, list] = {"confirm": [], "inform": [], "quit": [], "yes": [True], "asked": [],
                             "secret": ["secret123"]}  # the director's password of tests/conftest.py

    def ask_secret(cls, parent, title, question):
        seen["asked"].append(question)
        return seen["secret"][-1]

    def confirm(cls, parent, question):
        seen["confirm"].append(question)
        return seen["yes"][-1]

    monkeypatch.setattr(BackupDialog, "confirm", classmethod(confirm))
    monkeypatch.setattr(BackupDialog, "ask_secret", classmethod(ask_secret))
    monkeypatch.setattr(BackupDialog, "inform", classmethod(lambda cls, parent, t: seen["inform"].append(t)))
    monkeypatch.setattr(BackupDialog, "quit_application", classmethod(lambda cls: seen["quit"].append(True)))
    return seen


def _idle(qtbot, dialog: BackupDialog) -> None:
    qtbot.waitUntil(lambda: dialog.job is not None and dialog.job.finished, timeout=30_000)


def test_backup_now_adds_a_verified_archive_to_the_rotation(qtbot, filled, director):
    dialog = BackupDialog(filled, director)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0
    with qtbot.waitSignal(dialog.sig_backed_up, timeout=30_000) as signal:
        dialog.backup_button.click()
    assert dialog.job is not None and dialog.job.finished
    rotation = backups.rotation(filled.paths.backups)
    assert len(rotation) == 1 and signal.args[0].path == rotation[0][1]
    manifest = store_backup.read_manifest(rotation[0][1])
    store_backup.verify_archive_members(rotation[0][1], manifest)
    assert manifest["counts"]["mediation_case"] == 2 and len(manifest["files_shared"]) == 2
    assert dialog.table.rowCount() == 1 and "备份完成" in dialog.status.text() and dialog.error.text() == ""


def test_export_to_a_chosen_file_is_self_contained_and_audited(qtbot, filled, director, tmp_path, monkeypatch):
    stick = tmp_path / "U盘"
    stick.mkdir()
    monkeypatch.setattr(BackupDialog, "choose_export_file", classmethod(lambda cls, parent, title, suggested, kinds: stick / "石桥村备份"))
    dialog = BackupDialog(filled, director)
    qtbot.addWidget(dialog)
    dialog.export_button.click()
    _idle(qtbot, dialog)
    out = stick / "石桥村备份.zip"  # .zip added
    assert out.is_file() and dialog.error.text() == ""
    assert is_sealed(out) and not zipfile.is_zipfile(out)  # on the stick: encrypted
    raw = out.read_bytes()
    assert "张三".encode() not in raw and b"SQLite format 3" not in raw and b"PRIVATE KEY" not in raw
    restored = DataPaths(tmp_path / "new-computer")
    restoring.restore(restored, out, secret=BackupSecret(PASSWORD, "secret123"))  # self-contained
    assert len(list(restored.files.glob("*/*"))) == 2
    with filled.engine.connect() as conn:
        entry = conn.execute(text("SELECT actor, data FROM audit_entry WHERE action = 'backup.export'")).one()
    assert entry[0] == director.username and json.loads(entry[1])["file"] == "石桥村备份.zip"


def test_second_folder_is_set_used_and_cleared(qtbot, filled, director, tmp_path, monkeypatch):
    drive = tmp_path / "D盘" / "调解备份"
    drive.parent.mkdir()  # the drive is there; the folder on it is made by the first backup
    choice = [filled.paths.root / "backups"]  # first a folder inside the data folder: refused
    monkeypatch.setattr(BackupDialog, "choose_folder", classmethod(lambda cls, parent, title, start: choice[0]))
    dialog = BackupDialog(filled, director)
    qtbot.addWidget(dialog)
    dialog.second_button.click()
    assert "数据文件夹里面" in dialog.error.text()
    assert backups.second_folder(filled) is None
    choice[0] = drive
    dialog.second_button.click()
    assert backups.second_folder(filled) == drive and str(drive) in dialog.second_label.text()
    with qtbot.waitSignal(dialog.sig_backed_up, timeout=30_000):
        dialog.backup_button.click()
    assert len(backups.rotation(drive)) == 1
    assert dialog.table.rowCount() == 2  # the same backup, here and on the second drive
    places = sorted(dialog.table.item(r, 3).text().split("：")[0] for r in range(2))
    assert places == ["本机", "第二备份位置"]
    assert dialog.clear_second_button.isEnabled()
    dialog.clear_second_button.click()
    assert backups.second_folder(filled) is None and not dialog.clear_second_button.isEnabled()


def test_restore_checks_asks_backs_up_first_restores_exactly_and_closes(qtbot, filled, director, tmp_path,
                                                                       monkeypatch, answers):
    archive = backups.export_backup(filled, tmp_path / "good.zip")
    before = _state(filled.paths)
    _case(filled, director, "钱七", tmp_path)  # a change after the backup ...
    changed = _state(filled.paths)
    assert changed != before
    monkeypatch.setattr(BackupDialog, "choose_backup_file", classmethod(lambda cls, parent, title, start, kinds: archive.path))
    dialog = BackupDialog(filled, director)
    qtbot.addWidget(dialog)
    restored = []
    dialog.sig_restored.connect(restored.append)
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: bool(answers["quit"]) or bool(dialog.error.text()), timeout=60_000)
    assert dialog.error.text() == ""
    question = answers["confirm"][0]
    assert "案件 2 个，附件 2 个" in question and "先自动备份" in question and "另一台电脑" not in question
    assert "恢复码或主任的密码" in answers["asked"][0] and "签名密钥指纹" in question
    assert answers["quit"] == [True] and "程序现在将关闭" in answers["inform"][0]
    assert len(restored) == 1 and restored[0].problems == []
    assert not dialog.restore_button.isEnabled() and not dialog.backup_button.isEnabled()
    assert _state(filled.paths) == before  # exact: every row count, every attachment, the audit chain
    previous = list(filled.paths.backups.glob("before-restore-*.zip"))
    assert len(previous) == 1
    restoring.restore(filled.paths, previous[0])  # what the restore replaced comes back whole
    assert _state(filled.paths) == changed


def test_declining_or_a_bad_file_changes_nothing(qtbot, filled, director, tmp_path, monkeypatch, answers):
    archive = backups.export_backup(filled, tmp_path / "good.zip")
    junk = tmp_path / "照片.zip"
    junk.write_bytes(b"\x89PNG not a backup")
    chosen = [junk]
    monkeypatch.setattr(BackupDialog, "choose_backup_file", classmethod(lambda cls, parent, title, start, kinds: chosen[0]))
    filled.dispose()
    db_bytes = filled.paths.database.read_bytes()
    dialog = BackupDialog(filled, director)
    qtbot.addWidget(dialog)
    dialog.restore_button.click()
    _idle(qtbot, dialog)
    assert "不是调解工作台的备份文件" in dialog.error.text() and answers["confirm"] == []
    chosen[0] = archive.path
    answers["yes"].append(False)
    dialog.restore_button.click()
    _idle(qtbot, dialog)
    assert len(answers["confirm"]) == 1 and "没有恢复" in dialog.status.text()
    assert answers["quit"] == [] and dialog.restore_button.isEnabled()
    filled.dispose()
    assert filled.paths.database.read_bytes() == db_bytes
    assert not list(filled.paths.backups.glob("before-restore-*"))


def test_a_backup_of_another_committee_is_named_as_such(qtbot, filled, director, tmp_path, monkeypatch, answers):
    from mediation_desktop.services.setup import SetupRequest, initialise

    other = open_database(DataPaths(tmp_path / "other"))
    initialise(other, SetupRequest("330102002", "东村人民调解委员会", "village", "admin", "secret123"))
    foreign = backups.export_backup(other, tmp_path / "东村.zip").path
    other.dispose()
    monkeypatch.setattr(BackupDialog, "choose_backup_file", classmethod(lambda cls, parent, title, start, kinds: foreign))
    answers["yes"].append(False)
    dialog = BackupDialog(filled, director)
    qtbot.addWidget(dialog)
    dialog.restore_button.click()
    _idle(qtbot, dialog)
    assert "东村人民调解委员会" in answers["confirm"][0] and "另一台电脑" in answers["confirm"][0]
    answers["yes"].append(True)
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: bool(answers["quit"]) or bool(dialog.error.text()), timeout=60_000)
    assert dialog.error.text() == "" and _state(filled.paths)[0]["mediation_case"] == 0


def test_a_mediator_only_looks(qtbot, filled, director, tmp_path):
    backups.backup_now(filled)
    mediator = Actor("lisi", "李四", Role.MEDIATOR)
    dialog = BackupDialog(filled, mediator)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and "只有主任" in dialog.note.text()
    for button in (dialog.backup_button, dialog.export_button, dialog.restore_button, dialog.second_button,
                   dialog.clear_second_button):
        assert not button.isEnabled()
    dialog.backup_now()  # even when called directly: nothing happens
    dialog.restore()
    assert dialog.job is None and len(backups.rotation(filled.paths.backups)) == 1


def test_restore_works_from_the_signed_in_main_window(qtbot, filled, director, tmp_path, monkeypatch, answers):
    """The window's views share the database: none of them may keep a connection the restore waits on."""
    from mediation_desktop.ui.main_window import MainWindow

    archive = backups.export_backup(filled, tmp_path / "good.zip")
    before = _state(filled.paths)
    _case(filled, director, "钱七", tmp_path)
    window = MainWindow(filled, director)
    qtbot.addWidget(window)
    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.cases.model.rowCount() == 3, timeout=10_000)
    monkeypatch.setattr(BackupDialog, "choose_backup_file", classmethod(lambda cls, parent, title, start, kinds: archive.path))
    dialog = window.backups()  # as the director opens it: the automatic backups stop before the restore
    assert isinstance(dialog, BackupDialog)
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: bool(answers["quit"]) or bool(dialog.error.text()), timeout=60_000)
    assert dialog.error.text() == ""
    assert _state(filled.paths) == before


def test_an_encrypted_backup_asks_for_the_code_or_password_and_a_wrong_one_changes_nothing(
        qtbot, filled, director, tmp_path, monkeypatch, answers):
    from mediation_desktop.services.accounts import issue_recovery_code

    code = issue_recovery_code(filled, director)
    archive = backups.export_backup(filled, tmp_path / "good.zip")
    monkeypatch.setattr(BackupDialog, "choose_backup_file",
                        classmethod(lambda cls, parent, title, start, kinds: archive.path))
    filled.dispose()
    db_bytes = filled.paths.database.read_bytes()
    dialog = BackupDialog(filled, director)
    qtbot.addWidget(dialog)
    answers["secret"].append(None)  # 取消
    dialog.restore_button.click()
    assert dialog.job is None and "没有恢复" in dialog.status.text()
    answers["secret"].append("not-the-password")
    dialog.restore_button.click()
    _idle(qtbot, dialog)
    assert "恢复码或主任密码不对" in dialog.error.text() and answers["confirm"] == []
    filled.dispose()
    assert filled.paths.database.read_bytes() == db_bytes and not list(filled.paths.root.glob(".restore-*"))
    answers["secret"].append(code.lower())  # the recovery code, as typed (case and dashes do not matter)
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: bool(answers["quit"]) or bool(dialog.error.text()), timeout=60_000)
    assert dialog.error.text() == "" and len(answers["asked"]) == 3


def test_a_code_typed_for_an_encrypted_backup_is_not_lost_to_esc(qtbot, filled, director, tmp_path, monkeypatch,
                                                                 type_chinese):
    """The real prompt for the code or password: Esc with something typed asks first, and Esc on the question goes
    back with it kept; Enter then opens the backup with what was typed. Thrown away, nothing is restored."""
    from prompt_steps import LEAVE_QUESTION as asked
    from prompt_steps import prompt_kept_then

    archive = backups.export_backup(filled, tmp_path / "good.zip")
    monkeypatch.setattr(BackupDialog, "choose_backup_file",
                        classmethod(lambda cls, parent, title, start, kinds: archive.path))
    confirmed: list[str] = []  # 用这个备份替换…吗？ 否 (the code typed was right: the backup was opened)
    monkeypatch.setattr(BackupDialog, "confirm", classmethod(lambda cls, parent, text: confirmed.append(text) and False))
    monkeypatch.setattr(BackupDialog, "quit_application", classmethod(lambda cls: confirmed.append("quit")))
    dialog = BackupDialog(filled, director)
    qtbot.addWidget(dialog)
    dialog.show()
    seen: list = []
    prompt_kept_then("secret123", "discard", seen, type_chinese, skip=dialog)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert seen == [asked, (True, "secret123"), asked]
    assert dialog.job is None and "没有恢复" in dialog.status.text()

    seen.clear()
    prompt_kept_then("secret123", "enter", seen, type_chinese, skip=dialog)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert seen == [asked, (True, "secret123")]
    _idle(qtbot, dialog)
    assert dialog.error.text() == "" and len(confirmed) == 1 and "完好" in confirmed[0]  # opened with it
    assert "没有恢复" in dialog.status.text()


def test_the_committees_own_backup_on_a_new_computer_is_called_its_own_and_the_accounts_become_the_backups(
        qtbot, filled, director, tmp_path, monkeypatch, answers):
    """The laptop died: the director sets the program up again on a new computer (a new installation of the same
    committee), signs in with a new password and restores the stick's backup. The question names it the committee's
    own backup from another computer (not another committee's), and the end says the backup's accounts now apply."""
    from mediation_desktop.services.accounts import authenticate
    from mediation_desktop.services.setup import SetupRequest, initialise

    stick = backups.export_backup(filled, tmp_path / "备份.zip").path
    filled.dispose()
    new = open_database(DataPaths(tmp_path / "新电脑"))
    initialise(new, SetupRequest("330102001", "石桥村人民调解委员会", "village", "zhuren", "NewLaptop-2026",
                                 parent_code="330102"))
    monkeypatch.setattr(BackupDialog, "choose_backup_file", classmethod(lambda cls, parent, title, start, kinds: stick))
    dialog = BackupDialog(new, authenticate(new, "zhuren", "NewLaptop-2026"))
    qtbot.addWidget(dialog)
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: bool(answers["quit"]) or bool(dialog.error.text()), timeout=60_000)
    assert dialog.error.text() == ""
    question = answers["confirm"][0]
    assert "这是本调委会在另一台电脑上做的备份" in question and "属于另一台电脑上的调委会" not in question
    assert "刚设置的密码将不能再用" in question
    told = answers["inform"][0]
    assert "账号和密码现在是备份里的" in told and "设置或改过的密码已经不能用了" in told and "：-" not in told
    after = open_database(DataPaths(tmp_path / "新电脑"))
    try:
        assert authenticate(after, "admin", "secret123").username == "admin"  # the backup's director
        with pytest.raises(MediationError):  # the password set on the new computer no longer works
            authenticate(after, "zhuren", "NewLaptop-2026")
    finally:
        after.dispose()


def test_the_list_names_another_committees_archive_and_a_file_that_cannot_be_read(qtbot, filled, director, tmp_path):
    """An archive copied in from another committee, and a junk or cut-short file under a backup's name, were listed
    as 日常备份 like this committee's own; they are told apart before anyone tries to restore them."""
    from cli_runner import run

    from mediation_desktop.services.setup import SetupRequest, initialise

    own = backups.backup_now(filled).path
    other = open_database(DataPaths(tmp_path / "other"))
    initialise(other, SetupRequest("330102002", "东村人民调解委员会", "village", "admin", "secret123"))
    foreign = backups.backup_now(other).path
    other.dispose()
    folder = filled.paths.backups
    (folder / "mediation-backup-20260101-090000+0800.zip").write_bytes(foreign.read_bytes())
    (folder / "mediation-backup-20260102-090000+0800.zip").write_bytes(b"junk!")
    (folder / "mediation-backup-20260103-090000+0800.zip").write_bytes(own.read_bytes()[:4000])  # (cut short)
    dialog = BackupDialog(filled, director)
    qtbot.addWidget(dialog)
    kinds = {dialog.table.item(r, 0).text()[:10]: dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    assert kinds["2026-01-01"] == "其他调委会的备份：东村人民调解委员会（330102002）"
    assert kinds["2026-01-02"] == kinds["2026-01-03"] == "读不出是谁的备份（文件可能不完整或已损坏）"
    assert [k for d, k in kinds.items() if not d.startswith("2026-01-0")] == ["日常备份"]
    listed = run(filled.paths.root, "backup", "--list").stdout.splitlines()  # (the command line says the same)
    unreadable = ["读不出是谁的备份（文件可能不完整或已损坏）"]
    assert [line.split("\t")[3:] for line in listed] == [
        [], unreadable, unreadable, ["其他调委会的备份：东村人民调解委员会（330102002）"]]
