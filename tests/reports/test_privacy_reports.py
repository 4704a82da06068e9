"""Non-public cases (不公开调解) in the statistics and the ledger.

The report counts every case (a township reports every dispute; a count names nobody), but the cases listed
behind a figure and the ledger's rows are only those the viewer may see: a non-public case only for its own
mediator and directors (``services.privacy``), not for a township clerk or another mediator.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from report_cases import make_case, set_fields
from sqlalchemy import select

from mediation_desktop import cli
from mediation_desktop.domain.enums import Role
from mediation_desktop.paths import DataPaths
from mediation_desktop.reports import statistics
from mediation_desktop.reports.figures import FIGURES
from mediation_desktop.reports.ledger import hidden_count, ledger_csv, ledger_rows
from mediation_desktop.reports.periods import Basis, parse_period
from mediation_desktop.services.accounts import Actor, authenticate, create_user
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Case

Q3 = parse_period("2026-Q3")


@dataclass
class World:
    db: Database
    boss: Actor  # the director
    alice: Actor  # mediator of the non-public cases
    bob: Actor  # another mediator
    clerk: Actor  # township clerk (司法所工作人员)
    private: list[uuid.UUID]  # alice's non-public cases
    public: list[uuid.UUID]
    counted_before: dict[str, dict[str, statistics.Number]]  # the Q3 report before any case was non-public


def _user(db: Database, boss: Actor, name: str, role: Role) -> Actor:
    create_user(db, boss, name, f"{name}调解员", role, "secret123")
    return authenticate(db, name, "secret123")


@pytest.fixture
def world(db: Database) -> World:
    boss = authenticate(db, "admin", "secret123")
    alice, bob = _user(db, boss, "alice", Role.MEDIATOR), _user(db, boss, "bob", Role.MEDIATOR)
    clerk = _user(db, boss, "clerk", Role.CLERK)
    rng = random.Random(23)
    outcomes = ["written", "failed", "open", "oral"]
    day, public, alices = dt.date(2026, 7, 2), [], []
    for i in range(12):
        (alices if i % 3 == 0 else public).append(make_case(db, alice if i % 3 == 0 else boss, rng, day,
                                                            outcomes[i % len(outcomes)]))
        day += dt.timedelta(days=7)
    public.append(alices.pop())  # one of alice's cases stays public: everybody sees that one
    before = statistics.compute(db, Q3).values
    for cid in alices:
        set_fields(db, cid, non_public=True)
    return World(db, boss, alice, bob, clerk, alices, public, before)


def _case_nos(db: Database, ids: list[uuid.UUID]) -> set[str]:
    with db.read_session() as s:
        return set(s.scalars(select(Case.case_no).where(Case.id.in_(ids))))


def test_the_cases_behind_a_figure_leave_out_non_public_cases_of_others(world: World):
    everything = statistics.case_ids_for(world.db, Q3, Basis.ACCEPTED, "cases")
    assert set(world.private) <= set(everything) and len(world.private) == 3
    for f in FIGURES:
        all_ids = statistics.case_ids_for(world.db, Q3, Basis.ACCEPTED, f.key)
        assert statistics.case_ids_for(world.db, Q3, Basis.ACCEPTED, f.key, viewer=None) == all_ids, f.key
        others = [i for i in all_ids if i not in world.private]
        for viewer in (world.clerk, world.bob):
            assert statistics.case_ids_for(world.db, Q3, Basis.ACCEPTED, f.key, viewer=viewer) == others, f.key
        for viewer in (world.boss, world.alice):
            assert statistics.case_ids_for(world.db, Q3, Basis.ACCEPTED, f.key, viewer=viewer) == all_ids, f.key
    # by closing date, per committee and a single month too
    for basis in Basis:
        shown = statistics.case_ids_for(world.db, parse_period("2026"), basis, "cases", org_code="330102001",
                                        viewer=world.clerk)
        assert shown and not set(shown) & set(world.private)
    august = statistics.month_range(Q3, 2026, 8)
    assert not set(statistics.case_ids_for(world.db, august, Basis.ACCEPTED, "cases", viewer=world.bob)) \
        & set(world.private)


def test_the_report_still_counts_every_case(world: World):
    report = statistics.compute(world.db, Q3)
    assert report.values == world.counted_before  # marking cases non-public changes no figure
    everything = statistics.case_ids_for(world.db, Q3, Basis.ACCEPTED, "cases")
    shown = statistics.case_ids_for(world.db, Q3, Basis.ACCEPTED, "cases", viewer=world.clerk)
    assert report.value("cases") == len(everything) == len(shown) + len(world.private)


def test_the_ledger_leaves_out_non_public_cases_of_others(world: World):
    everything = ledger_rows(world.db)
    private_nos = _case_nos(world.db, world.private)
    assert private_nos <= {r["case_no"] for r in everything}
    for viewer in (world.clerk, world.bob):
        rows = ledger_rows(world.db, viewer=viewer)
        assert {r["case_no"] for r in rows} == _case_nos(world.db, world.public)
        assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))  # numbered without gaps
        assert not any(no in ledger_csv(rows).decode("utf-8") for no in private_nos)
        assert hidden_count(world.db, viewer) == len(world.private)
        # of a period, and of chosen cases
        in_q3 = ledger_rows(world.db, period=Q3, basis=Basis.ACCEPTED, viewer=viewer)
        assert in_q3 and not {r["case_no"] for r in in_q3} & private_nos
        assert hidden_count(world.db, viewer, period=Q3) == len(world.private)
        chosen = ledger_rows(world.db, case_ids=[world.private[0], world.public[0]], viewer=viewer)
        assert [r["case_no"] for r in chosen] == list(_case_nos(world.db, [world.public[0]]))
        assert hidden_count(world.db, viewer, case_ids=[world.private[0], world.public[0]]) == 1
    for viewer in (world.boss, world.alice, None):
        assert ledger_rows(world.db, viewer=viewer) == everything
        assert hidden_count(world.db, viewer) == 0


def test_the_command_line_ledger_is_the_signed_in_users(world: World, paths: DataPaths, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch):
    """The command line signs in (the tests' environment: the director): a director's ledger has every case,
    another mediator's leaves out alice's non-public ones."""
    out = tmp_path / "台账.csv"
    assert cli.main(["--data-dir", str(paths.root), "ledger", "export", "--out", str(out)]) == 0
    assert str(len(world.private) + len(world.public)) in capsys.readouterr().out
    text = out.read_bytes().decode("utf-8-sig")
    assert all(no in text for no in _case_nos(world.db, world.private + world.public))
    monkeypatch.setenv("MEDIATION_DESKTOP_USER", "bob")
    assert cli.main(["--data-dir", str(paths.root), "ledger", "export", "--out", str(out)]) == 0
    text = out.read_bytes().decode("utf-8-sig")
    assert not any(no in text for no in _case_nos(world.db, world.private))
    assert all(no in text for no in _case_nos(world.db, world.public))
