"""The director's log tab: every change, filtered by user, action and case; mediators have no such tab."""

from __future__ import annotations

from mediation_desktop.domain.enums import PartyRole, Role
from mediation_desktop.services import privacy
from mediation_desktop.services.accounts import authenticate, create_user
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.ui.main_window import MainWindow


def _case(db, actor, name):
    return register_case(db, actor, CaseInput("neighbour", [PartyInput(name), PartyInput("李四",
                                                                                         role=PartyRole.RESPONDENT)]))


def test_log_tab_filters(qtbot, qtmodeltester, db, director):
    create_user(db, director, "wang", "王调解员", Role.MEDIATOR, "secret123")
    mediator = authenticate(db, "wang", "secret123")
    first = _case(db, director, "张三")
    _case(db, mediator, "赵六")
    privacy.reveal_identities(db, director, first.case_id)
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    view = window.audit
    assert window.tabs.indexOf(view) == window.tabs.count() - 1 and view.model.rowCount() == 0  # read when the tab is opened
    window.tabs.setCurrentWidget(view)
    qtmodeltester.check(view.model)
    everything = view.model.total
    assert everything > 5
    view.actor.setText("wang")
    view.refresh()
    assert 0 < view.model.total < everything and {r.actor for r in view.model.rows} == {"wang"}
    view.actor.clear()
    view.action.setText("privacy.")
    view.refresh()
    assert [r.case_no for r in view.model.rows] == [first.case_no]
    view.action.clear()
    view.case_no.setText(first.case_no)
    view.refresh()
    assert view.model.total >= 3 and {r.case_no for r in view.model.rows} == {first.case_no}

    window.lock()
    assert view.model.rowCount() == 0
    window.sign_in(mediator)
    assert window.tabs.indexOf(view) < 0
