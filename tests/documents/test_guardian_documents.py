"""A minor's 法定代理人 on paper: a 「法定代理人：王五（系其父亲）」 line in the party's particulars, and on every form
the parties sign, the minor's slot signed by the 法定代理人 (named when recorded, a blank to fill when not) — kept
with the date and the last words above it, as every signed end is."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from pypdf import PdfReader

from mediation_desktop.documents import case_forms, closing_forms, filing
from mediation_desktop.documents.agreement import AgreementRenderer
from mediation_desktop.documents.registry import render_document
from mediation_desktop.documents.snapshot import AgreementSnapshot, CaseSnapshot, PartySnapshot
from mediation_desktop.documents.wording import Wording
from mediation_desktop.domain.enums import PartyRole
from mediation_desktop.services import agreements, cases
from mediation_desktop.services.parties import PartyInput

DAY = dt.date(2026, 11, 22)
LINE = "双方因宅基地边界发生争议，多次协商未果，村调委会受理后组织调查并主持调解。"
GUARDED = "法定代理人李大山（系其父亲）"  # the particulars' line (whitespace taken out, as read back)
SIGNS = "法定代理人李大山（签名）"  # the minor's slot
BLANK_SIGNS = "法定代理人＿＿＿＿（签名）"  # a minor whose 法定代理人 is not recorded: a blank to fill


def _people(adults: int = 0) -> tuple[PartySnapshot, ...]:
    """An adult, a child of nine with no 法定代理人 recorded, and 李小明 (14) with his father; ``adults`` more
    adults ahead of them (a form whose text does not grow grows by its parties)."""
    return (
        *(PartySnapshot(role="respondent", is_organisation=False, name=f"村民{i + 1}号", age=40)
          for i in range(adults)),
        PartySnapshot(role="applicant", is_organisation=False, name="张三", sex="male", ethnicity="汉族", age=50,
                      occupation="农民", phone="13800138000", address="石桥村三组"),
        PartySnapshot(role="applicant", is_organisation=False, name="王小红", sex="female", age=9,
                      address="石桥村四组"),
        PartySnapshot(role="applicant", is_organisation=False, name="李小明", sex="male", ethnicity="汉族", age=14,
                      occupation="学生", address="石桥村五组", representative="李大山", representative_title="父亲"),
    )


def _case(lines: int, adults: int = 0) -> CaseSnapshot:
    return CaseSnapshot(
        committee_name="石桥村人民调解委员会", case_no="（2026）石桥村人调字第73号", title="宅基地纠纷",
        summary=LINE * lines, requests=("依法确认宅基地边界。",), registered_on=DAY, accepted_on=DAY, closed_on=DAY,
        mediator_name="王建国", recorder_name="李明", parties=_people(adults), category="宅基地纠纷",
        end_reason=LINE * lines)


def _agreement(lines: int, adults: int = 0) -> AgreementSnapshot:
    return AgreementSnapshot(
        committee_name="石桥村人民调解委员会", number="（2026）石桥村人调字第73号", version=1, status="draft",
        parties=_people(adults), facts=LINE * lines, terms=("重新划定界限。",), performance_method="现金",
        performance_place="村委会", performance_deadline=dt.date(2026, 12, 20), amount=None, copies=4,
        mediator_name="王建国", recorder_name="李明", date=DAY)


def _pages(pdf: bytes) -> list[str]:
    return ["".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


# every form the parties sign in slots (parts.signed_end): (how to print it, its slots' heading, whether it prints
# the parties' particulars, the words on the page of its date)
SIGNED = {
    "agreement": (lambda n: AgreementRenderer(_agreement(n)).generate(), "party_signature", True, None),
    "application": (lambda n: case_forms.ApplicationRenderer(_case(n)).generate(), "signature", True, None),
    "notice": (lambda n: case_forms.NoticeRenderer(_case(0, n // 2)).generate(), "signature_party", False, None),
    "oral": (lambda n: closing_forms.OralAgreementRenderer(_agreement(n)).generate(), "parties_sign", True, None),
    "confirmation": (lambda n: closing_forms.ConfirmationRenderer(_agreement(0, n // 4), _case(0)).generate(),
                     "signature", True, "blank_date"),
    "termination": (lambda n: closing_forms.TerminationRenderer(_case(n)).generate(), "receipt", False,
                    "receipt_date"),
    "decline": (lambda n: filing.DeclineNoticeRenderer(_case(n)).generate(), "receipt", False, "receipt_date"),
}


@pytest.mark.parametrize("form", sorted(SIGNED))
def test_a_minor_is_printed_with_the_legal_representative_who_signs_the_slot(form):
    render, heading, particulars, _ = SIGNED[form]
    text = "".join(_pages(render(1)))
    assert (GUARDED in text) == particulars, text
    if particulars:  # the adult has no such line; the minor without one has the line left blank to fill
        assert text.count("法定代理人") == 2 + 2, text
    slots = text.split("".join(Wording(form).data[heading].split()))[-1]
    assert SIGNS in slots and BLANK_SIGNS in slots, slots
    assert "张三" in slots and "法定代理人张三" not in slots  # an adult signs for themself


@pytest.mark.parametrize("form", sorted(SIGNED))
def test_the_slots_signed_by_a_legal_representative_stay_with_the_date(form):
    """The text grows a line at a time, so the page break falls everywhere in the end in turn: the page with the
    date always has the heading and the minor's slot signed by the 法定代理人 (李小明 is the last party)."""
    render, heading, _, date_key = SIGNED[form]
    wording = Wording(form)
    date = "".join((wording[date_key] if date_key else wording.date(DAY)).split())
    breaks = set()
    for lines in range(0, 44, 2):
        pages = _pages(render(lines))
        breaks.add(len(pages))
        page = [p for p in pages if date in p][-1]
        assert "".join(wording[heading].split()) in page, (lines, page)
        assert SIGNS in page, (lines, page)
    assert len(breaks) >= 2


def test_an_agreement_made_through_the_services_prints_the_guardian(db, director):
    """From the party's stored columns to the paper: the 法定代理人 typed for a person is the one printed."""
    reg = cases.register_case(db, director, cases.CaseInput("neighbour", [
        PartyInput("李小明", age=14, representative="李大山", representative_title="父亲"),
        PartyInput("张三", role=PartyRole.RESPONDENT, age=50)], summary="宅基地边界争议。", registered_on=DAY), today=DAY)
    agreements.save_draft(db, director, reg.case_id, agreements.AgreementInput(
        ["重新划定界限。"], facts="双方因宅基地边界发生争议。", performance_method="现金"))
    text = "".join(_pages(render_document(db, "agreement", reg.case_id, today=DAY)))
    assert GUARDED in text and SIGNS in text
    assert text.count("法定代理人") == 2


def test_a_guardian_snapshot_is_a_persons_only():
    """A unit's representative stays its 法定代表人 (its own line and slot), never a 法定代理人."""
    unit = PartySnapshot(role="respondent", is_organisation=True, name="石桥村兴旺养殖有限公司",
                         credit_code="91350100M000100Y43", representative="周〇明", representative_title="总经理")
    snap = dataclasses.replace(_agreement(1), parties=(_people()[0], unit))
    text = "".join(_pages(AgreementRenderer(snap).generate()))
    assert "法定代理人" not in text and "周〇明" in text


@pytest.mark.parametrize("form", ["session", "acceptance"])
def test_a_record_signed_on_one_line_has_a_line_for_the_legal_representative(form):
    """The 调解记录 and the 受理登记表 have one line for all the parties' signatures: with a minor among them, the
    法定代理人 signs on a line of their own below it; without one, the form is as it was."""
    from mediation_desktop.documents import casefile
    from mediation_desktop.documents.snapshot import SessionSnapshot

    session = SessionSnapshot(dt.datetime(2026, 11, 20, 9, 30), "调解室", "宅基地纠纷", "", "张三、李小明", False,
                              True, LINE, "", "agreed", "王建国", "李明")
    snap = dataclasses.replace(_case(1), sessions=(session,))
    renderer = casefile.SessionRecordRenderer if form == "session" else case_forms.AcceptanceRenderer
    text = "".join(_pages(renderer(snap).generate()))
    parties = "".join(Wording(form)["parties_sign"].split())
    after = text.split(parties)[1]
    following = "".join(Wording(form)["participants_sign" if form == "session" else "registrar"].split())
    assert "法定代理人（签名）" in after.split(following)[0], text  # between the parties' line and the next one
    adults = dataclasses.replace(snap, parties=_people()[:1])
    assert "法定代理人" not in "".join(_pages(renderer(adults).generate()))
