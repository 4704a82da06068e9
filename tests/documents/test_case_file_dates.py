"""The dates of a bound 卷宗, read back from the PDF: 结案时间 is the day the case ended (the 回访 that found the
agreement performed), 立卷日期 / 填表时间 / 立卷时间 and the 情况说明's date are the day of 归档, and a file printed
before 归档 leaves those to be written by hand."""

from __future__ import annotations

import datetime as dt
import io
import re

from sqlalchemy import select

from mediation_desktop.documents.registry import render_document
from mediation_desktop.domain.china_time import in_china, typed_in_china
from mediation_desktop.domain.enums import PartyRole, Performance, SessionResult
from mediation_desktop.domain.lifecycle import CaseAction
from mediation_desktop.services import agreements, cases, records
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import AuditEntry, Case
from mediation_desktop.storage.unit_of_work import UnitOfWork

TODAY = dt.date(2026, 11, 22)
ACCEPTED, SIGNED, PERFORMED, ARCHIVED = (dt.date(2026, 11, 2), dt.date(2026, 11, 6), dt.date(2026, 11, 20),
                                         dt.date(2026, 11, 21))
BLANK = "＿＿年＿＿月＿＿日"


def _day(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _performed(db, director):  # type: ignore[no-untyped-def]
    """Accepted 11-02, agreement signed 11-06, the 回访 of 11-20 found it performed."""
    reg = cases.register_case(db, director, cases.CaseInput(
        "neighbour", [PartyInput("郑建华", address="石桥村一组"), PartyInput("王淑芬", role=PartyRole.RESPONDENT)],
        summary="宅基地界址争议", registered_on=ACCEPTED, recorder_name="李记录"), today=TODAY)
    records.add_session(db, director, reg.case_id, records.SessionInput(
        SessionResult.AGREED, record="双方同意拆除占用部分。", held_at=typed_in_china(2026, 11, 6, 9, 0)))
    aid = agreements.save_draft(db, director, reg.case_id, agreements.AgreementInput(["郑建华拆除围墙占用部分。"]))
    agreements.sign(db, director, aid, signed_on=SIGNED, today=TODAY)
    records.add_follow_up(db, director, reg.case_id, records.FollowUpInput(
        Performance.DONE, visitee="王淑芬", visited_on=PERFORMED))
    return reg


def _pages(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return ["".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def _page(pages: list[str], title: str) -> str:
    found = [p for p in pages[2:] if title in p]  # (after the cover and the contents)
    assert len(found) == 1, title
    return found[0]


def _casefile(db, case_id) -> dict[str, str]:  # type: ignore[no-untyped-def]
    pages = _pages(render_document(db, "casefile", case_id, today=TODAY))
    return {"cover": pages[0], "report": _page(pages, "人民调解结案报告表"), "statement": _page(pages, "卷宗情况说明"),
            "back": _page(pages, "卷内备考表")}


def test_bound_file_dates_its_filing_on_the_archive_day_and_its_end_on_the_performance(db, director):
    reg = _performed(db, director)
    cases.change_status(db, director, reg.case_id, CaseAction.ARCHIVE, on=ARCHIVED, retention="长期")
    f = _casefile(db, reg.case_id)
    assert "立卷日期" + _day(ARCHIVED) in f["cover"]
    assert "调解日期" + _day(ACCEPTED) + "至" + _day(PERFORMED) in f["cover"]
    assert "填表时间" + _day(ARCHIVED) in f["report"]
    assert "结案时间" + _day(PERFORMED) in f["report"]
    assert f["report"].count(_day(ARCHIVED)) == 2  # 填表时间, and the date under the seal
    assert re.search("立卷人（签名）：" + _day(ARCHIVED) + r"第\d+页$", f["statement"])  # after its 已履行完毕
    assert "立卷时间：" + _day(ARCHIVED) in f["back"]
    for name, page in f.items():  # the signing day is no date of filing or ending
        assert _day(SIGNED) not in page, name


def test_file_printed_before_archiving_leaves_the_filing_day_to_be_written_by_hand(db, director):
    reg = _performed(db, director)
    f = _casefile(db, reg.case_id)
    assert "立卷日期" + BLANK in f["cover"]
    assert "填表时间" + BLANK in f["report"]
    assert "结案时间" + _day(PERFORMED) in f["report"]
    assert re.search("立卷人（签名）：" + BLANK + r"第\d+页$", f["statement"])
    assert "立卷时间：" + BLANK in f["back"]
    for name, page in f.items():
        assert _day(SIGNED) not in page, name


def test_a_case_archived_before_the_day_was_kept_takes_it_from_the_audit_log(db, director):
    reg = _performed(db, director)
    cases.change_status(db, director, reg.case_id, CaseAction.ARCHIVE)
    with UnitOfWork(db, actor="test", action="test.old_archive") as uow:  # as a case archived by an older version
        case = uow.session.get(Case, reg.case_id)
        case.extra = {k: v for k, v in case.extra.items() if k != "archived_on"}
        uow.commit()
    with db.read_session() as s:
        at = s.scalar(select(AuditEntry.at).where(AuditEntry.case_id == str(reg.case_id),
                                                  AuditEntry.action == "case.archive/update"))
    f = _casefile(db, reg.case_id)
    archived = in_china(at).date()
    assert "立卷日期" + _day(archived) in f["cover"] and "立卷时间：" + _day(archived) in f["back"]


def test_reopening_takes_the_filing_day_away(db, director):
    reg = _performed(db, director)
    cases.change_status(db, director, reg.case_id, CaseAction.ARCHIVE, on=ARCHIVED)
    with db.read_session() as s:
        archived = dict(s.get(Case, reg.case_id).extra)
    cases.change_status(db, director, reg.case_id, CaseAction.REOPEN, reason="一方反悔，重新调解")
    with db.read_session() as s:
        reopened = dict(s.get(Case, reg.case_id).extra)
    assert (archived.get("archived_on"), reopened.get("archived_on", "gone")) == (ARCHIVED.isoformat(), "gone")
