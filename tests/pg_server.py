"""A throwaway PostgreSQL server for the tests: started on first use, stopped when the interpreter exits.

``new_database_url()`` hands out a fresh database on it (``postgresql+psycopg://…?host=SOCKETDIR``): a copy of one
this process migrated, or empty for a test marked ``fresh_migrations`` (tests/migrated_template.py).
The server lives in a temporary folder, listens only on a Unix socket there (no TCP port to collide with
another run), trusts local connections and runs with ``fsync=off`` — it holds nothing worth keeping.

**A server given from outside** (``MEDIATION_TEST_PG_SERVER``, a URL such as
``postgresql+psycopg://postgres:PASSWORD@127.0.0.1:PORT/postgres``): the tests use it instead of starting
their own, and ``new_database_url()`` creates each fresh database on it over TCP. The Windows lane
(``packaging/windows/test.sh``) starts one on Linux with ``python tests/pg_server.py --serve-tcp`` (a TCP
mode: 127.0.0.1 only, on a free port, a random password checked by ``scram-sha-256`` for TCP and nothing
else in ``pg_hba.conf``) and stops it after the suite; a Windows process cannot start Debian's server, but
the hub's client side (psycopg's Windows wheel) then runs against it.

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
import secrets
import shutil
import signal
import socket
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
EXTERNAL_ENV = "MEDIATION_TEST_PG_SERVER"  # a running server's URL: use it, start none (see the docstring)
SUPERUSER = "postgres"
START_TIMEOUT = 30.0
PREFIX = "mediation-pg-"
LOOPBACK = "127.0.0.1"  # the TCP mode listens on this address only, never another


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
    import pwd  # here, not above: Windows has no pwd module (there the server is given from outside)

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
    """One running server: its folder (data and socket), process, and how long it took to start.

    ``tcp``: also listening on 127.0.0.1 at that port (TCP mode), where clients sign in with ``password``."""

    root: Path
    process: subprocess.Popen[bytes]
    initdb_seconds: float
    start_seconds: float
    _counter: itertools.count[int]
    owner_pid: int = field(default_factory=os.getpid)  # a forked child inherits the atexit hook, not the server
    tcp: int | None = None
    password: str | None = None

    @property
    def socket_dir(self) -> Path:
        return self.root

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}@/{database}?host={self.socket_dir}"

    def tcp_url(self, database: str = "postgres") -> str:
        """The URL a client on this machine uses over TCP (TCP mode only)."""
        assert self.tcp is not None and self.password is not None
        return f"postgresql+psycopg://{SUPERUSER}:{self.password}@{LOOPBACK}:{self.tcp}/{database}"

    def create_database(self, template: str = "template0") -> str:
        import psycopg

        name = f"t{os.getpid()}_{next(self._counter)}"
        with psycopg.connect(host=str(self.socket_dir), user=SUPERUSER, dbname="postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" ENCODING \'UTF8\' LOCALE \'C.UTF-8\'')
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


@dataclass
class ExternalServer:
    """A server someone else started and will stop (``MEDIATION_TEST_PG_SERVER``): fresh databases over TCP."""

    base_url: str
    _counter: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def url(self, database: str = "postgres") -> str:
        from sqlalchemy.engine import make_url

        return make_url(self.base_url).set(database=database).render_as_string(hide_password=False)

    def _libpq_url(self, database: str) -> str:
        from sqlalchemy.engine import make_url

        return make_url(self.url(database)).set(drivername="postgresql").render_as_string(hide_password=False)

    def create_database(self, template: str = "template0") -> str:
        import psycopg

        # the process id alone is not enough: the Windows workers and the Linux ones share the server's names
        name = f"t{os.getpid()}_{sys.platform[:3]}_{next(self._counter)}"
        with psycopg.connect(self._libpq_url("postgres"), autocommit=True, connect_timeout=10) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" ENCODING \'UTF8\' LOCALE \'C.UTF-8\'')
        return name

    def stop(self) -> None:
        """Not ours to stop: whoever started it stops it (and its data goes with it)."""


def external_server_url() -> str | None:
    """The URL of a server given from outside, if any (see the module docstring)."""
    return os.environ.get(EXTERNAL_ENV) or None


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


def start_server(*, tcp: bool = False) -> Server:
    """initdb in a new temporary folder, then start ``postgres`` on a Unix socket there.

    ``tcp``: also on 127.0.0.1 at a free port, TCP sign-in by a random password (``scram-sha-256``), and
    ``pg_hba.conf`` allows nothing but the Unix socket and 127.0.0.1."""
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
    password = secrets.token_urlsafe(18) if tcp else None
    auth = ["--auth=trust"]
    if password is not None:
        (root / "pwfile").write_text(password + "\n", encoding="utf-8")
        if account is not None:
            os.chown(root / "pwfile", account.pw_uid, account.pw_gid)
        auth = ["--auth-local=trust", "--auth-host=scram-sha-256", f"--pwfile={root / 'pwfile'}"]
    started = time.perf_counter()
    init = subprocess.run([str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, *auth,
                           "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"],
                          cwd=root, env=env, capture_output=True, text=True, **as_user)  # type: ignore[call-overload]
    (root / "pwfile").unlink(missing_ok=True)
    if init.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        raise ServerUnavailable(f"initdb failed: {init.stderr.strip() or init.stdout.strip()}")
    if password is not None:  # initdb's file also lets in ::1 and replication: only the socket and 127.0.0.1
        (data / "pg_hba.conf").write_text(f"local all all trust\nhost all all {LOOPBACK}/32 scram-sha-256\n",
                                          encoding="utf-8")
    initdb_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for attempt in range(5):  # a free port can be taken between choosing it and the server binding it
        port = _free_port() if tcp else None
        try:
            process = _spawn_postgres(bindir, root, data, env, as_user, port)
        except BaseException:
            shutil.rmtree(root, ignore_errors=True)
            raise
        server = Server(root, process, initdb_seconds, 0.0, itertools.count(1), tcp=port, password=password)
        try:
            _wait_ready(server)
        except ServerUnavailable as exc:
            if port is not None and attempt < 4 and "could not bind" in str(exc):
                continue
            server.stop()
            raise
        except BaseException:
            server.stop()
            raise
        server.start_seconds = time.perf_counter() - started
        return server
    raise AssertionError("unreachable")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


def _spawn_postgres(bindir: Path, root: Path, data: Path, env: dict[str, str],
                    as_user: dict[str, object], port: int | None = None) -> subprocess.Popen[bytes]:
    """The server process: Unix socket in ``root`` (and, given a ``port``, TCP on 127.0.0.1 only), no
    durability (throwaway data)."""
    listen = ["-c", "listen_addresses="] if port is None else ["-c", f"listen_addresses={LOOPBACK}", "-p", str(port)]
    with open(root / "server.log", "wb") as log:  # (a second try on another port starts the log again)
        return subprocess.Popen(  # type: ignore[call-overload,no-any-return]
            [str(bindir / "postgres"), "-D", str(data), "-k", str(root), *listen,
             "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
             "-c", "max_connections=50", "-c", "shared_buffers=32MB"],
            cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, preexec_fn=_parent_death_hook(), **as_user)


def _wait_ready(server: Server) -> None:
    import psycopg

    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if server.process.poll() is not None:
            log = (server.root / "server.log").read_text(encoding="utf-8", errors="replace")
            raise ServerUnavailable(f"postgres exited with {server.process.returncode}: {log.strip()[-2000:]}")
        try:
            with psycopg.connect(host=str(server.socket_dir), port=server.tcp or 5432, user=SUPERUSER,
                                 dbname="postgres", connect_timeout=2):
                return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


_server: Server | ExternalServer | None = None
_failure: ServerUnavailable | None = None  # tried once and failed: do not try again for every test
_lock = threading.Lock()


def server() -> Server | ExternalServer:
    """The session's server, started on first use and stopped at interpreter exit (or the one given from
    outside, ``MEDIATION_TEST_PG_SERVER``)."""
    global _server, _failure
    with _lock:
        if _failure is not None:
            raise _failure
        if _server is None and external_server_url():
            _server = ExternalServer(str(external_server_url()))
        if _server is None:
            try:
                _server = start_server()
            except ServerUnavailable as exc:
                _failure = exc
                raise
            atexit.register(_server.stop)
        return _server


# A test's new database is a copy of one this process migrated (tests/migrated_template.py says why), unless the
# test is marked ``fresh_migrations`` (tests/conftest.py then sets this to False for it): empty, from template0.
use_migrated_template = True
_migrated: dict[int, str] = {}  # the server (its id) → the name of this process's migrated database on it


def _migrated_template(srv: Server | ExternalServer) -> str:
    """A database on ``srv`` brought to the newest revision by the program's own migrations, once per process;
    nobody connects to it afterwards, so PostgreSQL can copy it (CREATE DATABASE … TEMPLATE)."""
    name = _migrated.get(id(srv))
    if name is None:
        from mediation_desktop.paths import DataPaths
        from mediation_desktop.storage.database import open_database

        name = srv.create_database()
        folder = tempfile.mkdtemp(prefix="migrated-template-")
        try:
            open_database(DataPaths(Path(folder) / "data"), srv.url(name)).dispose()
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        _migrated[id(srv)] = name
    return name


_made: list[str] = []  # the databases new_database_url made, in order (dropped again: drop_databases_since)


def new_database_url() -> str:
    """A fresh database on the session's throwaway server, as a SQLAlchemy URL: empty, or (for a test that is not
    about the migrations of a new database) at the newest revision, as the program's migrations leave it."""
    srv = server()
    name = srv.create_database(_migrated_template(srv) if use_migrated_template else "template0")
    _made.append(name)
    return srv.url(name)


def note_made(name: str) -> None:
    """A database a test made on the server by itself (a copy: ``CREATE DATABASE … TEMPLATE``), dropped with the
    ones ``new_database_url`` made."""
    _made.append(name)


def databases_made() -> int:
    """How many databases new_database_url has made in this process (a mark for ``drop_databases_since``)."""
    return len(_made)


_left: list[str] = []  # databases a test left still open: tried again after the next test


def drop_databases_since(mark: int) -> None:
    """Drop the databases made since ``mark`` (a test module's, its fixtures now torn down) and any an earlier
    module left open. Each is 9 MB on disk and a suite makes thousands: the Windows suite's server, on
    the Linux side, held them all until the suite ended, beside two Wine prefixes. A database someone still has
    open (a module's fixture, an engine not yet collected) is not dropped (no FORCE): tried again next time."""
    import psycopg

    names = _left + _made[mark:]
    del _made[mark:]
    _left.clear()
    if not names or _server is None:
        return
    srv = _server
    target = (dict(host=str(srv.socket_dir), user=SUPERUSER, dbname="postgres") if isinstance(srv, Server)
              else dict(conninfo=srv._libpq_url("postgres"), connect_timeout=10))
    with psycopg.connect(autocommit=True, **target) as conn:
        for name in names:
            try:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            except psycopg.errors.ObjectInUse:
                _left.append(name)


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


def serve_tcp() -> None:
    """``python tests/pg_server.py --serve-tcp``: a TCP-mode server until SIGTERM or SIGINT. Its URL (for
    ``MEDIATION_TEST_PG_SERVER``) is the first line on stdout, once it accepts connections; then the
    timings on stderr. Stopping it removes its data; so does the end of the process that started it (even
    killed: this one is then handed to another parent)."""
    parent = os.getppid()
    srv = start_server(tcp=True)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, lambda *_: stop.set())
    try:
        print(srv.tcp_url(), flush=True)
        print(f"PostgreSQL on {LOOPBACK}:{srv.tcp}: initdb {srv.initdb_seconds:.2f} s, start "
              f"{srv.start_seconds:.2f} s", file=sys.stderr, flush=True)
        while not stop.wait(1.0) and os.getppid() == parent:
            if srv.process.poll() is not None:
                raise SystemExit(f"postgres exited with {srv.process.returncode}")
    finally:
        srv.stop()


if __name__ == "__main__":  # python tests/pg_server.py: start one, print its timings and a URL, stop it
    if sys.argv[1:] == ["--serve-tcp"]:
        serve_tcp()
        raise SystemExit(0)
    srv = server()
    if isinstance(srv, Server):
        print(f"initdb {srv.initdb_seconds:.2f} s, start {srv.start_seconds:.2f} s")
    print(new_database_url())
