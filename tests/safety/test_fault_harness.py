"""The I/O-fault harness (bench/fault_harness.py): failing writes, failing fsyncs and a full disk give
clear messages and corrupt nothing. A CI sample here; the long run is the bench script or ``-m slow``."""

from __future__ import annotations

import errno
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import windows_facts
from sqlalchemy.exc import OperationalError

from mediation_desktop.errors import MediationError
from mediation_desktop.services.backups import explain_storage_error

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "fault_harness.py"
needs_shim = pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("cc") is None,
                                reason=windows_facts.NO_LD_PRELOAD if windows_facts.WINDOWS
                                else "the fault shim needs Linux (LD_PRELOAD) and a C compiler")


def _run(rounds: int, seed: int) -> dict[str, dict]:
    r = subprocess.run([sys.executable, str(SCRIPT), "--faults", str(rounds), "--seed", str(seed)],
                       capture_output=True, text=True, timeout=900)
    figures = {}
    for line in r.stdout.splitlines():
        if line.startswith("BENCH "):
            fig = json.loads(line[6:])
            figures[fig["figure"]] = fig
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    return figures


def _assert_clean(figures: dict[str, dict], rounds: int) -> None:
    assert figures["fault harness: I/O faults injected"]["value"] >= rounds
    for name in ("unclean errors", "acknowledged saves lost", "damaged databases or backups"):
        assert figures[f"fault harness: {name}"]["value"] == 0, name
    assert all(f["verdict"] == "ok" for f in figures.values())


@needs_shim
def test_sampled_io_faults_are_clean(tmp_path: Path):
    _assert_clean(_run(16, seed=20261122), 16)


@needs_shim
@pytest.mark.slow
def test_many_io_faults_are_clean():
    _assert_clean(_run(300, seed=3), 300)


def test_storage_errors_become_clear_messages():
    full = OperationalError("INSERT …", {}, sqlite3.OperationalError("database or disk is full"))
    io = OperationalError("COMMIT", {}, sqlite3.OperationalError("disk I/O error"))
    assert explain_storage_error(full).key == "storage.disk_full"
    assert explain_storage_error(io).key == "storage.io_error"
    assert explain_storage_error(OSError(errno.ENOSPC, "No space left on device")).key == "storage.disk_full"
    assert explain_storage_error(OSError(errno.EIO, "Input/output error")).key == "storage.io_error"
    assert explain_storage_error(ValueError("x")) is None
    for code in (errno.EACCES, errno.EROFS, errno.EPERM):  # read-only or not permitted: said plainly (issue 15)
        assert explain_storage_error(OSError(code, "denied", "/data/x")).key == "storage.read_only"
    readonly = OperationalError("INSERT …", {}, sqlite3.OperationalError("attempt to write a readonly database"))
    assert explain_storage_error(readonly).key == "storage.read_only_database"
    mine = MediationError("backup.busy")
    assert explain_storage_error(mine) is mine
