"""Qt's own words follow the window's language: 是/否, 确定/取消 and the calendar in Chinese, none in English."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QDialogButtonBox,
    QMessageBox,
    QTableView,
    QToolButton,
)

from mediation_desktop.domain.enums import SessionResult
from mediation_desktop.services import agreements, records
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.ui.case.case_window import CaseWindow
from mediation_desktop.ui.common import language


@pytest.fixture(autouse=True)
def _chinese_after(qapp):
    yield
    language.switch(language.ZH)


def _calendar_words(calendar: QCalendarWidget) -> tuple[str, list[str]]:
    month = calendar.findChild(QToolButton, "qt_calendar_monthbutton")
    view = calendar.findChild(QTableView)
    days = [str(view.model().data(view.model().index(0, c)) or "") for c in range(view.model().columnCount())]
    return month.text(), days


@pytest.mark.parametrize("lang", [language.ZH, language.EN])
def test_standard_buttons_and_calendar_follow_the_language(qtbot, lang):
    calendar = QCalendarWidget()  # made before the switch: it follows too
    qtbot.addWidget(calendar)
    calendar.setCurrentPage(2026, 12)
    assert language.switch(lang)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    question = QMessageBox(QMessageBox.Icon.Question, "", "",
                           QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(question)
    month, days = _calendar_words(calendar)
    texts = sorted(b.text().replace("&", "") for b in [*box.buttons(), *question.buttons()])
    if lang == language.ZH:
        assert texts == sorted(["确定", "取消", "是(Y)", "否(N)"])
        assert month == "十二月" and "周一" in days and QLocale().language() == QLocale.Language.Chinese
    else:
        assert texts == sorted(["OK", "Cancel", "Yes", "No"])
        assert month == "December" and "Mon" in days and QLocale().language() == QLocale.Language.English


def test_the_signing_question_answers_in_chinese(qtbot, db, director):
    language.switch(language.ZH)
    reg = register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")],
                                                summary="两家菜地界限不清"))
    records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.AGREED))
    agreements.save_draft(db, director, reg.case_id, agreements.AgreementInput(terms=["李四赔偿800元"]))
    window = CaseWindow(db, director, reg.case_id)
    qtbot.addWidget(window)
    window.show()
    seen: list[str] = []

    def answer_no() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.extend(b.text().replace("&", "") for b in box.buttons())
        box.button(QMessageBox.StandardButton.No).click()

    QTimer.singleShot(0, answer_no)
    window.buttons["sign"].click()
    assert sorted(seen) == ["否(N)", "是(Y)"]
