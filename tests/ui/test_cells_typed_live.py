"""A power cut loses nothing typed in a table cell: a cell whose editor is still open (no Tab, no Enter yet) is in
the form's draft — registration, its correction, the agreement's terms — and counts for the screening form."""

from __future__ import annotations

import datetime as dt

import pytest
from draft_answers import answer_drafts
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit

from mediation_desktop.domain.china_time import china_today
from mediation_desktop.domain.enums import PartyRole, SessionResult
from mediation_desktop.services import records
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.drafts import DraftStore
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.ui.case.agreement_dialog import AgreementDialog
from mediation_desktop.ui.case.party_rows import ID_COL, NAME_COL, PHONE_COL
from mediation_desktop.ui.case.record_dialogs import RECORD_DIALOGS
from mediation_desktop.ui.case.register_case_dialog import FORM, KEY, RegisterCaseDialog
from mediation_desktop.ui.common.live_cells import LiveTextDelegate
from mediation_desktop.ui.hub.screening_dialog import ScreeningForm


@pytest.fixture(autouse=True)
def _questions_answered(monkeypatch):
    """Closing a form with typed input at the test's end discards it (nobody clicks a question here)."""
    from mediation_desktop.ui.case.record_dialogs import RecordDialog
    from mediation_desktop.ui.common.unsaved import Answer

    for dialog_class in (RegisterCaseDialog, RecordDialog):
        answer_drafts(monkeypatch, dialog_class, False)
    monkeypatch.setattr(ScreeningForm, "ask_unsaved", classmethod(lambda cls, parent, text: Answer.DISCARD))


def _case(db, actor, *, agreed: bool = False):
    case_id = register_case(db, actor, CaseInput("neighbour", [
        PartyInput("张德福"), PartyInput("王小军", role=PartyRole.RESPONDENT)], summary="两家菜地界限不清",
        registered_on=china_today() - dt.timedelta(days=10))).case_id
    if agreed:
        records.add_session(db, actor, case_id, records.SessionInput(SessionResult.AGREED, record="双方同意"))
    return case_id


def _open_cell(qtbot, view: QAbstractItemView, row: int, col: int) -> QLineEdit:
    """Go to a cell and open it with F2, as a mediator does; the cell's editor (left open)."""
    index = view.model().index(row, col)
    view.setCurrentIndex(index)
    view.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    return editor


def _draft(db, director, form: str, key: str) -> dict:
    draft = DraftStore(db.paths.drafts).load(form, key, director.username)
    return {} if draft is None else draft.data


def _party(db, director, form: str, key: str, row: int) -> dict:
    parties = _draft(db, director, form, key).get("parties", [])
    return parties[row] if len(parties) > row else {}


def test_a_name_and_phone_typed_in_an_open_cell_are_in_the_registration_draft(qtbot, db, director, type_chinese):
    dialog = RegisterCaseDialog(db, director)
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.parties.table
    editor = _open_cell(qtbot, table, 0, NAME_COL)
    type_chinese(editor, "周大明")
    qtbot.waitUntil(lambda: _party(db, director, FORM, KEY, 0).get("name") == "周大明")
    assert table.state() == QAbstractItemView.State.EditingState  # (the cell was never left)

    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    editor = _open_cell(qtbot, table, 0, PHONE_COL)
    qtbot.keyClicks(editor, "13800138000")
    qtbot.waitUntil(lambda: _party(db, director, FORM, KEY, 0).get("phone") == "13800138000")
    assert table.indexWidget(table.currentIndex()) is editor  # (still open)


def test_half_an_id_number_is_not_called_wrong_until_the_cell_is_left(qtbot, db, director):
    dialog = RegisterCaseDialog(db, director)
    qtbot.addWidget(dialog)
    dialog.show()
    editor = _open_cell(qtbot, dialog.parties.table, 0, ID_COL)
    qtbot.keyClicks(editor, "110105")
    assert dialog.parties.rows()[0]["id_number"] == "110105"  # in the row as typed
    assert "⚠" not in dialog.parties.hint.text()  # but not yet said to be wrong
    assert editor.cursorPosition() == 6
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert "⚠" in dialog.parties.hint.text()  # left as it is: now it is said


def test_a_correction_of_a_registration_keeps_an_open_cell_in_its_draft(qtbot, db, director, type_chinese):
    case_id = _case(db, director)
    dialog = RegisterCaseDialog(db, director, case_id=case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    editor = _open_cell(qtbot, dialog.parties.table, 1, NAME_COL)
    editor.selectAll()
    type_chinese(editor, "王小君")
    qtbot.waitUntil(lambda: _party(db, director, dialog.form_name, case_id.hex, 1).get("name") == "王小君")


def test_a_term_corrected_in_place_is_in_the_agreement_draft(qtbot, db, director, type_chinese):
    case_id = _case(db, director, agreed=True)
    dialog = AgreementDialog(db, director, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.terms.set_terms(["王小军赔偿张德福青苗损失800元"])
    editor = _open_cell(qtbot, dialog.terms.list, 0, 0)
    editor.end(False)
    type_chinese(editor, "整")
    qtbot.waitUntil(lambda: _draft(db, director, "agreement", case_id.hex).get("terms")
                    == ["王小军赔偿张德福青苗损失800元整"])


def test_a_finding_still_being_typed_counts_as_unsaved_input(qtbot, db, director, type_chinese):
    form = ScreeningForm(db, director)
    qtbot.addWidget(form)
    form.show()
    form.add_finding()
    editor = _open_cell(qtbot, form.findings, 0, 0)
    type_chinese(editor, "三组两户为宅基地界址争吵")
    assert [f.description for f in form.input_now().findings] == ["三组两户为宅基地界址争吵"]


@pytest.mark.parametrize("make", ["registration", "correction", "agreement", "screening", *sorted(RECORD_DIALOGS)])
def test_every_table_typed_into_in_a_form_that_keeps_what_is_typed_is_live(qtbot, db, director, make):
    case_id = _case(db, director, agreed=True)
    dialog = {"registration": lambda: RegisterCaseDialog(db, director),
              "correction": lambda: RegisterCaseDialog(db, director, case_id=case_id),
              "agreement": lambda: AgreementDialog(db, director, case_id),
              "screening": lambda: ScreeningForm(db, director)}.get(
        make, lambda: RECORD_DIALOGS[make](db, director, case_id))()
    qtbot.addWidget(dialog)
    typed = [v for v in dialog.findChildren(QAbstractItemView)
             if v.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers
             and not isinstance(v, QHeaderView) and v.isVisibleTo(dialog)]
    assert typed or make in RECORD_DIALOGS  # (the forms with a table or list: it is found)
    assert all(isinstance(v.itemDelegate(), LiveTextDelegate) for v in typed), [v.objectName() for v in typed]
