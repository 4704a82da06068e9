"""Benchmark: 待办's 显示更多 as a person feels it — how long the window stops answering per click.

Before, the click read the next page on the window's thread (the handler is re-enacted here as it was:
``today_view(…, offset=shown, counts=False)``, then the rows appended); now ``TodayView.show_more`` reads it on
a worker thread (``ui.common.jobs``). Both run on the same view and database, alternating, in one process; each
round lists the first page again and then clicks the real button for the next ``--pages`` pages. For each click:

* ``click``: the time the click itself holds the window's thread;
* ``stall``: the longest gap between ticks of a 5 ms timer on the window's thread from the click until the page
  is listed (what the window freezes for);
* ``page``: from the click until the page is listed.

    .venv/bin/python bench/today_more.py --url postgresql+psycopg://…/hub   # a hub kept by pg_hub.py --hub-url
    .venv/bin/python bench/today_more.py --sqlite-cases 20000 [--work DIR]  # demo cases on SQLite (kept in DIR)
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import statistics as stats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from today_view import TODAY, sqlite_db  # noqa: E402

from mediation_desktop.paths import DataPaths  # noqa: E402
from mediation_desktop.services.today import today_view  # noqa: E402
from mediation_desktop.storage.database import Database, open_database  # noqa: E402


def before(view: object) -> Callable[[], None]:
    """The handler as it was: the next page read on the window's thread."""
    from mediation_desktop.ui.desk.today_view import TodayView

    assert isinstance(view, TodayView)

    def show_more() -> None:
        shown = view.model.rowCount()
        if shown >= view._page.total:
            return
        more = today_view(view.db, today=view._today, viewer=view.viewer, limit=view.page_size, offset=shown,
                          counts=False)
        view.model.append_items(more.items)
        view._show_counts()
        view.fit_columns()

    return show_more


def click(app: object, view: object) -> tuple[float, float, float]:
    """One click on 显示更多, waited out in the window's event loop: (click, stall, page) in ms."""
    from PySide6.QtCore import QEventLoop, QTimer

    from mediation_desktop.ui.desk.today_view import TodayView

    assert isinstance(view, TodayView)
    rows = view.model.rowCount()
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    loop = QEventLoop()
    done = QTimer()
    done.setInterval(1)
    done.timeout.connect(lambda: loop.quit() if view.model.rowCount() > rows and not view.is_reading_more() else None)
    timer.start()
    started = time.perf_counter()
    view.more_button.click()
    clicked = time.perf_counter()
    if view.model.rowCount() == rows or view.is_reading_more():
        done.start()
        loop.exec()
    listed = time.perf_counter()
    timer.stop()
    done.stop()
    marks = [started, *ticks, listed]
    stall = max(b - a for a, b in itertools.pairwise(marks))
    return (clicked - started) * 1000, stall * 1000, (listed - started) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default=None, help="a kept PostgreSQL hub (pg_hub.py --hub-url)")
    ap.add_argument("--sqlite-cases", type=int, default=20_000)
    ap.add_argument("--work", default=str(HERE / "results" / "today"), help="SQLite demo databases kept here")
    ap.add_argument("--rounds", type=int, default=5, help="rounds of each way, alternating")
    ap.add_argument("--pages", type=int, default=2, help="clicks on 显示更多 per round")
    args = ap.parse_args()

    from PySide6.QtWidgets import QApplication

    from mediation_desktop.ui.desk.today_view import TodayView

    app = QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        if args.url:
            db: Database = open_database(DataPaths(Path(tmp) / "hub"), args.url)
            where = "PostgreSQL hub"
        else:
            Path(args.work).mkdir(parents=True, exist_ok=True)
            db, where = sqlite_db(Path(args.work), args.sqlite_cases), f"SQLite, {args.sqlite_cases:,} demo cases"
        view = TodayView(db, load=False)
        view.resize(1366, 700)
        view.show()
        old = before(view)
        ways: dict[str, list[tuple[float, float, float]]] = {"before": [], "after": []}
        total = 0
        for n in range(2 * args.rounds):
            way = "before" if n % 2 == 0 else "after"
            view.more_button.clicked.disconnect()
            view.more_button.clicked.connect(old if way == "before" else view.show_more)
            view.refresh(today=TODAY)
            total = view._page.total
            for _ in range(args.pages):
                ways[way].append(click(app, view))
            print(f"  round {n // 2 + 1} {way}: " + ", ".join(
                f"click {c:,.0f} / stall {s:,.0f} / page {p:,.0f} ms" for c, s, p in ways[way][-args.pages:]),
                flush=True)
        db.dispose()
    print(f"{where}, today {TODAY.isoformat()} ({dt.date.today().isoformat()} here): {total:,} items; "
          f"{args.rounds} rounds of each way, {args.pages} further pages each, medians:")
    for way, runs in ways.items():
        c, s, p = (stats.median(r[i] for r in runs) for i in range(3))
        print(f"  {way:6}: click {c:,.0f} ms, longest stall {s:,.0f} ms, page listed after {p:,.0f} ms "
              f"(worst stall {max(r[1] for r in runs):,.0f} ms)")


if __name__ == "__main__":
    main()
