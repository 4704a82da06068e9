"""An installation set up under the 2021 list meets the 2025 one: 村务管理 is registered under 2025, old cases
keep their scheme, and the report maps both (环境污染 is counted in the row now named 环境保护)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from mediation_desktop.reports import statistics
from mediation_desktop.reports.periods import parse_period
from mediation_desktop.services.cases import CaseInput, register_case, update_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Case, Setting
from mediation_desktop.storage.unit_of_work import UnitOfWork

DAY = dt.date(2026, 4, 1)


def _input(code: str) -> CaseInput:
    return CaseInput(code, [PartyInput("张三"), PartyInput("李四")], summary="测试", registered_on=DAY)


def test_an_installation_on_the_2021_list(db, director):
    with UnitOfWork(db, actor="test", action="test.setting") as uow:
        row = uow.session.scalar(select(Setting).where(Setting.key == "category_scheme"))
        assert row is not None
        row.value = "2021"
        uow.commit()
    old = register_case(db, director, _input("pollution"), today=DAY).case_id
    new = register_case(db, director, _input("village_affairs"), today=DAY).case_id
    edited = register_case(db, director, _input("neighbour"), today=DAY).case_id
    update_case(db, director, edited, _input("village_affairs"), today=DAY)
    with db.read_session() as s:
        schemes = {c.id: (c.category_scheme, c.category_code) for c in s.scalars(select(Case))}
    assert schemes == {old: ("2021", "pollution"), new: ("2025", "village_affairs"),
                       edited: ("2025", "village_affairs")}
    report = statistics.compute(db, parse_period("2026"))
    assert report.value("cat:pollution") == 1 and report.value("cat:village_affairs") == 2
    labels = {f.key: f.label_zh for f in report.figures}
    assert labels["cat:pollution"] == "环境保护" and labels["cat:village_affairs"] == "村务管理"
