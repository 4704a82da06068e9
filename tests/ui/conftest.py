"""Helpers for the Qt tests (offscreen)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QWidget


def type_chinese(widget: QWidget, text: str) -> None:
    """Type like an input method does: ``keyClicks`` with non-ASCII text aborts Qt on these machines."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QCoreApplication.sendEvent(widget, event)


@pytest.fixture(name="type_chinese")
def type_chinese_fixture() -> Callable[[QWidget, str], None]:
    return type_chinese


@pytest.fixture(autouse=True)
def _wrapped_lines_whole(qapp):
    """As the program does at start (``app.run_gui``): every window keeps its word-wrapped lines whole."""
    from mediation_desktop.ui.common.wrapped_lines import keep_wrapped_lines_whole

    keep_wrapped_lines_whole(qapp)


@pytest.fixture(autouse=True)
def _private_settings(qapp, tmp_path):
    """QSettings (large-font mode …) go to a folder of the test's own, never the user's."""
    from PySide6.QtCore import QSettings

    qapp.setOrganizationName("MediationDesktopTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture(autouse=True)
def _village_laptop_screen(monkeypatch):
    """Windows are sized for the screen they are on: the village laptop's (1366×768, the taskbar left out),
    not the offscreen platform's 800×800."""
    from PySide6.QtCore import QRect

    from mediation_desktop.ui.common import screen_fit

    monkeypatch.setattr(screen_fit, "available_geometry", lambda widget: QRect(0, 0, 1366, 728))


@pytest.fixture(autouse=True)
def _chinese_window(qapp):
    """Every test starts where the program starts (app.py): the Chinese window with Qt's own Chinese — 是/否,
    the calendar's 十二月 and 周一 — not Qt's English that an application without a translator shows."""
    from mediation_desktop.ui.common import language

    if language.current() != language.ZH or not language._state["translators"]:
        language.switch(language.ZH)


@pytest.fixture(autouse=True)
def _application_font_kept(qapp):
    """A test that turns on 大字 or installs the fonts again leaves the application's font as it found it: the
    next test in the same process is measured in the font every test starts with, whatever ran before it."""
    font = qapp.font()
    yield
    if qapp.font() != font:
        qapp.setFont(font)


@pytest.fixture
def fresh(tmp_path):
    """A village's (石桥村's) new installation with no case yet: what a ledger is imported into."""
    from report_cases import VILLAGE

    from mediation_desktop.paths import DataPaths
    from mediation_desktop.services.setup import initialise
    from mediation_desktop.storage.database import open_database

    db = open_database(DataPaths(tmp_path / "fresh"))
    initialise(db, VILLAGE)
    yield db
    db.dispose()
