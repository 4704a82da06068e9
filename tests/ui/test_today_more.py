"""待办's 显示更多 reads the next page on a worker thread, as the first page is read: at a hub a page takes
seconds, and the window must not freeze meanwhile. The button waits (disabled, 正在读取…) and a second click
reads nothing more; the page is appended in the order and with the counts ``services.today.today_view`` gives;
a failed read is one line under the list; a refresh, a sign-out or closing the window while it reads is safe.

The read is held on a gate (an event the test sets) so that what the window does meanwhile can be looked at."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from mediation_desktop.paths import DataPaths
from mediation_desktop.services import demo
from mediation_desktop.services.accounts import Actor, authenticate
from mediation_desktop.services.setup import SetupRequest, initialise
from mediation_desktop.services.today import PAGE_SIZE, TodayItem, today_items, today_view
from mediation_desktop.storage.database import Database, open_database
from mediation_desktop.storage.models.audit import AuditEntry
from mediation_desktop.ui.common import jobs, language
from mediation_desktop.ui.desk import today_view as today_page
from mediation_desktop.ui.main_window import MainWindow

# (its own village: a module-scoped database cannot take the root conftest's, whose module name "conftest" is
# tests/ui/conftest.py's too, whichever was imported last)
VILLAGE = SetupRequest("330102001", "石桥村人民调解委员会", "village", "admin", "secret123", parent_code="330102",
                       admin_display_name="王建国")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A village with enough demo cases for more than two pages of 待办 (SQLite, through the migrations)."""
    db = open_database(DataPaths(Path(tmp_path_factory.mktemp("today-more")) / "data"))
    initialise(db, VILLAGE)
    demo.generate(db, count=2000, seed=11)
    yield db
    db.dispose()


@pytest.fixture
def director(demo_db: Database) -> Actor:
    return authenticate(demo_db, VILLAGE.admin_username, VILLAGE.admin_password)


class HeldReads:
    """``today_view`` as the today page calls it, recording each call; a further page (offset > 0) waits on
    ``gate`` (open unless cleared) and fails with ``fail`` when one is set."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.gate, self.entered, self.returned = threading.Event(), threading.Event(), threading.Event()
        self.gate.set()
        self.calls: list[tuple[int, bool, bool]] = []  # (offset, counts, on the window's thread)
        self.fail: BaseException | None = None
        monkeypatch.setattr(today_page, "today_view", self)

    def __call__(self, db: Database, **kw: Any) -> Any:
        on_window_thread = threading.current_thread() is threading.main_thread()
        self.calls.append((kw.get("offset", 0), kw.get("counts", True), on_window_thread))
        if kw.get("offset", 0):
            self.entered.set()
            try:
                assert self.gate.wait(20)
                if self.fail is not None:
                    raise self.fail
                return today_view(db, **kw)
            finally:
                self.returned.set()
        return today_view(db, **kw)

    def further(self) -> list[tuple[int, bool, bool]]:
        return [call for call in self.calls if call[0]]


def _window(qtbot: Any, db: Database, director: Actor, *, keep: bool = True) -> MainWindow:
    window = MainWindow(db, director)
    if keep:
        qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.today)
    qtbot.waitUntil(lambda: not window.today.is_loading(), timeout=10_000)
    return window


def _listed(window: MainWindow) -> list[TodayItem]:
    model = window.today.model
    return [model.item_at(r) for r in range(model.rowCount())]


def _audit_entries(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def test_show_more_reads_the_next_page_off_the_window_thread(qtbot, demo_db, director, monkeypatch):
    reads = HeldReads(monkeypatch)
    window = _window(qtbot, demo_db, director)
    view, button = window.today, window.today.more_button
    everything = today_items(demo_db, viewer=director)
    assert len(everything) > 2 * PAGE_SIZE  # three pages at least
    first = today_view(demo_db, viewer=director)
    assert _listed(window) == first.items == everything[:PAGE_SIZE]
    summary, kinds = view.summary.text(), view.kinds.text()
    assert f"共 {len(everything)} 项待办" in summary
    assert view.shown.text() == f"列出最紧急的 {PAGE_SIZE} 项，共 {len(everything)} 项。"
    assert button.isVisible() and button.isEnabled() and button.text() == "显示更多"

    reads.gate.clear()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # returns at once: the read waits on a worker thread
    assert reads.entered.wait(10)
    assert view.is_reading_more()
    assert not button.isEnabled() and button.text() == "正在读取…"
    assert len(_listed(window)) == PAGE_SIZE

    ticked: list[bool] = []  # the window's own events go on meanwhile
    QTimer.singleShot(0, lambda: ticked.append(True))
    qtbot.waitUntil(lambda: bool(ticked), timeout=5_000)
    window.tabs.setCurrentWidget(window.cases)  # the window can be used: another tab, and back
    assert window.tabs.currentWidget() is window.cases
    window.tabs.setCurrentWidget(window.today)
    try:  # a language change meanwhile keeps the button's state
        assert language.switch(language.EN)
        QCoreApplication.processEvents()
        assert not button.isEnabled() and button.text() == "Reading…"
    finally:
        language.switch(language.ZH)
    assert button.text() == "正在读取…"

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # a second click while it reads …
    view.show_more()  # … however it comes, reads nothing more
    assert reads.further() == [(PAGE_SIZE, False, False)]
    assert not reads.returned.is_set()

    reads.gate.set()
    qtbot.waitUntil(lambda: not view.is_reading_more(), timeout=10_000)
    second = today_view(demo_db, viewer=director, offset=PAGE_SIZE, counts=False)
    assert _listed(window) == first.items + second.items == everything[:2 * PAGE_SIZE]
    assert reads.further() == [(PAGE_SIZE, False, False)]  # the second page, read once, off the window's thread
    assert (view.summary.text(), view.kinds.text()) == (summary, kinds)  # the counts are those of every item
    assert view.shown.text() == f"列出最紧急的 {2 * PAGE_SIZE} 项，共 {len(everything)} 项。"
    assert button.isEnabled() and button.text() == "显示更多"

    while button.isVisible():  # the rest, a page at a time, to the end
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not view.is_reading_more(), timeout=10_000)
    assert _listed(window) == everything
    assert view.shown.text() == "" and not button.isVisible()
    assert [offset for offset, _counts, _here in reads.further()] == list(range(PAGE_SIZE, len(everything),
                                                                                PAGE_SIZE))


def test_a_failed_read_is_one_line_and_the_rows_stay(qtbot, demo_db, director, monkeypatch):
    reads = HeldReads(monkeypatch)
    window = _window(qtbot, demo_db, director)
    view, button = window.today, window.today.more_button
    total = len(today_items(demo_db, viewer=director))
    first = _listed(window)

    reads.fail = OperationalError("SELECT …", {}, Exception("server closed the connection unexpectedly"))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.is_reading_more(), timeout=10_000)
    assert _listed(window) == first  # nothing appended, nothing lost
    assert view.shown.text() == (f"列出最紧急的 {PAGE_SIZE} 项，共 {total} 项。"
                                 "未能读取下一页：OperationalError。请再点“显示更多”。")
    assert button.isVisible() and button.isEnabled() and button.text() == "显示更多"
    try:
        assert language.switch(language.EN)
        QCoreApplication.processEvents()
        assert view.shown.text().endswith("Could not read the next page: OperationalError. "
                                          "Click “Show more” to try again.")
    finally:
        language.switch(language.ZH)

    reads.fail = None  # it can be tried again: the page comes, and the line goes
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.is_reading_more(), timeout=10_000)
    assert _listed(window) == today_items(demo_db, viewer=director)[:2 * PAGE_SIZE]
    assert view.shown.text() == f"列出最紧急的 {2 * PAGE_SIZE} 项，共 {total} 项。"


def test_a_refresh_or_a_sign_out_while_it_reads_makes_the_page_void(qtbot, demo_db, director, monkeypatch):
    reads = HeldReads(monkeypatch)
    window = _window(qtbot, demo_db, director)
    view, button = window.today, window.today.more_button
    first = _listed(window)

    reads.gate.clear()  # a refresh meanwhile: the list starts again at the first page, the late page is dropped
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert reads.entered.wait(10)
    view.refresh()
    reads.gate.set()
    qtbot.waitUntil(lambda: not view.is_reading_more(), timeout=10_000)
    assert _listed(window) == first
    assert button.isVisible() and button.isEnabled() and button.text() == "显示更多"

    reads.gate.clear()  # a sign-out meanwhile: the list stays empty, and nothing is written
    reads.entered.clear()
    reads.returned.clear()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert reads.entered.wait(10)
    window.lock()
    written = _audit_entries(demo_db)
    reads.gate.set()
    assert reads.returned.wait(10)
    qtbot.waitUntil(lambda: not view.is_reading_more(), timeout=10_000)
    assert view.model.rowCount() == 0 and not button.isVisible()
    assert view.summary.text() == view.shown.text() == ""
    assert _audit_entries(demo_db) == written

    window.sign_in(director)  # the next sign-in reads the first page afresh
    qtbot.waitUntil(lambda: not view.is_loading(), timeout=10_000)
    assert _listed(window) == first
    assert button.isEnabled() and button.text() == "显示更多"


def test_closing_the_window_while_it_reads(qtbot, demo_db, director, monkeypatch):
    reads = HeldReads(monkeypatch)
    window = _window(qtbot, demo_db, director, keep=False)
    reads.gate.clear()
    qtbot.mouseClick(window.today.more_button, Qt.MouseButton.LeftButton)
    assert reads.entered.wait(10)
    written = _audit_entries(demo_db)
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the window is gone, the read goes on
    reads.gate.set()
    assert reads.returned.wait(10)
    QCoreApplication.processEvents()  # its answer finds nobody to give it to
    jobs.end_all_jobs()  # (as at the program's exit)
    assert _audit_entries(demo_db) == written
    assert reads.further() == [(PAGE_SIZE, False, False)]
