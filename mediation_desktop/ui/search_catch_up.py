"""Imported cases made searchable in the background (``services.search_backlog.index_backlog``).

An import lists its new and changed cases for the search index and commits at once; this object indexes
them on a worker thread, a batch per transaction, after an import and after sign-in (a power cut in the
middle leaves the rest listed). Until a case is indexed, search finds it by its text, not by pinyin. The
window hears a status-bar line (``sig_message``) and ``sig_done`` when every case is indexed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr as message  # (not Qt's tr: a service message key)
from mediation_desktop.services import search_backlog
from mediation_desktop.services.backups import explain_storage_error
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.jobs import Job, JobCancelled, Progress, idle_work, wait_for


class SearchCatchUp(QObject):
    sig_message = Signal(str)
    """One line for the status bar: indexing started, done, or why it failed."""
    sig_done = Signal(int)
    """Cases indexed, once the backlog is empty."""
    sig_waiting = Signal(bool)
    """True when imported cases are found waiting (indexing starts), False when this run ends."""

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.job: Job | None = None
        self.again = False  # asked to start while running: look once more when this run ends
        self.stopped = False  # the window is closing: nothing starts any more

    def busy(self) -> bool:
        return self.job is not None and not self.job.finished

    def start(self) -> Job | None:
        """Index whatever waits (nothing, usually: one key lookup on the worker thread)."""
        if self.stopped:
            return None
        if self.busy():
            self.again = True
            return None
        self.again = False
        db = self.db

        def work(progress: Progress) -> int:
            waiting = search_backlog.backlog_size(db)
            if waiting:
                progress(0, waiting)
            return search_backlog.index_backlog(db, progress=progress)

        job = Job(None, "", work, quiet=True)
        job.worker.sig_progress.connect(self._progress)
        job.sig_finished.connect(lambda result, error: self._finished(job, result, error))
        self.job = job
        job.start()
        return job

    def stop(self) -> None:
        """Stop after the batch in hand (its transaction ends whole); the rest is indexed another time."""
        self.stopped, self.again = True, False
        if self.job is not None:
            self.job.cancel()
            wait_for(self.job)

    def _progress(self, done: int, total: int) -> None:
        """After each batch: the status bar counts on (a 100,000-case import takes a minute or two)."""
        if done == 0:
            self.sig_waiting.emit(True)
            self.sig_message.emit(message("sync.indexing", count=total))
        elif done < total:
            self.sig_message.emit(message("sync.indexing_progress", done=done, total=total))

    def _finished(self, job: Job, result: Any, error: BaseException | None) -> None:
        job.worker.work = idle_work
        self.sig_waiting.emit(False)
        if error is not None:
            if not isinstance(error, JobCancelled):
                explained = error if isinstance(error, MediationError) else explain_storage_error(error)
                detail = message(explained.key, **explained.params) if explained is not None else \
                    type(error).__name__
                self.sig_message.emit(message("sync.index_failed", detail=detail))
        elif result:
            self.sig_message.emit(message("sync.indexed", count=result))
            self.sig_done.emit(int(result))
        if self.again:
            self.start()
