"""The today view and cases brought in from an old ledger: what fell due before the import is history, not work
(no red 回访 of 2024 for a ledger imported in 2026); what falls due after it, a risk of escalation and the
committee's own cases are listed as ever — the same by the database and by the rules in Python."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select, update
from today_reference import python_today_items

from mediation_desktop.domain.deadlines import DueKind
from mediation_desktop.domain.enums import PartyRole
from mediation_desktop.reports.ledger_import import apply_import, plan_import, read_sheet
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.services.today import today_items
from mediation_desktop.storage.models import Case

IMPORTED = dt.date(2026, 12, 6)


def _import(db, director, path: Path) -> None:
    path.write_text("\r\n".join([
        "序号,受理时间,当事人,纠纷类别,纠纷简要情况,调解结果,协议形式,结案时间",
        "1,2024-03-05,张三与李四,邻里,排水沟,调解成功,口头,2024-03-06",  # agreed long ago: its 回访 fell due in 2024
        "2,2024-06-01,秦癸与尤子,劳动争议,欠薪,调解成功，已履行,书面,2024-06-15",  # performed: nothing to do
        "3,2024-07-01,吕卯与施辰,邻里,噪音,正在调解,,",  # open in the ledger: 超过一个月 since August 2024
        "4,2026-11-20,王甲与王乙,邻里,新近的事,正在调解,,",  # accepted lately: a month is up on 20 December
    ]) + "\r\n", encoding="utf-8", newline="")
    plan = plan_import(db, read_sheet(path), today=IMPORTED)
    assert apply_import(db, director, plan, today=IMPORTED).added == 4


def _items(db, today: dt.date) -> list[tuple[str, DueKind, dt.date, str]]:
    with db.read_session() as s:
        summaries = {r.id: r.summary for r in s.execute(select(Case.id, Case.summary))}
    items = today_items(db, today=today)
    reference = python_today_items(db, today=today)
    assert [(i.case_id, i.kind, i.due_on, i.state) for i in items] == \
        [(i.case_id, i.kind, i.due_on, i.state) for i in reference]
    return [(summaries[i.case_id], i.kind, i.due_on, i.state) for i in items]


def test_an_old_ledger_brings_no_overdue_reminders(db, director, tmp_path):
    own = register_case(db, director, CaseInput("neighbour", [PartyInput("赵一"), PartyInput("钱二", role=PartyRole.RESPONDENT)],
                                                registered_on=dt.date(2026, 10, 1), summary="本会的案件"),
                        today=dt.date(2026, 10, 1))
    _import(db, director, tmp_path / "台账.csv")
    # the committee's own case keeps its overdue item; nothing of the ledger's 2024 cases is listed
    assert _items(db, IMPORTED) == [("本会的案件", DueKind.OVERLONG, dt.date(2026, 11, 1), "overdue")]
    # what falls due after the import is work as any case's: the recent case's month is up on 20 December
    assert _items(db, dt.date(2026, 12, 15)) == [
        ("本会的案件", DueKind.OVERLONG, dt.date(2026, 11, 1), "overdue"),
        ("新近的事", DueKind.OVERLONG, dt.date(2026, 12, 20), "due_soon")]
    # a risk of escalation marked on an old open case is shown at once
    with db.write_session() as s, s.begin():
        s.execute(update(Case).where(Case.summary == "噪音").values(escalation_risk=True))
    assert ("噪音", DueKind.ESCALATION_RISK, dt.date(2024, 7, 1), "overdue") in _items(db, IMPORTED)
    assert own.case_id  # (registered through the services, not the import)
