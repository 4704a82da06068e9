"""Every step of the case window says, on the mouse, what it does — or, greyed out, why not now and what to do
first (书面协议 before any session, 归档 before the case is closed, 司法确认 without a signed written agreement). One
rule (``case_actions.step_states``) computes both; the window only shows it."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from mediation_desktop.domain.enums import PartyRole, SessionResult
from mediation_desktop.domain.lifecycle import CaseAction
from mediation_desktop.services import agreements, records
from mediation_desktop.services.cases import CaseInput, change_status, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.ui.case import case_actions
from mediation_desktop.ui.case.case_window import CaseWindow


def _case(db, actor):
    return register_case(db, actor, CaseInput("neighbour", [PartyInput("张三"),
                                                            PartyInput("李四", role=PartyRole.RESPONDENT)],
                                              summary="菜地界限")).case_id


def _window(qtbot, db, actor, case_id) -> CaseWindow:
    window = CaseWindow(db, actor, case_id)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    return window


def _hover(qtbot, widget) -> str:
    """The tooltip the mouse resting on ``widget`` shows (a disabled button shows it too)."""
    QToolTip.hideText()
    centre = widget.rect().center()
    QApplication.sendEvent(widget, QHelpEvent(QEvent.Type.ToolTip, centre, widget.mapToGlobal(centre)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=10000)
    return QToolTip.text()


def test_a_greyed_step_says_why_and_what_to_do_first(qtbot, db, director):
    case_id = _case(db, director)  # accepted, no session yet
    window = _window(qtbot, db, director, case_id)
    agreement, archive, confirmation = (window.buttons[k] for k in ("agreement", "archive", "confirmation"))
    assert not agreement.isEnabled() and not archive.isEnabled() and not confirmation.isEnabled()
    assert "记录一次调解" in _hover(qtbot, agreement)  # 先点“记录一次调解”
    assert "结案" in _hover(qtbot, archive) and "归档" in archive.toolTip()
    assert "书面协议" in _hover(qtbot, confirmation)
    assert "记录一次调解" in window.buttons["oral"].toolTip()
    assert "书面协议…" in window.buttons["sign"].toolTip()  # no draft: write one first
    assert window.buttons["resume"].toolTip() == "调解没有中止，不需要恢复。"
    assert window.sign_date.toolTip() == window.buttons["sign"].toolTip()  # the day says what its button says
    QToolTip.hideText()


def test_an_enabled_step_says_what_it_does(qtbot, db, director):
    case_id = _case(db, director)
    window = _window(qtbot, db, director, case_id)
    session = window.buttons["session"]
    assert session.isEnabled() and "调解的经过" in _hover(qtbot, session)
    for key, button in window.buttons.items():  # nothing without a word on the mouse, enabled or not
        assert button.toolTip(), key
        assert button.statusTip() == button.toolTip(), key
    QToolTip.hideText()


def test_the_reasons_follow_the_case(qtbot, db, director):
    """After a session the agreement can be written; once written, signed; once signed, confirmed; once
    performed, archived; the tooltips follow each step."""
    case_id = _case(db, director)
    window = _window(qtbot, db, director, case_id)
    records.add_session(db, director, case_id, records.SessionInput(SessionResult.POSTPONED, record="第一次调解"))
    window.reload()
    assert window.buttons["agreement"].isEnabled() and "签署以前可以随时修改" in window.buttons["agreement"].toolTip()
    assert "协议已签署…" in window.buttons["confirmation"].toolTip()  # not drafted yet: write, then sign
    aid = agreements.save_draft(db, director, case_id, agreements.AgreementInput(["李四赔偿八百元。"]))
    window.reload()
    assert window.buttons["sign"].isEnabled()
    assert "还没有签署" in window.buttons["confirmation"].toolTip()
    agreements.sign(db, director, aid)
    window.reload()
    assert window.buttons["confirmation"].isEnabled() and "人民法院" in window.buttons["confirmation"].toolTip()
    change_status(db, director, case_id, CaseAction.MARK_PERFORMED)
    window.reload()
    assert window.buttons["archive"].isEnabled() and "保管期限" in window.buttons["archive"].toolTip()
    assert "不再需要回访" in window.buttons["follow_up"].toolTip()


def test_every_state_gives_every_step_a_tip(db, director):
    """The rule, without the window: for each status a case can be in, every step has a tooltip."""
    from mediation_desktop.services.case_detail import load_case

    case_id = _case(db, director)
    for action in (CaseAction.TERMINATE, CaseAction.ARCHIVE):
        change_status(db, director, case_id, action)
        states = case_actions.step_states(load_case(db, case_id, viewer=director), director)
        assert all(state.tip for state in states.values()), action
        assert states["reopen"].enabled and "重新开启" in states["session"].tip
