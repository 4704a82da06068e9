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
        assert e.key.startswith("screening.") or e.key in {"text.invisible", "text.unprintable", "text.not_a_character"}
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
    try:
        mid = roster.add_mediator(db, director, roster.MediatorInput(name, phone=phone))
    except MediationError as e:
        assert e.key in {"mediator.no_name", "mediator.name_long", "phone.invalid", "phone.empty", "text.invisible",
                         "text.unprintable", "text.not_a_character"}
        return
    with db.read_session() as s:
        row = s.get(Mediator, mid)
        assert row is not None and row.name == " ".join(name.split()) and row.name
        assert row.phone is None or row.phone.replace("-", "").isdigit()
