"""人民调解协议书: the agreement the parties sign (DOMAIN.md, document 8)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, KeepTogether, Spacer, Table, TableStyle

from mediation_desktop.documents import fonts
from mediation_desktop.documents.base import DocumentRenderer
from mediation_desktop.documents.numerals import chinese_number, dated_term
from mediation_desktop.documents.parts import closing, party_block, signed_end
from mediation_desktop.documents.qr import QrCode, content_hash, payload
from mediation_desktop.documents.snapshot import AgreementSnapshot
from mediation_desktop.documents.wording import Wording


class AgreementRenderer(DocumentRenderer):
    """Top to bottom: check code and 编号, title, a block per party, facts, terms, performance, copies, signatures,
    seal, date."""

    wording_name = "agreement"

    def __init__(self, snapshot: AgreementSnapshot, wording: Wording | None = None) -> None:
        super().__init__(wording)
        self.snapshot = snapshot

    def story(self) -> list[Flowable]:
        w, s = self.wording, self.snapshot
        story: list[Flowable] = [self.top(), self.para(w["title"], "title")]
        story += [KeepTogether([party_block(self, p)]) for p in s.parties]
        story += [
            Spacer(1, 4 * mm),
            self.para(w["facts"], "heading"),
            self.para(s.facts, "indent"),
            self.para(w["agreed"], "heading"),
        ]
        story += [self.para(self.term_text(i, term), "term") for i, term in enumerate(s.terms, start=1)]
        story += [self.para(w["performance"], "heading"), self.para(self.performance_text(), "indent")]
        story += self.signing_part()
        return story

    def signing_part(self) -> list[Flowable]:
        """本协议一式…份, the parties' slots, then mediator, recorder, seal and date.

        The seal and the mediators' signatures never stand on a page of their own: when everything fits on
        one page it is kept together with the last sentence of the agreement; a long list (668 households)
        flows over pages, and its last row of slots stays with the seal.
        """
        w, s = self.wording, self.snapshot
        copies = self.para(w.fmt("copies", copies=chinese_number(s.copies)), "indent")
        effect = w.data.get("effect")  # art. 29: when it takes effect (a township may word it, or leave it out)
        lead: list[Flowable] = [copies, self.para(effect, "indent")] if isinstance(effect, str) and effect else [copies]
        foot = closing(self, [w["mediator"], w["recorder"]], [s.committee_name, w["seal"], w.date(s.date)],
                       [14 * mm, 18 * mm, 10 * mm])
        return signed_end(self, lead, s.parties, w["party_signature"], foot, before=5 * mm, after=6 * mm)

    def on_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """From page 2 on, a running header names the document, its 编号 and its check code, so a loose page (the
        signatures!) is tied to this agreement and this version: another version has another check code."""
        if doc.page < 2:
            return  # page 1 carries the 编号 and the QR code in its own top block
        w, s = self.wording, self.snapshot
        default = "{title}　编号：{number}　校验码 {code}"
        header = w.data.get("running_header", default)
        text = (header if isinstance(header, str) else default).format(
            title=w["title"], number=s.number, code=content_hash(s)[:16])
        canvas.saveState()
        canvas.setFillGray(0.25)
        fonts.draw_text(canvas, self.pagesize[0] - self.right_margin, self.pagesize[1] - self.top_margin + 5 * mm,
                        text, 9, align="right")
        canvas.setStrokeGray(0.5)
        canvas.setLineWidth(0.4)
        y = self.pagesize[1] - self.top_margin + 3.5 * mm
        canvas.line(self.left_margin, y, self.pagesize[0] - self.right_margin, y)
        canvas.restoreState()

    def top(self) -> Table:
        """The check code (QR and the hash's first 16 digits) at the left, 编号 at the right."""
        w, s = self.wording, self.snapshot
        code = [QrCode(payload(s), 18 * mm), self.para(w.fmt("check_code", code=content_hash(s)[:16]), "tiny")]
        table = Table([[code, self.para(w.fmt("number", number=s.number), "right")]],
                      colWidths=[50 * mm, self.frame_width - 50 * mm], hAlign="LEFT")
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("FONTNAME", (0, 0), (-1, -1), fonts.BODY)]))
        return table

    def term_text(self, index: int, term: str) -> str:
        """A numbered term, ending with its own 履行期限 when it has one (分期履行)."""
        day = self.snapshot.term_deadline(index)
        return dated_term(index, term, None if day is None else self.wording.fmt(
            "term_deadline", term="{term}", date=self.wording.date(day)))

    def performance_text(self) -> str:
        """履行方式、时限 and place, as one paragraph."""
        w, s = self.wording, self.snapshot
        parts = [s.performance_method.rstrip("。") + "。" if s.performance_method else ""]
        if s.performance_deadline is not None:
            parts.append(w.fmt("performance_deadline", date=w.date(s.performance_deadline)))
        elif s.term_deadlines:  # 分期履行: the days are those of the terms
            parts.append(w["term_deadlines"])
        if s.performance_place:
            parts.append(w.fmt("performance_place", place=s.performance_place.rstrip("。")))
        return "".join(parts)


def render_agreement(snapshot: AgreementSnapshot, wording: Wording | None = None) -> bytes:
    """The 人民调解协议书 as PDF bytes."""
    return AgreementRenderer(snapshot, wording).generate()
