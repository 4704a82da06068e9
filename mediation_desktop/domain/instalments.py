"""分期履行: an agreement whose terms carry their own 履行期限 (「1月31日前付5000元，3月31日前付余款5000元」).

An agreement keeps one ``performance_deadline`` (the simple case, and every agreement made before terms had days of
their own); its ``term_deadlines`` hold, in the order of its terms, each term's own day or None. Stored as ISO days
in a JSON list (storage), read here into days; anything malformed reads as no day.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["term_days_text", "term_deadline_days"]


def term_deadline_days(stored: object) -> tuple[dt.date | None, ...]:
    """An agreement's stored ``term_deadlines`` as days (() when it has none)."""
    if not isinstance(stored, list):
        return ()
    days: list[dt.date | None] = []
    for value in stored:
        try:
            days.append(dt.date.fromisoformat(value) if isinstance(value, str) else None)
        except ValueError:
            days.append(None)
    return tuple(days) if any(days) else ()


def term_days_text(days: tuple[dt.date | None, ...] | list[dt.date | None]) -> list[str | None] | None:
    """Days as stored (ISO, None for a term without one); None when no term has a day."""
    text = [day.isoformat() if day is not None else None for day in days]
    return text if any(text) else None
