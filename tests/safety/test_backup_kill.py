"""Killing a backup or a restore midway never costs a good backup or the database."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import time
from pathlib import Path

import pytest

from mediation_desktop.errors import MediationError
from mediation_desktop.services import backups, demo
from mediation_desktop.services.attachments import add_attachment
from mediation_desktop.services.health import check
from mediation_desktop.storage import backup as store_backup
from mediation_desktop.storage.database import Database, open_database

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="kills a forked child")
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


@pytest.fixture
def busy(db: Database, director, tmp_path: Path) -> Database:
    demo.generate(db, count=300, seed=3)
    with db.engine.connect() as conn:
        from sqlalchemy import text

        case_ids = [r[0] for r in conn.execute(text("SELECT id FROM mediation_case LIMIT 6"))]
    import uuid

    for i, cid in enumerate(case_ids):
        scan = tmp_path / f"scan{i}.jpg"
        scan.write_bytes(os.urandom(300_000))
        add_attachment(db, director, uuid.UUID(str(cid)), scan)
    return db


def test_a_killed_backup_leaves_the_previous_good_backups(busy: Database):
    folder = busy.paths.backups
    first = backups.backup_now(busy, now=START)
    busy.dispose()
    rng = random.Random(5)
    killed = 0
    newest = first.path
    for round_no in range(1, 16):
        when = START + dt.timedelta(hours=7 * round_no)

        def work(when: dt.datetime = when) -> None:
            db = open_database(busy.paths)
            backups.backup_now(db, now=when)

        killed += _kill_after(_fork(work), rng.uniform(0.0, 0.25))
        good = _good(folder)
        assert good, "there is always a good backup"
        assert newest in good or good[0].name > newest.name, "the newest good backup survives a killed one"
        newest = good[0]
    assert killed >= 5, "most rounds must be killed midway"
    # the next backup clears the leftovers and the newest survivor restores whole
    db = open_database(busy.paths)
    backups.backup_now(db, now=START + dt.timedelta(days=30))
    db.dispose()
    assert not [p for p in folder.rglob("*") if p.name.endswith((".partial", ".tmp"))]
    result = backups.restore(busy.paths, _good(folder)[1])
    assert result.problems == []


def test_a_killed_restore_leaves_a_sound_database(busy: Database, tmp_path: Path):
    archive = backups.export_backup(busy, tmp_path / "whole.zip", now=START).path
    busy.dispose()
    rng = random.Random(9)
    killed = 0
    for _ in range(8):
        killed += _kill_after(_fork(lambda: backups.restore(busy.paths, archive)), rng.uniform(0.05, 0.6))
        db = open_database(busy.paths)  # whatever the moment: the old data or the restored data, sound
        try:
            assert check(db) == []
        finally:
            db.dispose()
    assert killed >= 3
    backups.restore(busy.paths, archive)


def test_a_second_backup_at_the_same_time_is_refused_cleanly(busy: Database):
    with store_backup.folder_lock(busy.paths.backups):
        with pytest.raises(MediationError) as err:
            backups.backup_now(busy, now=START)
    assert err.value.key == "backup.busy"
    assert not _good(busy.paths.backups)
