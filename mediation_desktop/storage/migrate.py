"""Schema upgrades at start: refuse a newer database, back up, migrate in process, verify.

Alembic runs inside this process on our own connection (a frozen build has no ``alembic``
executable). On SQLite foreign keys are off during the migration (table rebuilds would trip
them) and ``foreign_key_check`` must come back clean before the migration commits.

PostgreSQL (a hub) runs the same migrations. What protects it is different, and this is what is done:

* The whole upgrade is one transaction — PostgreSQL's DDL is transactional — so a failed upgrade
  leaves the database exactly as it was (no half-made tables, the old revision still recorded).
* Before it, if ``pg_dump`` is installed (on the PATH, or on Windows where PostgreSQL's installer puts it,
  ``%ProgramFiles%\\PostgreSQL\\<version>\\bin``, which it does not add to the PATH) and can read the server,
  a custom-format dump goes to ``backups/`` beside the file store (checked with ``pg_restore --list`` when
  that exists, then renamed into place): the way back should a *successful* upgrade turn out wrong.
  Without ``pg_dump`` (or when it refuses, e.g. older than the server) there is no file backup;
  ``MigrationReport.note`` says so and the server's own backups are the way back.
* The upgrade holds the hub's writer lock (``engine.WRITER_LOCK_KEY``), so two hub programs starting at
  once migrate one after the other, and no writer works on a half-upgraded schema.
* Verification: the revision recorded is the head, and the audit table's append-only trigger is there.

Both engines: the upgrade's last step, in its transaction, makes the report summary whole
(``reports.summary.build``): a new revision invalidates it, and a report never makes it whole.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError

from mediation_desktop.errors import DatabaseFromFuture, MediationError
from mediation_desktop.storage.atomic import fsync_dir
from mediation_desktop.storage.backup import PARTIAL_SUFFIX, backup_sqlite
from mediation_desktop.storage.engine import WRITER_LOCK_KEY, make_engine
from mediation_desktop.storage.fulltext import require_fts5

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
UPGRADE_LOCK_TIMEOUT = "15min"  # PostgreSQL: a second hub program waits for the first one's upgrade to finish


@dataclass(frozen=True)
class MigrationReport:
    before: str | None
    after: str
    backup: Path | None
    note: str | None = None  # why there is no backup of an upgraded database (PostgreSQL without pg_dump)


def alembic_config(script_location: Path = MIGRATIONS_DIR) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(script_location))
    return cfg


def head_revision(script_location: Path = MIGRATIONS_DIR) -> str:
    head = ScriptDirectory.from_config(alembic_config(script_location)).get_current_head()
    assert head is not None
    return head


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def upgrade_database(url: str, *, backup_dir: Path, script_location: Path = MIGRATIONS_DIR) -> MigrationReport:
    """Bring the database at ``url`` to the newest schema this program knows."""
    cfg = alembic_config(script_location)
    script = ScriptDirectory.from_config(cfg)
    head = script.get_current_head()
    assert head is not None
    engine = make_engine(url, foreign_keys=False, pool=False)
    try:
        try:
            with engine.connect() as conn:
                require_fts5(conn)  # at every start: never a silent slow search
                current = current_revision(conn)
                has_tables = bool(inspect(conn).get_table_names())
                conn.rollback()
        except OperationalError as exc:
            if engine.dialect.name == "sqlite":
                raise  # a locked file is "busy" (the CLI says so), not unreachable
            first_line = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else type(exc.orig).__name__
            shown = engine.url.render_as_string(hide_password=True)  # (the address, as the user gave it)
            raise MediationError("db.unreachable", detail=f"{shown}: {first_line}") from exc
        if current == head:
            return MigrationReport(current, head, None)
        known = {rev.revision for rev in script.walk_revisions()}
        if current is not None and current not in known:
            raise DatabaseFromFuture(current)
        backup, note = None, None
        label = f"before-upgrade-{current or 'none'}"
        if engine.dialect.name == "sqlite" and has_tables:
            database = engine.url.database
            assert database
            backup = backup_sqlite(Path(database), backup_dir, label=label)
        elif engine.dialect.name == "postgresql" and has_tables:
            backup, note = dump_postgresql(engine.url, backup_dir, label=label)
        try:
            with engine.begin() as conn:
                if conn.dialect.name == "postgresql":  # one upgrader at a time, and no writer meanwhile
                    conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{UPGRADE_LOCK_TIMEOUT}'")  # another upgrade
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITER_LOCK_KEY})")
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                _verify(conn, head)
                if script_location == MIGRATIONS_DIR:  # (this program's schema: its models are the head's)
                    build_report_summary(conn)
        except MediationError:
            raise
        except Exception as exc:
            raise MediationError("db.migration_failed", backup=str(backup or "-"), detail=str(exc)) from exc
        return MigrationReport(current, head, backup, note)
    finally:
        engine.dispose()


def build_report_summary(conn: Connection) -> None:
    """Make the report summary whole, in the upgrade's transaction: every revision changes its fingerprint, so
    the summary is made here, where an upgrade's cost is expected, not in the first report after it."""
    from mediation_desktop.reports import summary  # (reports build on storage: imported when used)

    summary.build(conn)


def find_pg_program(name: str, *, windows: bool = sys.platform == "win32") -> str | None:
    """``pg_dump`` or ``pg_restore``: on the PATH; else, on Windows, in the newest
    ``%ProgramFiles%\\PostgreSQL\\<version>\\bin`` (where PostgreSQL's Windows installer puts its programs
    without adding them to the PATH: a township hub PC that runs the server itself has them there)."""
    found = shutil.which(name)
    if found is not None or not windows:
        return found

    def version(exe: Path) -> tuple[int, ...]:
        parts = exe.parent.parent.name.split(".")
        return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else (-1,)

    for variable in ("ProgramFiles", "ProgramW6432"):
        root = os.environ.get(variable)
        if not root:
            continue
        programs = sorted(Path(root, "PostgreSQL").glob(f"*/bin/{name}.exe"), key=version, reverse=True)
        if programs:
            return str(programs[0])
    return None


def dump_postgresql(url: URL, backup_dir: Path, *, label: str) -> tuple[Path | None, str | None]:
    """``pg_dump`` the database at ``url`` into ``backup_dir``: (the dump, None) or (None, why not).

    Never raises for a dump that cannot be made: the upgrade after it is one transaction anyway.
    """
    pg_dump = find_pg_program("pg_dump")
    if pg_dump is None:
        return None, "pg_dump not found: no file backup; the upgrade is one transaction"
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    final = backup_dir / f"mediation-{stamp}-{label}.pgdump"
    partial = final.with_name(final.name + PARTIAL_SUFFIX)
    env = dict(os.environ)
    if url.password is not None:  # through the environment, not the command line (visible to ps)
        env["PGPASSWORD"] = str(url.password)
    target = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    try:
        subprocess.run([pg_dump, "--format=custom", "--no-owner", f"--file={partial}", f"--dbname={target}"],
                       env=env, capture_output=True, text=True, errors="replace", check=True)
        pg_restore = find_pg_program("pg_restore")
        if pg_restore is not None:  # the dump reads back: its table of contents is whole
            subprocess.run([pg_restore, "--list", str(partial)], capture_output=True, text=True, errors="replace",
                           check=True)
        with open(partial, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, final)
    except (OSError, subprocess.CalledProcessError) as exc:
        partial.unlink(missing_ok=True)
        detail = exc.stderr.strip() if isinstance(exc, subprocess.CalledProcessError) and exc.stderr else str(exc)
        return None, f"pg_dump failed ({detail!s:.300}): no file backup; the upgrade is one transaction"
    fsync_dir(backup_dir)
    return final, None


def _verify(conn: Connection, head: str) -> None:
    if current_revision(conn) != head:
        raise RuntimeError("schema revision after upgrade is not the head")
    if conn.dialect.name == "sqlite":
        bad = conn.execute(text("PRAGMA foreign_key_check")).first()
        if bad is not None:
            raise RuntimeError(f"foreign key violation in {bad[0]}")
        result = conn.execute(text("PRAGMA quick_check")).scalar()
        if result != "ok":
            raise RuntimeError(f"quick_check: {result}")
    elif conn.dialect.name == "postgresql" and not audit_triggers_present(conn):
        raise RuntimeError("the audit table's append-only trigger is missing")


def audit_triggers_present(conn: Connection) -> bool:
    """Does the database itself refuse UPDATE and DELETE on the audit table (migration 0001's triggers)?"""
    if conn.dialect.name == "sqlite":
        names = set(conn.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                      "AND tbl_name = 'audit_entry'")))
        return {"audit_entry_no_update", "audit_entry_no_delete"} <= names
    if conn.dialect.name == "postgresql":
        # enabled ('O' origin, 'A' always), for each row, before, on both UPDATE (16) and DELETE (8)
        found = conn.scalar(text(
            "SELECT count(*) FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid "
            "WHERE t.tgrelid = to_regclass('audit_entry') AND NOT t.tgisinternal AND t.tgenabled IN ('O', 'A') "
            "AND p.proname = 'audit_entry_append_only' AND (t.tgtype & 1) = 1 AND (t.tgtype & 2) = 2 "
            "AND (t.tgtype & 16) = 16 AND (t.tgtype & 8) = 8"))
        return bool(found)
    return True  # another server: nothing known to check
