"""The figures counted from a case's child rows (涉及当事人, 其中3人以上, 已回访案件, 回访次数) on awkward cases,
on both databases: removed parties and visits, a side that drops below three when one of its parties is
removed, a case without parties, a voided case and a case of another year whose rows must not leak in.

The report aggregates the child rows once per query (grouped by case, for the period's cases only) and joins
them; every figure and the cases behind it must equal the independent count (report_independent.py), which
walks the stored rows one by one.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from pg_server import backend_params, database_url_for
from sqlalchemy import select

from mediation_desktop.domain.enums import PartyRole, Performance, SessionResult
from mediation_desktop.paths import DataPaths
from mediation_desktop.reports import statistics
from mediation_desktop.reports.figures import FIGURES
from mediation_desktop.reports.periods import Basis, parse_period
from mediation_desktop.services import agreements, records
from mediation_desktop.services.accounts import Actor, authenticate
from mediation_desktop.services.cases import CaseInput, register_case, void_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.services.setup import SetupRequest, initialise
from mediation_desktop.storage.database import Database, open_database
from mediation_desktop.storage.models import FollowUp, Party
from mediation_desktop.storage.unit_of_work import UnitOfWork

A, R, T = PartyRole.APPLICANT, PartyRole.RESPONDENT, PartyRole.THIRD_PARTY
NAMES = iter(f"{s}{g}" for s in "张李王赵陈刘周吴郑冯" for g in "一二三四五六七八九十")


@pytest.fixture(params=backend_params())
def report_db(request: pytest.FixtureRequest, tmp_path, village: SetupRequest) -> Iterator[tuple[Database, Actor]]:
    db = open_database(DataPaths(tmp_path / "db"), database_url_for(request.param))
    initialise(db, village)
    yield db, authenticate(db, village.admin_username, village.admin_password)
    db.dispose()


def _case(db: Database, actor: Actor, on: dt.date, roles: list[PartyRole]) -> uuid.UUID:
    parties = [PartyInput(name=next(NAMES), role=role) for role in roles]
    return register_case(db, actor, CaseInput(category_code="neighbour", parties=parties, summary="邻里纠纷",
                                              registered_on=on), today=on).case_id


def _agreed_with_visits(db: Database, actor: Actor, cid: uuid.UUID, on: dt.date, visits: int) -> list[uuid.UUID]:
    records.add_session(db, actor, cid, records.SessionInput(
        result=SessionResult.AGREED, held_at=dt.datetime.combine(on, dt.time(2), tzinfo=dt.UTC)))
    agreements.record_oral(db, actor, cid, agreements.AgreementInput(terms=["口头约定"]), reached_on=on)
    return [records.add_follow_up(db, actor, cid, records.FollowUpInput(
        performance=Performance.PARTIAL, visitee="当事人", visited_on=on + dt.timedelta(days=10 + k)))
        for k in range(visits)]


def _remove(db: Database, model: Any, ids: list[uuid.UUID]) -> None:
    """Rows removed as sync writes a removal from another installation (a tombstone)."""
    with UnitOfWork(db, actor="test", action="test.remove") as uow:
        for row in uow.session.scalars(select(model).where(model.id.in_(ids))):
            row.deleted_at = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)
        uow.commit()


def _party_ids(db: Database, cid: uuid.UUID, role: PartyRole) -> list[uuid.UUID]:
    with db.read_session() as s:
        return list(s.scalars(select(Party.id).where(Party.case_id == cid, Party.role == role)
                              .order_by(Party.position)))


def test_child_row_figures_on_awkward_cases_match_the_independent_count(report_db, independent):
    db, actor = report_db
    day = dt.date(2026, 3, 10)
    group = _case(db, actor, day, [A, A, A, R])  # three applicants: a group dispute
    third = _case(db, actor, day, [A, R, T, T, T])  # three third parties: a side of three too
    dropped = _case(db, actor, day, [A, R, R, R])  # three respondents, one removed: no longer a group
    _remove(db, Party, _party_ids(db, dropped, R)[:1])
    nobody = _case(db, actor, day, [A, R])  # every party removed: 0 parties, still a case
    _remove(db, Party, _party_ids(db, nobody, A) + _party_ids(db, nobody, R))
    visited = _case(db, actor, day, [A, R])
    visits = _agreed_with_visits(db, actor, visited, day, 3)
    _remove(db, FollowUp, visits[:1])  # two visits left
    unvisited = _case(db, actor, day, [A, R])
    _remove(db, FollowUp, _agreed_with_visits(db, actor, unvisited, day, 1))  # its only visit removed
    voided = _case(db, actor, day, [A, A, A, A, R])
    _agreed_with_visits(db, actor, voided, day, 2)
    void_case(db, actor, voided, reason="登记错了")
    last_year = _case(db, actor, dt.date(2025, 12, 31), [A, R, R, R])
    _agreed_with_visits(db, actor, last_year, dt.date(2025, 12, 31), 2)

    expected_2026 = independent(db, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert expected_2026["grp:3plus"] == ({group, third}, 2)
    assert expected_2026["fu:cases"] == ({visited}, 1) and expected_2026["fu:visits"][1] == 2
    assert nobody in expected_2026["cases"][0] and expected_2026["parties"][1] == 4 + 5 + 3 + 0 + 2 + 2
    for spec in ("2026", "2025", "2026-03", "2025-12-01..2026-03-31", "2026-04"):
        period = parse_period(spec)
        report = statistics.compute(db, period, Basis.ACCEPTED)
        expected = independent(db, period.start, period.end, "accepted")
        for f in FIGURES:
            ids, value = expected.get(f.key, (set(), 0))
            got = report.value(f.key)
            assert got == (Decimal(value).quantize(Decimal("0.01")) if f.measure == "amount" else value), (spec, f.key)
            assert set(statistics.case_ids_for(db, period, Basis.ACCEPTED, f.key)) == ids, (spec, f.key)
    spanning = statistics.compute(db, parse_period("2025-12-01..2026-03-31"))
    assert spanning.value("grp:3plus") == 3 and spanning.value("fu:visits") == 4  # last year's case counts here
