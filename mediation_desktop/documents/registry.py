"""Which documents exist, and rendering one for a case straight from the database."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mediation_desktop.domain.china_time import china_today
from mediation_desktop.errors import MediationError
from mediation_desktop.storage.database import Database

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mediation_desktop.storage.models import Case


def _agreement(db: Database, case_id: uuid.UUID, today: dt.date | None) -> bytes:
    from mediation_desktop.documents.agreement import render_agreement
    from mediation_desktop.documents.snapshot import agreement_snapshot

    return render_agreement(agreement_snapshot(db, case_id, today=today))


def _case_form(name: str) -> Callable[[Database, uuid.UUID, dt.date | None], bytes]:
    def render(db: Database, case_id: uuid.UUID, today: dt.date | None) -> bytes:
        from mediation_desktop.documents import case_forms, casefile, closing_forms, records
        from mediation_desktop.documents.snapshot import case_snapshot

        renderers = {"application": case_forms.ApplicationRenderer, "acceptance": case_forms.AcceptanceRenderer,
                     "notice": case_forms.NoticeRenderer, "session": casefile.SessionRecordRenderer,
                     "cover": casefile.CoverRenderer, "investigation": records.InvestigationRenderer,
                     "followup": records.FollowUpRenderer, "termination": closing_forms.TerminationRenderer}
        return renderers[name](case_snapshot(db, case_id, today=today)).generate()

    return render


def _filing(name: str) -> Callable[[Database, uuid.UUID, dt.date | None], bytes]:
    def render(db: Database, case_id: uuid.UUID, today: dt.date | None) -> bytes:
        from mediation_desktop.documents import filing
        from mediation_desktop.documents.snapshot import case_snapshot

        snap = case_snapshot(db, case_id, today=today)
        if name == "closing_report":
            return filing.ClosingReportRenderer(snap, case_facts(db, case_id).ending).generate()
        renderers = {"evidence": filing.EvidenceListRenderer, "decline": filing.DeclineNoticeRenderer,
                     "referral": filing.ReferralNoticeRenderer}
        return renderers[name](snap).generate()

    return render


def _oral(db: Database, case_id: uuid.UUID, today: dt.date | None) -> bytes:
    from mediation_desktop.documents.closing_forms import OralAgreementRenderer
    from mediation_desktop.documents.snapshot import agreement_snapshot

    return OralAgreementRenderer(agreement_snapshot(db, case_id, today=today, form="oral")).generate()


def _confirmation(db: Database, case_id: uuid.UUID, today: dt.date | None) -> bytes:
    from mediation_desktop.documents.closing_forms import ConfirmationRenderer
    from mediation_desktop.documents.snapshot import agreement_snapshot, case_snapshot

    return ConfirmationRenderer(agreement_snapshot(db, case_id, today=today),
                                case_snapshot(db, case_id, today=today)).generate()


def _contents(db: Database, case_id: uuid.UUID, today: dt.date | None) -> bytes:
    from mediation_desktop.documents.bundle import contents_and_parts

    return contents_and_parts(db, case_id, today)[0]


def _casefile(db: Database, case_id: uuid.UUID, today: dt.date | None) -> bytes:
    from mediation_desktop.documents.bundle import render_case_file

    return render_case_file(db, case_id, today)


# DOC name on the command line → renderer, in the order of a case file (卷宗)
DOCUMENTS: dict[str, Callable[[Database, uuid.UUID, dt.date | None], bytes]] = {
    "cover": _case_form("cover"),
    "contents": _contents,
    "application": _case_form("application"),
    "acceptance": _case_form("acceptance"),
    "notice": _case_form("notice"),
    "investigation": _case_form("investigation"),
    "evidence": _filing("evidence"),
    "session": _case_form("session"),
    "agreement": _agreement,
    "oral": _oral,
    "termination": _case_form("termination"),
    "decline": _filing("decline"),
    "referral": _filing("referral"),
    "followup": _case_form("followup"),
    "confirmation": _confirmation,
    "closing_report": _filing("closing_report"),
    "casefile": _casefile,
}


def check_document(doc: str) -> None:
    """Refuse a document name this program does not make (before anything is read or written)."""
    if doc not in DOCUMENTS:
        raise MediationError("document.unknown", doc=doc, choices=", ".join(DOCUMENTS))


# --- which documents fit a case -----------------------------------------------------------------------
# A document states facts: 「经本委员会调解，未能达成调解协议…决定终止调解」 printed for a settled case is a
# false official paper. Each document is offered (and made) only when the case is in a state it describes.

#: How a case ended, as far as the documents care.
OPEN, AGREED, FAILED, DECLINED, REFERRED = "open", "agreed", "failed", "declined", "referred"
#: how the 结案报告表 and the 卷宗情况说明 tell a case terminated (调解不成) and referred (移交) after it
FAILED_THEN_REFERRED = "failed_referred"


@dataclass(frozen=True)
class CaseFacts:
    """What decides which documents a case can have."""

    case_no: str
    status: str  # CaseStatus value
    outcome: str  # OPEN / AGREED / FAILED / DECLINED / REFERRED (an archived case: how it ended before)
    by_application: bool  # 当事人申请 (else 主动调解 or referred: no 申请书)
    written: str | None  # the current written agreement: None, "draft" or "signed"
    oral: bool  # an oral agreement on record (it takes effect the day it is reached, art. 30)
    investigations: int
    sessions: int
    follow_ups: int
    imported_from_ledger: bool = False  # 据台账补录: the case came from an old ledger (reports.ledger_import)
    # 移交 on record (while open, or after mediation was terminated: the outcome then stays FAILED — both the
    # 终止通知书 and the 移送告知书 belong to the file)
    referred: bool = False

    @property
    def ending(self) -> str:
        """How the case ended as its 结案报告表 and 卷宗情况说明 tell it: the outcome, or FAILED_THEN_REFERRED."""
        return FAILED_THEN_REFERRED if self.outcome == FAILED and self.referred else self.outcome


def _ended_as(s: Session, case: Case) -> str | None:
    """The status an archived or referred case had before (归档 and 移交 come after the outcome), from the case's
    audit trail: the newest change into the current status says what it came from. None if the trail does not
    say (demo data, a ledger import, a case received by sync) — but a termination day noted with the case (it
    travels with it) says it was terminated (调解不成) before."""
    from sqlalchemy import select

    from mediation_desktop.storage.models import AuditEntry

    current = str(case.status)
    for data in s.scalars(select(AuditEntry.data).where(AuditEntry.case_id == str(case.id),
                                                        AuditEntry.entity_type == "mediation_case")
                          .order_by(AuditEntry.seq.desc())):
        after = (data or {}).get("after") or {}
        before = (data or {}).get("before") or {}
        if after.get("status") == current and before.get("status"):
            current = str(before["status"])
            if current not in ("archived", "referred"):
                return current
    from mediation_desktop.documents.snapshot import TERMINATED_ON_KEY

    return "failed" if isinstance(case.extra, dict) and case.extra.get(TERMINATED_ON_KEY) else None


def _outcome(status: str, before: str | None, *, effective: bool, referred: bool, accepted: bool) -> str:
    """How the case ended (``before``: what an archived or referred case was before, when known)."""
    from mediation_desktop.domain.lifecycle import OPEN_STATUSES, CaseStatus

    if before is not None:  # archived or referred, and the trail says from what
        if before == "failed":
            return FAILED
        if before in ("agreed", "performed"):
            return AGREED
        if before == "declined":
            return DECLINED
        return REFERRED  # referred while still open (the only way out of an open status into these)
    if CaseStatus(status) in OPEN_STATUSES:
        return OPEN
    if status in ("agreed", "performed"):
        return AGREED
    if status == "failed":
        return FAILED
    if status == "declined":
        return DECLINED
    if status == "referred":
        return REFERRED
    # archived, and the trail does not say how it ended: from what the case holds
    if effective:
        return AGREED
    if referred:
        return REFERRED
    return FAILED if accepted else DECLINED


def case_facts(db: Database, case_id: uuid.UUID) -> CaseFacts:
    """Read what decides which documents fit the case (one read-only session)."""
    from mediation_desktop.documents.snapshot import _case

    with db.read_session() as s:
        case = _case(s, case_id)
        current = [a for a in case.agreements if a.deleted_at is None and str(a.status) != "superseded"]
        written = [a for a in current if str(a.form) == "written"]
        newest = max(written, key=lambda a: a.version) if written else None
        effective = any(str(a.status) == "signed" for a in current)
        status = str(case.status)
        before = _ended_as(s, case) if status in ("archived", "referred") else None
        referral = any(r.deleted_at is None for r in case.referrals)
        outcome = _outcome(status, before, effective=effective, referred=referral,
                           accepted=case.accepted_on is not None)
        return CaseFacts(
            case_no=case.case_no, status=status, outcome=outcome,
            referred=outcome == REFERRED or (outcome == FAILED and referral and status in ("archived", "referred")),
            by_application=str(case.source) == "application",
            written=None if newest is None else ("signed" if str(newest.status) == "signed" else "draft"),
            oral=any(str(a.form) == "oral" for a in current),
            investigations=sum(1 for x in case.investigations if x.deleted_at is None),
            sessions=sum(1 for x in case.sessions if x.deleted_at is None),
            follow_ups=sum(1 for x in case.follow_ups if x.deleted_at is None),
            imported_from_ledger=isinstance(case.extra, dict) and "ledger_fingerprint" in case.extra)


def refusal(doc: str, f: CaseFacts) -> MediationError | None:
    """Why document ``doc`` does not fit the case (a message for the user), or None when it does.

    - 卷宗封面, 卷内目录, 整本卷宗: every case has a file.
    - 申请书: only a case the parties applied for (the case file uses the 受理登记表 otherwise).
    - 受理登记表, 告知书: not for a case declined (不予调解): it was never accepted nor mediated.
    - 调查记录, 调解记录: the records there are, or a blank form while the case is being handled.
    - 协议书: a written agreement (a draft is printed to be signed — not once the case ended without one).
    - 口头协议登记表: an oral agreement on record.
    - 回访记录: an agreement in effect (art. 31: the committee follows up its performance), or visits recorded.
    - 终止人民调解通知书: only when mediation failed and was terminated (art. 26).
    - 司法确认申请书: a signed written agreement, which is in effect (art. 29, 33).
    - 证据材料清单: every case (a list to fill in by hand where nothing is attached).
    - 不予受理通知书: a case declined. 移送告知书: a case referred (移交), while open or after its termination — a later
      step never hides an earlier one: a case terminated and then referred has both notices.
    - 结案报告表: a case that has ended.
    - a case imported from a ledger (据台账补录): the file and the visits the ledger records, nothing else.
    """
    if doc in ("cover", "contents", "casefile"):
        return None
    no = f.case_no
    if f.imported_from_ledger and not (doc == "followup" and f.follow_ups):
        # 据台账补录: only what the ledger holds; no dated 申请书/告知书, no blank signed-looking 协议书
        return MediationError("document.from_ledger", case_no=no)
    if doc == "evidence":
        return None
    if doc == "application":
        return None if f.by_application else MediationError("document.not_applied", case_no=no)
    if f.outcome == DECLINED and doc in ("acceptance", "notice", "investigation", "session"):
        return MediationError("document.case_declined", case_no=no)
    if doc == "investigation" and not f.investigations and f.outcome != OPEN:
        return MediationError("document.no_investigations", case_no=no)
    if doc == "session" and not f.sessions and f.outcome != OPEN:
        return MediationError("document.no_sessions", case_no=no)
    if doc == "agreement":
        if f.written is None:
            return MediationError("document.no_agreement", case_no=no)
        if f.written == "draft" and f.outcome not in (OPEN, AGREED):
            return MediationError("document.agreement_not_reached", case_no=no)
    if doc == "oral" and not f.oral:
        return MediationError("document.no_oral_agreement", case_no=no)
    if doc == "followup" and not f.follow_ups and not (f.outcome == AGREED and (f.written == "signed" or f.oral)):
        return MediationError("document.no_effective_agreement", case_no=no)
    if doc == "termination" and f.outcome != FAILED:
        return MediationError("document.not_terminated", case_no=no)
    if doc == "confirmation" and (f.written != "signed" or f.outcome != AGREED):
        return MediationError("document.no_signed_agreement", case_no=no)
    if doc == "decline" and f.outcome != DECLINED:
        return MediationError("document.not_declined", case_no=no)
    if doc == "referral" and not f.referred:
        return MediationError("document.not_referred", case_no=no)
    if doc == "closing_report" and f.outcome == OPEN:
        return MediationError("document.case_open", case_no=no)
    return None


def fitting_documents(db: Database, case_id: uuid.UUID) -> list[str]:
    """The documents this case can have now, in the order of a case file."""
    facts = case_facts(db, case_id)
    return [doc for doc in DOCUMENTS if refusal(doc, facts) is None]


def render_document(db: Database, doc: str, case_id: uuid.UUID, *, today: dt.date | None = None) -> bytes:
    """The PDF bytes of document ``doc`` for a case, in the township's wording where it has its own
    (``<data dir>/documents/*.json``, laid over the shipped ``resources/documents``).

    A document that does not fit the case's state (a notice of termination for a settled case …) is refused
    with a message saying why (:func:`refusal`)."""
    from mediation_desktop.documents.wording import township_wording

    check_document(doc)
    problem = refusal(doc, case_facts(db, case_id))
    if problem is not None:
        raise problem
    with township_wording(db.paths.root / "documents"):
        return DOCUMENTS[doc](db, case_id, today)


def page_count(pdf: bytes) -> int:
    """The number of pages of a PDF this program made (ReportLab writes one ``/Type /Page`` per page)."""
    return len(re.findall(rb"/Type /Page\b(?!s)", pdf))




def document_warning(db: Database, doc: str, case_id: uuid.UUID, *, today: dt.date | None = None
                     ) -> MediationError | None:
    """What the user must be told before document ``doc`` is printed, though it may be (None: nothing).

    司法确认申请书 after art. 33's 30 days: the parties may still apply — whether a late application is admitted is
    the court's decision — but the paper must not go out as if in time. The warning holds when the application was
    recorded after the last day, or, not yet recorded, when today is past it (the 卷宗 only warns for the first:
    it prints the application only once it is recorded)."""
    from mediation_desktop.documents.snapshot import _case
    from mediation_desktop.domain.deadlines import judicial_confirmation_deadline

    if doc not in ("confirmation", "casefile"):
        return None
    today = today or china_today()
    with db.read_session() as s:
        signed = [a for a in _case(s, case_id).agreements if a.deleted_at is None and str(a.form) == "written"
                  and str(a.status) == "signed"]
        if not signed:
            return None
        a = max(signed, key=lambda x: x.version)
        effective, applied_on = a.effective_on or a.signed_on, a.confirmation_applied_on
    if effective is None or (doc == "casefile" and applied_on is None):
        return None
    deadline = judicial_confirmation_deadline(effective)
    if (applied_on or today) <= deadline:
        return None
    return MediationError("document.confirmation_late", effective=effective.isoformat(), deadline=deadline.isoformat())
