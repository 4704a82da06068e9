"""The whole case file (卷宗) in the order of the public 13-row contents list, numbered as one.

Cover and contents carry no page number; from the first document on, every page is stamped 「第 N 页」, one
count through the whole file. Paper-only items (当事人身份证明, 授权委托书, paper evidence and receipts, the
court's papers) take the pages the mediator entered for them, so the numbers after them match the bound
file; the contents' 页号 is where each item starts. A document printed alone keeps 「第 X 页 共 Y 页」.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mediation_desktop.documents.base import DocumentRenderer
from mediation_desktop.documents.snapshot import AttachmentSnapshot, CaseSnapshot
from mediation_desktop.storage.database import Database

if TYPE_CHECKING:
    from pypdf import PageObject
    from pypdf.generic import RectangleObject


@dataclass
class FileRow:
    """One row of the contents: the pages printed for it, then the paper pages filed by hand after them."""

    key: str
    printed: list[bytes] = field(default_factory=list)
    paper: int = 0
    paper_item: bool = False  # listed for its paper (a row to fill in by hand when its pages are not entered)
    scans: int = 0
    first: int = 0  # its first page number in the file (0: it has no pages)
    pages: int = 0


@dataclass
class CaseFile:
    snapshot: CaseSnapshot
    outcome: str
    rows: list[FileRow]

    @property
    def printed_pages(self) -> int:
        return sum(_pages(pdf) for row in self.rows for pdf in row.printed)


def _pages(pdf: bytes) -> int:
    from mediation_desktop.documents.registry import page_count

    return page_count(pdf)


def _plain(renderer: DocumentRenderer) -> bytes:
    """A document as a part of the file: no 「第 X 页 共 Y 页」 of its own (the file is numbered as one)."""
    renderer.numbered = False
    return renderer.generate()


def _scan_parts(db: Database, snap: CaseSnapshot, items: list[AttachmentSnapshot]) -> list[bytes]:
    """Attached scans as pages: an image on a page under its caption, a PDF with its own pages."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    from mediation_desktop.documents.filing import ScanPagesRenderer
    from mediation_desktop.storage.filestore import FileStore

    store = FileStore(db.paths.files)

    def file_of(x: AttachmentSnapshot) -> Path | None:
        return store.path_for(x.sha256) if store.verify(x.sha256) == "ok" else None

    parts: list[bytes] = []
    for x in items:
        path = file_of(x)
        if path is not None and x.media_type == "application/pdf":
            data = path.read_bytes()
            try:
                if len(PdfReader(io.BytesIO(data)).pages):
                    parts.append(_normalised(data))
                    continue
            except (PyPdfError, ValueError, OSError):
                pass  # unreadable: the page below says to file the paper copy
            x = AttachmentSnapshot(x.kind, x.filename, x.description, x.sha256, "application/pdf (damaged)", x.added_on)
        parts.append(_plain(ScanPagesRenderer(snap, [x], file_of)))
    return parts


def _normalised(pdf: bytes) -> bytes:
    """A PDF of someone else's making, rewritten by pypdf so that its pages count like ours."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.append(io.BytesIO(pdf))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def plan_case_file(db: Database, case_id: uuid.UUID, today: dt.date | None) -> CaseFile:
    """Every row of the case's file with its printed parts (each rendered once, unnumbered)."""
    from mediation_desktop.documents import case_forms, closing_forms, filing, records
    from mediation_desktop.documents.agreement import AgreementRenderer
    from mediation_desktop.documents.casefile import SessionRecordRenderer
    from mediation_desktop.documents.registry import OPEN, case_facts, refusal
    from mediation_desktop.documents.snapshot import agreement_snapshot, case_snapshot

    snap = case_snapshot(db, case_id, today=today)
    facts = case_facts(db, case_id)
    rows: list[FileRow] = []

    def fits(doc: str) -> bool:
        return refusal(doc, facts) is None

    def add(key: str, printed: list[bytes], paper_item: bool = False, scans: int = 0) -> None:
        paper = snap.pages_of(key) if paper_item else 0
        rows.append(FileRow(key, printed, paper, paper_item, scans))

    # 据台账补录 (the cover says so): a case from an old ledger holds only what the ledger does — no dated
    # 申请书/告知书, no records or blank signed-looking 协议书 made up from it
    recorded = not snap.from_ledger
    if facts.by_application and recorded:
        add("application", [_plain(case_forms.ApplicationRenderer(snap))])
    elif fits("acceptance"):
        add("acceptance", [_plain(case_forms.AcceptanceRenderer(snap))])
    if fits("notice"):
        add("notice", [_plain(case_forms.NoticeRenderer(snap))])
    add("identity", [], paper_item=True)
    if snap.pages_of("power_of_attorney"):
        add("power_of_attorney", [], paper_item=True)
    if snap.investigations and recorded:
        add("investigation", [_plain(records.InvestigationRenderer(snap))])
    evidence = [x for x in snap.attachments if x.kind in filing.EVIDENCE_KINDS]
    if evidence or snap.pages_of("evidence"):
        rows.append(FileRow("evidence", [_plain(filing.EvidenceListRenderer(snap)), *_scan_parts(db, snap, evidence)],
                            snap.pages_of("evidence"), True, len(evidence)))
    if recorded and (snap.sessions or (fits("session") and facts.outcome == OPEN)):
        add("session", [_plain(SessionRecordRenderer(snap))])
    if fits("agreement"):
        add("agreement", [_plain(AgreementRenderer(agreement_snapshot(db, case_id, today=today)))])
    if facts.oral and recorded:
        add("oral", [_plain(closing_forms.OralAgreementRenderer(agreement_snapshot(db, case_id, today=today,
                                                                                   form="oral")))])
    # the notices the case has, by the rules that offer each alone (a terminated, then referred case has two)
    if fits("termination") and recorded:
        add("termination", [_plain(closing_forms.TerminationRenderer(snap))])
    if fits("decline") and recorded:
        add("decline", [_plain(filing.DeclineNoticeRenderer(snap))])
    if fits("referral") and recorded:
        add("referral", [_plain(filing.ReferralNoticeRenderer(snap))])
    receipts = [x for x in snap.attachments if x.kind == "performance_proof"]
    if receipts or snap.pages_of("performance"):
        add("performance", _scan_parts(db, snap, receipts), paper_item=True, scans=len(receipts))
    if snap.follow_ups:
        add("followup", [_plain(records.FollowUpRenderer(snap))])
    if (fits("confirmation") and snap.confirmation_applied_on) or snap.pages_of("confirmation"):
        printed = [_plain(closing_forms.ConfirmationRenderer(agreement_snapshot(db, case_id, today=today), snap))
                   ] if fits("confirmation") else []
        add("confirmation", printed, paper_item=True)
    if facts.outcome != OPEN and recorded:
        add("closing_report", [_plain(filing.ClosingReportRenderer(snap, facts.ending))])
    plan = CaseFile(snap, facts.ending, rows)
    _add_statement_and_back_cover(plan)
    return plan


def _add_statement_and_back_cover(plan: CaseFile) -> None:
    """卷宗情况说明 and 封底 state how many pages the file has, their own included: rendered until they agree."""
    from mediation_desktop.documents.filing import BackCoverRenderer, StatementRenderer

    before = plan.printed_pages
    guess = (1, 1)
    for _ in range(3):
        total = before + sum(guess)
        statement = _plain(StatementRenderer(plan.snapshot, plan.outcome, total))
        back = _plain(BackCoverRenderer(plan.snapshot, total))
        found = (_pages(statement), _pages(back))
        if found == guess:
            break
        guess = found
    plan.rows += [FileRow("statement", [statement]), FileRow("back_cover", [back])]


def number_rows(plan: CaseFile) -> None:
    """Give each row its first page number and its page count (printed, then paper)."""
    page = 1
    for row in plan.rows:
        row.pages = sum(_pages(pdf) for pdf in row.printed) + row.paper
        row.first = page if row.pages else 0
        page += row.pages


def contents_and_parts(db: Database, case_id: uuid.UUID, today: dt.date | None) -> tuple[bytes, list[bytes]]:
    """卷内目录 (its 页号 where each item starts in the file) and the documents after it (unnumbered)."""
    from mediation_desktop.documents.casefile import ContentsRenderer

    plan = plan_case_file(db, case_id, today)
    number_rows(plan)
    return ContentsRenderer(plan.snapshot, plan.rows).generate(), [pdf for row in plan.rows for pdf in row.printed]


def render_case_file(db: Database, case_id: uuid.UUID, today: dt.date | None) -> bytes:
    """Cover, contents and every part of the file as one PDF, numbered through from the first document."""
    from pypdf import PdfWriter

    from mediation_desktop.documents.casefile import ContentsRenderer, CoverRenderer
    from mediation_desktop.documents.wording import Wording

    plan = plan_case_file(db, case_id, today)
    number_rows(plan)
    cover = CoverRenderer(plan.snapshot).generate()
    contents = _plain(ContentsRenderer(plan.snapshot, plan.rows))
    writer = PdfWriter()
    for pdf in (cover, contents):
        writer.append(io.BytesIO(pdf))
    unnumbered = len(writer.pages)
    numbers: list[int] = []
    for row in plan.rows:
        page = row.first
        for pdf in row.printed:
            writer.append(io.BytesIO(pdf))
            numbers += range(page, page + _pages(pdf))
            page += _pages(pdf)
    fmt = Wording("common").data.get("file_page", "第 {page} 页")
    stamps = _stamps([fmt.format(page=n) for n in numbers],
                     [writer.pages[unnumbered + i].mediabox for i in range(len(numbers))])
    for i, stamp in enumerate(stamps):
        writer.pages[unnumbered + i].merge_page(stamp)
    writer.add_metadata({"/Title": "调解卷宗", "/Creator": "Mediation Desktop"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _stamps(texts: list[str], boxes: list[RectangleObject]) -> list[PageObject]:
    """One page per text, each the size of its target page, with the text centred at its foot."""
    from pypdf import PdfReader
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from mediation_desktop.documents import fonts

    fonts.font_set()
    out = io.BytesIO()
    canvas = Canvas(out, initialFontName=fonts.BODY, invariant=True)
    for text, box in zip(texts, boxes, strict=True):
        width, height = float(box.width), float(box.height)
        canvas.setPageSize((width, height))
        canvas.setFillGray(0)
        fonts.draw_text(canvas, width / 2, 12 * mm, text, 9, align="centre")
        canvas.showPage()
    canvas.save()
    return list(PdfReader(io.BytesIO(out.getvalue())).pages) if texts else []
