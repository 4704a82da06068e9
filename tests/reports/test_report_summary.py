"""The report summary (reports.summary): a report from it equals the report counted live, after every kind of
write that changes a figure, on both databases; and a summary not refreshed after a write is caught.

The oracle is the live report (``statistics.compute(…, use_summary=False)``: the statement every earlier
report test checks against an independent count), compared figure by figure, per committee and in total.
"""

from __future__ import annotations

import datetime as dt
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pg_server
import pytest
from pg_server import backend_params, database_url_for
from report_summary_checks import same_as_live
from sqlalchemy import create_engine, func, select, text, update
from sqlalchemy.engine import make_url

from mediation_desktop.domain.enums import PartyKind, PartyRole, Performance, SessionResult
from mediation_desktop.domain.lifecycle import CaseAction, CaseStatus
from mediation_desktop.paths import DataPaths
from mediation_desktop.reports import statistics, summary
from mediation_desktop.reports.periods import Basis, parse_period
from mediation_desktop.services import agreements, cases, demo, records, retention
from mediation_desktop.services.setup import SetupRequest, initialise
from mediation_desktop.storage.database import Database, open_database
from mediation_desktop.storage.models import Case, FollowUp, Party, ReportSummary, ReportSummaryState
from mediation_desktop.storage.unit_of_work import UnitOfWork

TODAY = dt.date(2026, 11, 20)
# a year, a month, a quarter, a half-year, custom ranges with partial months (one inside a single month)
SPECS = ("2026", "2026-03", "2026-Q2", "2026-H2", "2025-11-15..2026-02-10", "2026-05-03..2026-05-20", "2025")
ORG = "330102001"
VILLAGE = SetupRequest(ORG, "石桥村人民调解委员会", "village", "admin", "secret123", parent_code="330102",
                       admin_display_name="王建国")  # (tests/conftest.py's: its director signs in)


@pytest.fixture(scope="module")
def _villages() -> dict[str, tuple[Path, str | None]]:
    """The demo village of each backend, made once for the module (set up, then 160 demo cases): its data
    folder and (PostgreSQL) its database, which each test copies."""
    return {}


def _copy_database(url: str) -> str:
    """A new PostgreSQL database made from ``url``'s (``CREATE DATABASE … TEMPLATE``), as a URL."""
    source = make_url(url)
    name = f"{source.database}_{uuid.uuid4().hex[:8]}"
    engine = create_engine(source.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{source.database}"'))
    finally:
        engine.dispose()
    pg_server.note_made(name)
    return source.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=backend_params())
def db(request: pytest.FixtureRequest, paths: DataPaths, _villages: dict[str, tuple[Path, str | None]],
       tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A village: one committee, the whole database (each test its own copy of the module's)."""
    backend = request.param
    if backend not in _villages:
        root = tmp_path_factory.mktemp(f"summary-village-{backend}")
        url = database_url_for(backend)
        made = open_database(DataPaths(root), url)
        try:
            initialise(made, VILLAGE)
            demo.generate(made, count=160, seed=11, today=TODAY)
        finally:
            made.dispose()
        _villages[backend] = (root, url)
    root, url = _villages[backend]
    shutil.copytree(root, paths.root)
    village = open_database(paths, None if url is None else _copy_database(url))
    yield village
    village.dispose()


@pytest.fixture
def village_db(db: Database) -> Database:
    return db


@pytest.fixture
def demo_db(village_db: Database, monkeypatch: pytest.MonkeyPatch) -> Database:
    """The village, with a report recounting its stale committee whatever its share of the cases (a village
    counts live after an edit — tested below): the tests of the recount itself, after every kind of write."""
    monkeypatch.setattr(summary, "MAX_RECOUNT_SHARE", 1.0)
    return village_db


def state(db: Database) -> set[str] | None:
    with db.engine.connect() as conn:
        return summary.stale_committees(conn)


def assert_same_as_live(db: Database, orgs: tuple[str | None, ...] = (None, ORG)) -> None:
    """Every figure of every period and basis, from the summary and live, per committee and in total."""
    counted = same_as_live(db, SPECS, orgs, TODAY)
    assert counted > 0
    assert state(db) == set()  # the summary was used (fresh), not bypassed
    with db.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(ReportSummary)) > 0


def _closed_case(db: Database, status: CaseStatus, year: int | None = None) -> uuid.UUID:
    """The first case (by number) of ``status``; ``year``: accepted and closed in that year."""
    stmt = select(Case.id).where(Case.status == status, Case.deleted_at.is_(None))
    if year is not None:
        stmt = stmt.where(Case.accepted_on >= dt.date(year, 1, 1), Case.closed_on < dt.date(year + 1, 1, 1))
    with db.read_session() as s:
        return s.scalars(stmt.order_by(Case.case_no)).first()


def _open_case(db: Database) -> uuid.UUID:
    with db.read_session() as s:
        return s.scalars(select(Case.id).where(Case.status == CaseStatus.MEDIATING, Case.deleted_at.is_(None))
                         .order_by(Case.case_no)).first()


def test_the_summary_equals_the_live_report_after_every_kind_of_write(demo_db, director):
    db = demo_db
    assert state(db) != set()  # the demo's cases, written after the summary was made (at the upgrade)
    assert_same_as_live(db)

    def edited(expect_stale: bool = True) -> None:
        stale = state(db)
        assert stale is None or ORG in stale if expect_stale else True
        assert_same_as_live(db)

    # status / outcome / close
    case_id = _open_case(db)
    cases.change_status(db, director, case_id, CaseAction.TERMINATE, on=dt.date(2026, 9, 8), reason="双方不同意")
    edited()
    # a party added, then one removed (a tombstone), on a closed case
    target = _closed_case(db, CaseStatus.PERFORMED)
    with UnitOfWork(db, actor="admin", action="test.party") as uow:
        uow.session.add(Party(case_id=target, position=9, role=PartyRole.APPLICANT, kind=PartyKind.PERSON,
                              name="王新增"))
        uow.commit()
    edited()
    with UnitOfWork(db, actor="admin", action="test.party") as uow:
        party = uow.session.scalars(select(Party).where(Party.case_id == target, Party.deleted_at.is_(None))).first()
        party.deleted_at = dt.datetime.now(dt.UTC)
        uow.commit()
    edited()
    # a follow-up visit added
    records.add_follow_up(db, director, target, records.FollowUpInput(Performance.PARTIAL, "回访对象",
                                                                      visited_on=dt.date(2026, 10, 2)))
    edited()
    # an agreement signed (a session, a draft, the signature)
    case_id = _open_case(db)
    records.add_session(db, director, case_id, records.SessionInput(SessionResult.AGREED, record="达成一致"))
    aid = agreements.save_draft(db, director, case_id, agreements.AgreementInput(
        ["赔偿损失"], performance_method="现金", performance_place="村委会", performance_deadline=dt.date(2026, 12, 1)))
    with db.read_session() as s:  # (signed after it was accepted)
        accepted = s.get(Case, case_id).accepted_on or dt.date(2026, 10, 12)
    agreements.sign(db, director, aid, signed_on=max(accepted, dt.date(2026, 10, 12)))
    edited()
    # a case voided
    cases.void_case(db, director, _closed_case(db, CaseStatus.FAILED), reason="登记错了")
    edited()
    # dates moved to another month: the accepted date (a correction) and the closing date (reopened, closed again)
    moved = _closed_case(db, CaseStatus.PERFORMED)
    with UnitOfWork(db, actor="admin", action="test.date") as uow:
        case = uow.session.get(Case, moved)
        assert case is not None and case.accepted_on is not None
        case.accepted_on = case.accepted_on - dt.timedelta(days=40)
        uow.commit()
    edited()
    failed = _closed_case(db, CaseStatus.FAILED)
    cases.change_status(db, director, failed, CaseAction.REOPEN, on=dt.date(2026, 11, 2), reason="重新调解")
    edited()
    cases.change_status(db, director, failed, CaseAction.TERMINATE, on=dt.date(2026, 11, 18), reason="仍不同意")
    edited()
    # a case purged past its retention (the tombstone keeps it out of the report)
    retention.purge_case(db, director, _closed_case(db, CaseStatus.DECLINED), reason="保管期满")
    edited()
    # a referral
    cases.refer_case(db, director, _open_case(db), to_org_code="330102", to_org_name="石桥镇人民调解委员会",
                     reason="涉及多部门", on=dt.date(2026, 11, 3))
    edited()


def test_a_removed_row_makes_everything_stale_counted_live_until_made_whole(demo_db, director):
    db = demo_db
    assert_same_as_live(db)
    with UnitOfWork(db, actor="admin", action="test.remove") as uow:
        visit = uow.session.scalars(select(FollowUp).where(FollowUp.deleted_at.is_(None)).order_by(FollowUp.id)).first()
        uow.session.delete(visit)
        uow.commit()
    assert state(db) is None  # its case is not known from the seal: every committee
    before = made(db)
    assert_live_equal(db)  # counted live: a report never makes the summary whole
    assert state(db) is None and made(db) == before
    with db.engine.begin() as conn:  # (what an upgrade or an import does)
        summary.build(conn)
    assert_same_as_live(db)


def test_a_summary_not_refreshed_after_a_write_is_caught(demo_db, director, monkeypatch):
    """The comparison fails when the validity check is broken (it says "fresh" after a write)."""
    db = demo_db
    assert_same_as_live(db)
    monkeypatch.setattr(summary, "stale_committees", lambda conn, **kw: set())
    cases.void_case(db, director, _closed_case(db, CaseStatus.PERFORMED, 2026), reason="登记错了")
    period = parse_period("2026")
    for basis in Basis:
        got = statistics.compute(db, period, basis, today=TODAY)
        live = statistics.compute(db, period, basis, today=TODAY, use_summary=False)
        assert got.values != live.values
        assert got.value("cases") == live.value("cases") + 1


def test_a_stale_state_is_told_and_a_changed_definition_is_counted_live_until_made_whole(demo_db, director):
    db = demo_db
    assert_same_as_live(db)
    cases.change_status(db, director, _open_case(db), CaseAction.SUSPEND, on=dt.date(2026, 11, 5), reason="外出")
    assert state(db) == {ORG}
    assert_same_as_live(db)
    with db.engine.begin() as conn:  # as if made by a build whose figures differ
        conn.execute(update(ReportSummaryState).values(fingerprint="0" * 64))
    assert state(db) is None
    before = made(db)
    assert_live_equal(db)  # counted live, nothing written
    assert state(db) is None and made(db) == before
    with db.engine.begin() as conn:
        summary.build(conn)
    assert_same_as_live(db)


def test_a_restored_backup_serves_its_own_figures(demo_db, director):
    """A backup holds the summary and the state it was made at, consistent with its own rows and audit log:
    restored over newer data (with a newer summary), the report still equals the live count of what came back."""
    db = demo_db
    if not db.is_sqlite:
        pytest.skip("backups and restores are the village's (SQLite)")
    from mediation_desktop.services import backups, restoring

    assert_same_as_live(db)
    cases.change_status(db, director, _open_case(db), CaseAction.SUSPEND, on=dt.date(2026, 11, 5), reason="外出")
    archive = backups.backup_now(db, now=dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC)).path  # summary stale in it
    year = parse_period("2026")
    kept = statistics.compute(db, year, use_summary=False).values
    cases.void_case(db, director, _closed_case(db, CaseStatus.PERFORMED, 2026), reason="登记错了")
    assert_same_as_live(db)  # the summary now counts the void
    assert statistics.compute(db, year).values != kept
    paths = db.paths
    db.dispose()
    restoring.restore(paths, archive)
    back = open_database(paths)
    try:
        assert statistics.compute(back, year, use_summary=False).values == kept
        assert_same_as_live(back)
    finally:
        back.dispose()


def made(db: Database) -> tuple[object, ...]:
    """The summary's state row and its rows: what a recount or a build would change."""
    with db.engine.connect() as conn:
        row = conn.execute(select(ReportSummaryState)).one()
        rows = conn.execute(select(ReportSummary.owner_org_code, ReportSummary.basis, ReportSummary.month,
                                   ReportSummary.figures).order_by(ReportSummary.owner_org_code,
                                                                   ReportSummary.basis, ReportSummary.month)).all()
    return tuple(row), tuple(map(tuple, rows))


def assert_live_equal(db: Database, specs: tuple[str, ...] = SPECS) -> None:
    for spec in specs:
        for basis in Basis:
            got = statistics.compute(db, parse_period(spec), basis, today=TODAY)
            live = statistics.compute(db, parse_period(spec), basis, today=TODAY, use_summary=False)
            assert (got.units, got.values) == (live.units, live.values), (spec, basis)


def test_a_village_edit_is_counted_live_and_the_summary_not_recounted(village_db, director):
    """A village is one committee, the whole database: after an edit its report is counted live (as before the
    summary) and the summary is left as it was — no recount of every case in a report."""
    db = village_db
    assert summary.MAX_RECOUNT_SHARE < 1
    with db.engine.begin() as conn:  # a summary made fresh (as an upgrade or an import leaves it)
        summary.build(conn)
    assert state(db) == set()
    assert_same_as_live(db)  # fresh: read from the summary
    cases.void_case(db, director, _closed_case(db, CaseStatus.PERFORMED, 2026), reason="登记错了")
    assert state(db) == {ORG}
    before = made(db)
    with db.engine.connect() as conn:
        assert not summary.recount_is_small(conn, {ORG})
    assert_live_equal(db)
    assert state(db) == {ORG} and made(db) == before  # counted live: nothing recounted, nothing written
    kept = statistics.compute(db, parse_period("2026"), today=TODAY).values
    assert kept == statistics.compute(db, parse_period("2026"), today=TODAY, use_summary=False).values


def test_a_small_share_of_the_cases_is_recounted_in_a_report(village_db, director, monkeypatch):
    """The share decides: the same edit is recounted in the report when the committee's cases count as small."""
    db = village_db
    with db.engine.begin() as conn:
        summary.build(conn)
    cases.void_case(db, director, _closed_case(db, CaseStatus.PERFORMED, 2026), reason="登记错了")
    with db.engine.connect() as conn:
        total = conn.scalar(select(func.count()).select_from(Case).where(Case.deleted_at.is_(None)))
        monkeypatch.setattr(summary, "MAX_RECOUNT_SHARE", 1.0)
        assert summary.recount_is_small(conn, {ORG})
        monkeypatch.setattr(summary, "MAX_RECOUNT_SHARE", (total - 1) / total)
        assert not summary.recount_is_small(conn, {ORG})
        assert summary.recount_is_small(conn, {"330102999"})  # no case at all
    monkeypatch.setattr(summary, "MAX_RECOUNT_SHARE", 1.0)
    assert_same_as_live(db)  # recounted (the state is fresh after the reports)


def test_an_upgrade_makes_the_summary_whole_and_a_report_does_not_remake_it(demo_db, tmp_path):
    """The summary is a cache: the downgrade drops its tables; the upgrade (``migrate.upgrade_database``, as the
    program runs it at start) makes it whole again in its transaction, and the reports then read it as it is."""
    from alembic import command
    from sqlalchemy import inspect

    from mediation_desktop.storage.migrate import alembic_config, head_revision, upgrade_database

    db = demo_db
    assert_same_as_live(db)
    with db.engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0010")
    with db.engine.connect() as conn:
        assert not {"report_summary", "report_summary_state"} & set(inspect(conn).get_table_names())
    report = upgrade_database(db.engine.url.render_as_string(hide_password=False), backup_dir=tmp_path / "bk")
    assert report.before == "0010" and report.after == head_revision()
    assert state(db) == set()  # made whole by the upgrade
    built = made(db)
    assert built[1]  # rows for the demo's cases
    assert_same_as_live(db)
    assert made(db) == built  # the reports read it: not made again


def test_seal_entries_beyond_their_size_bound_make_every_committee_stale(demo_db, director, monkeypatch):
    """A bulk write since the summary (seal entries of more than ``MAX_SEAL_BYTES``) is not looked up row by row:
    every committee is stale, and the report is counted live without writing."""
    db = demo_db
    assert_same_as_live(db)
    cases.change_status(db, director, _open_case(db), CaseAction.SUSPEND, on=dt.date(2026, 11, 5), reason="外出")
    assert state(db) == {ORG}
    monkeypatch.setattr(summary, "MAX_SEAL_BYTES", 10)
    assert state(db) is None
    before = made(db)
    assert_live_equal(db, ("2026", "2025-11-15..2026-02-10"))
    assert made(db) == before
    monkeypatch.setattr(summary, "MAX_SEAL_BYTES", 1_000_000)
    assert_same_as_live(db)  # recounted: the entry is small
