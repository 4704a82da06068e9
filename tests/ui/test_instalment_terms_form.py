"""分期履行 in the agreement form: the selected term is given its own 履行期限 (本项履行期限), the list shows it after
the term, it moves with the term, it is in the live preview, saved with the draft, and back when the form opens
again; unticking takes it off."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from mediation_desktop.domain.enums import PartyRole, SessionResult
from mediation_desktop.services import records
from mediation_desktop.services.case_detail import load_case
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Agreement
from mediation_desktop.ui.case import case_sections
from mediation_desktop.ui.case.agreement_dialog import AgreementDialog


def _pdf_text(data: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).replace(" ", "").replace("\n", "")


def _stored(db) -> tuple[list[str], object]:
    with db.read_session() as s:
        a = s.scalar(select(Agreement))
        return a.terms, a.term_deadlines


def test_each_term_gets_its_own_deadline_in_the_form(qtbot, db, director, type_chinese):
    reg = register_case(db, director, CaseInput("contract", [PartyInput("张三"),
                                                             PartyInput("李四", role=PartyRole.RESPONDENT)],
                                                summary="李四借张三10000元未还"))
    records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.AGREED))
    dialog = AgreementDialog(db, director, reg.case_id)
    qtbot.addWidget(dialog)
    terms = dialog.terms
    assert not terms.deadline_check.isEnabled()  # no term selected: nothing to give a day to
    for text in ("李四向张三还款5000元", "李四向张三还清余款5000元"):
        type_chinese(terms.entry, text)
        terms.add_button.click()
    # the second term (selected after adding): its own day
    assert terms.list.currentRow() == 1 and terms.deadline_check.isEnabled()
    terms.deadline_check.click()
    terms.deadline_field.setDate(QDate(2027, 3, 31))
    terms.list.setCurrentRow(0)
    assert not terms.deadline_check.isChecked()  # the first term has none (yet)
    terms.deadline_check.click()
    terms.deadline_field.setDate(QDate(2027, 1, 31))
    assert terms.list.item(0).text() == "一、李四向张三还款5000元（2027-01-31前履行）"
    assert terms.deadlines() == [dt.date(2027, 1, 31), dt.date(2027, 3, 31)]
    # reordered: the day goes with its term
    terms.down_button.click()
    assert terms.terms() == ["李四向张三还清余款5000元", "李四向张三还款5000元"]
    assert terms.deadlines() == [dt.date(2027, 3, 31), dt.date(2027, 1, 31)]
    terms.up_button.click()
    dialog.refresh_preview()
    printed = _pdf_text(dialog.preview_pane.data)
    assert "一、李四向张三还款5000元，于2027年1月31日前履行完毕。" in printed
    assert "二、李四向张三还清余款5000元，于2027年3月31日前履行完毕。" in printed
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert _stored(db) == (["李四向张三还款5000元", "李四向张三还清余款5000元"], ["2027-01-31", "2027-03-31"])
    # the case window's agreement section lists each term with its day
    shown = case_sections.agreements(load_case(db, reg.case_id))
    assert "1. 李四向张三还款5000元（2027-01-31前履行）" in shown and "2. 李四向张三还清余款5000元（2027-03-31前履行）" in shown

    # opened again: the days are back; the first one unticked and saved
    again = AgreementDialog(db, director, reg.case_id)
    qtbot.addWidget(again)
    assert again.terms.deadlines() == [dt.date(2027, 1, 31), dt.date(2027, 3, 31)]
    again.terms.list.setCurrentRow(0)
    assert again.terms.deadline_check.isChecked() and again.terms.deadline_field.date() == QDate(2027, 1, 31)
    again.terms.deadline_check.click()
    assert again.terms.list.item(0).text() == "一、李四向张三还款5000元"
    again.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert _stored(db) == (["李四向张三还款5000元", "李四向张三还清余款5000元"], [None, "2027-03-31"])


def test_a_term_edited_in_place_keeps_its_day_and_not_the_days_text(qtbot, db, director, type_chinese):
    reg = register_case(db, director, CaseInput("contract", [PartyInput("张三"), PartyInput("李四")]))
    dialog = AgreementDialog(db, director, reg.case_id)
    qtbot.addWidget(dialog)
    terms = dialog.terms
    terms.set_terms(["李四还款5000元"], [dt.date(2027, 1, 31)])
    item = terms.list.item(0)
    item.setText(item.text().replace("5000", "6000"))  # as the in-place editor leaves it: the shown day included
    assert terms.terms() == ["李四还款6000元"] and terms.deadlines() == [dt.date(2027, 1, 31)]
    assert item.text() == "一、李四还款6000元（2027-01-31前履行）"
