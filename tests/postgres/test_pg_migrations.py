"""A hub's schema on PostgreSQL: the same migrations, the audit guard in PL/pgSQL, and the upgrade path."""

from __future__ import annotations

import shutil
import subprocess
import threading
from pathlib import Path

import pytest
import windows_facts
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.exc import DBAPIError

from mediation_desktop.errors import DatabaseFromFuture, MediationError
from mediation_desktop.paths import DataPaths
from mediation_desktop.services import search
from mediation_desktop.services.health import check
from mediation_desktop.storage import migrate
from mediation_desktop.storage.database import open_database
from mediation_desktop.storage.fulltext import is_model_object
from mediation_desktop.storage.migrate import MIGRATIONS_DIR, alembic_config, head_revision, upgrade_database
from mediation_desktop.storage.models import Base

pytestmark = [pytest.mark.postgres, pytest.mark.fresh_migrations]  # each hub database starts empty


def test_fresh_database_is_at_head_and_agrees_with_the_models(empty_db):
    with empty_db.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": is_model_object})
        assert compare_metadata(ctx, Base.metadata) == []
        # the search index is the engine's own: a tsvector under a GIN index
        method = conn.scalar(text("SELECT am.amname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                                  "JOIN pg_am am ON am.oid = c.relam WHERE i.indrelid = 'fts_case'::regclass "
                                  "AND NOT i.indisprimary"))
        assert method == "gin"
        assert migrate.audit_triggers_present(conn)


def test_the_audit_table_refuses_update_and_delete(db):
    with db.engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM audit_entry")) > 0  # initialise wrote some
    for sql in ("UPDATE audit_entry SET actor = 'mallory'", "DELETE FROM audit_entry"):
        with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
            conn.execute(text(sql))
    with db.engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM audit_entry WHERE actor = 'mallory'")) == 0


def _at_revision(url: str, revision: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    engine.dispose()


def _revision(url: str) -> str | None:
    engine = create_engine(url)
    with engine.connect() as conn:
        rev = conn.scalar(text("SELECT version_num FROM alembic_version"))
    engine.dispose()
    return rev


def test_an_older_hub_is_dumped_then_upgraded(pg_url, tmp_path):
    pg_restore = migrate.find_pg_program("pg_restore")
    if migrate.find_pg_program("pg_dump") is None or pg_restore is None:
        pytest.skip(windows_facts.NO_PG_DUMP if windows_facts.WINDOWS else "pg_dump is not installed")
    _at_revision(pg_url, "0001")
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO setting (key, value) VALUES ('marker', '\"before\"')"))
    engine.dispose()
    report = upgrade_database(pg_url, backup_dir=tmp_path / "backups")
    assert (report.before, report.after, report.note) == ("0001", head_revision(), None)
    assert report.backup is not None and report.backup.parent == tmp_path / "backups"
    assert "before-upgrade-0001" in report.backup.name
    assert not list((tmp_path / "backups").glob("*.partial"))
    listing = subprocess.run([pg_restore, "--list", str(report.backup)], capture_output=True, text=True, check=True)
    assert "TABLE DATA public setting" in listing.stdout
    assert "case_search_term" not in listing.stdout  # the dump is of the old schema (0002 made the index)
    assert _revision(pg_url) == head_revision()


FIXTURES = Path(__file__).parent.parent / "fixtures" / "schemas"


def test_a_hub_at_0001_holding_a_villages_data_upgrades_searchable_and_sound(pg_url, tmp_path):
    """The 0001 fixture's rows, copied into a hub at revision 0001, come through the upgrade (0002 indexes the
    cases in the upgrade's transaction) and the audit chain written by SQLite verifies on PostgreSQL."""
    _at_revision(pg_url, "0001")
    source, target = create_engine(f"sqlite:///{FIXTURES / '0001.sqlite3'}"), create_engine(pg_url)
    with source.connect() as src, target.begin() as dst:
        present = set(inspect(src).get_table_names())
        dst.execute(text("DELETE FROM audit_head"))
        dst.execute(text("DELETE FROM change_counter"))
        for table in Base.metadata.sorted_tables:
            if table.name in present:  # (the columns the fixture has: a later revision adds some)
                held = {c["name"] for c in inspect(src).get_columns(table.name)}
                rows = [dict(r._mapping) for r in src.execute(select(*(c for c in table.c if c.name in held)))]
                if rows:
                    dst.execute(table.insert(), rows)
    source.dispose()
    target.dispose()
    db = open_database(DataPaths(tmp_path / "hub"), pg_url)
    try:
        assert check(db) == []
        with db.engine.connect() as conn:
            assert conn.scalar(text("SELECT count(*) FROM audit_entry WHERE action <> 'audit.seal'")) == 26
            # … and revision 0006's one entry sealing the rows as they came (storage/seal.py), 0019's sealing the
            # parties again with the legal representative's (empty) columns, 0020's the agreements with their terms'
            # (empty) deadlines
            assert conn.scalar(text("SELECT count(*) FROM audit_entry WHERE action = 'audit.seal'")) == 3
            cases = conn.scalar(text("SELECT count(*) FROM mediation_case"))
            assert search.index_is_complete(conn)
        assert cases == 2
        for query in ("张三", "zhangsan", "zs", "李四", "赵红"):
            assert search.search_case_ids(db, query), query
    finally:
        db.dispose()


def test_without_pg_dump_the_upgrade_says_it_made_no_backup(pg_url, tmp_path, monkeypatch):
    _at_revision(pg_url, "0001")
    real_find = migrate.find_pg_program
    monkeypatch.setattr(migrate, "find_pg_program", lambda name, **k: None if name == "pg_dump" else
                        real_find(name, **k))
    report = upgrade_database(pg_url, backup_dir=tmp_path / "backups")
    assert report.backup is None and report.note is not None and "one transaction" in report.note
    assert report.after == head_revision()


def test_a_fresh_database_needs_no_backup(pg_url, tmp_path):
    report = upgrade_database(pg_url, backup_dir=tmp_path / "backups")
    assert (report.before, report.backup, report.note) == (None, None, None)
    assert not (tmp_path / "backups").exists()


def test_two_programs_starting_at_once_upgrade_one_after_the_other(pg_url, tmp_path):
    reports, errors = [], []

    def start(n: int) -> None:
        try:
            reports.append(upgrade_database(pg_url, backup_dir=tmp_path / f"backups{n}"))
        except Exception as exc:  # pragma: no cover - the failure being tested for
            errors.append(exc)

    threads = [threading.Thread(target=start, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted((r.before, r.after) for r in reports) == [(None, head_revision())] * 2
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [head_revision()]
        assert conn.scalar(text("SELECT count(*) FROM change_counter")) == 1
    engine.dispose()


def test_a_database_from_a_newer_program_is_refused_untouched(pg_url, tmp_path):
    _at_revision(pg_url, "head")
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(DatabaseFromFuture):
        open_database(DataPaths(tmp_path / "hub"), pg_url)
    assert _revision(pg_url) == "9999"
    assert not (tmp_path / "hub" / "backups").exists()


def _migrations_with_extra_revision(tmp_path: Path, body: str) -> Path:
    location = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, location, ignore=shutil.ignore_patterns("__pycache__"))
    (location / "versions" / "9001_test.py").write_text(
        f'"""test revision"""\nimport sqlalchemy as sa\nfrom alembic import op\n'
        f'revision = "9001"\ndown_revision = "{head_revision()}"\nbranch_labels = None\ndepends_on = None\n\n'
        f"def upgrade():\n{body}\n\ndef downgrade():\n    pass\n", encoding="utf-8")
    return location


def test_a_failed_upgrade_changes_nothing(pg_url, tmp_path):
    """PostgreSQL's DDL is transactional: the table made before the failure is gone with it."""
    _at_revision(pg_url, "head")
    location = _migrations_with_extra_revision(tmp_path, (
        "    op.create_table('half_done', sa.Column('id', sa.Integer, primary_key=True))\n"
        "    op.execute('SELECT 1 / 0')"))
    with pytest.raises(MediationError) as failed:
        upgrade_database(pg_url, backup_dir=tmp_path / "backups", script_location=location)
    assert failed.value.key == "db.migration_failed"
    assert _revision(pg_url) == head_revision()
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT to_regclass('half_done')")) is None
    engine.dispose()


def test_a_new_revision_runs_on_postgresql(pg_url, tmp_path):
    _at_revision(pg_url, "head")
    location = _migrations_with_extra_revision(tmp_path, (
        "    op.add_column('setting', sa.Column('note', sa.String(20), nullable=True))"))
    report = upgrade_database(pg_url, backup_dir=tmp_path / "backups", script_location=location)
    assert (report.before, report.after) == (head_revision(), "9001")


def test_revision_0010_leaves_out_the_first_keystroke_lexemes_and_its_downgrade_puts_them_back(db, monkeypatch):
    """(From 0016's downgrade on:) 0010 holds no c/q lexemes on PostgreSQL (GIN's prefix search finds the same
    cases); 0013 gives every doc c and r
    made from its n and p lexemes, and its downgrade takes exactly those out; 0014 r of three and four letters and the
    lexemes of the doc's blocks (levels of 2, 8 and 32 docs here: the 60 docs lie in many), and its downgrade takes
    exactly those out; back at 0009
    every doc holds exactly the tokens that revision wrote, c and q made from the n and p lexemes held."""
    import datetime as dt

    from search_checks import assert_index_matches_cases, pg_exact

    from mediation_desktop.services import demo
    from mediation_desktop.services.search_keys import case_tokens
    from mediation_desktop.storage import fulltext
    from mediation_desktop.storage.fulltext import block_lexemes

    monkeypatch.setattr(fulltext, "BLOCK_LEVELS", (("a", 1), ("b", 3), ("c", 5)))
    demo.generate(db, count=60, seed=11, today=dt.date(2026, 5, 1), batch_size=30)
    assert assert_index_matches_cases(db) == 60

    def held() -> dict[int, set[str]]:
        with db.engine.connect() as conn:
            return {doc: set(tokens) for doc, tokens in conn.execute(
                text("SELECT doc, tsvector_to_array(tokens) FROM fts_case"))}

    # 0016: a case number's tokens with the pairs (h, m); its downgrade writes every doc again with them as the
    # numbers' l lexemes, the layout the older revisions below change
    assert all({t[0] for t in tokens} >= {"h", "m"} for tokens in held().values())
    with db.engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0015")
    at_head = held()  # (at 0015)
    assert not {t[0] for tokens in at_head.values() for t in tokens} & {"q", "h", "m"}
    assert all({t for t in tokens if t[0] in "cr"} == pg_exact(tokens) != set() for tokens in at_head.values())
    assert all({t for t in tokens if t[0] == "k"} == set(block_lexemes(doc)) for doc, tokens in at_head.items())
    at_0013 = {doc: {t for t in tokens if not (t[0] == "r" and len(t) > 3)} - set(block_lexemes(doc))
               for doc, tokens in at_head.items()}
    assert all(len(at_0013[doc]) < len(tokens) - len(block_lexemes(doc)) for doc, tokens in at_head.items())
    for target, expected in (("0013", at_0013),
                             ("0014", at_head)):  # 0014's downgrade takes exactly its lexemes out, its upgrade puts
        with db.engine.begin() as conn:  # them back
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            (command.downgrade if target == "0013" else command.upgrade)(cfg, target)
        assert held() == expected, target
    with db.engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0012")
    assert held() == {doc: tokens - pg_exact(tokens) - set(block_lexemes(doc)) for doc, tokens in at_head.items()}
    assert not {t[0] for tokens in held().values() for t in tokens} & {"c", "q", "r"}
    with db.engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0009")
    with db.engine.connect() as conn:
        docs = dict(conn.execute(text("SELECT case_id, doc FROM case_search_row")).all())
        texts = search.load_case_texts(conn)
    old = held()
    for t in texts:
        k, n, g = case_tokens(t, numbers_apart=False)
        assert old[docs[t.case_id]] == {x for part in (k, n, g) for x in part.split()}, t
    with db.engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    assert assert_index_matches_cases(db) == 60


def test_revision_0017_holds_the_starts_numbers_share_and_rebuilds_an_index_an_older_build_wrote_last(db, monkeypatch):
    """PostgreSQL: at 0017 every doc holds its case number's shared starts as exact lexemes; the downgrade leaves
    them; an upgrade rebuilds the index when its newest doc that should hold them does not, and leaves it when it
    does."""
    import datetime as dt

    from search_checks import check_the_0017_upgrade_rebuilds_only_an_older_builds_index, newest_indexed_case

    from mediation_desktop.services import demo, search_keys

    demo.generate(db, count=20, seed=3, today=dt.date(2026, 5, 1), batch_size=10)
    village = "m" + search_keys.normalise(newest_indexed_case(db).case_no)[4:10]

    def holding() -> int:
        with db.engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM fts_case WHERE tokens @@ CAST(:q AS tsquery)"),
                                {"q": f"'{village}'"}).scalar_one()

    check_the_0017_upgrade_rebuilds_only_an_older_builds_index(db, monkeypatch, holding, 20)
