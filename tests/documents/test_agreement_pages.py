"""The agreement's signing part as printed and read back: an organisation signs through its representative and
adds its seal (no fingerprint box), and every page names the agreement (编号 and check code), so a loose signature
page cannot be swapped for another agreement's or another version's."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess

import windows_facts

from mediation_desktop.documents.agreement import render_agreement
from mediation_desktop.documents.qr import content_hash
from mediation_desktop.documents.registry import page_count, render_document
from mediation_desktop.documents.snapshot import agreement_snapshot
from mediation_desktop.domain.enums import PartyKind, PartyRole
from mediation_desktop.services import agreements, cases
from mediation_desktop.services.parties import PartyInput

TODAY = dt.date(2026, 11, 22)
COMPANY = "石桥村兴旺养殖有限公司"


def _flat(pages: list[str]) -> list[str]:
    return ["".join(p.split()) for p in pages]


def _reviewers_case(db, director):
    """Two villagers and a company: the agreement of ag-1.png / ag-2.png."""
    parties = [PartyInput("张三", sex="female", age=76, phone="13800138000", address="石桥村三组12号"),
               PartyInput("李䶮", role=PartyRole.RESPONDENT, address="石桥村三组14号"),
               PartyInput(COMPANY, role=PartyRole.RESPONDENT, kind=PartyKind.ORGANISATION,
                          id_number="91350100M000100Y43", representative="周〇明", representative_title="总经理")]
    reg = cases.register_case(db, director, cases.CaseInput(
        "neighbour", parties, summary="两家菜地界限不清，李䶮家新砌围墙占了张三家半垄菜地，多次争吵。"), today=TODAY)
    agreements.save_draft(db, director, reg.case_id, agreements.AgreementInput(
        ["以村委会测量结果重新划定界限。", "李䶮于2026年12月20日前拆除占地部分围墙。",
         "李䶮赔偿张三青苗损失人民币800元，于签订本协议时当场付清。", "双方今后不再就此事发生争执。"],
        performance_method="现场埋设界桩，现金支付", performance_place="石桥村三组",
        performance_deadline=dt.date(2026, 12, 20)))
    return reg


def test_an_organisation_seals_and_its_representative_signs(db, director, pdf_text, pdf_fonts, tmp_path):
    reg = _reviewers_case(db, director)
    pdf = render_document(db, "agreement", reg.case_id, today=TODAY)
    text = "".join(_flat(pdf_text(pdf)))
    signing = text.split("当事人（签名盖章或按指印）：")[-1]
    assert f"{COMPANY}（盖章）" in signing and "法定代表人或主要负责人（签名）：" in signing
    assert signing.count("（指印）") == 2  # the two villagers only: a company has no finger
    assert "张三" in signing and "李䶮" in signing
    assert all(r["emb"] == "yes" and r["sub"] == "yes" for r in pdf_fonts(pdf))
    # the page image, for a person to look at (artifacts of this test run)
    path = tmp_path / "agreement.pdf"
    path.write_bytes(pdf)
    windows_facts.need_pdftoppm()
    subprocess.run(["pdftoppm", "-r", "70", "-png", str(path), str(tmp_path / "ag")], check=True)
    assert len(list(tmp_path.glob("ag-*.png"))) == page_count(pdf)


def test_the_confirmation_application_seals_the_company_too(db, director, pdf_text):
    reg = _reviewers_case(db, director)
    with db.read_session() as s:
        from sqlalchemy import select

        from mediation_desktop.storage.models import Agreement

        aid = s.scalar(select(Agreement.id).where(Agreement.case_id == reg.case_id))
    agreements.sign(db, director, aid, signed_on=TODAY)
    text = "".join(_flat(pdf_text(render_document(db, "confirmation", reg.case_id))))
    assert f"{COMPANY}（盖章）" in text and text.count("（指印）") == 2


def test_every_page_carries_the_number_and_check_code(db, director, pdf_text):
    reg = _reviewers_case(db, director)
    pdf = render_document(db, "agreement", reg.case_id, today=TODAY)
    pages = _flat(pdf_text(pdf))
    assert len(pages) == 2  # page 2: the copies sentence and the signatures (ag-2.png)
    code = content_hash(agreement_snapshot(db, reg.case_id, today=TODAY))[:16]
    for i, page in enumerate(pages, start=1):
        assert f"编号：{reg.case_no}" in page, i
        assert f"校验码{code}" in page, i
    assert "人民调解员（签名）" in pages[1] and pages[1].startswith("人民调解协议书")


def test_a_corrected_version_has_another_code_on_its_signature_page(db, director, pdf_text):
    """Same 编号 (versions share the case's number): the running header's check code tells them apart."""
    reg = _reviewers_case(db, director)
    first = agreement_snapshot(db, reg.case_id, today=TODAY)
    second = dataclasses.replace(first, version=2, terms=(*first.terms, "本协议自各方签名、盖章之日起生效。"))
    headers = []
    for snap in (first, second):
        last = _flat(pdf_text(render_agreement(snap)))[-1]
        headers.append(re.search(r"校验码([0-9a-f]{16})", last).group(1))
    assert headers[0] != headers[1]
