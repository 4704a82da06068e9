"""分期履行 in the today view (待办): the 履行期限 due now of an agreement whose terms carry their own days, worked out
by the database as ``domain.deadlines.instalment_due`` does it case by case.

Per watched agreement (the newest signed version of an agreed case) with days of its terms: the days (the terms',
read from the JSON list, and the agreement's own beside them), then the first one after the last 回访, else the last
one. The JSON list is read by each engine's own function (SQLite ``json_each``, PostgreSQL
``json_array_elements_text``); a value that is not a list (old data) gives no day.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Date, case, cast, func, literal_column, or_, select, true, type_coerce, union_all
from sqlalchemy.sql.elements import ColumnElement

__all__ = ["deadline_due"]


def _term_days(newest: Any, dialect: str) -> Any:
    """(case_id, day) for each day of a term of the agreements ``newest`` ranks first."""
    if dialect == "sqlite":
        each = func.json_each(newest.c.term_deadlines).table_valued("value", "type")
        return (select(newest.c.case_id, type_coerce(each.c.value, Date).label("day"))
                .select_from(newest).join(each, true()).where(newest.c.rank == 1, each.c.type == "text"))
    listed = case((func.json_typeof(newest.c.term_deadlines) == "array", newest.c.term_deadlines),
                  else_=literal_column("'[]'::json"))
    elements = func.json_array_elements_text(listed).table_valued("value").lateral()
    return (select(newest.c.case_id, cast(elements.c.value, Date).label("day"))
            .select_from(newest).join(elements, true()).where(newest.c.rank == 1, elements.c.value.is_not(None)))


def deadline_due(newest: Any, visits: Any, dialect: str) -> tuple[Any, ColumnElement[Any]]:
    """A subquery of the instalment due per case (to be outer-joined on ``case_id``), and the column of the 履行期限
    due now: that instalment, else the agreement's own deadline. ``newest``: the signed agreements with ``rank``
    (1: the newest of its case), ``performance_deadline`` and ``term_deadlines``; ``visits``: per case its
    ``last_visit``."""
    own = (select(newest.c.case_id, newest.c.performance_deadline.label("day"))
           .where(newest.c.rank == 1, newest.c.term_deadlines.is_not(None), newest.c.performance_deadline.is_not(None)))
    days = union_all(_term_days(newest, dialect), own).subquery("instalment_days")
    after_visit = or_(visits.c.last_visit.is_(None), days.c.day > visits.c.last_visit)
    due = (select(days.c.case_id, func.min(case((after_visit, days.c.day)), type_=Date).label("next_day"),
                  func.max(days.c.day, type_=Date).label("last_day"))
           .select_from(days.outerjoin(visits, visits.c.case_id == days.c.case_id))
           .group_by(days.c.case_id).subquery("instalment_due"))
    column = func.coalesce(due.c.next_day, due.c.last_day, newest.c.performance_deadline, type_=Date)
    return due, column
