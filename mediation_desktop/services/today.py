"""待办 (the today view): what is due on the committee's cases, by the rules of ``domain.deadlines``.

The rules are computed by the database (SQLite and PostgreSQL alike), not case by case in Python: a hub holds
hundreds of thousands of watched cases and a quarter of a million items, and a clerk needs the counts by kind
and state and the most urgent items first, a page at a time. ``domain.deadlines.due_items`` stays the
definition; the statement here gives exactly its items (the tests compare the two over demo data and
Hypothesis' dates on both databases):

* which items are shown (``_shown``: due within a week, the confirmation window from the day the agreement took
  effect until a week after it lapsed, …) is decided
  by comparing the stored dates with bounds worked out here in Python (``due = stored + n days <= today + 7``
  is ``stored <= today + 7 - n``; one month after acceptance through :func:`_last_accepted_overlong_by`), so
  the comparisons are exact, month ends and leap days included, and need no date arithmetic in SQL;
* the due dates themselves (shown and sorted by) are worked out by the database with the same arithmetic:
  ``_later`` (days added, the last day there is on overflow) and ``add_months`` (one month, clamped to the
  month's last day) are written per engine (:class:`_PlusDays`, :class:`_PlusMonth`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    Date,
    DateTime,
    Integer,
    Interval,
    String,
    and_,
    case,
    func,
    literal,
    literal_column,
    null,
    or_,
    select,
    true,
    type_coerce,
    union_all,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

from mediation_desktop.domain.china_time import china_today
from mediation_desktop.domain.deadlines import (
    DUE_KIND_LABELS_ZH,
    DUE_SOON_DAYS,
    JUDICIAL_CONFIRMATION_DAYS,
    JUDICIAL_CONFIRMATION_LAPSED_DAYS,
    DueKind,
    DueState,
    add_months,
)
from mediation_desktop.domain.enums import AgreementStatus, Performance
from mediation_desktop.domain.lifecycle import OPEN_STATUSES, CaseStatus
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.today_instalments import deadline_due
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Agreement, Case, FollowUp, Setting

IMPORTED_ON = "ledger_imported_on"
"""The key of ``Case.extra`` a case brought in from an old ledger holds: the day (ISO) it was imported. Its
reminders that fell due before that day are history, not work: the view lists none of them (a risk of
escalation apart); what falls due after it (a follow-up after a later visit) is listed as for any case."""

FROM_LEDGER = "ledger_fingerprint"
"""The key every case brought in from a ledger holds (``reports.ledger_import``), those imported before the import
day was written with them included: for those, the day the case row was made (China's calendar) is the day it was
imported, since the import makes the row."""

PAGE_SIZE = 200
"""Items read at a time for the view (the most urgent first; the next page on demand)."""

STATES: tuple[DueState, ...] = ("overdue", "due_soon", "upcoming")
_KIND_ORDER = {kind: i for i, kind in enumerate(DueKind)}  # (as ``due_items`` orders one case's items)


@dataclass(frozen=True)
class TodayItem:
    """One line of the today view."""

    case_id: uuid.UUID
    case_no: str
    title: str
    kind: DueKind
    label_zh: str
    due_on: dt.date
    state: str  # overdue / due_soon / upcoming

    def days_left(self, today: dt.date) -> int:
        return (self.due_on - today).days


@dataclass(frozen=True)
class TodayPage:
    """What the today view shows: the counts by kind and state over every item, and one page of the items in
    the view's order (the most urgent first) starting at ``offset``."""

    today: dt.date
    counts: dict[tuple[DueKind, str], int]
    items: list[TodayItem]
    offset: int = 0
    total: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "total", sum(self.counts.values()))

    def count(self, kind: DueKind | None = None, state: str | None = None) -> int:
        """Items of ``kind`` (any when None) in ``state`` (any when None)."""
        return sum(n for (k, s), n in self.counts.items() if kind in (None, k) and state in (None, s))

    @property
    def overdue(self) -> int:
        return self.count(state="overdue")

    @property
    def more(self) -> bool:
        """Items after this page."""
        return self.offset + len(self.items) < self.total


# --- date arithmetic per engine ------------------------------------------------------------------------------

class _PlusDays(FunctionElement[dt.date]):
    """``date + n days`` (``n`` a whole number known here; the caller keeps the result within 9999-12-31)."""

    type = Date()
    inherit_cache = True
    name = "plus_days"

    def __init__(self, value: ColumnElement[Any], days: int) -> None:
        # (written out, not bound: the number is part of the statement's text and so of its cache key)
        super().__init__(value, literal_column(str(int(days)), Integer))


class _PlusMonth(FunctionElement[dt.date]):
    """``date + 1 month``, clamped to the month's last day (31 January → 28 or 29 February), as ``add_months``."""

    type = Date()
    inherit_cache = True
    name = "plus_month"


@compiles(_PlusDays, "postgresql")
def _plus_days_pg(element: _PlusDays, compiler: SQLCompiler, **kw: Any) -> str:
    value, days = list(element.clauses)
    return f"({compiler.process(value, **kw)} + {compiler.process(days, **kw)})"


@compiles(_PlusDays, "sqlite")
def _plus_days_sqlite(element: _PlusDays, compiler: SQLCompiler, **kw: Any) -> str:
    value, days = list(element.clauses)
    return f"date({compiler.process(value, **kw)}, '+{compiler.process(days, **kw)} days')"


@compiles(_PlusMonth, "postgresql")
def _plus_month_pg(element: _PlusMonth, compiler: SQLCompiler, **kw: Any) -> str:
    # PostgreSQL's month arithmetic clamps to the month's end, as add_months does
    return f"CAST({compiler.process(element.clauses, **kw)} + INTERVAL '1 month' AS DATE)"


@compiles(_PlusMonth, "sqlite")
def _plus_month_sqlite(element: _PlusMonth, compiler: SQLCompiler, **kw: Any) -> str:
    # SQLite's '+1 month' overflows into the month after (31 January → 3 March): the same day of the next month,
    # counted from its first day, or that month's last day, whichever is earlier (ISO dates sort as text)
    value = compiler.process(element.clauses, **kw)
    day = f"(CAST(strftime('%d', {value}) AS INTEGER) - 1)"
    same_day = f"date({value}, 'start of month', '+1 month', '+' || {day} || ' days')"
    last_day = f"date({value}, 'start of month', '+2 months', '-1 day')"
    return f"min({same_day}, {last_day})"


def _shift(day: dt.date, days: int) -> dt.date | None:
    """``day + days``, or None when out of the range of dates."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def _later(value: ColumnElement[Any], days: int) -> ColumnElement[Any]:
    """``deadlines._later`` in SQL: ``value + days``, or the last day there is."""
    last = _shift(dt.date.max, -days)
    if last is None:
        return literal(dt.date.max, Date)
    return case((value > literal(last, Date), literal(dt.date.max, Date)), else_=_PlusDays(value, days))


def _overlong_since(accepted: ColumnElement[Any]) -> ColumnElement[Any]:
    """``deadlines.overlong_since`` in SQL: one month after acceptance (the last day there is from December 9999)."""
    return case((accepted >= literal(dt.date(9999, 12, 1), Date), literal(dt.date.max, Date)),
                else_=_PlusMonth(accepted))


def _least(a: ColumnElement[Any], b: ColumnElement[Any], dialect: str) -> ColumnElement[Any]:
    return func.min(a, b, type_=Date) if dialect == "sqlite" else func.least(a, b, type_=Date)


def _greatest(a: ColumnElement[Any], b: ColumnElement[Any], dialect: str) -> ColumnElement[Any]:
    return func.max(a, b, type_=Date) if dialect == "sqlite" else func.greatest(a, b, type_=Date)


def _iso_day(day: ColumnElement[Any], dialect: str) -> ColumnElement[Any]:
    """A date as its ISO text (compared as text with a day written in ``Case.extra``: never a failing cast)."""
    return day if dialect == "sqlite" else func.to_char(day, "YYYY-MM-DD", type_=String)


def _last_accepted_overlong_by(last_day: dt.date) -> dt.date | None:
    """The last acceptance day whose ``overlong_since`` is on or before ``last_day`` (None: no such day).
    ``add_months`` never goes down as the day goes up, so these days are exactly those up to this one."""
    try:
        day = add_months(last_day, -1)
    except OverflowError:
        return None
    if add_months(day, 1) > last_day:  # (cannot happen: clamping only moves a day back)
        return None
    while day < dt.date(9999, 11, 30) and add_months(day + dt.timedelta(days=1), 1) <= last_day:
        day += dt.timedelta(days=1)  # 28 February ← 28, 29, 30 and 31 January
    return day


# --- the statement ------------------------------------------------------------------------------------------

def _imported_on(dialect: str) -> ColumnElement[Any]:
    """The ISO day a case was brought in from a ledger (NULL for any other case): the day the import wrote, or for
    a case imported before it wrote one, the China day of its row's making."""
    made = (func.date(Case.created_at, "+8 hours", type_=String) if dialect == "sqlite" else
            func.to_char(type_coerce(Case.created_at, DateTime) + literal(dt.timedelta(hours=8), Interval),
                         "YYYY-MM-DD", type_=String))
    return func.coalesce(Case.extra[IMPORTED_ON].as_string(),
                         case((Case.extra[FROM_LEDGER].as_string().is_not(None), made)), type_=String)


def _watched_cases(watched: list[CaseStatus], visible: Any, dialect: str) -> Any:
    """One statement for the whole view: the watched cases, each with the newest signed version of its
    agreement (its ``performance_deadline``: the one due now, an instalment's with 分期履行) and the count and last
    day of its follow-up visits (agreed cases only: nothing else uses them), joined by the database (grouped once,
    not looked up case by case or in chunks of ids)."""
    agreed = select(Case.id).where(Case.deleted_at.is_(None), Case.status == CaseStatus.AGREED, visible)
    newest = (select(Agreement.case_id, Agreement.effective_on, Agreement.performance_deadline,
                     Agreement.term_deadlines, Agreement.performance, Agreement.confirmation_applied_on,
                     func.row_number().over(partition_by=Agreement.case_id,
                                            order_by=(Agreement.version.desc(), Agreement.id.desc())).label("rank"))
              .where(Agreement.case_id.in_(agreed), Agreement.status == AgreementStatus.SIGNED,
                     Agreement.deleted_at.is_(None))
              .subquery())
    visits = (select(FollowUp.case_id, func.count().label("n_visits"),
                     func.max(FollowUp.visited_on).label("last_visit"))
              .where(FollowUp.case_id.in_(agreed), FollowUp.deleted_at.is_(None))
              .group_by(FollowUp.case_id).subquery())
    instalment, deadline = deadline_due(newest, visits, dialect)  # (分期履行: the instalment due now)
    return (select(Case.id, Case.case_no, Case.title, Case.status, Case.accepted_on, Case.registered_on,
                   Case.escalation_risk, newest.c.effective_on, deadline.label("performance_deadline"),
                   newest.c.performance, newest.c.confirmation_applied_on, visits.c.n_visits, visits.c.last_visit,
                   _imported_on(dialect).label("imported_on"))
            .outerjoin(newest, and_(newest.c.case_id == Case.id, newest.c.rank == 1))
            .outerjoin(visits, visits.c.case_id == Case.id)
            .outerjoin(instalment, instalment.c.case_id == Case.id)
            .where(Case.deleted_at.is_(None), Case.status.in_(watched), visible))


def _at_most(value: ColumnElement[Any], bound: dt.date | None) -> ColumnElement[bool]:
    """``value <= bound``; a bound below the first day there is holds for no value."""
    return value <= literal(bound, Date) if bound is not None else literal(False)


def _items_statement(today: dt.date, every: int, visible: Any, dialect: str) -> Any:
    """Every shown item (``_shown`` of ``due_items`` on every watched case) as rows of (case id, case no, title,
    kind, kind's order, due date, the first sort key: 0 for a risk of escalation)."""
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)  # (the old path computed it too: same range of todays)
    open_statuses = sorted(OPEN_STATUSES)
    w = _watched_cases([*open_statuses, CaseStatus.AGREED], visible, dialect).cte("watched")
    is_open, agreed = w.c.status.in_(open_statuses), w.c.status == CaseStatus.AGREED
    effective, deadline, visits = w.c.effective_on, w.c.performance_deadline, func.coalesce(w.c.n_visits, 0)
    not_done = or_(w.c.performance.is_(None), w.c.performance != Performance.DONE)

    def part(kind: DueKind, due: ColumnElement[Any], *where: ColumnElement[bool]) -> Any:
        if kind != DueKind.ESCALATION_RISK:  # (a case from an old ledger: nothing due before it was imported)
            where = (*where, or_(w.c.imported_on.is_(None), _iso_day(due, dialect) >= w.c.imported_on))
        return select(w.c.id.label("case_id"), w.c.case_no, w.c.title, literal(kind.value, String).label("kind"),
                      literal(_KIND_ORDER[kind], Integer).label("kind_order"), due.label("due_on"),
                      literal(0 if kind == DueKind.ESCALATION_RISK else 1, Integer).label("urgent_last")
                      ).where(*where)

    # the window is shown from the day the agreement takes effect until a week after its last day (lapsed: not
    # applied for): ``deadlines.judicial_confirmation_listed``
    judicial_from = _shift(today, -JUDICIAL_CONFIRMATION_DAYS - JUDICIAL_CONFIRMATION_LAPSED_DAYS)
    first_visit = _later(effective, every)
    after_deadline = _later(deadline, 1)
    last_visit = func.coalesce(w.c.last_visit, effective)
    parts = [
        part(DueKind.OVERLONG, _overlong_since(w.c.accepted_on), is_open, w.c.status != CaseStatus.SUSPENDED,
             w.c.accepted_on.is_not(None), _at_most(w.c.accepted_on, _last_accepted_overlong_by(soon))),
        part(DueKind.JUDICIAL_CONFIRMATION, _later(effective, JUDICIAL_CONFIRMATION_DAYS), agreed,
             effective.is_not(None), w.c.confirmation_applied_on.is_(None),
             effective >= literal(judicial_from, Date) if judicial_from is not None else true(),
             _at_most(effective, today)),
        part(DueKind.PERFORMANCE, deadline, agreed, deadline.is_not(None), not_done, deadline <= literal(soon, Date)),
        part(DueKind.FOLLOW_UP,  # no visit yet: N days after taking effect, or the day after the deadline if earlier
             case((deadline.is_(None), first_visit), else_=_least(first_visit, after_deadline, dialect)),
             agreed, visits == 0, effective.is_not(None),
             or_(_at_most(effective, _shift(soon, -every)),
                 and_(deadline.is_not(None), _at_most(deadline, _shift(soon, -1))))),
        part(DueKind.FOLLOW_UP,  # visited, not performed: N days after the last visit, not before the deadline passed
             _greatest(_later(last_visit, every), after_deadline, dialect),
             agreed, visits > 0, not_done, deadline.is_not(None), last_visit.is_not(None),
             _at_most(last_visit, _shift(soon, -every)), _at_most(deadline, _shift(soon, -1))),
        part(DueKind.ESCALATION_RISK, func.coalesce(w.c.accepted_on, w.c.registered_on, literal(dt.date.min, Date),
                                                    type_=Date),
             is_open, w.c.escalation_risk.is_(True)),
    ]
    return union_all(*parts).cte("due")


def _state(due: ColumnElement[Any], today: dt.date) -> ColumnElement[Any]:
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    return case((due < literal(today, Date), "overdue"), (due <= literal(soon, Date), "due_soon"), else_="upcoming")


def _setting_every(s: Any) -> int:
    setting = s.get(Setting, "follow_up_after_days")
    every = int(setting.value) if setting is not None else 15
    if every < 1:
        raise ValueError("follow_up_after_days must be at least 1")
    return every


def _ordered(rows: Any) -> tuple[Any, ...]:
    """The view's order: a risk of escalation first, then by due date and case number (one case's items on the
    same day by kind, as ``due_items`` orders them; the case's id last, so that pages never overlap)."""
    return rows.c.urgent_last, rows.c.due_on, rows.c.case_no, rows.c.kind_order, rows.c.case_id


def _item(case_id: Any, case_no: str, title: str, kind: str, due_on: dt.date, today: dt.date) -> TodayItem:
    days = (due_on - today).days
    state = "overdue" if days < 0 else "due_soon" if days <= DUE_SOON_DAYS else "upcoming"
    return TodayItem(case_id, case_no, title, DueKind(kind), DUE_KIND_LABELS_ZH[DueKind(kind)], due_on, state)


def view_statement(today: dt.date, every: int, visible: Any, dialect: str, *, limit: int | None = PAGE_SIZE,
                   offset: int = 0, counts: bool = True) -> Any:
    """The statement of :func:`today_view` (rows of a page item: ``state`` NULL, ``n`` its place; rows of a
    count: ``kind``, ``state`` and the count in ``n``)."""
    due = _items_statement(today, every, visible, dialect)
    page = (select(due.c.case_id, due.c.case_no, due.c.title, due.c.kind, due.c.due_on, due.c.urgent_last,
                   due.c.kind_order)
            .order_by(*_ordered(due)).offset(offset or None).limit(limit).subquery("page"))
    # (the rows' places numbered after the page is cut: a number over every item would sort them all in full)
    stmt: Any = select(page.c.case_id, page.c.case_no, page.c.title, page.c.kind, page.c.due_on,
                       literal(None, String).label("state"), func.row_number().over(order_by=_ordered(page)).label("n"))
    if counts:
        state = _state(due.c.due_on, today)
        stmt = union_all(stmt, select(null().label("case_id"), null(), null(), due.c.kind, null(), state,
                                      func.count()).group_by(due.c.kind, state))
    return stmt


def today_view(db: Database, *, today: dt.date | None = None, viewer: Actor | None = None,
               limit: int | None = PAGE_SIZE, offset: int = 0, counts: bool = True) -> TodayPage:
    """The today view of the cases ``viewer`` sees: the counts by kind and state of every item due today,
    overdue, or due within a week (a risk of escalation always), and ``limit`` of those items (all when None)
    from ``offset`` on, most urgent first (a risk of escalation, then by due date and case number).
    ``counts=False`` (a further page): the counts are left empty.

    One statement: the items are worked out once (a common table expression) and both the page and the
    counts read from it (the counts as rows of their own, without a case)."""
    from mediation_desktop.services.privacy import visible_clause

    today = today or china_today()
    with db.read_session() as s:
        stmt = view_statement(today, _setting_every(s), visible_clause(viewer), s.get_bind().dialect.name,
                              limit=limit, offset=offset, counts=counts)
        rows = s.execute(stmt).all()
    found = {(DueKind(r.kind), r.state): int(r.n) for r in rows if r.state is not None}
    items = [_item(r.case_id, r.case_no, r.title, r.kind, r.due_on, today)
             for r in sorted((r for r in rows if r.state is None), key=lambda r: r.n)]
    return TodayPage(today, found, items, offset)


def today_items(db: Database, *, today: dt.date | None = None, viewer: Actor | None = None) -> list[TodayItem]:
    """Every item due today, overdue, or due within a week, most urgent first (of the cases ``viewer`` sees)."""
    return today_view(db, today=today, viewer=viewer, limit=None, counts=False).items


__all__ = ["FROM_LEDGER", "IMPORTED_ON", "PAGE_SIZE", "STATES", "TodayItem", "TodayPage", "today_items", "today_view",
           "view_statement"]
