"""Every window and dialog fits the village laptop's screen (1366×768, 1366×728 above the taskbar) at the normal
size and in 大字, with its save/confirm buttons in sight; in 大字 no label is cut short."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QScrollArea, QWidget

from mediation_desktop.domain.enums import PartyRole, SessionResult
from mediation_desktop.paths import resources_dir
from mediation_desktop.services import agreements, records
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Agreement
from mediation_desktop.ui.case.agreement_dialog import AgreementDialog
from mediation_desktop.ui.case.case_window import CaseWindow
from mediation_desktop.ui.case.record_dialogs import (
    FollowUpDialog,
    InvestigationDialog,
    OralAgreementDialog,
    RecordDialog,
    ReferralDialog,
    SessionDialog,
)
from mediation_desktop.ui.case.register_case_dialog import RegisterCaseDialog
from mediation_desktop.ui.common import language, screen_fit
from mediation_desktop.ui.common.confirmation_dialog import ConfirmationDialog
from mediation_desktop.ui.common.fonts import install_fonts
from mediation_desktop.ui.common.pdf_view import PdfDialog

SCREEN = QRect(0, 0, 1366, 728)  # 1366×768 less the taskbar


@pytest.fixture
def laptop(qapp, monkeypatch):
    monkeypatch.setattr(screen_fit, "available_geometry", lambda widget: SCREEN)
    monkeypatch.setattr(RecordDialog, "ask", classmethod(lambda cls, parent, text: False))
    font = qapp.font()
    yield
    language.switch(language.ZH)
    qapp.setFont(font)


def _paste_party_list() -> QWidget:
    """粘贴当事人名单 (the registration's 粘贴名单…)."""
    from mediation_desktop.ui.case.paste_party_list_dialog import PastePartyListDialog

    return PastePartyListDialog()


def _forms(db, director):
    open_case = register_case(db, director, CaseInput("labour", [
        PartyInput("张三"), PartyInput("兴旺建筑公司", role=PartyRole.RESPONDENT)], summary="欠薪")).case_id
    agreed = register_case(db, director, CaseInput("labour", [
        PartyInput("李四"), PartyInput("兴旺建筑公司", role=PartyRole.RESPONDENT)], summary="欠薪")).case_id
    records.add_session(db, director, agreed, records.SessionInput(SessionResult.AGREED, record="同意"))
    aid = agreements.save_draft(db, director, agreed, agreements.AgreementInput(["付清"]))
    with db.read_session() as s:
        draft = s.get(Agreement, aid)
    import io

    from pypdf import PdfWriter

    pdf = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.write(pdf)
    return {
        "agreement": lambda: AgreementDialog(db, director, agreed),
        "case_window": lambda: CaseWindow(db, director, agreed),
        "registration": lambda: RegisterCaseDialog(db, director),
        "paste_party_list": _paste_party_list,
        "investigation": lambda: InvestigationDialog(db, director, open_case),
        "session": lambda: SessionDialog(db, director, open_case),
        "oral": lambda: OralAgreementDialog(db, director, agreed),
        "follow_up": lambda: FollowUpDialog(db, director, agreed),
        "referral": lambda: ReferralDialog(db, director, open_case),
        "confirmation": lambda: ConfirmationDialog(db, director, agreed, draft),
        "pdf_viewer": lambda: PdfDialog("文书", pdf.getvalue(), "x.pdf"),
    }


def _cut_labels(window: QWidget) -> list[str]:
    cut = []
    for label in window.findChildren(QLabel):
        if label.isVisible() and label.text() and not label.wordWrap() and "<" not in label.text():
            if label.width() < label.fontMetrics().horizontalAdvance(label.text()) - 1:
                cut.append(label.text())
    return cut


@pytest.mark.parametrize("points", [12, 16])  # 16 points: the main window's 大字
def test_every_form_fits_the_laptop_screen_with_its_buttons_in_sight(qtbot, db, director, laptop, qapp, points):
    install_fonts(qapp, resources_dir() / "fonts", points)
    problems = []
    for name, make in _forms(db, director).items():
        window = make()
        qtbot.addWidget(window)
        window.show()
        QApplication.processEvents()
        if window.width() > SCREEN.width() or window.height() + screen_fit.FRAME > SCREEN.height():
            problems.append(f"{name}: {window.width()}×{window.height()} does not fit")
        for button in window.findChildren(QAbstractButton):
            if not button.isVisibleTo(window) or any(isinstance(p, QScrollArea) for p in _parents(button, window)):
                continue  # (inside the scrolling part: reached by scrolling)
            corner = button.mapTo(window, button.rect().bottomRight())
            if corner.x() > window.width() or corner.y() > window.height():
                problems.append(f"{name}: {button.text() or button.objectName()} is off the window")
        if points == 16:
            problems += [f"{name}: label cut: {text}" for text in _cut_labels(window)]
        window.close()
    assert problems == []


def _parents(widget: QWidget, top: QWidget) -> list[QWidget]:
    out, p = [], widget.parentWidget()
    while p is not None and p is not top:
        out.append(p)
        p = p.parentWidget()
    return out
