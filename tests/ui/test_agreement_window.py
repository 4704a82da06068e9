"""A written agreement from the case window: draft → PDF → signed and locked with its scan → documents saved."""

from __future__ import annotations

from pypdf import PdfReader
from sqlalchemy import select

from mediation_desktop.domain.enums import AgreementStatus, SessionResult
from mediation_desktop.domain.lifecycle import CaseStatus
from mediation_desktop.services import records
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Agreement, Attachment
from mediation_desktop.ui.agreement_dialog import AgreementDialog
from mediation_desktop.ui.case_window import CaseWindow


def test_written_agreement_through_the_window(qtbot, db, director, monkeypatch, tmp_path, type_chinese):
    opened = []
    monkeypatch.setattr("mediation_desktop.ui.agreement_dialog.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toLocalFile()))
    reg = register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")],
                                                summary="两家菜地界限不清"))
    records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.AGREED))
    window = CaseWindow(db, director, reg.case_id)
    qtbot.addWidget(window)
    assert "sign" not in window.buttons
    window.buttons["agreement"].click()
    dialog = window.findChildren(AgreementDialog)[-1]
    assert dialog.copies.value() == 3
    type_chinese(dialog.terms, "以村委会测量结果重新划定界限")
    dialog.terms.appendPlainText("李四赔偿青苗损失800元")
    dialog.method.setText("现场埋设界桩，现金支付")
    preview = dialog.preview()
    assert opened == [str(preview)] and preview.parent == db.paths.root / "previews"
    text = "".join(page.extract_text() for page in PdfReader(preview).pages)
    assert "一、以村委会测量结果重新划定界限" in text.replace(" ", "") and "一式三份" in text.replace(" ", "")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    window.reload()

    scan = tmp_path / "签字协议书.jpg"
    scan.write_bytes(b"\xff\xd8 signed paper")
    monkeypatch.setattr(CaseWindow, "ask", classmethod(lambda cls, parent, text: True))
    monkeypatch.setattr(CaseWindow, "ask_open_path", classmethod(lambda cls, parent, text: str(scan)))
    window.buttons["sign"].click()
    with db.read_session() as s:
        agreement = s.scalar(select(Agreement))
        assert agreement.status == AgreementStatus.SIGNED and agreement.terms[1] == "李四赔偿青苗损失800元"
        attachment = s.scalar(select(Attachment))
        assert (attachment.kind.value, attachment.agreement_id) == ("signed_agreement", agreement.id)
    assert window.detail.status == CaseStatus.AGREED
    assert "agreement" not in window.buttons and "sign" not in window.buttons  # locked: nothing to edit

    out = tmp_path / "卷宗.pdf"
    monkeypatch.setattr(CaseWindow, "ask_item", classmethod(lambda cls, parent, text, items: items[-1]))
    monkeypatch.setattr(CaseWindow, "ask_save_path", classmethod(lambda cls, parent, suggested: str(out)))
    window.buttons["pdf"].click()
    assert window.error.text() == ""
    reader = PdfReader(out)
    assert len(reader.pages) > 5 and "人民调解协议书" in "".join(p.extract_text() for p in reader.pages)
