"""The whole 卷宗: every document the case has, numbered as one; the contents' 页号 are where each item starts."""

from __future__ import annotations

import datetime as dt
import io
import re

from mediation_desktop.documents.registry import page_count, render_document
from mediation_desktop.domain.enums import AttachmentKind, PartyRole, Performance, SessionResult
from mediation_desktop.domain.lifecycle import CaseAction
from mediation_desktop.services import agreements, cases, records
from mediation_desktop.services.attachments import add_attachment
from mediation_desktop.services.case_file import case_file_pages, parse_paper_pages, set_case_file_pages
from mediation_desktop.services.parties import PartyInput

TODAY = dt.date(2026, 11, 22)


def _pages(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return ["".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]


def contents_rows(pdf: bytes, labels: dict[str, str]) -> dict[str, str]:
    """key → 页号 as the contents page (the file's second page) prints it, read with the columns kept apart."""
    from pypdf import PdfReader

    layout = PdfReader(io.BytesIO(pdf)).pages[1].extract_text(extraction_mode="layout")
    cells = {}
    for line in layout.splitlines():
        words = line.split()
        if len(words) >= 2 and words[0].isdigit():
            cells[words[1]] = words[2] if len(words) > 2 and re.fullmatch(r"\d+(-\d+)?", words[2]) else ""
    return {key: cells[label] for key, label in labels.items()}


def _two_people(db, director, summary="宅基地纠纷"):
    return cases.register_case(db, director, cases.CaseInput(
        "neighbour", [PartyInput("赵䶮", address="石桥村一组", phone="13800138000"),
                      PartyInput("钱𠮷", role=PartyRole.RESPONDENT)], summary=summary), today=TODAY)


def check_numbering(pdf: bytes, wanted: list[tuple[str, str, str]], paper: dict[str, int]) -> None:
    """Each (row label, page range, a line on its first printed page): the contents say the range, and the
    page stamped with its first number (after the paper pages filed before it) is that document's first page."""
    pages = _pages(pdf)
    assert "调解卷宗" in pages[0] and "第" not in pages[0][-8:]
    assert "卷内目录" in pages[1]
    from mediation_desktop.documents.wording import Wording

    labels = Wording("contents").data["rows"]
    rows = contents_rows(pdf, {key: labels[key] for key, _, _ in wanted})
    assert len(rows) == len(wanted)
    printed_before = 0  # pages of the PDF after the contents
    for key, _range, first_line in wanted:
        assert rows[key] == _range, (key, rows[key], _range)
        if not first_line:  # paper only
            continue
        first = int(_range.split("-")[0])
        page = pages[2 + printed_before]
        assert first_line in page, (key, page[:80])
        assert page.endswith(f"第{first}页"), (key, page[-12:])
        n = int(_range.split("-")[-1]) - first + 1 - paper.get(key, 0)
        printed_before += n
    assert 2 + printed_before == len(pages)
    numbers = [int(m.group(1)) for p in pages[2:] for m in [re.search(r"第(\d+)页$", p)] if m]
    assert len(numbers) == len(pages) - 2 and numbers == sorted(numbers)  # every page after the contents
    assert not any("页共" in p for p in pages[2:])  # no 「第 X 页 共 Y 页」 of a single document inside


def test_terminated_case_file_with_paper_pages(db, director):
    reg = _two_people(db, director)
    records.add_session(db, director, reg.case_id, records.SessionInput(
        SessionResult.NOT_AGREED, record="双方各执一词。", risk_warning="如不接受调解结果，可能承担诉讼风险。"))
    cases.change_status(db, director, reg.case_id, CaseAction.TERMINATE, on=dt.date(2026, 11, 21),
                        reason="双方分歧过大，一方明确拒绝继续调解")
    set_case_file_pages(db, director, reg.case_id, parse_paper_pages(["identity=3", "power_of_attorney=2"]))
    assert case_file_pages(db, reg.case_id) == {"identity": 3, "power_of_attorney": 2}
    pdf = render_document(db, "casefile", reg.case_id, today=TODAY)
    single = {d: page_count(render_document(db, d, reg.case_id, today=TODAY))
              for d in ("application", "notice", "session", "termination", "closing_report")}
    p = 1
    wanted = []
    for key, first_line, extra in [("application", "人民调解申请书", 0), ("notice", "当事人权利义务告知书", 0),
                                   ("identity", "", 3), ("power_of_attorney", "", 2),
                                   ("session", "人民调解记录", 0), ("termination", "终止人民调解通知书", 0),
                                   ("closing_report", "人民调解结案报告表", 0), ("statement", "卷宗情况说明", 0),
                                   ("back_cover", "封底", 0)]:
        n = single.get(key, 1 if first_line else 0) + extra
        wanted.append((key, str(p) if n == 1 else f"{p}-{p + n - 1}", first_line))
        p += n
    check_numbering(pdf, wanted, {"identity": 3, "power_of_attorney": 2})
    text = "".join(_pages(pdf))
    assert "终止原因：双方分歧过大，一方明确拒绝继续调解。" in text
    assert f"本卷共有文件材料{p - 1}页" in text


def test_oral_agreement_in_the_file_with_receipt_scans(db, director, tmp_path):
    reg = _two_people(db, director, "借款纠纷")
    records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.AGREED, record="同意还款。"))
    agreements.record_oral(db, director, reg.case_id, agreements.AgreementInput(
        ["钱𠮷于2026年11月30日前归还借款3000元"], amount="3000"), reached_on=dt.date(2026, 11, 20))
    scan = tmp_path / "收条.png"
    _png(scan)
    add_attachment(db, director, reg.case_id, scan, kind=AttachmentKind.PERFORMANCE_PROOF, description="还款收条")
    records.add_follow_up(db, director, reg.case_id, records.FollowUpInput(
        Performance.DONE, visitee="赵䶮", visited_on=dt.date(2026, 11, 21)))
    set_case_file_pages(db, director, reg.case_id, {"identity": 2, "performance": 1})
    pdf = render_document(db, "casefile", reg.case_id, today=TODAY)
    text = "".join(_pages(pdf))
    assert "人民调解口头协议登记表" in text and "履行凭证：还款收条" in text and "卷内备考表" in text
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    assert any("/Image" in str(page.get("/Resources", {}).get("/XObject", {}).values()) or
               page.images for page in reader.pages)


def _png(path) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image

    Image.new("RGB", (400, 600), "white").save(path)
