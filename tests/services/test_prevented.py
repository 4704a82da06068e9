"""防止激化 of a case: the flags and the persons involved, checked, audited, counted by the report."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from mediation_desktop.domain.enums import Role
from mediation_desktop.errors import MediationError
from mediation_desktop.reports import statistics
from mediation_desktop.reports.periods import parse_period
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.services.prevented import Prevented, record_prevented
from mediation_desktop.storage.models import AuditEntry, Case


def _case(db, actor):
    return register_case(db, actor, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")],
                                              summary="宅基地界限纠纷")).case_id


def test_recorded_audited_and_counted(db, director):
    cid = _case(db, director)
    record_prevented(db, director, cid, Prevented(criminal=True, group_fight=True, persons=" 12 "))
    with db.read_session() as s:
        case = s.get(Case, cid)
        assert (case.prevented_criminal, case.prevented_petition, case.stopped_group_fight,
                case.prevented_persons) == (True, False, True, 12)
        actions = list(s.scalars(select(AuditEntry.action).where(AuditEntry.action != "audit.seal")  # (row seals)
                                 .order_by(AuditEntry.seq.desc()).limit(1)))
    assert actions == ["case.prevented/update"]
    year = str(case.accepted_on.year)
    report = statistics.compute(db, parse_period(year))
    assert report.value("prev:criminal") == report.value("prev:fight") == 1
    assert report.value("prev:criminal:persons") == report.value("prev:fight:persons") == 12
    assert report.value("prev:petition:persons") == 0
    record_prevented(db, director, cid, Prevented())  # taken back: nothing counted
    assert statistics.compute(db, parse_period(year)).value("prev:persons") == 0


@pytest.mark.parametrize(("data", "key"), [
    (Prevented(suicide=True), "prevented.no_persons"),
    (Prevented(suicide=True, persons="0"), "prevented.no_persons"),
    (Prevented(persons=3), "prevented.no_kind"),
    (Prevented(petition=True, persons="三"), "prevented.persons"),
    (Prevented(petition=True, persons="-2"), "limit.number"),  # (a number: its range is said)
    (Prevented(petition=True, persons="2.5"), "prevented.persons"),
    (Prevented(petition=True, persons="100001"), "limit.number"),
])
def test_bad_input_is_refused(db, director, data, key):
    cid = _case(db, director)
    with pytest.raises(MediationError) as e:
        record_prevented(db, director, cid, data)
    assert e.value.key == key
    with db.read_session() as s:
        assert s.get(Case, cid).prevented_persons == 0


def test_a_clerk_may_not(db, director):
    cid = _case(db, director)
    with pytest.raises(MediationError) as e:
        record_prevented(db, Actor("clerk", "周文书", Role.CLERK), cid, Prevented(suicide=True, persons=1))
    assert e.value.key == "account.read_only_role"


def test_a_number_out_of_range_says_the_range(db, director):
    cid = _case(db, director)
    with pytest.raises(MediationError) as e:
        record_prevented(db, director, cid, Prevented(petition=True, persons="-2"))
    assert str(e.value).endswith("涉及人数“-2”超出了允许的范围（0 到 100000）。")
