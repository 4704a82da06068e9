"""The day an agreement was signed (not the day it was recorded) and 司法确认 (art. 33), through the real database:
the 30-day window, the first 回访, the printed date, the today view, the audit trail and the statistics."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from mediation_desktop.documents.snapshot import agreement_snapshot
from mediation_desktop.domain.china_time import china_today
from mediation_desktop.domain.deadlines import DueKind
from mediation_desktop.domain.enums import PartyRole, SessionResult
from mediation_desktop.errors import MediationError
from mediation_desktop.services import agreements, cases, records
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.services.today import today_items
from mediation_desktop.storage.models import Agreement, AuditEntry, Case

FRIDAY, MONDAY = dt.date(2026, 11, 20), dt.date(2026, 11, 23)


def _draft(db, director, registered=dt.date(2026, 11, 2)):
    reg = cases.register_case(db, director, cases.CaseInput(
        "neighbour", [PartyInput("张三"), PartyInput("李四", role=PartyRole.RESPONDENT)], summary="菜地界限",
        registered_on=registered), today=registered)
    records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.AGREED, record="双方同意"))
    aid = agreements.save_draft(db, director, reg.case_id, agreements.AgreementInput(["重新划定界限"]))
    return reg, aid


def _signed(db, director, day=FRIDAY):
    reg, aid = _draft(db, director)
    agreements.sign(db, director, aid, signed_on=day, today=MONDAY)
    return reg, aid


def test_signed_on_friday_recorded_on_monday_counts_from_friday(db, director):
    reg, aid = _signed(db, director)
    with db.read_session() as s:
        a = s.get(Agreement, aid)
        assert (a.signed_on, a.effective_on) == (FRIDAY, FRIDAY)
        assert s.get(Case, reg.case_id).status.value == "agreed"
    assert agreement_snapshot(db, reg.case_id).date == FRIDAY  # the printed date
    due = {i.kind: i.due_on for i in today_items(db, today=dt.date(2026, 12, 16))}
    assert due[DueKind.JUDICIAL_CONFIRMATION] == FRIDAY + dt.timedelta(days=30)
    assert due[DueKind.FOLLOW_UP] == FRIDAY + dt.timedelta(days=15)


def test_a_signing_day_in_the_future_is_refused(db, director):
    _reg, aid = _draft(db, director)
    with pytest.raises(MediationError) as e:
        agreements.sign(db, director, aid, signed_on=MONDAY + dt.timedelta(days=1), today=MONDAY)
    assert e.value.key == "agreement.signed_in_future"
    with db.read_session() as s:
        assert s.get(Agreement, aid).status.value == "draft"


def test_a_paper_signed_before_the_draft_was_typed_counts_from_its_day_but_never_before_acceptance(db, director):
    _reg, aid = _draft(db, director, registered=dt.date(2026, 11, 2))  # the draft typed this week
    with pytest.raises(MediationError) as e:
        agreements.sign(db, director, aid, signed_on=dt.date(2026, 11, 1), today=MONDAY)
    assert e.value.key == "agreement.signed_before_accepted" and "2026-11-02" in str(e.value)
    with db.read_session() as s:
        assert s.get(Agreement, aid).status.value == "draft"
    agreements.sign(db, director, aid, signed_on=dt.date(2026, 11, 2), today=MONDAY)  # the day of acceptance is fine
    with db.read_session() as s:
        assert s.get(Agreement, aid).effective_on == dt.date(2026, 11, 2)


def test_applying_for_confirmation_clears_the_reminder_and_is_audited(db, director):
    reg, aid = _signed(db, director)
    on_day = dt.date(2026, 12, 15)  # five days before the window closes (20 Dec): shown
    assert DueKind.JUDICIAL_CONFIRMATION in {i.kind for i in today_items(db, today=on_day)}
    result = agreements.record_confirmation(db, director, aid, applied_on=dt.date(2026, 12, 1),
                                            court=" 西湖区人民法院 ", today=on_day)
    assert result == agreements.ConfirmationRecorded(deadline=dt.date(2026, 12, 20), late=False)
    assert DueKind.JUDICIAL_CONFIRMATION not in {i.kind for i in today_items(db, today=on_day)}
    with db.read_session() as s:
        a = s.get(Agreement, aid)
        assert (a.confirmation_applied_on, a.confirmation_court, a.confirmed_on) == (
            dt.date(2026, 12, 1), "西湖区人民法院", None)
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "agreement.confirmation/update")).one()
        assert entry.case_id == str(reg.case_id) and entry.actor == director.username
        assert entry.data["after"]["confirmation_court"] == "西湖区人民法院"
    # the court rules later: filling in a blank needs no reason
    agreements.record_confirmation(db, director, aid, applied_on=dt.date(2026, 12, 1), court="西湖区人民法院",
                                   confirmed_on=dt.date(2026, 12, 10), today=on_day)
    with db.read_session() as s:
        assert s.get(Agreement, aid).confirmed_on == dt.date(2026, 12, 10)


def test_the_statistics_count_applications_and_confirmations(db, director):
    from mediation_desktop.reports.periods import Basis, parse_period
    from mediation_desktop.reports.statistics import compute

    _reg, aid = _signed(db, director)
    year = parse_period("2026")
    before = compute(db, year, Basis.ACCEPTED)
    assert (before.value("conf:applied"), before.value("conf:confirmed")) == (0, 0)
    agreements.record_confirmation(db, director, aid, applied_on=dt.date(2026, 12, 1), court="西湖区人民法院",
                                   confirmed_on=dt.date(2026, 12, 1), today=dt.date(2026, 12, 2))
    after = compute(db, year, Basis.ACCEPTED)
    assert (after.value("conf:applied"), after.value("conf:confirmed")) == (1, 1)


def test_dates_are_checked(db, director):
    _reg, aid = _signed(db, director)
    today = dt.date(2026, 12, 2)

    def record(**kw):
        args = {"applied_on": dt.date(2026, 12, 1), "court": "西湖区人民法院", "today": today, **kw}
        with pytest.raises(MediationError) as e:
            agreements.record_confirmation(db, director, aid, **args)
        return e.value.key

    assert record(applied_on=FRIDAY - dt.timedelta(days=1)) == "agreement.confirmation_before_effect"
    assert record(applied_on=today + dt.timedelta(days=1)) == "agreement.confirmation_in_future"
    assert record(confirmed_on=dt.date(2026, 11, 30)) == "agreement.confirmed_before_applied"
    assert record(confirmed_on=today + dt.timedelta(days=1)) == "agreement.confirmation_in_future"
    assert record(court="  ") == "agreement.confirmation_court"
    with db.read_session() as s:
        assert s.get(Agreement, aid).confirmation_applied_on is None  # nothing half-written


def test_a_late_application_is_recorded_and_flagged(db, director):
    _reg, aid = _signed(db, director)
    result = agreements.record_confirmation(db, director, aid, applied_on=dt.date(2026, 12, 21), court="西湖区人民法院",
                                            today=dt.date(2026, 12, 22))
    assert result.late and result.deadline == dt.date(2026, 12, 20)
    with db.read_session() as s:
        assert s.get(Agreement, aid).confirmation_applied_on == dt.date(2026, 12, 21)


def test_changing_what_was_recorded_needs_a_reason(db, director):
    _reg, aid = _signed(db, director)
    today = dt.date(2026, 12, 2)
    agreements.record_confirmation(db, director, aid, applied_on=dt.date(2026, 12, 1), court="西湖区人民法院",
                                   today=today)
    with pytest.raises(MediationError) as e:
        agreements.record_confirmation(db, director, aid, applied_on=dt.date(2026, 11, 30), court="西湖区人民法院",
                                       today=today)
    assert e.value.key == "case.reason_required"
    agreements.record_confirmation(db, director, aid, applied_on=dt.date(2026, 11, 30), court="西湖区人民法院",
                                   reason="日期登记错了", today=today)
    with db.read_session() as s:
        assert s.get(Agreement, aid).confirmation_applied_on == dt.date(2026, 11, 30)
        assert "日期登记错了" in s.scalars(select(AuditEntry.reason).where(
            AuditEntry.action == "agreement.confirmation/update")).all()


def test_only_a_signed_written_agreement_goes_to_court(db, director):
    _reg, draft = _draft(db, director)
    with pytest.raises(MediationError) as e:
        agreements.record_confirmation(db, director, draft, applied_on=MONDAY, court="西湖区人民法院", today=MONDAY)
    assert e.value.key == "agreement.confirmation_not_signed"
    other = cases.register_case(db, director, cases.CaseInput(
        "neighbour", [PartyInput("王五"), PartyInput("赵六", role=PartyRole.RESPONDENT)]))
    records.add_session(db, director, other.case_id, records.SessionInput(SessionResult.AGREED, record="同意"))
    oral = agreements.record_oral(db, director, other.case_id, agreements.AgreementInput(["道歉"]))
    with pytest.raises(MediationError) as e:
        agreements.record_confirmation(db, director, oral, applied_on=china_today(), court="西湖区人民法院")
    assert e.value.key == "agreement.confirmation_not_signed"
