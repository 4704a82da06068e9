"""不公开 through the window: another mediator's list, search and today view never show a non-public case,
and the case window refuses it; its own mediator and the director see it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QInputMethodEvent

from mediation_desktop.domain.enums import PartyRole, Role
from mediation_desktop.services.accounts import authenticate, create_user
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput


@pytest.fixture(autouse=True)
def _private_settings(qapp, tmp_path):
    """QSettings go to a folder of the test's own, never the user's."""
    qapp.setOrganizationName("MediationDesktopTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


def _type(widget, text: str) -> None:
    """Type like an input method does (``keyClicks`` with Chinese text aborts Qt offscreen)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QCoreApplication.sendEvent(widget, event)


def _user(db, director, name):
    create_user(db, director, name, f"{name}调解员", Role.MEDIATOR, "secret123")
    return authenticate(db, name, "secret123")


def test_non_public_case_in_the_window(qtbot, db, director):
    from mediation_desktop.ui.main_window import MainWindow

    alice = _user(db, director, "alice")
    bob = _user(db, director, "bob")
    private = register_case(db, alice, CaseInput(
        "marriage_family", [PartyInput("张三", id_number="11010519491231002X"),
                            PartyInput("李四", role=PartyRole.RESPONDENT)],
        non_public=True, escalation_risk=True)).case_id
    public = register_case(db, alice, CaseInput(
        "neighbour", [PartyInput("王五"), PartyInput("赵六", role=PartyRole.RESPONDENT)])).case_id

    def shown(window) -> set:
        window.tabs.setCurrentIndex(1)
        qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=10_000)
        qtbot.wait(50)
        return {window.model.row_at(r).id for r in range(window.model.rowCount())}

    for actor, expected in ((bob, {public}), (alice, {private, public}), (director, {private, public})):
        window = MainWindow(db, actor)
        qtbot.addWidget(window)
        assert shown(window) == expected, actor.username
        opened = window.open_case(private)
        if private in expected:
            assert opened is not None
            opened.close()
        else:
            assert opened is None and window.statusBar().currentMessage() != ""
        _type(window.search, "张三")  # searching for a party of the hidden case finds nothing either
        wanted = 1 if private in expected else 0
        model = window.model
        qtbot.waitUntil(lambda: model.rowCount() == wanted, timeout=10_000)  # noqa: B023 (waited on here)
        assert [model.row_at(r).id for r in range(model.rowCount())] == ([private] if wanted else [])
        window.close()
