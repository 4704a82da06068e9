"""The screening register (矛盾纠纷排查登记, 枫桥经验): the committee goes out, finds disputes early, writes them down.

A screening is one visit round: its date, the place or the households visited, who screened, and the disputes
found, each a short description. A found dispute is either settled on the spot (``prevented``: 预防纠纷 in the
statistics) or registered as a case through the normal registration, after which it is linked to that case —
one or the other: linking a finding makes it not prevented. A case voided (作废, registered by mistake) gives
its findings back (``void_case`` clears the link in the same transaction); a link to a voided case in older data
counts for nothing (:func:`counted_case`), a purged case's tombstone (清除) still counts.
Each action is one transaction, audited like every other write (``UnitOfWork``); mediators and the director
write, a clerk reads. A screening belongs to the committee that held it, which alone corrects it; it travels up
in the committee's bundles, so a hub holds its villages' screenings for its report (docs/reports.md).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session, selectinload

from mediation_desktop.domain.china_time import china_today
from mediation_desktop.domain.enums import OrgLevel
from mediation_desktop.domain.limits import NUMBERS
from mediation_desktop.domain.text import Label
from mediation_desktop.errors import MediationError
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.cases import require_writer
from mediation_desktop.services.input_rules import require_day, require_text
from mediation_desktop.services.retention import CLOSED, PURGED
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Case, Installation, Screening, ScreeningFinding
from mediation_desktop.storage.types import utcnow
from mediation_desktop.storage.unit_of_work import UnitOfWork

__all__ = ["FindingInput", "FindingView", "ScreeningInput", "ScreeningView", "add_screening", "counted_case",
           "is_hub", "link_case", "list_screenings", "remove_screening", "update_screening"]

_LIMITS = {"place": ("screening.place_long", 200), "screened_by": ("screening.by_long", 200),
           "description": ("screening.finding_long", 300), "note": ("screening.note_long", 2000)}

MAX_HOUSEHOLDS = NUMBERS[("screening", "households")][1]  # (a bundle's screening is held to it too)


@dataclass
class FindingInput:
    """One dispute found: a short description; ``prevented`` when settled on the spot (预防).
    ``finding_id`` names a finding already stored (an edit keeps it, and its link to a case)."""

    description: str
    prevented: bool = False
    finding_id: uuid.UUID | None = None


@dataclass
class ScreeningInput:
    held_on: dt.date
    place: str
    screened_by: str = ""
    households: int | str | None = None
    note: str = ""
    findings: list[FindingInput] = field(default_factory=list)


@dataclass(frozen=True)
class FindingView:
    id: uuid.UUID
    description: str
    prevented: bool
    case_id: uuid.UUID | None
    case_no: str | None


@dataclass(frozen=True)
class ScreeningView:
    id: uuid.UUID
    owner_org_code: str
    held_on: dt.date
    place: str
    screened_by: str
    households: int | None
    note: str
    findings: tuple[FindingView, ...]


def _text(value: str, key: str) -> str:
    text = " ".join((value or "").split())
    require_text(text, f"screening.{key}")  # the rule forms, ledgers and bundles follow (domain.text)
    error, limit = _LIMITS[key]
    if len(text) > limit:
        raise MediationError(error, max=limit)
    return text


def _households(value: int | str | None) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        n = int(str(value).strip())
    except ValueError:
        raise MediationError("screening.households", value=value) from None
    if n < 0 or n > MAX_HOUSEHOLDS:  # a number, but not one of households: said as every range is
        raise MediationError("limit.number", label=Label("走访户数", "The number of households"), value=str(value)[:40],
                             low="0", high=str(MAX_HOUSEHOLDS))
    return n


def _checked(data: ScreeningInput, today: dt.date) -> tuple[dict[str, object], list[FindingInput]]:
    require_day(data.held_on, "screening.held_on")  # (1900–2100, as every form's day)
    if data.held_on > today:
        raise MediationError("screening.future_date", value=data.held_on.isoformat())
    place = _text(data.place, "place")
    if not place:
        raise MediationError("screening.no_place")
    findings = []
    for n, f in enumerate(data.findings, start=1):
        description = _text(f.description, "description")
        if not description:
            raise MediationError("screening.empty_finding", n=n)
        findings.append(FindingInput(description, bool(f.prevented), f.finding_id))
    note = (data.note or "").strip()
    require_text(note, "screening.note")
    error, limit = _LIMITS["note"]
    if len(note) > limit:
        raise MediationError(error, max=limit)
    values: dict[str, object] = {"held_on": data.held_on, "place": place, "households": _households(data.households),
                                 "screened_by": _text(data.screened_by, "screened_by"), "note": note}
    return values, findings


def counted_case() -> ColumnElement[bool]:
    """The cases a finding's link counts for (其中登记为案件; a linked finding is not 预防): not voided. A case
    purged past its retention (清除) stays a tombstone that still counts as registered; a voided one (作废) was
    registered by mistake — older data, or a village of an older build, may still link to it."""
    return or_(Case.deleted_at.is_(None), and_(Case.title == PURGED, Case.status.in_(CLOSED)))


def _linked(session: Session, finding: ScreeningFinding) -> bool:
    """Is ``finding`` registered as a case that counts (:func:`counted_case`)?"""
    if finding.case_id is None:
        return False
    return session.scalar(select(Case.id).where(Case.id == finding.case_id, counted_case())) is not None


def is_hub(db: Database) -> bool:
    """A township's or county's installation (司法所): its 排查登记 and 调解员名册 list its own entries only; its
    villages' come in their bundles and count in its statistics (the lists say so)."""
    with db.read_session() as s:
        level = s.scalar(select(Installation.level).limit(1))
    return level is not None and level != OrgLevel.VILLAGE


def _own_org(uow: UnitOfWork) -> str:
    inst = uow.session.scalar(select(Installation).limit(1))
    if inst is None:
        raise MediationError("screening.not_found")
    return inst.org_code


def _own_screening(uow: UnitOfWork, screening_id: uuid.UUID) -> Screening:
    row = uow.session.get(Screening, screening_id, with_for_update=True)
    if row is None or row.deleted_at is not None or row.owner_org_code != _own_org(uow):
        raise MediationError("screening.not_found")
    return row


def add_screening(db: Database, actor: Actor, data: ScreeningInput, *, today: dt.date | None = None) -> uuid.UUID:
    """Record a screening and the disputes it found (one transaction)."""
    require_writer(actor)
    values, findings = _checked(data, today or china_today())
    with UnitOfWork(db, actor=actor.username, action="screening.add") as uow:
        row = Screening(owner_org_code=_own_org(uow), **values)
        row.findings = [ScreeningFinding(position=i, description=f.description, prevented=f.prevented)
                        for i, f in enumerate(findings)]
        uow.session.add(row)
        uow.commit()
        return row.id


def update_screening(db: Database, actor: Actor, screening_id: uuid.UUID, data: ScreeningInput, *,
                     today: dt.date | None = None) -> None:
    """Correct a screening: its facts, and its findings (kept by id; one left out is removed, unless it was
    registered as a case — that link stays). A registered finding cannot be marked prevented; a link to a voided
    case is dropped."""
    require_writer(actor)
    values, findings = _checked(data, today or china_today())
    with UnitOfWork(db, actor=actor.username, action="screening.edit") as uow:
        row = _own_screening(uow, screening_id)
        for key, value in values.items():
            if getattr(row, key) != value:
                setattr(row, key, value)
        stored = {f.id: f for f in row.findings if f.deleted_at is None}
        kept: set[uuid.UUID] = set()
        position = 0
        for f in findings:
            old = stored.get(f.finding_id) if f.finding_id is not None else None
            if old is None:
                row.findings.append(ScreeningFinding(position=position, description=f.description,
                                                     prevented=f.prevented))
            else:
                kept.add(old.id)
                if old.case_id is not None and not _linked(uow.session, old):
                    old.case_id = None  # (its case was voided: the dispute is open again)
                if f.prevented and old.case_id is not None:
                    raise MediationError("screening.linked_prevented", description=f.description)
                for key, value in (("position", position), ("description", f.description),
                                   ("prevented", f.prevented)):
                    if getattr(old, key) != value:
                        setattr(old, key, value)
            position += 1
        for fid, old in stored.items():
            if fid in kept:
                continue
            if _linked(uow.session, old):
                raise MediationError("screening.linked")
            old.deleted_at = utcnow()
        uow.commit()


def remove_screening(db: Database, actor: Actor, screening_id: uuid.UUID) -> None:
    """Remove a screening entered by mistake (a tombstone; the audit log keeps what it was)."""
    require_writer(actor)
    with UnitOfWork(db, actor=actor.username, action="screening.remove") as uow:
        row = _own_screening(uow, screening_id)
        now = utcnow()
        row.deleted_at = now
        for f in row.findings:
            if f.deleted_at is None:
                f.deleted_at = now
        uow.commit()


def link_case(db: Database, actor: Actor, finding_id: uuid.UUID, case_id: uuid.UUID) -> None:
    """The found dispute was registered as case ``case_id`` (after the normal registration): it is no longer
    counted as prevented (a dispute is one or the other). A link to a voided case is replaced."""
    require_writer(actor)
    with UnitOfWork(db, actor=actor.username, action="screening.link_case") as uow:
        finding = uow.session.get(ScreeningFinding, finding_id, with_for_update=True)
        if finding is None or finding.deleted_at is not None:
            raise MediationError("screening.finding_not_found")
        _own_screening(uow, finding.screening_id)
        if _linked(uow.session, finding):
            raise MediationError("screening.linked")
        case = uow.session.get(Case, case_id)
        if case is None or case.deleted_at is not None:
            raise MediationError("case.not_found", value=str(case_id))
        if case.owner_org_code != _own_org(uow):  # (the register goes up with this committee's cases only)
            raise MediationError("screening.case_not_own", case_no=case.case_no)
        finding.case_id = case_id
        if finding.prevented:
            finding.prevented = False
        uow.commit()


def list_screenings(db: Database, *, start: dt.date | None = None, end: dt.date | None = None) -> list[ScreeningView]:
    """This committee's screenings (newest first), optionally from ``start`` to ``end`` (both included). A hub
    keeps its villages' screenings too (they came in their bundles, for its report): they are theirs to correct,
    so its register lists its own. A finding linked to a voided case shows as not registered; one both linked and
    marked prevented (older data) as registered only."""
    own = select(Installation.org_code).limit(1).scalar_subquery()
    stmt = (select(Screening).where(Screening.deleted_at.is_(None), Screening.owner_org_code == own)
            .options(selectinload(Screening.findings)).order_by(Screening.held_on.desc(), Screening.created_at.desc()))
    if start is not None:
        stmt = stmt.where(Screening.held_on >= start)
    if end is not None:
        stmt = stmt.where(Screening.held_on <= end)
    with db.read_session() as s:
        rows = list(s.scalars(stmt))
        linked = {f.case_id for r in rows for f in r.findings if f.case_id is not None}
        numbers = {cid: no for cid, no in s.execute(select(Case.id, Case.case_no)
                                                    .where(Case.id.in_(linked), counted_case()))} if linked else {}
        return [ScreeningView(r.id, r.owner_org_code, r.held_on, r.place, r.screened_by, r.households, r.note,
                              tuple(_finding(f, numbers) for f in r.findings if f.deleted_at is None))
                for r in rows]


def _finding(f: ScreeningFinding, numbers: dict[uuid.UUID, str]) -> FindingView:
    if f.case_id is None or f.case_id not in numbers:  # (not linked, or linked to a voided case)
        return FindingView(f.id, f.description, f.prevented, None, None)
    return FindingView(f.id, f.description, False, f.case_id, numbers[f.case_id])
