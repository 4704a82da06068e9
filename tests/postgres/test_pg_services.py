"""The services on a PostgreSQL hub: registering, search, demo data, the audit chain, writers, ``check``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import psycopg
import pytest
from search_checks import assert_index_matches_cases
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from mediation_desktop.domain.enums import PartyRole
from mediation_desktop.errors import RemovableMedia
from mediation_desktop.paths import DataPaths
from mediation_desktop.services import demo, search
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.health import check
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.services.setup import SetupRequest, initialise
from mediation_desktop.storage import database as database_module
from mediation_desktop.storage.audit import verify_chain
from mediation_desktop.storage.database import Database, open_database
from mediation_desktop.storage.engine import WRITER_LOCK_KEY, make_engine
from mediation_desktop.storage.models import AuditEntry, Case, Party

pytestmark = pytest.mark.postgres
DAY = dt.date(2026, 3, 2)


def _register(db, actor, *names: str, summary: str = "", **first: str):
    parties = [PartyInput(names[0], **first)] + [PartyInput(n, role=PartyRole.RESPONDENT) for n in names[1:]]
    return register_case(db, actor, CaseInput("neighbour", parties, summary=summary, registered_on=DAY), today=DAY)


def test_registered_cases_are_numbered_searchable_and_audited(db, director):
    other = _register(db, director, "李四", "王五", summary="邻里通道被堵")
    zhang = _register(db, director, "张三", "李四", summary="两家菜地界限不清，多次争吵。",
                      id_number="11010519491231002X", phone="13800138000")
    rare = _register(db, director, "王𠮷", "欧阳修", summary="𠮷祥家的院墙")
    assert zhang.case_no.endswith("第2号") and rare.case_no.endswith("第3号")
    for query in ("张", "张三", "zs", "zhangsan", "z s", "第2号", "002X", "19491231", "8000", "菜地", "张三 菜地"):
        assert zhang.case_id in search.search_case_ids(db, query), query
    for query in ("𠮷", "王𠮷", "oyx", "ouyangxiu", "𠮷祥"):
        assert rare.case_id in search.search_case_ids(db, query), query
    for query in ("王五", "ww", "第9号", "%", "'; DROP TABLE party; --"):
        assert zhang.case_id not in search.search_case_ids(db, query), query
    assert search.search_case_ids(db, "李四")[:2] == [zhang.case_id, other.case_id]
    with db.engine.connect() as conn:
        assert verify_chain(conn) == []
        # one change sequence per transaction: each registration's rows and audit entries share theirs
        per_case = conn.execute(select(Case.case_no, Case.change_seq).order_by(Case.serial)).all()
        assert len({seq for _, seq in per_case}) == 3
        for case_id in (zhang.case_id, rare.case_id):
            seqs = set(conn.scalars(select(AuditEntry.change_seq).where(AuditEntry.case_id == str(case_id))))
            assert len(seqs) == 1
    assert check(db) == []
    assert assert_index_matches_cases(db) == 3


def _content(db: Database) -> list[tuple[Any, ...]]:
    """What equal seeds must make equal, read through the models (typed alike on both databases)."""
    with db.engine.connect() as conn:
        names: dict[Any, list[str]] = {}
        for case_id, name in conn.execute(select(Party.case_id, Party.name).order_by(Party.case_id, Party.position)):
            names.setdefault(case_id, []).append(name)
        cases = conn.execute(select(Case.id, Case.case_no, Case.status, Case.title, Case.summary, Case.accepted_on,
                                    Case.closed_on, Case.amount_involved).order_by(Case.year, Case.serial)).all()
    return [(*row[1:], tuple(names[row.id])) for row in cases]


def _case_numbers(db: Database, query: str) -> list[str]:
    ids = search.search_case_ids(db, query, limit=None)
    with db.engine.connect() as conn:
        by_id = dict(conn.execute(select(Case.id, Case.case_no).where(Case.id.in_(ids))).all())
    return [by_id[i] for i in ids]


def test_demo_cases_on_postgresql_equal_those_on_sqlite(db, tmp_path):
    local = open_database(DataPaths(tmp_path / "village"))
    try:
        initialise(local, SetupRequest("330102001", "石桥村人民调解委员会", "village", "admin", "secret123",
                                       parent_code="330102", admin_display_name="王建国"))
        for target in (db, local):
            assert demo.generate(target, count=150, seed=5, today=DAY, batch_size=60) == 150
        assert _content(db) == _content(local)
        for query in ("张", "王", "li", "zh", "土地", "第1", "2026"):
            assert _case_numbers(db, query) == _case_numbers(local, query), query
    finally:
        local.dispose()
    assert assert_index_matches_cases(db) == 150
    assert check(db) == []


def test_demo_from_a_second_process_on_postgresql(db, monkeypatch):
    monkeypatch.setattr(demo, "PROCESS_THRESHOLD", 1)
    assert demo.generate(db, count=40, seed=9, today=DAY, batch_size=15) == 40
    with db.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Case)) == 40
        assert verify_chain(conn) == []
    assert check(db) == []


def test_writers_take_turns_and_readers_never_wait(db, director, pg_url):
    """A second writer waits for the hub's writer lock (and gives up after the lock timeout, changing nothing)."""
    impatient = Database(make_engine(pg_url, connect_args={"options": "-c lock_timeout=300 -c timezone=UTC"}),
                         db.paths)
    # the same server as the test's, on its Unix socket or over TCP (a server given from outside, tests/pg_server.py)
    libpq_url = impatient.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    holder = psycopg.connect(libpq_url, autocommit=False)
    try:
        holder.execute("SELECT pg_advisory_xact_lock(%s)", [WRITER_LOCK_KEY])  # another writer's transaction
        with pytest.raises(OperationalError, match="lock timeout"):
            _register(impatient, director, "张三", "李四")
        assert search.search_case_ids(impatient, "张三") == []  # reading did not wait
        holder.rollback()  # the other writer is done
        assert _register(impatient, director, "张三", "李四").case_no.endswith("第1号")
    finally:
        holder.close()
        impatient.dispose()
    with db.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Case)) == 1
        assert verify_chain(conn) == []


def test_check_finds_what_postgresql_would_otherwise_hide(db, director):
    case = _register(db, director, "张三", "李四")
    with db.engine.begin() as conn:  # amcheck, when the administrator installed it, verifies every index
        conn.execute(text("CREATE EXTENSION IF NOT EXISTS amcheck"))
    assert check(db) == []
    with db.engine.begin() as conn:  # a restore that skipped the foreign keys
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(text("UPDATE party SET case_id = gen_random_uuid() WHERE name = '李四'"))
        conn.execute(text("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only"))
    problems = check(db)
    orphan = [p for p in problems if p.key == "check.foreign_key"]
    assert [(p.params["table"], p.params["parent"]) for p in orphan] == [("party", "mediation_case")]
    details = [p.params["detail"] for p in problems if p.key == "check.integrity"]
    assert any("trigger audit_entry_append_only is disabled" in d for d in details)
    assert any("append-only trigger is missing or disabled" in d for d in details)
    with db.engine.begin() as conn:
        conn.execute(text("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only"))
        conn.execute(text("UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'ix_party_case_id'::regclass"))
    details = [p.params["detail"] for p in check(db) if p.key == "check.integrity"]
    assert details == ["ix_party_case_id: index is not valid"]
    assert case.case_id in search.search_case_ids(db, "张三")


def test_removable_media_is_refused_only_for_a_database_file(pg_url, tmp_path, monkeypatch):
    monkeypatch.setattr(database_module, "is_removable", lambda path: True)
    hub = open_database(DataPaths(tmp_path / "hub"), pg_url)
    hub.dispose()
    with pytest.raises(RemovableMedia):
        open_database(DataPaths(tmp_path / "village"))
    with pytest.raises(RemovableMedia):
        open_database(DataPaths(tmp_path / "village"), f"sqlite:///{tmp_path / 'stick' / 'x.sqlite3'}")
