"""The report on PostgreSQL (a township or county hub): every figure and its cases as on SQLite.

Needs the throwaway server of ``pg_server`` (``-m postgres``); the fenced facts subquery, the outcome's
``CASE`` and the month extraction are the parts where the two databases could differ.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from pg_server import POSTGRESQL, database_url_for

from mediation_desktop.paths import DataPaths
from mediation_desktop.reports import statistics
from mediation_desktop.reports.figures import FIGURES
from mediation_desktop.reports.ledger import ledger_rows
from mediation_desktop.reports.periods import Basis, parse_period
from mediation_desktop.services.accounts import authenticate
from mediation_desktop.services.setup import initialise
from mediation_desktop.storage.database import Database, open_database

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_dataset(tmp_path, village, build_dataset) -> Iterator[tuple[Database, Any]]:
    url = database_url_for(POSTGRESQL)
    assert url is not None
    db = open_database(DataPaths(tmp_path / "pg"), url)
    assert db.is_postgresql
    initialise(db, village)
    built = build_dataset(db, authenticate(db, village.admin_username, village.admin_password))
    yield db, built
    db.dispose()


def test_every_figure_on_postgresql_matches_an_independent_count(pg_dataset, independent, dataset):
    db, built = pg_dataset
    for spec, by in (("2026", "accepted"), ("2026-Q3", "closed"), ("2026-06-25..2026-08-10", "accepted")):
        period, basis = parse_period(spec), Basis(by)
        report = statistics.compute(db, period, basis)
        expected = independent(db, period.start, period.end, by)
        for f in FIGURES:
            ids, value = expected.get(f.key, (set(), 0))
            got = report.value(f.key)
            assert got == (Decimal(value).quantize(Decimal("0.01")) if f.measure == "amount" else value), f.key
            assert set(statistics.case_ids_for(db, period, basis, f.key)) == ids, (spec, f.key)
    q3 = statistics.case_ids_for(db, parse_period("2026-Q3"), Basis.ACCEPTED, "cases")
    q4 = statistics.case_ids_for(db, parse_period("2026-Q4"), Basis.ACCEPTED, "cases")
    assert built.boundary["q3_last"] in q3 and built.boundary["q3_last"] not in q4
    assert built.boundary["q4_first"] in q4 and built.boundary["q4_first"] not in q3
    months = statistics.month_counts(db, parse_period("2026"))
    assert sum(n for _y, _m, n in months) == statistics.compute(db, parse_period("2026")).value("cases")
    # the same services on both databases give the same ledger outcomes
    assert [r["outcome"] for r in ledger_rows(db)] == [r["outcome"] for r in ledger_rows(dataset.db)]
