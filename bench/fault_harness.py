"""I/O-fault harness: failing writes, failing fsyncs and a full disk give clean errors and corrupt nothing.

A tiny C shim, loaded with ``LD_PRELOAD``, sits between the program and the C library's ``write``,
``pwrite``, ``writev``, ``fsync``, ``fdatasync`` and ``ftruncate``: it is dormant until armed, and once
armed it lets the next *n* calls on regular files through and then fails one (``EIO``, a bad sector) or
all of them (``ENOSPC``, a full disk). It catches everything that writes — SQLite's database and
write-ahead log, the attachment store, backups — because they all end in those calls.

Each round forks a child that opens the database, arms the shim at a random point and runs the random
service workload of the kill harness (with a backup now and then). Every failure must reach the user
as a clear message (a ``MediationError``, or ``services.backups.explain_storage_error`` turning it into
``storage.disk_full`` / ``storage.io_error``); then the fault is lifted and the next action must
succeed. The parent checks the data as the kill harness does — integrity, foreign keys, audit chain,
every acknowledged save present, nothing half-saved — and that every backup under its final name
verifies.

    .venv/bin/python bench/fault_harness.py [--faults 300] [--seed 1] [--quick]

Linux only (LD_PRELOAD + fork) and needs a C compiler (``cc``) to build the shim.
"""

from __future__ import annotations

import argparse
import ctypes
import datetime as dt
import errno
import hashlib
import json
import os
import random
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import kill_harness

from mediation_desktop.errors import MediationError
from mediation_desktop.paths import DataPaths
from mediation_desktop.services import backups
from mediation_desktop.storage import backup as store_backup
from mediation_desktop.storage.database import open_database

SHIM_SOURCE = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static long armed_after = -1, calls = 0, injected = 0;
static int fault_errno = 0, sticky = 0, which = 3;   /* which: 1 = writes, 2 = syncs, 3 = both */

void fault_arm(long after, int err, int is_sticky, int kinds) {
    calls = 0; injected = 0; fault_errno = err; sticky = is_sticky; which = kinds; armed_after = after;
}
void fault_disarm(void) { armed_after = -1; }
long fault_injected(void) { return injected; }

static int fail(int fd, int kind) {
    struct stat st;
    if (armed_after < 0 || !(which & kind) || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
    if (++calls <= armed_after || (!sticky && injected > 0)) return 0;
    injected++;
    errno = fault_errno;
    return 1;
}

#define REAL(name) static __typeof__(name) *real = 0; if (!real) real = (__typeof__(name) *) dlsym(RTLD_NEXT, #name)

ssize_t write(int fd, const void *b, size_t n) { REAL(write); return fail(fd, 1) ? -1 : real(fd, b, n); }
ssize_t pwrite(int fd, const void *b, size_t n, off_t o) { REAL(pwrite); return fail(fd, 1) ? -1 : real(fd, b, n, o); }
ssize_t pwrite64(int fd, const void *b, size_t n, off64_t o) {
    REAL(pwrite64); return fail(fd, 1) ? -1 : real(fd, b, n, o);
}
ssize_t writev(int fd, const struct iovec *v, int c) { REAL(writev); return fail(fd, 1) ? -1 : real(fd, v, c); }
int ftruncate(int fd, off_t l) { REAL(ftruncate); return fail(fd, 1) ? -1 : real(fd, l); }
int ftruncate64(int fd, off64_t l) { REAL(ftruncate64); return fail(fd, 1) ? -1 : real(fd, l); }
int fsync(int fd) { REAL(fsync); return fail(fd, 2) ? -1 : real(fd); }
int fdatasync(int fd) { REAL(fdatasync); return fail(fd, 2) ? -1 : real(fd); }
"""
SHIM_ENV = "MEDIATION_FAULT_SHIM"


def build_shim() -> Path:
    """Compile the shim once per source version (cached in the temp folder)."""
    digest = hashlib.sha256(SHIM_SOURCE.encode()).hexdigest()[:16]
    folder = Path(tempfile.gettempdir()) / f"mediation-fault-shim-{digest}"
    lib = folder / "fault_shim.so"
    if lib.is_file():
        return lib
    folder.mkdir(parents=True, exist_ok=True)
    src = folder / "fault_shim.c"
    src.write_text(SHIM_SOURCE)
    tmp = folder / f".fault_shim.{os.getpid()}.so"
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        raise RuntimeError("no C compiler (cc) to build the fault shim")
    subprocess.run([compiler, "-shared", "-fPIC", "-O2", "-o", str(tmp), str(src), "-ldl"], check=True)
    os.replace(tmp, lib)
    return lib


def shim_loaded() -> Path | None:
    path = os.environ.get(SHIM_ENV)
    return Path(path) if path and path in os.environ.get("LD_PRELOAD", "") else None


# --- the child --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Fault:
    after: int  # regular-file write/sync calls let through before the first failure
    err: int
    sticky: bool  # every later call fails too (a full disk) until lifted
    kinds: int  # 1 writes, 2 syncs, 3 both
    actions: int  # actions attempted while armed
    with_backup: bool

    def describe(self) -> str:
        what = {1: "writes", 2: "syncs", 3: "writes+syncs"}[self.kinds]
        return f"{errno.errorcode[self.err]} {'from' if self.sticky else 'once at'} call {self.after} on {what}"


def fault_child(root: Path, seed: int, fault: Fault, wfd: int, shim: Path) -> None:  # pragma: no cover
    def emit(line: str) -> None:
        os.write(wfd, (line + "\n").encode())

    lib = ctypes.CDLL(str(shim))
    lib.fault_injected.restype = ctypes.c_long
    code = 0
    try:
        db = open_database(DataPaths(root))
        # the scratch folder sits in the round's folder, which the parent removes (this child ends in os._exit)
        scratch = Path(tempfile.mkdtemp(prefix="scratch-", dir=root.parent))
        work = kill_harness.Workload(db, random.Random(seed), emit, scratch)
        work.load()
        emit("READY")
        lib.fault_arm(ctypes.c_long(fault.after), fault.err, int(fault.sticky), fault.kinds)
        when = dt.datetime(2026, 1, 1) + dt.timedelta(hours=seed % 10000)
        for i in range(fault.actions):
            try:
                if fault.with_backup and i % 4 == 3:
                    emit("BEGIN backup")
                    report = backups.backup_now(db, now=when + dt.timedelta(minutes=i))
                    emit(f"ACK backup {report.path.name}")
                else:
                    work.step(f"F{seed}x{i}")
            except Exception as exc:  # the point of the harness: how does a fault reach the user?
                clean = backups.explain_storage_error(exc)
                if clean is None and isinstance(exc, MediationError):
                    clean = exc
                emit(f"FAULT {clean.key}" if clean is not None else f"UNCLEAN {type(exc).__name__} {str(exc)[:200]!r}")
        emit(f"INJECTED {lib.fault_injected()}")
        lib.fault_disarm()
        try:  # the disk is fine again: the program carries on without a restart
            work.step(f"F{seed}xafter")
            emit("RECOVERED")
        except Exception as exc:
            emit(f"STUCK {type(exc).__name__} {str(exc)[:200]!r}")
    except BaseException as exc:
        emit(f"ERR {type(exc).__name__} {str(exc)[:300]!r}")
        code = 3
    os._exit(code)


def run_fault_child(root: Path, seed: int, fault: Fault, shim: Path, timeout: float = 60.0) -> list[str]:
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover
        os.close(rfd)
        fault_child(root, seed, fault, wfd, shim)
    os.close(wfd)
    buf = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([rfd], [], [], 0.2)
        if ready:
            chunk = os.read(rfd, 65536)
            if not chunk:
                break
            buf += chunk
    else:
        os.kill(pid, 9)
    os.waitpid(pid, 0)
    os.close(rfd)
    return [line for line in buf.decode().split("\n") if line]


# --- the parent -------------------------------------------------------------------------------

@dataclass
class FaultTotals:
    rounds: int = 0
    faults: int = 0  # failed calls injected
    clean_errors: int = 0
    unclean_errors: int = 0
    stuck: int = 0
    acked: int = 0
    checked: int = 0
    lost: int = 0
    half: int = 0
    damaged: int = 0
    bad_backups: int = 0
    backups_made: int = 0
    keys: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


def _backups_sound(folder: Path) -> list[str]:
    problems = []
    for _, path in backups.rotation(folder):
        try:
            manifest = store_backup.read_manifest(path)
            store_backup.verify_archive_members(path, manifest)
            for sha in manifest["files_shared"]:
                if store_backup.sha256_file(store_backup.store_path(folder / "files", sha)) != sha:
                    problems.append(f"{path.name}: attachment {sha[:12]}")
        except (MediationError, OSError) as exc:
            problems.append(f"{path.name}: {exc}")
    return problems


def random_fault(rng: random.Random) -> Fault:
    sticky = rng.random() < 0.5
    return Fault(after=rng.choice([0, 1, 2, 3, 5, 8, 13, 21, 40, 80]), err=errno.ENOSPC if sticky else errno.EIO,
                 sticky=sticky, kinds=rng.choice([1, 2, 3]), actions=rng.randint(3, 8),
                 with_backup=rng.random() < 0.4)


def run(rounds: int, *, seed: int = 1, fresh_every: int = 20, workdir: Path | None = None,
        log: Callable[[str], None] = lambda _m: None) -> FaultTotals:
    shim = shim_loaded()
    if shim is None:
        raise RuntimeError("run this through main(): the shim must be preloaded")
    rng = random.Random(seed)
    base = Path(tempfile.mkdtemp(prefix="fault-harness-", dir=workdir))
    template = base / "template"
    kill_harness.make_template(template)
    data = base / "data"
    t = FaultTotals()
    acks: list[list[str]] = []
    try:
        for round_no in range(rounds):
            if round_no % fresh_every == 0:
                shutil.rmtree(data, ignore_errors=True)
                shutil.copytree(template, data)
                acks = []
            fault = random_fault(rng)
            lines = run_fault_child(data, rng.randrange(1 << 30), fault, shim)
            t.rounds += 1
            ledger = kill_harness.Ledger()
            for line in lines:
                word, _, rest = line.partition(" ")
                if word == "ACK" and rest.startswith("backup"):
                    t.backups_made += 1
                    ledger.begun = None
                    continue
                if word == "BEGIN" and rest.startswith("backup"):
                    continue
                ledger.feed(line)
                if word == "INJECTED":
                    t.faults += int(rest)
                elif word == "FAULT":
                    t.clean_errors += 1
                    t.keys[rest] = t.keys.get(rest, 0) + 1
                elif word in ("UNCLEAN", "STUCK", "ERR"):
                    t.unclean_errors += word == "UNCLEAN"
                    t.stuck += word in ("STUCK", "ERR")
                    t.failures.append(f"round {round_no} ({fault.describe()}): {line}")
            acks += ledger.acks
            t.acked += len(ledger.acks)
            v = kill_harness.verify(data, acks, ledger.begun)
            t.checked += v.checked
            t.lost += len(v.lost)
            t.half += len(v.half)
            t.damaged += bool(v.problems)
            bad = _backups_sound(data / "backups")
            t.bad_backups += len(bad)
            for what in (v.lost[:3], v.half[:3], v.problems[:3], bad[:3]):
                t.failures += [f"round {round_no} ({fault.describe()}): {w}" for w in what]
            if (round_no + 1) % 50 == 0:
                log(f"  {round_no + 1} rounds, {t.faults} faults injected, losses {t.lost}")
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return t


def report(t: FaultTotals, budget_rounds: int, seconds: float) -> list[str]:
    ok = t.lost == t.half == t.damaged == t.bad_backups == t.unclean_errors == t.stuck == 0
    line = kill_harness.bench_line
    return [
        f"fault harness: {t.rounds} rounds in {seconds:.1f} s, {t.faults} failed calls injected, "
        f"{t.clean_errors} clean error messages {t.keys}, {t.acked} acknowledged saves, {t.checked} record checks, "
        f"{t.backups_made} backups made under faults",
        f"  unclean errors: {t.unclean_errors}; stuck after the fault: {t.stuck}; acknowledged saves lost: "
        f"{t.lost}; half-saved: {t.half}; damaged databases: {t.damaged}; bad backups: {t.bad_backups}",
        *[f"  FAIL {f}" for f in t.failures[:20]],
        line("fault harness: I/O faults injected", t.faults, "faults", budget_rounds, ok and t.faults >= budget_rounds,
             better="higher"),
        line("fault harness: unclean errors", t.unclean_errors + t.stuck, "errors", 0, t.unclean_errors + t.stuck == 0),
        line("fault harness: acknowledged saves lost", t.lost, "records", 0, t.lost == 0),
        line("fault harness: damaged databases or backups", t.damaged + t.bad_backups + t.half, "rounds", 0,
             t.damaged + t.bad_backups + t.half == 0),
        line("fault harness: records checked after faults", t.checked, "records", t.rounds, t.checked >= t.rounds,
             better="higher"),
    ]


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("--faults", type=int, default=300, help="rounds (each injects at least one fault)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--quick", action="store_true", help="40 rounds (for the benchmark runner's quick mode)")
    args = p.parse_args(argv)
    if args.quick:
        args.faults = min(args.faults, 40)
    if not sys.platform.startswith("linux"):
        print("fault harness: Linux only (LD_PRELOAD)")
        return 2
    if shim_loaded() is None:  # re-run this script with the shim preloaded
        shim = build_shim()
        env = {**os.environ, SHIM_ENV: str(shim),
               "LD_PRELOAD": " ".join(x for x in (str(shim), os.environ.get("LD_PRELOAD", "")) if x)}
        os.execve(sys.executable, [sys.executable, str(Path(__file__).resolve()), *argv], env)
    started = time.perf_counter()
    totals = run(args.faults, seed=args.seed, log=print)
    lines = report(totals, args.faults, time.perf_counter() - started)
    for line in lines:
        print(line, flush=True)
    verdicts = [json.loads(line[6:])["verdict"] for line in lines if line.startswith("BENCH ")]
    return 0 if verdicts and all(v == "ok" for v in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
