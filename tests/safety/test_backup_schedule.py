"""The window's automatic backups: one at start, an hourly one from the looks, one at close, failures told quietly."""

from __future__ import annotations

import datetime as dt

from mediation_desktop.services import backups
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage import backup as store_backup
from mediation_desktop.ui.admin.backup_schedule import BackupSchedule

START = dt.datetime(2026, 5, 4, 8, 0)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now


def _run(qtbot, schedule: BackupSchedule, *, at_start: bool = False,
         at_close: bool = False) -> tuple[object, list[str]]:
    said: list[str] = []
    schedule.sig_message.connect(said.append)
    job = schedule.check(at_start=at_start, at_close=at_close)
    assert job is not None
    qtbot.waitUntil(lambda: job.finished, timeout=30_000)
    qtbot.wait(10)  # let the finished-handler's signals through
    schedule.sig_message.disconnect(said.append)
    return job, said


def _china(moment: dt.datetime) -> str:
    """A time of the computer's clock as the status line shows it: China's (08:00 on a laptop left on UTC is 16:00
    in the mediation room)."""
    from mediation_desktop.domain.china_time import in_china

    return f"{in_china(moment.astimezone()):%H:%M}"


def _log(db) -> str:
    path = db.paths.root / "logs" / backups.BACKUP_LOG
    return path.read_text(encoding="utf-8") if path.exists() else ""


def test_start_then_hourly_and_at_close_only_when_changed(qtbot, db, director):
    clock = Clock()
    schedule = BackupSchedule(db, clock=clock)
    said: list[str] = []
    schedule.sig_message.connect(said.append)
    schedule.start()
    qtbot.waitUntil(lambda: schedule.job is not None and schedule.job.finished, timeout=30_000)
    qtbot.waitUntil(lambda: bool(said), timeout=5_000)
    assert schedule.timer.isActive() and schedule.timer.interval() == 10 * 60 * 1000
    first = backups.rotation(db.paths.backups)
    assert len(first) == 1 and said == [f"已自动备份（{_china(clock.now)}）。"] and first[0][1].name in _log(db)
    store_backup.verify_archive_members(first[0][1], store_backup.read_manifest(first[0][1]))

    clock.now += dt.timedelta(hours=2)
    job, said = _run(qtbot, schedule)
    assert job.result is None and said == []  # nothing changed
    register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")]))
    job, said = _run(qtbot, schedule, at_close=True)  # the window closes: the change is backed up at once
    assert isinstance(job.result, backups.BackupReport) and said == [f"已自动备份（{_china(clock.now)}）。"]
    register_case(db, director, CaseInput("neighbour", [PartyInput("王五"), PartyInput("李四")]))
    clock.now += dt.timedelta(minutes=50)
    job, said = _run(qtbot, schedule)
    assert job.result is None and said == []  # changed, but the newest backup is not an hour old
    clock.now += dt.timedelta(minutes=10)
    job, said = _run(qtbot, schedule)
    assert isinstance(job.result, backups.BackupReport) and said == [f"已自动备份（{_china(clock.now)}）。"]
    assert len(backups.rotation(db.paths.backups)) == 3
    schedule.stop()
    assert not schedule.timer.isActive() and schedule.check() is None


def test_a_failure_is_a_quiet_line_and_a_log_entry_and_the_next_look_retries(qtbot, db, monkeypatch):
    schedule = BackupSchedule(db, clock=Clock())
    with store_backup.folder_lock(db.paths.backups):  # another backup (the CLI's) is running
        job, said = _run(qtbot, schedule, at_start=True)
    assert job.result is None and said == ["自动备份没有做成：另一个备份正在进行，请稍后再试。"]
    assert "automatic backup failed" in _log(db) and backups.rotation(db.paths.backups) == []

    def broken(*_a, **_k):
        raise RuntimeError("unexpected")

    monkeypatch.setattr(backups, "backup_if_due", broken)
    job, said = _run(qtbot, schedule, at_start=True)
    assert said == ["自动备份没有做成：程序出错了（内部错误 RuntimeError），详细情况已记在备份日志里"]
    assert "automatic backup failed: RuntimeError: unexpected" in _log(db)
    monkeypatch.undo()
    job, said = _run(qtbot, schedule, at_start=True)
    assert isinstance(job.result, backups.BackupReport) and len(backups.rotation(db.paths.backups)) == 1


def test_the_timer_drives_the_check_one_at_a_time(qtbot, db, monkeypatch):
    calls: list[tuple[dt.datetime, bool]] = []

    def due(_db, *, now, at_start=False, at_close=False):
        calls.append((now, at_start))
        return None

    monkeypatch.setattr(backups, "backup_if_due", due)
    schedule = BackupSchedule(db, interval_ms=20, clock=Clock())
    schedule.start()
    schedule.start()  # a second start does not start a second round
    qtbot.waitUntil(lambda: len(calls) >= 3, timeout=5_000)
    schedule.stop()
    qtbot.wait(100)
    seen = len(calls)
    qtbot.wait(100)
    assert len(calls) == seen, "stopped means stopped"
    assert calls[0][1] is True and all(not at_start for _, at_start in calls[1:])
