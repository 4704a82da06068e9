"""The today view computed by the database gives exactly the items of the rules in Python (``due_items`` case by
case, ``today_reference``): the same cases, kinds, due dates, states and order, on SQLite and PostgreSQL, for
todays at month ends, a leap day and a year's end, for viewers who see different cases; the counts by kind and
state are those of the items, and the pages follow one another. Hypothesis then moves one case's dates about
(31 January, 29 February, the last days there are …) and compares again."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pg_server import backend_params, database_url_for
from sqlalchemy import select, update
from today_reference import python_today_items

from mediation_desktop.domain.deadlines import DueKind
from mediation_desktop.domain.enums import Performance, Role
from mediation_desktop.domain.lifecycle import CaseStatus
from mediation_desktop.paths import DataPaths
from mediation_desktop.services import demo
from mediation_desktop.services.accounts import SYSTEM, Actor
from mediation_desktop.services.setup import SetupRequest, initialise
from mediation_desktop.services.today import FROM_LEDGER, IMPORTED_ON, today_items, today_view
from mediation_desktop.storage.database import Database, open_database
from mediation_desktop.storage.models import Agreement, Case, FollowUp, Setting

DEMO_TODAY = dt.date(2026, 11, 1)
TODAYS = [dt.date(2026, 11, 1), dt.date(2026, 10, 31), dt.date(2026, 11, 30), dt.date(2026, 12, 31),
          dt.date(2026, 1, 31), dt.date(2026, 2, 28), dt.date(2026, 3, 1), dt.date(2024, 2, 29),
          dt.date(2028, 2, 29), dt.date(2027, 1, 1)]

# (its own village: a module-scoped database cannot take the root conftest's ORG by importing "conftest", a name
# that is whichever conftest.py was imported last)
VILLAGE = SetupRequest("330102001", "石桥村人民调解委员会", "village", "admin", "secret123", parent_code="330102",
                       admin_display_name="王建国")


@pytest.fixture(scope="module", params=backend_params())
def demo_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = open_database(DataPaths(Path(tmp_path_factory.mktemp("today")) / "data"), database_url_for(request.param))
    initialise(db, VILLAGE)
    demo.generate(db, count=1500, seed=7, today=DEMO_TODAY)
    with db.write_session() as s, s.begin():  # a few cases at the edges of the month arithmetic
        ids = list(s.scalars(select(Case.id).where(Case.status.in_([CaseStatus.MEDIATING, CaseStatus.ACCEPTED]))
                             .order_by(Case.case_no).limit(6)))
        assert len(ids) == 6
        for case_id, day in zip(ids, [dt.date(2026, 1, 31), dt.date(2026, 1, 29), dt.date(2024, 1, 30),
                                      dt.date(2026, 10, 31), dt.date(2026, 12, 31), dt.date(2027, 12, 31)], strict=True):
            s.execute(update(Case).where(Case.id == case_id).values(accepted_on=day))
        private = s.scalar(select(Case.id).where(Case.non_public.is_(True), Case.status == CaseStatus.MEDIATING)
                           .order_by(Case.case_no).limit(1))
        s.execute(update(Case).where(Case.id == private).values(escalation_risk=True))  # (always shown)
        signed = list(s.scalars(select(Agreement.id).join(Case, Case.id == Agreement.case_id)
                                .where(Case.status == CaseStatus.AGREED, Agreement.status == "signed")
                                .order_by(Agreement.id).limit(12)))
        for n, agreement_id in enumerate(signed):  # within their 30 days to apply for judicial confirmation
            s.execute(update(Agreement).where(Agreement.id == agreement_id).values(
                confirmation_applied_on=None, effective_on=DEMO_TODAY - dt.timedelta(days=20 + n)))
        watched = list(s.scalars(select(Case.id).where(Case.status.in_([CaseStatus.AGREED, CaseStatus.MEDIATING]),
                                                       Case.escalation_risk.is_(False))
                                 .order_by(Case.id).limit(40)))
        for n, case_id in enumerate(watched):  # brought in from an old ledger, on days about the demo's today
            day = DEMO_TODAY + dt.timedelta(days=9 * n - 200)
            if n % 2:  # (imported before the import day was written with the case: the day its row was made)
                s.execute(update(Case).where(Case.id == case_id).values(
                    extra={FROM_LEDGER: f"fingerprint {n}"}, created_at=_made_on_china_day(day)))
            else:
                s.execute(update(Case).where(Case.id == case_id).values(extra={IMPORTED_ON: day.isoformat()}))
    yield db
    db.dispose()


def _made_on_china_day(day: dt.date) -> dt.datetime:
    """A row-making time on ``day`` in China that is the day before in UTC (23:30 UTC)."""
    return dt.datetime.combine(day - dt.timedelta(days=1), dt.time(23, 30), tzinfo=dt.UTC)


def _viewers(db: Database) -> list[Actor | None]:
    with db.read_session() as s:
        name = s.scalar(select(Case.mediator_name).where(Case.non_public.is_(True), Case.status == CaseStatus.MEDIATING)
                        .order_by(Case.case_no).limit(1))
    assert name
    return [None, Actor("clerk", "文书", Role.CLERK),  # (sees public cases only)
            Actor("m", name, Role.MEDIATOR, uuid.uuid4()), SYSTEM]


def _rows(items: list) -> list[tuple]:
    return [(i.case_id, i.case_no, i.title, i.kind, i.label_zh, i.due_on, i.state) for i in items]


@pytest.mark.parametrize("today", TODAYS, ids=str)
def test_same_items_as_the_rules_in_python(demo_db, today):
    for viewer in _viewers(demo_db):
        expected = python_today_items(demo_db, today=today, viewer=viewer)
        assert _rows(today_items(demo_db, today=today, viewer=viewer)) == _rows(expected)
        page = today_view(demo_db, today=today, viewer=viewer, limit=50)
        assert _rows(page.items) == _rows(expected[:50])
        assert page.counts == dict(Counter((i.kind, i.state) for i in expected))
        assert page.total == len(expected) and page.more == (len(expected) > 50)
        assert page.overdue == sum(1 for i in expected if i.state == "overdue")
        further = today_view(demo_db, today=today, viewer=viewer, limit=50, offset=50, counts=False)
        assert _rows(further.items) == _rows(expected[50:100]) and further.counts == {}


def test_the_demo_data_reaches_every_kind_and_state(demo_db):
    """(so that the comparisons above compare something: every kind is there, overdue and due soon)"""
    page = today_view(demo_db, today=DEMO_TODAY)
    assert {kind for kind, _ in page.counts} == set(DueKind)
    assert {state for _, state in page.counts} >= {"overdue", "due_soon"}
    everyone, clerk, mediator, _ = (today_view(demo_db, today=DEMO_TODAY, viewer=v).total for v in _viewers(demo_db))
    assert clerk < mediator < everyone  # (the viewers see different cases)
    with demo_db.read_session() as s:  # (cases from an old ledger: some listed, some with only history)
        written = set(s.scalars(select(Case.id).where(Case.extra[IMPORTED_ON].as_string().is_not(None))))
        made = set(s.scalars(select(Case.id).where(Case.extra[FROM_LEDGER].as_string().is_not(None))))
    shown = {i.case_id for i in today_items(demo_db, today=DEMO_TODAY)}
    assert written & shown and written - shown
    assert made & shown and made - shown


@pytest.mark.parametrize("every", [1, 30])
def test_the_follow_up_setting(demo_db, every):
    with demo_db.write_session() as s, s.begin():
        setting = s.get(Setting, "follow_up_after_days")
        saved = setting.value if setting is not None else None
        s.merge(Setting(key="follow_up_after_days", value=str(every)))
    try:
        for today in (DEMO_TODAY, dt.date(2026, 12, 31)):
            assert _rows(today_items(demo_db, today=today)) == _rows(python_today_items(demo_db, today=today))
    finally:
        with demo_db.write_session() as s, s.begin():
            if saved is None:
                s.delete(s.get(Setting, "follow_up_after_days"))
            else:
                s.merge(Setting(key="follow_up_after_days", value=saved))


_day = st.one_of(
    st.dates(dt.date(2023, 12, 1), dt.date(2029, 3, 31)),
    st.sampled_from([dt.date(2024, 1, 31), dt.date(2024, 2, 29), dt.date(2025, 1, 31), dt.date(2026, 12, 31),
                     dt.date(9999, 12, 31), dt.date(9999, 12, 20), dt.date(9999, 11, 30), dt.date(1, 1, 1)]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(accepted=_day, effective=st.none() | _day, deadline=st.none() | _day, visited=_day,
       applied=st.booleans(), done=st.booleans(), risk=st.booleans(), imported=st.none() | _day,
       written=st.booleans(), instalments=st.none() | st.lists(st.none() | _day, max_size=3),
       status=st.sampled_from([CaseStatus.AGREED, CaseStatus.MEDIATING, CaseStatus.SUSPENDED]),
       today=st.sampled_from(TODAYS) | st.dates(dt.date(2024, 1, 1), dt.date(2029, 1, 1)))
def test_any_dates_of_an_agreed_and_an_open_case(demo_db, accepted, effective, deadline, visited, applied, done,
                                                 risk, imported, written, instalments, status, today):
    with demo_db.read_session() as s:
        agreed = s.scalar(select(Agreement.case_id).join(FollowUp, FollowUp.case_id == Agreement.case_id)
                          .where(Agreement.status == "signed").order_by(Agreement.case_id).limit(1))
        agreement = s.scalar(select(Agreement.id).where(Agreement.case_id == agreed, Agreement.status == "signed")
                             .order_by(Agreement.version.desc()).limit(1))
        saved_case = s.execute(select(Case.status, Case.accepted_on, Case.escalation_risk, Case.extra, Case.created_at)
                               .where(Case.id == agreed)).one()
        saved_agreement = s.execute(select(Agreement.effective_on, Agreement.performance_deadline,
                                           Agreement.confirmation_applied_on, Agreement.performance)
                                    .where(Agreement.id == agreement)).one()
        visits = s.execute(select(FollowUp.id, FollowUp.visited_on).where(FollowUp.case_id == agreed)).all()

    def write(case_values, agreement_values, visited_on):
        with demo_db.write_session() as s, s.begin():
            s.execute(update(Case).where(Case.id == agreed).values(**case_values))
            s.execute(update(Agreement).where(Agreement.id == agreement).values(**agreement_values))
            for visit_id, day in visited_on:
                s.execute(update(FollowUp).where(FollowUp.id == visit_id).values(visited_on=day))

    if imported is None:
        ledger: dict = dict(extra={})
    elif written or imported == dt.date.min:  # (the import's day written with the case, or the day its row was made)
        ledger = dict(extra={IMPORTED_ON: imported.isoformat()})
    else:
        ledger = dict(extra={FROM_LEDGER: "fingerprint"}, created_at=_made_on_china_day(imported))
    write(dict(status=status, accepted_on=accepted, escalation_risk=risk, **ledger),
          dict(effective_on=effective, performance_deadline=deadline,  # (分期履行: days of the terms too)
               term_deadlines=None if instalments is None else [d and d.isoformat() for d in instalments],
               confirmation_applied_on=effective if applied else None,
               performance=Performance.DONE if done else Performance.PARTIAL),
          [(visit_id, visited) for visit_id, _ in visits])
    try:
        mine = [r for r in _rows(today_items(demo_db, today=today)) if r[0] == agreed]
        assert mine == [r for r in _rows(python_today_items(demo_db, today=today)) if r[0] == agreed]
    finally:
        write(dict(status=saved_case.status, accepted_on=saved_case.accepted_on,
                   escalation_risk=saved_case.escalation_risk, extra=saved_case.extra,
                   created_at=saved_case.created_at),
              dict(effective_on=saved_agreement.effective_on, performance_deadline=saved_agreement.performance_deadline,
                   term_deadlines=None,
                   confirmation_applied_on=saved_agreement.confirmation_applied_on,
                   performance=saved_agreement.performance), visits)
