"""Registering a dispute and moving it through its lifecycle (登记 → 受理 → … → 归档)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_desktop.domain import amounts, lifecycle
from mediation_desktop.domain.case_number import format_case_number
from mediation_desktop.domain.categories import CURRENT_SCHEME, is_valid
from mediation_desktop.domain.china_time import china_today
from mediation_desktop.domain.enums import CaseSource, PartyRole, Role
from mediation_desktop.domain.lifecycle import CaseAction, CaseStatus
from mediation_desktop.domain.limits import MONEY_MAX
from mediation_desktop.errors import MediationError
from mediation_desktop.services import search
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.input_rules import require_clean, require_day, require_number, require_text
from mediation_desktop.services.parties import CheckedParty, PartyInput, check_party
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import (
    Case,
    CaseNumberCounter,
    Installation,
    Party,
    Referral,
    ScreeningFinding,
    Setting,
)
from mediation_desktop.storage.unit_of_work import UnitOfWork

#: the texts of a registration form (``domain.text.FIELDS`` under ``case.``)
_CASE_TEXTS = ("title", "summary", "requests", "source_detail", "mediator_name", "recorder_name", "risk_note")

# Actions after which the mediation itself is over (counted by closing date in the statistics).
_CLOSING = {CaseAction.AGREE, CaseAction.TERMINATE, CaseAction.DECLINE, CaseAction.REFER}


@dataclass
class CaseInput:
    """A dispute as registered on the 受理登记表 / 申请书."""

    category_code: str
    parties: list[PartyInput]
    source: CaseSource = CaseSource.APPLICATION
    source_detail: str | None = None
    title: str = ""
    summary: str = ""
    requests: list[str] = field(default_factory=list)
    amount_involved: str | Decimal | None = None
    registered_on: dt.date | None = None
    accept: bool = True  # 受理 at once (the usual case: the register is filled when accepting)
    escalation_risk: bool = False
    risk_note: str | None = None
    non_public: bool = False
    mediator_name: str = ""
    recorder_name: str = ""
    # A dispute is between sides: the registration form asks for at least one 申请人 and one 被申请人.
    # Off by default for older callers that register one name (ledger imports, scripts).
    require_sides: bool = False


@dataclass(frozen=True)
class Registered:
    case_id: uuid.UUID
    case_no: str
    warnings: tuple[str, ...]


def parse_amount(value: str | Decimal | None) -> Decimal | None:
    """An amount typed as people write it (15.6万, 156,000元 …): see :mod:`mediation_desktop.domain.amounts`."""
    try:
        amount = amounts.parse_amount(value)
    except amounts.NotAnAmount:
        raise MediationError("case.amount", value=value) from None
    if amount is not None:
        require_number(amount, "case.amount", 0, MONEY_MAX)  # (Numeric(14, 2): not an overflow later)
    return amount


def default_title(parties: Sequence[str], category_name: str,
                  roles: Sequence[PartyRole | str] | None = None) -> str:
    """「申请人与被申请人＋类型＋纠纷」, e.g. 「张三、李四与兴旺养殖场邻里纠纷」 (third parties left out).

    Without ``roles`` (or without both sides) the first name stands against the next ones, as before.
    """
    if roles is not None:
        pairs = list(zip(parties, roles, strict=True))
        applicants = [n for n, r in pairs if r == PartyRole.APPLICANT]
        respondents = [n for n, r in pairs if r == PartyRole.RESPONDENT]
        if applicants and respondents:
            return f"{_side(applicants)}与{_side(respondents)}{category_name}纠纷"
    names = "、".join(parties[:3]) + ("等" if len(parties) > 3 else "")
    if len(parties) >= 2:
        names = "、".join(parties[:1]) + "与" + "、".join(parties[1:3]) + ("等" if len(parties) > 3 else "")
    return f"{names}{category_name}纠纷"


def _side(names: list[str]) -> str:
    return "、".join(names[:2]) + ("等" if len(names) > 2 else "")


def _names_and_roles(checked: list[CheckedParty]) -> tuple[list[str], list[PartyRole]]:
    return [str(c.values["name"]) for c in checked], [PartyRole(str(c.values["role"])) for c in checked]


def setting(session: Session, key: str, default: object) -> object:
    row = session.get(Setting, key)
    return default if row is None else row.value


def allocate_case_number(session: Session, inst: Installation, year: int) -> tuple[int, str]:
    """The next serial of ``year`` and the formatted number; serials are never handed out twice."""
    from mediation_desktop.services.setup import DEFAULT_SETTINGS

    counter = session.get(CaseNumberCounter, year, with_for_update=True)
    if counter is None:
        counter = CaseNumberCounter(year=year, last_serial=0)
        session.add(counter)
    counter.last_serial += 1
    pattern = str(setting(session, "case_number_pattern", DEFAULT_SETTINGS["case_number_pattern"]))
    return counter.last_serial, format_case_number(pattern, year=year, serial=counter.last_serial,
                                                   short=inst.short_name, org=inst.org_code)


def _checked_input(data: CaseInput, today: dt.date) -> tuple[list[CheckedParty], Decimal | None, CaseSource]:
    """The parts of a registration checked before anything is written (the same for a new case and a correction).

    A party's error carries ``party_index`` (its place in ``data.parties``), ``party_name`` and ``field``,
    so a form can say which party it is and put the cursor on the wrong cell.
    """
    if not data.parties:
        raise MediationError("case.no_parties")
    require_clean(data, "case", _CASE_TEXTS)
    require_day(data.registered_on, "case.registered_on")
    checked = []
    for index, party in enumerate(data.parties):
        try:
            checked.append(check_party(party, today=today))
        except MediationError as exc:
            exc.params.setdefault("party_index", index)
            exc.params.setdefault("party_name", " ".join(party.name.split()))
            raise
    if data.require_sides:
        check_sides([PartyRole(str(c.values["role"])) for c in checked])
    if not (data.category_code or "").strip():
        raise MediationError("case.category_missing")
    amount = parse_amount(data.amount_involved)
    try:
        source = CaseSource(data.source)
    except ValueError:
        raise MediationError("case.source", value=data.source) from None
    if data.registered_on is not None and data.registered_on > today:
        raise MediationError("case.future_date", day=data.registered_on.isoformat(), today=today.isoformat())
    return checked, amount, source


def check_sides(roles: Sequence[PartyRole | str]) -> None:
    """A dispute is between parties: at least one 申请人 and one 被申请人 (第三人 may be added)."""
    given = {PartyRole(r) for r in roles}
    if PartyRole.APPLICANT not in given or PartyRole.RESPONDENT not in given:
        raise MediationError("case.sides")


def register_case(db: Database, actor: Actor, data: CaseInput, *, today: dt.date | None = None) -> Registered:
    """登记 (and by default 受理) a dispute with its parties, in one transaction."""
    from mediation_desktop.domain.categories import scheme

    today = today or china_today()
    require_writer(actor)
    checked, amount, source = _checked_input(data, today)
    with UnitOfWork(db, actor=actor.username, action="case.register") as uow:
        s = uow.session
        inst = s.scalar(select(Installation).limit(1))
        if inst is None:
            raise MediationError("setup.not_initialised", data_dir=str(db.paths.root))
        version = str(setting(s, "category_scheme", "2021"))
        if not is_valid(data.category_code, version) and is_valid(data.category_code, CURRENT_SCHEME):
            version = CURRENT_SCHEME  # a category the installation's older list lacks (村务管理)
        if not is_valid(data.category_code, version):
            raise MediationError("case.category", value=data.category_code)
        registered_on = data.registered_on or today
        serial, case_no = allocate_case_number(s, inst, registered_on.year)
        names, roles = _names_and_roles(checked)
        title = data.title.strip() or default_title(names, scheme(version).label(data.category_code, "zh"), roles)
        status = CaseStatus.REGISTERED
        if data.accept:
            status = lifecycle.transition(status, CaseAction.ACCEPT)
        case = Case(
            case_no=case_no, year=registered_on.year, serial=serial, owner_org_code=inst.org_code,
            owner_installation_id=inst.id, title=title, category_code=data.category_code,
            category_scheme=version, source=source, source_detail=data.source_detail, status=status,
            registered_on=registered_on, accepted_on=registered_on if data.accept else None,
            summary=data.summary.strip(), requests=[r.strip() for r in data.requests if r.strip()],
            amount_involved=amount, escalation_risk=data.escalation_risk, risk_note=data.risk_note,
            non_public=data.non_public, mediator_name=data.mediator_name or actor.display_name,
            mediator_id=actor.user_id if (data.mediator_name or actor.display_name) == actor.display_name else None,
            recorder_name=data.recorder_name, extra={},
        )
        case.parties = [Party(position=i, **c.values) for i, c in enumerate(checked)]
        s.add(case)
        s.flush()  # the search index, in this transaction
        search.index_cases(s.connection(), search.load_case_texts(s.connection(), [case.id]))
        uow.commit()
        warnings = tuple(w for c in checked for w in c.warnings)
        return Registered(case.id, case_no, warnings)


def require_writer(actor: Actor) -> None:
    """A township clerk (司法所工作人员) looks at every village's cases but changes none."""
    if actor.role == Role.CLERK:
        raise MediationError("account.read_only_role")


def require_director(actor: Actor, action: str) -> None:
    """Deleting, voiding and reopening are for the committee director (主任) only."""
    if actor.role != Role.DIRECTOR:
        raise MediationError("account.forbidden", action=action)


def owned_case(uow: UnitOfWork, case_id: uuid.UUID, actor: Actor) -> Case:
    """The case, if it exists, this installation owns it (only the owner edits a case) and ``actor`` may write."""
    require_writer(actor)
    s = uow.session
    case = s.get(Case, case_id, with_for_update=True)
    if case is None or case.deleted_at is not None:
        raise MediationError("case.not_found", value=str(case_id))
    inst = s.scalar(select(Installation).limit(1))
    if inst is None or case.owner_org_code != inst.org_code:
        raise MediationError("case.read_only", owner=case.owner_org_code)
    return case


def find_case_id(db: Database, case_no_or_id: str) -> uuid.UUID:
    with db.read_session() as s:
        try:
            cid = uuid.UUID(case_no_or_id)
            if s.get(Case, cid) is not None:
                return cid
        except ValueError:
            pass
        found = s.scalar(select(Case.id).where(Case.case_no == case_no_or_id.strip(), Case.deleted_at.is_(None)))
        if found is None:
            raise MediationError("case.not_found", value=case_no_or_id)
        return found


def apply_action(uow: UnitOfWork, actor: Actor, case: Case, action: CaseAction, *,
                 on: dt.date | None = None, reason: str | None = None, retention: str | None = None) -> None:
    """Move ``case`` by ``action`` inside an open unit of work (roles and reasons checked). 归档 writes the
    保管期限 ``retention`` (checked: 永久/长期/短期 or “N年”) in the same step; none given keeps what is
    written (an empty one counts as the default period, see :mod:`.retention`)."""
    require_day(on, "case.date")
    require_text(reason, "case.reason")
    if action in lifecycle.REQUIRES_DIRECTOR and actor.role != Role.DIRECTOR:
        raise MediationError("account.forbidden", action=lifecycle.ACTION_LABELS_ZH[action])
    if action == CaseAction.REOPEN and not (reason or uow.reason):
        raise MediationError("case.reason_required")
    try:
        new_status = lifecycle.transition(case.status, action)
    except lifecycle.IllegalTransition:
        raise MediationError("case.action_not_allowed", status=lifecycle.STATUS_LABELS_ZH[case.status],
                             action=lifecycle.ACTION_LABELS_ZH[action]) from None
    day = on or china_today()
    if reason:
        uow.reason = reason
    case.status = new_status
    if action == CaseAction.ACCEPT:
        case.accepted_on = day
    if action in _CLOSING:
        case.closed_on = day
    if action == CaseAction.REOPEN:
        case.closed_on = None
    if action in (CaseAction.TERMINATE, CaseAction.REOPEN):
        _note_termination_day(case, day if action == CaseAction.TERMINATE else None)
    if action in (CaseAction.ARCHIVE, CaseAction.REOPEN):
        binding = action == CaseAction.ARCHIVE
        _note_archive_day(case, day if binding else None, actor.display_name if binding and actor.user_id else "")
    if action == CaseAction.ARCHIVE and retention is not None:
        from mediation_desktop.services.retention import check_period, retention_table

        case.archive_retention = check_period(retention, retention_table(uow.session))


def _note_termination_day(case: Case, day: dt.date | None) -> None:
    """The day mediation was terminated (终止调解), which the 终止人民调解通知书 is dated with, kept in ``extra`` (it
    travels with the case to the township): a later 移交 moves ``closed_on`` to the referral's day, and the notice
    must still carry the day of the termination it records. Reopening takes it away."""
    from mediation_desktop.documents.snapshot import TERMINATED_ON_KEY

    extra = {k: v for k, v in (case.extra or {}).items() if k != TERMINATED_ON_KEY}
    if day is not None:
        extra[TERMINATED_ON_KEY] = day.isoformat()
    if extra != (case.extra or {}):
        case.extra = extra  # a new dict: the JSON column sees the change


def _note_archive_day(case: Case, day: dt.date | None, by: str = "") -> None:
    """The day the 卷宗 was bound (归档), which its cover, 结案报告表, 情况说明 and 封底 print, and who bound it (the
    cover's 立卷人: a signed-in user's display name), kept in ``extra`` (it travels with the case to the township);
    reopening takes both away."""
    from mediation_desktop.documents.snapshot import ARCHIVED_BY_KEY, ARCHIVED_ON_KEY

    extra = {k: v for k, v in (case.extra or {}).items() if k not in (ARCHIVED_ON_KEY, ARCHIVED_BY_KEY)}
    if day is not None:
        extra[ARCHIVED_ON_KEY] = day.isoformat()
    if day is not None and by.strip():
        extra[ARCHIVED_BY_KEY] = by.strip()
    if extra != (case.extra or {}):
        case.extra = extra  # a new dict: the JSON column sees the change


def change_status(db: Database, actor: Actor, case_id: uuid.UUID, action: CaseAction, *,
                  on: dt.date | None = None, reason: str | None = None, retention: str | None = None,
                  dry_run: bool = False) -> CaseStatus:
    """One lifecycle action as one user action (one transaction; 归档 with its 保管期限 ``retention``).
    ``dry_run``: every check, nothing written (the window checks before it asks 确定要…吗？)."""
    with UnitOfWork(db, actor=actor.username, action=f"case.{action.value}", reason=reason) as uow:
        case = owned_case(uow, case_id, actor)
        apply_action(uow, actor, case, action, on=on, reason=reason, retention=retention)
        if not dry_run:
            uow.commit()
        return case.status


def refer_case(db: Database, actor: Actor, case_id: uuid.UUID, *, to_org_code: str, to_org_name: str,
               reason: str, on: dt.date | None = None) -> uuid.UUID:
    """移交: record the referral up (the receiving committee opens its own linked case)."""
    require_text(to_org_name, "case.to_org_name")
    require_text(reason, "case.reason")
    with UnitOfWork(db, actor=actor.username, action="case.refer") as uow:
        case = owned_case(uow, case_id, actor)
        apply_action(uow, actor, case, CaseAction.REFER, on=on)
        ref = Referral(case=case, referred_on=on or china_today(), to_org_code=to_org_code.strip(),
                       to_org_name=to_org_name.strip(), reason=reason.strip())
        uow.session.add(ref)
        uow.commit()
        return ref.id


# Statuses in which the mediation is over: changing the registration then needs a reason (it is on paper).
_CLOSED = {CaseStatus.AGREED, CaseStatus.FAILED, CaseStatus.DECLINED, CaseStatus.PERFORMED, CaseStatus.REFERRED,
           CaseStatus.ARCHIVED}


def _require_before_records(case: Case, day: dt.date) -> None:
    """A corrected registration day is not after what the case already records (a sitting, an investigation, a
    follow-up, a signed agreement): the same order the records keep to (``records.require_in_case``)."""
    from mediation_desktop.domain.china_time import day_in_china

    dated = [day_in_china(r.held_at) for r in case.sessions if r.deleted_at is None]
    dated += [day_in_china(r.held_at) for r in case.investigations if r.deleted_at is None]
    dated += [f.visited_on for f in case.follow_ups if f.deleted_at is None]
    dated += [a.signed_on for a in case.agreements if a.signed_on is not None]
    first = min(dated, default=None)
    if first is not None and day > first:
        raise MediationError("case.registered_after_records", day=day.isoformat(), first=first.isoformat(),
                             field="registered_on")


def update_case(db: Database, actor: Actor, case_id: uuid.UUID, data: CaseInput, *,
                reason: str | None = None, today: dt.date | None = None) -> tuple[str, ...]:
    """Correct what was registered (category, facts, flags, parties) in one transaction.

    Parties keep their identity (``PartyInput.party_id``): changed ones are updated, new ones added,
    missing ones become tombstones so the removal travels to the township too. A closed case needs a
    reason, checked last: a correction refused for anything else is refused without asking why. The search
    index follows in the same transaction. Returns the parties' warnings.
    """
    from mediation_desktop.domain.categories import scheme

    today = today or china_today()
    checked, amount, source = _checked_input(data, today)
    require_text(reason, "case.reason")
    with UnitOfWork(db, actor=actor.username, action="case.edit", reason=reason) as uow:
        case = owned_case(uow, case_id, actor)
        if not is_valid(data.category_code, case.category_scheme) and is_valid(data.category_code, CURRENT_SCHEME):
            case.category_scheme = CURRENT_SCHEME  # re-coded in the current list (the old code is in the audit log)
        if not is_valid(data.category_code, case.category_scheme):
            raise MediationError("case.category", value=data.category_code)
        categories = scheme(case.category_scheme)
        old = [p for p in sorted(case.parties, key=lambda p: p.position) if p.deleted_at is None]
        old_names, old_label = [p.name for p in old], categories.label(case.category_code, "zh")
        generated = {default_title(old_names, old_label), default_title(old_names, old_label, [p.role for p in old])}
        if data.title.strip():
            case.title = data.title.strip()
        elif case.title in generated:  # a title the program made follows the new names and category
            names, roles = _names_and_roles(checked)
            case.title = default_title(names, categories.label(data.category_code, "zh"), roles)
        case.category_code = data.category_code
        case.source, case.source_detail = source, data.source_detail
        if data.registered_on is not None:
            _require_before_records(case, data.registered_on)
            case.registered_on = data.registered_on
        case.summary = data.summary.strip()
        case.requests = [r.strip() for r in data.requests if r.strip()]
        case.amount_involved = amount
        case.escalation_risk, case.risk_note, case.non_public = data.escalation_risk, data.risk_note, data.non_public
        if data.mediator_name.strip():
            case.mediator_name = data.mediator_name.strip()
        if data.recorder_name.strip():
            case.recorder_name = data.recorder_name.strip()
        existing = {p.id: p for p in case.parties if p.deleted_at is None}
        kept: set[uuid.UUID] = set()
        warnings: list[str] = []
        for position, (given, c) in enumerate(zip(data.parties, checked, strict=True)):
            party = existing.get(given.party_id) if given.party_id else None
            warnings.extend(c.warnings)
            if party is None:
                party = Party(position=position, **c.values)
                case.parties.append(party)
                continue
            kept.add(party.id)
            party.position = position
            for key, value in _correction(party, given, c).items():
                if getattr(party, key) != value:
                    setattr(party, key, value)
            if party.representative and "party.minor" in c.warnings:  # (a 法定代理人 kept as stored: not missing)
                warnings.remove("party.minor")
        for pid, party in existing.items():
            if pid not in kept:
                party.deleted_at = dt.datetime.now(dt.UTC)
        uow.session.flush()
        search.reindex_case(uow.session.connection(), case.id)
        if case.status in _CLOSED and not (reason or "").strip():  # (last: the window asks why only for a
            raise MediationError("case.reason_required")            # correction every other check takes)
        uow.commit()
    return tuple(warnings)


# Fields a correction keeps when the input leaves them out (None): the registration form once knew only
# name, ID, phone and address, and a correction must never wipe what the 协议书 prints.
_KEPT_WHEN_NOT_GIVEN = ("ethnicity", "occupation", "representative", "representative_title",
                        "representative_id_number", "representative_phone", "representative_address")
_DERIVED_FROM_ID = ("sex", "birth_date", "age")


def _correction(party: Party, given: PartyInput, checked: CheckedParty) -> dict[str, object]:
    """The values to write on a stored party: what was given, and stored values for what was not.

    With ``given.keep_unset`` a field left at None keeps its stored value. Sex, birth date and age
    derived from an ID number that did not change stay as stored whatever the input (the age is the
    age on registration, not today's); a new ID number derives them afresh.
    """
    values = dict(checked.values)
    if given.keep_unset:
        for key in _KEPT_WHEN_NOT_GIVEN:
            if getattr(given, key) is None:
                values[key] = getattr(party, key)
    new_id = values.get("id_number")
    keep_derived = (new_id is not None and new_id == party.id_number) or (new_id is None and given.keep_unset)
    for key in _DERIVED_FROM_ID:
        if keep_derived and getattr(given, key) in (None, "") and getattr(party, key) is not None:
            values[key] = getattr(party, key)
    return values


def void_case(db: Database, actor: Actor, case_id: uuid.UUID, *, reason: str) -> None:
    """作废: a case registered by mistake disappears from lists and search (a tombstone, audited). A dispute of the
    screening register linked to it is open again (待处理: its link cleared in the same transaction, so the finding
    travels in the next bundle like any edit)."""
    require_director(actor, "作废案件")
    require_text(reason, "case.reason")
    if not reason.strip():
        raise MediationError("case.reason_required")
    with UnitOfWork(db, actor=actor.username, action="case.void", reason=reason.strip()) as uow:
        case = owned_case(uow, case_id, actor)
        case.deleted_at = dt.datetime.now(dt.UTC)
        for finding in uow.session.scalars(select(ScreeningFinding).where(ScreeningFinding.case_id == case.id)):
            finding.case_id = None
        uow.session.flush()
        search.forget_cases(uow.session.connection(), [case.id])
        uow.commit()
