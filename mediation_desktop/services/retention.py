"""Retention (保管期限): closed cases kept past their period are listed for a director to archive or purge.

A purge removes what identifies people (names, ID numbers, phones, addresses, the story of the dispute,
session and visit notes, attachments) and leaves a tombstone: the case number, dates, category and
outcome stay for the statistics, the row is marked deleted so the removal travels to the township, and
the purge itself is an audit entry. (The audit log's earlier entries still hold the old values: the log
cannot be rewritten — see docs/security.md.)
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_desktop.domain.china_time import china_today
from mediation_desktop.domain.enums import Role
from mediation_desktop.domain.lifecycle import CaseStatus
from mediation_desktop.errors import MediationError
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.cases import owned_case
from mediation_desktop.services.input_rules import require_text
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import (
    Agreement,
    Attachment,
    Case,
    FollowUp,
    Installation,
    Investigation,
    MediationSession,
    Party,
    Setting,
)
from mediation_desktop.storage.unit_of_work import UnitOfWork

# years per 保管期限 word; a township may change them (setting "retention_years")
DEFAULT_YEARS: dict[str, int | None] = {"永久": None, "长期": 30, "短期": 10}
DEFAULT_PERIOD = "长期"  # for a closed case with no 保管期限 written
CLOSED = (CaseStatus.ARCHIVED, CaseStatus.PERFORMED, CaseStatus.FAILED, CaseStatus.DECLINED, CaseStatus.REFERRED)
PURGED = "（已清除）"


@dataclass(frozen=True)
class DueCase:
    case_id: uuid.UUID
    case_no: str
    title: str
    status: CaseStatus
    closed_on: dt.date
    period: str
    due_on: dt.date


def period_years(period: str, table: dict[str, int | None]) -> int | None:
    """'10年' → 10, '长期' → the table's years, '永久' → None (kept for ever)."""
    text = period.strip()
    match = re.fullmatch(r"(\d+)\s*年", text)
    if match:
        return int(match.group(1))
    return table.get(text, table.get(DEFAULT_PERIOD))


def retention_table(s: Session) -> dict[str, int | None]:
    """The 保管期限 words this committee uses → their years (None: 永久), the setting over the defaults."""
    row = s.get(Setting, "retention_years")
    return {**DEFAULT_YEARS, **(row.value if row is not None and isinstance(row.value, dict) else {})}


def period_choices(db: Database) -> tuple[list[tuple[str, int | None]], str]:
    """What 归档 offers: every 保管期限 word with its years (永久 first, then the longest), and the default."""
    with db.read_session() as s:
        table = retention_table(s)
    words = sorted(table.items(), key=lambda kv: -(kv[1] if kv[1] is not None else 10_000))
    return words, DEFAULT_PERIOD


def check_period(text: str, table: dict[str, int | None]) -> str:
    """A 保管期限 as written on the cover: one of the committee's words (永久/长期/短期) or “N年” (1–100)."""
    value = "".join(text.split())
    if value in table:
        return value
    match = re.fullmatch(r"(\d{1,3})年", value)
    if match and 1 <= int(match.group(1)) <= 100:
        return f"{int(match.group(1))}年"
    raise MediationError("retention.period", value=text.strip(), choices="、".join(table))


def set_period(db: Database, actor: Actor, case_id: uuid.UUID, period: str, *, reason: str) -> str:
    """Give a closed case its 保管期限 afterwards (a case archived before 归档 asked for it, or a correction):
    director only, with a reason, audited like every edit. Returns the period as stored."""
    if actor.role != Role.DIRECTOR:
        raise MediationError("account.forbidden", action="修改保管期限")
    if not reason.strip():
        raise MediationError("case.reason_required")
    require_text(reason, "case.reason")
    with UnitOfWork(db, actor=actor.username, action="case.retention", reason=reason.strip()) as uow:
        case = owned_case(uow, case_id, actor)
        if case.status not in CLOSED:
            raise MediationError("retention.period_not_closed", case_no=case.case_no)
        case.archive_retention = check_period(period, retention_table(uow.session))
        uow.commit()
        return case.archive_retention


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def due_cases(db: Database, *, today: dt.date | None = None) -> list[DueCase]:
    """Closed cases of this committee whose retention period is over, the longest overdue first (a hub's
    copies of its villages' cases are theirs to archive or purge: their owner's purge reaches the hub)."""
    today = today or china_today()
    with db.read_session() as s:
        table = retention_table(s)
        own = s.scalar(select(Installation.org_code).limit(1))
        found = []
        for cid, no, title, status, closed, period in s.execute(
            select(Case.id, Case.case_no, Case.title, Case.status, Case.closed_on, Case.archive_retention)
            .where(Case.deleted_at.is_(None), Case.status.in_(CLOSED), Case.closed_on.is_not(None),
                   Case.owner_org_code == own)
        ):
            years = period_years(period or DEFAULT_PERIOD, table)
            if years is None or closed is None:
                continue
            due = _add_years(closed, years)
            if due <= today:
                found.append(DueCase(cid, no, title, status, closed, period or DEFAULT_PERIOD, due))
    return sorted(found, key=lambda d: d.due_on)


def purge_case(db: Database, actor: Actor, case_id: uuid.UUID, *, reason: str) -> None:
    """清除 one case past its retention (director only, with a reason): personal data goes, a tombstone stays."""
    if actor.role != Role.DIRECTOR:
        raise MediationError("account.forbidden", action="清除案件")
    if not reason.strip():
        raise MediationError("case.reason_required")
    require_text(reason, "case.reason")
    now = dt.datetime.now(dt.UTC)
    with UnitOfWork(db, actor=actor.username, action="case.purge", reason=reason.strip()) as uow:
        case = owned_case(uow, case_id, actor)
        if case.status not in CLOSED:
            raise MediationError("retention.not_closed", case_no=case.case_no)
        s = uow.session
        for p in s.scalars(select(Party).where(Party.case_id == case.id)):
            p.name, p.id_number, p.phone, p.address = PURGED, None, None, None
            p.representative = p.occupation = p.birth_date = None
            p.representative_id_number = p.representative_phone = p.representative_address = None
            p.deleted_at = p.deleted_at or now
        records: list[tuple[type[Investigation | MediationSession | FollowUp], tuple[str, ...]]] = [
            (Investigation, ("record", "interviewee", "participants")),
            (MediationSession, ("record", "participants", "parties_present", "risk_warning")),
            (FollowUp, ("findings", "visitee", "hidden_risks", "measures"))]
        for model, fields in records:
            for rec in s.scalars(select(model).where(model.case_id == case.id)):
                for name in fields:
                    setattr(rec, name, "")
                if getattr(rec, "deleted_at", None) is None:
                    rec.deleted_at = now  # type: ignore[attr-defined]
        for a in s.scalars(select(Agreement).where(Agreement.case_id == case.id)):
            a.facts, a.terms = "", []
        for att in s.scalars(select(Attachment).where(Attachment.case_id == case.id)):
            att.filename, att.description = PURGED, ""
            att.deleted_at = att.deleted_at or now
        case.title, case.summary, case.requests, case.risk_note = PURGED, "", [], None
        case.deleted_at = now
        uow.note("case.purge", "mediation_case", str(case.id), str(case.id), {"case_no": case.case_no})
        s.flush()
        from mediation_desktop.services import search

        search.forget_cases(s.connection(), [case.id])  # its old keys stop matching, and never come back
        uow.commit()
