"""The mediation room's clock: a time a mediator types or reads is China's wall-clock time (UTC+8, no DST).

Stored timestamps are UTC; a document or a record shows them in China time whatever the computer's time
zone is (a laptop left on UTC printed 06:30 for a sitting held at 14:30).
"""

from __future__ import annotations

import datetime as dt

CHINA = dt.timezone(dt.timedelta(hours=8), "CST")


def in_china(moment: dt.datetime) -> dt.datetime:
    """A stored (aware) moment as China's wall clock shows it."""
    return moment.astimezone(CHINA)


def china_today() -> dt.date:
    """Today in the mediation room: China's date, whatever the computer's time zone (from 16:00 to midnight UTC a
    laptop left on UTC is still on yesterday)."""
    return dt.datetime.now(CHINA).date()


def day_in_china(moment: dt.date) -> dt.date:
    """The day of a moment on China's wall clock (an aware time), or the day itself (a date, or a naive time
    already read on that clock)."""
    if isinstance(moment, dt.datetime):
        return (moment.astimezone(CHINA) if moment.tzinfo is not None else moment).date()
    return moment


def typed_in_china(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    """A wall-clock time typed in the mediation room, as an aware moment."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=CHINA)
