"""A closed case with a 保管期限, for the retention tests (services and window)."""

from __future__ import annotations

import datetime as dt

from mediation_desktop.domain.enums import PartyRole
from mediation_desktop.domain.lifecycle import CaseAction
from mediation_desktop.services import cases
from mediation_desktop.services.cases import CaseInput, Registered, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Case
from mediation_desktop.storage.unit_of_work import UnitOfWork


def closed_case(db, director, name: str, closed_on: dt.date, period: str | None) -> Registered:
    reg = register_case(db, director, CaseInput("neighbour", [
        PartyInput(name, id_number="11010519491231002X", phone="13800138000"),
        PartyInput("李四", role=PartyRole.RESPONDENT)], summary=f"{name}家的菜地纠纷"))
    cases.change_status(db, director, reg.case_id, CaseAction.DECLINE, on=closed_on)
    with UnitOfWork(db, actor="admin", action="test.retention") as uow:
        uow.session.get(Case, reg.case_id).archive_retention = period
        uow.commit()
    return reg
