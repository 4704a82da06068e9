"""The 法定代理人's contact on paper: the particulars' 法定代理人 line of the 协议书 and the 人民调解申请书 gives their
phone and address, and the 司法确认申请书 prints their 身份证件号码 below the party's own, read back from the PDF."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

from pypdf import PdfReader
from sqlalchemy import select

from mediation_desktop.documents import closing_forms
from mediation_desktop.documents.registry import render_document
from mediation_desktop.documents.snapshot import AgreementSnapshot, party_snapshot
from mediation_desktop.domain.enums import PartyKind, PartyRole
from mediation_desktop.domain.resident_id import resident_id_check_digit
from mediation_desktop.services import agreements, cases
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Party

DAY = dt.date(2026, 11, 22)
CHILD = "33010220120605004" + resident_id_check_digit("33010220120605004")
MOTHER = "33010219850312002" + resident_id_check_digit("33010219850312002")
LINE = "法定代理人李红（系其母亲），联系方式：13900139000，住址：石桥村三组14号"  # (whitespace taken out)


def _text(pdf: bytes) -> str:
    return "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def _register(db, director):
    return cases.register_case(db, director, cases.CaseInput("neighbour", [
        PartyInput("李小明", id_number=CHILD, representative="李红", representative_title="母亲",
                   representative_id_number=MOTHER, representative_phone="13900139000",
                   representative_address="石桥村三组14号"),
        PartyInput("张三", role=PartyRole.RESPONDENT, age=50, phone="13800138000"),
        PartyInput("某某酒业有限公司", role=PartyRole.RESPONDENT, kind=PartyKind.ORGANISATION,
                   representative="周某", representative_title="经理")],
        summary="孩子踢球打碎邻居窗户。", registered_on=DAY), today=DAY).case_id


def test_the_agreement_and_the_application_print_the_guardians_phone_and_address(db, director):
    case_id = _register(db, director)
    agreements.save_draft(db, director, case_id, agreements.AgreementInput(
        ["赔偿玻璃费用200元。"], facts="孩子踢球打碎邻居窗户。", performance_method="现金"))
    for doc in ("agreement", "application"):
        text = _text(render_document(db, doc, case_id, today=DAY))
        assert LINE in text, doc
        assert MOTHER not in text  # (the 协议书 and the 申请书 print no ID number of the party either)
        assert text.count("联系方式：13900139000") == 1  # (the unit's 法定代表人 gets no such line)


def test_the_application_for_judicial_confirmation_prints_the_guardians_id_number(db, director):
    case_id = _register(db, director)
    with db.read_session() as s:
        parties = tuple(party_snapshot(p, DAY) for p in s.scalars(
            select(Party).where(Party.case_id == case_id).order_by(Party.position)))
    assert parties[2].representative_id_number is None  # (an organisation keeps none)
    snap = AgreementSnapshot(
        committee_name="石桥村人民调解委员会", number="（2026）石桥村人调字第1号", version=1, status="signed",
        parties=parties, facts="孩子踢球打碎邻居窗户。", terms=("赔偿玻璃费用200元。",), performance_method="现金",
        performance_place="村委会", performance_deadline=DAY, amount=None, copies=3, mediator_name="王建国",
        recorder_name="李明", date=DAY)
    from mediation_desktop.documents.snapshot import CaseSnapshot

    case = CaseSnapshot(committee_name="石桥村人民调解委员会", case_no="（2026）石桥村人调字第1号", title="损害赔偿纠纷",
                        summary="", requests=(), registered_on=DAY, accepted_on=DAY, closed_on=DAY,
                        mediator_name="王建国", recorder_name="李明", parties=parties, category="损害赔偿纠纷")
    text = _text(closing_forms.ConfirmationRenderer(snap, case).generate())
    assert f"身份证件号码{CHILD}法定代理人身份证件号码{MOTHER}" in text
    assert LINE in text
    plain = _text(closing_forms.ConfirmationRenderer(dataclasses.replace(snap, parties=(dataclasses.replace(
        parties[0], representative_id_number=None), *parties[1:])), case).generate())
    assert "法定代理人身份证件号码" not in plain
