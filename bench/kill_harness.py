"""Kill harness: SIGKILL a writer at random points of random service workloads; nothing saved is lost.

A forked child runs a random mix of real use cases — register a case, record a session, save and sign
an agreement, record an oral agreement, a follow-up visit, an attachment — each through the services
(one ``UnitOfWork`` = one transaction). Before each action it writes ``BEGIN …`` and after the commit
``ACK …`` to a pipe, so the parent knows which saves were acknowledged. The parent kills the child
(SIGKILL, the closest a test gets to pulling the plug) after a random number of acknowledgements plus a
random delay, which lands anywhere in the next transaction, then checks:

* ``services.health.check``: ``integrity_check``, ``foreign_key_check``, the audit chain, no case
  without parties, every attachment file present with its hash;
* every acknowledged save is there, with its content;
* the action in flight is all or nothing (a case has all its parties or does not exist; an oral
  agreement exists only together with its case's new status);
* every audited row exists and every row has its audit entry (change and audit commit together).

    .venv/bin/python bench/kill_harness.py [--kills 1000] [--seed 1] [--quick]

prints the figures, and each also as ``BENCH {json}``. POSIX only (fork + SIGKILL).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import select
import shutil
import signal
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import text

from mediation_desktop.domain.enums import AttachmentKind, PartyRole, Performance, Role, SessionResult
from mediation_desktop.domain.lifecycle import CaseStatus
from mediation_desktop.paths import DataPaths
from mediation_desktop.services import agreements, records
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.attachments import add_attachment
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.health import check
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.services.setup import SetupRequest, initialise
from mediation_desktop.storage.database import Database, open_database

ACTOR = Actor("admin", "王建国", Role.DIRECTOR)
ORG = SetupRequest("330102001", "石桥村人民调解委员会", "village", "admin", "secret123", parent_code="330102")
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
            "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
            "单解仇区朴查乐欧阳司马诸葛")
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文德福寿春梅海燕喆堃珺镕昇"
AUDITED_TABLES = ("mediation_case", "party", "mediation_session", "agreement", "follow_up", "attachment")


# --- the child: a random workload that acknowledges each commit -----------------------------------

@dataclass
class Workload:
    """A random mix of user actions on ``db``; ``emit`` gets one line before and one after each."""

    db: Database
    rng: random.Random
    emit: Callable[[str], None]
    scratch: Path
    cases: dict[uuid.UUID, CaseStatus] = field(default_factory=dict)
    drafts: list[uuid.UUID] = field(default_factory=list)

    def load(self) -> None:
        with self.db.engine.connect() as conn:
            for cid, status in conn.execute(text("SELECT id, status FROM mediation_case")):
                self.cases[uuid.UUID(str(cid))] = CaseStatus(status)
            for (aid,) in conn.execute(text("SELECT id FROM agreement WHERE status = 'draft'")):
                self.drafts.append(uuid.UUID(str(aid)))
            conn.rollback()

    def _pick(self, *statuses: CaseStatus) -> uuid.UUID | None:
        found = [cid for cid, st in self.cases.items() if st in statuses]
        return self.rng.choice(found) if found else None

    def step(self, token: str) -> None:
        ops: list[tuple[int, Callable[[str], None]]] = [(4, self.register), (3, self.session), (1, self.oral),
                                                        (2, self.draft), (2, self.sign), (2, self.follow_up),
                                                        (1, self.attachment)]
        weights = [w for w, _ in ops]
        self.rng.choices([op for _, op in ops], weights)[0](token)

    def _name(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(self.rng.choice(GIVEN) for _ in range(self.rng.randint(1, 2)))

    def register(self, token: str) -> None:
        n = self.rng.randint(1, 4)
        parties = [PartyInput(self._name(), role=PartyRole.APPLICANT if i == 0 else PartyRole.RESPONDENT)
                   for i in range(n)]
        self.emit(f"BEGIN register {token} {n}")
        category = self.rng.choice(["neighbour", "marriage_family", "house_homestead", "contract"])
        reg = register_case(self.db, ACTOR, CaseInput(category, parties, summary=f"纠纷经过 {token}",
                                                      amount_involved=str(self.rng.randint(0, 90000))))
        self.cases[reg.case_id] = CaseStatus.ACCEPTED
        self.emit(f"ACK register {token} {reg.case_id} {n}")

    def session(self, token: str) -> None:
        cid = self._pick(CaseStatus.ACCEPTED, CaseStatus.MEDIATING)
        if cid is None:
            return self.register(token)
        self.emit(f"BEGIN session {token} {cid}")
        sid = records.add_session(self.db, ACTOR, cid, records.SessionInput(SessionResult.POSTPONED, record=token))
        self.cases[cid] = CaseStatus.MEDIATING
        self.emit(f"ACK session {token} {sid} {cid}")

    def oral(self, token: str) -> None:
        cid = self._pick(CaseStatus.MEDIATING)
        if cid is None:
            return self.session(token)
        self.emit(f"BEGIN oral {token} {cid}")
        aid = agreements.record_oral(self.db, ACTOR, cid, agreements.AgreementInput([f"口头协议 {token}"]))
        self.cases[cid] = CaseStatus.AGREED
        self.emit(f"ACK oral {token} {aid} {cid}")

    def draft(self, token: str) -> None:
        cid = self._pick(CaseStatus.MEDIATING)
        if cid is None:
            return self.session(token)
        self.emit(f"BEGIN draft {token} {cid}")
        aid = agreements.save_draft(self.db, ACTOR, cid, agreements.AgreementInput(
            [f"协议条款 {token}", "双方各自承担费用"], performance_deadline=dt.date.today() + dt.timedelta(days=30)))
        self.drafts.append(aid)
        self.emit(f"ACK draft {token} {aid} {cid}")

    def sign(self, token: str) -> None:
        if not self.drafts:
            return self.draft(token)
        aid = self.drafts.pop(self.rng.randrange(len(self.drafts)))
        with self.db.engine.connect() as conn:
            cid = uuid.UUID(str(conn.execute(text("SELECT case_id FROM agreement WHERE id = :i"),
                                             {"i": aid.hex}).scalar()))
            conn.rollback()
        if self.cases.get(cid) != CaseStatus.MEDIATING:
            return None  # the case moved on through another agreement: nothing to sign here
        self.emit(f"BEGIN sign {token} {aid}")
        agreements.sign(self.db, ACTOR, aid)
        self.cases[cid] = CaseStatus.AGREED
        self.emit(f"ACK sign {token} {aid} {cid}")

    def follow_up(self, token: str) -> None:
        cid = self._pick(CaseStatus.AGREED)
        if cid is None:
            return self.oral(token)
        done = self.rng.random() < 0.3
        self.emit(f"BEGIN follow_up {token} {cid}")
        fid = records.add_follow_up(self.db, ACTOR, cid, records.FollowUpInput(
            Performance.DONE if done else Performance.PARTIAL, visitee=self._name(), findings=token))
        if done:
            self.cases[cid] = CaseStatus.PERFORMED
        self.emit(f"ACK follow_up {token} {fid} {cid}")

    def attachment(self, token: str) -> None:
        cid = self._pick(CaseStatus.ACCEPTED, CaseStatus.MEDIATING, CaseStatus.AGREED)
        if cid is None:
            return self.register(token)
        source = self.scratch / f"scan-{token}.jpg"
        source.write_bytes(b"\xff\xd8\xff\xe0" + (f"扫描件 {token} ".encode()) * self.rng.randint(10, 4000))  # (a JPEG)
        self.emit(f"BEGIN attachment {token} {cid}")
        aid = add_attachment(self.db, ACTOR, cid, source, kind=AttachmentKind.SIGNED_AGREEMENT)
        self.emit(f"ACK attachment {token} {aid} {cid}")


def child(root: Path, seed: int, wfd: int, prepare: Callable[[], None] | None = None) -> None:
    """Run forever (until killed); never returns. ``prepare`` runs first (the fault harness arms its
    injector there)."""
    code = 0
    try:
        def emit(line: str) -> None:
            os.write(wfd, (line + "\n").encode())

        db = open_database(DataPaths(root))
        # the scratch folder sits in the harness's folder, which the parent removes (this child ends in os._exit)
        work = Workload(db, random.Random(seed), emit, Path(tempfile.mkdtemp(prefix="scratch-", dir=root.parent)))
        work.load()
        emit("READY")
        if prepare is not None:
            prepare()
        i = 0
        while True:
            work.step(f"K{seed}x{i}")
            i += 1
    except BaseException as exc:  # only reached when something is wrong (or, in the fault harness, faulted)
        try:
            os.write(wfd, f"ERR {type(exc).__name__} {str(exc)[:300]!r}\n".encode())
        except OSError:
            pass
        code = 3
    os._exit(code)


# --- the parent: kill, then check -----------------------------------------------------------------

@dataclass
class Ledger:
    """What the child said: acknowledged saves and the one in flight."""

    acks: list[list[str]] = field(default_factory=list)
    begun: list[str] | None = None
    errors: list[str] = field(default_factory=list)
    ready: bool = False

    def feed(self, line: str) -> None:
        parts = line.split()
        if not parts:
            return
        if parts[0] == "READY":
            self.ready = True
        elif parts[0] == "BEGIN":
            self.begun = parts[1:]
        elif parts[0] == "ACK":
            self.acks.append(parts[1:])
            self.begun = None
        elif parts[0] == "ERR":
            self.errors.append(line)


def run_child(root: Path, seed: int, *, kill_after_acks: int, delay: float, timeout: float = 30.0,
              prepare: Callable[[], None] | None = None) -> Ledger:
    """Fork a workload child, kill it ``delay`` s after its ``kill_after_acks``-th acknowledgement (or when it
    stops by itself), and return what it acknowledged."""
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(rfd)
        child(root, seed, wfd, prepare)
    os.close(wfd)
    ledger = Ledger()
    buf = b""
    deadline = time.monotonic() + timeout
    kill_at: float | None = None
    exited = False
    while True:
        now = time.monotonic()
        if kill_at is None and len(ledger.acks) >= kill_after_acks and (ledger.ready or kill_after_acks == 0):
            kill_at = now + delay
        if (kill_at is not None and now >= kill_at) or now >= deadline:
            break
        wait = 0.05 if kill_at is None else max(0.0, kill_at - now)
        ready, _, _ = select.select([rfd], [], [], wait)
        if ready:
            chunk = os.read(rfd, 65536)
            if not chunk:
                exited = True
                break
            buf += chunk
            *lines, buf = buf.split(b"\n")
            for line in lines:
                ledger.feed(line.decode())
    if not exited:
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    while True:  # whatever was already in the pipe was acknowledged before the kill
        chunk = os.read(rfd, 65536)
        if not chunk:
            break
        buf += chunk
    for line in buf.split(b"\n"):
        ledger.feed(line.decode())
    os.close(rfd)
    return ledger


@dataclass
class Verdict:
    checked: int = 0
    lost: list[str] = field(default_factory=list)
    half: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _hex(value: str) -> str:
    return uuid.UUID(value).hex


def verify(root: Path, acks: list[list[str]], begun: list[str] | None) -> Verdict:
    """Check the data folder after a kill against everything acknowledged so far."""
    v = Verdict()
    db = open_database(DataPaths(root))
    try:
        v.problems += [f"{p.key} {p.params}" for p in check(db)]
        with db.engine.connect() as conn:
            def q(sql: str, **kw: Any) -> list[Any]:
                return list(conn.execute(text(sql), kw).all())

            for ack in acks:
                op, token, rid = ack[0], ack[1], _hex(ack[2])
                ok = False
                if op == "register":
                    rows = q("SELECT summary, (SELECT count(*) FROM party p WHERE p.case_id = c.id) "
                             "FROM mediation_case c WHERE id = :i", i=rid)
                    ok = bool(rows) and token in rows[0][0] and rows[0][1] == int(ack[3])
                elif op == "session":
                    ok = bool(q("SELECT 1 FROM mediation_session WHERE id = :i AND record = :t", i=rid, t=token))
                elif op in ("oral", "draft"):
                    ok = bool(q("SELECT 1 FROM agreement WHERE id = :i AND terms LIKE :t", i=rid, t=f"%{token}%"))
                elif op == "sign":
                    ok = bool(q("SELECT 1 FROM agreement WHERE id = :i AND status IN ('signed', 'superseded')", i=rid))
                elif op == "follow_up":
                    ok = bool(q("SELECT 1 FROM follow_up WHERE id = :i AND findings = :t", i=rid, t=token))
                elif op == "attachment":
                    ok = bool(q("SELECT 1 FROM attachment WHERE id = :i", i=rid))
                v.checked += 1
                if not ok:
                    v.lost.append(" ".join(ack))
            if begun is not None and begun[0] == "register":  # the case in flight: whole or absent
                rows = q("SELECT (SELECT count(*) FROM party p WHERE p.case_id = c.id) FROM mediation_case c "
                         "WHERE summary LIKE :t", t=f"%{begun[1]}")
                if len(rows) > 1 or (rows and rows[0][0] != int(begun[2])):
                    v.half.append(" ".join(begun))
            if begun is not None and begun[0] == "oral":  # agreement and the case's new status together
                rows = q("SELECT c.status FROM agreement a JOIN mediation_case c ON c.id = a.case_id "
                         "WHERE a.terms LIKE :t", t=f"%{begun[1]}%")
                if rows and rows[0][0] != "agreed":
                    v.half.append(" ".join(begun))
            # every row has its audit entry and every audited creation its row: they committed together
            for table in AUDITED_TABLES:
                stored = {r[0] for r in q(f"SELECT id FROM {table}")}
                audited = {_hex(r[0]) for r in q("SELECT entity_id FROM audit_entry WHERE entity_type = :t "
                                                 "AND action LIKE '%/create'", t=table)}
                if stored != audited:
                    v.half.append(f"{table}: {len(stored ^ audited)} rows without audit or audit without row")
            conn.rollback()
    finally:
        db.dispose()
    return v


def make_template(root: Path, cases: int = 10, seed: int = 7) -> None:
    """An initialised data folder with a few cases, to copy for each series of kills."""
    db = open_database(DataPaths(root))
    try:
        initialise(db, ORG)
        scratch = Path(tempfile.mkdtemp(prefix="kill-template-"))
        lines: list[str] = []
        work = Workload(db, random.Random(seed), lines.append, scratch)
        for i in range(cases):
            work.step(f"T{i}")
        shutil.rmtree(scratch, ignore_errors=True)
    finally:
        db.dispose()


@dataclass
class Totals:
    kills: int = 0
    acked: int = 0
    checked: int = 0
    lost: int = 0
    half: int = 0
    damaged_rounds: int = 0
    child_errors: int = 0
    in_flight: int = 0
    failures: list[str] = field(default_factory=list)


def run(kills: int, *, seed: int = 1, fresh_every: int = 25, workdir: Path | None = None,
        log: Callable[[str], None] = lambda _m: None) -> Totals:
    """``kills`` rounds of fork → random workload → SIGKILL → verify; a fresh copy of the template every
    ``fresh_every`` rounds keeps the database (and the checks) small."""
    rng = random.Random(seed)
    base = Path(tempfile.mkdtemp(prefix="kill-harness-", dir=workdir))
    template = base / "template"
    make_template(template)
    totals = Totals()
    data = base / "data"
    acks: list[list[str]] = []
    try:
        for round_no in range(kills):
            if round_no % fresh_every == 0:
                shutil.rmtree(data, ignore_errors=True)
                shutil.copytree(template, data)
                acks = []
            ledger = run_child(data, rng.randrange(1 << 30), kill_after_acks=rng.choice([0, 0, 1, 2, 3, 5, 8]),
                               delay=rng.uniform(0.0, 0.06))
            totals.kills += 1
            totals.acked += len(ledger.acks)
            totals.in_flight += ledger.begun is not None
            acks += ledger.acks
            if ledger.errors:
                totals.child_errors += 1
                totals.failures.append(f"round {round_no}: child error {ledger.errors[0]}")
            v = verify(data, acks, ledger.begun)
            totals.checked += v.checked
            totals.lost += len(v.lost)
            totals.half += len(v.half)
            if v.problems:
                totals.damaged_rounds += 1
            for what in (v.lost[:3], v.half[:3], v.problems[:3]):
                totals.failures += [f"round {round_no}: {w}" for w in what]
            if (round_no + 1) % 50 == 0:
                log(f"  {round_no + 1} kills, {totals.acked} acknowledged saves, losses {totals.lost}")
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return totals


def bench_line(figure: str, value: float, unit: str, budget: float | None, ok: bool, *, better: str = "lower") -> str:
    """``better``: "higher" for the counts that must reach their budget (kills, records checked)."""
    return "BENCH " + json.dumps({"figure": figure, "value": value, "unit": unit, "budget": budget,
                                  "baseline": None, "verdict": "ok" if ok else "missed", "better": better},
                                 ensure_ascii=False)


def report(t: Totals, kills_budget: int, seconds: float) -> list[str]:
    clean = t.lost == 0 and t.half == 0 and t.damaged_rounds == 0 and t.child_errors == 0
    return [
        f"kill harness: {t.kills} kills in {seconds:.1f} s, {t.acked} acknowledged saves, "
        f"{t.checked} record checks, {t.in_flight} kills inside an action",
        f"  acknowledged saves lost: {t.lost}; half-saved actions: {t.half}; damaged databases: "
        f"{t.damaged_rounds}; child errors: {t.child_errors}",
        *[f"  FAIL {f}" for f in t.failures[:20]],
        bench_line("kill harness: kills survived undamaged", t.kills - t.damaged_rounds, "kills", kills_budget,
                   clean and t.kills >= kills_budget, better="higher"),
        bench_line("kill harness: acknowledged saves lost", t.lost, "records", 0, t.lost == 0),
        bench_line("kill harness: records checked after kills", t.checked, "records", t.kills, t.checked >= t.kills,
                   better="higher"),
        bench_line("kill harness: half-saved actions", t.half, "actions", 0, t.half == 0),
    ]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--kills", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--quick", action="store_true", help="100 kills (for the benchmark runner's quick mode)")
    args = p.parse_args(argv)
    if args.quick:
        args.kills = min(args.kills, 100)
    if not hasattr(os, "fork"):
        print("kill harness needs fork() (Linux/macOS)")
        return 2
    started = time.perf_counter()
    totals = run(args.kills, seed=args.seed, log=print)
    for line in report(totals, args.kills, time.perf_counter() - started):
        print(line, flush=True)
    return 0 if totals.lost == totals.half == totals.damaged_rounds == totals.child_errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
