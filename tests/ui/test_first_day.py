"""What a first-time mediator ran into (issue 19), each through the real widgets: amounts written the way
people write them, the oral agreement as careful as the written one, records credited to the mediator
who did them, forms that remember what a back-to-back sitting shares."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from mediation_desktop.domain.enums import PartyRole, SessionResult
from mediation_desktop.services import agreements, records
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Agreement, Case
from mediation_desktop.ui.agreement_dialog import AgreementDialog
from mediation_desktop.ui.record_dialogs import OralAgreementDialog, RecordDialog
from mediation_desktop.ui.register_case_dialog import RegisterCaseDialog


@pytest.fixture(autouse=True)
def _no_drafts_asked(monkeypatch):
    monkeypatch.setattr(RecordDialog, "ask", classmethod(lambda cls, parent, text: False))


def _case(db, actor, *, agreed=False, **extra):
    case_id = register_case(db, actor, CaseInput("labour", [
        PartyInput("张三"), PartyInput("兴旺建筑公司", role=PartyRole.RESPONDENT)], summary="三名工人被拖欠工资",
        **extra)).case_id
    if agreed:
        records.add_session(db, actor, case_id, records.SessionInput(SessionResult.AGREED, record="双方同意"))
    return case_id


def _save(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


# ---- 9. 「15.6万」 is an amount, in every amount field

def test_registration_takes_an_amount_in_wan(qtbot, db, director, type_chinese):
    dialog = RegisterCaseDialog(db, director)
    qtbot.addWidget(dialog)
    table = dialog.parties.table
    table.setCurrentCell(0, 1)
    table.item(0, 1).setText("张三")
    table.item(1, 1).setText("兴旺建筑公司")
    dialog.category.setCurrentIndex(dialog.category.findData("labour"))
    type_chinese(dialog.summary, "三名工人被拖欠工资")
    type_chinese(dialog.amount, "15.6万")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == ""
    with db.read_session() as s:
        assert s.scalar(select(Case.amount_involved)) == Decimal("156000.00")


@pytest.mark.parametrize("typed", ["15.6万", "156,000元", "１５６０００"])
def test_written_and_oral_agreements_take_amounts_as_written(qtbot, db, director, type_chinese, typed):
    written = _case(db, director, agreed=True)
    dialog = AgreementDialog(db, director, written)
    qtbot.addWidget(dialog)
    dialog.terms.set_terms(["兴旺建筑公司支付工资"])
    type_chinese(dialog.amount, typed)
    dialog.refresh_preview()
    assert dialog.error.text() == ""  # the preview takes it too
    _save(dialog)
    oral = _case(db, director, agreed=True)
    form = OralAgreementDialog(db, director, oral)
    qtbot.addWidget(form)
    type_chinese(form.terms, "兴旺建筑公司当场支付工资")
    type_chinese(form.amount, typed)
    _save(form)
    assert form.error.text() == ""
    with db.read_session() as s:
        amounts = {a.case_id: a.amount for a in s.scalars(select(Agreement))}
    assert amounts == {written: Decimal("156000.00"), oral: Decimal("156000.00")}


def test_not_an_amount_keeps_the_fields_label_and_words(qtbot, db, director, type_chinese):
    oral = _case(db, director, agreed=True)
    form = OralAgreementDialog(db, director, oral)
    qtbot.addWidget(form)
    form.show()
    type_chinese(form.terms, "兴旺建筑公司当场支付工资")
    type_chinese(form.amount, "十五万")
    _save(form)
    assert "“十五万”不是有效的数字" in form.error.text() and form.isVisible()
    assert form.form.labelForField(form.amount).text() == "金额（元）"
