"""Reporting periods: every kind, the boundaries, and clear refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from mediation_desktop.errors import MediationError
from mediation_desktop.reports.periods import Basis, parse_basis, parse_period

D = dt.date


@pytest.mark.parametrize(("spec", "start", "end", "label"), [
    ("2026", D(2026, 1, 1), D(2026, 12, 31), "2026年"),
    ("2026-H1", D(2026, 1, 1), D(2026, 6, 30), "2026年上半年"),
    ("2026-h2", D(2026, 7, 1), D(2026, 12, 31), "2026年下半年"),
    ("2026-Q1", D(2026, 1, 1), D(2026, 3, 31), "2026年第一季度"),
    ("2026-Q3", D(2026, 7, 1), D(2026, 9, 30), "2026年第三季度"),
    ("2026-Q4", D(2026, 10, 1), D(2026, 12, 31), "2026年第四季度"),
    ("2028-02", D(2028, 2, 1), D(2028, 2, 29), "2028年2月"),
    ("2026-9", D(2026, 9, 1), D(2026, 9, 30), "2026年9月"),
    ("2026-12", D(2026, 12, 1), D(2026, 12, 31), "2026年12月"),
    ("2026-01-01..2026-03-31", D(2026, 1, 1), D(2026, 3, 31), "2026年1月1日至2026年3月31日"),
    ("２０２６－Ｑ３", D(2026, 7, 1), D(2026, 9, 30), "2026年第三季度"),
])
def test_every_kind_of_period(spec, start, end, label):
    p = parse_period(spec)
    assert (p.start, p.end, p.label_zh()) == (start, end, label)
    assert p.end_exclusive == end + dt.timedelta(days=1)


def test_months_of_a_period_cross_the_year():
    assert parse_period("2025-11-15..2026-02-01").months() == [(2025, 11), (2025, 12), (2026, 1), (2026, 2)]


@pytest.mark.parametrize("spec", ["2026-Q5", "2026-13", "2026-H3", "Q3", "2026-02-30..2026-03-01", "", "去年"])
def test_a_period_that_cannot_be_read_is_refused_in_chinese(spec):
    with pytest.raises(MediationError) as err:
        parse_period(spec)
    assert err.value.key == "report.period"
    assert "看不懂" in str(err.value)


def test_a_range_backwards_is_refused():
    with pytest.raises(MediationError) as err:
        parse_period("2026-03-31..2026-01-01")
    assert err.value.key == "report.period_order"


def test_basis():
    assert parse_basis("closed") == Basis.CLOSED
    with pytest.raises(MediationError):
        parse_basis("signed")
