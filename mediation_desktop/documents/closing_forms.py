"""口头协议登记表, 终止人民调解通知书 and 司法确认申请书 (DOMAIN.md 9 and 11)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from mediation_desktop.documents.base import DocumentRenderer
from mediation_desktop.documents.case_forms import CaseFormRenderer
from mediation_desktop.documents.numerals import term_label
from mediation_desktop.documents.parts import closing, party_block, signature_slots
from mediation_desktop.documents.snapshot import AgreementSnapshot, CaseSnapshot
from mediation_desktop.documents.wording import Wording


class OralAgreementRenderer(DocumentRenderer):
    """口头协议登记表: parties, facts, agreed content, performance, amount, mediator, date (no national layout)."""

    wording_name = "oral"

    def __init__(self, snapshot: AgreementSnapshot, wording: Wording | None = None) -> None:
        super().__init__(wording)
        self.snapshot = snapshot

    def story(self) -> list[Flowable]:
        w, s, c = self.wording, self.snapshot, self.cell
        terms = "\n".join(term_label(i) + t for i, t in enumerate(s.terms, start=1))  # one term a line
        performance = "".join(filter(None, [s.performance_method, s.performance_place,
                                            w.date(s.performance_deadline) if s.performance_deadline else ""]))
        amount = w.fmt("amount_value", amount=f"{s.amount:,.2f}") if s.amount is not None else ""
        width = self.frame_width
        rows = [
            [c(w["parties"]), c("、".join(p.name for p in s.parties)), "", ""],
            [c(w["facts"]), c(s.facts), "", ""],
            [c(w["content"]), c(terms), "", ""],
            [c(w["performance"]), c(performance), "", ""],
            [c(w["amount"]), c(amount), c(w["date"]), c(w.date(s.date))],
            [c(w["mediator"]), c(s.mediator_name), c(w["recorder"]), c(s.recorder_name)],
        ]
        table = self.grid(rows, [32 * mm, width / 2 - 32 * mm, 28 * mm, width / 2 - 28 * mm],
                          extra=[("SPAN", (1, i), (3, i)) for i in range(4)])
        return [self.para(w.fmt("number", number=s.number), "right"), self.para(w["title"], "title"), table,
                Spacer(1, 6 * mm), signature_slots(self, s.parties, w["signature_party"])]


class TerminationRenderer(CaseFormRenderer):
    """终止人民调解通知书 (art. 26): mediation failed, it ends, and the other routes are named."""

    wording_name = "termination"

    def story(self) -> list[Flowable]:
        w, s = self.wording, self.snapshot
        parties = "、".join(p.name for p in s.parties)
        return [self.para(w.fmt("number", number=s.case_no), "right"), *self.heading(),
                self.para(w.fmt("salutation", parties=parties)),
                self.para(w.fmt("body", title=s.title), "indent"), self.para(w["routes"], "indent"),
                Spacer(1, 20 * mm),
                KeepTogether([closing(self, [""], [s.committee_name, w["seal"], w.date(s.closed_on)],
                                      [10 * mm, 18 * mm, 10 * mm])])]


class ConfirmationRenderer(DocumentRenderer):
    """司法确认申请书: the parties apply jointly to the court to confirm the agreement (art. 33)."""

    wording_name = "confirmation"

    def __init__(self, agreement: AgreementSnapshot, case: CaseSnapshot, wording: Wording | None = None) -> None:
        super().__init__(wording)
        self.agreement, self.case = agreement, case

    def story(self) -> list[Flowable]:
        w, a, s = self.wording, self.agreement, self.case
        date = w.date(a.date)
        story: list[Flowable] = [self.para(w["title"], "title")]
        for p in a.parties:
            story.append(KeepTogether([party_block(self, p, w["applicant"])]))
            if p.id_number:
                story.append(self.grid([[self.cell(w["id_number"]), self.cell(p.id_number)]],
                                       [44 * mm, self.frame_width - 44 * mm]))
        story += [Spacer(1, 4 * mm), self.para(w["request_heading"], "heading"),
                  self.para(w.fmt("request", date=date, committee=a.committee_name, number=a.number), "indent"),
                  self.para(w["reasons_heading"], "heading"),
                  self.para(w.fmt("reasons", date=date, committee=a.committee_name, title=s.title), "indent"),
                  self.para(w["pledge"], "indent"), Spacer(1, 4 * mm), self.para(w["to"], "indent"),
                  self.para(w.fmt("court", court=a.confirmation_court) if a.confirmation_court else w["blank_court"]),
                  Spacer(1, 4 * mm), self.para(w["attachments"], "small"), Spacer(1, 4 * mm),
                  signature_slots(self, a.parties, w["signature"]), Spacer(1, 4 * mm),
                  KeepTogether([closing(self, [""], [w.date(None)], [10 * mm])])]
        return story
