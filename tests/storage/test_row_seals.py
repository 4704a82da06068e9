"""The audit chain covers the data: a row changed, added or removed past the program is named by ``check``;
a chain cut short and its head stepped back is caught by the head kept outside the database."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mediation_desktop.paths import DataPaths
from mediation_desktop.services import backups, demo
from mediation_desktop.services.accounts import authenticate
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.health import check
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.services.setup import initialise
from mediation_desktop.storage.database import open_database
from tests.conftest import ORG


def _check_keys(paths: DataPaths) -> list[tuple[str, dict]]:
    db = open_database(paths)
    try:
        return [(p.key, p.params) for p in check(db)]
    finally:
        db.dispose()


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with demo cases (the bulk writer) and one registered in the program (the ORM)."""
    root = tmp_path_factory.mktemp("sealed")
    db = open_database(DataPaths(root))
    initialise(db, ORG)
    director = authenticate(db, ORG.admin_username, ORG.admin_password)
    demo.generate(db, count=12, seed=7)
    register_case(db, director, CaseInput("neighbour", [PartyInput("张三", id_number="11010519491231002X"),
                                                        PartyInput("李四")], summary="菜地界限纠纷"))
    db.dispose()
    return root / DataPaths(root).database.name


def _copy(filled: Path, into: Path) -> DataPaths:
    paths = DataPaths(into)
    into.mkdir(parents=True, exist_ok=True)
    shutil.copy(filled, paths.database)
    return paths


def _sql(paths: DataPaths, *statements: str) -> list[tuple]:
    con = sqlite3.connect(paths.database)
    try:
        out: list[tuple] = []
        for sql in statements:
            out = con.execute(sql).fetchall()
        con.commit()
        return out
    finally:
        con.close()


def _columns(paths: DataPaths, table: str, *, nullable: bool = False) -> list[str]:
    """The columns besides the primary key (only those that may be NULL, with ``nullable``)."""
    return [r[1] for r in _sql(paths, f'PRAGMA table_info("{table}")') if not r[5] and not (nullable and r[3])]


def test_untouched_database_passes(filled, tmp_path):
    assert _check_keys(_copy(filled, tmp_path / "d")) == []


def test_party_name_edited_in_the_file_is_named(filled, tmp_path):
    paths = _copy(filled, tmp_path / "d")
    (pid,) = _sql(paths, "SELECT id FROM party WHERE name = '张三'")[0]
    _sql(paths, "UPDATE party SET name = '张叁' WHERE name = '张三'")
    assert _check_keys(paths) == [("check.row_changed", {"table": "party", "key": pid})]


def test_amount_edited_in_the_file_is_named(filled, tmp_path):
    paths = _copy(filled, tmp_path / "d")
    (aid,) = _sql(paths, "SELECT id FROM agreement LIMIT 1")[0]
    _sql(paths, f"UPDATE agreement SET amount = coalesce(amount, 0) + 1000 WHERE id = '{aid}'")
    assert _check_keys(paths) == [("check.row_changed", {"table": "agreement", "key": aid})]


_TABLES_WITH_ROWS = ("mediation_case", "party", "investigation", "mediation_session", "agreement", "app_user",
                     "setting", "installation", "sync_peer")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=st.sampled_from(_TABLES_WITH_ROWS), pick=st.integers(0, 10_000), row=st.integers(0, 10_000),
       how=st.sampled_from(["append", "null", "number"]))
def test_any_column_of_any_sealed_table_changed_in_the_file_is_named(filled, tmp_path_factory, table, pick, row,
                                                                     how):
    paths = _copy(filled, tmp_path_factory.mktemp("h"))
    columns = _columns(paths, table, nullable=how == "null")
    assume(columns)
    col = columns[pick % len(columns)]
    pk = "key" if table == "setting" else "installation_id" if table == "sync_peer" else "id"
    keys = [r[0] for r in _sql(paths, f'SELECT "{pk}" FROM "{table}" ORDER BY rowid')]
    assert keys, table
    key = keys[row % len(keys)]
    # (a number moved far: + 1 would give a case the next case's serial, which the unique key refuses)
    value = {"append": f"""CASE WHEN "{col}" IS NULL THEN 'x' ELSE "{col}" || '改' END""",
             "null": f"""CASE WHEN "{col}" IS NULL THEN 0 ELSE NULL END""",
             "number": f"""CASE WHEN typeof("{col}") IN ('integer', 'real') THEN "{col}" + 1000003 ELSE 7 END"""}[how]
    con = sqlite3.connect(paths.database)
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute(f'UPDATE "{table}" SET "{col}" = {value} WHERE "{pk}" = ?', (key,))
    con.commit()
    con.close()
    found = [p for p in _check_keys(paths) if p[0].startswith("check.row_")]
    assert found == [("check.row_changed", {"table": table, "key": str(key)})]


def test_row_added_in_the_file_is_named(filled, tmp_path):
    paths = _copy(filled, tmp_path / "d")
    cols = ", ".join(f'"{c}"' for c in _columns(paths, "party"))
    _sql(paths, f"INSERT INTO party (id, {cols}) SELECT 'ffffffffffffffffffffffffffffffff', {cols} FROM party LIMIT 1")
    assert _check_keys(paths) == [("check.row_unsealed", {"table": "party", "key": "f" * 32})]


def test_row_removed_in_the_file_is_named(filled, tmp_path):
    paths = _copy(filled, tmp_path / "d")
    (fid,) = _sql(paths, "SELECT id FROM investigation LIMIT 1")[0]
    _sql(paths, f"DELETE FROM investigation WHERE id = '{fid}'")
    assert _check_keys(paths) == [("check.row_missing", {"table": "investigation", "key": fid})]


# -- a chain cut short ---------------------------------------------------------------------------------------


def _cut(paths: DataPaths, keep_seq: int) -> None:
    """What someone with the file and a SQLite tool does: remove the newest entries, step the head back."""
    con = sqlite3.connect(paths.database)
    con.execute("DROP TRIGGER audit_entry_no_delete")
    con.execute(f"DELETE FROM audit_entry WHERE seq > {keep_seq}")
    con.execute(f"UPDATE audit_head SET last_seq = {keep_seq}, last_hash = "
                f"(SELECT hash FROM audit_entry WHERE seq = {keep_seq})")
    con.commit()
    con.close()


@pytest.mark.parametrize("witness", ["backup", "head-file-gone", "head-file-stepped-back-too"])
@pytest.mark.parametrize("newest", [1, 3])
def test_newest_entries_removed_and_head_stepped_back_fail_check(tmp_path, witness, newest):
    paths = DataPaths(tmp_path / "d")
    db = open_database(paths)
    initialise(db, ORG)
    director = authenticate(db, ORG.admin_username, ORG.admin_password)
    register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")], summary="纠纷"))
    backups.backup_now(db)  # the head leaves the database: the backup's manifest and the head file
    db.dispose()
    (last,) = _sql(paths, "SELECT max(seq) FROM audit_entry")[0]
    if witness == "head-file-gone":
        (paths.root / "audit-head.json").unlink()  # the backup in the rotation still knows
    elif witness == "head-file-stepped-back-too":
        (first,) = _sql(paths, "SELECT hash FROM audit_entry WHERE seq = 1")[0]
        (paths.root / "audit-head.json").write_text(json.dumps({"seq": 1, "hash": first}), encoding="utf-8")
    _cut(paths, last - newest)
    keys = [k for k, _ in _check_keys(paths)]
    assert "check.audit_truncated" in keys


def test_rewritten_chain_disagrees_with_the_head_kept_outside(db, director):
    register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")], summary="纠纷"))
    backups.backup_now(db)
    db.dispose()
    (last,) = _sql(db.paths, "SELECT max(seq) FROM audit_entry")[0]
    _cut(db.paths, last - 1)
    con = sqlite3.connect(db.paths.database)  # … and a new entry of the same number in place of the old
    con.execute(f"INSERT INTO audit_entry SELECT {last}, lower(hex(randomblob(16))), at, actor, action, entity_type, entity_id, "
                f"case_id, change_seq, data, reason, prev_hash, 'f' FROM audit_entry WHERE seq = {last - 1}")
    con.commit()
    con.close()
    assert "check.audit_rewritten" in [p.key for p in check(db)]


def test_restore_steps_the_chain_back_on_purpose(db, director, tmp_path):
    from mediation_desktop.services import restoring

    backup = backups.export_backup(db, tmp_path / "early.zip").path
    register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")], summary="纠纷"))
    backups.backup_now(db)
    db.dispose()
    report = restoring.restore(db.paths, backup, secret=_director_secret())  # (written outside: encrypted)
    assert report.problems == []


def _director_secret():  # type: ignore[no-untyped-def]
    from mediation_desktop.services.backup_unlock import PASSWORD, BackupSecret
    from tests.conftest import ORG

    return BackupSecret(PASSWORD, ORG.admin_password)


def test_the_directors_log_shows_actions_not_seals(db, director):
    from mediation_desktop.services.audit_log import AuditFilter, audit_rows, count_entries

    register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")], summary="纠纷"))
    shown = audit_rows(db, director, AuditFilter())
    assert shown and "audit.seal" not in {r.action for r in shown}
    assert count_entries(db, director, AuditFilter()) == len(shown)
    seals = audit_rows(db, director, AuditFilter(action="audit.seal"))
    assert seals and {r.action for r in seals} == {"audit.seal"}
