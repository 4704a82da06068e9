"""The forms that open a case: 人民调解申请书, 人民调解受理登记表, 当事人权利义务告知书 (DOMAIN.md 3–5)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from mediation_desktop.documents.base import DocumentRenderer
from mediation_desktop.documents.numerals import end_sentence
from mediation_desktop.documents.parts import GUARDIANS_SIGN, closing, party_block, signed_end, signs_through_guardian
from mediation_desktop.documents.snapshot import CaseSnapshot
from mediation_desktop.documents.wording import Wording

_ROLE_ORDER = {"applicant": 0, "respondent": 1, "third_party": 2}


class CaseFormRenderer(DocumentRenderer):
    """A form about one case, fed a :class:`CaseSnapshot`."""

    def __init__(self, snapshot: CaseSnapshot, wording: Wording | None = None) -> None:
        super().__init__(wording)
        self.snapshot = snapshot

    def heading(self) -> list[Flowable]:
        return [self.para(self.wording["title"], "title")]


class ApplicationRenderer(CaseFormRenderer):
    """人民调解申请书: each applicant and respondent, the dispute, the numbered requests, the declaration."""

    wording_name = "application"

    def story(self) -> list[Flowable]:
        w, s = self.wording, self.snapshot
        story = self.heading()
        parties = sorted(s.parties, key=lambda p: _ROLE_ORDER.get(p.role, 3))
        story += [KeepTogether([party_block(self, p, w.data["roles"].get(p.role, w["party_label"]))])
                  for p in parties]
        story += [Spacer(1, 4 * mm), self.para(w["summary"], "heading"), self.para(s.summary, "indent"),
                  self.para(w["requests"], "heading")]
        story += [self.para(f"{i}. {end_sentence(r)}", "term") for i, r in enumerate(s.requests, start=1)]
        applicants = tuple(p for p in parties if p.role == "applicant") or tuple(parties[:1])
        story += [Spacer(1, 4 * mm), *signed_end(self, [self.para(w["declaration"], "indent")], applicants,
                                                 w["signature"], closing(self, [""], [w.date(s.registered_on)],
                                                                         [10 * mm]), before=4 * mm, after=4 * mm)]
        return story


class AcceptanceRenderer(CaseFormRenderer):
    """人民调解受理登记表: the register sentence, 纠纷类型, 案件来源, the dispute, signatures and seal."""

    wording_name = "acceptance"

    def story(self) -> list[Flowable]:
        w, s = self.wording, self.snapshot
        names = "、".join(p.name for p in s.parties) or w["blank_parties"]
        sentence = w.fmt("sentence", date=w.date(s.accepted_on or s.registered_on), parties=names)
        on, off = w["check.on"], w["check.off"]
        # the referring body (the court's name …) right after the box ticked, not after the last option
        detail = f"（{s.source_detail}）" if s.source_detail else ""
        sources = "　".join((on + label + detail) if key == s.source else (off + label)
                           for key, label in w.data["sources"].items())
        width = self.frame_width
        c = self.cell
        rows = [
            [c(w["category"]), c(s.category)],
            [c(w["source"]), c(sources)],
            [c(w["summary"]), [c(s.summary), Spacer(1, 45 * mm)]],  # room to write by hand
            [c(w["parties_sign"]), ""],  # signed by hand
            *([[c(w.data.get("guardians_sign", GUARDIANS_SIGN).rstrip("：")), ""]]  # a minor's 法定代理人 signs too
              if any(map(signs_through_guardian, s.parties)) else []),
            [c(w["registrar"]), ""],
            [c(w["seal"]), c(w.date(s.accepted_on or s.registered_on), "right")],
            [c(w["remarks"]), ""],
        ]
        guardians = len(rows) - 7  # (the 法定代理人's row, when there is one)
        # the sentence in a box of its own over the table, with no spanned cell: a sentence naming more parties than
        # a page holds (668 households) continues on the next page, as only a table without spans can
        opening = self.grid([[c(sentence, "body")]], [width])
        table = self.grid(rows, [32 * mm, width - 32 * mm], extra=[
            ("VALIGN", (1, 2), (1, 2), "TOP"), ("VALIGN", (1, 5 + guardians), (1, 5 + guardians), "BOTTOM"),
        ], heights=[None, None, None, 28 * mm, *[20 * mm] * guardians, 14 * mm, 32 * mm, 16 * mm])
        return [*self.heading(), opening, table, Spacer(1, 3 * mm), self.para(w["footnote"], "small")]


class NoticeRenderer(CaseFormRenderer):
    """当事人权利义务告知书: the rights of art. 23 and the duties of art. 24; each party signs that they were told."""

    wording_name = "notice"

    def story(self) -> list[Flowable]:
        w, s = self.wording, self.snapshot
        story = [*self.heading(), self.para(w["intro"], "indent"), self.para(w["rights_heading"], "heading")]
        story += [self.para(x, "term") for x in w.data["rights"]]
        story += [self.para(w["duties_heading"], "heading")]
        story += [self.para(x, "term") for x in w.data["duties"]]
        foot = closing(self, [""], [s.committee_name, w.date(s.accepted_on or s.registered_on)], [10 * mm, 10 * mm])
        story += [Spacer(1, 6 * mm), *signed_end(self, [self.para(w["acknowledge"], "indent")], s.parties,
                                                 w["signature_party"], foot, before=3 * mm, after=6 * mm)]
        return story
