"""Reading the audit log: every change, filterable (who, what, which case, when), newest first, in pages."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from mediation_desktop.domain.china_time import CHINA
from mediation_desktop.domain.enums import Role
from mediation_desktop.errors import MediationError
from mediation_desktop.services.accounts import Actor
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import AuditEntry, Case
from mediation_desktop.storage.seal import SEAL_ACTION


@dataclass(frozen=True)
class AuditFilter:
    actor: str | None = None  # user name
    action: str | None = None  # prefix: "case.", "account.", "privacy.reveal" …
    actions: tuple[str, ...] = ()  # any of these actions (the window's words for an action name several)
    case_no: str | None = None
    since: dt.date | None = None  # local days, inclusive
    until: dt.date | None = None


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: dt.datetime
    actor: str
    action: str
    entity_type: str
    case_no: str | None
    reason: str | None
    data: dict[str, Any]


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=CHINA)  # (the day on the room's calendar)


def _where(stmt: Select[Any], f: AuditFilter, case_ids: list[str] | None) -> Select[Any]:
    if not (f.action or "").strip().startswith(SEAL_ACTION):  # the row seals are check's, not a user's doing
        stmt = stmt.where(AuditEntry.action != SEAL_ACTION)
    if f.actor:
        stmt = stmt.where(AuditEntry.actor == f.actor.strip())
    if f.action:
        stmt = stmt.where(AuditEntry.action.startswith(f.action.strip(), autoescape=True))
    if f.actions:
        stmt = stmt.where(or_(*(AuditEntry.action.startswith(a, autoescape=True) for a in f.actions)))
    if case_ids is not None:
        stmt = stmt.where(AuditEntry.case_id.in_(case_ids))
    if f.since:
        stmt = stmt.where(AuditEntry.at >= _local_midnight(f.since))
    if f.until:
        stmt = stmt.where(AuditEntry.at < _local_midnight(f.until + dt.timedelta(days=1)))
    return stmt


def _check(viewer: Actor) -> None:
    if viewer.role != Role.DIRECTOR:
        raise MediationError("account.forbidden", action="查看日志")


def _case_ids(s: Session, f: AuditFilter) -> list[str] | None:
    """The log names cases by id: a case number becomes the ids of the cases with that number."""
    if not f.case_no:
        return None
    return [str(cid) for cid in s.scalars(select(Case.id).where(Case.case_no == f.case_no.strip()))]


def count_entries(db: Database, viewer: Actor, f: AuditFilter) -> int:
    _check(viewer)
    with db.read_session() as s:
        return int(s.scalar(_where(select(func.count()).select_from(AuditEntry), f, _case_ids(s, f))) or 0)


def audit_rows(db: Database, viewer: Actor, f: AuditFilter, *, offset: int = 0, limit: int = 500) -> list[AuditRow]:
    """A page of the log (directors only: it shows every user's doings), newest first."""
    _check(viewer)
    with db.read_session() as s:
        entries = s.scalars(_where(select(AuditEntry), f, _case_ids(s, f)).order_by(AuditEntry.seq.desc())
                            .offset(offset).limit(limit)).all()
        wanted = {uuid.UUID(e.case_id) for e in entries if e.case_id}
        numbers = {str(cid): number for cid, number in s.execute(
            select(Case.id, Case.case_no).where(Case.id.in_(wanted)))} if wanted else {}
        return [AuditRow(e.seq, e.at, e.actor, e.action, e.entity_type, numbers.get(e.case_id or ""), e.reason,
                         e.data) for e in entries]
