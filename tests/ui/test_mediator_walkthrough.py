"""A mediator's day through real widgets: set-up → register → two sessions → oral agreement → follow-up → close."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from sqlalchemy import func, select

from mediation_desktop.domain.lifecycle import CaseAction, CaseStatus
from mediation_desktop.services.accounts import authenticate
from mediation_desktop.storage.models import Agreement, AuditEntry, Case, FollowUp, MediationSession
from mediation_desktop.ui.case.archive_dialog import ArchiveDialog
from mediation_desktop.ui.case.case_window import CaseWindow
from mediation_desktop.ui.case.record_dialogs import FollowUpDialog, OralAgreementDialog, SessionDialog
from mediation_desktop.ui.case.register_case_dialog import RegisterCaseDialog
from mediation_desktop.ui.common.labels import label
from mediation_desktop.ui.main_window import MainWindow
from mediation_desktop.ui.start.setup_dialog import SetupDialog


def _save(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def _register(window, qtbot, type_chinese, names, summary):
    dialog = window.register_case()
    table = dialog.parties.table
    for row, name in enumerate(names):
        table.item(row, 1).setText(name)
    dialog.category.setCurrentIndex(dialog.category.findData("neighbour"))
    type_chinese(dialog.summary, summary)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == RegisterCaseDialog.DialogCode.Accepted, dialog.error.text()
    return dialog.registered


def test_a_mediators_day(qtbot, empty_db, type_chinese, monkeypatch):
    db = empty_db
    monkeypatch.setattr(SetupDialog, "show_code", classmethod(lambda cls, parent, code: None))
    setup = SetupDialog(db)
    qtbot.addWidget(setup)
    setup.org_code.setText("330102001")
    type_chinese(setup.org_name, "石桥村人民调解委员会")
    setup.password.setText("secret123")
    setup.password2.setText("secret123")
    qtbot.mouseClick(setup.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    assert db.is_initialised()

    window = MainWindow(db, authenticate(db, "admin", "secret123"))
    qtbot.addWidget(window)
    land = _register(window, qtbot, type_chinese, ["张三", "李四"], "两家菜地界限不清")
    assert window.model.rowCount() == 1

    case_window = window.open_case(land.case_id)
    qtbot.addWidget(case_window)
    for n, result in enumerate(("postponed", "agreed"), start=1):
        case_window.buttons["session"].click()
        dialog = case_window.findChildren(SessionDialog)[-1]
        dialog.back_to_back.setChecked(n == 1)
        type_chinese(dialog.record, f"第{n}次调解，双方陈述意见。")
        dialog.result_box.setCurrentIndex(dialog.result_box.findData(result))
        _save(dialog)
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(MediationSession)) == 2
        assert s.get(Case, land.case_id).status == CaseStatus.MEDIATING
    assert "第二次调解" in case_window.views[2].toPlainText()

    # an oral agreement on another case
    noise = _register(window, qtbot, type_chinese, ["王五", "赵六"], "夜间噪音扰邻")
    other = window.open_case(noise.case_id)
    qtbot.addWidget(other)
    other.buttons["session"].click()
    first = other.findChildren(SessionDialog)[-1]
    type_chinese(first.record, "双方陈述意见。")  # (an empty record is refused)
    first.result_box.setCurrentIndex(first.result_box.findData("agreed"))  # (and so is a sitting of no result)
    _save(first)
    other.buttons["oral"].click()
    oral = other.findChildren(OralAgreementDialog)[-1]
    type_chinese(oral.terms, "晚上十点后不再大声播放音乐")
    asked = []  # it locks: asked first, as a written agreement's signing is
    monkeypatch.setattr(oral, "ask", lambda parent, text: asked.append(text) or True)
    _save(oral)
    assert "锁定" in asked[0]
    with db.read_session() as s:
        agreement = s.scalar(select(Agreement).where(Agreement.case_id == noise.case_id))
        assert (agreement.form.value, agreement.status.value) == ("oral", "signed")
        assert agreement.terms == ["晚上十点后不再大声播放音乐"]
        assert s.get(Case, noise.case_id).status == CaseStatus.AGREED

    # the follow-up: performed
    other.buttons["follow_up"].click()
    visit = other.findChildren(FollowUpDialog)[-1]
    type_chinese(visit.visitee, "王五")
    visit.performance.setCurrentIndex(visit.performance.findData("done"))
    visit.satisfied.setCurrentIndex(visit.satisfied.findData("yes"))  # (nothing is chosen for the mediator)
    _save(visit)
    with db.read_session() as s:
        assert s.scalar(select(FollowUp.visitee)) == "王五"
        assert s.get(Case, noise.case_id).status == CaseStatus.PERFORMED

    # close: archive, with the 保管期限 the committee keeps by default (the question answered 确定)
    monkeypatch.setattr(ArchiveDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    other.buttons["archive"].click()
    with db.read_session() as s:
        assert s.get(Case, noise.case_id).status == CaseStatus.ARCHIVED
        assert s.get(Case, noise.case_id).archive_retention == "长期"
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.case_id == str(noise.case_id))) > 5
    log = other.views[6].toPlainText()  # the audit trail shows it, in the window's words (not the codes)
    assert label(CaseAction.ARCHIVE) in log and "登记案件 · 新增当事人" in log, log
    assert not re.search(r"[a-z_]+\.[a-z_]+|mediation_case|follow_up", log), log
    assert not other.buttons["archive"].isEnabled()  # only legal steps can be taken (the others wait, disabled)


def test_reopen_needs_a_reason_and_terminate_asks(qtbot, db, director, monkeypatch, type_chinese):
    from mediation_desktop.services.cases import CaseInput, register_case
    from mediation_desktop.services.parties import PartyInput

    reg = register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")]))
    window = CaseWindow(db, director, reg.case_id)
    qtbot.addWidget(window)
    monkeypatch.setattr(CaseWindow, "ask", classmethod(lambda cls, parent, text: False))
    window.buttons["terminate"].click()
    assert window.detail.status == CaseStatus.ACCEPTED  # said no: nothing happened
    monkeypatch.setattr(CaseWindow, "ask", classmethod(lambda cls, parent, text: True))
    window.buttons["terminate"].click()
    assert window.detail.status == CaseStatus.FAILED
    monkeypatch.setattr(CaseWindow, "ask_text", classmethod(lambda cls, parent, text: "当事人要求继续调解"))
    window.buttons["reopen"].click()
    assert window.detail.status == CaseStatus.MEDIATING
    with db.read_session() as s:
        assert "当事人要求继续调解" in s.scalars(select(AuditEntry.reason)).all()
