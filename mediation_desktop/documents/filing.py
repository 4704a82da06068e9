"""The rest of a complete 卷宗 (the 13-row public contents list): 证据材料清单, 人民调解结案报告表, 不予受理通知书,
移送告知书, 卷宗情况说明, 封底 (卷内备考表) and the pages of attached scans (履行凭证, evidence)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, PageBreak, Spacer

from mediation_desktop.documents.case_forms import CaseFormRenderer
from mediation_desktop.documents.parts import closing, contact, kept_with_last, signed_end
from mediation_desktop.documents.snapshot import AttachmentSnapshot, CaseSnapshot
from mediation_desktop.documents.wording import Wording

#: the paper items a complete file must have (the public list marks them 必须)
REQUIRED_PAPER = ("identity",)
EVIDENCE_KINDS = ("evidence", "photo")
SCAN_TYPES = ("image/jpeg", "image/png", "image/gif", "image/bmp", "image/tiff")


def _outcome_text(w: Wording, table: str, outcome: str, s: CaseSnapshot) -> str:
    """How the case ended, each step on the day it was taken (a termination, then the referral after it)."""
    form = w.data.get("forms", {}).get(s.agreement_form, "") or "调解协议"
    return str(w.data[table][outcome]).format(form=form, to=s.referred_to or "", terminated=w.date(s.terminated_on),
                                              referred=w.date(s.referred_on))


def _form_boxes(w: Wording, form: str) -> str:
    """协议形式 as tick boxes (「■书面　□口头」): the form of the agreement in effect (domain.agreement_form) ticked;
    none ticked without one (调解不成, 不予受理, 移交) or when an old ledger did not record it (未记录)."""
    on, off = w["check.on"], w["check.off"]
    return "　".join((on if key == form else off) + label for key, label in w.data["form_boxes"].items())


def _confirmation_text(w: Wording, s: CaseSnapshot) -> str:
    """司法确认 as recorded: applied for (to which court, when) and, once ruled, confirmed on which day; "" when the
    parties have not applied (or nothing is recorded)."""
    if s.confirmation_applied_on is None or not s.confirmation_court:
        return ""
    return w.fmt("confirmed" if s.confirmed_on else "confirmation_applied", court=s.confirmation_court,
                 applied=w.date(s.confirmation_applied_on), confirmed=w.date(s.confirmed_on))


class EvidenceListRenderer(CaseFormRenderer):
    """证据材料清单: each evidence scan or photo kept with the case, and the paper evidence filed with it."""

    wording_name = "evidence"

    def story(self) -> list[Flowable]:
        w, s, c = self.wording, self.snapshot, self.cell
        cols = w.data["columns"]
        rows = [[c(cols[k]) for k in ("no", "name", "form", "pages", "date")]]
        items = [x for x in s.attachments if x.kind in EVIDENCE_KINDS]
        for i, x in enumerate(items, start=1):
            rows.append([c(str(i)), c(x.description or x.filename), c(w.data["forms"].get(x.kind, x.kind)), c("1"),
                         c(w.date(x.added_on))])
        paper = s.pages_of("evidence")
        rows.append([c(str(len(items) + 1)), c(w["paper_row"]), c(w["paper_form"]),
                     c(str(paper) if paper else w["blank_pages"]), c("")])
        width = self.frame_width
        table = self.grid(rows, [14 * mm, width - 14 * mm - 100 * mm, 38 * mm, 16 * mm, 32 * mm], repeat=1)
        return [*self.heading(), self.para(s.case_no, "centre"), Spacer(1, 4 * mm), table, Spacer(1, 10 * mm),
                closing(self, [w["received_by"]], [w.date(None)], [12 * mm])]


class ClosingReportRenderer(CaseFormRenderer):
    """人民调解结案报告表: 卷号, 填表时间 (= 立卷日期: the day of 归档, blank before it), 承办单位, 承办人, 受案 and
    结案时间 (performed or otherwise ended), the parties, source, facts and result."""

    wording_name = "closing_report"

    def __init__(self, snapshot: CaseSnapshot, outcome: str, wording: Wording | None = None) -> None:
        super().__init__(snapshot, wording)
        self.outcome = outcome

    def story(self) -> list[Flowable]:
        w, s, c = self.wording, self.snapshot, self.cell
        sources = Wording("acceptance").data["sources"]
        result = _outcome_text(w, "results", self.outcome, s)
        if self.outcome == "agreed" and _confirmation_text(w, s):
            result += "，" + _confirmation_text(w, s)
        if s.amount is not None:
            result += "。" + w.fmt("amount", amount=f"{s.amount:,.2f}")
        width = self.frame_width
        q = (width - 2 * 28 * mm) / 2
        pc = w.data["party_columns"]
        widths = [28 * mm, q, 28 * mm, q]
        case = self.grid([
            [c(w["case_no"]), c(s.case_no), c(w["filled_on"]), c(w.date(s.archived_on))],
            [c(w["unit"]), c(s.committee_name), c(w["handler"]), c(s.mediator_name)],
            [c(w["accepted_on"]), c(w.date(s.accepted_on or s.registered_on)), c(w["closed_on"]),
             c(w.date(s.ended_on))],
        ], widths)
        parties = [[c(w["parties"]), c(pc["name"]), c(pc["address"]), c(pc["phone"])],
                   *[["", c(p.name), c(p.address or ""), c(contact(self, p))] for p in s.parties]]
        # 当事人 one box beside the parties' rows; a list longer than a page (668 households) runs over pages instead,
        # its header row (当事人 姓名 住址 联系电话) repeated on each
        listed = self.grid(parties, widths, extra=[("SPAN", (0, 0), (0, len(s.parties)))])
        page = self.pagesize[1] - self.top_margin - self.bottom_margin
        if listed.wrap(width, page)[1] > page / 2:
            listed = self.grid(parties, widths, repeat=1)
        rest = [
            [c(w["source"]), c(str(sources.get(s.source, s.source)).lstrip("①②③④⑤⑥⑦")
                                + (f"（{s.source_detail}）" if s.source_detail else "")), "", ""],
            [c(w["facts"]), c(s.summary), "", ""],
            [c(w["result"]), c(result), "", ""],
            [c(w["agreement_form"]), c(_form_boxes(w, s.agreement_form)), "", ""],
            [c(w["seal"]), c(w.date(s.archived_on), "right"), "", ""],  # sealed when filled in (填表时间)
        ]
        end = self.grid(rest, widths, extra=[("SPAN", (1, i), (3, i)) for i in range(len(rest))],
                        heights=[None] * (len(rest) - 1) + [30 * mm])
        return [*self.heading(), case, listed, end]


class _NoticeToParties(CaseFormRenderer):
    """A notice to the parties: number, title, salutation, body, committee, seal, date, and their receipt."""

    def body(self) -> list[str]:
        raise NotImplementedError

    def dated(self) -> str:
        return self.wording.date(self.snapshot.closed_on)

    def story(self) -> list[Flowable]:
        w, s = self.wording, self.snapshot
        parties = "、".join(p.name for p in s.parties)
        story: list[Flowable] = [self.para(w.fmt("number", number=s.case_no), "right"), *self.heading(),
                                 self.para(w.fmt("salutation", parties=parties))]
        story += [self.para(line, "indent") for line in self.body()]
        story = kept_with_last(story, 12 * mm, closing(self, [""], [s.committee_name, w["seal"], self.dated()],
                                                       [10 * mm, 18 * mm, 10 * mm]))
        story += signed_end(self, [Spacer(1, 8 * mm)], s.parties, w["receipt"],
                            self.para(w["receipt_date"] + w.date(None)), before=0, after=2 * mm)
        return story


class DeclineNoticeRenderer(_NoticeToParties):
    """人民调解不予受理通知书: the application is not taken up, why, and the other routes."""

    wording_name = "decline"

    def body(self) -> list[str]:
        w, s = self.wording, self.snapshot
        reason = w.fmt("reason", reason=s.end_reason.rstrip("。") + "。") if s.end_reason else w["blank_reason"]
        return [w.fmt("body", date=w.date(s.registered_on), title=s.title), reason, w["routes"]]


class ReferralNoticeRenderer(_NoticeToParties):
    """人民调解纠纷移送告知书: the dispute went to another committee (移交), to whom and why."""

    wording_name = "referral"

    def dated(self) -> str:
        return self.wording.date(self.snapshot.referred_on or self.snapshot.closed_on)

    def body(self) -> list[str]:
        w, s = self.wording, self.snapshot
        to = s.referred_to or w["blank_to"]
        lines = [w.fmt("body", title=s.title, date=w.date(s.referred_on), to=to)]
        if s.referral_reason:
            lines.append(w.fmt("reason", reason=s.referral_reason.rstrip("。") + "。"))
        return [*lines, w.fmt("contact", to=to)]


class StatementRenderer(CaseFormRenderer):
    """卷宗情况说明: how the case went, what the file holds, which required paper is missing; room for notes. Dated
    the day the file was bound (归档; blank before it): it tells what the file holds then."""

    wording_name = "statement"

    def __init__(self, snapshot: CaseSnapshot, outcome: str, printed: int, wording: Wording | None = None) -> None:
        super().__init__(snapshot, wording)
        self.outcome, self.printed = outcome, printed

    def story(self) -> list[Flowable]:
        w, s = self.wording, self.snapshot
        names = Wording("contents").data["rows"]
        lines = [w.fmt("opening", title=s.title, case_no=s.case_no, accepted=w.date(s.accepted_on or s.registered_on),
                       outcome=_outcome_text(w, "outcomes", self.outcome, s))]
        if self.outcome == "agreed" and s.performance:
            lines[0] += w.data["performances"].get(s.performance, "")
        if self.outcome == "agreed":
            lines[0] += _confirmation_text(w, s)
        lines.append(w.fmt("contents", printed=self.printed, paper=sum(n for _, n in s.paper_pages)))
        missing = [names[item] for item in REQUIRED_PAPER if not s.pages_of(item)]
        if missing:
            lines.append(w.fmt("missing", items="、".join(missing)))
        return [*self.heading(), *[self.para(x, "indent") for x in lines], self.para(w["notes_heading"], "heading"),
                Spacer(1, 70 * mm), closing(self, [w["filed_by"]], [w.date(s.archived_on)], [12 * mm])]


class BackCoverRenderer(CaseFormRenderer):
    """封底, with the 卷内备考表 on it: how many pages the file has, notes, who filed and checked it."""

    wording_name = "back_cover"

    def __init__(self, snapshot: CaseSnapshot, printed: int, wording: Wording | None = None) -> None:
        super().__init__(snapshot, wording)
        self.printed = printed

    def story(self) -> list[Flowable]:
        w, s = self.wording, self.snapshot
        paper = sum(n for _, n in s.paper_pages)
        # the 保管期限 chosen at 归档, as on the cover (a case archived before it was asked has none: no line)
        retention = [self.para(w.fmt("retention", period=s.archive_retention), "indent")] if s.archive_retention else []
        return [self.para(w["heading"], "right"), *self.heading(), Spacer(1, 6 * mm),
                self.para(w.fmt("pages", total=self.printed + paper, printed=self.printed, paper=paper), "indent"),
                *retention, self.para(w["notes"], "heading"), Spacer(1, (80 if retention else 90) * mm),
                closing(self, [w["filed_by"], w["checked_by"]], [w["filed_on"] + w.date(s.archived_on)],
                        [14 * mm, 14 * mm])]


class ScanPagesRenderer(CaseFormRenderer):
    """Attached scans as pages of the file, one a page, each under its caption (an image fitted to the page);
    a file that is not an image gets a line saying to file its paper copy."""

    wording_name = "scans"

    def __init__(self, snapshot: CaseSnapshot, items: list[AttachmentSnapshot],
                 file_of: Callable[[AttachmentSnapshot], Path | None], wording: Wording | None = None) -> None:
        super().__init__(snapshot, wording)
        self.items, self.file_of = items, file_of

    def story(self) -> list[Flowable]:
        w = self.wording
        story: list[Flowable] = []
        height = self.pagesize[1] - self.top_margin - self.bottom_margin - 20 * mm
        for n, x in enumerate(self.items):
            if n:
                story.append(PageBreak())
            name = x.description or x.filename
            story.append(self.para(w.fmt("caption", kind=w.data["kinds"].get(x.kind, x.kind), name=name), "heading"))
            path = self.file_of(x)
            if path is None:
                story.append(self.para(w.fmt("missing", name=name)))
            elif x.media_type not in SCAN_TYPES:
                story.append(self.para(w.fmt("unprintable", name=name, media=x.media_type)))
            else:
                image = Image(str(path))
                scale = min(self.frame_width / image.imageWidth, height / image.imageHeight)
                image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
                story += [Spacer(1, 3 * mm), image]
        return story
