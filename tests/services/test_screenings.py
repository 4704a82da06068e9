"""The screening register and the mediator roster: stored in one audited transaction each, checked, read back."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from mediation_desktop.domain.enums import Role
from mediation_desktop.errors import MediationError
from mediation_desktop.services import roster, screenings
from mediation_desktop.services.accounts import Actor, create_user
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.audit import verify_chain
from mediation_desktop.storage.models import AuditEntry, Mediator, Screening, ScreeningFinding

DAY = dt.date(2026, 5, 12)


def _screening(**kw):
    base = dict(held_on=DAY, place="三组 12 户", screened_by="王建国、李秀英", households="12",
                findings=[screenings.FindingInput("张、李两家宅基地滴水纠纷"),
                          screenings.FindingInput("赵家婆媳口角", prevented=True)])
    base.update(kw)
    return screenings.ScreeningInput(**base)


def _audit_actions(db):
    with db.read_session() as s:
        return [a for (a,) in s.execute(select(AuditEntry.action).where(AuditEntry.action != "audit.seal")  # (row seals)
                                        .order_by(AuditEntry.seq))]


def test_a_screening_and_its_findings_are_stored_in_one_audited_transaction(db, director):
    before = len(_audit_actions(db))
    sid = screenings.add_screening(db, director, _screening(), today=DAY)
    actions = _audit_actions(db)[before:]
    assert actions == ["screening.add/create"] * 3
    with db.read_session() as s:
        seqs = set(s.scalars(select(ScreeningFinding.change_seq)))
        row = s.get(Screening, sid)
        assert row is not None and row.owner_org_code == "330102001" and row.households == 12
        assert seqs == {row.change_seq}
    with db.engine.connect() as conn:
        assert verify_chain(conn) == []
    [view] = screenings.list_screenings(db)
    assert [f.description for f in view.findings] == ["张、李两家宅基地滴水纠纷", "赵家婆媳口角"]
    assert [f.prevented for f in view.findings] == [False, True]


def test_editing_keeps_a_finding_registered_as_a_case(db, director):
    sid = screenings.add_screening(db, director, _screening(), today=DAY)
    [view] = screenings.list_screenings(db)
    first, second = view.findings
    reg = register_case(db, director, CaseInput("house_homestead", [PartyInput("张三"), PartyInput("李四")],
                                                summary=first.description))
    screenings.link_case(db, director, first.id, reg.case_id)
    with pytest.raises(MediationError) as e:
        screenings.link_case(db, director, first.id, reg.case_id)
    assert e.value.key == "screening.linked"
    # dropping the linked finding is refused; dropping the other removes it
    with pytest.raises(MediationError) as e:
        screenings.update_screening(db, director, sid, _screening(findings=[]), today=DAY)
    assert e.value.key == "screening.linked"
    screenings.update_screening(db, director, sid, _screening(place="三组", findings=[
        screenings.FindingInput("张、李两家宅基地滴水纠纷（已登记）", finding_id=first.id)]), today=DAY)
    [view] = screenings.list_screenings(db)
    assert view.place == "三组"
    assert [(f.id, f.case_id, f.case_no) for f in view.findings] == [(first.id, reg.case_id, reg.case_no)]
    with db.read_session() as s:
        assert s.get(ScreeningFinding, second.id).deleted_at is not None


def test_a_clerk_reads_but_does_not_write(db, director):
    create_user(db, director, "clerk1", "周文书", Role.CLERK, "secret123")
    clerk = Actor("clerk1", "周文书", Role.CLERK)
    with pytest.raises(MediationError) as e:
        screenings.add_screening(db, clerk, _screening(), today=DAY)
    assert e.value.key == "account.read_only_role"
    mediator = Actor("med", "李秀英", Role.MEDIATOR)
    screenings.add_screening(db, mediator, _screening(), today=DAY)
    with pytest.raises(MediationError):
        roster.add_mediator(db, mediator, roster.MediatorInput("李秀英"))
    assert len(screenings.list_screenings(db)) == 1


@pytest.mark.parametrize(("change", "key"), [
    ({"held_on": DAY + dt.timedelta(days=1)}, "screening.future_date"),
    ({"place": "  "}, "screening.no_place"),
    ({"place": "村" * 201}, "screening.place_long"),
    ({"households": "十二"}, "screening.households"),
    ({"households": "-3"}, "limit.number"),  # (a number: its range is said, not "not a number")
    ({"households": "100001"}, "limit.number"),
    ({"households": "1e3"}, "screening.households"),
    ({"findings": [screenings.FindingInput("  \n ")]}, "screening.empty_finding"),
    ({"findings": [screenings.FindingInput("纠" * 301)]}, "screening.finding_long"),
    ({"note": "备" * 2001}, "screening.note_long"),
])
def test_bad_input_is_refused_and_nothing_is_stored(db, director, change, key):
    with pytest.raises(MediationError) as e:
        screenings.add_screening(db, director, _screening(**change), today=DAY)
    assert e.value.key == key
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Screening)) == 0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(place=st.text(max_size=60), households=st.one_of(st.none(), st.text(max_size=6)),
       description=st.text(max_size=40))
def test_any_typed_text_is_stored_as_typed_or_refused_clearly(db, director, place, households, description):
    data = _screening(place=place, households=households, findings=[screenings.FindingInput(description)])
    try:
        sid = screenings.add_screening(db, director, data, today=DAY)
    except MediationError as e:  # (an invisible character: the text rule of every form, domain.text)
        assert e.key.startswith("screening.") or e.key in {"text.invisible", "text.unprintable", "text.unprintable_name", "text.not_a_character"}
        return
    with db.read_session() as s:
        row = s.get(Screening, sid)
        assert row is not None and row.place == " ".join(place.split()) and row.place
        assert row.findings[0].description == " ".join(description.split())


def test_the_roster_is_the_directors(db, director):
    a = roster.add_mediator(db, director, roster.MediatorInput("王建国", full_time=True, phone="138 0013 8000"))
    roster.add_mediator(db, director, roster.MediatorInput("李秀英"))
    with pytest.raises(MediationError) as e:
        roster.add_mediator(db, director, roster.MediatorInput("张三", phone="12345"))
    assert e.value.key == "phone.invalid"
    with pytest.raises(MediationError) as e:
        roster.add_mediator(db, director, roster.MediatorInput(" "))
    assert e.value.key == "mediator.no_name"
    roster.update_mediator(db, director, a, roster.MediatorInput("王建国", full_time=True, phone="13800138000",
                                                                 active=False))
    views = roster.list_mediators(db)
    assert [(m.name, m.full_time, m.phone, m.active) for m in views] == [
        ("李秀英", False, None, True), ("王建国", True, "13800138000", False)]
    assert [m.name for m in roster.list_mediators(db, active_only=True)] == ["李秀英"]
    assert _audit_actions(db)[-3:] == ["roster.add/create", "roster.add/create", "roster.edit/update"]
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Mediator)) == 2


def test_too_long_says_which_field_in_both_languages(db, director):
    from mediation_desktop.i18n import tr

    with pytest.raises(MediationError) as e:
        screenings.add_screening(db, director, _screening(screened_by="王" * 201), today=DAY)
    assert tr(e.value.key, "zh", **e.value.params) == "排查人太长了（最多 200 个字）。"
    assert "who screened" in tr(e.value.key, "en", **e.value.params)
    with pytest.raises(MediationError) as e:
        roster.add_mediator(db, director, roster.MediatorInput("王" * 51))
    assert tr(e.value.key, "en", **e.value.params) == "The name is too long (at most 50 characters)."


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(max_size=60), phone=st.one_of(st.none(), st.text(max_size=16)))
def test_any_typed_roster_entry_is_stored_cleaned_or_refused_clearly(db, director, name, phone):
    # (the examples share one roster: a name typed again is another person here, the same-name question aside)
    try:
        mid = roster.add_mediator(db, director, roster.MediatorInput(name, phone=phone), another_person=True)
    except MediationError as e:
        assert e.key in {"mediator.no_name", "mediator.name_long", "phone.invalid", "phone.empty", "text.invisible",
                         "text.unprintable", "text.unprintable_name", "text.not_a_character"}
        return
    with db.read_session() as s:
        row = s.get(Mediator, mid)
        assert row is not None and row.name == " ".join(name.split()) and row.name
        assert row.phone is None or row.phone.replace("-", "").isdigit()


def _linked_finding(db, director, *, prevented: bool):
    sid = screenings.add_screening(db, director, _screening(findings=[
        screenings.FindingInput("赵家婆媳口角", prevented=prevented)]), today=DAY)
    [view] = [v for v in screenings.list_screenings(db) if v.id == sid]
    reg = register_case(db, director, CaseInput("marriage_family", [PartyInput("赵一"), PartyInput("赵二")],
                                                summary=view.findings[0].description))
    return sid, view.findings[0], reg


def test_a_prevented_dispute_registered_as_a_case_is_no_longer_prevented(db, director):
    sid, finding, reg = _linked_finding(db, director, prevented=True)
    screenings.link_case(db, director, finding.id, reg.case_id)
    with db.read_session() as s:
        row = s.get(ScreeningFinding, finding.id)
        assert (row.case_id, row.prevented) == (reg.case_id, False)
    # nor can it be marked prevented again while it is a case
    with pytest.raises(MediationError) as e:
        screenings.update_screening(db, director, sid, _screening(findings=[
            screenings.FindingInput(finding.description, prevented=True, finding_id=finding.id)]), today=DAY)
    assert e.value.key == "screening.linked_prevented"
    [view] = [v for v in screenings.list_screenings(db) if v.id == sid]
    assert [(f.prevented, f.case_no) for f in view.findings] == [(False, reg.case_no)]


def test_voiding_the_case_returns_the_dispute_to_open_in_the_same_transaction(db, director):
    from mediation_desktop.services.cases import void_case
    from mediation_desktop.storage.models import Case

    sid, finding, reg = _linked_finding(db, director, prevented=False)
    screenings.link_case(db, director, finding.id, reg.case_id)
    void_case(db, director, reg.case_id, reason="登记错了")
    with db.read_session() as s:
        row, case = s.get(ScreeningFinding, finding.id), s.get(Case, reg.case_id)
        assert row.case_id is None
        assert row.change_seq == case.change_seq  # (one transaction: the finding travels in the next bundle)
    [view] = [v for v in screenings.list_screenings(db) if v.id == sid]
    assert [(f.case_id, f.case_no) for f in view.findings] == [(None, None)]
    again = register_case(db, director, CaseInput("marriage_family", [PartyInput("赵一"), PartyInput("赵二")]))
    screenings.link_case(db, director, finding.id, again.case_id)  # (registered again, the right way)
    [view] = [v for v in screenings.list_screenings(db) if v.id == sid]
    assert [f.case_no for f in view.findings] == [again.case_no]


def test_older_data_a_link_to_a_voided_case_counts_for_nothing_a_purged_one_stays(db, director):
    """Data written before the fix (or by a village's older build): a finding both prevented and linked, one
    linked to a case voided without clearing the link, one linked to a purged case's tombstone."""
    from retention_cases import closed_case

    from mediation_desktop.services import retention
    from mediation_desktop.storage.models import Case
    from mediation_desktop.storage.unit_of_work import UnitOfWork

    sid = screenings.add_screening(db, director, _screening(findings=[
        screenings.FindingInput("两条都记了", prevented=True), screenings.FindingInput("案件已作废"),
        screenings.FindingInput("案件已清除")]), today=DAY)
    [view] = screenings.list_screenings(db)
    both, voided, purged = view.findings
    live = register_case(db, director, CaseInput("neighbour", [PartyInput("甲"), PartyInput("乙")])).case_id
    gone = register_case(db, director, CaseInput("neighbour", [PartyInput("丙"), PartyInput("丁")])).case_id
    old = closed_case(db, director, "张三", dt.date(2010, 3, 1), "5年").case_id
    with UnitOfWork(db, actor=director.username, action="test.older_build") as uow:
        for fid, cid in ((both.id, live), (voided.id, gone), (purged.id, old)):
            uow.session.get(ScreeningFinding, fid).case_id = cid
        uow.session.get(Case, gone).deleted_at = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)  # (voided, link kept)
        uow.commit()
    retention.purge_case(db, director, old, reason="保管期限届满")
    [view] = screenings.list_screenings(db)
    assert [(f.description, f.prevented, f.case_id) for f in view.findings] == [
        ("两条都记了", False, live), ("案件已作废", False, None), ("案件已清除", False, old)]
    # the dispute whose case was voided may be registered again; the purged one is still a case
    with pytest.raises(MediationError) as e:
        screenings.update_screening(db, director, sid, _screening(findings=[
            screenings.FindingInput(both.description, finding_id=both.id),
            screenings.FindingInput(voided.description, finding_id=voided.id)]), today=DAY)
    assert e.value.key == "screening.linked"
    again = register_case(db, director, CaseInput("neighbour", [PartyInput("丙"), PartyInput("丁")])).case_id
    screenings.link_case(db, director, voided.id, again)
    [view] = screenings.list_screenings(db)
    assert [f.case_id for f in view.findings] == [live, again, old]


def test_one_person_is_not_on_the_roster_twice_unless_said_to_be_another(db, director):
    first = roster.add_mediator(db, director, roster.MediatorInput("王 建国"))
    with pytest.raises(MediationError) as e:
        roster.add_mediator(db, director, roster.MediatorInput("  王   建国 ", full_time=True))
    assert (e.value.key, e.value.params) == ("mediator.same_name", {"name": "王建国"})
    former = roster.add_mediator(db, director, roster.MediatorInput("李秀英", active=False))
    roster.add_mediator(db, director, roster.MediatorInput("李秀英"))  # (the former one does not count)
    # serving again, or renamed, beside one serving of that name: the same refusal
    for mid, data in ((former, roster.MediatorInput("李秀英")), (first, roster.MediatorInput("李秀英"))):
        with pytest.raises(MediationError) as e:
            roster.update_mediator(db, director, mid, data)
        assert e.value.key == "mediator.same_name"
    roster.update_mediator(db, director, first, roster.MediatorInput("王 建国", phone="13800138000"))
    roster.add_mediator(db, director, roster.MediatorInput("王 建国"), another_person=True)
    roster.update_mediator(db, director, former, roster.MediatorInput("李秀英"), another_person=True)
    assert sorted(m.name for m in roster.list_mediators(db, active_only=True)) == ["李秀英", "李秀英", "王建国",
                                                                                "王建国"]
