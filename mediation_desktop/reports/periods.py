"""Reporting periods: month, quarter, half-year, year or a custom range, and the date they count by.

A period is a closed range of calendar days. Case dates are calendar days (``accepted_on`` /
``closed_on``), so a case accepted at 23:59 on the last day of a quarter is in that quarter; the
query uses ``start <= day < end + 1 day`` so it stays right if a column ever carries a time.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from mediation_desktop.domain.limits import FIRST_YEAR, LAST_YEAR
from mediation_desktop.domain.text import label
from mediation_desktop.errors import MediationError

__all__ = ["Basis", "Period", "parse_basis", "parse_period"]


class Basis(StrEnum):
    """Which date puts a case into a period (统计口径); the report says which."""

    ACCEPTED = "accepted"  # 按受理日期
    CLOSED = "closed"  # 按结案日期


BASIS_LABELS_ZH = {Basis.ACCEPTED: "按受理日期统计", Basis.CLOSED: "按结案日期统计"}
BASIS_LABELS_EN = {Basis.ACCEPTED: "counted by acceptance date", Basis.CLOSED: "counted by closing date"}


@dataclass(frozen=True)
class Period:
    """``start`` to ``end``, both included; ``spec`` is the canonical text (2026-Q3, 2026-09, …)."""

    start: dt.date
    end: dt.date
    spec: str
    kind: str  # year, half, quarter, month, range

    @property
    def end_exclusive(self) -> dt.date:
        return self.end + dt.timedelta(days=1)

    def label_zh(self) -> str:
        y = self.start.year
        if self.kind == "year":
            return f"{y}年"
        if self.kind == "half":
            return f"{y}年{'上' if self.start.month == 1 else '下'}半年"
        if self.kind == "quarter":
            return f"{y}年第{'一二三四'[(self.start.month - 1) // 3]}季度"
        if self.kind == "month":
            return f"{y}年{self.start.month}月"
        return f"{_zh_date(self.start)}至{_zh_date(self.end)}"

    def label_en(self) -> str:
        if self.kind == "range":
            return f"{self.start.isoformat()} to {self.end.isoformat()}"
        return self.spec

    def months(self) -> list[tuple[int, int]]:
        """Every (year, month) the period touches, in order (for the by-month chart)."""
        out: list[tuple[int, int]] = []
        y, m = self.start.year, self.start.month
        while (y, m) <= (self.end.year, self.end.month):
            out.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out


def _zh_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    return first_next - dt.timedelta(days=1)


_YEAR = re.compile(r"(\d{4})")
_HALF = re.compile(r"(\d{4})-?H([12])")
_QUARTER = re.compile(r"(\d{4})-?Q([1-4])")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_RANGE = re.compile(r"(\d{4}-\d{1,2}-\d{1,2})\s*(?:\.\.|~|至|到)\s*(\d{4}-\d{1,2}-\d{1,2})")


def _day(text: str, spec: str) -> dt.date:
    y, m, d = (int(p) for p in text.split("-"))
    try:
        return dt.date(y, m, d)
    except ValueError:
        raise MediationError("report.period", value=spec) from None


def parse_period(spec: str) -> Period:
    """2026, 2026-H1, 2026-Q3, 2026-09 or 2026-01-01..2026-03-31 (full-width digits allowed); within 1900–2100
    (``domain.limits``: a year 9999 has no day after its last)."""
    years = re.findall(r"(?<!\d)\d{4}(?!\d)", unicodedata.normalize("NFKC", spec))
    if any(not FIRST_YEAR <= int(y) <= LAST_YEAR for y in years):
        raise MediationError("limit.date", label=label("report.period"), value=spec.strip()[:40], field="period")
    return _parse_period(spec)


def _parse_period(spec: str) -> Period:
    text = unicodedata.normalize("NFKC", spec).strip().upper()
    if m := _YEAR.fullmatch(text):
        y = int(m[1])
        return Period(dt.date(y, 1, 1), dt.date(y, 12, 31), f"{y}", "year")
    if m := _HALF.fullmatch(text):
        y, h = int(m[1]), int(m[2])
        return Period(dt.date(y, 1 if h == 1 else 7, 1), dt.date(y, 6, 30) if h == 1 else dt.date(y, 12, 31),
                      f"{y}-H{h}", "half")
    if m := _QUARTER.fullmatch(text):
        y, q = int(m[1]), int(m[2])
        return Period(dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q), f"{y}-Q{q}", "quarter")
    if m := _MONTH.fullmatch(text):
        y, mo = int(m[1]), int(m[2])
        if not 1 <= mo <= 12:
            raise MediationError("report.period", value=spec)
        return Period(dt.date(y, mo, 1), _month_end(y, mo), f"{y}-{mo:02d}", "month")
    if m := _RANGE.fullmatch(text):
        start, end = _day(m[1], spec), _day(m[2], spec)
        if start > end:
            raise MediationError("report.period_order", start=start.isoformat(), end=end.isoformat())
        return Period(start, end, f"{start.isoformat()}..{end.isoformat()}", "range")
    raise MediationError("report.period", value=spec)


def parse_basis(value: str) -> Basis:
    try:
        return Basis(value.strip().lower())
    except ValueError:
        raise MediationError("report.basis", value=value) from None
