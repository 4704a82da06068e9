"""调查记录, 回访记录, 口头协议登记表, 终止调解通知书, 司法确认申请书, read back from the PDF."""

from __future__ import annotations

import datetime as dt

import pytest

from mediation_desktop.documents.registry import render_document
from mediation_desktop.domain.enums import PartyRole, Performance
from mediation_desktop.domain.lifecycle import CaseAction
from mediation_desktop.errors import MediationError
from mediation_desktop.services import agreements, cases, records
from mediation_desktop.services.parties import PartyInput

TODAY = dt.date(2026, 11, 22)


def _text(pdf_text, pdf: bytes) -> str:
    return "".join("".join(p.split()) for p in pdf_text(pdf))


def _two_people(db, director, summary: str):
    return cases.register_case(db, director, cases.CaseInput(
        "neighbour", [PartyInput("赵䶮"), PartyInput("钱𠮷", role=PartyRole.RESPONDENT)], summary=summary,
        registered_on=dt.date(2026, 11, 18)))  # (before the agreement reached on 11-20)


def test_investigation(db, director, rare_case, pdf_text):
    records.add_investigation(db, director, rare_case.case_id, records.InvestigationInput(
        "问：界桩何时埋设？\n答：2010年春天。", "村民小组长陈珺", place="石桥村三组", investigator="王建国",
        recorder="李明"))
    text = _text(pdf_text, render_document(db, "investigation", rare_case.case_id, today=TODAY))
    for label in ("人民调解调查记录", "时间", "地点", "参加人", "被调查人", "调查人", "记录人", "石桥村三组",
                  "村民小组长陈珺", "问：界桩何时埋设？", "答：2010年春天。", "被调查人（签名）", "调查人（签名）",
                  "记录人（签名）"):
        assert label in text, label


def test_follow_up(db, director, rare_case, pdf_text):
    records.add_follow_up(db, director, rare_case.case_id, records.FollowUpInput(
        Performance.PARTIAL, "王䶮", visited_on=dt.date(2026, 12, 5), hidden_risks="界桩易被移动",
        measures="村民小组长每月查看", satisfied=True))
    text = _text(pdf_text, render_document(db, "followup", rare_case.case_id, today=TODAY))
    # 回访事由 is the dispute's name (the filling rule; it was the form's default purpose before)
    for label in ("人民调解回访记录", "被回访人王䶮", "协议书编号" + rare_case.case_no, "回访事由王䶮与𠮷镕",
                  "回访情况协议履行情况", "2026年12月5日", "□已履行■部分履行□未履行", "■满意", "□是■否", "界桩易被移动", "村民小组长每月查看",
                  "回访人（签名）"):
        assert label in text, label


def test_follow_up_where_the_parties_gave_no_opinion(db, director, rare_case, pdf_text):
    records.add_follow_up(db, director, rare_case.case_id, records.FollowUpInput(
        Performance.DONE, "王䶮", visited_on=dt.date(2026, 12, 5), satisfied=None))
    text = _text(pdf_text, render_document(db, "followup", rare_case.case_id, today=TODAY))
    assert "□满意□不满意■未表示意见" in text.replace("　", "")


def test_oral_agreement(db, director, pdf_text):
    reg = _two_people(db, director, "借款纠纷")
    agreements.record_oral(db, director, reg.case_id, agreements.AgreementInput(
        ["钱𠮷于2026年11月30日前归还借款3000元。"], amount="3000"), reached_on=dt.date(2026, 11, 20))
    text = _text(pdf_text, render_document(db, "oral", reg.case_id, today=TODAY))
    # filled like the 协议书: a block per party (it listed the names in one cell before), the seal
    for label in ("人民调解口头协议登记表", "编号：" + reg.case_no, "姓名赵䶮", "姓名钱𠮷", "借款纠纷",
                  # 涉及金额 is the case's, as the 台账 and the statistics count it (none here), not the agreement's
                  "一、钱𠮷于2026年11月30日前归还借款3000元。", "涉及金额：无", "达成协议日期：2026年11月20日",
                  "当事人（签名盖章或按指印）", "人民调解员（签名）", "（人民调解委员会印）"):
        assert label in text, label


def test_no_oral_agreement(db, rare_case):
    with pytest.raises(MediationError) as e:
        render_document(db, "oral", rare_case.case_id)
    assert e.value.key == "document.no_oral_agreement"


def test_termination(db, director, pdf_text):
    reg = _two_people(db, director, "宅基地纠纷")
    cases.change_status(db, director, reg.case_id, CaseAction.TERMINATE, on=dt.date(2026, 11, 21), reason="分歧过大")
    text = _text(pdf_text, render_document(db, "termination", reg.case_id, today=TODAY))
    assert "终止人民调解通知书" in text and "赵䶮、钱𠮷：" in text
    assert "根据《中华人民共和国人民调解法》第二十六条的规定，本委员会决定终止调解。" in text
    assert "你们可以依法通过仲裁、行政、司法等途径维护自己的权利。" in text
    assert "（人民调解委员会印）" in text and "2026年11月21日" in text


def test_judicial_confirmation(db, director, rare_case, pdf_text):
    from sqlalchemy import select

    from mediation_desktop.services import agreements
    from mediation_desktop.storage.models import Agreement

    with db.read_session() as s:  # only a signed written agreement can be taken to court (art. 33)
        agreement_id = s.scalar(select(Agreement.id).where(Agreement.case_id == rare_case.case_id))
    agreements.sign(db, director, agreement_id, signed_on=TODAY, today=TODAY)
    text = _text(pdf_text, render_document(db, "confirmation", rare_case.case_id, today=TODAY))
    assert "司法确认申请书" in text and "请求事项：" in text and "事实和理由：" in text
    assert f"（编号：{rare_case.case_no}）有效。" in text
    assert "《中华人民共和国人民调解法》第三十三条" in text and "此致" in text and "人民法院" in text
    assert "申请人（签名盖章或按指印）" in text
    for name in rare_case.names:
        assert name in text
