"""A throwaway PostgreSQL server for the tests: started on first use, stopped when the interpreter exits.

``new_database_url()`` hands out a fresh, empty database on it (``postgresql+psycopg://…?host=SOCKETDIR``).
The server lives in a temporary folder, listens only on a Unix socket there (no TCP port to collide with
another run), trusts local connections and runs with ``fsync=off`` — it holds nothing worth keeping.

Where the server programs come from, first found wins: ``MEDIATION_DESKTOP_PG_BIN`` (a folder holding
``initdb`` and ``postgres``), ``pg_config --bindir``, ``initdb`` on the PATH, Debian's
``/usr/lib/postgresql/<version>/bin`` (``packaging/dev.sh test`` installs Debian's ``postgresql``).

``initdb`` refuses to run as root (CI runs the tests as root): then the server runs as the ``postgres`` user
that Debian's package creates (or ``nobody``), and owns its temporary folder.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pwd

BIN_ENV = "MEDIATION_DESKTOP_PG_BIN"
SUPERUSER = "postgres"
START_TIMEOUT = 30.0
PREFIX = "mediation-pg-"


class ServerUnavailable(RuntimeError):
    """No PostgreSQL server programs on this machine (``packaging/dev.sh test`` installs them)."""


def find_bindir() -> Path | None:
    """The folder with ``initdb`` and ``postgres``, or None."""
    candidates: list[Path] = []
    if os.environ.get(BIN_ENV):
        candidates.append(Path(os.environ[BIN_ENV]))
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.CalledProcessError):
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=True).stdout
            candidates.append(Path(out.strip()))
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).resolve().parent)
    debian = Path("/usr/lib/postgresql")
    if debian.is_dir():
        versions = sorted((p for p in debian.iterdir() if p.name.isdigit()), key=lambda p: int(p.name), reverse=True)
        candidates.extend(p / "bin" for p in versions)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "postgres").is_file():
            return folder
    return None


def _server_account() -> pwd.struct_passwd | None:
    """Who runs the server: ourselves, unless we are root (initdb and postgres refuse root)."""
    if os.geteuid() != 0:
        return None
    import pwd  # here, not above: Windows has no pwd module (its PostgreSQL tests skip, see conftest)

    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    raise ServerUnavailable("running as root and there is no 'postgres' or 'nobody' user to run the server")


def _parent_death_hook() -> Callable[[], None] | None:
    """Linux: a hook for the child that gives the server SIGINT (fast shutdown) if the test process dies
    without running its atexit (killed). Made here, because the child may not import between fork and exec."""
    if not sys.platform.startswith("linux") or threading.current_thread() is not threading.main_thread():
        return None  # the signal follows the *thread* that started the server: one that ends would stop it
    import ctypes

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    pr_set_pdeathsig, sigint = ctypes.c_int(1), ctypes.c_ulong(int(signal.SIGINT))

    def hook() -> None:  # pragma: no cover - runs in the child, after it became the server's user
        prctl(pr_set_pdeathsig, sigint)

    return hook


@dataclass
class Server:
    """One running server: its folder (data and socket), process, and how long it took to start."""

    root: Path
    process: subprocess.Popen[bytes]
    initdb_seconds: float
    start_seconds: float
    _counter: itertools.count[int]
    owner_pid: int = field(default_factory=os.getpid)  # a forked child inherits the atexit hook, not the server

    @property
    def socket_dir(self) -> Path:
        return self.root

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}@/{database}?host={self.socket_dir}"

    def create_database(self) -> str:
        import psycopg

        name = f"t{os.getpid()}_{next(self._counter)}"
        with psycopg.connect(host=str(self.socket_dir), user=SUPERUSER, dbname="postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\' LOCALE \'C.UTF-8\'')
        return name

    def stop(self) -> None:
        if os.getpid() != self.owner_pid:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # fast shutdown: disconnect everyone, no checkpoint wait
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)


def _remove_stale_folders(older_than: float = 3600.0) -> None:
    """Folders of servers whose test process was killed (the server itself stopped with it, see
    ``_parent_death_hook``): an hour old and no live server in them."""
    for folder in Path(tempfile.gettempdir()).glob(PREFIX + "*"):
        try:
            if time.time() - folder.stat().st_mtime < older_than:
                continue
            pid_file = folder / "data" / "postmaster.pid"
            if pid_file.exists():
                pid = int(pid_file.read_text().split()[0])
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, 0)
                    continue  # still running
        except (OSError, ValueError, IndexError):
            continue
        shutil.rmtree(folder, ignore_errors=True)


def start_server() -> Server:
    """initdb in a new temporary folder, then start ``postgres`` on a Unix socket there."""
    bindir = find_bindir()
    if bindir is None:
        raise ServerUnavailable("PostgreSQL server programs not found (bash packaging/dev.sh test installs them, "
                                f"or set {BIN_ENV})")
    account = _server_account()
    _remove_stale_folders()
    root = Path(tempfile.mkdtemp(prefix=PREFIX))
    data = root / "data"
    as_user: dict[str, object] = {}
    if account is not None:
        os.chown(root, account.pw_uid, account.pw_gid)
        as_user = {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}
    env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
    env.pop("PGDATA", None)
    started = time.perf_counter()
    init = subprocess.run([str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust",
                           "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"],
                          cwd=root, env=env, capture_output=True, text=True, **as_user)  # type: ignore[call-overload]
    if init.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        raise ServerUnavailable(f"initdb failed: {init.stderr.strip() or init.stdout.strip()}")
    initdb_seconds = time.perf_counter() - started
    started = time.perf_counter()
    try:
        process = _spawn_postgres(bindir, root, data, env, as_user)
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    server = Server(root, process, initdb_seconds, 0.0, itertools.count(1))
    try:
        _wait_ready(server)
    except BaseException:
        server.stop()
        raise
    server.start_seconds = time.perf_counter() - started
    return server


def _spawn_postgres(bindir: Path, root: Path, data: Path, env: dict[str, str],
                    as_user: dict[str, object]) -> subprocess.Popen[bytes]:
    """The server process: Unix socket in ``root`` only, no durability (throwaway data)."""
    with open(root / "server.log", "wb") as log:
        return subprocess.Popen(  # type: ignore[call-overload,no-any-return]
            [str(bindir / "postgres"), "-D", str(data), "-k", str(root), "-c", "listen_addresses=",
             "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
             "-c", "max_connections=50", "-c", "shared_buffers=32MB"],
            cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, preexec_fn=_parent_death_hook(), **as_user)


def _wait_ready(server: Server) -> None:
    import psycopg

    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if server.process.poll() is not None:
            log = (server.root / "server.log").read_text(errors="replace")
            raise ServerUnavailable(f"postgres exited with {server.process.returncode}: {log.strip()[-2000:]}")
        try:
            with psycopg.connect(host=str(server.socket_dir), user=SUPERUSER, dbname="postgres", connect_timeout=2):
                return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


_server: Server | None = None
_failure: ServerUnavailable | None = None  # tried once and failed: do not try again for every test
_lock = threading.Lock()


def server() -> Server:
    """The session's server, started on first use and stopped at interpreter exit."""
    global _server, _failure
    with _lock:
        if _failure is not None:
            raise _failure
        if _server is None:
            try:
                _server = start_server()
            except ServerUnavailable as exc:
                _failure = exc
                raise
            atexit.register(_server.stop)
        return _server


def new_database_url() -> str:
    """A fresh, empty database on the session's throwaway server, as a SQLAlchemy URL."""
    srv = server()
    return srv.url(srv.create_database())


# Running a test directory on both backends -------------------------------------------------------------

SQLITE, POSTGRESQL = "sqlite", "postgresql"


def backend_params() -> list[object]:
    """``@pytest.fixture(params=backend_params())``: SQLite, and PostgreSQL marked ``postgres``
    (so ``-m 'not postgres'`` leaves it out)."""
    import pytest

    return [SQLITE, pytest.param(POSTGRESQL, marks=pytest.mark.postgres)]


def database_url_for(backend: str) -> str | None:
    """The ``url`` for ``open_database(paths, url)``: None (SQLite in the data folder) or a fresh PostgreSQL
    database. Without a server this skips the test — except under CI (``CI`` set), where it fails."""
    if backend == SQLITE:
        return None
    import pytest

    try:
        return new_database_url()
    except ServerUnavailable as exc:
        if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
            pytest.fail(f"PostgreSQL tests cannot run in CI: {exc}")
        pytest.skip(f"no PostgreSQL server: {exc}")


if __name__ == "__main__":  # python tests/pg_server.py: start one, print its timings and a URL, stop it
    srv = server()
    print(f"initdb {srv.initdb_seconds:.2f} s, start {srv.start_seconds:.2f} s")
    print(new_database_url())
