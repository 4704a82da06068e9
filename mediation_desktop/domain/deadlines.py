"""What is due on a case (待办): follow-ups, performance, judicial confirmation, overlong cases.

Pure functions over plain inputs. :func:`due_items` never looks at the clock: it returns every
item a case has, dated; the caller decides with :meth:`DueItem.state` what to show today.

Legal basis: 人民调解法 art. 31 (the committee supervises performance → 回访), art. 33 (judicial
confirmation may be applied for within 30 days of the agreement taking effect), art. 25 (disputes
at risk of escalation must be reported promptly); the 2002 rules (a mediation usually concludes
within one month).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Literal

from .lifecycle import OPEN_STATUSES, CaseStatus

__all__ = [
    "DEFAULT_FOLLOW_UP_AFTER_DAYS",
    "DUE_KIND_LABELS_EN",
    "DUE_KIND_LABELS_ZH",
    "DUE_SOON_DAYS",
    "JUDICIAL_CONFIRMATION_DAYS",
    "JUDICIAL_CONFIRMATION_LAPSED_DAYS",
    "CaseDueInput",
    "DueItem",
    "DueKind",
    "DueState",
    "add_months",
    "due_items",
    "instalment_due",
    "judicial_confirmation_deadline",
    "judicial_confirmation_listed",
    "overlong_since",
]

JUDICIAL_CONFIRMATION_DAYS = 30
JUDICIAL_CONFIRMATION_LAPSED_DAYS = 7
"""Days the today view still shows a judicial-confirmation window that closed with no application (as lapsed: the
mediator learns it lapsed, rather than seeing the reminder vanish)."""
DUE_SOON_DAYS = 7
DEFAULT_FOLLOW_UP_AFTER_DAYS = 15

DueState = Literal["overdue", "due_soon", "upcoming"]


class DueKind(StrEnum):
    """The kind of thing that falls due."""

    FOLLOW_UP = "follow_up"  # 回访
    PERFORMANCE = "performance"  # 履行期限
    JUDICIAL_CONFIRMATION = "judicial_confirmation"  # 司法确认申请期限
    OVERLONG = "overlong"  # 超期未结（超过一个月）
    ESCALATION_RISK = "escalation_risk"  # 激化风险


DUE_KIND_LABELS_ZH: dict[DueKind, str] = {
    DueKind.FOLLOW_UP: "回访",
    DueKind.PERFORMANCE: "履行期限届满",
    DueKind.JUDICIAL_CONFIRMATION: "申请司法确认期限（协议生效后30日内）",
    DueKind.OVERLONG: "调解超过一个月未结",
    DueKind.ESCALATION_RISK: "有激化风险，须及时报告",
}

DUE_KIND_LABELS_EN: dict[DueKind, str] = {
    DueKind.FOLLOW_UP: "Follow-up visit",
    DueKind.PERFORMANCE: "Performance deadline",
    DueKind.JUDICIAL_CONFIRMATION: "Judicial confirmation window (30 days after the agreement)",
    DueKind.OVERLONG: "Mediation open for over a month",
    DueKind.ESCALATION_RISK: "Risk of escalation: report promptly",
}

_KIND_ORDER = {kind: i for i, kind in enumerate(DueKind)}


def add_months(d: date, months: int) -> date:
    """``d`` moved by ``months`` (may be negative), clamped to the month's last day."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    if not 1 <= year <= 9999:
        raise OverflowError(f"date out of range: {d} + {months} months")
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _later(d: date, by: timedelta) -> date:
    """``d + by``, or the last day there is (a day near 9999-12-31 in old data must not stop the today view)."""
    try:
        return d + by
    except OverflowError:
        return date.max


def judicial_confirmation_deadline(effective_on: date) -> date:
    """Last day to apply for 司法确认: 30 days after the agreement takes effect (art. 33)."""
    return _later(effective_on, timedelta(days=JUDICIAL_CONFIRMATION_DAYS))


def judicial_confirmation_listed(effective_on: date, today: date) -> bool:
    """Whether 待办 lists the 司法确认 window of an agreement that took effect on ``effective_on``.

    From the day the agreement takes effect: the 30 days are the parties' window to apply together (art. 33), not a
    deadline that only matters in its last week, so the mediator tells them of it, with the days left, from the
    start. Still listed for a week after its last day when nobody applied (lapsed: the mediator learns it lapsed,
    rather than seeing the reminder vanish); then no more, since nothing can be done.
    """
    if effective_on > today:
        return False
    return _later(effective_on, timedelta(days=JUDICIAL_CONFIRMATION_DAYS + JUDICIAL_CONFIRMATION_LAPSED_DAYS)) >= today


def overlong_since(accepted_on: date) -> date:
    """The day a case accepted on ``accepted_on`` becomes overlong (one month later)."""
    try:
        return add_months(accepted_on, 1)
    except OverflowError:  # (old data from before days were kept within 1900–2100)
        return date.max


@dataclass(frozen=True)
class DueItem:
    """One dated thing to do on a case; ``case_key`` is whatever the caller identifies cases by."""

    kind: DueKind
    due_on: date
    case_key: str
    label_zh: str

    def days_left(self, today: date) -> int:
        """Days from ``today`` to ``due_on`` (negative when overdue)."""
        return (self.due_on - today).days

    def state(self, today: date) -> DueState:
        """``overdue`` before today, ``due_soon`` within 7 days (inclusive), else ``upcoming``."""
        days = self.days_left(today)
        if days < 0:
            return "overdue"
        if days <= DUE_SOON_DAYS:
            return "due_soon"
        return "upcoming"


@dataclass(frozen=True)
class CaseDueInput:
    """The facts about one case that decide what is due.

    ``registered_on`` (登记日期) only dates an escalation-risk item of a case not yet accepted.
    """

    case_key: str
    status: CaseStatus
    accepted_on: date | None
    agreement_effective_on: date | None
    performance_deadline: date | None
    performance_done: bool
    judicial_confirmation_applied: bool
    last_follow_up_on: date | None
    follow_up_count: int
    escalation_risk: bool
    registered_on: date | None = None
    # 分期履行: the days of the agreement's terms that carry their own 履行期限 (``domain.instalments``)
    instalment_days: tuple[date, ...] = ()

    @property
    def deadline_due(self) -> date | None:
        """The 履行期限 that is due now: the agreement's own, or with instalments the one the next 回访 looks at
        (:func:`instalment_due` over the terms' days and the agreement's own)."""
        if not self.instalment_days:
            return self.performance_deadline
        days = {*self.instalment_days, *([self.performance_deadline] if self.performance_deadline else [])}
        return instalment_due(sorted(days), self.last_follow_up_on if self.follow_up_count else None)


def instalment_due(days: list[date], last_visit: date | None) -> date | None:
    """分期履行: the instalment 待办 lists — the first day after the last 回访 (a visit checks what fell due by its
    day: the instalments before it were looked at then), the first day when there was no visit; once the last visit
    is past every day and performance is still not complete, the last day (overdue). ``days`` sorted; None if none."""
    if not days:
        return None
    return next((day for day in days if last_visit is None or day > last_visit), days[-1])


def _item(case: CaseDueInput, kind: DueKind, due_on: date) -> DueItem:
    return DueItem(kind, due_on, case.case_key, DUE_KIND_LABELS_ZH[kind])


def _follow_up(case: CaseDueInput, every: timedelta) -> date | None:
    """When the next 回访 is due on an agreed case, or None."""
    effective = case.agreement_effective_on
    deadline = case.deadline_due
    if case.follow_up_count == 0:
        if effective is None:
            return None
        first = _later(effective, every)
        return min(first, _later(deadline, timedelta(days=1))) if deadline is not None else first
    if case.performance_done or deadline is None:
        return None
    last = case.last_follow_up_on or effective
    if last is None:
        return None
    # Performance still outstanding: visit again every N days, but not before the deadline passed.
    return max(_later(last, every), _later(deadline, timedelta(days=1)))


def due_items(case: CaseDueInput, *, follow_up_after_days: int = DEFAULT_FOLLOW_UP_AFTER_DAYS) -> list[DueItem]:
    """Every dated item of ``case``, sorted by due date (then kind).

    * open case with an acceptance date → OVERLONG one month after acceptance;
    * agreed, effective, not applied → JUDICIAL_CONFIRMATION 30 days after taking effect;
    * agreed, deadline set, not performed → PERFORMANCE on the deadline (分期履行: the instalment due now,
      :func:`instalment_due`; the follow-ups below count from it too);
    * agreed, effective, no follow-up yet → FOLLOW_UP N days after taking effect, or the day after
      the performance deadline if that is earlier;
    * agreed, follow-ups done, not performed, deadline set → FOLLOW_UP N days after the last
      visit, but not before the day after the deadline;
    * open case flagged 激化风险 → ESCALATION_RISK dated at acceptance (or registration; if
      neither is known, ``date.min`` so it sorts first and is always overdue).
    """
    if follow_up_after_days < 1:
        raise ValueError("follow_up_after_days must be at least 1")
    items: list[DueItem] = []
    is_open = case.status in OPEN_STATUSES
    if is_open and case.accepted_on is not None:
        items.append(_item(case, DueKind.OVERLONG, overlong_since(case.accepted_on)))
    if case.status == CaseStatus.AGREED:
        effective = case.agreement_effective_on
        if effective is not None and not case.judicial_confirmation_applied:
            deadline = judicial_confirmation_deadline(effective)
            items.append(_item(case, DueKind.JUDICIAL_CONFIRMATION, deadline))
        due = case.deadline_due
        if due is not None and not case.performance_done:
            items.append(_item(case, DueKind.PERFORMANCE, due))
        follow_up = _follow_up(case, timedelta(days=follow_up_after_days))
        if follow_up is not None:
            items.append(_item(case, DueKind.FOLLOW_UP, follow_up))
    if is_open and case.escalation_risk:
        since = case.accepted_on or case.registered_on or date.min
        items.append(_item(case, DueKind.ESCALATION_RISK, since))
    items.sort(key=lambda item: (item.due_on, _KIND_ORDER[item.kind]))
    return items
