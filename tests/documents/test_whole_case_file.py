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
from mediation_desktop.storage.models import Case

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
                      PartyInput("钱𠮷", role=PartyRole.RESPONDENT)], summary=summary,
        registered_on=dt.date(2026, 11, 18)), today=TODAY)  # (before the agreement reached on 11-20)


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
    with db.read_session() as s:
        case_no = s.get(Case, reg.case_id).case_no
    assert case_no.startswith("（") and f"，案号{case_no}，本委员会于" in text  # 情况说明 names the case once
    assert "（（" not in text.replace(" ", "") and "））" not in text.replace(" ", "")  # no doubled brackets anywhere


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


def _file_text(db, case_id) -> str:  # type: ignore[no-untyped-def]
    return "".join(_pages(render_document(db, "casefile", case_id, today=TODAY)))


def test_declined_and_referred_cases_file_their_notices(db, director):
    declined = cases.register_case(db, director, cases.CaseInput(
        "neighbour", [PartyInput("王五"), PartyInput("赵六", role=PartyRole.RESPONDENT)], accept=False), today=TODAY)
    cases.change_status(db, director, declined.case_id, CaseAction.DECLINE, reason="纠纷已由人民法院受理")
    text = _file_text(db, declined.case_id)
    assert "人民调解不予受理通知书" in text and "不予受理的理由：纠纷已由人民法院受理。" in text
    assert "当事人权利义务告知书" not in text and "人民调解结案报告表" in text and "不予受理" in text
    referred = _two_people(db, director)
    cases.refer_case(db, director, referred.case_id, to_org_code="330100001", to_org_name="石桥镇人民调解委员会",
                     reason="涉及多个村，需由镇调委会调解", on=TODAY)
    text = _file_text(db, referred.case_id)
    assert "人民调解纠纷移送告知书" in text and "移交石桥镇人民调解委员会调解处理" in text
    assert "移交理由：涉及多个村，需由镇调委会调解。" in text and "封底" in text


def test_evidence_scans_and_judicial_confirmation_materials_are_filed(db, director, tmp_path):
    from sqlalchemy import select

    from mediation_desktop.storage.models import Agreement

    reg = _two_people(db, director)
    records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.AGREED, record="同意。"))
    agreements.save_draft(db, director, reg.case_id, agreements.AgreementInput(["钱𠮷赔偿赵䶮2000元"]))
    with db.read_session() as s:
        agreement_id = s.scalar(select(Agreement.id).where(Agreement.case_id == reg.case_id))
    agreements.sign(db, director, agreement_id, signed_on=TODAY, today=TODAY)
    agreements.record_confirmation(db, director, agreement_id, applied_on=TODAY, court="石桥县人民法院", today=TODAY)
    photo = tmp_path / "界桩.png"
    _png(photo)
    add_attachment(db, director, reg.case_id, photo, kind=AttachmentKind.PHOTO, description="界桩现场照片")
    receipt = tmp_path / "转账凭证.pdf"
    receipt.write_bytes(render_document(db, "cover", reg.case_id, today=TODAY))  # any one-page PDF
    add_attachment(db, director, reg.case_id, receipt, kind=AttachmentKind.PERFORMANCE_PROOF, description="转账")
    set_case_file_pages(db, director, reg.case_id, {"identity": 2, "evidence": 3, "confirmation": 2})
    pdf = render_document(db, "casefile", reg.case_id, today=TODAY)
    pages = _pages(pdf)
    text = "".join(pages)
    assert "证据材料清单" in text and "界桩现场照片" in text and "纸质证据材料（随卷附后）" in text
    assert "照片：界桩现场照片" in text  # the photo itself, on a page of its own
    assert "司法确认申请书" in text and "石桥县人民法院" in text
    contents = contents_rows(pdf, {"evidence": "证据材料", "performance": "收条或汇款单等履行凭证",
                                   "confirmation": "司法确认有关材料"})
    # the list (1 page) and the photo (1 page), then the 3 paper pages; the receipt's own page; the application
    # printed, then 2 paper pages
    assert all("-" in contents[k] for k in ("evidence", "confirmation")) and "-" not in contents["performance"]
    first, last = (int(x) for x in contents["evidence"].split("-"))
    assert last - first + 1 == 2 + 3
    page_of_photo = next(i for i, p in enumerate(pages) if p.startswith("照片：界桩现场照片"))
    assert pages[page_of_photo].endswith(f"第{first + 1}页")
    receipt_first = int(contents["performance"])
    # the next printed page is numbered after the 3 paper pages of evidence filed by hand
    assert receipt_first > last and pages[page_of_photo + 1].endswith(f"第{last + 1}页")


def test_command_line_case_file_and_paper_pages(db, director, paths, tmp_path, capsys):
    from mediation_desktop.cli import main

    reg = _two_people(db, director)
    agreements.record_oral(db, director, reg.case_id, agreements.AgreementInput(["钱𠮷归还借款"]))
    base = ["--data-dir", str(paths.root)]
    assert main([*base, "casefile-pages", reg.case_no, "identity=2", "evidence=1"]) == 0
    assert "identity=2" in capsys.readouterr().out
    assert main([*base, "--lang", "en", "casefile-pages", reg.case_no, "identity=two"]) == 1
    err = capsys.readouterr().err
    assert "identity=two" in err and "power_of_attorney" in err and len(err.strip().splitlines()) == 1
    assert main([*base, "casefile-pages", reg.case_no, "evidence=0"]) == 0  # 0 takes it out
    assert case_file_pages(db, reg.case_id) == {"identity": 2}
    out = tmp_path / "卷宗.pdf"
    assert main([*base, "pdf", "casefile", reg.case_no, "--out", str(out)]) == 0
    text = "".join(_pages(out.read_bytes()))
    assert "人民调解口头协议登记表" in text and "封底" in text and "纸质材料2页" in text
