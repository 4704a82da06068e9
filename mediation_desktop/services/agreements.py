"""Agreements: written (人民调解协议书) and oral (口头协议登记); signing locks; corrections are versions."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select

from mediation_desktop.domain.china_time import china_today
from mediation_desktop.domain.enums import AgreementForm, AgreementStatus
from mediation_desktop.domain.instalments import term_days_text, term_deadline_days
from mediation_desktop.domain.lifecycle import CaseAction, CaseStatus
from mediation_desktop.domain.limits import NUMBERS
from mediation_desktop.errors import MediationError
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.cases import apply_action, owned_case, parse_amount
from mediation_desktop.services.input_rules import require_clean, require_day, require_number, require_text
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Agreement, Case
from mediation_desktop.storage.types import utcnow
from mediation_desktop.storage.unit_of_work import UnitOfWork


@dataclass
class AgreementInput:
    terms: list[str]
    facts: str = ""
    form: AgreementForm = AgreementForm.WRITTEN
    performance_method: str = ""
    performance_place: str = ""
    performance_deadline: dt.date | None = None
    amount: str | Decimal | None = None
    copies: int | None = None  # default: one per party + one for the committee (art. 29)
    mediator_name: str = ""
    recorder_name: str = ""
    extra_terms: list[str] = field(default_factory=list)
    # 分期履行: each term's own 履行期限, in the order of ``terms`` (None or missing: that term has none)
    term_deadlines: list[dt.date | None] = field(default_factory=list)


def _fill(agreement: Agreement, case: Case, data: AgreementInput, actor: Actor) -> None:
    require_clean(data, "agreement", ("terms", "extra_terms", "facts", "performance_method", "performance_place",
                                      "mediator_name", "recorder_name"))
    require_day(data.performance_deadline, "agreement.performance_deadline")
    require_number(data.copies, "agreement.copies", *NUMBERS[("agreement", "copies")])
    for day in data.term_deadlines:
        require_day(day, "agreement.term_deadlines")
    # a blank term is dropped with its deadline: each day stays with the term it was given for
    given = list(data.term_deadlines) + [None] * (len(data.terms) - len(data.term_deadlines))
    pairs = [(t.strip(), day) for t, day in zip(data.terms, given, strict=False) if t and t.strip()]
    terms = [t for t, _day in pairs]
    if not terms:
        raise MediationError("agreement.no_terms")
    minimum = len(case.parties) + 1
    copies = data.copies if data.copies is not None else minimum
    if copies < minimum and data.form == AgreementForm.WRITTEN:
        raise MediationError("agreement.copies", min=minimum)
    own = [(n, day) for n, (_t, day) in enumerate(pairs, 1) if day is not None]
    if own and data.performance_deadline is not None:  # 分期履行: the agreement's own day is the last or later
        n, last = max(own, key=lambda pair: pair[1])
        if data.performance_deadline < last:
            raise MediationError("agreement.deadline_before_terms", date=data.performance_deadline.isoformat(),
                                 n=n, term_date=last.isoformat())
    agreement.form = AgreementForm(data.form)
    agreement.facts = data.facts.strip() or case.summary
    agreement.terms = terms
    agreement.term_deadlines = term_days_text([day for _t, day in pairs])
    agreement.performance_method = data.performance_method.strip()
    agreement.performance_place = data.performance_place.strip()
    agreement.performance_deadline = data.performance_deadline
    agreement.amount = parse_amount(data.amount)
    agreement.copies = copies
    agreement.mediator_name = data.mediator_name or case.mediator_name or actor.display_name
    agreement.recorder_name = data.recorder_name or case.recorder_name


def save_draft(db: Database, actor: Actor, case_id: uuid.UUID, data: AgreementInput,
               agreement_id: uuid.UUID | None = None) -> uuid.UUID:
    """Create or update an unsigned agreement. A signed one is locked and refuses every change."""
    with UnitOfWork(db, actor=actor.username, action="agreement.draft") as uow:
        case = owned_case(uow, case_id, actor)
        if agreement_id is None:
            version = (uow.session.scalar(select(func.max(Agreement.version)).where(Agreement.case_id == case.id))
                       or 0) + 1
            agreement = Agreement(number=case.case_no, version=version, status=AgreementStatus.DRAFT)
            _fill(agreement, case, data, actor)
            agreement.case = case
            uow.session.add(agreement)
        else:
            found = uow.session.get(Agreement, agreement_id, with_for_update=True)
            if found is None or found.case_id != case.id:
                raise MediationError("case.not_found", value=str(agreement_id))
            if found.status != AgreementStatus.DRAFT:
                raise MediationError("agreement.locked")
            agreement = found
            _fill(agreement, case, data, actor)
        uow.commit()
        return agreement.id


def sign(db: Database, actor: Actor, agreement_id: uuid.UUID, *, signed_on: dt.date | None = None,
         today: dt.date | None = None, dry_run: bool = False) -> None:
    """Mark an agreement signed by all: it takes effect and is locked; the case is 达成协议.

    ``signed_on`` is the day the parties, the mediator and the seal were on the paper (art. 29: the agreement
    takes effect then), which may be before the day it is recorded here: the 30-day window of art. 33, the first
    回访 and the printed date all count from it. Never in the future, never before the case was accepted (a paper
    agreement signed on a day without power, or at the parties' house, is entered afterwards). ``dry_run``: every
    check, nothing written.
    """
    today = today or china_today()
    day = signed_on or today
    require_day(day, "agreement.signed_on")
    with UnitOfWork(db, actor=actor.username, action="agreement.sign") as uow:
        agreement = uow.session.get(Agreement, agreement_id, with_for_update=True)
        if agreement is None:
            raise MediationError("case.not_found", value=str(agreement_id))
        if agreement.status != AgreementStatus.DRAFT:
            raise MediationError("agreement.locked")
        case = owned_case(uow, agreement.case_id, actor)
        require_signing_day(case, day, today)
        _sign(uow, actor, case, agreement, day)
        if not dry_run:
            uow.commit()


def require_signing_day(case: Case, day: dt.date, today: dt.date) -> None:
    """An agreement, written or oral, is signed (reached) on a day that has come, not before the case was
    accepted."""
    if day > today:
        raise MediationError("agreement.signed_in_future", date=day.isoformat())
    first = case.accepted_on or case.registered_on
    if first is not None and day < first:
        raise MediationError("agreement.signed_before_accepted", date=day.isoformat(), accepted=first.isoformat())


def require_deadlines_after(agreement: Agreement, day: dt.date) -> None:
    """An agreement signed (reached) on ``day`` has no 履行期限 before it, its own or a term's. A correction (更正) of
    one signed before keeps the days it corrects, even if they have passed by the day it is signed."""
    if agreement.supersedes_id is not None:
        return
    if agreement.performance_deadline is not None and agreement.performance_deadline < day:
        raise MediationError("agreement.deadline_before_signing", date=agreement.performance_deadline.isoformat(),
                             signed=day.isoformat())
    for n, term_day in enumerate(term_deadline_days(agreement.term_deadlines), 1):
        if term_day is not None and term_day < day:
            raise MediationError("agreement.term_deadline_before_signing", n=n, date=term_day.isoformat(),
                                 signed=day.isoformat())


def _sign(uow: UnitOfWork, actor: Actor, case: Case, agreement: Agreement, day: dt.date) -> None:
    require_deadlines_after(agreement, day)
    agreement.status = AgreementStatus.SIGNED
    agreement.signed_on = day
    agreement.effective_on = day
    agreement.signed_recorded_by = actor.username
    agreement.locked_at = utcnow()
    if agreement.supersedes_id is not None:
        old = uow.session.get(Agreement, agreement.supersedes_id)
        if old is not None:
            old.status = AgreementStatus.SUPERSEDED
    if case.status in (CaseStatus.ACCEPTED, CaseStatus.INVESTIGATING):
        apply_action(uow, actor, case, CaseAction.MEDIATE, on=day)
    if case.status == CaseStatus.MEDIATING:
        apply_action(uow, actor, case, CaseAction.AGREE, on=day)


def record_oral(db: Database, actor: Actor, case_id: uuid.UUID, data: AgreementInput,
                *, reached_on: dt.date | None = None, corrects: uuid.UUID | None = None,
                reason: str = "", dry_run: bool = False) -> uuid.UUID:
    """口头协议: recorded by the mediator; it takes effect the day it is reached (art. 30).

    ``corrects``: the signed oral agreement this one corrects (the same rule as a written one: the old version
    stays, marked replaced; a reason is required and goes to the log). ``dry_run``: every check, nothing written
    (the window checks what is typed before it asks whether the agreement may be locked).
    """
    require_day(reached_on, "agreement.signed_on")
    data.form = AgreementForm.ORAL
    if corrects is not None and not reason.strip():
        raise MediationError("case.reason_required")
    action = "agreement.oral" if corrects is None else "agreement.correct"
    with UnitOfWork(db, actor=actor.username, action=action, reason=reason or None) as uow:
        case = owned_case(uow, case_id, actor)
        if corrects is not None:
            old = uow.session.get(Agreement, corrects)
            if old is None or old.case_id != case.id:
                raise MediationError("case.not_found", value=str(corrects))
            if old.status != AgreementStatus.SIGNED:
                raise MediationError("agreement.locked")
        version = (uow.session.scalar(select(func.max(Agreement.version)).where(Agreement.case_id == case.id))
                   or 0) + 1
        agreement = Agreement(number=case.case_no, version=version, status=AgreementStatus.DRAFT,
                              supersedes_id=corrects)
        _fill(agreement, case, data, actor)
        agreement.copies = 1
        agreement.case = case
        uow.session.add(agreement)
        today = china_today()
        require_signing_day(case, reached_on or today, today)
        _sign(uow, actor, case, agreement, reached_on or today)
        if not dry_run:
            uow.commit()
        return agreement.id


def correct(db: Database, actor: Actor, agreement_id: uuid.UUID, data: AgreementInput, *, reason: str) -> uuid.UUID:
    """A correction of a signed agreement: a new draft version that points at the one it replaces."""
    require_text(reason, "case.reason")
    if not reason.strip():
        raise MediationError("case.reason_required")
    with UnitOfWork(db, actor=actor.username, action="agreement.correct", reason=reason) as uow:
        old = uow.session.get(Agreement, agreement_id)
        if old is None:
            raise MediationError("case.not_found", value=str(agreement_id))
        case = owned_case(uow, old.case_id, actor)
        version = (uow.session.scalar(select(func.max(Agreement.version)).where(Agreement.case_id == case.id))
                   or 0) + 1
        new = Agreement(number=old.number, version=version, supersedes_id=old.id, status=AgreementStatus.DRAFT)
        _fill(new, case, data, actor)
        new.case = case
        uow.session.add(new)
        uow.commit()
        return new.id


@dataclass(frozen=True)
class ConfirmationRecorded:
    """What :func:`record_confirmation` stored: ``late`` when the application was made after the last day."""

    deadline: dt.date  # the last day to apply: 30 days after the agreement took effect (art. 33)
    late: bool


def confirmation_deadline(agreement: Agreement) -> dt.date | None:
    """The last day the parties may apply for 司法确认 of a signed agreement (art. 33), or None."""
    from mediation_desktop.domain.deadlines import judicial_confirmation_deadline

    effective = agreement.effective_on or agreement.signed_on
    return None if effective is None else judicial_confirmation_deadline(effective)


def record_confirmation(db: Database, actor: Actor, agreement_id: uuid.UUID, *, applied_on: dt.date, court: str,
                        confirmed_on: dt.date | None = None, reason: str = "",
                        today: dt.date | None = None, dry_run: bool = False) -> ConfirmationRecorded:
    """司法确认 (art. 33): the parties applied jointly to a court on ``applied_on``; ``confirmed_on`` when the court
    ruled the agreement valid (None: not ruled yet — it can be added later).

    Only a signed written agreement in effect (the court is handed the 协议书). Dates: the application not before
    the agreement took effect, the ruling not before the application, neither in the future. An application after
    the 30 days is still recorded — the record says what happened, and whether a late application is admitted is
    the court's decision — but the result says it was ``late``, so the window can warn first. Changing a date or
    the court already recorded (rather than filling in a blank) needs a ``reason``, like every correction.
    Recording the application ends the 30-day reminder of the today view (it reads ``confirmation_applied_on``).
    ``dry_run``: every check and the result, nothing written (the window checks before it asks about a late day).
    """
    today = today or china_today()
    require_text(court, "agreement.confirmation_court")
    require_text(reason, "case.reason")
    require_day(applied_on, "agreement.signed_on")
    require_day(confirmed_on, "agreement.signed_on")
    court = court.strip()
    if not court:
        raise MediationError("agreement.confirmation_court")
    with UnitOfWork(db, actor=actor.username, action="agreement.confirmation", reason=reason.strip() or None) as uow:
        agreement = uow.session.get(Agreement, agreement_id, with_for_update=True)
        if agreement is None or agreement.deleted_at is not None:
            raise MediationError("case.not_found", value=str(agreement_id))
        owned_case(uow, agreement.case_id, actor)
        if agreement.status != AgreementStatus.SIGNED or agreement.form != AgreementForm.WRITTEN:
            raise MediationError("agreement.confirmation_not_signed")
        effective = agreement.effective_on or agreement.signed_on
        deadline = confirmation_deadline(agreement)
        assert effective is not None and deadline is not None  # a signed agreement has taken effect
        for day in (applied_on, confirmed_on):
            if day is not None and day > today:
                raise MediationError("agreement.confirmation_in_future", date=day.isoformat())
        if applied_on < effective:
            raise MediationError("agreement.confirmation_before_effect", date=applied_on.isoformat(),
                                 effective_on=effective.isoformat())
        if confirmed_on is not None and confirmed_on < applied_on:
            raise MediationError("agreement.confirmed_before_applied", date=confirmed_on.isoformat(),
                                 applied_on=applied_on.isoformat())
        recorded = (agreement.confirmation_applied_on, agreement.confirmation_court, agreement.confirmed_on)
        wanted = (applied_on, court, confirmed_on)
        corrected = any(old is not None and old != new for old, new in zip(recorded, wanted, strict=True))
        if corrected and not reason.strip():
            raise MediationError("case.reason_required")
        agreement.confirmation_applied_on = applied_on
        agreement.confirmation_court = court
        agreement.confirmed_on = confirmed_on
        if not dry_run:
            uow.commit()
        return ConfirmationRecorded(deadline=deadline, late=applied_on > deadline)
