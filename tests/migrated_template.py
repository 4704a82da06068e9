"""A new SQLite database in a test starts as a copy of one this process migrated (tests/conftest.py).

Every installation a test makes (the ``db`` fixture, a village and its township in a sync test, the command line's
``init`` run in the test's process) opens a new database file, and the program then runs every migration on it:
0.3–0.5 s on Linux, more under Wine, for each of thousands of databases. The result is the same file each time, so
the first one this process makes is kept, and each later new file is that file's copy; the real
``upgrade_database`` then runs on it as always and finds it at the newest revision. What the program does itself
is unchanged: the template is made by the real migration path, and everything else (keys, accounts, the
recovery code) is made per installation. A test about the migrations of a new database (or one that makes them
fail) is marked ``fresh_migrations`` and gets the real path from the first revision; MEDIATION_TEST_FRESH_MIGRATIONS
set gives it to every test of a run. On PostgreSQL the same is done by the server (``CREATE DATABASE … TEMPLATE``,
tests/pg_server.py). tests/storage/test_migrated_template.py checks that a copy is the database the migrations make.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

_template: Path | None = None


def _new_sqlite_file(url: str) -> Path | None:
    """The SQLite file ``url`` names when it is new: empty (open_database has just made it private) and alone."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    path = Path(parsed.database)
    if not path.is_file() or path.stat().st_size != 0:
        return None
    if any(path.with_name(path.name + suffix).exists() for suffix in ("-wal", "-journal", "-shm")):
        return None
    return path


def from_template(upgrade: Callable[..., Any], migrations_dir: Path) -> Callable[..., Any]:
    """``upgrade_database``, with a new SQLite file of this program's schema first filled from the template."""

    def upgrade_database(url: str, *, backup_dir: Path, script_location: Path = migrations_dir) -> Any:
        global _template
        path = _new_sqlite_file(url)
        if path is not None and script_location == migrations_dir:
            if _template is None:
                folder = tempfile.mkdtemp(prefix="migrated-template-")
                atexit.register(shutil.rmtree, folder, True)
                made = Path(folder) / "template.sqlite3"
                made.touch()
                upgrade(f"sqlite:///{made}", backup_dir=made.parent / "backups")
                _template = made
            with _template.open("rb") as source, path.open("r+b") as target:  # (the file keeps its own mode)
                shutil.copyfileobj(source, target)
        return upgrade(url, backup_dir=backup_dir, script_location=script_location)

    return upgrade_database
