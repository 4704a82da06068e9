"""数据备份 → 恢复 in the window with a forged backup (a row edited, the manifest re-signed with the key inside):
the check before the question refuses it, with the problem named, and the database keeps every byte."""

from __future__ import annotations

import shutil
from pathlib import Path

from forged_backups import RENAME_PARTY, forge

from mediation_desktop.domain.enums import PartyRole
from mediation_desktop.services import backups
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.ui.admin.backup_dialog import BackupDialog


def test_a_forged_backup_is_refused_before_the_question_and_changes_nothing(qtbot, db, director, tmp_path,
                                                                           monkeypatch):
    register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四", role=PartyRole.RESPONDENT)],
                                          summary="张三与李四的宅基地纠纷"))
    report = backups.export_backup(db, db.paths.root / "plain.zip")  # (inside the data folder: a plain zip)
    archive = Path(shutil.move(report.path, tmp_path / "good.zip"))
    forged = forge(archive, tmp_path / "forged.zip", sql=RENAME_PARTY)
    asked: list[str] = []
    monkeypatch.setattr(BackupDialog, "choose_backup_file", classmethod(lambda cls, parent, title, start, kinds: forged))
    monkeypatch.setattr(BackupDialog, "confirm", classmethod(lambda cls, parent, question: asked.append(question) or True))
    monkeypatch.setattr(BackupDialog, "quit_application", classmethod(lambda cls: asked.append("quit")))
    monkeypatch.setattr(BackupDialog, "inform", classmethod(lambda cls, parent, told: asked.append(told)))
    db.dispose()
    db_bytes = db.paths.database.read_bytes()
    dialog = BackupDialog(db, director)
    qtbot.addWidget(dialog)
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: bool(dialog.error.text()) or "quit" in asked, timeout=60_000)
    assert "表 party 的记录" in dialog.error.text() and "被改动过" in dialog.error.text()
    assert "不能恢复" in dialog.error.text() and asked == []
    db.dispose()
    assert db.paths.database.read_bytes() == db_bytes
    assert not list(db.paths.backups.glob("before-restore-*"))
