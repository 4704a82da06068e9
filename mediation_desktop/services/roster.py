"""The committee's mediator roster (人民调解员名册): name, full-time (专职) or not, phone, still serving.

The director keeps it; the statistics count the active mediators (专职 apart); forms may offer the names.
Each change is one audited transaction. The roster belongs to the committee, which alone corrects it; it travels
up in the committee's bundles for the hub's statistics. A second active entry of the same name (after the
whitespace is normalised) would count one person twice: it is refused unless the caller says it is another person
of that name (``another_person``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from mediation_desktop.domain.person_names import tidy_person_name
from mediation_desktop.domain.phone import check_phone
from mediation_desktop.errors import MediationError
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.cases import require_director
from mediation_desktop.services.input_rules import require_text
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Installation, Mediator
from mediation_desktop.storage.unit_of_work import UnitOfWork

__all__ = ["MediatorInput", "MediatorView", "add_mediator", "list_mediators", "update_mediator"]

NAME_MAX = 50


@dataclass
class MediatorInput:
    name: str
    full_time: bool = False
    phone: str | None = None
    active: bool = True


@dataclass(frozen=True)
class MediatorView:
    id: uuid.UUID
    name: str
    full_time: bool
    phone: str | None
    active: bool


def _checked(data: MediatorInput) -> dict[str, object]:
    name = tidy_person_name(data.name)  # (「李 秀英」 is 李秀英: one person, counted once)
    require_text(name, "mediator.name")  # the rule forms, ledgers and bundles follow (domain.text)
    if not name:
        raise MediationError("mediator.no_name")
    if len(name) > NAME_MAX:
        raise MediationError("mediator.name_long", max=NAME_MAX)
    phone: str | None = None
    if data.phone and data.phone.strip():
        checked = check_phone(data.phone)
        if not checked.valid:
            raise MediationError(checked.error or "phone.invalid", field="phone")
        phone = checked.number
    return {"name": name, "full_time": bool(data.full_time), "phone": phone, "active": bool(data.active)}


def _refuse_same_name(uow: UnitOfWork, org_code: str, values: dict[str, object],
                      mediator_id: uuid.UUID | None) -> None:
    """An entry that would be active beside an active one of the same name: the same person twice, most likely."""
    if not values["active"]:
        return
    serving = select(Mediator.id, Mediator.name).where(Mediator.owner_org_code == org_code,
                                                       Mediator.deleted_at.is_(None), Mediator.active.is_(True))
    if mediator_id is not None:
        serving = serving.where(Mediator.id != mediator_id)
    # (compared as tidied: an entry an older build kept as 「李 秀英」 is the same name as 李秀英)
    if any(tidy_person_name(name) == values["name"] for _, name in uow.session.execute(serving)):
        raise MediationError("mediator.same_name", name=values["name"])


def add_mediator(db: Database, actor: Actor, data: MediatorInput, *, another_person: bool = False) -> uuid.UUID:
    """Add a mediator. A name already on the roster as serving is refused (``mediator.same_name``) unless
    ``another_person``: two people may share a name, one person is not counted twice by mistake."""
    require_director(actor, "调解员名册")
    values = _checked(data)
    with UnitOfWork(db, actor=actor.username, action="roster.add") as uow:
        inst = uow.session.scalar(select(Installation).limit(1))
        org_code = inst.org_code if inst else ""
        if not another_person:
            _refuse_same_name(uow, org_code, values, None)
        row = Mediator(owner_org_code=org_code, **values)
        uow.session.add(row)
        uow.commit()
        return row.id


def update_mediator(db: Database, actor: Actor, mediator_id: uuid.UUID, data: MediatorInput, *,
                    another_person: bool = False) -> None:
    """Correct an entry; a mediator who stopped serving is marked not active (kept for the record). Renamed to, or
    serving again beside, another serving entry of the same name: refused as :func:`add_mediator` refuses."""
    require_director(actor, "调解员名册")
    values = _checked(data)
    with UnitOfWork(db, actor=actor.username, action="roster.edit") as uow:
        inst = uow.session.scalar(select(Installation).limit(1))
        row = uow.session.get(Mediator, mediator_id, with_for_update=True)
        if row is None or row.deleted_at is not None or inst is None or row.owner_org_code != inst.org_code:
            raise MediationError("mediator.not_found")
        if not another_person and (values["name"] != row.name or (values["active"] and not row.active)):
            _refuse_same_name(uow, row.owner_org_code, values, row.id)
        for key, value in values.items():
            if getattr(row, key) != value:
                setattr(row, key, value)
        uow.commit()


def list_mediators(db: Database, *, active_only: bool = False) -> list[MediatorView]:
    """This committee's roster: active first, full-time first, then by name. (A hub keeps its villages' rosters
    too, for its report; they are theirs to keep.)"""
    own = select(Installation.org_code).limit(1).scalar_subquery()
    stmt = select(Mediator).where(Mediator.deleted_at.is_(None), Mediator.owner_org_code == own)
    if active_only:
        stmt = stmt.where(Mediator.active.is_(True))
    stmt = stmt.order_by(Mediator.active.desc(), Mediator.full_time.desc(), Mediator.name, Mediator.id)
    with db.read_session() as s:
        return [MediatorView(m.id, m.name, m.full_time, m.phone, m.active) for m in s.scalars(stmt)]
