"""The rules of what enters (``domain.text``, ``domain.limits``) at the service boundary: a form's text with an
invisible character, a line break where one line goes, a day outside 1900–2100 or a number beyond its range
is refused with one line naming the field (``MediationError``; ``field`` marks the form's widget)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from mediation_desktop.domain.limits import OutOfRange, check_day, check_number
from mediation_desktop.domain.text import UnsafeText, check_fields, check_text
from mediation_desktop.errors import MediationError

__all__ = ["require_clean", "require_day", "require_number", "require_text"]


def require_clean(data: Any, prefix: str, names: Iterable[str]) -> None:
    """The text attributes ``names`` of a form's input, each by the rule of ``prefix.name``."""
    try:
        check_fields(data, prefix, names)
    except UnsafeText as exc:
        raise MediationError(exc.key, **exc.params) from None


def require_text(value: str | None, field: str) -> None:
    try:
        check_text(value, field)
    except UnsafeText as exc:
        raise MediationError(exc.key, **exc.params) from None


def require_day(day: dt.date | None, field: str) -> None:
    try:
        check_day(day, field)
    except OutOfRange as exc:
        raise MediationError(exc.key, **exc.params) from None


def require_number(value: int | Decimal | None, field: str, low: int | Decimal, high: int | Decimal) -> None:
    try:
        check_number(value, field, low, high)
    except OutOfRange as exc:
        raise MediationError(exc.key, **exc.params) from None
