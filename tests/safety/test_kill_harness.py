"""The kill harness (bench/kill_harness.py): a CI sample of SIGKILLs, a long run marked slow, and proof
that its checks do catch a lost save, a half-saved case and an unaudited row."""

from __future__ import annotations

import sqlite3
import sys
import uuid
from pathlib import Path

import pytest
import windows_facts

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))
import kill_harness  # noqa: E402

pytestmark = windows_facts.no_fork  # the harness forks and SIGKILLs


def _assert_clean(t: kill_harness.Totals, kills: int) -> None:
    assert t.failures == []
    assert (t.lost, t.half, t.damaged_rounds, t.child_errors) == (0, 0, 0, 0)
    assert t.kills == kills
    assert t.acked > kills // 2, "the children must get real work done between kills"
    assert t.in_flight > 0, "some kills must land inside an action"


def test_sampled_kills_lose_nothing(tmp_path: Path):
    _assert_clean(kill_harness.run(24, seed=20261122, fresh_every=12, workdir=tmp_path), 24)


@pytest.mark.slow
def test_a_thousand_kills_lose_nothing(tmp_path: Path):
    _assert_clean(kill_harness.run(1000, seed=7, workdir=tmp_path), 1000)


@pytest.fixture
def worked(tmp_path: Path) -> tuple[Path, list[list[str]]]:
    """A data folder after one uninterrupted workload, with its acknowledgements."""
    root = tmp_path / "data"
    kill_harness.make_template(root, cases=4)
    ledger = kill_harness.run_child(root, 5, kill_after_acks=12, delay=0.0)
    assert len(ledger.acks) >= 12 and not ledger.errors
    assert kill_harness.verify(root, ledger.acks, None).lost == []
    return root, ledger.acks


def test_verify_notices_a_lost_acknowledged_save(worked):
    root, acks = worked
    fake = ["session", "K0x0", str(uuid.uuid4()), str(uuid.uuid4())]
    assert kill_harness.verify(root, [*acks, fake], None).lost == [" ".join(fake)]


def test_verify_notices_half_saved_and_unaudited_rows(worked):
    root, acks = worked
    con = sqlite3.connect(root / "mediation.sqlite3")
    case_id = con.execute("SELECT case_id FROM party LIMIT 1").fetchone()[0]
    con.execute("DELETE FROM party WHERE case_id = ?", (case_id,))  # a case without its parties
    con.commit()
    con.close()
    v = kill_harness.verify(root, acks, None)
    assert any("half_case" in p for p in v.problems)
    assert any(h.startswith("party:") for h in v.half)
