"""归档 in the case window asks the 保管期限 (the committee's default preselected and named), stores it in the
same step, and the 卷宗 cover prints it."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from sqlalchemy import select

from mediation_desktop.documents.registry import render_document
from mediation_desktop.domain.enums import PartyRole
from mediation_desktop.domain.lifecycle import CaseAction, CaseStatus
from mediation_desktop.services.cases import CaseInput, change_status, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import AuditEntry, Case
from mediation_desktop.ui.case.archive_dialog import ArchiveDialog
from mediation_desktop.ui.case.case_window import CaseWindow


def _declined(db, actor):
    case_id = register_case(db, actor, CaseInput("neighbour", [
        PartyInput("张三"), PartyInput("李四", role=PartyRole.RESPONDENT)], summary="菜地界限")).case_id
    change_status(db, actor, case_id, CaseAction.DECLINE)
    return case_id


def _click_archive(qtbot, window, choose):
    seen: list[tuple[str, list[str], str, str]] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ArchiveDialog):  # (never leave a question open: the test would hang)
            seen.append((type(dialog).__name__, [], "", ""))
            if dialog is not None:
                dialog.close()
            return
        combo = dialog.retention
        seen.append((dialog.windowTitle(), [combo.itemText(i) for i in range(combo.count())], combo.currentText(),
                     dialog.form.defaultLabel.text()))
        if choose is None:
            dialog.form.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).click()
            return
        combo.setCurrentIndex(combo.findData(choose))
        dialog.form.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, answer)
    window.buttons[CaseAction.ARCHIVE.value].click()
    return seen


def test_archive_asks_the_retention_and_the_cover_prints_it(qtbot, db, director):
    case_id = _declined(db, director)
    window = CaseWindow(db, director, case_id)
    qtbot.addWidget(window)

    seen = _click_archive(qtbot, window, None)  # cancelled: nothing changes
    assert seen == [("归档", ["永久（不限年限）", "长期（30年）", "短期（10年）"], "长期（30年）", "本调委会默认：长期（30年）")]
    with db.read_session() as s:
        assert s.get(Case, case_id).status == CaseStatus.DECLINED

    assert _click_archive(qtbot, window, "永久")
    with db.read_session() as s:
        case = s.get(Case, case_id)
        assert (case.status, case.archive_retention) == (CaseStatus.ARCHIVED, "永久")
        logged = [e.data for e in s.scalars(select(AuditEntry).where(AuditEntry.action == "case.archive/update"))]
        assert {"archive_retention": "永久"} in [d["after"] for d in logged]  # audited with the step
        assert "archived" in [d["after"].get("status") for d in logged]  # (with the day it was archived on)
    pages = PdfReader(io.BytesIO(render_document(db, "casefile", case_id))).pages
    cover, back = pages[0].extract_text(), pages[-1].extract_text()
    assert "调解卷宗" in cover and re.search(r"保管期限\s*永久", cover)  # the cover's line, filled
    assert "卷内备考表" in back and "保管期限：永久。" in back  # and the 卷内备考表 on the back cover
