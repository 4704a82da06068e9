"""The audit log: every change recorded in the same transaction, hash-chained, append-only."""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.health import check
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.audit import verify_chain
from mediation_desktop.storage.models import AuditEntry, Case
from mediation_desktop.storage.unit_of_work import UnitOfWork


def _register(db, actor):
    return register_case(db, actor, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")],
                                              summary="菜地界限纠纷"))


def test_changes_are_audited_with_before_and_after(db, director):
    reg = _register(db, director)
    with UnitOfWork(db, actor="admin", action="case.edit", reason="更正金额") as uow:
        case = uow.session.get(Case, reg.case_id)
        case.summary = "两家菜地界限不清"
        uow.commit()
    with db.read_session() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.case_id == str(reg.case_id))
                            .order_by(AuditEntry.seq)).all()
    assert [e.action for e in entries] == ["case.register/create"] * 3 + ["case.edit/update"]
    edit = entries[-1]
    assert edit.data == {"before": {"summary": "菜地界限纠纷"}, "after": {"summary": "两家菜地界限不清"}}
    assert edit.reason == "更正金额" and edit.actor == "admin"
    assert edit.change_seq > entries[0].change_seq
    with db.engine.connect() as conn:
        assert verify_chain(conn) == []


def test_rolled_back_change_leaves_no_audit_entry(db, director):
    with db.read_session() as s:
        before = s.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1))
    with UnitOfWork(db, actor="admin", action="case.edit") as uow:
        uow.session.add(Case(case_no="x", year=2026, serial=99, owner_org_code="330102001",
                             owner_installation_id=uuid.uuid4(), title="t", category_code="other",
                             category_scheme="2021", source="application", status="accepted",
                             registered_on=dt.date(2026, 1, 1)))
        uow.session.flush()  # written, audited … and then the block is left without commit()
    with db.read_session() as s:
        assert s.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1)) == before
        assert s.scalar(select(Case).where(Case.case_no == "x")) is None


def test_audit_log_refuses_update_and_delete(db, director):
    _register(db, director)
    with db.engine.begin() as conn, pytest.raises(DatabaseError, match="append-only"):
        conn.execute(text("UPDATE audit_entry SET actor = 'someone' WHERE seq = 1"))
    with db.engine.begin() as conn, pytest.raises(DatabaseError, match="append-only"):
        conn.execute(text("DELETE FROM audit_entry"))


def test_rewritten_entry_breaks_the_chain(db, director):
    _register(db, director)
    _register(db, director)
    db.dispose()
    con = sqlite3.connect(db.paths.database)
    con.execute("DROP TRIGGER audit_entry_no_update")  # someone with the file and a SQLite tool
    con.execute("UPDATE audit_entry SET actor = 'intruder' WHERE seq = 3")
    con.commit()
    con.close()
    problems = check(db)
    assert [p.key for p in problems] == ["check.audit"]
    assert problems[0].params["seq"] == 3


def test_removed_last_entry_is_caught_by_the_head(db, director):
    _register(db, director)
    db.dispose()
    con = sqlite3.connect(db.paths.database)
    con.execute("DROP TRIGGER audit_entry_no_delete")
    con.execute("DELETE FROM audit_entry WHERE seq = (SELECT max(seq) FROM audit_entry)")
    con.commit()
    con.close()
    assert [p.key for p in check(db)] == ["check.audit_head"]


def test_entries_joined_from_their_fields_chain_as_append_core_writes_them(empty_db):
    """``append_core_joined`` (bulk writers) puts each entry's canonical JSON together itself: the program's own
    checker must find the same hashes, and the rows must hold what ``append_core`` writes for the same records."""
    from decimal import Decimal

    from mediation_desktop.storage.audit import AuditRecord, append_core, append_core_joined

    records = [AuditRecord("demo", "demo.create_case", "mediation_case", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
                           "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", {"case_no": "（2026）石桥调字第1号", "status": "accepted",
                                                                    "parties": 2}),
               AuditRecord('ad"m\\in\n', "x.\u2028y", "t\x00é😀", "1", None, {"b": [1, None, True], 3: Decimal("1.50"),
                                                                         "a": {"z": "引号\"", "y": dt.date(2026, 5, 1)}},
                           reason="更正\t金额"),
               AuditRecord("系统", "audit.seal", "seal", "2", None, {}, reason="")]
    with empty_db.engine.begin() as conn:
        append_core(conn, records, 7)
        append_core_joined(conn, records, 8)
        append_core_joined(conn, [], 9)
    with empty_db.engine.connect() as conn:
        assert verify_chain(conn) == []
    with empty_db.read_session() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.change_seq.in_((7, 8))).order_by(AuditEntry.seq)).all()
    fields = [(e.actor, e.action, e.entity_type, e.entity_id, e.case_id, e.data, e.reason) for e in entries]
    assert len(entries) == 6 and fields[:3] == fields[3:]
    assert [e.seq for e in entries] == list(range(entries[0].seq, entries[0].seq + 6))
    assert len({e.id for e in entries}) == 6 and entries[3].at >= entries[0].at
