"""The schema is made and upgraded only by migrations: fresh, from each old revision, and refusals."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
import windows_facts
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from search_checks import assert_index_matches_cases
from sqlalchemy import text

from mediation_desktop.errors import DatabaseFromFuture, MediationError, RemovableMedia
from mediation_desktop.paths import DataPaths
from mediation_desktop.services import search, search_keys
from mediation_desktop.storage.database import open_database
from mediation_desktop.storage.engine import SQLITE_CACHE_KIB
from mediation_desktop.storage.fulltext import is_model_object
from mediation_desktop.storage.migrate import MIGRATIONS_DIR, head_revision, upgrade_database
from mediation_desktop.storage.models import Base
from mediation_desktop.storage.removable import is_removable

FIXTURES = Path(__file__).parent.parent / "fixtures" / "schemas"
pytestmark = pytest.mark.fresh_migrations  # every new database here runs the migrations from the first revision


def test_fresh_database_is_at_head_with_safe_pragmas(empty_db):
    with empty_db.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA cache_size")).scalar() == -SQLITE_CACHE_KIB  # (KiB: a search's pages)


def test_the_connection_used_last_is_taken_again(empty_db):
    """Its page cache holds what the last search read (``storage.engine``: the pool's LIFO order)."""
    first, second = empty_db.engine.connect(), empty_db.engine.connect()
    raw = [first.connection.dbapi_connection, second.connection.dbapi_connection]
    first.close()
    second.close()
    with empty_db.engine.connect() as again:
        assert again.connection.dbapi_connection is raw[1]


def test_models_and_migrations_agree(empty_db):
    """A model changed without a migration shows up here."""
    with empty_db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": is_model_object})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*.sqlite3")), ids=lambda p: p.stem)
def test_every_old_schema_revision_opens_and_keeps_its_data(fixture, tmp_path):
    """One fixture database per schema revision: each opens in this build with its cases intact."""
    paths = DataPaths(tmp_path / "old")
    paths.root.mkdir()
    shutil.copy(fixture, paths.database)
    before = sqlite3.connect(paths.database).execute("SELECT count(*) FROM mediation_case").fetchone()[0]
    db = open_database(paths)
    from mediation_desktop.services.health import check

    assert check(db) == []
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM mediation_case")).scalar() == before > 0
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    # and searches as this build writes its index (each token in the table it is looked up in: revision 0015)
    assert assert_index_matches_cases(db) > 0
    assert search.search_case_ids(db, "张") and search.search_case_ids(db, "z") and search.search_case_ids(db, "张 三")
    db.dispose()


def test_revision_0015_holds_the_exact_keys_with_the_pairs_and_its_downgrade_gives_them_back_to_the_key_table(db):
    """SQLite: at 0015 the c and q tokens (a name's characters, its syllables' first letters) are held in
    ``fts_case_gram`` and not in ``fts_case_key``; the downgrade rebuilds the index with them in the key table, where
    revision 0014's lookups read them, and the upgrade moves them back."""
    import datetime as dt

    from alembic import command

    from mediation_desktop.services import demo, search_keys
    from mediation_desktop.storage.migrate import alembic_config

    demo.generate(db, count=30, seed=3, today=dt.date(2026, 5, 1), batch_size=10)
    with db.engine.connect() as conn:
        name = search_keys.normalise(conn.execute(text("SELECT name FROM party ORDER BY name LIMIT 1")).scalar_one())
    tokens = ["c" + name[0], "q" + search_keys.syllables(name)[0][0][0]]

    def held(exact: str, prefixed: str) -> None:
        with db.engine.connect() as conn:
            for token in tokens:
                counts = [conn.execute(text(f"SELECT count(*) FROM fts_case_{table} f JOIN case_search_row r ON r.doc = "
                                            f"f.rowid WHERE fts_case_{table} MATCH :q"), {"q": f'"{token}"'}).scalar()
                          for table in (exact, prefixed)]
                assert counts[0] > 0 and counts[1] == 0, (token, exact, counts)

    def migrate(target: str) -> None:
        with db.engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            (command.downgrade if target == "0014" else command.upgrade)(cfg, target)

    held("gram", "key")
    migrate("0014")
    held("key", "gram")
    migrate("0015")
    held("gram", "key")
    assert assert_index_matches_cases(db) == 30


def test_revision_0016_holds_the_case_numbers_with_the_pairs_and_its_downgrade_gives_them_back_to_the_numbers(db):
    """SQLite: at 0016 a case number's tokens are in ``fts_case_gram`` (``h`` from each start, ``m`` its first two to
    four characters) and none in ``fts_case_number``; the downgrade rebuilds the index with them as the numbers' ``l``
    tokens, where revision 0015's lookups read them, and the upgrade moves them back. The search finds the same
    cases by a case number's fragments at each revision's own lookups."""
    import datetime as dt

    from alembic import command

    from mediation_desktop.services import demo
    from mediation_desktop.storage.migrate import alembic_config

    demo.generate(db, count=30, seed=5, today=dt.date(2026, 5, 1), batch_size=10)
    with db.engine.connect() as conn:
        number = conn.execute(text("SELECT case_no FROM mediation_case ORDER BY serial DESC LIMIT 1")).scalar_one()
    start = search_keys.normalise(number)  # （2026）石桥村人调字第30号 → 2026石桥村人调字第30号

    def count(table: str, query: str) -> int:
        with db.engine.connect() as conn:
            return conn.execute(text(f"SELECT count(*) FROM fts_case_{table} f JOIN case_search_row r ON r.doc = "
                                     f"f.rowid WHERE fts_case_{table} MATCH :q"), {"q": query}).scalar_one()

    def migrate(target: str) -> None:
        with db.engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            (command.downgrade if target == "0015" else command.upgrade)(cfg, target)

    year = start[:4]
    with db.engine.connect() as conn:
        in_year = conn.execute(text("SELECT count(*) FROM mediation_case WHERE instr(case_no, :y)"),
                               {"y": year}).scalar_one()
    found = search.search_case_ids(db, year, limit=None)
    assert len(found) == in_year > 0
    assert count("gram", f'"h{start}"') == 1 and count("gram", f'"m{year}"') == in_year
    assert count("number", f'"l{year}"*') == 0
    migrate("0015")
    assert count("gram", '"h"* OR "m"*') == 0 and count("number", f'"l{start}"') == 1
    assert count("number", f'"l{year}"*') == in_year
    migrate("0016")
    assert count("gram", f'"h{start}"') == 1 and count("number", f'"l{year}"*') == 0
    assert search.search_case_ids(db, year, limit=None) == found
    assert assert_index_matches_cases(db) == 30


def test_revision_0017_holds_the_starts_numbers_share_and_rebuilds_an_index_an_older_build_wrote_last(db, monkeypatch):
    """SQLite: at 0017 every doc holds its case number's shared starts whole (``m石桥村人调字``); the downgrade leaves
    them (0016's lookups never ask for them); an upgrade rebuilds the index when its newest doc that should hold
    them does not (an older build wrote it), and leaves it when it does."""
    import datetime as dt

    from search_checks import check_the_0017_upgrade_rebuilds_only_an_older_builds_index, newest_indexed_case

    from mediation_desktop.services import demo

    demo.generate(db, count=30, seed=5, today=dt.date(2026, 5, 1), batch_size=10)
    newest = newest_indexed_case(db)
    with db.engine.connect() as conn:
        numbers = conn.execute(text("SELECT case_no FROM mediation_case")).scalars().all()
    village = "m" + search_keys.normalise(newest.case_no)[4:10]  # 石桥村人调字
    assert village in search_keys.shared_starts(newest.case_no)
    shared = {t for number in numbers for t in search_keys.shared_starts(number)}

    def holding(token: str = village) -> int:
        with db.engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM fts_case_gram f JOIN case_search_row r ON r.doc = f.rowid "
                                     "WHERE fts_case_gram MATCH :q"), {"q": f'"{token}"'}).scalar_one()

    found = search.search_case_ids(db, "石桥村人调字", limit=None)
    assert len(found) == 30 == holding(village)
    assert sum(map(holding, shared)) == sum(len(search_keys.shared_starts(n)) for n in numbers)
    check_the_0017_upgrade_rebuilds_only_an_older_builds_index(db, monkeypatch, holding, 30)
    assert search.search_case_ids(db, "石桥村人调字", limit=None)[1:] == found[1:]  # (the edited case is newest)


def test_revision_0018_gives_a_case_with_a_character_that_normalises_its_token_and_rebuilds_an_older_builds_index(
        db, director, monkeypatch):
    """SQLite: at 0018 a case whose texts hold a character that normalises to a digit or an ideograph (``借款１５号``)
    holds ``search_keys.FOLDED``, the one sign its texts are looked through for ``15号`` when the engine does not find
    it as it is. An index whose newest such doc lacks it (an older build wrote it) is rebuilt by the upgrade; one that
    holds it is left."""
    if not db.is_sqlite:
        pytest.skip("SQLite's index")
    import datetime as dt

    from alembic import command

    from mediation_desktop.services import search_index
    from mediation_desktop.services.cases import CaseInput, register_case
    from mediation_desktop.services.parties import PartyInput
    from mediation_desktop.storage.migrate import alembic_config

    day = dt.date(2026, 3, 2)

    def register(summary: str):
        return register_case(db, director, CaseInput("neighbour", [PartyInput("赵甲"), PartyInput("钱乙")],
                                                     summary=summary, registered_on=day), today=day).case_id

    def migrate(target: str) -> None:
        with db.engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            (command.downgrade if target == "0017" else command.upgrade)(cfg, target)

    folded, plain = register("借款１５号到期"), register("借款15号到期")
    assert search.search_case_ids(db, "借款15号", limit=None) == [plain, folded]
    rebuilt: list[object] = []
    rebuild = search.rebuild_index
    monkeypatch.setattr(search, "rebuild_index", lambda conn, **kw: (rebuilt.append(kw), rebuild(conn, **kw))[1])
    migrate("0017")
    migrate("0018")  # the newest folded doc holds the token: nothing rebuilt
    assert rebuilt == [] and search.search_case_ids(db, "借款15号", limit=None) == [plain, folded]
    migrate("0017")
    with monkeypatch.context() as older:  # an older build edits the folded case: its doc, now the newest, lacks it
        older.setattr(search_keys, "folds_to_plain", lambda c: False)
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE mediation_case SET summary = '借款１５号到期，未还' WHERE id = :id"),
                         {"id": folded.hex})
            search_index.reindex_case(conn, folded)
    assert search.search_case_ids(db, "借款15号", limit=None) == [plain]  # (what this build would miss)
    migrate("0018")
    assert rebuilt == [{}]
    assert search.search_case_ids(db, "借款15号", limit=None) == [folded, plain]
    assert assert_index_matches_cases(db) == 2


def test_revision_0019_gives_the_parties_of_an_older_database_the_guardians_contact_and_seals_them_again(tmp_path):
    """At 0019 a party has its 法定代理人's 身份证号码, phone and address (empty in an older database); a row's seal
    covers every column, so the upgrade seals every party again and ``check`` finds nothing, also after a downgrade
    and a second upgrade. What the fixture of 0019 holds for a minor's guardian is kept."""
    from alembic import command

    from mediation_desktop.services.health import check
    from mediation_desktop.storage.migrate import alembic_config

    guardian = ("representative_id_number", "representative_phone", "representative_address")
    for revision, want in (("0018", None), ("0019", ("330102198503120022", "13900139000", "石桥村三组14号"))):
        paths = DataPaths(tmp_path / revision)
        paths.root.mkdir()
        shutil.copy(FIXTURES / f"{revision}.sqlite3", paths.database)
        db = open_database(paths)
        assert check(db) == []
        with db.engine.connect() as conn:
            rows = conn.execute(text(f"SELECT name, {', '.join(guardian)} FROM party ORDER BY name")).all()
        assert rows and all(r[1:] == (None, None, None) for r in rows if r[0] != "李小明")
        if want is not None:
            assert next(r[1:] for r in rows if r[0] == "李小明") == want
        for target in ("0018", "head"):  # (the models checked are the head's)
            with db.engine.begin() as conn:
                cfg = alembic_config()
                cfg.attributes["connection"] = conn
                (command.downgrade if target == "0018" else command.upgrade)(cfg, target)
        assert check(db) == []
        db.dispose()


def test_revision_0020_gives_the_agreements_of_an_older_database_term_deadlines_and_seals_them_again(tmp_path):
    """At 0020 each term of an agreement may carry its own 履行期限 (分期履行): empty in an older database, whose
    agreements keep their one ``performance_deadline``; a row's seal covers every column, so the upgrade seals every
    agreement again and ``check`` finds nothing, also after a downgrade and a second upgrade. What the fixture of
    0020 holds is kept."""
    from alembic import command

    from mediation_desktop.services.health import check
    from mediation_desktop.storage.migrate import alembic_config

    for revision, want in (("0019", None), ("0020", '["2026-03-15",null]')):
        paths = DataPaths(tmp_path / revision)
        paths.root.mkdir()
        shutil.copy(FIXTURES / f"{revision}.sqlite3", paths.database)
        db = open_database(paths)
        assert check(db) == []
        with db.engine.connect() as conn:
            rows = conn.execute(text("SELECT term_deadlines, performance_deadline FROM agreement")).all()
        assert rows == [(want, "2026-03-20")]
        for target in ("0019", "0020"):
            with db.engine.begin() as conn:
                cfg = alembic_config()
                cfg.attributes["connection"] = conn
                (command.downgrade if target == "0019" else command.upgrade)(cfg, target)
        assert check(db) == []
        db.dispose()


def test_fixture_exists_for_head_revision():
    """Each new revision must add its fixture (tests/fixtures/make_schema_fixture.py)."""
    assert (FIXTURES / f"{head_revision()}.sqlite3").is_file()


def _migrations_with_extra_revision(tmp_path: Path, body: str) -> Path:
    location = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, location, ignore=shutil.ignore_patterns("__pycache__"))
    head = head_revision()
    (location / "versions" / "9001_test.py").write_text(
        f'"""test revision"""\nimport sqlalchemy as sa\nfrom alembic import op\n'
        f'revision = "9001"\ndown_revision = "{head}"\nbranch_labels = None\ndepends_on = None\n\n'
        f"def upgrade():\n{body}\n\ndef downgrade():\n    pass\n",
        encoding="utf-8",
    )
    return location


def test_newer_build_backs_up_then_migrates(db, director, tmp_path):
    from mediation_desktop.services.cases import CaseInput, register_case
    from mediation_desktop.services.parties import PartyInput

    register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")]))
    db.dispose()
    location = _migrations_with_extra_revision(
        tmp_path, "    with op.batch_alter_table('party') as b:\n        b.add_column(sa.Column('nickname', sa.String(20)))"
    )
    report = upgrade_database(db.paths.sqlite_url(), backup_dir=db.paths.backups, script_location=location)
    assert (report.before, report.after) == (head_revision(), "9001")
    assert report.backup is not None and report.backup.is_file()
    backup = sqlite3.connect(report.backup)
    assert backup.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    assert backup.execute("SELECT count(*) FROM party").fetchone()[0] == 2
    live = sqlite3.connect(db.paths.database)
    assert "nickname" in [r[1] for r in live.execute("PRAGMA table_info(party)")]
    assert live.execute("SELECT count(*) FROM party").fetchone()[0] == 2
    assert live.execute("PRAGMA foreign_key_check").fetchall() == []


def test_failed_migration_changes_nothing(db, tmp_path):
    db.dispose()
    location = _migrations_with_extra_revision(
        tmp_path, "    op.add_column('party', sa.Column('x', sa.Integer()))\n    op.execute('SELECT no_such_function()')"
    )
    with pytest.raises(MediationError) as err:
        upgrade_database(db.paths.sqlite_url(), backup_dir=db.paths.backups, script_location=location)
    assert err.value.key == "db.migration_failed"
    live = sqlite3.connect(db.paths.database)
    assert live.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    assert "x" not in [r[1] for r in live.execute("PRAGMA table_info(party)")]


def test_database_from_the_future_is_refused(db):
    db.dispose()
    con = sqlite3.connect(db.paths.database)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    with pytest.raises(DatabaseFromFuture):
        open_database(db.paths)
    con = sqlite3.connect(db.paths.database)  # and nothing was touched
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "9999_future"
    assert not db.paths.backups.exists() or not list(db.paths.backups.iterdir())


def _fake_sys(tmp_path: Path, folder: Path, removable: str) -> Path:
    import os

    st = os.stat(folder)
    sys_root = tmp_path / "sys"
    disk = sys_root / "devices" / "block" / "sdb"
    part = disk / "sdb1"
    part.mkdir(parents=True)
    (disk / "removable").write_text(removable + "\n")
    link = sys_root / "dev" / "block" / f"{os.major(st.st_dev)}:{os.minor(st.st_dev)}"
    link.parent.mkdir(parents=True)
    link.symlink_to(part)
    return sys_root


@windows_facts.no_sysfs
def test_removable_media_detection(tmp_path):
    folder = tmp_path / "stick"
    folder.mkdir()
    assert is_removable(folder / "not-yet", sys_root=_fake_sys(tmp_path / "a", folder, "1"))
    assert not is_removable(folder, sys_root=_fake_sys(tmp_path / "b", folder, "0"))


def test_live_database_refused_on_removable_media(tmp_path, monkeypatch):
    import mediation_desktop.storage.database as database

    monkeypatch.setattr(database, "is_removable", lambda path: True)
    with pytest.raises(RemovableMedia):
        open_database(DataPaths(tmp_path / "usb"))
    assert not (tmp_path / "usb").exists()


def test_a_windows_hub_finds_pg_dump_where_postgresqls_installer_put_it(tmp_path, monkeypatch):
    """PostgreSQL's Windows installer puts pg_dump in %ProgramFiles%\\PostgreSQL\\<version>\\bin and not on the
    PATH: the hub's upgrade backup takes the newest one there, and elsewhere only what the PATH has."""
    from mediation_desktop.storage import migrate

    for version in ("9.6", "15", "16", "notes"):
        (tmp_path / "PostgreSQL" / version / "bin").mkdir(parents=True)
        (tmp_path / "PostgreSQL" / version / "bin" / "pg_dump.exe").write_bytes(b"MZ")
    monkeypatch.setenv("ProgramFiles", str(tmp_path))
    monkeypatch.delenv("ProgramW6432", raising=False)
    monkeypatch.setattr(migrate.shutil, "which", lambda name, *a, **k: None)
    assert migrate.find_pg_program("pg_dump", windows=True) == str(tmp_path / "PostgreSQL" / "16" / "bin" / "pg_dump.exe")
    assert migrate.find_pg_program("pg_restore", windows=True) is None  # not installed there
    assert migrate.find_pg_program("pg_dump", windows=False) is None  # Linux: the PATH only
    monkeypatch.setattr(migrate.shutil, "which", lambda name, *a, **k: f"/on/the/path/{name}")
    assert migrate.find_pg_program("pg_dump", windows=True) == "/on/the/path/pg_dump"  # the PATH first
