"""Long work off the UI thread (loading demo cases, later imports and exports) with progress and 取消.

The work function gets a ``progress(done, total)`` callback; after 取消 the next call raises
``JobCancelled``, so the work stops at its next step boundary (a whole committed batch, never half).
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from mediation_desktop.errors import MediationError

Progress = Callable[[int, int], None]


class JobCancelled(Exception):
    """The user pressed 取消."""


class _Worker(QObject):
    sig_progress = Signal(int, int)
    sig_done = Signal(object, object)  # result, error

    def __init__(self, work: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.work = work
        self.cancel = threading.Event()

    def _progress(self, done: int, total: int) -> None:
        if self.cancel.is_set():
            raise JobCancelled
        self.sig_progress.emit(done, total)

    def run(self) -> None:
        try:
            result = self.work(self._progress)
        except (JobCancelled, MediationError) as exc:
            self.sig_done.emit(None, exc)
        except Exception as exc:  # reported to the UI thread, which shows one clear line
            self.sig_done.emit(None, exc)
        else:
            self.sig_done.emit(result, None)


class Job(QObject):
    sig_finished = Signal(object, object)
    """(result, error): error is None on success, a JobCancelled after 取消, or the exception."""

    def __init__(self, parent: QWidget | None, title: str, work: Callable[[Progress], Any], *,
                 quiet: bool = False) -> None:
        """``quiet``: background reading the window does not wait for (no progress dialog)."""
        super().__init__(parent)
        self._thread = QThread()
        self.worker = _Worker(work)
        self.worker.moveToThread(self._thread)
        self.dialog: QProgressDialog | None = None
        if not quiet:
            self.dialog = QProgressDialog(title, self.tr("取消"), 0, 0, parent)
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(300)
            self.dialog.canceled.connect(self.worker.cancel.set)
        self.worker.sig_progress.connect(self._progress)
        self.worker.sig_done.connect(self._done)
        self._thread.started.connect(self.worker.run)
        self.result: Any = None
        self.error: BaseException | None = None
        self.finished = False

    def start(self) -> Job:
        keep(self)  # its thread is ended before the program exits, whoever started it
        self._thread.start()
        return self

    def cancel(self) -> None:
        self.worker.cancel.set()

    def _progress(self, done: int, total: int) -> None:
        if self.dialog is None:
            return
        if done >= total:  # the last step: nothing stops the work now, but it may still take a while (a commit,
            # a file written to a USB stick) — the dialog stays up, busy, without its 取消
            self.dialog.setRange(0, 0)
            self.dialog.setCancelButton(None)
            self.dialog.setLabelText(self.tr("正在完成，请稍候…"))
            return
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def _done(self, result: Any, error: BaseException | None) -> None:
        self._thread.quit()
        self._thread.wait()
        if self.dialog is not None:
            self.dialog.reset()
        self.result, self.error, self.finished = result, error, True
        self.sig_finished.emit(result, error)


def idle_work(_progress: Any) -> None:
    """What a finished job's worker holds instead of its work (which kept the page alive in a cycle)."""
    return None


_KEPT: list[Job] = []


def keep(job: Job) -> Job:
    """Hold every job until its thread has really ended.

    A job's QThread has no Qt parent, so it lives as long as its Python wrapper; if the garbage collector
    (on whatever thread it happens to run) frees that wrapper while the thread still runs, Qt aborts the
    whole program. And a job whose window went away while it ran never hears that its work ended, so
    its thread idles on. Jobs are kept here, such orphans are ended, and a job is let go only once its
    thread is finished; at exit every thread still kept is ended first.
    """
    if not _KEPT:
        atexit.register(end_all_jobs)
    still: list[Job] = []
    for j in _KEPT:
        if not shiboken6.isValid(j):  # its window is gone: nobody will quit its thread
            _end_thread(j)
        elif not (j.finished and _thread_done(j)):
            still.append(j)
    _KEPT[:] = still if any(j is job for j in still) else [*still, job]
    return job


def end_all_jobs() -> None:
    """End every kept job's thread (at exit: a QThread destroyed while running aborts the program)."""
    for j in _KEPT:
        _end_thread(j)
    _KEPT.clear()


def _end_thread(job: Job) -> None:
    thread = getattr(job, "_thread", None)
    if thread is not None and shiboken6.isValid(thread):
        job.worker.cancel.set()
        thread.quit()
        thread.wait()


def _thread_done(job: Job) -> bool:
    thread = getattr(job, "_thread", None)
    return thread is None or not shiboken6.isValid(thread) or bool(thread.isFinished())


def wait_for(job: Job | None) -> None:
    """Block until ``job``'s worker thread has ended (a QThread destroyed while running aborts Qt).

    The thread runs an event loop after the work returns, until the job's own quit on the UI thread;
    so quit it here first, or the wait would never end.
    """
    if job is not None and not job.finished:
        _end_thread(job)
