"""A record of a case is dated on a day it could have happened: not before the case was registered, not after
today (China's date), a follow-up not before the agreement it follows was signed. A tester typed a follow-up a
month before the case's registration and the case was closed as performed on that day; refused now, with one
line naming the field, and nothing written (the case keeps its status)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from mediation_desktop.domain.china_time import CHINA, china_today
from mediation_desktop.domain.enums import PartyRole, Performance, SessionResult
from mediation_desktop.domain.lifecycle import CaseStatus
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services import agreements, records
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Case, FollowUp, Investigation, MediationSession

TODAY = china_today()
REGISTERED = TODAY - dt.timedelta(days=20)


@pytest.fixture(autouse=True)
def _dates_of_the_day_the_test_runs() -> None:
    """The dates above are those of the day the module was collected; a run that passes midnight in China (16:00
    UTC) would hold the day before, while the program checks against its own today: set again before each test."""
    global TODAY, REGISTERED
    TODAY = china_today()
    REGISTERED = TODAY - dt.timedelta(days=20)


def _case(db, actor):
    return register_case(db, actor, CaseInput("neighbour", [PartyInput("张三"),
                                                            PartyInput("李四", role=PartyRole.RESPONDENT)],
                                              summary="两家菜地界限不清", registered_on=REGISTERED)).case_id


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 9, 30, tzinfo=CHINA)


def _count(db, model) -> int:
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def _refused(key: str, call) -> MediationError:  # type: ignore[no-untyped-def]
    with pytest.raises(MediationError) as caught:
        call()
    assert caught.value.key == key
    assert "\n" not in tr(caught.value.key, **caught.value.params)  # one line
    return caught.value


@pytest.mark.parametrize("kind", ["session", "investigation"])
def test_a_sitting_before_the_case_or_in_the_future_is_refused(db, director, kind):
    case_id = _case(db, director)
    add = {"session": lambda when: records.add_session(db, director, case_id, records.SessionInput(
               SessionResult.POSTPONED, record="双方陈述", held_at=when)),
           "investigation": lambda when: records.add_investigation(db, director, case_id, records.InvestigationInput(
               record="问：几时占的地？答：去年", interviewee="张三", held_at=when))}[kind]
    model = MediationSession if kind == "session" else Investigation
    error = _refused("record.before_case", lambda: add(_at(REGISTERED - dt.timedelta(days=1))))
    assert error.params["field"] == "held_at" and REGISTERED.isoformat() in tr(error.key, **error.params)
    _refused("record.in_future", lambda: add(_at(TODAY + dt.timedelta(days=1))))
    assert _count(db, model) == 0
    with db.read_session() as s:
        assert s.get(Case, case_id).status == CaseStatus.ACCEPTED  # nothing moved the case on
    add(_at(REGISTERED))  # the day it was registered, and any day since, is taken
    add(_at(TODAY))
    assert _count(db, model) == 2


def test_a_follow_up_before_the_case_or_its_agreement_does_not_close_the_case(db, director):
    case_id = _case(db, director)
    records.add_session(db, director, case_id, records.SessionInput(SessionResult.AGREED, record="双方同意",
                                                                    held_at=_at(REGISTERED + dt.timedelta(days=2))))
    signed = REGISTERED + dt.timedelta(days=5)
    agreements.record_oral(db, director, case_id, agreements.AgreementInput(["李四赔偿800元。"]), reached_on=signed)

    def visit(day: dt.date) -> None:
        records.add_follow_up(db, director, case_id, records.FollowUpInput(
            visited_on=day, visitee="张三", performance=Performance.DONE))

    _refused("record.before_case", lambda: visit(REGISTERED - dt.timedelta(days=30)))
    error = _refused("record.visit_before_signed", lambda: visit(signed - dt.timedelta(days=1)))
    assert error.params["field"] == "visited_on" and signed.isoformat() in tr(error.key, **error.params)
    _refused("record.in_future", lambda: visit(TODAY + dt.timedelta(days=1)))
    assert _count(db, FollowUp) == 0
    with db.read_session() as s:
        assert s.get(Case, case_id).status == CaseStatus.AGREED  # not closed as performed
    visit(signed)
    with db.read_session() as s:
        assert s.get(Case, case_id).status == CaseStatus.PERFORMED


def test_an_oral_agreement_is_reached_neither_before_the_case_nor_in_the_future(db, director):
    case_id = _case(db, director)
    records.add_session(db, director, case_id, records.SessionInput(SessionResult.AGREED, record="双方同意",
                                                                    held_at=_at(REGISTERED)))
    for day, key in [(REGISTERED - dt.timedelta(days=1), "agreement.signed_before_accepted"),
                     (TODAY + dt.timedelta(days=1), "agreement.signed_in_future")]:
        _refused(key, lambda day=day: agreements.record_oral(
            db, director, case_id, agreements.AgreementInput(["李四赔偿800元。"]), reached_on=day))
    agreements.record_oral(db, director, case_id, agreements.AgreementInput(["李四赔偿800元。"]), reached_on=REGISTERED)


def test_a_corrected_registration_day_is_not_after_the_cases_records(db, director):
    """The same order from the other side: correcting the registration to a day after the case's first sitting
    is refused (naming that day); an earlier day, or one up to the sitting, is taken."""
    from mediation_desktop.services.cases import update_case

    case_id = _case(db, director)
    held = REGISTERED + dt.timedelta(days=4)
    records.add_session(db, director, case_id, records.SessionInput(SessionResult.POSTPONED, record="改日再调",
                                                                    held_at=_at(held)))

    def corrected(day: dt.date) -> None:
        update_case(db, director, case_id, CaseInput("neighbour", [
            PartyInput("张三"), PartyInput("李四", role=PartyRole.RESPONDENT)], summary="两家菜地界限不清",
            registered_on=day))

    error = _refused("case.registered_after_records", lambda: corrected(held + dt.timedelta(days=1)))
    assert error.params["field"] == "registered_on" and held.isoformat() in tr(error.key, **error.params)
    with db.read_session() as s:
        assert s.get(Case, case_id).registered_on == REGISTERED
    corrected(held)
    corrected(REGISTERED - dt.timedelta(days=3))
    with db.read_session() as s:
        assert s.get(Case, case_id).registered_on == REGISTERED - dt.timedelta(days=3)


def test_an_archived_case_takes_no_record_until_a_director_reopens_it(db, director):
    """The bound file is dated the day of 归档: a 回访 or an investigation added after would lie outside it (and a
    回访 would change the performance its closing statement reports). Refused in one line, nothing written; after
    重新开启 it is taken."""
    from mediation_desktop.services.cases import CaseAction, change_status

    case_id = _case(db, director)
    records.add_session(db, director, case_id, records.SessionInput(SessionResult.AGREED, record="双方同意",
                                                                    held_at=_at(REGISTERED + dt.timedelta(days=1))))
    agreements.record_oral(db, director, case_id, agreements.AgreementInput(["李四赔偿800元。"]),
                           reached_on=REGISTERED + dt.timedelta(days=1))
    records.add_follow_up(db, director, case_id, records.FollowUpInput(
        visited_on=REGISTERED + dt.timedelta(days=3), visitee="张三", performance=Performance.DONE))
    change_status(db, director, case_id, CaseAction.ARCHIVE, retention="长期")
    _refused("record.case_archived", lambda: records.add_follow_up(db, director, case_id, records.FollowUpInput(
        visited_on=TODAY, visitee="张三", performance=Performance.PARTIAL)))
    _refused("record.case_archived", lambda: records.add_investigation(db, director, case_id, records.InvestigationInput(
        record="补充调查", interviewee="张三", held_at=_at(TODAY))))
    assert (_count(db, FollowUp), _count(db, Investigation)) == (1, 0)
    with db.read_session() as s:
        assert s.get(Case, case_id).status == CaseStatus.ARCHIVED
    change_status(db, director, case_id, CaseAction.REOPEN, reason="补充调查材料")
    records.add_investigation(db, director, case_id, records.InvestigationInput(
        record="补充调查", interviewee="张三", held_at=_at(TODAY)))
    assert _count(db, Investigation) == 1
