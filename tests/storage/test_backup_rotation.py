"""The automatic backups' rotation over a mediator's week: several backups of the newest day are kept (after a power
cut at 15:00 the morning's is still there), one of each day before, and the number of archives stays bounded."""

from __future__ import annotations

import datetime as dt

from mediation_desktop.domain.china_time import CHINA, typed_in_china
from mediation_desktop.services import backups

MONDAY = dt.date(2026, 3, 9)


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return typed_in_china(day.year, day.month, day.day, hour, minute)


def test_the_rule_keeps_the_newest_days_last_ten_and_one_of_each_day_before():
    times = [_at(MONDAY + dt.timedelta(days=d), h, 30) for d in range(7) for h in range(6, 18)]  # twelve a day
    kept = backups.choose_kept(times)
    sunday = MONDAY + dt.timedelta(days=6)
    assert sorted(t for t in kept if t.date() == sunday) == [_at(sunday, h, 30) for h in range(8, 18)]
    for d in range(6):  # the days before: their last backup only
        day = MONDAY + dt.timedelta(days=d)
        assert [t for t in kept if t.date() == day] == [_at(day, 17, 30)]
    assert len(kept) == backups.KEEP_NEWEST_DAY + 6


def test_the_rule_reads_days_on_chinas_calendar():
    """23:30 UTC is already the next morning in the mediation room: it belongs with that day's backups."""
    late = dt.datetime(2026, 3, 9, 23, 30, tzinfo=dt.UTC)  # 07:30 on 10 March in China
    times = [late, _at(dt.date(2026, 3, 10), 9), _at(dt.date(2026, 3, 10), 10)]
    assert backups.choose_kept(times) == set(times)
    times = [_at(dt.date(2026, 3, 9), 20), _at(dt.date(2026, 3, 9), 21), late]
    assert backups.choose_kept(times) == {_at(dt.date(2026, 3, 9), 21), late}


def test_the_rule_bounds_the_archives_however_many_are_made():
    start = dt.datetime(2025, 1, 1, 8, 0, tzinfo=CHINA)
    times = [start + dt.timedelta(minutes=45 * i) for i in range(32 * 400)]  # one every 45 minutes for 400 days
    kept = backups.choose_kept(times)
    newest = max(times)
    limit = backups.KEEP_NEWEST_DAY + backups.KEEP_DAILY + backups.KEEP_WEEKLY + backups.KEEP_MONTHLY
    assert newest in kept and len(kept) <= limit
    assert {newest.date() - dt.timedelta(days=i) for i in range(7)} <= {t.date() for t in kept}
    assert len({(t.year, t.month) for t in kept}) == 12
    assert len([t for t in kept if t.date() == newest.date()]) == backups.KEEP_NEWEST_DAY

