"""Which documents exist, and rendering one for a case straight from the database."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable

from mediation_desktop.errors import MediationError
from mediation_desktop.storage.database import Database


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
    "session": _case_form("session"),
    "agreement": _agreement,
    "oral": _oral,
    "followup": _case_form("followup"),
    "termination": _case_form("termination"),
    "confirmation": _confirmation,
    "casefile": _casefile,
}


def check_document(doc: str) -> None:
    """Refuse a document name this program does not make (before anything is read or written)."""
    if doc not in DOCUMENTS:
        raise MediationError("document.unknown", doc=doc, choices=", ".join(DOCUMENTS))


def render_document(db: Database, doc: str, case_id: uuid.UUID, *, today: dt.date | None = None) -> bytes:
    """The PDF bytes of document ``doc`` for a case, in the township's wording where it has its own
    (``<data dir>/documents/*.json``, laid over the shipped ``resources/documents``)."""
    from mediation_desktop.documents.wording import township_wording

    check_document(doc)
    with township_wording(db.paths.root / "documents"):
        return DOCUMENTS[doc](db, case_id, today)


def page_count(pdf: bytes) -> int:
    """The number of pages of a PDF this program made (ReportLab writes one ``/Type /Page`` per page)."""
    return len(re.findall(rb"/Type /Page\b(?!s)", pdf))


