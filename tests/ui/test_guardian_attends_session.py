"""The session form's 到场当事人 lists each party and, after a minor, the 法定代理人 who attends for them; what the
mediator leaves there is stored and printed in the 人民调解记录."""

from __future__ import annotations

import io

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from mediation_desktop.documents.registry import render_document
from mediation_desktop.domain.enums import PartyRole, SessionResult
from mediation_desktop.domain.resident_id import resident_id_check_digit
from mediation_desktop.services import cases
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import MediationSession
from mediation_desktop.ui.case.session_dialog import SessionDialog

CHILD = "33010220120605004" + resident_id_check_digit("33010220120605004")
ATTENDS = "李小明的法定代理人 李红（母亲）"


def test_the_guardian_who_attends_for_a_minor_is_listed_stored_and_printed(qtbot, db, director):
    case_id = cases.register_case(db, director, cases.CaseInput("neighbour", [
        PartyInput("张三"), PartyInput("李小明", role=PartyRole.RESPONDENT, id_number=CHILD, representative="李红",
                                      representative_title="母亲")], summary="孩子踢球打碎邻居窗户。")).case_id
    dialog = SessionDialog(db, director, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog, timeout=20000)
    assert dialog.parties_present.text() == f"张三、李小明、{ATTENDS}"
    # back to back: only the minor's side this time; the mediator takes 张三 out of the line
    dialog.parties_present.setFocus()
    qtbot.keyClick(dialog.parties_present, Qt.Key.Key_Home)
    for _ in range(len("张三、")):
        qtbot.keyClick(dialog.parties_present, Qt.Key.Key_Delete)
    dialog.record.setPlainText("李红代李小明陈述经过。")
    dialog.result_box.setCurrentIndex(dialog.result_box.findData(SessionResult.POSTPONED.value))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20000)
    with db.read_session() as s:
        stored = s.scalars(select(MediationSession).where(MediationSession.case_id == case_id)).one()
        assert stored.parties_present == f"李小明、{ATTENDS}"
    pdf = render_document(db, "session", case_id)
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "李小明、李小明的法定代理人李红（母亲）" in text
