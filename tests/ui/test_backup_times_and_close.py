"""The window's backups on China's clock, and the day's work backed up when the window closes.

数据备份's list shows every backup at the time it was made in China — also one named by an older version on a
laptop then left on UTC (its name says 06:00 for a backup made at 14:00) — and the restore question says the
same time. Closing the program backs up what changed since the newest backup (a mediator switching off at the
end of the day expects the day's work in a backup), and nothing when nothing changed."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import windows_facts

from mediation_desktop.domain.china_time import typed_in_china
from mediation_desktop.services import backups
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage import backup as store_backup
from mediation_desktop.ui.admin.backup_dialog import BackupDialog
from mediation_desktop.ui.main_window import MainWindow

AT_15 = typed_in_china(2026, 3, 10, 15, 0)


@pytest.fixture
def computer_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    zone = request.param
    saved = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        yield zone
    finally:
        if saved is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = saved
        time.tzset()


def _work(db, director, name: str) -> None:
    register_case(db, director, CaseInput("neighbour", [PartyInput(name), PartyInput("李四")]))


@windows_facts.no_tzset
@pytest.mark.parametrize("computer_zone", ["UTC", "Asia/Shanghai"], indirect=True)
def test_the_list_and_the_restore_question_say_chinas_time(qtbot, db, director, computer_zone, monkeypatch):
    morning = backups.backup_now(db, now=AT_15 - dt.timedelta(hours=5)).path  # 10:00
    _work(db, director, "张三")
    made = backups.backup_now(db, now=AT_15 - dt.timedelta(hours=1)).path  # 14:00, named as an older version did
    older = made.with_name("mediation-backup-20260310-060000.zip")  # on a laptop then left on UTC
    made.rename(older)
    _work(db, director, "王五")
    afternoon = backups.backup_now(db, now=AT_15).path
    dialog = BackupDialog(db, director)
    qtbot.addWidget(dialog)
    shown = [(dialog.table.item(row, 0).text(), Path(dialog.table.item(row, 0).toolTip()).name)
             for row in range(dialog.table.rowCount())]
    assert shown == [("2026-03-10 15:00", afternoon.name), ("2026-03-10 14:00", older.name),
                     ("2026-03-10 10:00", morning.name)]
    assert afternoon.name.endswith("-20260310-150000+0800.zip")

    asked: list[str] = []
    monkeypatch.setattr(BackupDialog, "choose_backup_file", classmethod(lambda cls, parent, title, start, kinds: start))
    monkeypatch.setattr(BackupDialog, "confirm", classmethod(lambda cls, parent, text: asked.append(text) and False))
    dialog.table.selectRow(1)
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: bool(asked), timeout=30_000)
    assert "备份时间：2026-03-10 14:00" in asked[0] and older.name in asked[0]
    assert "没有恢复" in dialog.status.text()


def test_closing_the_window_backs_up_the_days_work(qtbot, db, director):
    _work(db, director, "张三")
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    window.show()
    schedule = window.backup_schedule
    assert schedule is not None
    qtbot.waitUntil(lambda: schedule.job is not None and schedule.job.finished, timeout=30_000)
    first = backups.rotation(db.paths.backups)
    assert len(first) == 1
    _work(db, director, "王五")  # the afternoon's work, a few minutes after the start-up backup
    window.close()  # waits for the backup (the window's note says so)
    after = backups.rotation(db.paths.backups)
    assert len(after) == 2 and after[1] == first[0]
    assert store_backup.read_manifest(after[0][1])["counts"]["mediation_case"] == 2


def test_closing_with_nothing_changed_makes_no_backup(qtbot, db, director):
    _work(db, director, "张三")
    backups.backup_now(db)
    before = backups.rotation(db.paths.backups)
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    window.show()
    schedule = window.backup_schedule
    assert schedule is not None
    qtbot.waitUntil(lambda: schedule.job is not None and schedule.job.finished, timeout=30_000)
    window.close()
    assert backups.rotation(db.paths.backups) == before
