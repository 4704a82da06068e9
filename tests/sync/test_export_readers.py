"""SQLite export: two connections make the record files, and they read one and the same snapshot."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, select
from sync_helpers import Inst

from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Case
from mediation_desktop.sync import export_sqlite
from mediation_desktop.sync.container import BundleWriter
from mediation_desktop.sync.export_sqlite import SECOND_READER_TYPES, record_files_sqlite, second_reader

pytestmark = pytest.mark.parametrize("backend", ["sqlite"])  # a PostgreSQL hub reads through SQLAlchemy


@pytest.fixture
def busy_village(make_inst: Callable[..., Inst]) -> Inst:
    village = make_inst("石桥", "330102001", "village", "330102")
    for i in range(6):
        case_id = village.register(f"张{i}", f"李{i}")
        if i % 2:
            village.mediate_and_agree(case_id)
            village.follow_up(case_id)
    return village


def _files(village: Inst, *, two: bool, some: bool = False) -> list[tuple[str, bytes, int]]:
    with village.db.read_session() as s, second_reader(village.db, s.connection()) as second:
        if two:
            assert second is not None
        ids = select(Case.id).where(Case.title.contains("张1")) if some else None
        return list(record_files_sqlite(s.connection(), ids, second if two else None))


def test_two_readers_make_the_files_one_makes(busy_village: Inst) -> None:
    one, two = _files(busy_village, two=False), _files(busy_village, two=True)
    assert [t for t, _, _ in two] == [t for t, _, _ in one]  # in the order of the record types
    assert two == one
    assert {t for t, _, n in two if n} >= SECOND_READER_TYPES  # the second reader's types have rows here
    assert _files(busy_village, two=True, some=True) == _files(busy_village, two=False, some=True)


def test_the_second_reader_reads_the_first_ones_snapshot(busy_village: Inst) -> None:
    db = busy_village.db
    count = "SELECT count(*) FROM mediation_case"
    with db.read_session() as s, second_reader(db, s.connection()) as second:
        assert second is not None
        before = s.connection().exec_driver_sql(count).scalar()
        busy_village.register("王五", "赵六")  # committed meanwhile: the write lock was let go
        assert second.exec_driver_sql(count).scalar() == before
        assert s.connection().exec_driver_sql(count).scalar() == before
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql(count).scalar() == before + 1


def _writer_tries(db: Database) -> str:
    """A writer's attempt to commit, not waiting: "" if it committed, else SQLite's message."""
    other = sqlite3.connect(db.paths.database, timeout=0, isolation_level=None)
    try:
        other.execute("UPDATE mediation_case SET title = title || '!' WHERE 0")
        return ""
    except sqlite3.OperationalError as exc:
        return str(exc)
    finally:
        other.close()


def test_no_commit_can_come_between_the_two_first_reads(busy_village: Inst, monkeypatch: pytest.MonkeyPatch) -> None:
    db = busy_village.db
    tried: dict[str, str] = {}
    connect = db.engine.connect

    def connecting() -> Connection:  # a connection is made and set up before the lock is taken
        tried["connect"] = _writer_tries(db)
        return connect()

    with db.read_session() as s:
        conn = s.connection()
        first_read = conn.exec_driver_sql

        def first_read_then_writer(sql: str, *args: Any, **kw: Any) -> Any:  # the moment between the two
            result = first_read(sql, *args, **kw)
            tried.setdefault("between", _writer_tries(db))
            return result

        monkeypatch.setattr(db.engine, "connect", connecting)
        monkeypatch.setattr(conn, "exec_driver_sql", first_read_then_writer)
        with second_reader(db, conn) as second:
            assert second is not None
        monkeypatch.undo()
    assert tried == {"connect": "", "between": "database is locked"}


def test_a_writer_holding_on_leaves_one_reader(busy_village: Inst) -> None:
    db = busy_village.db
    writer = sqlite3.connect(db.paths.database, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        with db.read_session() as s, second_reader(db, s.connection()) as second:
            assert second is None
            assert s.connection().exec_driver_sql("SELECT count(*) FROM mediation_case").scalar() == 6
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    taken = [db.engine.connect() for _ in range(4)]  # every pooled connection waits for writers as before
    assert [c.exec_driver_sql("PRAGMA busy_timeout").scalar() for c in taken] == [10_000] * 4
    for c in taken:
        c.close()
    busy_village.register("王五", "赵六")  # nothing left locked


def test_an_export_failing_midway_ends_the_second_reader_first(busy_village: Inst, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    real = export_sqlite._record_file_sqlite
    errors: list[BaseException] = []

    def slow(conn: Connection, t: str, *args: Any) -> tuple[str, bytes, int]:
        if t in SECOND_READER_TYPES:
            time.sleep(0.3)  # still at work when the first file fails
        try:
            return real(conn, t, *args)
        except BaseException as exc:  # a connection closed under its feet, …
            if "interrupted" not in str(exc):  # (stopped on purpose: the export failed)
                errors.append(exc)
            raise

    def full_disk(self: BundleWriter, name: str, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_sqlite, "_record_file_sqlite", slow)
    monkeypatch.setattr(BundleWriter, "add", full_disk)
    with pytest.raises(OSError):
        busy_village.export("failed.zip")
    time.sleep(0.7)  # (had the second reader gone on, it would be done by now)
    assert errors == []
    assert not [t for t in threading.enumerate() if t.name.startswith("export-reader")]
    monkeypatch.undo()
    busy_village.register("王五", "赵六")  # nothing left locked or half-used
    assert busy_village.export("after.zip").is_file()
