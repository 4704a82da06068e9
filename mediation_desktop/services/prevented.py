"""The "prevented" counters of a case (预防纠纷激化): 防止民转刑, 防止群体性上访, 防止自杀, 制止群体性械斗 and
the number of persons involved (涉及人数), which the statistics count as 件 and 人 of each kind.

Recorded by the case's mediator once it is known (during or after the mediation); one audited transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from mediation_desktop.domain.text import Label
from mediation_desktop.errors import MediationError
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.cases import owned_case
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.unit_of_work import UnitOfWork

__all__ = ["MAX_PERSONS", "Prevented", "record_prevented"]

MAX_PERSONS = 100_000


@dataclass
class Prevented:
    criminal: bool = False  # 防止民转刑
    petition: bool = False  # 防止群体性上访
    suicide: bool = False  # 防止自杀
    group_fight: bool = False  # 制止群体性械斗
    persons: int | str = 0  # 涉及人数

    @property
    def any(self) -> bool:
        return self.criminal or self.petition or self.suicide or self.group_fight


def _persons(data: Prevented) -> int:
    raw = str(data.persons).strip()
    try:
        n = int(raw) if raw else 0
    except ValueError:
        raise MediationError("prevented.persons", value=data.persons) from None
    if n < 0 or n > MAX_PERSONS:  # a number, but not one of persons: said as every range is
        raise MediationError("limit.number", label=Label("涉及人数", "The number of persons"),
                             value=str(data.persons)[:40], low="0", high=str(MAX_PERSONS))
    if data.any and n == 0:
        raise MediationError("prevented.no_persons")
    if not data.any and n:
        raise MediationError("prevented.no_kind")
    return n


def record_prevented(db: Database, actor: Actor, case_id: uuid.UUID, data: Prevented) -> None:
    persons = _persons(data)
    with UnitOfWork(db, actor=actor.username, action="case.prevented") as uow:
        case = owned_case(uow, case_id, actor)
        for name, value in (("prevented_criminal", data.criminal), ("prevented_petition", data.petition),
                            ("prevented_suicide", data.suicide), ("stopped_group_fight", data.group_fight),
                            ("prevented_persons", persons)):
            if getattr(case, name) != value:
                setattr(case, name, value)
        uow.commit()
