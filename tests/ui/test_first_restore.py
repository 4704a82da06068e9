"""A new computer takes the committee back from its backup at first start (「从备份恢复…」 on the set-up dialog):
before, the director had to set up a new committee with a new password only to reach 数据备份, and the restore then
called the committee's own backup "another computer's" and replaced the password just chosen."""

from __future__ import annotations

from pathlib import Path

import pytest
from attachment_samples import JPEG_HEAD
from sqlalchemy import func, select

from mediation_desktop.domain.enums import AttachmentKind, PartyRole
from mediation_desktop.paths import DataPaths
from mediation_desktop.services import backups
from mediation_desktop.services.accounts import authenticate
from mediation_desktop.services.attachments import add_attachment
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.database import open_database
from mediation_desktop.storage.filestore import FileStore
from mediation_desktop.storage.models import Attachment, Case
from mediation_desktop.ui.admin.backup_dialog import BackupDialog
from mediation_desktop.ui.start.setup_dialog import SetupDialog


@pytest.fixture
def stick_backup(db, director, tmp_path: Path) -> Path:
    """The old computer's committee (two cases, a scan) backed up to a stick: encrypted."""
    for name in ("张三", "王五"):
        reg = register_case(db, director, CaseInput("neighbour", [PartyInput(name), PartyInput(
            "李四", role=PartyRole.RESPONDENT)], summary=f"{name}的宅基地纠纷"))
    scan = tmp_path / "协议书.jpg"
    scan.write_bytes(JPEG_HEAD + "签字的协议书 ".encode() * 400)
    add_attachment(db, director, reg.case_id, scan, kind=AttachmentKind.SIGNED_AGREEMENT)
    out = tmp_path / "stick" / "石桥村备份.zip"
    out.parent.mkdir()
    backups.export_backup(db, out)
    return out


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch, stick_backup: Path) -> dict[str, list]:
    seen: dict[str, list] = {"confirm": [], "inform": [], "secret": ["secret123"], "yes": [True]}
    monkeypatch.setattr(BackupDialog, "choose_backup_file",
                        classmethod(lambda cls, parent, title, start, kinds: stick_backup))
    monkeypatch.setattr(BackupDialog, "ask_secret", classmethod(lambda cls, parent, title, q: seen["secret"][-1]))
    monkeypatch.setattr(BackupDialog, "confirm",
                        classmethod(lambda cls, parent, q: seen["confirm"].append(q) or seen["yes"][-1]))
    monkeypatch.setattr(BackupDialog, "inform", classmethod(lambda cls, parent, t: seen["inform"].append(t)))
    return seen


def _new_computer(tmp_path: Path):
    return open_database(DataPaths(tmp_path / "new-computer"))


def test_a_new_computer_restores_the_committee_at_first_start(qtbot, tmp_path, answers):
    db = _new_computer(tmp_path)
    dialog = SetupDialog(db)
    qtbot.addWidget(dialog)
    assert dialog.restore_button.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.accepted, timeout=60_000):
        dialog.restore_button.click()
    assert dialog.restored is not None and dialog.error.text() == ""
    (question,) = answers["confirm"]
    assert "石桥村人民调解委员会（330102001）" in question and "案件 2 个，附件 1 个" in question
    assert "另一台电脑" not in question  # (it is the committee's own backup)
    assert "原来电脑上用的" in question and "请用做这个备份时的用户名和密码登录" in answers["inform"][0]
    db.dispose()
    restored = open_database(DataPaths(tmp_path / "new-computer"))
    try:
        assert restored.is_initialised()
        assert authenticate(restored, "admin", "secret123").username == "admin"  # the old computer's password
        with restored.read_session() as s:
            assert s.scalar(select(func.count()).select_from(Case)) == 2
            sha = s.scalar(select(Attachment.sha256))
        assert FileStore(restored.paths.files).read(sha).startswith(JPEG_HEAD)
    finally:
        restored.dispose()


def test_a_wrong_code_or_a_no_changes_nothing_and_setting_up_still_works(qtbot, tmp_path, answers):
    db = _new_computer(tmp_path)
    dialog = SetupDialog(db)
    qtbot.addWidget(dialog)
    answers["secret"].append("not-the-password")
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: dialog.job is not None and dialog.job.finished and dialog.isEnabled(), timeout=60_000)
    assert "恢复码或主任密码不对" in dialog.error.text() and dialog.restored is None
    assert not db.is_initialised() and answers["confirm"] == []
    answers["secret"].append("secret123")
    answers["yes"].append(False)  # shown what it holds, the director says no
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: len(answers["confirm"]) == 1 and dialog.isEnabled(), timeout=60_000)
    assert dialog.restored is None and not db.is_initialised()
    assert dialog.result() != SetupDialog.DialogCode.Accepted
    db.dispose()
