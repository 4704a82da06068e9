"""人民调解调查记录 and 人民调解回访记录 (DOMAIN.md 6 and 10): one per record, each on its own pages."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from mediation_desktop.documents.case_forms import CaseFormRenderer
from mediation_desktop.documents.parts import closing, kept_with_last
from mediation_desktop.documents.snapshot import FollowUpSnapshot, InvestigationSnapshot


class InvestigationRenderer(CaseFormRenderer):
    """调查记录: 时间 地点 参加人 被调查人 调查人 记录人, the record (问/答), three signatures."""

    wording_name = "investigation"

    def story(self) -> list[Flowable]:
        story: list[Flowable] = []
        for n, x in enumerate(self.snapshot.investigations or (None,), start=1):
            if n > 1:
                story.append(PageBreak())
            story += self.one(x)
        return story

    def one(self, x: InvestigationSnapshot | None) -> list[Flowable]:
        w, c = self.wording, self.cell
        when = "" if x is None else w.date(x.held_at.date()) + x.held_at.strftime(" %H:%M")
        half = self.frame_width / 2
        rows = [
            [c(w["time"]), c(when), c(w["place"]), c(x.place if x else "")],
            [c(w["participants"]), c(x.participants if x else ""), "", ""],
            [c(w["interviewee"]), c(x.interviewee if x else ""), c(w["investigator"]), c(x.investigator if x else "")],
            [c(w["recorder"]), c(x.recorder if x else ""), "", ""],
        ]
        header = self.grid(rows, [22 * mm, half - 22 * mm, 22 * mm, half - 22 * mm],
                           extra=[("SPAN", (1, 1), (3, 1)), ("SPAN", (1, 3), (3, 3))])
        story: list[Flowable] = [*self.heading(), header, Spacer(1, 3 * mm), self.para(w["record"], "heading")]
        lines = [line for line in (x.record if x else "").splitlines() if line.strip()]
        story += [self.para(line, "indent") for line in lines] or [Spacer(1, 100 * mm)]
        return kept_with_last(story, 8 * mm, closing(
            self, [w["interviewee_sign"], w["investigator_sign"], w["recorder_sign"]], [], [14 * mm] * 3))


DEFAULT_REASON = "了解协议履行情况"  # what the follow-up form suggests as its purpose


class FollowUpRenderer(CaseFormRenderer):
    """回访记录: 被回访人, the agreement's number, 回访事由, time, findings, 回访人 signature."""

    wording_name = "followup"

    def story(self) -> list[Flowable]:
        story: list[Flowable] = []
        for n, x in enumerate(self.snapshot.follow_ups or (None,), start=1):
            if n > 1:
                story.append(PageBreak())
            story += self.one(x)
        return story

    def one(self, x: FollowUpSnapshot | None) -> list[Flowable]:
        w, s, c = self.wording, self.snapshot, self.cell
        on, off = w["check.on"], w["check.off"]

        def choose(options: dict[str, str], chosen: str | None) -> str:
            return "　".join((on if key == chosen else off) + label for key, label in options.items())

        satisfied = None if x is None else ("unknown" if x.satisfied is None else "yes" if x.satisfied else "no")
        lawsuit = None if x is None else ("yes" if x.new_lawsuit else "no")
        width = self.frame_width
        # 回访事由 is the dispute's name (the public filling rule); a purpose of the visit of its own goes below
        reason = s.title
        notes = x.findings if x else ""
        if x is not None and x.reason and x.reason not in (DEFAULT_REASON, s.title):
            notes = "\n".join(filter(None, [x.reason, notes]))
        number = w["number_oral"] if s.agreement_form == "oral" else w["number"]
        head = self.grid([
            [c(w["visitee"]), c(x.visitee if x else ""), c(number), c(s.agreement_number or s.case_no)],
            [c(w["reason"]), c(reason), c(w["time"]), c(w.date(x.visited_on if x else None))],
        ], [26 * mm, width - 26 * mm - 28 * mm - 64 * mm, 28 * mm, 64 * mm])
        rows = [
            [c(w["performance"]), c(choose(w.data["performances"], x.performance if x else None))],
            [c(w["satisfied"]), c(choose(w.data["satisfaction"], satisfied))],
            [c(w["new_lawsuit"]), c(choose({"yes": w["yes"], "no": w["no"]}, lawsuit))],
            [c(w["hidden_risks"]), c(x.hidden_risks if x else "")],
            [c(w["measures"]), c(x.measures if x else "")],
            [c(w["notes"]), [c(line) for line in notes.splitlines()] or ""],
        ]
        # 回访情况 heads the findings as a column spanning them (no empty full-width row)
        findings = self.grid([[c(w["findings"]), *row] for row in rows],
                             [14 * mm, 40 * mm, width - 54 * mm], extra=[("SPAN", (0, 0), (0, len(rows) - 1))],
                             heights=[None] * 3 + [30 * mm] * 3)
        page = self.pagesize[1] - self.top_margin - self.bottom_margin - 60 * mm
        if findings.wrap(width, page)[1] > page:  # findings longer than a page: rows that may split, label on top
            findings = self.grid([[c(w["findings"]) if i == 0 else "", *row] for i, row in enumerate(rows)],
                                 [14 * mm, 40 * mm, width - 54 * mm], heights=[None] * 3 + [30 * mm] * 3)
        return [*self.heading(), head, findings, Spacer(1, 10 * mm),
                KeepTogether([closing(self, [""], [w["visitor_sign"], w.date(x.visited_on if x else None)],
                                      [14 * mm, 10 * mm])])]
