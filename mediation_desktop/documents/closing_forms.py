"""口头协议登记表, 终止人民调解通知书 and 司法确认申请书 (DOMAIN.md 9 and 11)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from mediation_desktop.documents.base import DocumentRenderer
from mediation_desktop.documents.filing import _NoticeToParties
from mediation_desktop.documents.numerals import dated_term
from mediation_desktop.documents.parts import closing, party_block, signed_end
from mediation_desktop.documents.snapshot import AgreementSnapshot, CaseSnapshot
from mediation_desktop.documents.wording import Wording


class OralAgreementRenderer(DocumentRenderer):
    """口头协议登记表: parties, facts, agreed content, performance, amount, mediator, date (no national layout)."""

    wording_name = "oral"

    def __init__(self, snapshot: AgreementSnapshot, wording: Wording | None = None) -> None:
        super().__init__(wording)
        self.snapshot = snapshot

    def story(self) -> list[Flowable]:
        """Filled like the 协议书 (the public rule): parties' basic facts, facts, the terms one by one, performance,
        amount, the parties' signatures, the mediator's and the registrar's, the seal and the date."""
        w, s, paper = self.wording, self.snapshot, Wording("agreement")
        performance = "".join(filter(None, [
            s.performance_method.rstrip("。") + "。" if s.performance_method else "",
            paper.fmt("performance_deadline", date=w.date(s.performance_deadline)) if s.performance_deadline
            else paper["term_deadlines"] if s.term_deadlines else "",
            paper.fmt("performance_place", place=s.performance_place.rstrip("。"))
            if s.performance_place else ""]))
        amount = w.fmt("amount_value", amount=f"{s.amount:,.2f}") if s.amount is not None else w["no_amount"]
        story: list[Flowable] = [self.para(w.fmt("number", number=s.number), "right"), self.para(w["title"], "title")]
        story += [KeepTogether([party_block(self, p)]) for p in s.parties]
        story += [Spacer(1, 4 * mm), self.para(w["facts"], "heading"), self.para(s.facts, "indent"),
                  self.para(w["content"], "heading")]
        story += [self.para(dated_term(i, t, None if s.term_deadline(i) is None else paper.fmt(
            "term_deadline", term="{term}", date=w.date(s.term_deadline(i)))), "term")
            for i, t in enumerate(s.terms, start=1)]
        story += [self.para(w["performance"], "heading"), self.para(performance, "indent"),
                  self.para(w["amount"] + amount, "heading"), self.para(w["date"] + w.date(s.date), "heading"),
                  *signed_end(self, [self.para(w["effect"], "indent")], s.parties, w["parties_sign"],
                              closing(self, [w["mediator"], w["recorder"]],
                                      [s.committee_name, w["seal"], w.date(s.date)], [14 * mm, 18 * mm, 10 * mm]),
                              before=4 * mm, after=6 * mm)]
        return story


class TerminationRenderer(_NoticeToParties):
    """终止人民调解通知书 (art. 26): mediation failed, why it ends, the other routes, and the parties' receipt."""

    wording_name = "termination"

    def dated(self) -> str:
        """The day of the termination, though a later 移交 moved the case's closing day to its own."""
        return self.wording.date(self.snapshot.terminated_on)

    def body(self) -> list[str]:
        w, s = self.wording, self.snapshot
        reason = w.fmt("reason", reason=s.end_reason.rstrip("。") + "。") if s.end_reason else w["blank_reason"]
        return [w.fmt("body", title=s.title), reason, w["routes"]]


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
            if p.representative and p.representative_id_number:  # (the 法定代理人 applies for them: their ID too)
                story.append(self.grid([[self.cell(w["guardian_id_number"]),
                                         self.cell(p.representative_id_number)]],
                                       [44 * mm, self.frame_width - 44 * mm]))
        story += [Spacer(1, 4 * mm), self.para(w["request_heading"], "heading"),
                  self.para(w.fmt("request", date=date, committee=a.committee_name, number=a.number), "indent"),
                  self.para(w["reasons_heading"], "heading"),
                  self.para(w.fmt("reasons", date=date, committee=a.committee_name, title=s.title), "indent"),
                  self.para(w["pledge"], "indent"), Spacer(1, 4 * mm), self.para(w["to"], "indent"),
                  self.para(w.fmt("court", court=a.confirmation_court) if a.confirmation_court else w["blank_court"]),
                  Spacer(1, 4 * mm),
                  *signed_end(self, [self.para(w["attachments"], "small")], a.parties, w["signature"],
                              closing(self, [""], [w.date(s.confirmation_applied_on)], [10 * mm]),
                              before=4 * mm, after=4 * mm)]
        return story
