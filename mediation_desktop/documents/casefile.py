"""The case file (卷宗): 人民调解记录, 卷宗封面 and 卷内目录 (DOMAIN.md 1, 2, 7)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle

from mediation_desktop.documents import fonts
from mediation_desktop.documents.case_forms import CaseFormRenderer
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
        rows = [
            [c(w["time"]), c(when), c(w["place"]), c(x.place if x else "")],
            [c(w["subject"]), c(x.subject if x and x.subject else s.title), "", ""],
            [c(w["participants"]), c(x.participants if x else ""), "", ""],
            [c(w["parties"]), c(present), "", ""],
        ]
        header = self.grid(rows, [22 * mm, width / 2 - 22 * mm, 22 * mm, width / 2 - 22 * mm], extra=[
            ("SPAN", (1, 1), (3, 1)), ("SPAN", (1, 2), (3, 2)), ("SPAN", (1, 3), (3, 3))])
        story: list[Flowable] = [*self.heading(), self.para(w.fmt("session_no", n=n), "centre"), Spacer(1, 3 * mm),
                                 header, Spacer(1, 3 * mm)]
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
        rows = [[self.para(w[key], "centre"), self.para(value)] for key, value in fields]
        table = Table(rows, colWidths=[32 * mm, 110 * mm], rowHeights=[14 * mm] * len(rows), hAlign="CENTER")
        table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.BODY), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                   ("LINEBELOW", (1, 0), (1, -1), 0.6, "black")]))
        return [Spacer(1, 25 * mm), self.para(s.committee_name, "title"), Spacer(1, 20 * mm),
                self.para(w["title"], "cover_title"), Spacer(1, 35 * mm), table]

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
