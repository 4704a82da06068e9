"""Days near 9999 (issue 15): refused where they would enter now, and a case that already holds them (data from
before the 1900–2100 rule) no longer stops the today view, the case window, a document or the report."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from mediation_desktop.cli import main
from mediation_desktop.domain.deadlines import judicial_confirmation_deadline, overlong_since
from mediation_desktop.domain.enums import PartyRole, SessionResult
from mediation_desktop.services import agreements, records
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.services.today import today_items
from mediation_desktop.ui.case.case_window import CaseWindow

FAR = "9999-12-25"


@pytest.fixture
def far_case(db, director):
    """An agreed case whose days were written as 9999 before the rule (straight into the database)."""
    reg = register_case(db, director, CaseInput("neighbour", [PartyInput("张三"),
                                                              PartyInput("李四", role=PartyRole.RESPONDENT)],
                                                summary="菜地界限"))
    records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.AGREED, record="达成一致"))
    aid = agreements.save_draft(db, director, reg.case_id, agreements.AgreementInput(["李四赔偿八百元。"]))
    agreements.sign(db, director, aid)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE mediation_case SET accepted_on = :d, registered_on = :d, year = 9999"), {"d": FAR})
        conn.execute(text("UPDATE agreement SET signed_on = :d, effective_on = :d, performance_deadline = :d"),
                     {"d": FAR})
    return reg


def test_deadlines_of_far_days_do_not_overflow() -> None:
    assert judicial_confirmation_deadline(dt.date(9999, 12, 25)) == dt.date.max
    assert overlong_since(dt.date(9999, 12, 25)) == dt.date.max
    assert overlong_since(dt.date(2026, 1, 31)) == dt.date(2026, 2, 28)


def test_a_case_with_far_days_opens_everywhere(qtbot, db, director, far_case, paths, tmp_path, capsys) -> None:
    assert today_items(db, today=dt.date(2026, 3, 2)) is not None  # the start page
    window = CaseWindow(db, director, far_case.case_id)  # the case window
    qtbot.addWidget(window)
    for doc in ("acceptance", "agreement", "casefile"):  # the documents
        assert main(["--data-dir", str(paths.root), "pdf", doc, far_case.case_no,
                     "--out", str(tmp_path / f"{doc}.pdf")]) == 0, capsys.readouterr().err
    assert main(["--data-dir", str(paths.root), "report", "--period", "2026", "--out",
                 str(tmp_path / "r.xlsx")]) == 0, capsys.readouterr().err
