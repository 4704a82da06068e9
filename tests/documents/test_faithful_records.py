"""What the public filling guides ask of each single document, read back from the PDF (DOMAIN.md, round 2)."""

from __future__ import annotations

import datetime as dt
import io
import os
import time

import pytest
import windows_facts
from hypothesis import given
from hypothesis import strategies as st

from mediation_desktop.cli import main
from mediation_desktop.documents.numerals import end_sentence
from mediation_desktop.documents.registry import document_warning, render_document
from mediation_desktop.domain.china_time import china_today, typed_in_china
from mediation_desktop.domain.enums import CaseSource, PartyRole, Performance, SessionResult
from mediation_desktop.services import agreements, cases, records
from mediation_desktop.services.parties import PartyInput

TODAY = dt.date(2026, 11, 22)


def _text(data: bytes) -> str:
    from pypdf import PdfReader

    return "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)


def _layout_lines(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [line for p in PdfReader(io.BytesIO(data)).pages for line in p.extract_text(extraction_mode="layout")
            .splitlines()]


def _case(db, director, **extra):  # type: ignore[no-untyped-def]
    extra.setdefault("registered_on", dt.date(2026, 11, 18))  # (before the sittings and agreements below)
    return cases.register_case(db, director, cases.CaseInput(
        "neighbour", [PartyInput("赵䶮", sex="male", age=52, phone="13800138000", address="石桥村一组"),
                      PartyInput("钱𠮷", role=PartyRole.RESPONDENT)], summary="两家菜地界限不清", **extra),
        today=TODAY)


def test_session_record_tells_risks_is_read_back_signed_by_the_helpers_and_sealed(db, director):
    reg = _case(db, director)
    records.add_session(db, director, reg.case_id, records.SessionInput(
        SessionResult.AGREED, record="双方同意重新划界。", participants="村民小组长陈珺", back_to_back=True,
        risk_warning="如一方反悔，另一方可以向人民法院起诉。"))
    text = _text(render_document(db, "session", reg.case_id))
    for line in ("人民调解员已告知当事人人民调解的原则、人民调解员的身份",
                 "人民调解员已向当事人说明达成或者不达成调解协议可能产生的后果和风险。",
                 "如一方反悔，另一方可以向人民法院起诉。", "以上记录已向当事人宣读（或经当事人阅看），当事人确认无误。",
                 "参加人（签名）", "（人民调解委员会印）", "本次调解采取背靠背方式"):
        assert line in text, line
    parties_row = text[text.index("当事人", text.index("参加人村民小组长陈珺")):text.index("本次调解采取背靠背方式")]
    assert "背靠背" not in parties_row and parties_row == "当事人赵䶮、钱𠮷"


@windows_facts.no_tzset
@pytest.mark.parametrize("zone", ["UTC", "Asia/Shanghai", "America/New_York"])
def test_a_typed_time_prints_as_typed_whatever_the_computer_zone(db, director, zone, monkeypatch):
    reg = _case(db, director)
    records.add_session(db, director, reg.case_id, records.SessionInput(
        SessionResult.POSTPONED, record="改日再调。", held_at=typed_in_china(2026, 11, 20, 14, 30)))
    records.add_investigation(db, director, reg.case_id, records.InvestigationInput(
        "问：何时？答：去年。", "赵䶮", held_at=typed_in_china(2026, 11, 19, 8, 5)))
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        session = _text(render_document(db, "session", reg.case_id))
        investigation = _text(render_document(db, "investigation", reg.case_id))
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert "2026年11月20日14:30" in session
    assert "2026年11月19日08:05" in investigation
    assert os.environ.get("TZ") is None


def test_agreement_effect_clause_and_terms_end_as_sentences(db, director):
    reg = _case(db, director)
    terms = ["赵䶮于2026年12月1日前支付钱𠮷人民币2000元；", "双方今后和睦相处。", "界桩以村委会测量为准（见附图）",
             "钱𠮷放弃其他请求，"]
    agreements.save_draft(db, director, reg.case_id, agreements.AgreementInput(terms))
    text = _text(render_document(db, "agreement", reg.case_id))
    assert "本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效。" in text
    for term in ("一、赵䶮于2026年12月1日前支付钱𠮷人民币2000元。", "二、双方今后和睦相处。三、",
                 "三、界桩以村委会测量为准（见附图）。", "四、钱𠮷放弃其他请求。"):
        assert term in text, term
    assert "。。" not in text and "；。" not in text


def test_a_township_words_the_effect_clause(db, director):
    reg = _case(db, director)
    agreements.save_draft(db, director, reg.case_id, agreements.AgreementInput(["双方和好"]))
    folder = db.paths.root / "documents"
    folder.mkdir(exist_ok=True)
    (folder / "agreement.json").write_text('{"effect": "本协议经双方签字并加盖调委会印章后生效。"}', encoding="utf-8")
    text = _text(render_document(db, "agreement", reg.case_id))
    assert "本协议经双方签字并加盖调委会印章后生效。" in text and "之日起生效" not in text


@given(st.text(alphabet="甲乙元，。；：！？）」 ,;", max_size=12))
def test_end_sentence_never_doubles_and_always_ends(text):
    done = end_sentence(text)
    if done:
        assert done.rstrip("）)」』”’》】")[-1:] in set("。！？!?…")
        if not text.rstrip(" ，,、；;：:").endswith("。。"):  # (a double the mediator typed stays theirs)
            assert not done.endswith("。。")
        assert end_sentence(done) == done  # once is enough


def test_oral_register_is_filled_like_the_agreement(db, director):
    reg = _case(db, director, amount_involved="3500")
    agreements.record_oral(db, director, reg.case_id, agreements.AgreementInput(
        ["钱𠮷归还借款", "双方不再争执"], performance_method="现金当面交付"), reached_on=dt.date(2026, 11, 20))
    text = _text(render_document(db, "oral", reg.case_id))
    for label in ("姓名赵䶮性别男", "年龄52", "联系方式13800138000", "单位或住址石桥村一组", "姓名钱𠮷",
                  "一、钱𠮷归还借款。", "二、双方不再争执。", "涉及金额：3,500.00元", "现金当面交付。",
                  "人民调解员（签名）", "（人民调解委员会印）"):
        assert label in text, label


def test_follow_up_of_an_oral_agreement_and_a_number_that_does_not_break(db, director):
    reg = _case(db, director)
    agreements.record_oral(db, director, reg.case_id, agreements.AgreementInput(["钱𠮷归还借款"]),
                           reached_on=dt.date(2026, 11, 20))
    records.add_follow_up(db, director, reg.case_id, records.FollowUpInput(
        Performance.DONE, "赵䶮",
        visited_on=dt.date(2026, 11, 21)))
    pdf = render_document(db, "followup", reg.case_id)
    text = _text(pdf)
    assert "口头协议登记编号" + reg.case_no in text and "协议书编号" not in text
    assert "回访事由赵䶮与钱𠮷邻里纠纷" in text and "回访事由了解协议履行情况" not in text
    assert any(reg.case_no in line.replace(" ", "") for line in _layout_lines(pdf))  # on one line


def test_termination_says_why_and_the_parties_sign_for_it(db, director):
    from mediation_desktop.domain.lifecycle import CaseAction

    reg = _case(db, director)
    cases.change_status(db, director, reg.case_id, CaseAction.TERMINATE, on=TODAY, reason="被申请人明确拒绝继续调解")
    text = _text(render_document(db, "termination", reg.case_id))
    assert "终止原因：被申请人明确拒绝继续调解。" in text
    assert "当事人签收（签名）" in text and "签收日期" in text


def test_acceptance_names_the_court_after_its_box_and_has_remarks(db, director):
    reg = _case(db, director, source=CaseSource.COURT, source_detail="石桥县人民法院")
    text = _text(render_document(db, "acceptance", reg.case_id))
    assert "■③人民法院委托移送（石桥县人民法院）□④公安机关委托移送" in text
    assert not text.split("⑦其他部门委托移送")[1].startswith("（")
    assert "备注" in text


def _signed(db, director, signed_on: dt.date):  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from mediation_desktop.storage.models import Agreement

    reg = _case(db, director, registered_on=min(signed_on, TODAY))  # (accepted by the day it was settled)
    agreements.save_draft(db, director, reg.case_id, agreements.AgreementInput(["双方和好"]))
    with db.read_session() as s:
        agreement_id = s.scalar(select(Agreement.id).where(Agreement.case_id == reg.case_id))
    agreements.sign(db, director, agreement_id, signed_on=signed_on, today=signed_on)
    return reg, agreement_id


def test_judicial_confirmation_after_thirty_days_is_warned(db, director, paths, tmp_path, capsys):
    reg, _ = _signed(db, director, dt.date(2026, 8, 26))
    warning = document_warning(db, "confirmation", reg.case_id, today=dt.date(2026, 11, 22))
    assert warning is not None and warning.key == "document.confirmation_late"
    assert warning.params == {"effective": "2026-08-26", "deadline": "2026-09-25"}
    assert document_warning(db, "confirmation", reg.case_id, today=dt.date(2026, 9, 25)) is None  # the last day
    assert document_warning(db, "casefile", reg.case_id, today=dt.date(2026, 11, 22)) is None  # not applied yet
    out = tmp_path / "申请书.pdf"
    assert main(["--data-dir", str(paths.root), "pdf", "confirmation", reg.case_no, "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "已过《人民调解法》第三十三条规定的30日" in err and "2026-09-25" in err and out.exists()
    assert main(["--lang", "en", "--data-dir", str(paths.root), "pdf", "confirmation", reg.case_no,
                 "--out", str(out)]) == 0
    assert "the 30 days of art. 33" in capsys.readouterr().err


def test_judicial_confirmation_in_time_is_not_warned(db, director):
    reg, _ = _signed(db, director, china_today() - dt.timedelta(days=3))
    assert document_warning(db, "confirmation", reg.case_id) is None
