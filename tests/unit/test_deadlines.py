"""Due dates: month arithmetic, the 30-day window, what a case has due."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediation_desktop.domain.deadlines import (
    DUE_KIND_LABELS_EN,
    DUE_KIND_LABELS_ZH,
    JUDICIAL_CONFIRMATION_DAYS,
    CaseDueInput,
    DueItem,
    DueKind,
    add_months,
    due_items,
    judicial_confirmation_deadline,
    overlong_since,
)
from mediation_desktop.domain.lifecycle import CLOSED_STATUSES, OPEN_STATUSES, CaseStatus

D = date


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2024, 3, 31), -1, D(2024, 2, 29)),
        (D(2023, 3, 31), -1, D(2023, 2, 28)),
        (D(2024, 8, 31), 1, D(2024, 9, 30)),
        (D(2024, 12, 15), 1, D(2025, 1, 15)),
        (D(2024, 1, 15), -1, D(2023, 12, 15)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2024, 5, 10), 0, D(2024, 5, 10)),
        (D(2024, 5, 31), -25, D(2022, 4, 30)),
        (D(2024, 10, 31), 14, D(2025, 12, 31)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_add_months_out_of_range() -> None:
    with pytest.raises(OverflowError):
        add_months(D(9999, 12, 1), 1)
    with pytest.raises(OverflowError):
        add_months(D(1, 1, 1), -1)


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)), st.integers(-600, 600))
def test_add_months_properties(start: date, months: int) -> None:
    moved = add_months(start, months)
    assert (moved.year * 12 + moved.month) - (start.year * 12 + start.month) == months
    assert moved.day <= start.day
    if moved.day < start.day:  # clamped: it must be the last day of its month
        assert (moved + timedelta(days=1)).day == 1
    if start.day <= 28:
        assert add_months(moved, -months) == start


def test_judicial_confirmation_window() -> None:
    assert JUDICIAL_CONFIRMATION_DAYS == 30
    assert judicial_confirmation_deadline(D(2024, 1, 1)) == D(2024, 1, 31)
    assert judicial_confirmation_deadline(D(2024, 2, 1)) == D(2024, 3, 2)
    assert judicial_confirmation_deadline(D(2023, 2, 1)) == D(2023, 3, 3)
    assert judicial_confirmation_deadline(D(2024, 12, 15)) == D(2025, 1, 14)


def test_overlong_since() -> None:
    assert overlong_since(D(2024, 1, 31)) == D(2024, 2, 29)
    assert overlong_since(D(2024, 3, 10)) == D(2024, 4, 10)


@pytest.mark.parametrize(
    ("offset", "state"),
    [(-30, "overdue"), (-1, "overdue"), (0, "due_soon"), (1, "due_soon"), (7, "due_soon"), (8, "upcoming")],
)
def test_due_item_state(offset: int, state: str) -> None:
    today = D(2024, 6, 15)
    item = DueItem(DueKind.FOLLOW_UP, today + timedelta(days=offset), "c1", "回访")
    assert item.state(today) == state
    assert item.days_left(today) == offset


BASE = CaseDueInput(
    case_key="case-1",
    status=CaseStatus.MEDIATING,
    accepted_on=D(2024, 3, 1),
    agreement_effective_on=None,
    performance_deadline=None,
    performance_done=False,
    judicial_confirmation_applied=False,
    last_follow_up_on=None,
    follow_up_count=0,
    escalation_risk=False,
)


def kinds(items: list[DueItem]) -> list[tuple[DueKind, date]]:
    return [(item.kind, item.due_on) for item in items]


def test_open_case_is_overlong_after_a_month() -> None:
    items = due_items(BASE)
    assert kinds(items) == [(DueKind.OVERLONG, D(2024, 4, 1))]
    assert items[0].case_key == "case-1"
    assert items[0].label_zh == DUE_KIND_LABELS_ZH[DueKind.OVERLONG]
    assert due_items(replace(BASE, accepted_on=None)) == []


@pytest.mark.parametrize("status", sorted(OPEN_STATUSES))
def test_every_open_status_counts_as_overlong(status: CaseStatus) -> None:
    assert DueKind.OVERLONG in [item.kind for item in due_items(replace(BASE, status=status))]


@pytest.mark.parametrize("status", sorted(CLOSED_STATUSES))
def test_closed_statuses_are_not_overlong_nor_escalating(status: CaseStatus) -> None:
    items = due_items(replace(BASE, status=status, escalation_risk=True))
    assert not {DueKind.OVERLONG, DueKind.ESCALATION_RISK} & {item.kind for item in items}


AGREED = replace(
    BASE,
    status=CaseStatus.AGREED,
    agreement_effective_on=D(2024, 3, 20),
    performance_deadline=D(2024, 5, 31),
)


def test_agreed_case_items() -> None:
    assert kinds(due_items(AGREED)) == [
        (DueKind.FOLLOW_UP, D(2024, 4, 4)),
        (DueKind.JUDICIAL_CONFIRMATION, D(2024, 4, 19)),
        (DueKind.PERFORMANCE, D(2024, 5, 31)),
    ]


def test_first_follow_up_after_early_deadline() -> None:
    case = replace(AGREED, performance_deadline=D(2024, 3, 25))
    assert (DueKind.FOLLOW_UP, D(2024, 3, 26)) in kinds(due_items(case))
    assert (DueKind.FOLLOW_UP, D(2024, 3, 26)) in kinds(due_items(case, follow_up_after_days=21))
    later = replace(AGREED, performance_deadline=D(2024, 4, 30))
    assert (DueKind.FOLLOW_UP, D(2024, 4, 10)) in kinds(due_items(later, follow_up_after_days=21))
    assert (DueKind.FOLLOW_UP, D(2024, 3, 23)) in kinds(due_items(case, follow_up_after_days=3))


def test_first_follow_up_without_deadline() -> None:
    case = replace(AGREED, performance_deadline=None)
    assert kinds(due_items(case)) == [
        (DueKind.FOLLOW_UP, D(2024, 4, 4)),
        (DueKind.JUDICIAL_CONFIRMATION, D(2024, 4, 19)),
    ]


def test_applied_and_performed_cases_drop_items() -> None:
    case = replace(AGREED, judicial_confirmation_applied=True, performance_done=True)
    assert kinds(due_items(case)) == [(DueKind.FOLLOW_UP, D(2024, 4, 4))]
    visited = replace(case, follow_up_count=1, last_follow_up_on=D(2024, 4, 2))
    assert due_items(visited) == []


def test_repeat_follow_up_while_performance_outstanding() -> None:
    overdue = replace(
        AGREED,
        judicial_confirmation_applied=True,
        performance_deadline=D(2024, 4, 1),
        follow_up_count=1,
        last_follow_up_on=D(2024, 4, 10),
    )
    assert kinds(due_items(overdue)) == [(DueKind.PERFORMANCE, D(2024, 4, 1)), (DueKind.FOLLOW_UP, D(2024, 4, 25))]
    early = replace(overdue, performance_deadline=D(2024, 6, 30), last_follow_up_on=D(2024, 4, 1))
    assert (DueKind.FOLLOW_UP, D(2024, 7, 1)) in kinds(due_items(early))


def test_items_only_for_agreed_status() -> None:
    for status in (CaseStatus.PERFORMED, CaseStatus.ARCHIVED, CaseStatus.FAILED):
        assert due_items(replace(AGREED, status=status)) == []


def test_escalation_risk() -> None:
    case = replace(BASE, escalation_risk=True)
    assert kinds(due_items(case)) == [(DueKind.ESCALATION_RISK, D(2024, 3, 1)), (DueKind.OVERLONG, D(2024, 4, 1))]
    registered = replace(case, status=CaseStatus.REGISTERED, accepted_on=None, registered_on=D(2024, 2, 27))
    assert kinds(due_items(registered)) == [(DueKind.ESCALATION_RISK, D(2024, 2, 27))]
    undated = replace(registered, registered_on=None)
    (item,) = due_items(undated)
    assert item.kind is DueKind.ESCALATION_RISK and item.state(D(2024, 1, 1)) == "overdue"


def test_sorted_and_labelled() -> None:
    case = replace(AGREED, performance_deadline=D(2024, 4, 19))
    items = due_items(case)
    assert [item.due_on for item in items] == sorted(item.due_on for item in items)
    assert all(item.label_zh == DUE_KIND_LABELS_ZH[item.kind] for item in items)
    assert set(DUE_KIND_LABELS_ZH) == set(DUE_KIND_LABELS_EN) == set(DueKind)


def test_follow_up_days_must_be_positive() -> None:
    with pytest.raises(ValueError):
        due_items(AGREED, follow_up_after_days=0)


def test_the_confirmation_window_is_listed_from_the_day_the_agreement_takes_effect():
    """Art. 33: the parties may apply together within 30 days of the agreement taking effect, so 待办 lists the
    window for all of them (then a week as lapsed), not only its last week."""
    from mediation_desktop.domain.deadlines import judicial_confirmation_listed

    signed = D(2024, 3, 20)
    assert not judicial_confirmation_listed(signed, D(2024, 3, 19))
    assert all(judicial_confirmation_listed(signed, signed + timedelta(days=n)) for n in range(0, 38))
    assert not judicial_confirmation_listed(signed, signed + timedelta(days=38))
    assert judicial_confirmation_listed(D.max - timedelta(days=3), D.max)  # (old data at the calendar's end)
