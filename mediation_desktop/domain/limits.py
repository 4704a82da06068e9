"""The ranges a date or number may have when it enters (forms, ledgers, bundles, the command line).

A day outside 1900–2100 or a number beyond what its column holds is a typing slip or a hostile file; let
in, it overflows later (a year 9999 has no next day, a 30-digit serial no database integer). Refused at
the boundary with one line (:class:`OutOfRange`, its message naming the field). Standard library only.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from mediation_desktop.domain.text import label

__all__ = ["ADULT_AGE", "CHANGE_SEQ", "FIRST_DAY", "INT32", "INT64", "LAST_DAY", "NUMBERS", "OutOfRange", "check_day",
           "check_number", "day_ok"]

FIRST_YEAR, LAST_YEAR = 1900, 2100
FIRST_DAY, LAST_DAY = dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31)
INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)  # SQLite's INTEGER, PostgreSQL's BIGINT
#: a change sequence (and an audit entry's number) counts transactions one by one from 1: it never comes near
#: 2**53 (a thousand a second for 285,000 years), the largest integer every JSON reader holds exactly
CHANGE_SEQ = (0, 2**53 - 1)
MONEY_MAX = Decimal("999999999999.99")  # Numeric(14, 2)
ADULT_AGE = 18  # 民法典 art. 17: eighteen and over is of full age (under it, a 法定代理人 acts and signs too)

#: (table, column) of the numbers a record carries → the range it may have
NUMBERS: dict[tuple[str, str], tuple[int, int]] = {
    ("mediation_case", "year"): (FIRST_YEAR, LAST_YEAR),
    ("mediation_case", "serial"): (1, 999_999),
    ("mediation_case", "prevented_persons"): (0, 1_000_000),
    ("party", "position"): (0, 1_000_000),
    ("party", "age"): (0, 150),
    ("agreement", "version"): (1, 10_000),
    ("agreement", "copies"): (0, 1_000_000),
    ("attachment", "size"): (0, INT64[1]),
    ("screening", "households"): (0, 100_000),  # 走访户数 (services.screenings.MAX_HOUSEHOLDS)
    ("screening_finding", "position"): (0, 1_000_000),
    # every synced record's version: its owner's change sequence
    **{(table, "change_seq"): CHANGE_SEQ for table in ("mediation_case", "party", "investigation",
                                                        "mediation_session", "agreement", "follow_up", "referral",
                                                        "attachment", "mediator", "screening", "screening_finding")},
}

#: the field names (``domain.text.FIELDS`` keys) of those numbers, for the message
_NUMBER_FIELDS = {("mediation_case", "year"): "case.year", ("mediation_case", "serial"): "case.serial",
                  ("mediation_case", "prevented_persons"): "case.prevented_persons", ("party", "age"): "party.age",
                  ("agreement", "copies"): "agreement.copies"}


class OutOfRange(ValueError):
    """A day or number outside its range; ``key`` and ``params`` make the message (naming the field)."""

    def __init__(self, key: str, field: str, value: Any, **extra: Any) -> None:
        self.key = key
        self.params: dict[str, Any] = {"label": label(field), "value": str(value)[:40],
                                       "field": field.rpartition(".")[2], **extra}
        super().__init__(f"{field}: {str(value)[:40]}")


def day_ok(day: dt.date) -> bool:
    return FIRST_DAY <= (day.date() if isinstance(day, dt.datetime) else day) <= LAST_DAY


def check_day(day: dt.date | None, field: str) -> None:
    """Refuse a day (or the day of a time) outside 1900–2100."""
    if day is not None and not day_ok(day):
        raise OutOfRange("limit.date", field, day.isoformat())


def check_number(value: int | Decimal | None, field: str, low: int | Decimal, high: int | Decimal) -> None:
    """Refuse a number outside ``low``–``high``."""
    if value is not None and not low <= value <= high:
        raise OutOfRange("limit.number", field, value, low=str(low), high=str(high))


def number_field(table: str, column: str) -> str:
    return _NUMBER_FIELDS.get((table, column), f"{table}.{column}")
