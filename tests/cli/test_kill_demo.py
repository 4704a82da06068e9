"""Power-cut safety: SIGKILL ``demo`` at random moments; the data must stay sound and whole."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_runner import INIT, run


def _kill_rounds(data: Path, rounds: int, seed: int) -> list[int]:
    rng = random.Random(seed)
    env = {**os.environ, "MEDIATION_DESKTOP_LANG": "zh"}
    env.pop("MEDIATION_DESKTOP_DATA_DIR", None)
    counts = []
    for _ in range(rounds):
        proc = subprocess.Popen([sys.executable, "-m", "mediation_desktop", "--data-dir", str(data), "demo",
                                 "--cases", "4000", "--seed", str(rng.randrange(1000))],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        time.sleep(rng.uniform(0.3, 2.5))  # from interpreter start-up to the middle of a batch
        proc.kill()  # SIGKILL on Linux, TerminateProcess on Windows: no clean-up either way
        proc.wait()
        r = run(data, "check")
        assert r.returncode == 0, r.stderr
        con = sqlite3.connect(data / "mediation.sqlite3")
        half = con.execute("SELECT count(*) FROM mediation_case c WHERE NOT EXISTS "
                           "(SELECT 1 FROM party p WHERE p.case_id = c.id)").fetchone()[0]
        audited = con.execute("SELECT count(*) FROM audit_entry WHERE action = 'demo.create_case'").fetchone()[0]
        cases = con.execute("SELECT count(*) FROM mediation_case").fetchone()[0]
        con.close()
        assert half == 0
        assert audited == cases  # every stored case has its audit entry, and no entry lacks its case
        counts.append(cases)
    return counts


def test_killed_demo_never_leaves_damage(tmp_path):
    data = tmp_path / "data"
    assert run(data, *INIT, stdin="secret123\n").returncode == 0
    counts = _kill_rounds(data, rounds=4, seed=11)
    assert counts == sorted(counts)


@pytest.mark.slow
def test_killed_demo_many_times(tmp_path):
    data = tmp_path / "data"
    assert run(data, *INIT, stdin="secret123\n").returncode == 0
    _kill_rounds(data, rounds=60, seed=12)
