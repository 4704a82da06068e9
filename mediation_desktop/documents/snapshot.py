"""Frozen snapshots of what a document shows, read once from the database (renderers never see ORM objects).

The storage layer is imported inside the reading functions only: rendering a snapshot (a preview, the
benchmark's first PDF) must not pay for importing SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from mediation_desktop.domain.china_time import china_today, in_china
from mediation_desktop.errors import MediationError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mediation_desktop.storage.database import Database
    from mediation_desktop.storage.models import Agreement, Case, FollowUp, Investigation, MediationSession, Party


@dataclass(frozen=True)
class PartySnapshot:
    """当事人 as printed: a person, or an organisation with its representative."""

    role: str
    is_organisation: bool
    name: str
    sex: str | None = None
    ethnicity: str | None = None
    age: int | None = None
    occupation: str | None = None
    phone: str | None = None
    address: str | None = None
    id_number: str | None = None
    credit_code: str | None = None
    representative: str | None = None
    representative_title: str | None = None
    # a person's 法定代理人 (None for an organisation): 身份证号码, phone, address
    representative_id_number: str | None = None
    representative_phone: str | None = None
    representative_address: str | None = None


@dataclass(frozen=True)
class SessionSnapshot:
    """人民调解记录: one sitting (several per case; 背靠背 = each party separately)."""

    held_at: dt.datetime  # China's wall clock
    place: str
    subject: str
    participants: str
    parties_present: str
    back_to_back: bool
    rights_told: bool
    record: str
    risk_warning: str
    result: str  # SessionResult value
    mediator: str
    recorder: str


@dataclass(frozen=True)
class InvestigationSnapshot:
    """人民调解调查记录."""

    held_at: dt.datetime  # China's wall clock
    place: str
    participants: str
    interviewee: str  # 被调查人
    investigator: str  # 调查人
    recorder: str
    record: str  # 问/答


@dataclass(frozen=True)
class FollowUpSnapshot:
    """人民调解回访记录."""

    visited_on: dt.date
    visitee: str  # 被回访人
    reason: str  # 回访事由
    performance: str  # Performance value
    satisfied: bool | None
    new_lawsuit: bool
    hidden_risks: str
    measures: str
    findings: str
    visitor: str  # 回访人


@dataclass(frozen=True)
class AttachmentSnapshot:
    """A file kept with the case (a scan of a receipt, a photo of evidence …)."""

    kind: str  # AttachmentKind value
    filename: str
    description: str
    sha256: str
    media_type: str
    added_on: dt.date


@dataclass(frozen=True)
class CaseSnapshot:
    """The case as a document sees it."""

    committee_name: str
    case_no: str
    title: str
    summary: str
    requests: tuple[str, ...]
    registered_on: dt.date
    accepted_on: dt.date | None
    closed_on: dt.date | None
    mediator_name: str
    recorder_name: str
    parties: tuple[PartySnapshot, ...]
    category: str = ""  # 纠纷类型, its Chinese label
    source: str = "application"  # CaseSource value
    source_detail: str = ""
    archive_retention: str = ""  # 保管期限
    sessions: tuple[SessionSnapshot, ...] = ()
    investigations: tuple[InvestigationSnapshot, ...] = ()
    follow_ups: tuple[FollowUpSnapshot, ...] = ()
    has_agreement: bool = False
    status: str = ""  # CaseStatus value
    attachments: tuple[AttachmentSnapshot, ...] = ()
    paper_pages: tuple[tuple[str, int], ...] = ()  # 卷宗: pages of each paper-only item (当事人身份证明 …)
    end_reason: str = ""  # why mediation was terminated or declined (the reason given with that step)
    referred_to: str = ""  # 移交: the receiving committee
    referred_on: dt.date | None = None
    referral_reason: str = ""
    amount: Decimal | None = None  # 涉及金额: the case's amount involved, the figure the 台账 and the statistics count
    # the form of the agreement in effect (written / oral / unrecorded; domain.agreement_form), "" without one
    agreement_form: str = ""
    agreement_number: str = ""
    performance: str = ""  # the current agreement's Performance value
    confirmation_applied_on: dt.date | None = None
    confirmation_court: str = ""  # 司法确认: the court applied to
    confirmed_on: dt.date | None = None  # the day the court ruled the agreement valid (None: not ruled, not recorded)
    # 终止调解: the day mediation was terminated (a later 移交 moves ``closed_on`` to its own day); None when not
    # terminated, or when the day is not known (then written by hand)
    terminated_on: dt.date | None = None

    def pages_of(self, item: str) -> int:
        """The pages of a paper-only item as the mediator entered them (0 when not entered)."""
        return dict(self.paper_pages).get(item, 0)
    from_ledger: bool = False  # 据台账补录: imported from an old ledger (its file holds only what the ledger does)
    # 结案时间: the day the case ended — the 回访 that found the agreement performed, else the day it was agreed,
    # terminated, declined or referred (``closed_on``); None while it is open
    ended_on: dt.date | None = None
    # 立卷日期: the day the file was bound (归档); None before (a preview leaves it to be written by hand)
    archived_on: dt.date | None = None
    # 立卷人: the display name of who bound the file (归档); "" when not known (left to be written by hand)
    archived_by: str = ""


@dataclass(frozen=True)
class AgreementSnapshot:
    """人民调解协议书: everything the renderer draws, nothing more."""

    committee_name: str
    number: str  # 编号: the case's number
    version: int
    status: str
    parties: tuple[PartySnapshot, ...]
    facts: str  # 纠纷主要事实、争议事项
    terms: tuple[str, ...]  # 一、二、…
    performance_method: str  # 履行方式
    performance_place: str  # 履行地点
    performance_deadline: dt.date | None  # 履行期限
    amount: Decimal | None
    copies: int  # 一式＿份
    mediator_name: str
    recorder_name: str
    date: dt.date | None  # the date printed above the seal (signing date, else the day it is printed)
    form: str = "written"  # AgreementForm value
    confirmation_court: str = ""  # 司法确认: the court applied to
    # 分期履行: each term's own 履行期限 in the order of ``terms`` (None: that term has none); () when no term has one
    term_deadlines: tuple[dt.date | None, ...] = ()

    def term_deadline(self, index: int) -> dt.date | None:
        """The ``index``-th term's own 履行期限 (1-based), or None."""
        return self.term_deadlines[index - 1] if 0 < index <= len(self.term_deadlines) else None


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def party_snapshot(p: Party, today: dt.date) -> PartySnapshot:
    from mediation_desktop.domain.enums import PartyKind

    org = p.kind == PartyKind.ORGANISATION
    age = p.age if p.age is not None else (age_on(p.birth_date, today) if p.birth_date else None)
    return PartySnapshot(
        role=str(p.role), is_organisation=org, name=p.name, sex=p.sex, ethnicity=p.ethnicity,
        age=None if org else age, occupation=p.occupation, phone=p.phone, address=p.address,
        id_number=None if org else p.id_number, credit_code=p.id_number if org else None,
        representative=p.representative, representative_title=p.representative_title,
        representative_id_number=None if org else p.representative_id_number,
        representative_phone=None if org else p.representative_phone,
        representative_address=None if org else p.representative_address)


def _committee(s: Session, case: Case) -> str:
    """The committee a case belongs to (its owner), as its documents name it.

    A hub (township, county) prints the cases of its villages too: their documents carry the village
    committee's name, never the hub's. Our own cases: this installation's name. Another unit's: the name in
    that unit's key record (``sync_peer``: every sender of an imported bundle, and the units a hub's
    roster vouched for) — the key of the very installation that owns the case first, else the newest
    key of its org code. Unknown (no key record, which an import never leaves): the owner's org code as
    it is — true and traceable, where any name would be a guess and this installation's name is wrong.
    """
    from sqlalchemy import select

    from mediation_desktop.storage.models import Installation, SyncPeer

    inst = s.scalar(select(Installation).limit(1))
    if inst is not None and (case.owner_org_code == inst.org_code or case.owner_installation_id == inst.id):
        return inst.org_name
    peer = s.get(SyncPeer, case.owner_installation_id)
    if peer is not None and peer.org_code == case.owner_org_code and peer.org_name:
        return peer.org_name
    name = s.scalar(select(SyncPeer.org_name).where(SyncPeer.org_code == case.owner_org_code)
                    .order_by(SyncPeer.trusted_at.desc()).limit(1))
    return name or case.owner_org_code


def _case(s: Session, case_id: uuid.UUID) -> Case:
    from mediation_desktop.storage.models import Case

    case = s.get(Case, case_id)
    if case is None or case.deleted_at is not None:
        raise MediationError("case.not_found", value=str(case_id))
    return case


def case_snapshot(db: Database, case_id: uuid.UUID, *, today: dt.date | None = None) -> CaseSnapshot:
    """Read a case, its parties and its sessions (read-only session)."""
    from mediation_desktop.domain.categories import UnknownCategoryScheme, scheme

    today = today or china_today()
    with db.read_session() as s:
        case = _case(s, case_id)
        committee = _committee(s, case)
        try:
            category = scheme(case.category_scheme).label(case.category_code, "zh")
        except (UnknownCategoryScheme, KeyError, ValueError):  # unknown: print the code itself
            category = case.category_code
        return CaseSnapshot(
            committee_name=committee, case_no=case.case_no, title=case.title, summary=case.summary or "",
            requests=tuple(case.requests or ()), registered_on=case.registered_on, accepted_on=case.accepted_on,
            closed_on=case.closed_on, mediator_name=case.mediator_name, recorder_name=case.recorder_name,
            parties=tuple(party_snapshot(p, today) for p in case.parties if p.deleted_at is None),
            category=category, source=str(case.source), source_detail=case.source_detail or "",
            archive_retention=case.archive_retention or "",
            sessions=tuple(_session(x) for x in case.sessions if x.deleted_at is None),
            investigations=tuple(_investigation(x) for x in case.investigations if x.deleted_at is None),
            follow_ups=tuple(_follow_up(x) for x in case.follow_ups if x.deleted_at is None),
            has_agreement=any(a.deleted_at is None and a.form == "written" and a.status != "superseded"
                              for a in case.agreements),
            status=str(case.status), **_case_file_facts(s, case),
            from_ledger=isinstance(case.extra, dict) and "ledger_fingerprint" in case.extra)


#: the paper-only parts of a case file whose pages the mediator enters, in the order of the contents list
PAPER_ITEMS = ("identity", "power_of_attorney", "evidence", "performance", "confirmation")
PAPER_PAGES_KEY = "casefile_pages"  # in Case.extra: {item: pages} of the paper-only parts of the 卷宗
ARCHIVED_ON_KEY = "archived_on"  # in Case.extra: the day of the 归档 action (ISO), the 卷宗's 立卷日期
ARCHIVED_BY_KEY = "archived_by"  # in Case.extra: the display name of the user who did it, the 卷宗's 立卷人
TERMINATED_ON_KEY = "terminated_on"  # in Case.extra: the day of the 终止调解 action (ISO), the 终止通知书's date


def noted_day(extra: object, key: str) -> dt.date | None:
    """A day an action noted in a case's ``extra`` (ISO text); None when not noted or malformed (as if not noted)."""
    noted = extra.get(key) if isinstance(extra, dict) else None
    if isinstance(noted, str):
        try:
            return dt.date.fromisoformat(noted)
        except ValueError:
            return None
    return None


def paper_pages(extra: object) -> tuple[tuple[str, int], ...]:
    """The paper items' page counts kept in a case's ``extra`` (anything malformed counts as not entered)."""
    found = extra.get(PAPER_PAGES_KEY) if isinstance(extra, dict) else None
    if not isinstance(found, dict):
        return ()
    return tuple(sorted((str(k), v) for k, v in found.items() if isinstance(v, int) and 0 < v < 10_000))


def _case_file_facts(s: Session, case: Case) -> dict[str, Any]:
    """What the whole 卷宗 needs beyond the forms: attachments, paper pages, how the case ended, the agreement."""
    from sqlalchemy import select

    from mediation_desktop.domain.agreement_form import agreement_in_effect
    from mediation_desktop.storage.models import Attachment, AuditEntry

    ended = AuditEntry.action.startswith("case.terminate/") | AuditEntry.action.startswith("case.decline/")
    reason = s.scalar(select(AuditEntry.reason).where(
        AuditEntry.case_id == str(case.id), ended,
        AuditEntry.reason.is_not(None)).order_by(AuditEntry.seq.desc()).limit(1))
    referral = max((r for r in case.referrals if r.deleted_at is None), key=lambda r: r.referred_on, default=None)
    agreement = agreement_in_effect(case.agreements)  # the one rule the 台账 and the statistics follow too
    attachments = tuple(AttachmentSnapshot(
        kind=str(x.kind), filename=x.filename, description=x.description, sha256=x.sha256, media_type=x.media_type,
        added_on=in_china(x.created_at).date() if x.created_at else case.registered_on)
        for x in s.scalars(select(Attachment).where(Attachment.case_id == case.id, Attachment.deleted_at.is_(None))
                           .order_by(Attachment.created_at)))
    return {
        "attachments": attachments, "paper_pages": paper_pages(case.extra), "end_reason": reason or "",
        "referred_to": referral.to_org_name if referral else "",
        "referred_on": referral.referred_on if referral else None,
        "referral_reason": referral.reason if referral else "",
        "amount": case.amount_involved,
        "agreement_form": str(agreement.form) if agreement else "",
        "agreement_number": (agreement.number or case.case_no) if agreement else "",
        "performance": str(agreement.performance) if agreement else "",
        "confirmation_applied_on": agreement.confirmation_applied_on if agreement else None,
        "confirmation_court": (agreement.confirmation_court or "") if agreement else "",
        "confirmed_on": agreement.confirmed_on if agreement else None, "terminated_on": terminated_on(s, case),
        "ended_on": _ended_on(case, agreement), "archived_on": _archived_on(s, case),
        "archived_by": _archived_by(s, case)}


def terminated_on(s: Session, case: Case) -> dt.date | None:
    """The day mediation was terminated (终止调解): the day its action noted, else (terminated before that was
    kept) the closing day the audit log recorded with the change into 调解不成, else the case's closing day when no
    移交 came after it (only a terminated case's notice prints it); None when the day is not known (a case received
    from a village before it was kept and referred since: the notice's date is then written by hand)."""
    from sqlalchemy import select

    from mediation_desktop.storage.models import AuditEntry

    noted = noted_day(case.extra, TERMINATED_ON_KEY)
    if noted is not None:
        return noted
    for data in s.scalars(select(AuditEntry.data).where(
            AuditEntry.case_id == str(case.id), AuditEntry.entity_type == "mediation_case",
            AuditEntry.action.startswith("case.terminate/")).order_by(AuditEntry.seq.desc())):
        after = data.get("after") if isinstance(data, dict) else None
        if isinstance(after, dict) and after.get("status") == "failed" and isinstance(after.get("closed_on"), str):
            try:
                return dt.date.fromisoformat(after["closed_on"])
            except ValueError:
                break
    referred = any(r.deleted_at is None for r in case.referrals)
    return case.closed_on if str(case.status) in ("failed", "archived") and not referred else None


def _ended_on(case: Case, agreement: Agreement | None) -> dt.date | None:
    """结案时间 (the day performance was complete, or the case otherwise ended): an agreement performed in full ends
    the case on the first 回访 that found it so (the day it was marked 履行完毕); any other end is ``closed_on``."""
    if agreement is not None and str(agreement.performance) == "done":
        since = agreement.signed_on or case.closed_on
        done = [f.visited_on for f in case.follow_ups if f.deleted_at is None and str(f.performance) == "done"
                and (since is None or f.visited_on >= since)]
        if done:
            return min(done)
    return case.closed_on


def _archived_on(s: Session, case: Case) -> dt.date | None:
    """The day an archived case was bound: the day its 归档 action recorded, else (archived before that was kept)
    the China day of the newest 归档 in the audit log; None for a case not archived, or archived by no 归档 here
    (an old ledger's, another unit's from before) — its 立卷日期 is then written by hand."""
    from sqlalchemy import select

    from mediation_desktop.domain.lifecycle import CaseStatus
    from mediation_desktop.storage.models import AuditEntry

    if case.status != CaseStatus.ARCHIVED:
        return None
    noted = noted_day(case.extra, ARCHIVED_ON_KEY)
    if noted is not None:
        return noted
    for at, data in s.execute(select(AuditEntry.at, AuditEntry.data).where(
            AuditEntry.case_id == str(case.id), AuditEntry.action == "case.archive/update",
            AuditEntry.entity_type == "mediation_case").order_by(AuditEntry.seq.desc())):
        after = data.get("after") if isinstance(data, dict) else None
        if isinstance(after, dict) and after.get("status") == str(CaseStatus.ARCHIVED):
            return in_china(at).date()
    return None


def _archived_by(s: Session, case: Case) -> str:
    """Who bound an archived case (立卷人): the name its 归档 action recorded, else (archived before that was kept)
    the display name of the user the audit log names for the newest 归档; "" when no user is known (an old ledger's
    case, another unit's, the command line's system actor) — it is then written by hand."""
    from sqlalchemy import select

    from mediation_desktop.domain.lifecycle import CaseStatus
    from mediation_desktop.storage.models import AuditEntry, User

    if case.status != CaseStatus.ARCHIVED:
        return ""
    noted = case.extra.get(ARCHIVED_BY_KEY) if isinstance(case.extra, dict) else None
    if isinstance(noted, str) and noted.strip():
        return noted.strip()[:50]
    for actor, data in s.execute(select(AuditEntry.actor, AuditEntry.data).where(
            AuditEntry.case_id == str(case.id), AuditEntry.action == "case.archive/update",
            AuditEntry.entity_type == "mediation_case").order_by(AuditEntry.seq.desc())):
        after = data.get("after") if isinstance(data, dict) else None
        if isinstance(after, dict) and after.get("status") == str(CaseStatus.ARCHIVED):
            name = s.scalar(select(User.display_name).where(User.username == actor))
            return (name or "").strip()
    return ""


def _investigation(x: Investigation) -> InvestigationSnapshot:
    return InvestigationSnapshot(
        held_at=in_china(x.held_at), place=x.place, participants=x.participants, interviewee=x.interviewee,
        investigator=x.investigator, recorder=x.recorder, record=x.record)


def _follow_up(x: FollowUp) -> FollowUpSnapshot:
    return FollowUpSnapshot(
        visited_on=x.visited_on, visitee=x.visitee, reason=x.reason, performance=str(x.performance),
        satisfied=x.satisfied, new_lawsuit=x.new_lawsuit, hidden_risks=x.hidden_risks, measures=x.measures,
        findings=x.findings, visitor=x.visitor)


def _session(x: MediationSession) -> SessionSnapshot:
    return SessionSnapshot(
        held_at=in_china(x.held_at), place=x.place, subject=x.subject, participants=x.participants,
        parties_present=x.parties_present, back_to_back=x.back_to_back, rights_told=x.rights_told, record=x.record,
        risk_warning=x.risk_warning, result=str(x.result), mediator=x.mediator, recorder=x.recorder)


def agreement_snapshot(db: Database, case_id: uuid.UUID, *, today: dt.date | None = None,
                       form: str = "written") -> AgreementSnapshot:
    """The case's current agreement of ``form`` (written or oral; the newest version not superseded)."""
    from mediation_desktop.domain.enums import AgreementForm, AgreementStatus
    from mediation_desktop.domain.instalments import term_deadline_days

    today = today or china_today()
    with db.read_session() as s:
        case = _case(s, case_id)
        committee = _committee(s, case)
        found = [a for a in case.agreements
                 if a.deleted_at is None and a.form == AgreementForm(form) and a.status != AgreementStatus.SUPERSEDED]
        if not found:
            raise MediationError("document.no_oral_agreement" if form == "oral" else "document.no_agreement",
                                 case_no=case.case_no)
        a: Agreement = max(found, key=lambda x: x.version)
        return AgreementSnapshot(
            committee_name=committee, number=a.number or case.case_no, version=a.version, status=str(a.status),
            parties=tuple(party_snapshot(p, a.signed_on or today) for p in case.parties if p.deleted_at is None),
            facts=a.facts or case.summary or "", terms=tuple(a.terms or ()),
            performance_method=a.performance_method or "", performance_place=a.performance_place or "",
            performance_deadline=a.performance_deadline,
            # an oral agreement's register shows 涉及金额: the case's, as the 台账 and the statistics count it
            amount=case.amount_involved if form == "oral" else a.amount, copies=a.copies,
            mediator_name=a.mediator_name or case.mediator_name, recorder_name=a.recorder_name or case.recorder_name,
            date=a.signed_on or today, form=str(a.form), confirmation_court=a.confirmation_court or "",
            term_deadlines=term_deadline_days(a.term_deadlines))


def draft_agreement_snapshot(db: Database, case_id: uuid.UUID, *, facts: str, terms: tuple[str, ...],
                             performance_method: str, performance_place: str,
                             performance_deadline: dt.date | None, amount: Decimal | None, copies: int,
                             term_deadlines: tuple[dt.date | None, ...] = (),
                             today: dt.date | None = None) -> AgreementSnapshot:
    """The agreement as it is being typed (not saved): the live preview of the agreement editor.

    Everything that is not on the form (committee, number, parties, mediator) comes from the case as
    stored, exactly as the printed agreement takes it.
    """
    today = today or china_today()
    with db.read_session() as s:
        case = _case(s, case_id)
        committee = _committee(s, case)
        return AgreementSnapshot(
            committee_name=committee, number=case.case_no, version=1, status="draft",
            parties=tuple(party_snapshot(p, today) for p in case.parties if p.deleted_at is None),
            facts=facts or case.summary or "", terms=terms, performance_method=performance_method,
            performance_place=performance_place, performance_deadline=performance_deadline, amount=amount,
            copies=copies, mediator_name=case.mediator_name, recorder_name=case.recorder_name, date=today,
            term_deadlines=term_deadlines if any(term_deadlines) else ())
