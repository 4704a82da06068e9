"""The case window's 卷宗 parts: the pages of the paper items entered (and numbered in the contents), the new
documents offered, and a 司法确认申请书 past art. 33's 30 days marked in the list and on its window."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from sqlalchemy import select

from mediation_desktop.domain.china_time import china_today
from mediation_desktop.domain.enums import PartyRole, SessionResult
from mediation_desktop.domain.lifecycle import CaseAction
from mediation_desktop.services import agreements, records
from mediation_desktop.services.case_file import case_file_pages
from mediation_desktop.services.cases import CaseInput, change_status, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Agreement
from mediation_desktop.ui.case.case_window import CaseWindow
from mediation_desktop.ui.case.casefile_pages import PaperPagesDialog

SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


def _case(db, director, registered_on=None):  # type: ignore[no-untyped-def]
    reg = register_case(db, director, CaseInput(
        "neighbour", [PartyInput("张三"), PartyInput("李四", role=PartyRole.RESPONDENT)], summary="菜地界限",
        registered_on=registered_on))
    records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.AGREED, record="同意"))
    return reg


def _offered(window, monkeypatch, choose: str | None = None) -> list[str]:  # type: ignore[no-untyped-def]
    offered: list[list[str]] = []

    def pick(cls, parent, question, items):  # type: ignore[no-untyped-def]
        offered.append(items)
        return next((i for i in items if choose and i.startswith(choose)), None)

    monkeypatch.setattr(CaseWindow, "ask_item", classmethod(pick))
    window.last_dialog = window.show_document()
    return offered[-1]


def test_paper_pages_are_entered_and_numbered_in_the_contents(qtbot, db, director, monkeypatch, qapp):
    reg = _case(db, director)
    window = CaseWindow(db, director, reg.case_id)
    qtbot.addWidget(window)
    window.buttons["paper_pages"].click()
    dialog = window.findChildren(PaperPagesDialog)[-1]
    dialog.spins["identity"].setValue(3)
    dialog.spins["power_of_attorney"].setValue(1)
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.show()
    qapp.processEvents()
    assert dialog.grab().toImage().save(str(SHOTS / "casefile-paper-pages.png"))
    dialog.save()
    assert case_file_pages(db, reg.case_id) == {"identity": 3, "power_of_attorney": 1}
    items = _offered(window, monkeypatch, choose="卷内目录")
    assert "证据材料清单" in items
    from pypdf import PdfReader

    pane = window.last_dialog.pane
    text = "".join(PdfReader(io.BytesIO(pane.data)).pages[0].extract_text().split())
    # 申请书 page 1, 告知书 page 2, then the three pages of ID copies and the one of the power of attorney
    assert "当事人身份证明3-5" in text and "授权委托书6" in text and "纸质材料3页" in text


def test_new_notices_are_offered_for_the_cases_they_fit(qtbot, db, director, monkeypatch):
    reg = register_case(db, director, CaseInput(
        "neighbour", [PartyInput("王五"), PartyInput("赵六", role=PartyRole.RESPONDENT)], accept=False))
    change_status(db, director, reg.case_id, CaseAction.DECLINE, reason="不属于人民调解范围")
    window = CaseWindow(db, director, reg.case_id)
    qtbot.addWidget(window)
    items = _offered(window, monkeypatch)
    assert "人民调解不予受理通知书" in items and "人民调解结案报告表" in items
    assert "人民调解纠纷移送告知书" not in items and "终止人民调解通知书" not in items


def test_a_late_judicial_confirmation_is_marked_before_and_after_it_is_opened(qtbot, db, director, monkeypatch,
                                                                              qapp):
    signed_on = china_today() - dt.timedelta(days=45)
    reg = _case(db, director, registered_on=signed_on)
    agreements.save_draft(db, director, reg.case_id, agreements.AgreementInput(["双方和好"]))
    with db.read_session() as s:
        agreement_id = s.scalar(select(Agreement.id).where(Agreement.case_id == reg.case_id))
    agreements.sign(db, director, agreement_id, signed_on=signed_on, today=signed_on)
    window = CaseWindow(db, director, reg.case_id)
    qtbot.addWidget(window)
    items = _offered(window, monkeypatch, choose="司法确认申请书")
    assert "司法确认申请书（已过30日申请期限）" in items and "人民调解协议书" in items
    status = window.last_dialog.pane.status.text()
    assert "已过《人民调解法》第三十三条规定的30日" in status
    window.last_dialog.resize(900, 500)
    window.last_dialog.show()
    qapp.processEvents()
    assert window.last_dialog.grab().toImage().save(str(SHOTS / "confirmation-late.png"))
