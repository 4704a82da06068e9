"""Long work runs off the UI thread, reports progress, and stops cleanly when cancelled."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from mediation_desktop.services import demo
from mediation_desktop.services.health import check
from mediation_desktop.storage.models import Case
from mediation_desktop.ui.jobs import Job, JobCancelled


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
