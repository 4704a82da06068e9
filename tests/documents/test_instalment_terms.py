"""分期履行: each term of an agreement may carry its own 履行期限. The 协议书 and the 口头协议登记表 print each term with
its day in the Ministry's wording (「…，于2027年1月31日前履行完毕。」); an agreement without such days prints as before
and keeps its check code. Read back from the PDFs."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from mediation_desktop.documents.qr import content_hash
from mediation_desktop.documents.registry import render_document
from mediation_desktop.documents.snapshot import agreement_snapshot
from mediation_desktop.domain.enums import PartyRole
from mediation_desktop.errors import MediationError
from mediation_desktop.services import agreements, cases
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Agreement

TODAY = dt.date(2026, 11, 22)
TERMS = ["李四于协议签订之日起向张三归还借款5000元", "李四向张三归还余款5000元。", "双方就此纠纷再无其他争议"]
DAYS = [dt.date(2027, 1, 31), dt.date(2027, 3, 31), None]


def _text(pdf_text, pdf: bytes) -> str:
    return "".join("".join(p.split()) for p in pdf_text(pdf))


def _case(db, director):
    return cases.register_case(db, director, cases.CaseInput(
        "contract", [PartyInput("张三"), PartyInput("李四", role=PartyRole.RESPONDENT)],
        summary="李四向张三借款10000元，到期未还。", registered_on=dt.date(2026, 9, 25)), today=TODAY).case_id


def _input(**kw) -> agreements.AgreementInput:
    return agreements.AgreementInput(list(TERMS), facts="借款到期未还。", performance_method="银行转账", **kw)


@pytest.mark.parametrize("doc", ["agreement", "oral"])
def test_each_term_prints_with_its_own_deadline(db, director, pdf_text, doc):
    case_id = _case(db, director)
    if doc == "oral":
        agreements.record_oral(db, director, case_id, _input(term_deadlines=DAYS), reached_on=dt.date(2026, 10, 8))
    else:
        agreements.save_draft(db, director, case_id, _input(term_deadlines=DAYS))
    text = _text(pdf_text, render_document(db, doc, case_id, today=TODAY))
    assert "一、李四于协议签订之日起向张三归还借款5000元，于2027年1月31日前履行完毕。" in text
    assert "二、李四向张三归还余款5000元，于2027年3月31日前履行完毕。" in text
    assert "三、双方就此纠纷再无其他争议。" in text
    assert "履行期限：按上列各项约定的期限分期履行。" in text


def test_the_agreements_own_deadline_stays_for_the_simple_case(db, director, pdf_text):
    case_id = _case(db, director)
    agreements.save_draft(db, director, case_id, _input(performance_deadline=dt.date(2027, 3, 31)))
    snapshot = agreement_snapshot(db, case_id, today=TODAY)
    assert snapshot.term_deadlines == ()
    text = _text(pdf_text, render_document(db, "agreement", case_id, today=TODAY))
    assert "一、李四于协议签订之日起向张三归还借款5000元。" in text
    assert "履行期限：2027年3月31日前履行完毕。" in text and "分期" not in text
    # the check code of an agreement without days of its terms is the one printed on it before they existed
    fields = {f.name for f in dataclasses.fields(snapshot)} - {"term_deadlines"}
    assert content_hash(snapshot) == content_hash(type(snapshot)(**{f: getattr(snapshot, f) for f in fields}))
    # and another day of a term is another check code (a copy with a day changed by hand is noticed)
    assert content_hash(snapshot) != content_hash(dataclasses.replace(snapshot, term_deadlines=(DAYS[0],)))


def test_a_blank_term_is_dropped_with_its_deadline_and_each_day_stays_with_its_term(db, director):
    case_id = _case(db, director)
    aid = agreements.save_draft(db, director, case_id, agreements.AgreementInput(
        ["  ", "李四还款5000元", "李四还清余款"], term_deadlines=[dt.date(2027, 1, 1), None, dt.date(2027, 3, 31)]))
    with db.read_session() as s:
        a = s.scalar(select(Agreement).where(Agreement.id == aid))
        assert (a.terms, a.term_deadlines) == (["李四还款5000元", "李四还清余款"], [None, "2027-03-31"])
    agreements.save_draft(db, director, case_id, agreements.AgreementInput(["李四还款"], term_deadlines=[None]), aid)
    with db.read_session() as s:
        assert s.scalar(select(Agreement.term_deadlines).where(Agreement.id == aid)) is None  # no day: none kept


def test_a_terms_deadline_outside_the_calendar_the_program_keeps_is_refused(db, director):
    case_id = _case(db, director)
    with pytest.raises(MediationError) as err:
        agreements.save_draft(db, director, case_id, _input(term_deadlines=[dt.date(2207, 1, 31)]))
    assert err.value.params.get("field") == "term_deadlines"


def test_the_agreements_own_deadline_before_a_terms_day_is_refused(db, director):
    case_id = _case(db, director)
    with pytest.raises(MediationError) as refused:
        agreements.save_draft(db, director, case_id, _input(term_deadlines=DAYS, performance_deadline=dt.date(2027, 1, 7)))
    assert refused.value.key == "agreement.deadline_before_terms"
    assert "2027-01-07" in str(refused.value) and "第 2 项" in str(refused.value)
    with db.read_session() as s:
        assert s.scalars(select(Agreement).where(Agreement.case_id == case_id)).first() is None  # nothing changed
    agreements.save_draft(db, director, case_id, _input(term_deadlines=DAYS, performance_deadline=dt.date(2027, 3, 31)))


@pytest.mark.parametrize(("own", "days", "key"), [
    (dt.date(2026, 10, 1), [], "agreement.deadline_before_signing"),
    (None, [dt.date(2027, 1, 31), dt.date(1900, 1, 1)], "agreement.term_deadline_before_signing"),
])
def test_a_deadline_before_the_agreement_is_signed_or_reached_is_refused(db, director, own, days, key):
    case_id = _case(db, director)
    with pytest.raises(MediationError) as refused:
        agreements.record_oral(db, director, case_id, _input(term_deadlines=days, performance_deadline=own),
                               reached_on=dt.date(2026, 10, 8))
    assert refused.value.key == key
    draft = agreements.save_draft(db, director, case_id, _input(term_deadlines=days, performance_deadline=own))
    with pytest.raises(MediationError) as refused:
        agreements.sign(db, director, draft, signed_on=dt.date(2026, 10, 8), today=TODAY)
    assert refused.value.key == key
    with db.read_session() as s:
        assert [a.status.value for a in s.scalars(select(Agreement).where(Agreement.case_id == case_id))] == ["draft"]
