"""One case with everything recorded on it, as a frozen snapshot for the case window."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from mediation_desktop.domain.lifecycle import CaseAction, CaseStatus, allowed_actions
from mediation_desktop.errors import MediationError
from mediation_desktop.services.accounts import Actor
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import (
    Agreement,
    Attachment,
    AuditEntry,
    Case,
    FollowUp,
    Installation,
    Investigation,
    MediationSession,
    Party,
)


@dataclass(frozen=True)
class AuditLine:
    at: dt.datetime
    actor: str
    action: str
    entity_type: str
    reason: str | None
    data: dict[str, Any]


@dataclass(frozen=True)
class CaseDetail:
    case: Case
    parties: tuple[Party, ...]
    investigations: tuple[Investigation, ...]
    sessions: tuple[MediationSession, ...]
    agreements: tuple[Agreement, ...]
    follow_ups: tuple[FollowUp, ...]
    attachments: tuple[Attachment, ...]
    audit: tuple[AuditLine, ...]
    owned_here: bool

    @property
    def status(self) -> CaseStatus:
        return self.case.status

    def actions(self) -> tuple[CaseAction, ...]:
        """The lifecycle steps that are legal now (none for a case owned by another committee)."""
        return allowed_actions(self.case.status) if self.owned_here else ()


def load_case(db: Database, case_id: uuid.UUID, viewer: Actor | None = None) -> CaseDetail:
    """Everything about one case, detached from the session (safe to keep in a window).

    With a ``viewer``: a non-public case of another mediator is refused (``case.not_public``).
    """
    from mediation_desktop.services.privacy import check_visible

    with db.read_session() as s:
        case = s.get(Case, case_id)
        if case is None or case.deleted_at is not None:
            raise MediationError("case.not_found", value=str(case_id))
        check_visible(viewer, case)
        org = s.scalar(select(Installation.org_code).limit(1))

        def rows(model: Any, order: Any) -> tuple[Any, ...]:
            return tuple(s.scalars(select(model).where(model.case_id == case_id, model.deleted_at.is_(None))
                                   .order_by(order)).all())

        audit = tuple(
            AuditLine(e.at, e.actor, e.action, e.entity_type, e.reason, e.data)
            for e in s.scalars(select(AuditEntry).where(AuditEntry.case_id == str(case_id))
                               .order_by(AuditEntry.seq.desc())).all()
        )
        detail = CaseDetail(
            case=case, parties=rows(Party, Party.position), investigations=rows(Investigation, Investigation.held_at),
            sessions=rows(MediationSession, MediationSession.held_at), agreements=rows(Agreement, Agreement.version),
            follow_ups=rows(FollowUp, FollowUp.visited_on), attachments=rows(Attachment, Attachment.created_at),
            audit=audit, owned_here=case.owner_org_code == org,
        )
        s.expunge_all()
    return detail
