"""Long work runs off the UI thread, reports progress, and stops cleanly when cancelled."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from mediation_desktop.services import demo
from mediation_desktop.services.health import check
from mediation_desktop.storage.models import Case
from mediation_desktop.ui.common.jobs import Job, JobCancelled


def test_job_runs_off_the_ui_thread_with_progress(qtbot, db):
    seen, threads = [], []

    def work(progress):
        threads.append(threading.current_thread())
        return demo.generate(db, count=300, batch_size=100, progress=lambda d, t: (seen.append(d), progress(d, t)))

    job = Job(None, "载入", work)
    with qtbot.waitSignal(job.sig_finished, timeout=30_000):
        job.start()
    assert (job.result, job.error) == (300, None)
    assert threads[0] is not threading.main_thread()
    assert seen == [100, 200, 300]


def test_cancel_stops_at_a_whole_batch(qtbot, db):
    def work(progress):
        def step(done, total):
            progress(done, total)
            if done == 100:
                job.cancel()  # as if 取消 was pressed after the first batch
        return demo.generate(db, count=1000, batch_size=100, progress=step)

    job = Job(None, "载入", work)
    with qtbot.waitSignal(job.sig_finished, timeout=30_000):
        job.start()
    assert isinstance(job.error, JobCancelled)
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Case)) in (100, 200)  # whole batches only
    assert check(db) == []


def test_after_the_last_step_the_dialog_stays_busy_without_cancel(qtbot):
    from PySide6.QtWidgets import QPushButton, QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    last, finish = threading.Event(), threading.Event()

    def work(progress):
        progress(1, 3)
        progress(3, 3)  # the last point where it could stop; now a long commit or a write to the stick
        last.set()
        assert finish.wait(20)
        return "done"

    job = Job(parent, "正在导入…", work)
    job.start()
    qtbot.waitUntil(last.is_set, timeout=5_000)
    dialog = job.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)  # up until the work ends, not hidden at 100 %
    qtbot.wait(50)
    assert dialog.isVisible() and (dialog.minimum(), dialog.maximum()) == (0, 0)
    assert dialog.labelText() == "正在完成，请稍候…" and dialog.findChild(QPushButton) is None
    with qtbot.waitSignal(job.sig_finished, timeout=10_000):
        finish.set()
    assert job.result == "done" and not dialog.isVisible()


EXIT_RIGHT_AFTER_SIGN_IN = """
import sys, pathlib
from PySide6.QtWidgets import QApplication
app = QApplication([])
from mediation_desktop.domain.enums import Role
from mediation_desktop.paths import DataPaths
from mediation_desktop.services.accounts import Actor
from mediation_desktop.storage.database import open_database
from mediation_desktop.ui.main_window import MainWindow
window = MainWindow(open_database(DataPaths(pathlib.Path(sys.argv[1]))))
window.show()
window.sign_in(Actor("admin", "admin", Role.DIRECTOR))  # the list, today view and backup start working …
print("signed in", flush=True)
"""  # … and the program ends at once, as when the window is closed right after signing in


def test_exit_while_background_work_runs_is_clean(db, director):
    """A program that ends while its background readers and the automatic backup still run waits for
    them (a QThread destroyed while running aborts the process: a crash report on Windows)."""
    import os
    import subprocess
    import sys

    demo.generate(db, count=400, seed=1)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", EXIT_RIGHT_AFTER_SIGN_IN, str(db.paths.root)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert "signed in" in result.stdout, result.stderr
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Destroyed while thread" not in result.stderr
