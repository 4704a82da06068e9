"""Chinese line breaking (W3C clreq): over many generated names and texts, every line every document draws
neither starts with a closing or pause mark nor ends with an opening one, and amounts and case numbers stay
whole. The lines are the very ones ReportLab draws (recorded as each paragraph is broken)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mediation_desktop.documents import linebreak
from mediation_desktop.documents.agreement import AgreementRenderer
from mediation_desktop.documents.case_forms import AcceptanceRenderer, ApplicationRenderer, NoticeRenderer
from mediation_desktop.documents.casefile import SessionRecordRenderer
from mediation_desktop.documents.closing_forms import OralAgreementRenderer, TerminationRenderer
from mediation_desktop.documents.linebreak import CANNOT_END, CANNOT_START, ClearParagraph
from mediation_desktop.documents.records import FollowUpRenderer
from mediation_desktop.documents.snapshot import (
    AgreementSnapshot,
    CaseSnapshot,
    FollowUpSnapshot,
    PartySnapshot,
    SessionSnapshot,
)

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
RARE = st.sampled_from(list("䶮𠮷㛃喆堃昇珺镕"))
NAMES = st.lists(st.one_of(HAN, RARE), min_size=2, max_size=4).map("".join)
PUNCT = st.sampled_from([*"，。、；：？！）」』】》（「『【《", "——", "……", "“", "”"])
AMOUNTS = st.one_of(
    st.integers(1, 9_999_999).map(lambda n: f"{n:,}元"),
    st.sampled_from(["叁仟伍佰元", "人民币壹万贰仟元整", "伍拾元"]),
    st.decimals(Decimal("0.01"), Decimal("999999.99"), places=2).map(lambda d: f"{d}元"),
)
CASE_NUMBERS = st.integers(1, 999).map(lambda n: f"（2026）石桥村人调字第{n}号")
SEGMENT = st.one_of(st.lists(HAN, min_size=1, max_size=9).map("".join), PUNCT, AMOUNTS, CASE_NUMBERS, NAMES)
TEXTS = st.lists(SEGMENT, min_size=1, max_size=30).map("".join)


@contextmanager
def drawn_lines() -> Iterator[list[tuple[str, list[str]]]]:
    """Every paragraph's text and its lines, as the documents break them."""
    seen: list[tuple[str, list[str]]] = []
    original = ClearParagraph.breakLinesCJK

    def record(self, widths):  # type: ignore[no-untyped-def]
        result = original(self, widths)
        lines = linebreak.lines_of(result)
        seen.append(("".join(lines), lines))
        return result

    ClearParagraph.breakLinesCJK = record
    try:
        yield seen
    finally:
        ClearParagraph.breakLinesCJK = original


def _check(seen: list[tuple[str, list[str]]], keep_whole: list[str]) -> None:
    assert seen
    for _text, lines in seen:
        for i, line in enumerate(lines):
            if i:  # the first line of a paragraph may start with an opening mark's partner as written
                assert line[:1] not in CANNOT_START, (line, lines)
            if i < len(lines) - 1:
                assert line[-1:] not in CANNOT_END, (line, lines)
        joined = "".join(lines)
        for token in keep_whole:
            if token in joined and any(len(line) >= len(token) + 2 for line in lines):
                assert any(token in line for line in lines), (token, lines)


def _people(names: list[str]) -> tuple[PartySnapshot, ...]:
    return tuple(PartySnapshot("applicant" if i == 0 else "respondent", False, n, sex="male", age=40,
                               address="石桥村" + n, phone="13800138000") for i, n in enumerate(names))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(names=st.lists(NAMES, min_size=2, max_size=5, unique=True), facts=TEXTS,
       terms=st.lists(TEXTS, min_size=1, max_size=4), amount=AMOUNTS, number=CASE_NUMBERS)
def test_no_line_starts_with_a_closing_mark(names, facts, terms, amount, number):
    terms = [*terms, f"被申请人支付{amount}，于案件{number}协议生效后履行"]
    parties = _people(names)
    agreement = AgreementSnapshot(
        "石桥村人民调解委员会", number, 1, "draft", parties, facts, tuple(terms), facts[:40], "", None,
        Decimal("3500"), 3, "王建国", "李明", dt.date(2026, 11, 22))
    session = SessionSnapshot(dt.datetime(2026, 11, 20, 14, 30), "调解室", facts[:30], names[0], "、".join(names),
                              True, True, "\n".join(terms), facts, "agreed", "王建国", "李明")
    case = CaseSnapshot(
        "石桥村人民调解委员会", number, f"{names[0]}与{names[1]}纠纷", facts, tuple(terms), dt.date(2026, 11, 1),
        dt.date(2026, 11, 1), dt.date(2026, 11, 22), "王建国", "李明", parties, category="邻里",
        sessions=(session,), end_reason=facts, agreement_form="oral", agreement_number=number,
        follow_ups=(FollowUpSnapshot(dt.date(2026, 11, 25), names[0], "回访", "done", True, False, facts, facts,
                                     facts, "王建国"),))
    with drawn_lines() as seen:
        for renderer in (AgreementRenderer(agreement), OralAgreementRenderer(agreement), ApplicationRenderer(case),
                         AcceptanceRenderer(case), NoticeRenderer(case), SessionRecordRenderer(case),
                         TerminationRenderer(case), FollowUpRenderer(case)):
            renderer.generate()
    _check(seen, [amount, number])


def test_reportlab_alone_breaks_the_rules_where_ours_does_not():
    """Why the documents wrap on their own: with a rare character in the text (a fallback font, so several runs)
    ReportLab's CJK wrapping starts lines with 「，」「；」「》」 and ends them with 「（」「《」; ours never does."""
    from reportlab.platypus import Paragraph

    from mediation_desktop.documents import fonts
    from mediation_desktop.documents.base import DocumentRenderer

    style = DocumentRenderer().styles["body"]
    text = fonts.markup("钱𠮷，赵䶮、李喆；王五：张三！（甲）《乙》" * 4)

    def broken(lines: list[str]) -> bool:
        return any(line[:1] in CANNOT_START for line in lines[1:]) or any(
            line[-1:] in CANNOT_END for line in lines[:-1])

    theirs = ours = 0
    for width in range(30, 400, 3):
        plain = Paragraph(text, style)
        plain.wrap(width, 1000)
        theirs += broken(["".join(x.text for x in line.words) for line in plain.blPara.lines])
        mine = ClearParagraph(text, style)
        mine.wrap(width, 1000)
        ours += broken(linebreak.line_texts(mine))
    assert theirs > 0 and ours == 0


def test_a_paragraph_longer_than_a_page_is_printed_whole_over_pages():
    """A summary or a record typed as one long paragraph is split over pages. Split, a paragraph of one run (one
    font) kept its lines labelled as lines of several runs, and drawing them failed: the 申请书 of a case whose
    summary ran over the foot of page 1 could not be printed. One run and several (a rare character in the
    fallback font), each read back whole and in order."""
    import io
    import re

    from pypdf import PdfReader

    for text in ("双方因宅基地边界发生争议，多次协商未果。" * 120, "钱𠮷与赵䶮因宅基地边界发生争议，多次协商未果。" * 100):
        case = CaseSnapshot("石桥村人民调解委员会", "（2026）石桥村人调字第1号", "宅基地纠纷", text, ("确认边界。",),
                            dt.date(2026, 11, 1), dt.date(2026, 11, 1), None, "王建国", "李明",
                            _people(["张三", "李四"]))
        pages = PdfReader(io.BytesIO(ApplicationRenderer(case).generate())).pages
        assert len(pages) >= 3
        printed = "".join(re.sub(r"第\d+页共\d+页", "", "".join(page.extract_text().split())) for page in pages)
        # (the page numbers at each foot left out, and a NUL pypdf reads after one 𠮷 of the fallback font, where
        # pdftotext reads none)
        assert text in printed.replace("\x00", "")
