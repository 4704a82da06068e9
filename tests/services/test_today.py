"""The today view: the due items a mediator must see, from real cases through the services."""

from __future__ import annotations

import datetime as dt

from mediation_desktop.domain.deadlines import DueKind
from mediation_desktop.domain.enums import PartyRole, Performance, SessionResult
from mediation_desktop.services import agreements, records
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.services.today import today_items


def _case(db, director, day, **kw):
    return register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四", role=PartyRole.RESPONDENT)],
                                                  registered_on=day, **kw), today=day)


def _kinds(db, today):
    return sorted((i.case_no, i.kind.value, i.due_on.isoformat(), i.state) for i in today_items(db, today=today))


def test_overlong_and_escalation(db, director):
    old = _case(db, director, dt.date(2026, 9, 1))
    _case(db, director, dt.date(2026, 11, 20))  # recent: nothing due
    risky = _case(db, director, dt.date(2026, 11, 21), escalation_risk=True)
    items = today_items(db, today=dt.date(2026, 11, 22))
    assert items[0].case_id == risky.case_id and items[0].kind == DueKind.ESCALATION_RISK  # risk first
    assert [(i.case_id, i.kind, i.due_on, i.state) for i in items[1:]] == [
        (old.case_id, DueKind.OVERLONG, dt.date(2026, 10, 1), "overdue")]


def test_agreement_deadlines_follow_ups_and_confirmation_window(db, director):
    reg = _case(db, director, dt.date(2026, 11, 1))
    records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.AGREED))
    aid = agreements.save_draft(db, director, reg.case_id, agreements.AgreementInput(
        ["赔偿500元"], performance_deadline=dt.date(2026, 11, 25)))
    agreements.sign(db, director, aid, signed_on=dt.date(2026, 11, 2))
    # on 22 Nov: performance due in 3 days, first follow-up the day after it (earlier than 2 Nov + 15 = 17 Nov? no:
    # 17 Nov is earlier, so it is overdue), the 30-day window closes 2 Dec (10 days away: listed, with its days)
    items = {i.kind: i for i in today_items(db, today=dt.date(2026, 11, 22))}
    assert set(items) == {DueKind.PERFORMANCE, DueKind.FOLLOW_UP, DueKind.JUDICIAL_CONFIRMATION}
    assert (items[DueKind.PERFORMANCE].due_on, items[DueKind.PERFORMANCE].state) == (dt.date(2026, 11, 25), "due_soon")
    assert (items[DueKind.FOLLOW_UP].due_on, items[DueKind.FOLLOW_UP].state) == (dt.date(2026, 11, 17), "overdue")
    items = {i.kind: i for i in today_items(db, today=dt.date(2026, 11, 28))}
    assert items[DueKind.JUDICIAL_CONFIRMATION].due_on == dt.date(2026, 12, 2)
    last_day = {i.kind: i for i in today_items(db, today=dt.date(2026, 12, 2))}[DueKind.JUDICIAL_CONFIRMATION]
    assert (last_day.days_left(dt.date(2026, 12, 2)), last_day.state) == (0, "due_soon")  # 今天截止
    for lapsed_on in (dt.date(2026, 12, 3), dt.date(2026, 12, 9)):  # lapsed unused: shown for a week, as overdue
        lapsed = {i.kind: i for i in today_items(db, today=lapsed_on)}[DueKind.JUDICIAL_CONFIRMATION]
        assert (lapsed.due_on, lapsed.state) == (dt.date(2026, 12, 2), "overdue")
    assert DueKind.JUDICIAL_CONFIRMATION not in {i.kind for i in today_items(db, today=dt.date(2026, 12, 10))}
    records.add_follow_up(db, director, reg.case_id, records.FollowUpInput(Performance.DONE, "张三",
                                                                            visited_on=dt.date(2026, 11, 26)))
    assert today_items(db, today=dt.date(2026, 11, 28)) == []  # performed: the case is no longer watched


def test_confirmation_window_is_listed_from_the_day_the_agreement_takes_effect(db, director):
    """The 30 days are the parties' window to apply together: the mediator sees it from the signing, with the days
    left, not only in its last week."""
    reg = _case(db, director, dt.date(2026, 11, 1))
    records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.AGREED))
    aid = agreements.save_draft(db, director, reg.case_id, agreements.AgreementInput(["赔偿500元"]))
    agreements.sign(db, director, aid, signed_on=dt.date(2026, 11, 2))

    def window(today):
        return {i.kind: i for i in today_items(db, today=today)}.get(DueKind.JUDICIAL_CONFIRMATION)

    assert window(dt.date(2026, 11, 1)) is None  # not yet signed: no window
    signed_day = window(dt.date(2026, 11, 2))
    assert signed_day is not None and (signed_day.due_on, signed_day.state) == (dt.date(2026, 12, 2), "upcoming")
    assert signed_day.days_left(dt.date(2026, 11, 2)) == 30
    assert window(dt.date(2026, 11, 15)).days_left(dt.date(2026, 11, 15)) == 17
