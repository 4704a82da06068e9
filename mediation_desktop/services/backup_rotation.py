"""The rotation of the automatic backups in a folder: which archives there are and when each was made (China's
clock), which of them the rule keeps (``choose_kept``), deleting the others and the shared attachment files no
archive references any more. ``services.backups`` makes the archives and calls ``rotate`` after each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mediation_desktop.domain.china_time import day_in_china, in_china
from mediation_desktop.errors import MediationError
from mediation_desktop.storage.atomic import fsync_dir
from mediation_desktop.storage.backup import FILES_DIR, archive_time, named_in_china, read_manifest

AUTO_PREFIX = "mediation-backup-"
KEEP_NEWEST_DAY, KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 10, 7, 4, 12
"""The rotation (``choose_kept``): up to 10 backups of the newest day (a working day backed up hourly, at start
and at close), then one a day, a week, a month: at most 10 + 7 + 4 + 12 = 33 archives, whatever happens (their
attachments are shared, stored once)."""


def made_at(path: Path) -> dt.datetime | None:
    """When an archive was made, on China's clock (None: not an archive's name). This version's names say it
    (``named_in_china``); an older version's name is on the clock of the computer that made it, in a zone
    that may since have changed (a laptop left on UTC, then set right), so its time is read from the archive
    itself — the manifest's (or an encrypted archive's header's) ``created_at``, an exact moment — and only if
    that cannot be read, from the name on this computer's clock."""
    named = archive_time(path)
    if named is None or named_in_china(path):
        return named
    try:
        seen = path.stat()
    except OSError:
        return named
    key = (str(path.absolute()), seen.st_size, seen.st_mtime_ns)
    if key not in _RECORDED:  # (read once: the window looks at the rotation every ten minutes)
        _RECORDED[key] = _recorded_time(path)
    return _RECORDED[key] or named


_RECORDED: dict[tuple[str, int, int], dt.datetime | None] = {}
"""``created_at`` of older versions' archives already read, by path, size and modification time."""


def _recorded_time(path: Path) -> dt.datetime | None:
    from mediation_desktop.storage.sealed import SealedError, header_of, is_sealed

    try:
        recorded = (header_of(path) if is_sealed(path) else read_manifest(path))["created_at"]
        moment = dt.datetime.fromisoformat(recorded) if isinstance(recorded, str) else None
    except (MediationError, SealedError, OSError, KeyError, TypeError, ValueError):
        return None
    if moment is None or moment.tzinfo is None:
        return None
    return in_china(moment).replace(microsecond=0)


def _archives(folder: Path, pattern: str) -> list[tuple[dt.datetime, Path]]:
    found = []
    if folder.is_dir():
        for path in folder.glob(pattern):
            made = made_at(path)
            if made is not None:
                found.append((made, path))
    return sorted(found, key=lambda item: (item[0], item[1].name), reverse=True)


def rotation(folder: Path) -> list[tuple[dt.datetime, Path]]:
    """The automatic archives in ``folder``, newest first, each with when it was made (China's clock)."""
    return _archives(folder, AUTO_PREFIX + "*.zip")


def choose_kept(times: Iterable[dt.datetime], *, newest_day: int = KEEP_NEWEST_DAY, daily: int = KEEP_DAILY,
                weekly: int = KEEP_WEEKLY, monthly: int = KEEP_MONTHLY) -> set[dt.datetime]:
    """The rotation's rule, on China's calendar (aware times are read on China's clock, naive ones as if on it):

    * the newest ``newest_day`` backups of the newest backup's day — after a power cut in the afternoon,
      the morning's are still there;
    * grandfather-father-son before it: the newest backup of each of the last ``daily`` days that have one,
      of the last ``weekly`` ISO weeks and of the last ``monthly`` months.

    So at most ``newest_day + daily + weekly + monthly`` archives are kept (33), however many are made."""
    ordered = sorted(set(times), reverse=True)
    if not ordered:
        return set()
    day = {t: day_in_china(t) for t in ordered}
    kept: set[dt.datetime] = set([t for t in ordered if day[t] == day[ordered[0]]][:max(newest_day, 1)])
    for count, key in ((daily, lambda t: day[t]), (weekly, lambda t: day[t].isocalendar()[:2]),
                       (monthly, lambda t: (day[t].year, day[t].month))):
        seen: set[Any] = set()
        for t in ordered:
            k = key(t)
            if k in seen:
                continue
            if len(seen) >= count:
                break
            seen.add(k)
            kept.add(t)
    return kept


def rotate(folder: Path) -> list[Path]:
    """Delete the automatic archives the rotation no longer keeps, then attachments nobody references.
    Call under the folder's lock, after the new archive has its final name."""
    archives = rotation(folder)
    kept = choose_kept(t for t, _ in archives)
    removed = [p for t, p in archives if t not in kept]
    for path in removed:
        path.unlink(missing_ok=True)
    if removed:
        fsync_dir(folder)
    prune_store(folder)
    return removed


def rotate_quietly(folder: Path) -> None:
    """Thin out the rotation after a backup that has succeeded: if deleting fails (a read-only file, a
    disk error) the new backup still counts, and the next backup tries again."""
    try:
        rotate(folder)
    except OSError:
        pass


def prune_store(folder: Path) -> int:
    """Remove shared attachment files that no archive in ``folder`` references. If any archive cannot be
    read, nothing is removed (better a little wasted space than a backup without its scans)."""
    store = folder / FILES_DIR
    if not store.is_dir():
        return 0
    from mediation_desktop.services.backup_sealing import shared_files

    referenced: set[str] = set()
    for archive in folder.glob("*.zip"):
        try:
            referenced.update(shared_files(archive))
        except (MediationError, KeyError, TypeError):
            return 0
    removed = 0
    for path in store.glob("*/*"):
        if path.is_file() and not path.name.startswith(".") and path.name not in referenced:
            path.unlink()
            removed += 1
    return removed


def backups_in(folder: Path) -> list[tuple[dt.datetime, Path]]:
    """Every archive in a backup folder (automatic and before-restore), newest first, each with when it was
    made on China's clock (``made_at``)."""
    return _archives(folder, "*.zip")
