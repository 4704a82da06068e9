"""Killing a backup or a restore midway never costs a good backup or the database."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import windows_facts
from attachment_samples import JPEG_HEAD

from mediation_desktop.errors import MediationError
from mediation_desktop.services import backups, demo, restoring
from mediation_desktop.services.attachments import add_attachment
from mediation_desktop.services.backup_unlock import PASSWORD, BackupSecret
from mediation_desktop.services.health import check
from mediation_desktop.storage import backup as store_backup
from mediation_desktop.storage.database import Database, open_database

pytestmark = windows_facts.no_fork  # kills a forked child
START = dt.datetime(2026, 1, 1, 8, 0)


def _fork(fn) -> int:
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            fn()
        except BaseException:
            code = 3
        os._exit(code)
    return pid


def _kill_after(pid: int, seconds: float) -> bool:
    """SIGKILL ``pid`` after ``seconds`` unless it finished; True if it was killed."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            return False
        time.sleep(0.002)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return True


def _kill_when(pid: int, started: Callable[[], bool], delay: float, limit: float = 60.0) -> bool:
    """SIGKILL ``pid`` ``delay`` seconds after ``started()`` first holds (a file the work writes midway
    has appeared), unless it finished first; True if it was killed. Waiting for a sign of the work rather
    than for a fixed time makes the kill land inside the work on a fast machine and a slow one alike."""
    end = time.monotonic() + limit
    while not started():
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            return False
        if time.monotonic() > end:
            break
        time.sleep(0.001)
    return _kill_after(pid, delay)


def _good(folder: Path) -> list[Path]:
    """Every archive under its final name in ``folder``, each verified down to its attachments."""
    found = []
    for _, path in backups.rotation(folder):
        manifest = store_backup.read_manifest(path)
        store_backup.verify_archive_members(path, manifest)
        for sha in manifest["files_shared"]:
            assert store_backup.sha256_file(store_backup.store_path(folder / "files", sha)) == sha
        found.append(path)
    return found


SECRET = BackupSecret(PASSWORD, "secret123")  # the director's password of tests/conftest.py


@pytest.fixture
def busy(db: Database, director, tmp_path: Path) -> Database:
    demo.generate(db, count=300, seed=3)
    with db.engine.connect() as conn:
        from sqlalchemy import text

        case_ids = [r[0] for r in conn.execute(text("SELECT id FROM mediation_case LIMIT 6"))]
    import uuid

    for i, cid in enumerate(case_ids):
        scan = tmp_path / f"scan{i}.jpg"
        scan.write_bytes(JPEG_HEAD + os.urandom(300_000))
        add_attachment(db, director, uuid.UUID(str(cid)), scan)
    return db


def test_a_killed_backup_leaves_the_previous_good_backups(busy: Database):
    folder = busy.paths.backups
    first = backups.backup_now(busy, now=START)
    busy.dispose()
    rng = random.Random(5)
    killed = cut_archives = 0
    newest = first.path
    for round_no in range(1, 16):
        when = START + dt.timedelta(hours=7 * round_no)

        def work(when: dt.datetime = when) -> None:
            db = open_database(busy.paths)
            backups.backup_now(db, now=when)

        pid = _fork(work)
        if round_no % 4 == 0:  # now and then a backup is let through, so the rotation moves on
            assert os.waitpid(pid, 0)[1] == 0
        else:  # the kills land while the database is being copied or while the archive is written
            pattern = ".snapshot-*.tmp" if round_no % 2 else ".*.partial"
            # (an archive is written in a few milliseconds: the kill must follow its first bytes closely)
            delay = rng.uniform(0.0, 0.03) if round_no % 2 else rng.uniform(0.0, 0.003)
            killed += _kill_when(pid, lambda p=pattern: any(folder.glob(p)), delay)
            cut_archives += any(folder.glob(".*.partial"))
        good = _good(folder)
        assert good, "there is always a good backup"
        assert newest in good or good[0].name > newest.name, "the newest good backup survives a killed one"
        newest = good[0]
    assert killed >= 8, "most rounds must be killed midway"
    assert len(good) >= 3, "the backups let through are there beside the first"
    assert cut_archives >= 3, "some kills must cut an archive half-written"
    # the next backup clears the leftovers and the newest survivor restores whole
    db = open_database(busy.paths)
    backups.backup_now(db, now=START + dt.timedelta(days=30))
    db.dispose()
    assert not [p for p in folder.rglob("*") if p.name.endswith((".partial", ".tmp"))]
    result = restoring.restore(busy.paths, _good(folder)[1])
    assert result.problems == []


def test_a_killed_restore_leaves_a_sound_database(busy: Database, tmp_path: Path):
    archive = backups.export_backup(busy, tmp_path / "whole.zip", now=START).path  # encrypted: outside the data
    # folder; a kill may land while it is being decrypted too
    busy.dispose()
    rng = random.Random(9)
    killed = 0
    for _ in range(8):
        pid = _fork(lambda: restoring.restore(busy.paths, archive, secret=SECRET))
        killed += _kill_when(pid, lambda: any(busy.paths.root.glob(".restore-*.tmp")), rng.uniform(0.0, 0.3))
        db = open_database(busy.paths)  # whatever the moment: the old data or the restored data, sound
        try:
            assert check(db) == []
        finally:
            db.dispose()
    assert killed >= 3
    restoring.restore(busy.paths, archive, secret=SECRET)


def test_a_second_backup_at_the_same_time_is_refused_cleanly(busy: Database):
    with store_backup.folder_lock(busy.paths.backups):
        with pytest.raises(MediationError) as err:
            backups.backup_now(busy, now=START)
    assert err.value.key == "backup.busy"
    assert not _good(busy.paths.backups)
