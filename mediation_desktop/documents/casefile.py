"""The case file (卷宗): 人民调解记录, 卷宗封面 and 卷内目录 (DOMAIN.md 1, 2, 7)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle

from mediation_desktop.documents import fonts
from mediation_desktop.documents.case_forms import CaseFormRenderer
from mediation_desktop.documents.linebreak import ClearParagraph, line_texts, phrase_rules
from mediation_desktop.documents.parts import GUARDIANS_SIGN, closing, kept_with_last, signs_through_guardian
from mediation_desktop.documents.snapshot import CaseSnapshot, SessionSnapshot
from mediation_desktop.documents.wording import Wording

if TYPE_CHECKING:
    from mediation_desktop.documents.bundle import FileRow


class SessionRecordRenderer(CaseFormRenderer):
    """人民调解记录, one per sitting, each on its own pages: header, record, risk warning, result, signatures."""

    wording_name = "session"

    def story(self) -> list[Flowable]:
        story: list[Flowable] = []
        sessions = self.snapshot.sessions or (None,)
        for n, session in enumerate(sessions, start=1):
            if n > 1:
                story.append(PageBreak())
            story += self.one(n, session)
        return story

    def one(self, n: int, x: SessionSnapshot | None) -> list[Flowable]:
        w, s, c = self.wording, self.snapshot, self.cell
        when = "" if x is None else w.date(x.held_at.date()) + x.held_at.strftime(" %H:%M")
        present = (x.parties_present if x and x.parties_present else "、".join(p.name for p in s.parties))
        width = self.frame_width
        # two tables, one under the other, with no spanned cell: a 当事人 list longer than a page (668 households)
        # continues on the next page, as only a table without spans can
        when_where = self.grid([[c(w["time"]), c(when), c(w["place"]), c(x.place if x else "")]],
                               [22 * mm, width / 2 - 22 * mm, 22 * mm, width / 2 - 22 * mm])
        rows = [
            [c(w["subject"]), c(x.subject if x and x.subject else s.title)],
            [c(w["participants"]), c(x.participants if x else "")],
            [c(w["parties"]), c(present)],
        ]
        header = self.grid(rows, [22 * mm, width - 22 * mm], extra=[("VALIGN", (0, 0), (0, -1), "TOP")])
        story: list[Flowable] = [*self.heading(), self.para(w.fmt("session_no", n=n), "centre"), Spacer(1, 3 * mm),
                                 when_where, header, Spacer(1, 3 * mm)]
        if x is not None and x.back_to_back:  # how the sitting was held: part of the record, not of who came
            story.append(self.para(w["back_to_back"], "indent"))
        if x is None or x.rights_told:
            story.append(self.para(w["rights_told"], "indent"))
        story += [self.para(w["record"], "heading")]
        story += [self.para(line, "indent") for line in (x.record if x else "").splitlines() if line.strip()]
        if x is None:
            story.append(Spacer(1, 60 * mm))
        story += [self.para(w["risk"], "heading"), self.para(w["outcome_risk"], "indent")]
        if x is not None and x.risk_warning:
            story.append(self.para(x.risk_warning, "indent"))
        result = w.data["results"].get(x.result, x.result) if x else ""
        day = x.held_at.date() if x is not None else None
        story += [self.para(w["result"] + result, "heading"), self.para(w["read_back"], "indent")]
        # a minor's (or ward's) 法定代理人 signs too, on a line of their own (parts.signature_slots: the same scheme)
        guarded = any(map(signs_through_guardian, s.parties))
        guardians = [w.data.get("guardians_sign", GUARDIANS_SIGN)] if guarded else []
        left = [w["parties_sign"], *guardians, w["participants_sign"], w["mediator"], w["recorder"]]
        return kept_with_last(story, 6 * mm, closing(
            self, left, [s.committee_name, w["seal"], w.date(day)], [16 * mm, *[16 * mm for _ in guardians],
                                                                    12 * mm, 12 * mm, 12 * mm]))


class CoverRenderer(CaseFormRenderer):
    """卷宗封面: committee, 调解卷宗, 卷名 卷号 人民调解员 调解日期 立卷人 立卷日期 保管期限 备注; no page number."""

    wording_name = "cover"
    numbered = False

    def story(self) -> list[Flowable]:
        w, s = self.wording, self.snapshot
        # 调解日期: from acceptance to the end (结案, as the 结案报告表); 立卷人 and 立卷日期: who bound the file
        # (归档) and when, blank before it (and 立卷人 when no user is known)
        dates = w.fmt("dates_value", start=w.date(s.accepted_on or s.registered_on), end=w.date(s.ended_on))
        fields = [("name", s.title), ("number", s.case_no), ("mediator", s.mediator_name), ("dates", dates),
                  ("filed_by", s.archived_by), ("filed_on", w.date(s.archived_on)),
                  ("retention", s.archive_retention), ("remarks", "据台账补录" if s.from_ledger else "")]
        # the names a field must not be broken inside: the parties', the mediators', the dispute's kind
        names = (*(p.name for p in s.parties), *s.mediator_name.split("、"), s.category + "纠纷", s.category)
        values = [self.fitted(value, names, self.FIELD - 2 * self.PAD) for _, value in fields]
        rows = [[self.para(w[key], "centre"), value] for (key, _), value in zip(fields, values, strict=True)]
        # a box as high as its text needs (a long 卷名 on two or three lines), at least the form's 14 mm
        heights = [max(14 * mm, v.height + 2 * self.PAD) for v in values]
        table = Table(rows, colWidths=[32 * mm, self.FIELD], rowHeights=heights, hAlign="CENTER")
        table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.BODY), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                   ("TOPPADDING", (0, 0), (-1, -1), self.PAD),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), self.PAD),
                                   ("LEFTPADDING", (0, 0), (-1, -1), self.PAD),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), self.PAD),
                                   ("LINEBELOW", (1, 0), (1, -1), 0.6, "black")]))
        return [Spacer(1, 25 * mm), self.para(s.committee_name, "title"), Spacer(1, 20 * mm),
                self.para(w["title"], "cover_title"), Spacer(1, 35 * mm), table]

    FIELD = 110 * mm  # a field's box on the cover
    PAD = 4.0
    #: how a field's text may fill its box, best first: lines at most and where they break (0: only between phrases,
    #: 1: not inside a name, 2: by the clreq rules alone), each tried in type sizes from the body's down to 8 points
    FITS = ((3, 0), (3, 1), (4, 2))

    def fitted(self, text: str, names: tuple[str, ...], width: float) -> ClearParagraph:
        """A cover field's text set to fit its box: on as few lines as its phrases allow (broken between them, never
        inside a name, 「有限公司」 or the dispute's kind), in smaller type where more than three would be needed."""
        rules = phrase_rules(text, tuple(n for n in names if n)) if text else ()
        sizes = [self.font_size - 0.5 * i for i in range(int((self.font_size - 8) / 0.5) + 1)]
        para = None
        for most, level in self.FITS:
            for size in sizes:
                para = self._sized(text, names, size, width)
                lines = line_texts(para) if text else [""]
                ends = [sum(map(len, lines[:i + 1])) for i in range(len(lines) - 1)]
                if len(lines) <= most and all(rules[level][k] for k in ends):
                    return para
        assert para is not None
        return para

    def _sized(self, text: str, names: tuple[str, ...], size: float, width: float) -> ClearParagraph:
        style = ParagraphStyle(f"field{size}", parent=self.styles["body"], fontSize=size, leading=size * 1.4)
        para = ClearParagraph(fonts.markup(text), style)
        para.keep = tuple(n for n in names if n)
        para.wrap(width, 1000)
        return para

    def stylesheet(self) -> dict[str, ParagraphStyle]:
        styles = super().stylesheet()
        styles["cover_title"] = ParagraphStyle("cover_title", parent=styles["title"], fontSize=40, leading=50)
        return styles


class ContentsRenderer(CaseFormRenderer):
    """卷内目录: 序号, 文书名称, 页号 (where each item starts in the file, and where it ends), 备注.

    ``rows``: the file's rows (:class:`~mediation_desktop.documents.bundle.FileRow`), numbered."""

    wording_name = "contents"

    def __init__(self, snapshot: CaseSnapshot, rows: Sequence[FileRow], wording: Wording | None = None) -> None:
        super().__init__(snapshot, wording)
        self.rows = rows

    def story(self) -> list[Flowable]:
        w, s, c = self.wording, self.snapshot, self.cell
        cols = w.data["columns"]
        table_rows = [[c(cols["no"]), c(cols["name"]), c(cols["page"]), c(cols["remarks"])]]
        for i, row in enumerate(self.rows, start=1):
            last = row.first + row.pages - 1
            pages = "" if not row.pages else str(row.first) if row.pages == 1 else f"{row.first}-{last}"
            table_rows.append([c(str(i)), c(w.data["rows"][row.key]), c(pages), c(self.remark(row), "small")])
        width = self.frame_width
        table = self.grid(table_rows, [14 * mm, width - 14 * mm - 62 * mm, 26 * mm, 36 * mm], repeat=1,
                          heights=[9 * mm] + [None] * len(self.rows))
        return [*self.heading(), self.para(s.case_no, "centre"), Spacer(1, 4 * mm), table]

    def remark(self, row: FileRow) -> str:
        """Paper pages filed by hand (or that their number is still to be entered), scans printed."""
        r = self.wording.data["remarks"]
        parts = []
        if row.scans:
            parts.append(r["scans"].format(count=row.scans))
        if row.paper:
            parts.append(r["paper"].format(pages=row.paper))
        elif row.paper_item and not row.printed:
            parts.append(r["paper_missing"])
        return "；".join(parts)
