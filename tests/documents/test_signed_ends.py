"""A form's signatures, seal and date never stand on a page of their own, cut off from what they sign.

Each form that is signed is printed with its text growing a line at a time, so that its page break falls at every
place of its end in turn (a tester's 申请书 of four parties and two requests put its date alone on page 2). On the
page with the date, the parties' slots are there too (their heading, or the last party's slot of a long list), and
so are the last words above them; a record's signatures stay with its last line."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from pypdf import PdfReader

from mediation_desktop.documents import case_forms, casefile, closing_forms, filing, records
from mediation_desktop.documents.snapshot import (
    AgreementSnapshot,
    CaseSnapshot,
    InvestigationSnapshot,
    PartySnapshot,
    SessionSnapshot,
)
from mediation_desktop.documents.wording import Wording

DAY = dt.date(2026, 11, 22)
SITTING = dt.datetime(2026, 11, 20, 9, 30)
LINE = "双方因宅基地边界发生争议，多次协商未果，村调委会受理后组织调查并主持调解。"  # ≈ one line of a paragraph


def _parties(n: int) -> tuple[PartySnapshot, ...]:
    people = [PartySnapshot(role="applicant" if i % 2 == 0 else "respondent", is_organisation=False,
                            name=f"村民{i + 1}号", sex="male", ethnicity="汉族", age=50, occupation="农民",
                            phone="13800138000", address="石桥村三组", id_number="11010519491231002X")
              for i in range(n)]
    if n >= 4:  # a company among them, as in the tester's case (its slot is taller)
        people[3] = PartySnapshot(role="respondent", is_organisation=True, name="石桥村兴旺养殖有限公司",
                                  credit_code="91350100M000100Y43", representative="周〇明",
                                  representative_title="总经理", address="石桥村")
    return tuple(people)


def _case(parties: int, lines: int) -> CaseSnapshot:
    return CaseSnapshot(
        committee_name="石桥村人民调解委员会", case_no="（2026）石桥村人调字第73号", title="宅基地纠纷",
        summary=LINE * lines, requests=("依法确认宅基地边界。", "对方赔偿损失人民币3900元。"),
        registered_on=DAY, accepted_on=DAY, closed_on=DAY, mediator_name="王建国", recorder_name="李明",
        parties=_parties(parties), category="宅基地纠纷", end_reason=LINE * lines,
        investigations=(InvestigationSnapshot(SITTING, "村委会", "王建国、李明", "村民1号", "王建国", "李明",
                                              "\n".join(f"问：{LINE}" for _ in range(lines))),),
        sessions=(SessionSnapshot(SITTING, "调解室", "宅基地纠纷", "王建国、李明", "村民1号、村民2号", False, True,
                                  "\n".join(LINE for _ in range(lines)), "", "agreed", "王建国", "李明"),))


def _agreement(parties: int, lines: int) -> AgreementSnapshot:
    return AgreementSnapshot(
        committee_name="石桥村人民调解委员会", number="（2026）石桥村人调字第73号", version=1, status="draft",
        parties=_parties(parties), facts=LINE * lines, terms=("重新划定界限。", "赔偿损失人民币3900元。"),
        performance_method="现金", performance_place="村委会", performance_deadline=dt.date(2026, 12, 20),
        amount=None, copies=parties + 1, mediator_name="王建国", recorder_name="李明", date=DAY)


def _pages(pdf: bytes) -> list[str]:
    return ["".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def _date_page(pages: list[str], date: str) -> str:
    found = [p for p in pages if date in p]
    assert found, date
    return found[-1]


# (form, how to print it, the words just above the slots, the slots' heading)
SIGNED = {
    "application": (lambda p, n: case_forms.ApplicationRenderer(_case(p, n)).generate(), "declaration", "signature"),
    "notice": (lambda p, n: case_forms.NoticeRenderer(_case(p, n)).generate(), "acknowledge", "signature_party"),
    "oral": (lambda p, n: closing_forms.OralAgreementRenderer(_agreement(p, n)).generate(), "effect", "parties_sign"),
    "termination": (lambda p, n: closing_forms.TerminationRenderer(_case(p, n)).generate(), None, "receipt"),
    "decline": (lambda p, n: filing.DeclineNoticeRenderer(_case(p, n)).generate(), None, "receipt"),
}


@pytest.mark.parametrize(("form", "parties"), [(form, n) for form in sorted(SIGNED) for n in (1, 4)
                                                if form != "notice" or n == 1])
def test_the_date_is_printed_with_the_signatures_and_what_they_sign(form, parties):
    render, lead, heading = SIGNED[form]
    wording = Wording(form)
    applicants = (parties + 1) // 2 if form == "application" else parties  # the 申请书 is signed by its applicants
    last = _parties(parties)[[i for i, p in enumerate(_parties(parties)) if p.role == "applicant"][-1]
                             if form == "application" else -1].name
    breaks = set()
    for lines in range(0, 44, 2):
        if form == "notice":  # (a notice's text is the law's: its end moves down with more parties)
            parties, lines = lines // 2 + 1, 0  # (1 to 22 parties)
            applicants = parties
            last = _parties(parties)[-1].name
        pages = _pages(render(parties, lines))
        breaks.add(len(pages))
        date = wording.date(DAY) if form in ("application", "notice", "oral") else wording["receipt_date"]
        page = _date_page(pages, "".join(date.split()))
        assert "".join(wording[heading].split()) in page, (lines, page)
        assert last in page.split("".join(wording[heading].split()))[-1], (lines, page)
        if lead is not None and applicants <= 4:
            assert "".join(wording[lead].split())[:12] in page, (lines, page)
    assert len(breaks) >= 2  # the text grew over a page: the break fell everywhere on the way


@pytest.mark.parametrize("form", ["investigation", "session"])
def test_a_records_signatures_stay_with_its_last_line(form):
    wording = Wording(form)
    sign = wording["interviewee_sign"] if form == "investigation" else wording["parties_sign"]
    renderer = records.InvestigationRenderer if form == "investigation" else casefile.SessionRecordRenderer
    breaks = set()
    for lines in range(1, 44, 2):
        snap = _case(2, lines)
        pages = _pages(renderer(snap).generate())
        breaks.add(len(pages))
        page = [p for p in pages if "".join(sign.split()) in p][-1]
        # the record's last words are above its signatures: the last answer, or the sentence that it was read back
        last = LINE[-12:] if form == "investigation" else "".join(wording["read_back"].split())[:12]
        assert last in page, (lines, page)
    assert len(breaks) >= 2


def test_a_long_list_of_parties_keeps_its_heading_on_each_page_and_its_last_row_with_the_date():
    wording = Wording("application")
    snap = dataclasses.replace(_case(1, 1), parties=_parties(1) * 0 + tuple(
        PartySnapshot(role="applicant", is_organisation=False, name=f"户主{i + 1}号") for i in range(60)))
    pages = _pages(case_forms.ApplicationRenderer(snap).generate())
    page = _date_page(pages, wording.date(DAY))
    assert "户主60号" in page and "户主59号" in page
    heading = "".join(wording["signature"].split())
    assert sum(heading in p for p in pages) >= 2  # the slots ran over pages, under their heading each time
