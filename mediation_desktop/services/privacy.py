"""Who may see what: non-public cases (不公开调解, art. 23) and revealing masked ID numbers and phones.

A case marked non-public is shown only to its own mediator and to directors; everybody else (other
mediators, a township clerk) does not find it in lists, search or the today view. ID numbers and
phones are masked on screen; revealing them for one case is a recorded act (an audit entry).
"""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement, and_, false, or_, select, true
from sqlalchemy.orm import object_session

from mediation_desktop.domain.enums import Role
from mediation_desktop.errors import MediationError
from mediation_desktop.services.accounts import Actor
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Case, Installation
from mediation_desktop.storage.unit_of_work import UnitOfWork


def sees_everything(viewer: Actor | None) -> bool:
    return viewer is None or viewer.role == Role.DIRECTOR


def visible_clause(viewer: Actor | None) -> ColumnElement[bool]:
    """A WHERE clause on ``Case`` for the cases ``viewer`` may see (None: the system, sees all)."""
    if sees_everything(viewer):
        return true()
    assert viewer is not None
    # by name only for this committee's own cases: at a hub a village's mediator may share a hub user's name
    here = select(Installation.org_code).limit(1).scalar_subquery()
    own = and_(Case.mediator_name == viewer.display_name, Case.owner_org_code == here)
    if viewer.user_id is not None:
        own = or_(own, Case.mediator_id == viewer.user_id)
    return or_(Case.non_public.is_(False), own if viewer.role == Role.MEDIATOR else false())


def may_see(viewer: Actor | None, case: Case) -> bool:
    if sees_everything(viewer) or not case.non_public:
        return True
    assert viewer is not None
    if viewer.role != Role.MEDIATOR:
        return False
    if viewer.user_id is not None and case.mediator_id == viewer.user_id:
        return True
    session = object_session(case)
    here = session.scalar(select(Installation.org_code).limit(1)) if session is not None else None
    return case.mediator_name == viewer.display_name and case.owner_org_code == here


def check_visible(viewer: Actor | None, case: Case) -> None:
    if not may_see(viewer, case):
        raise MediationError("case.not_public")


def reveal_identities(db: Database, actor: Actor, case_id: uuid.UUID) -> None:
    """Show the full ID numbers and phones of one case's parties: allowed, but recorded (who, when, which)."""
    with UnitOfWork(db, actor=actor.username, action="privacy.reveal") as uow:
        case = uow.session.get(Case, case_id)
        if case is None or case.deleted_at is not None:
            raise MediationError("case.not_found", value=str(case_id))
        check_visible(actor, case)
        uow.note("privacy.reveal", "mediation_case", str(case.id), str(case.id), {"case_no": case.case_no})
        uow.commit()
