"""The today view as it was computed before the database did it: one input per watched case, the rules of
``domain.deadlines.due_items`` applied in Python. The tests (and ``bench/``) compare ``services.today`` with it:
it is the rules' own definition, read case by case."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import and_, func, select

from mediation_desktop.domain.china_time import CHINA, china_today
from mediation_desktop.domain.deadlines import (
    DUE_SOON_DAYS,
    CaseDueInput,
    DueItem,
    DueKind,
    due_items,
    judicial_confirmation_listed,
)
from mediation_desktop.domain.enums import AgreementStatus, Performance
from mediation_desktop.domain.instalments import term_deadline_days
from mediation_desktop.domain.lifecycle import OPEN_STATUSES, CaseStatus
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.today import FROM_LEDGER, IMPORTED_ON, TodayItem
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Agreement, Case, FollowUp, Setting


def _shown(item: DueItem, today: dt.date, status: CaseStatus, effective_on: dt.date | None) -> bool:
    """What a mediator must see today: overdue or due within a week; escalation risk always; the
    30-day judicial-confirmation window from the day the agreement took effect, and for a week after it lapsed
    unused (``deadlines.judicial_confirmation_listed``).
    A suspended case (中止) is not "open for over a month": its mediation waits on purpose (a party in
    hospital, a court case first …); a risk of escalation is still shown."""
    if item.kind == DueKind.OVERLONG and status == CaseStatus.SUSPENDED:
        return False
    if item.kind == DueKind.ESCALATION_RISK:
        return True
    if item.kind == DueKind.JUDICIAL_CONFIRMATION:
        return effective_on is not None and judicial_confirmation_listed(effective_on, today)
    return item.due_on <= today + dt.timedelta(days=DUE_SOON_DAYS)


def _history(item: DueItem, imported: object) -> bool:
    """A reminder of a case brought in from an old ledger that fell due before the day it was imported (a risk of
    escalation is no reminder: always shown). The day is compared as the text it is stored as."""
    return (isinstance(imported, str) and item.kind != DueKind.ESCALATION_RISK
            and item.due_on.isoformat() < imported)


def _watched_cases(watched: list[CaseStatus], visible: Any) -> Any:
    """One statement for the whole view: the watched cases, each with the newest signed version of its
    agreement and the count and last day of its follow-up visits (agreed cases only: nothing else uses
    them), joined by the database (grouped once, not looked up case by case or in chunks of ids)."""
    agreed = select(Case.id).where(Case.deleted_at.is_(None), Case.status == CaseStatus.AGREED, visible)
    newest = (select(Agreement.case_id, Agreement.effective_on, Agreement.performance_deadline,
                     Agreement.term_deadlines, Agreement.performance, Agreement.confirmation_applied_on,
                     func.row_number().over(partition_by=Agreement.case_id,
                                            order_by=(Agreement.version.desc(), Agreement.id.desc())).label("rank"))
              .where(Agreement.case_id.in_(agreed), Agreement.status == AgreementStatus.SIGNED,
                     Agreement.deleted_at.is_(None))
              .subquery())
    visits = (select(FollowUp.case_id, func.count().label("n_visits"),
                     func.max(FollowUp.visited_on).label("last_visit"))
              .where(FollowUp.case_id.in_(agreed), FollowUp.deleted_at.is_(None))
              .group_by(FollowUp.case_id).subquery())
    return (select(Case.id, Case.case_no, Case.title, Case.status, Case.accepted_on, Case.registered_on,
                   Case.escalation_risk, newest.c.effective_on, newest.c.performance_deadline,
                   newest.c.term_deadlines, newest.c.performance,
                   newest.c.confirmation_applied_on, newest.c.case_id.is_not(None).label("has_agreement"),
                   visits.c.n_visits, visits.c.last_visit, Case.extra, Case.created_at)
            .outerjoin(newest, and_(newest.c.case_id == Case.id, newest.c.rank == 1))
            .outerjoin(visits, visits.c.case_id == Case.id)
            .where(Case.deleted_at.is_(None), Case.status.in_(watched), visible))


def python_today_items(db: Database, *, today: dt.date | None = None, viewer: Actor | None = None) -> list[TodayItem]:
    """Every item due today, overdue, or due within a week, most urgent first (of the cases ``viewer`` sees)."""
    from mediation_desktop.services.privacy import visible_clause

    today = today or china_today()
    watched = [*OPEN_STATUSES, CaseStatus.AGREED]
    with db.read_session() as s:
        setting = s.get(Setting, "follow_up_after_days")
        every = int(setting.value) if setting is not None else 15
        cases = s.execute(_watched_cases(watched, visible_clause(viewer))).all()
    items: list[TodayItem] = []
    for c in cases:
        signed = c if c.has_agreement else None  # (the newest signed version, of an agreed case)
        count, last = int(c.n_visits or 0), c.last_visit
        due = CaseDueInput(
            case_key=str(c.id), status=c.status, accepted_on=c.accepted_on,
            agreement_effective_on=signed.effective_on if signed else None,
            performance_deadline=signed.performance_deadline if signed else None,
            performance_done=bool(signed and signed.performance == Performance.DONE),
            judicial_confirmation_applied=bool(signed and signed.confirmation_applied_on),
            last_follow_up_on=last, follow_up_count=count, escalation_risk=c.escalation_risk,
            registered_on=c.registered_on,
            instalment_days=tuple(d for d in term_deadline_days(signed.term_deadlines) if d) if signed else (),
        )
        extra = c.extra if isinstance(c.extra, dict) else {}
        imported = extra.get(IMPORTED_ON)
        if imported is None and extra.get(FROM_LEDGER) is not None:  # (imported before the day was written)
            imported = c.created_at.astimezone(CHINA).date().isoformat()
        for item in due_items(due, follow_up_after_days=every):
            if _shown(item, today, c.status, due.agreement_effective_on) and not _history(item, imported):
                items.append(TodayItem(c.id, c.case_no, c.title, item.kind, item.label_zh, item.due_on,
                                       item.state(today)))
    # (the order of one case's items on the same day is due_items' own: by kind)
    items.sort(key=lambda i: (i.kind != DueKind.ESCALATION_RISK, i.due_on, i.case_no))
    return items
