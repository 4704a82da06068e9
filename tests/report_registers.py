"""The screening and roster figures and the case figures of issue 17, worked out in plain Python over the
stored rows (one by one, no SQL aggregate), and a small set of records that exercises every rule of
docs/reports.md: screenings in and out of the period, a removed screening and finding, a linked and a
prevented finding, active and former mediators, full-time or not, group disputes and prevented cases."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from mediation_desktop.domain.enums import PartyRole
from mediation_desktop.domain.lifecycle import CaseStatus
from mediation_desktop.services import roster, screenings
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Case, Mediator, Party, Screening
from mediation_desktop.storage.unit_of_work import UnitOfWork

A, R = PartyRole.APPLICANT, PartyRole.RESPONDENT
CLOSED = {CaseStatus.ARCHIVED, CaseStatus.PERFORMED, CaseStatus.FAILED, CaseStatus.DECLINED, CaseStatus.REFERRED}


def _counts(case: Case | None) -> bool:
    """A finding's link counts for a case not voided, or purged to a tombstone (closed, its title 已清除)."""
    if case is None:
        return False
    return case.deleted_at is None or (case.title == "（已清除）" and case.status in CLOSED)


def register_counts(db: Database, start: dt.date, end: dt.date) -> dict[str, dict[str, int]]:
    """org code → register figure → value (screenings dated start..end; the active roster)."""
    out: dict[str, dict[str, int]] = {}

    def add(org: str, key: str, n: int = 1) -> None:
        row = out.setdefault(org, {})
        row[key] = row.get(key, 0) + n

    with db.read_session() as s:
        for sc in s.scalars(select(Screening).options(selectinload(Screening.findings))):
            if sc.deleted_at is not None or not start <= sc.held_on <= end:
                continue
            add(sc.owner_org_code, "scr:held")
            for f in sc.findings:
                if f.deleted_at is None:
                    linked = f.case_id is not None and _counts(s.get(Case, f.case_id))
                    add(sc.owner_org_code, "scr:found")
                    add(sc.owner_org_code, "scr:registered", 1 if linked else 0)
                    add(sc.owner_org_code, "scr:prevented", 1 if f.prevented and not linked else 0)
        for m in s.scalars(select(Mediator)):
            if m.deleted_at is None and m.active:
                add(m.owner_org_code, "org:mediators")
                add(m.owner_org_code, "org:full_time", 1 if m.full_time else 0)
    return out


def _case(db: Database, actor: Actor, sides: list[PartyRole], day: dt.date, **flags: Any) -> uuid.UUID:
    parties = [PartyInput(f"当事人{i}", role=role) for i, role in enumerate(sides)]
    reg = register_case(db, actor, CaseInput("neighbour", parties, summary="测试纠纷", registered_on=day), today=day)
    if flags:
        with UnitOfWork(db, actor=actor.username, action="test.flags") as uow:
            case = uow.session.get(Case, reg.case_id)
            for key, value in flags.items():
                setattr(case, key, value)
            uow.commit()
    return reg.case_id


def fill(db: Database, actor: Actor, day: dt.date) -> dict[str, uuid.UUID]:
    """The records (all on ``day``'s quarter, one screening a year before); returns the cases by name."""
    ids = {
        "three_applicants": _case(db, actor, [A, A, A, R], day, prevented_petition=True, prevented_persons=7),
        "three_respondents": _case(db, actor, [A, R, R, R], day, prevented_criminal=True, prevented_suicide=True,
                                   prevented_persons=4),
        "two_and_two": _case(db, actor, [A, A, R, R], day, stopped_group_fight=True, prevented_persons=12),
        "one_removed": _case(db, actor, [A, A, A, R], day),
        "plain": _case(db, actor, [A, R], day),
    }
    with UnitOfWork(db, actor=actor.username, action="test.remove_party") as uow:
        party = uow.session.scalar(select(Party).where(Party.case_id == ids["one_removed"]).order_by(Party.position))
        assert party is not None
        party.deleted_at = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)
        uow.commit()
    first = screenings.add_screening(db, actor, screenings.ScreeningInput(day, "一组 8 户", "王建国", 8, findings=[
        screenings.FindingInput("宅基地滴水"), screenings.FindingInput("婆媳口角", prevented=True),
        screenings.FindingInput("误记的一条")]), today=day)
    screenings.add_screening(db, actor, screenings.ScreeningInput(day, "二组", "李秀英", findings=[
        screenings.FindingInput("借款纠纷", prevented=True)]), today=day)
    screenings.add_screening(db, actor, screenings.ScreeningInput(day, "三组", "李秀英"), today=day)
    gone = screenings.add_screening(db, actor, screenings.ScreeningInput(day, "错录", "李秀英", findings=[
        screenings.FindingInput("错录")]), today=day)
    screenings.remove_screening(db, actor, gone)
    screenings.add_screening(db, actor, screenings.ScreeningInput(day - dt.timedelta(days=365), "去年", "王建国",
                                                                  findings=[screenings.FindingInput("去年的")]),
                             today=day)
    view = next(v for v in screenings.list_screenings(db) if v.id == first)
    screenings.link_case(db, actor, view.findings[0].id, ids["plain"])
    screenings.update_screening(db, actor, first, screenings.ScreeningInput(day, "一组 8 户", "王建国", 8, findings=[
        screenings.FindingInput(f.description, f.prevented, f.id) for f in view.findings[:2]]), today=day)
    roster.add_mediator(db, actor, roster.MediatorInput("王建国", full_time=True))
    roster.add_mediator(db, actor, roster.MediatorInput("李秀英"))
    roster.add_mediator(db, actor, roster.MediatorInput("张德福"))
    former = roster.add_mediator(db, actor, roster.MediatorInput("赵老汉", full_time=True))
    roster.update_mediator(db, actor, former, roster.MediatorInput("赵老汉", full_time=True, active=False))
    return ids
