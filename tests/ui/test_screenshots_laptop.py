"""Screenshots of the agreement editor, the case window and the registration form as the village laptop shows
them (1366×768, in 大字), in Chinese and English (kept in artifacts/screenshots for people to look at)."""

from __future__ import annotations

from pathlib import Path

import pytest
from draft_answers import answer_drafts
from PySide6.QtWidgets import QApplication

from mediation_desktop.domain.enums import PartyRole, SessionResult
from mediation_desktop.paths import resources_dir
from mediation_desktop.services import agreements, records
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.ui.case.agreement_dialog import AgreementDialog
from mediation_desktop.ui.case.case_window import CaseWindow
from mediation_desktop.ui.case.record_dialogs import RecordDialog
from mediation_desktop.ui.case.register_case_dialog import RegisterCaseDialog
from mediation_desktop.ui.common import language
from mediation_desktop.ui.common.fonts import install_fonts

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"



@pytest.fixture
def back(qapp):
    font = qapp.font()
    yield
    language.switch(language.ZH)
    qapp.setFont(font)


@pytest.mark.parametrize("lang", [language.ZH, language.EN])
def test_laptop_screens_in_large_text(qtbot, qapp, db, director, monkeypatch, back, lang):
    monkeypatch.setattr(RecordDialog, "ask", classmethod(lambda cls, parent, text: True))
    answer_drafts(monkeypatch, RecordDialog, True)
    install_fonts(qapp, resources_dir() / "fonts", 16)  # 大字
    assert language.switch(lang)
    reg = register_case(db, director, CaseInput("labour", [
        PartyInput("张三"), PartyInput("兴旺建筑公司", role=PartyRole.RESPONDENT)],
        summary="三名工人被拖欠工资十五万六千元", amount_involved="15.6万"))
    records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.AGREED, record="双方同意"))
    agreements.save_draft(db, director, reg.case_id, agreements.AgreementInput(["兴旺建筑公司支付工资15.6万元"]))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, window in (("agreement-editor", AgreementDialog(db, director, reg.case_id)),
                         ("case-window", CaseWindow(db, director, reg.case_id)),
                         ("registration", RegisterCaseDialog(db, director))):
        qtbot.addWidget(window)
        window.show()
        QApplication.processEvents()
        qtbot.wait(300)
        assert window.width() <= 1366 and window.height() <= 728
        assert window.grab().toImage().save(str(ARTIFACTS / f"laptop-{name}-{lang}.png"))
        window.close()
