"""The automatic backups while the window is open: one at start, a look every ten minutes, one at close.

``services.backups.backup_if_due`` decides (a backup only when the data changed: at start, at close, or once
the newest is an hour old — so a power cut costs at most about an hour's saved work); this object only runs it
on a worker thread, one at a time, so typing never waits for a backup, and never lets a failure reach the
window as anything louder than a status-bar line (``sig_message``) and a line in ``logs/backup.log``. A
missed backup is retried at the next look. A look while nothing is due only reads the folder's file names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from mediation_desktop.domain.china_time import CHINA, in_china
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr as message  # (not Qt's tr: a service message key)
from mediation_desktop.services import backups
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.common.jobs import Job, JobCancelled, idle_work, wait_for

LOOK_MS = 10 * 60 * 1000


def china_now() -> dt.datetime:
    return dt.datetime.now(CHINA)


class BackupSchedule(QObject):
    sig_message = Signal(str)
    """One quiet line for the status bar: a backup was made, or why it was not."""
    sig_backed_up = Signal(object)
    """A ``services.backups.BackupReport`` for each automatic backup made."""

    def __init__(self, db: Database, parent: QObject | None = None, *, interval_ms: int = LOOK_MS,
                 clock: Callable[[], dt.datetime] = china_now) -> None:
        super().__init__(parent)
        self.db = db
        self.clock = clock
        self.job: Job | None = None
        self.stopped = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(lambda: self.check())

    def start(self) -> None:
        """The start-up backup now (in the background), then a look every ten minutes. Calling it again is
        harmless."""
        if self.stopped or self.timer.isActive():
            return
        self.timer.start()
        self.check(at_start=True)

    def stop(self) -> None:
        """No more backups (before a restore, or when the window closes); waits for one that is running."""
        self.stopped = True
        self.timer.stop()
        wait_for(self.job)

    def busy(self) -> bool:
        return self.job is not None and not self.job.finished

    def check(self, *, at_start: bool = False, at_close: bool = False) -> Job | None:
        """Run ``backup_if_due`` on a worker thread unless one is already running; returns its job. ``at_close``:
        the window is closing — the day's work is backed up if it changed (the window waits for it)."""
        if self.stopped or self.busy():
            return None
        db, now = self.db, self.clock()
        job = Job(None, "", lambda _progress: backups.backup_if_due(db, now=now, at_start=at_start,
                                                                     at_close=at_close), quiet=True)
        job.sig_finished.connect(lambda result, error: self._finished(job, result, error, now))
        self.job = job
        job.start()
        return job

    def _finished(self, job: Job, result: Any, error: BaseException | None, started: dt.datetime) -> None:
        job.worker.work = idle_work  # drop the closure on this thread, now
        try:
            if error is not None:
                self._failed(error)
            elif isinstance(result, backups.BackupReport):
                self._made(result, started)
        except Exception as exc:  # a report that cannot even be shown must not crash the window
            backups.log_event(self.db.paths, f"automatic backup: could not report: {exc!r}")

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, JobCancelled):
            return
        if isinstance(error, MediationError):
            explained: MediationError | None = error
        else:
            explained = backups.explain_storage_error(error)
        if explained is not None:
            detail = logged = message(explained.key, **explained.params)
        else:  # a program error: its name on the line, the whole of it in the log
            detail = message("backup.auto_unexpected", kind=type(error).__name__)
            logged = f"{type(error).__name__}: {error}"
        backups.log_event(self.db.paths, f"automatic backup failed: {logged}")
        self.sig_message.emit(message("backup.auto_failed", detail=detail))

    def _made(self, report: backups.BackupReport, started: dt.datetime) -> None:
        backups.log_event(self.db.paths, f"automatic backup made: {report.path.name}")
        line = message("backup.auto_done", time=f"{in_china(started):%H:%M}")  # (China's clock, as the name's)
        if report.second_error is not None:
            second = message(report.second_error.key, **report.second_error.params)
            backups.log_event(self.db.paths, f"second copy failed: {second}")
            line += " " + second
        self.sig_backed_up.emit(report)
        self.sig_message.emit(line)
