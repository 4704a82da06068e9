"""The automatic backups' rotation over a mediator's week: several backups of the newest day are kept (after a power
cut at 15:00 the morning's is still there), one of each day before, and the number of archives stays bounded."""

from __future__ import annotations

import datetime as dt

from mediation_desktop.domain.china_time import CHINA, typed_in_china
from mediation_desktop.services import backups
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput

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


def test_a_week_of_work_on_disk(db, director):
    """Every day: the program opens at 08:00, a case is registered at five past each hour from 9 to 16, the window
    looks every ten minutes, and it closes at 17:30 after one more. Nothing sleeps: each look is given its time."""
    name = iter(f"甲{i}" for i in range(1000))

    def work() -> None:
        register_case(db, director, CaseInput("neighbour", [PartyInput(next(name)), PartyInput("李四")]))

    made: dict[dt.date, list[dt.datetime]] = {}
    for d in range(7):
        day = MONDAY + dt.timedelta(days=d)
        looks = [(_at(day, 8), "start")] + [(_at(day, h, m), "look") for h in range(8, 17) for m in range(0, 60, 10)]
        for now, kind in [*looks, (_at(day, 17, 30), "close")]:
            if (kind == "look" and now.minute == 10 and now.hour >= 9) or kind == "close":
                work()  # (saved at five past: the look at ten past sees it; the last one just before closing)
            report = backups.backup_if_due(db, now=now, at_start=kind == "start", at_close=kind == "close")
            if report is not None:
                made.setdefault(day, []).append(now)
                assert report.path.name == f"mediation-backup-{now:%Y%m%d-%H%M%S}+0800.zip"
        if day == MONDAY + dt.timedelta(days=2):  # Wednesday 17:30: this morning's backups are all still there
            kept_today = [t for t, _ in backups.rotation(db.paths.backups) if t.date() == day]
            assert kept_today == sorted(made[day], reverse=True)[:backups.KEEP_NEWEST_DAY]
            assert _at(day, 9, 10) in kept_today
    sunday = MONDAY + dt.timedelta(days=6)
    # at most one backup an hour while working: 09:10, 10:10, … 16:10, and the day's last work at close
    assert made[sunday] == [_at(sunday, h, 10) for h in range(9, 17)] + [_at(sunday, 17, 30)]
    assert MONDAY in made and _at(MONDAY, 8) in made[MONDAY]  # the first start: no backup yet
    assert all(_at(MONDAY + dt.timedelta(days=d), 8) not in made.get(MONDAY + dt.timedelta(days=d), [])
               for d in range(1, 7))  # nothing changed overnight: no backup at start
    left = [t for t, _ in backups.rotation(db.paths.backups)]
    expected = sorted(made[sunday], reverse=True)[:backups.KEEP_NEWEST_DAY]
    expected += [_at(MONDAY + dt.timedelta(days=d), 17, 30) for d in range(5, -1, -1)]
    assert left == expected
