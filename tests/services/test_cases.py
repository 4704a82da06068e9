"""Registering and moving cases through the services: rules hold and bad input changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from mediation_desktop.domain.enums import AgreementStatus, PartyKind, PartyRole, Performance, Role, SessionResult
from mediation_desktop.domain.lifecycle import CaseAction, CaseStatus
from mediation_desktop.errors import MediationError
from mediation_desktop.services import agreements, cases, records
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Agreement, AuditEntry, Case, Installation, Party, Setting


def _two() -> list[PartyInput]:
    return [PartyInput("张三", id_number="11010519491231002x", phone="138 0013 8000"),
            PartyInput("李四", role=PartyRole.RESPONDENT)]


def _count(db, model) -> int:
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_register_numbers_per_year_and_derives_from_id(db, director):
    first = register_case(db, director, CaseInput("neighbour", _two(), registered_on=dt.date(2025, 12, 31)))
    second = register_case(db, director, CaseInput("neighbour", _two(), registered_on=dt.date(2026, 1, 1)))
    third = register_case(db, director, CaseInput("neighbour", _two(), registered_on=dt.date(2026, 2, 1)))
    assert [first.case_no, second.case_no, third.case_no] == [
        "（2025）石桥村人调字第1号", "（2026）石桥村人调字第1号", "（2026）石桥村人调字第2号"]
    with db.read_session() as s:
        case = s.get(Case, first.case_id)
        assert case.status == CaseStatus.ACCEPTED and case.accepted_on == dt.date(2025, 12, 31)
        assert case.title == "张三与李四邻里纠纷"
        zhang = s.scalar(select(Party).where(Party.case_id == first.case_id, Party.name == "张三"))
        assert zhang.id_number == "11010519491231002X"  # normalised
        assert zhang.sex == "female" and zhang.birth_date == dt.date(1949, 12, 31)
        assert zhang.phone == "13800138000"


def test_serials_are_never_reused_after_deletion(db, director):
    from mediation_desktop.storage.unit_of_work import UnitOfWork

    a = register_case(db, director, CaseInput("other", _two(), registered_on=dt.date(2026, 5, 1)))
    with UnitOfWork(db, actor="admin", action="case.delete") as uow:
        case = uow.session.get(Case, a.case_id)
        case.deleted_at = dt.datetime.now(dt.UTC)
        uow.commit()
    b = register_case(db, director, CaseInput("other", _two(), registered_on=dt.date(2026, 5, 2)))
    assert b.case_no.endswith("第2号")


def test_pattern_setting_is_used(db, director):
    from mediation_desktop.storage.unit_of_work import UnitOfWork

    with UnitOfWork(db, actor="admin", action="settings") as uow:
        uow.session.get(Setting, "case_number_pattern").value = "{short}调字〔{year}〕{n:03}号"
        uow.commit()
    reg = register_case(db, director, CaseInput("other", _two(), registered_on=dt.date(2026, 5, 1)))
    assert reg.case_no == "石桥村调字〔2026〕001号"


@pytest.mark.parametrize(("party", "key"), [
    (PartyInput("张三", id_number="110105194912310021"), "id.checksum"),
    (PartyInput("张三", id_number="11010519490231002X"), "id.birth_date"),
    (PartyInput("  "), "case.party_name"),
    (PartyInput("张三", phone="12345"), "phone.invalid"),
    (PartyInput("某公司", kind=PartyKind.ORGANISATION, id_number="91350100M00010"), "credit.length"),
])
def test_bad_input_is_refused_and_changes_nothing(db, director, party, key):
    cases_before, audit_before = _count(db, Case), _count(db, AuditEntry)
    with pytest.raises(MediationError) as err:
        register_case(db, director, CaseInput("neighbour", [party, PartyInput("李四")]))
    assert err.value.key == key
    assert (_count(db, Case), _count(db, AuditEntry)) == (cases_before, audit_before)


def test_unknown_category_and_amount(db, director):
    with pytest.raises(MediationError, match="case.category"):
        register_case(db, director, CaseInput("no_such", _two()))
    with pytest.raises(MediationError, match="case.amount"):
        register_case(db, director, CaseInput("contract", _two(), amount_involved="十万"))
    assert _count(db, Case) == 0
    reg = register_case(db, director, CaseInput("contract", _two(), amount_involved="156,000元"))
    with db.read_session() as s:
        assert str(s.get(Case, reg.case_id).amount_involved) == "156000.00"


def test_credit_code_checksum_is_a_warning_not_a_block(db, director):
    org = PartyInput("某酒业公司", kind=PartyKind.ORGANISATION, id_number="91350100M000100Y44")
    reg = register_case(db, director, CaseInput("labour_wages", [PartyInput("赵红"), org]))
    assert reg.warnings == ("credit.checksum",)


def test_whole_lifecycle_written_agreement(db, director):
    reg = register_case(db, director, CaseInput("neighbour", _two(), registered_on=dt.date(2026, 11, 2)))
    records.add_investigation(db, director, reg.case_id, records.InvestigationInput("问：……答：……", "张三"))
    records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.POSTPONED, back_to_back=True))
    records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.AGREED))
    aid = agreements.save_draft(db, director, reg.case_id, agreements.AgreementInput(
        ["重新划定界限"], performance_deadline=dt.date(2026, 12, 1)))
    with db.read_session() as s:
        assert s.get(Agreement, aid).copies == 3  # two parties + the committee
    agreements.sign(db, director, aid, signed_on=dt.date(2026, 11, 20))
    with pytest.raises(MediationError, match="agreement.locked"):
        agreements.save_draft(db, director, reg.case_id, agreements.AgreementInput(["改"]), agreement_id=aid)
    with pytest.raises(MediationError, match="agreement.locked"):
        agreements.sign(db, director, aid)
    records.add_follow_up(db, director, reg.case_id, records.FollowUpInput(Performance.PARTIAL, "张三"))
    with db.read_session() as s:
        assert s.get(Case, reg.case_id).status == CaseStatus.AGREED
    records.add_follow_up(db, director, reg.case_id, records.FollowUpInput(Performance.DONE, "张三"))
    assert cases.change_status(db, director, reg.case_id, CaseAction.ARCHIVE) == CaseStatus.ARCHIVED
    with db.read_session() as s:
        case = s.get(Case, reg.case_id)
        assert case.closed_on == dt.date(2026, 11, 20)
        agreement = s.get(Agreement, aid)
        assert agreement.status == AgreementStatus.SIGNED and agreement.effective_on == dt.date(2026, 11, 20)
        assert agreement.performance == Performance.DONE


def test_correction_is_a_new_version(db, director):
    reg = register_case(db, director, CaseInput("neighbour", _two()))
    records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.AGREED))
    v1 = agreements.save_draft(db, director, reg.case_id, agreements.AgreementInput(["赔偿500元"]))
    agreements.sign(db, director, v1)
    with pytest.raises(MediationError, match="case.reason_required"):
        agreements.correct(db, director, v1, agreements.AgreementInput(["赔偿600元"]), reason=" ")
    v2 = agreements.correct(db, director, v1, agreements.AgreementInput(["赔偿600元"]), reason="金额笔误")
    agreements.sign(db, director, v2)
    with db.read_session() as s:
        old, new = s.get(Agreement, v1), s.get(Agreement, v2)
        assert (old.version, old.status, old.terms) == (1, AgreementStatus.SUPERSEDED, ["赔偿500元"])
        assert (new.version, new.status, new.supersedes_id) == (2, AgreementStatus.SIGNED, v1)


def test_oral_agreement_takes_effect_the_day_reached(db, director):
    reg = register_case(db, director, CaseInput("neighbour", _two(), registered_on=dt.date(2026, 11, 1)))
    records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.AGREED))
    aid = agreements.record_oral(db, director, reg.case_id, agreements.AgreementInput(["当面道歉"]),
                                 reached_on=dt.date(2026, 11, 2))
    with db.read_session() as s:
        a = s.get(Agreement, aid)
        assert (a.form.value, a.status, a.effective_on) == ("oral", AgreementStatus.SIGNED, dt.date(2026, 11, 2))
        assert s.get(Case, reg.case_id).status == CaseStatus.AGREED


def test_illegal_step_and_director_only_reopen(db, director):
    reg = register_case(db, director, CaseInput("neighbour", _two()))
    with pytest.raises(MediationError) as err:
        cases.change_status(db, director, reg.case_id, CaseAction.MARK_PERFORMED)
    assert err.value.key == "case.action_not_allowed"
    cases.change_status(db, director, reg.case_id, CaseAction.TERMINATE)
    mediator = Actor("li", "李调解员", Role.MEDIATOR)
    with pytest.raises(MediationError, match="account.forbidden"):
        cases.change_status(db, mediator, reg.case_id, CaseAction.REOPEN, reason="当事人要求")
    with pytest.raises(MediationError, match="case.reason_required"):
        cases.change_status(db, director, reg.case_id, CaseAction.REOPEN)
    assert cases.change_status(db, director, reg.case_id, CaseAction.REOPEN, reason="当事人要求") == \
        CaseStatus.MEDIATING


def test_case_owned_elsewhere_is_read_only(db, director):
    from mediation_desktop.storage.unit_of_work import UnitOfWork

    reg = register_case(db, director, CaseInput("neighbour", _two()))
    with UnitOfWork(db, actor="admin", action="test") as uow:
        uow.session.get(Case, reg.case_id).owner_org_code = "330102002"  # as if imported from another village
        uow.commit()
    with pytest.raises(MediationError, match="case.read_only"):
        records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.AGREED))


def test_change_sequence_grows_per_transaction(db, director):
    reg = register_case(db, director, CaseInput("neighbour", _two()))
    records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.POSTPONED))
    with db.read_session() as s:
        case = s.get(Case, reg.case_id)
        party_seqs = {p.change_seq for p in s.scalars(select(Party).where(Party.case_id == reg.case_id))}
        assert len(party_seqs) == 1 and party_seqs.pop() < case.change_seq
        assert s.scalar(select(Installation.org_code)) == "330102001"
