"""分期履行 in the today view (待办): the instalment due now is listed (the first; after a 回访 the next one after it),
an instalment whose day passed with no 回访 since is overdue, the 回访 are planned after each instalment, and an
agreement performed in full lists nothing more. Through the real services (test_today_sql compares the database's
statement with these rules on both engines)."""

from __future__ import annotations

import datetime as dt

import pytest

from mediation_desktop.domain.deadlines import DueKind, instalment_due
from mediation_desktop.domain.enums import PartyRole, Performance, SessionResult
from mediation_desktop.services import agreements, records
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.services.today import today_items

FIRST, SECOND = dt.date(2026, 7, 31), dt.date(2026, 9, 30)


def _performance(db, today) -> tuple[dt.date, str] | None:
    found = [(i.due_on, i.state) for i in today_items(db, today=today) if i.kind == DueKind.PERFORMANCE]
    return found[0] if found else None


def _follow_up(db, today) -> dt.date | None:
    found = [i.due_on for i in today_items(db, today=today) if i.kind == DueKind.FOLLOW_UP]
    return found[0] if found else None


def test_the_instalment_due_now_is_listed_and_an_overdue_one_shows_overdue(db, director):
    reg = register_case(db, director, CaseInput("contract", [PartyInput("张三"),
                                                             PartyInput("李四", role=PartyRole.RESPONDENT)],
                                                registered_on=dt.date(2026, 6, 1)), today=dt.date(2026, 6, 1))
    records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.AGREED))
    agreements.sign(db, director, agreements.save_draft(db, director, reg.case_id, agreements.AgreementInput(
        ["李四还款5000元", "李四还清余款5000元", "双方不再追究"], term_deadlines=[FIRST, SECOND, None])),
        signed_on=dt.date(2026, 6, 20))
    # the first instalment, due soon; once its day passed with nobody looking: overdue (not the second's day)
    assert _performance(db, dt.date(2026, 7, 28)) == (FIRST, "due_soon")
    assert _performance(db, dt.date(2026, 8, 10)) == (FIRST, "overdue")
    # the first 回访: 15 days after taking effect (5 July), earlier than the day after the first instalment
    assert _follow_up(db, dt.date(2026, 7, 28)) == dt.date(2026, 7, 5)
    # a 回访 after the first instalment's day looked at it: the second is the one due now, and the next visit is
    # the day after it
    records.add_follow_up(db, director, reg.case_id, records.FollowUpInput(
        Performance.PARTIAL, visitee="张三", visited_on=dt.date(2026, 8, 5)))
    assert _performance(db, dt.date(2026, 8, 10)) is None  # (the second is not due within a week)
    assert _performance(db, dt.date(2026, 9, 27)) == (SECOND, "due_soon")
    assert _follow_up(db, dt.date(2026, 9, 27)) == dt.date(2026, 10, 1)
    # a 回访 after the last instalment found it still not complete: the last one stays overdue
    records.add_follow_up(db, director, reg.case_id, records.FollowUpInput(
        Performance.PARTIAL, visitee="张三", visited_on=dt.date(2026, 10, 2)))
    assert _performance(db, dt.date(2026, 10, 5)) == (SECOND, "overdue")
    # performed in full: nothing more
    records.add_follow_up(db, director, reg.case_id, records.FollowUpInput(
        Performance.DONE, visitee="张三", visited_on=dt.date(2026, 10, 10)))
    assert _performance(db, dt.date(2026, 10, 12)) is None and _follow_up(db, dt.date(2026, 10, 12)) is None


@pytest.mark.parametrize(("last_visit", "due"), [(None, FIRST), (dt.date(2026, 7, 30), FIRST),
                                                 (FIRST, SECOND), (dt.date(2026, 8, 1), SECOND),
                                                 (dt.date(2026, 11, 1), SECOND)])
def test_the_instalment_due_after_a_visit(last_visit, due):
    assert instalment_due([FIRST, SECOND], last_visit) == due
