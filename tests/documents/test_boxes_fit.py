"""A form's boxes hold what is written in them: a long 回访 finding, or a long committee name above the seal and
the date, makes its box taller instead of running over the next one. Read back from the PDF: no two runs of text
drawn on a page overlap."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata

from pypdf import PdfReader

from mediation_desktop.documents.filing import DeclineNoticeRenderer
from mediation_desktop.documents.records import FollowUpRenderer
from mediation_desktop.documents.snapshot import CaseSnapshot, FollowUpSnapshot, PartySnapshot

DAY = dt.date(2026, 11, 2)
LONG_COMMITTEE = "浙江省杭州市西湖区石桥街道石桥村民委员会人民调解委员会"


def _boxes(pdf: bytes) -> list[list[tuple[str, float, float, float, float]]]:
    """Each page's runs of text as (text, left, bottom, right, top), their widths from the type size."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        runs: list[tuple[str, float, float, float, float]] = []

        def visit(text, cm, tm, _font, size, runs=runs):  # type: ignore[no-untyped-def]
            if not text.strip():
                return
            scale = tm[0] * cm[0] or 1
            x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
            em = size * abs(scale)
            width = sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text.strip()) * em
            runs.append((text.strip(), x, y - 0.15 * em, x + width, y + 0.8 * em))

        page.extract_text(visitor_text=visit)
        pages.append(runs)
    return pages


def _no_overlap(pdf: bytes) -> None:
    for runs in _boxes(pdf):
        for i, a in enumerate(runs):
            for b in runs[i + 1:]:
                across = min(a[3], b[3]) - max(a[1], b[1])
                down = min(a[4], b[4]) - max(a[2], b[2])
                assert across <= 1 or down <= 1, (a, b)


def _snapshot(committee: str = "石桥村人民调解委员会", follow_ups: tuple[FollowUpSnapshot, ...] = ()) -> CaseSnapshot:
    return CaseSnapshot(
        committee_name=committee, case_no="（2026）石桥村人调字第12号", title="张三与李四菜地界限纠纷",
        summary="", requests=(), registered_on=DAY, accepted_on=DAY, closed_on=DAY, mediator_name="王建国",
        recorder_name="李明", parties=(PartySnapshot("applicant", False, "张三"), PartySnapshot("respondent", False, "李四")),
        agreement_number="（2026）石桥村人调字第12号", end_reason="申请人撤回申请", follow_ups=follow_ups)


def test_a_long_follow_up_finding_grows_its_box():
    long = "。".join(f"第{i}户反映界桩附近仍有积水，需在雨季前疏通排水沟" for i in range(1, 16)) + "。"
    visit = FollowUpSnapshot(DAY, "张三", "", "partial", True, False, long, long, long, "王建国")
    pdf = FollowUpRenderer(_snapshot(follow_ups=(visit,))).generate()
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "第15户反映界桩附近仍有积水" in text
    _no_overlap(pdf)


def test_a_long_committee_name_keeps_clear_of_the_seal_and_date():
    pdf = DeclineNoticeRenderer(_snapshot(LONG_COMMITTEE)).generate()
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert LONG_COMMITTEE in text
    _no_overlap(pdf)


def test_a_party_list_longer_than_a_page_continues_on_the_next(db, crowd_case):
    """668 households: the 受理登记表's sentence and the 调解记录's 当事人 box run over pages, every name printed
    (they could not be printed at all: a box taller than a page)."""
    from mediation_desktop.documents.registry import render_document

    for doc in ("acceptance", "session"):
        pdf = render_document(db, doc, crowd_case.case_id, today=DAY)
        pages = PdfReader(io.BytesIO(pdf)).pages
        # (the page's footer read out of the middle of a name broken over two pages)
        text = "".join(re.sub(r"第\d+页共\d+页", "", "".join(p.extract_text().split())) for p in pages)
        assert len(pages) > 1 and all(f"业主{i:03d}" in text for i in range(1, 669)), doc
        _no_overlap(pdf)


def test_a_closing_report_for_many_parties_heads_every_page(db, director, crowd_case):
    """The 结案报告表 of 668 households: the parties' list runs over pages, its header row on each."""
    from mediation_desktop.documents.registry import render_document
    from mediation_desktop.domain.enums import SessionResult
    from mediation_desktop.domain.lifecycle import CaseAction
    from mediation_desktop.services import cases, records

    records.add_session(db, director, crowd_case.case_id, records.SessionInput(SessionResult.NOT_AGREED, record="分歧大"))
    cases.change_status(db, director, crowd_case.case_id, CaseAction.TERMINATE, reason="分歧过大")
    pdf = render_document(db, "closing_report", crowd_case.case_id)
    pages = ["".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) > 2
    assert all("当事人姓名或名称单位或住址联系方式" in page for page in pages[:-1])
    text = "".join(pages)
    assert all(f"业主{i:03d}" in text for i in range(1, 669)) and "调解结果" in pages[-1]
