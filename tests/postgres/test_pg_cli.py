"""The command line against a PostgreSQL hub: ``--database-url`` or MEDIATION_DESKTOP_DATABASE_URL."""

from __future__ import annotations

import pytest
from cli_runner import INIT, run
from sqlalchemy import create_engine, text

from mediation_desktop.paths import DataPaths
from mediation_desktop.services.queries import list_cases
from mediation_desktop.storage.database import open_database

pytestmark = pytest.mark.postgres


def test_init_demo_search_and_check_on_a_hub(pg_url, tmp_path):
    data = tmp_path / "hub"
    hub = ("--database-url", pg_url)
    r = run(data, *hub, *INIT, stdin="secret123\n")
    assert r.returncode == 0, r.stderr
    assert "石桥村人民调解委员会" in r.stdout
    r = run(data, *hub, "demo", "--cases", "200")
    assert r.returncode == 0, r.stderr
    assert "200" in r.stdout
    r = run(data, *hub, "cases", "--search", "张")
    assert r.returncode == 0, r.stderr
    found = {line.split("\t")[0] for line in r.stdout.strip().splitlines()}
    db = open_database(DataPaths(data), pg_url)
    try:
        cases = list_cases(db)
    finally:
        db.dispose()
    assert len(cases) == 200
    with_zhang = {c.case_no for c in cases if any("张" in name for name in c.parties)}
    assert with_zhang and with_zhang <= found <= {c.case_no for c in cases}
    # the environment variable names the same server; the data folder holds no SQLite database
    r = run(data, "check", env={"MEDIATION_DESKTOP_DATABASE_URL": pg_url})
    assert r.returncode == 0, r.stderr
    assert "检查通过" in r.stdout
    assert not (data / "mediation.sqlite3").exists()
    engine = create_engine(pg_url)
    with engine.begin() as conn:  # someone switched the audit guard off
        conn.execute(text("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only"))
    engine.dispose()
    r = run(data, *hub, "check", lang="en")
    assert r.returncode == 1
    assert "audit_entry" in r.stderr and "Traceback" not in r.stderr


def test_an_unreachable_server_is_one_clear_line(tmp_path):
    r = run(tmp_path / "hub", "--database-url", f"postgresql+psycopg://nobody@/hub?host={tmp_path / 'no-server'}",
            "cases")
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("无法打开数据库") and "no-server" in lines[0]
    r = run(tmp_path / "hub", "--database-url", "postgresql+psycopg://hub:secret@127.0.0.1:1/hub", "cases")
    lines = r.stderr.strip().splitlines()  # (the address named, its password not)
    assert r.returncode == 1 and len(lines) == 1 and "secret" not in lines[0], lines


@pytest.mark.parametrize("url", ["postgres://hub:secret@server/hub", "not a url", "postgresql+nodriver://hub@/hub"])
def test_a_malformed_database_url_is_one_clear_line(tmp_path, url):
    r = run(tmp_path / "hub", "--database-url", url, "cases")
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("无法打开数据库") and "secret" not in lines[0]
