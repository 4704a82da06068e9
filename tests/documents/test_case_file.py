"""申请书, 受理登记表, 告知书, 调解记录, 卷宗封面, 卷内目录 and the whole 卷宗, read back from the PDF."""

from __future__ import annotations

import datetime as dt

import pytest

from mediation_desktop.documents.registry import page_count, render_document
from mediation_desktop.domain.enums import SessionResult
from mediation_desktop.errors import MediationError
from mediation_desktop.services import records

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def with_sessions(db, director, rare_case):
    records.add_session(db, director, rare_case.case_id, records.SessionInput(
        SessionResult.POSTPONED, record="申请人陈述：界桩被移动。\n被申请人陈述：界桩原本就在此处。",
        participants="村民小组长陈珺", risk_warning="双方情绪激动，注意防止矛盾激化。"))
    records.add_session(db, director, rare_case.case_id, records.SessionInput(
        SessionResult.AGREED, record="经调解双方同意重新划界。", back_to_back=True))
    return rare_case


def _text(pdf_text, pdf: bytes) -> str:
    return "".join("".join(p.split()) for p in pdf_text(pdf))


def _render(db, doc, case):
    return render_document(db, doc, case.case_id, today=TODAY)


def test_application(db, rare_case, pdf_text):
    text = _text(pdf_text, _render(db, "application", rare_case))
    assert "人民调解申请书" in text
    assert "人民调解委员会已将申请人民调解的相关规定告知我，现自愿申请人民调解委员会进行调解。" in text
    assert "申请人（签名盖章或按指印）" in text and "被申请人" in text
    assert "1.重新划定界限" in text and "双方因菜地界限发生争议，多次协商未果。" in text
    for name in rare_case.names:
        assert name in text


def test_acceptance(db, rare_case, pdf_text):
    text = _text(pdf_text, _render(db, "acceptance", rare_case))
    assert ("2026年11月22日，本人民调解委员会经当事人同意，调解" + "、".join(rare_case.names) + "之间的纠纷。") in text
    for label in ("纠纷类型", "邻里", "案件来源", "■①当事人申请", "□②人民调解委员会主动调解", "纠纷简要情况",
                  "当事人（签名）", "登记人（签名）", "人民调解委员会（印章）", "此表由人民调解委员会填写"):
        assert label in text, label


def test_notice(db, rare_case, pdf_text):
    text = _text(pdf_text, _render(db, "notice", rare_case))
    for sentence in ("（一）选择或者接受人民调解员；", "（二）接受调解、拒绝调解或者要求终止调解；",
                     "（三）要求调解公开进行或者不公开进行；", "（四）自主表达意愿、自愿达成调解协议。",
                     "（一）如实陈述纠纷事实；", "（二）遵守调解现场秩序，尊重人民调解员；", "（三）尊重对方当事人行使权利。",
                     "当事人（签名盖章或按指印）"):
        assert sentence in text, sentence
    assert "𠮷镕" in text


def test_session_records_one_per_sitting(db, with_sessions, pdf_text):
    pdf = _render(db, "session", with_sessions)
    pages = pdf_text(pdf)
    text = _text(pdf_text, pdf)
    assert text.count("人民调解记录") == 2 and "（第1次调解）" in text and "（第2次调解）" in text
    assert "村民小组长陈珺" in text and "（背靠背调解）" not in text  # not in the 当事人 field any more
    assert "本次调解采取背靠背方式" in text
    assert "调解结果：延期调解" in text and "调解结果：达成协议" in text
    # the risks of the outcome are told in every record (fixed wording), then what this sitting warned of
    assert "风险提示：人民调解员已向当事人说明达成或者不达成调解协议可能产生的后果和风险。双方情绪激动，注意防止矛盾激化。" in text
    assert "调解员（签名）" in text and "记录人（签名）" in text
    assert f"第1页共{len(pages)}页" in text


def test_cover(db, rare_case, pdf_text, pdf_fonts):
    pdf = _render(db, "cover", rare_case)
    text = _text(pdf_text, pdf)
    assert "石桥村人民调解委员会" in text and "调解卷宗" in text and rare_case.case_no in text
    for label in ("卷名", "卷号", "人民调解员", "调解日期", "立卷人", "立卷日期", "保管期限", "备注"):
        assert label in text
    assert "页共" not in text  # a cover carries no page number
    assert all(r["emb"] == "yes" and r["sub"] == "yes" for r in pdf_fonts(pdf))


def test_contents_and_case_file(db, with_sessions, pdf_text, pdf_fonts):
    contents = _text(pdf_text, _render(db, "contents", with_sessions))
    for label in ("卷内目录", "序号", "文书名称", "页号", "备注", "人民调解申请书", "当事人权利义务告知书",
                  "当事人身份证明", "人民调解记录", "人民调解协议书", "封底"):
        assert label in contents, label
    whole = _render(db, "casefile", with_sessions)
    parts = [_render(db, d, with_sessions) for d in ("cover", "contents", "application", "notice", "session",
                                                      "agreement")]
    # and after them 卷宗情况说明 and 封底, a page each
    assert page_count(whole) == len(pdf_text(whole)) == sum(len(pdf_text(p)) for p in parts) + 2
    first_pages = [p.replace(" ", "").replace("\n", "") for p in pdf_text(whole)]
    assert "调解卷宗" in first_pages[0] and "卷内目录" in first_pages[1] and "人民调解申请书" in first_pages[2]
    agreement_pages = len(pdf_text(parts[-1]))
    assert "人民调解协议书" in first_pages[-agreement_pages - 2] and "（人民调解委员会印）" in first_pages[-3]
    assert "卷宗情况说明" in first_pages[-2] and "封底" in first_pages[-1]
    assert all(r["emb"] == "yes" and r["sub"] == "yes" and "Helvetica" not in r["name"] for r in pdf_fonts(whole))


def test_every_document_renders_for_a_case_without_sessions(db, rare_case):
    from mediation_desktop.documents.registry import fitting_documents

    fitting = fitting_documents(db, rare_case.case_id)  # (an open case with a draft agreement: no oral one)
    assert "oral" not in fitting and "termination" not in fitting and "agreement" in fitting
    for doc in fitting:
        assert page_count(_render(db, doc, rare_case)) >= 1, doc


def test_unknown_document_is_refused(db, rare_case):
    with pytest.raises(MediationError) as e:
        _render(db, "minutes", rare_case)
    assert e.value.key == "document.unknown" and "agreement" in e.value.params["choices"]
