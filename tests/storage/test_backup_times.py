"""Backup times are China's wall clock everywhere — the archive's name, the rotation, the command line's list, the
window's — whatever the computer's zone (a laptop left on UTC named the 15:00 backup 07:00). An archive named by an
older version (on the computer's clock, without the ``+0800`` mark) is placed by the time the archive itself
records, never 8 hours off."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import windows_facts
from cli_runner import run

from mediation_desktop.domain.china_time import CHINA, typed_in_china
from mediation_desktop.services import backup_rotation, backups
from mediation_desktop.storage import backup as store_backup

AT_15 = typed_in_china(2026, 3, 10, 15, 0)  # 07:00 UTC


@pytest.fixture
def computer_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """The computer's own zone for one test (``TZ``), put back after."""
    zone = request.param
    saved = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        yield zone
    finally:
        if saved is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = saved
        time.tzset()


def _listed(data: Path) -> list[str]:
    r = run(data, "backup", "--list")
    assert r.returncode == 0, r.stderr
    return [line.split("\t") for line in r.stdout.splitlines() if "\t" in line]


@windows_facts.no_tzset
@pytest.mark.parametrize("computer_zone", ["UTC", "America/New_York", "Asia/Kolkata", "Asia/Shanghai"],
                         indirect=True)
def test_a_backups_name_and_listing_are_on_chinas_clock(db, computer_zone):
    aware = backups.backup_now(db, now=AT_15.astimezone(dt.UTC)).path
    assert aware.name == "mediation-backup-20260310-150000+0800.zip"
    on_the_computers_clock = AT_15.astimezone().replace(tzinfo=None) + dt.timedelta(hours=1)  # (naive: its clock)
    naive = backups.backup_now(db, now=on_the_computers_clock).path
    assert naive.name == "mediation-backup-20260310-160000+0800.zip"
    made = backups.rotation(db.paths.backups)
    assert made == [(AT_15 + dt.timedelta(hours=1), naive), (AT_15, aware)]
    assert [f"{t:%H:%M}" for t, _ in backups.backups_in(db.paths.backups)] == ["16:00", "15:00"]
    db.dispose()
    rows = _listed(db.paths.root)
    assert [(row[0], Path(row[2]).name) for row in rows] == [("2026-03-10 16:00:00", naive.name),
                                                              ("2026-03-10 15:00:00", aware.name)]


@windows_facts.no_tzset
@pytest.mark.parametrize("computer_zone", ["UTC", "Asia/Shanghai"], indirect=True)
def test_a_backup_made_now_is_named_by_the_time_in_china(db, computer_zone):
    before = dt.datetime.now(CHINA).replace(microsecond=0)
    path = backups.backup_now(db).path
    after = dt.datetime.now(CHINA)
    made = store_backup.archive_time(path)
    assert path.name.endswith("+0800.zip") and made is not None and before <= made <= after
    manifest = store_backup.read_manifest(path)
    assert dt.datetime.fromisoformat(manifest["created_at"]) == made  # the name and the manifest agree


def _older_versions_copy(db, made_in_china: dt.datetime, name_clock: dt.timezone) -> Path:
    """An archive as an older version left it: made at ``made_in_china`` on a computer whose clock was in
    ``name_clock``, named on that clock without the mark (its manifest records the exact moment)."""
    path = backups.backup_now(db, now=made_in_china).path
    old = path.with_name(f"mediation-backup-{made_in_china.astimezone(name_clock):%Y%m%d-%H%M%S}.zip")
    path.rename(old)
    return old


@windows_facts.no_tzset
@pytest.mark.parametrize("computer_zone", ["Asia/Shanghai", "UTC"], indirect=True)
def test_an_older_versions_name_is_placed_by_the_archives_own_time(db, director, computer_zone):
    """Made at 14:00 by an older version on a laptop then left on UTC (named 06:00), the laptop since set right:
    it is listed at 14:00, between the new 10:00 and 15:00 ones — not at 06:00, below them."""
    from mediation_desktop.services.cases import CaseInput, register_case
    from mediation_desktop.services.parties import PartyInput

    ten = backups.backup_now(db, now=AT_15 - dt.timedelta(hours=5)).path
    register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")]))
    old = _older_versions_copy(db, AT_15 - dt.timedelta(hours=1), dt.UTC)
    assert old.name == "mediation-backup-20260310-060000.zip"
    register_case(db, director, CaseInput("neighbour", [PartyInput("王五"), PartyInput("李四")]))
    fifteen = backups.backup_now(db, now=AT_15).path
    expected = [(AT_15, fifteen), (AT_15 - dt.timedelta(hours=1), old), (AT_15 - dt.timedelta(hours=5), ten)]
    assert backups.rotation(db.paths.backups) == expected
    assert backups.backups_in(db.paths.backups) == expected
    assert backups.backup_if_due(db, now=AT_15 + dt.timedelta(minutes=30)) is None  # the newest is the new one
    with pytest.MonkeyPatch.context() as patch:  # the archive's own time is read once, not at every look
        patch.setattr(backup_rotation, "read_manifest", lambda _path: pytest.fail("read again"))
        assert backups.rotation(db.paths.backups) == expected
    db.dispose()
    assert [row[0] for row in _listed(db.paths.root)] == ["2026-03-10 15:00:00", "2026-03-10 14:00:00",
                                                          "2026-03-10 10:00:00"]


@windows_facts.no_tzset
@pytest.mark.parametrize("computer_zone", ["UTC"], indirect=True)
def test_an_older_name_whose_archive_cannot_be_read_is_read_on_the_computers_clock(db, computer_zone):
    old = db.paths.backups / "mediation-backup-20260310-070000.zip"
    db.paths.backups.mkdir(parents=True, exist_ok=True)
    old.write_bytes(b"PK\x03\x04 cut short")
    assert backups.made_at(old) == AT_15  # 07:00 on this computer's clock (UTC) is 15:00 in China
    assert store_backup.archive_time(old) == AT_15 and not store_backup.named_in_china(old)


def test_the_rotation_rotates_an_older_versions_archives_by_their_own_time(db):
    """Eleven backups the same China day, the oldest named on a UTC clock the evening before: it is the one that
    goes (by its name it would be the evening before, kept as that day's backup)."""
    old = _older_versions_copy(db, typed_in_china(2026, 3, 10, 7, 0), dt.UTC)  # named 2026-03-09 23:00
    assert old.name == "mediation-backup-20260309-230000.zip"
    for hour in range(8, 8 + backups.KEEP_NEWEST_DAY):
        backups.backup_now(db, now=typed_in_china(2026, 3, 10, hour, 0))
    assert old not in [p for _, p in backups.rotation(db.paths.backups)]
    assert len(backups.rotation(db.paths.backups)) == backups.KEEP_NEWEST_DAY


@windows_facts.no_tzset
@pytest.mark.parametrize("computer_zone", ["Asia/Shanghai"], indirect=True)
def test_an_older_versions_encrypted_copy_in_the_second_folder_is_placed_by_its_header(db, director, tmp_path,
                                                                                        computer_zone):
    """The second folder's copies are encrypted: their time is read from the header, which is not."""
    from mediation_desktop.services.cases import CaseInput, register_case
    from mediation_desktop.services.parties import PartyInput
    from mediation_desktop.storage.sealed import is_sealed

    second = tmp_path / "drive" / "调解备份"
    second.parent.mkdir()
    backups.set_second_folder(db, director, second)
    copy = backups.backup_now(db, now=AT_15 - dt.timedelta(hours=1)).second_path  # 14:00
    assert copy is not None and is_sealed(copy)
    older = copy.with_name("mediation-backup-20260310-060000.zip")  # named by an older version on UTC
    copy.rename(older)
    register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")]))
    newer = backups.backup_now(db, now=AT_15 - dt.timedelta(hours=4)).second_path  # 11:00, named this version
    assert newer is not None
    assert backups.backups_in(second) == [(AT_15 - dt.timedelta(hours=1), older), (AT_15 - dt.timedelta(hours=4), newer)]
