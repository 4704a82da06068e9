"""A second sitting does not repeat the first one's manner (背靠背), its 参加人 or a result: the signed 调解记录
says what happened at this sitting, and how it ended is chosen by the mediator, never assumed."""

from __future__ import annotations

import datetime as dt

from draft_answers import answer_drafts
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import func, select

from mediation_desktop.domain.china_time import china_today
from mediation_desktop.domain.enums import PartyRole, SessionResult
from mediation_desktop.services import records
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import MediationSession
from mediation_desktop.ui.case.record_dialogs import RecordDialog, SessionDialog


def _case_with_a_sitting_back_to_back(db, actor):
    case_id = register_case(db, actor, CaseInput("neighbour", [
        PartyInput("张德福"), PartyInput("王小军", role=PartyRole.RESPONDENT)], summary="两家菜地界限不清",
        registered_on=china_today() - dt.timedelta(days=10))).case_id
    records.add_session(db, actor, case_id, records.SessionInput(
        SessionResult.POSTPONED, record="分别听取双方意见", place="村委会二楼", participants="村民小组长王五",
        recorder="赵记录", back_to_back=True))
    return case_id


def test_the_next_sitting_asks_its_manner_participants_and_result(qtbot, db, director, monkeypatch, type_chinese):
    answer_drafts(monkeypatch, RecordDialog, False)
    case_id = _case_with_a_sitting_back_to_back(db, director)
    dialog = SessionDialog(db, director, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.back_to_back.isChecked()  # (both parties may well be there this time)
    assert dialog.participants.text() == ""
    assert dialog.result_box.currentIndex() == -1 and dialog.result_box.placeholderText() == "请选择"
    assert (dialog.place.text(), dialog.recorder.text()) == ("村委会二楼", "赵记录")  # the same room and clerk

    type_chinese(dialog.record, "双方到场，当面协商")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert "结果" in dialog.error.text() and dialog.isVisible()  # not saved as 延期调解 behind his back
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(MediationSession)) == 1

    dialog.result_box.setCurrentIndex(dialog.result_box.findData(SessionResult.AGREED.value))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.error.text() == ""
    with db.read_session() as s:
        last = s.scalars(select(MediationSession).where(MediationSession.record == "双方到场，当面协商")).one()
        assert (last.back_to_back, last.participants, last.result) == (False, "", SessionResult.AGREED)
