"""What happens on a case: investigations (调查), sessions (调解), follow-ups (回访)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from mediation_desktop.domain.china_time import china_today, day_in_china
from mediation_desktop.domain.enums import AgreementStatus, Performance, SessionResult
from mediation_desktop.domain.lifecycle import CaseAction, CaseStatus
from mediation_desktop.domain.text import Label
from mediation_desktop.errors import MediationError
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.cases import apply_action, owned_case
from mediation_desktop.services.input_rules import require_clean, require_day
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Agreement, Case, FollowUp, Investigation, MediationSession
from mediation_desktop.storage.types import utcnow
from mediation_desktop.storage.unit_of_work import UnitOfWork


@dataclass
class SessionInput:
    """人民调解记录."""

    result: SessionResult
    record: str = ""
    held_at: dt.datetime | None = None
    place: str = "调解室"
    subject: str = ""
    participants: str = ""
    parties_present: str = ""
    back_to_back: bool = False
    rights_told: bool = True
    risk_warning: str = ""
    mediator: str = ""
    recorder: str = ""


@dataclass
class InvestigationInput:
    """人民调解调查记录."""

    record: str
    interviewee: str
    held_at: dt.datetime | None = None
    place: str = ""
    participants: str = ""
    investigator: str = ""
    recorder: str = ""


@dataclass
class FollowUpInput:
    """人民调解回访记录."""

    performance: Performance
    visitee: str
    visited_on: dt.date | None = None
    reason: str = "了解协议履行情况"
    satisfied: bool | None = True
    new_lawsuit: bool = False
    hidden_risks: str = ""
    measures: str = ""
    findings: str = ""
    visitor: str = ""


SESSION_TIME = Label("调解时间", "The session's date")
INVESTIGATION_TIME = Label("调查时间", "The investigation's date")
VISIT_DAY = Label("回访日期", "The follow-up's date")


def require_in_case(case: Case, when: dt.date | None, what: Label, field: str, *,
                    today: dt.date | None = None) -> None:
    """A record of what happened on a case is dated on a day it could happen: not before the case was registered
    (a follow-up typed as 2026-11-01 on a case registered on 12-07 closed the case a month before it began) and
    not after today (China's date: a record is of what has happened)."""
    if when is None:
        return
    day, today = day_in_china(when), today or china_today()
    if day > today:
        raise MediationError("record.in_future", label=what, date=day.isoformat(), today=today.isoformat(),
                             field=field)
    if case.registered_on is not None and day < case.registered_on:
        raise MediationError("record.before_case", label=what, date=day.isoformat(),
                             registered=case.registered_on.isoformat(), field=field)


def require_file_open(case: Case) -> None:
    """An archived case's file is bound (its cover and closing report are dated the day of 归档): no record is added
    to it — a 回访 added after would be a record later than the file's filing day, and would change the performance
    the closing statement reports. A director reopens the case (重新开启) to add one. (A session is refused by the
    case's lifecycle already.)"""
    if case.status == CaseStatus.ARCHIVED:
        raise MediationError("record.case_archived")


def add_session(db: Database, actor: Actor, case_id: uuid.UUID, data: SessionInput) -> uuid.UUID:
    """Record a session; a case that was only accepted or investigated is now being mediated."""
    require_clean(data, "record", ("record", "place", "subject", "participants", "parties_present", "risk_warning",
                                   "mediator", "recorder"))
    require_day(data.held_at, "record.held_at")
    with UnitOfWork(db, actor=actor.username, action="case.session") as uow:
        case = owned_case(uow, case_id, actor)
        require_in_case(case, data.held_at, SESSION_TIME, "held_at")
        if case.status in (CaseStatus.ACCEPTED, CaseStatus.INVESTIGATING):
            apply_action(uow, actor, case, CaseAction.MEDIATE)
        elif case.status == CaseStatus.SUSPENDED:
            apply_action(uow, actor, case, CaseAction.RESUME)
        elif case.status != CaseStatus.MEDIATING:
            apply_action(uow, actor, case, CaseAction.MEDIATE)  # raises the clear "not now" error
        row = MediationSession(
            case=case, held_at=data.held_at or utcnow(), place=data.place, subject=data.subject or case.title,
            participants=data.participants, parties_present=data.parties_present, back_to_back=data.back_to_back,
            rights_told=data.rights_told, record=data.record, risk_warning=data.risk_warning,
            result=SessionResult(data.result), recorder=data.recorder,
            # the case's mediator unless another is named: not whoever happens to be signed in (the director)
            mediator=data.mediator.strip() or case.mediator_name or actor.display_name,
        )
        uow.session.add(row)
        uow.commit()
        return row.id


def add_investigation(db: Database, actor: Actor, case_id: uuid.UUID, data: InvestigationInput) -> uuid.UUID:
    require_clean(data, "record", ("record", "interviewee", "place", "participants", "investigator", "recorder"))
    require_day(data.held_at, "record.held_at")
    with UnitOfWork(db, actor=actor.username, action="case.investigation") as uow:
        case = owned_case(uow, case_id, actor)
        require_file_open(case)
        require_in_case(case, data.held_at, INVESTIGATION_TIME, "held_at")
        if case.status == CaseStatus.ACCEPTED:
            apply_action(uow, actor, case, CaseAction.INVESTIGATE)
        row = Investigation(
            case=case, held_at=data.held_at or utcnow(), place=data.place, participants=data.participants,
            interviewee=data.interviewee, investigator=data.investigator or actor.display_name,
            recorder=data.recorder, record=data.record,
        )
        uow.session.add(row)
        uow.commit()
        return row.id


def add_follow_up(db: Database, actor: Actor, case_id: uuid.UUID, data: FollowUpInput) -> uuid.UUID:
    """Record a 回访; it updates the agreement's performance, and full performance closes it."""
    require_clean(data, "record", ("visitee", "reason", "hidden_risks", "measures", "findings", "visitor"))
    require_day(data.visited_on, "record.visited_on")
    with UnitOfWork(db, actor=actor.username, action="case.follow_up") as uow:
        case = owned_case(uow, case_id, actor)
        require_file_open(case)
        agreement = uow.session.scalar(
            select(Agreement).where(Agreement.case_id == case.id, Agreement.status == AgreementStatus.SIGNED)
            .order_by(Agreement.version.desc()).limit(1)
        )
        visited_on = data.visited_on or china_today()
        require_in_case(case, visited_on, VISIT_DAY, "visited_on")
        if agreement is not None and agreement.signed_on is not None and visited_on < agreement.signed_on:
            # (performance is recorded from this day: it cannot come before the agreement it performs)
            raise MediationError("record.visit_before_signed", date=visited_on.isoformat(),
                                 signed=agreement.signed_on.isoformat(), field="visited_on")
        row = FollowUp(
            case=case, agreement_id=agreement.id if agreement else None,
            visited_on=visited_on, visitee=data.visitee, reason=data.reason,
            performance=Performance(data.performance), satisfied=data.satisfied, new_lawsuit=data.new_lawsuit,
            hidden_risks=data.hidden_risks, measures=data.measures, findings=data.findings,
            visitor=data.visitor.strip() or case.mediator_name or actor.display_name,  # (as a session's mediator)
        )
        uow.session.add(row)
        if agreement is not None:
            agreement.performance = row.performance
        if row.performance == Performance.DONE and case.status == CaseStatus.AGREED:
            apply_action(uow, actor, case, CaseAction.MARK_PERFORMED, on=row.visited_on)
        uow.commit()
        return row.id
