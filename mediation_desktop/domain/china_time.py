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


def typed_in_china(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    """A wall-clock time typed in the mediation room, as an aware moment."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=CHINA)
