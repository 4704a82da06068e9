"""演示案件: many realistic demo cases, written fast and safely (one whole batch per transaction).

Content comes from a RNG seeded with (seed, number of cases already there): two fresh installations given
the same seed and day hold the same cases, and running again adds different ones. Each batch commits its
cases with all their records, the case-number counters, one change-sequence number and one audit entry
per case, or nothing (power loss, a killed process). For large runs a second process makes the cases
while this one writes (a 2-core laptop then does both at once).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import operator
import os
import pickle
import random
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from sqlalchemy import Uuid, func, select

from mediation_desktop.domain.case_number import DEFAULT_CASE_NUMBER_PATTERN, format_case_number
from mediation_desktop.domain.categories import CURRENT_SCHEME, map_code
from mediation_desktop.domain.china_time import CHINA, china_today
from mediation_desktop.domain.enums import AgreementForm, AgreementStatus, CaseSource, Performance, SessionResult
from mediation_desktop.domain.lifecycle import OPEN_STATUSES, CaseStatus
from mediation_desktop.errors import MediationError
from mediation_desktop.services import demo_stories as stories
from mediation_desktop.services import demo_text as txt
from mediation_desktop.services import search_keys
from mediation_desktop.services.demo_rows import RowIds, as_uuids, dashed, filled
from mediation_desktop.services.demo_writer import (
    BatchWriter,
    Packed,
    Plan,
    Processors,
    batch_ends,
    every,
    wal_checkpoints,
)
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.engine import WRITE
from mediation_desktop.storage.models import Base, Case, CaseNumberCounter, Installation, Mediator, Setting
from mediation_desktop.storage.planner import analyze_after_bulk_write

__all__ = ["MAX_COUNT", "PROCESS_THRESHOLD", "generate"]

MAX_COUNT = 1_000_000
PROCESS_THRESHOLD = 20_000  # from this many cases on, a second process makes them (it takes ~1 s to start)
CST = CHINA  # the mediation room's clock
Row = dict[str, Any]
_S = CaseStatus
_SUCCESS = (_S.AGREED, _S.PERFORMED)
_WORKED = (_S.MEDIATING, _S.SUSPENDED, _S.FAILED, _S.REFERRED, *_SUCCESS)
_GROUPS = ("workers", "households")


def generate(db: Database, *, count: int, seed: int = 2026, today: dt.date | None = None,
             batch_size: int | None = None, actor: str = "demo",
             progress: Callable[[int, int], None] | None = None) -> int:
    """Add ``count`` demo cases (every category and lifecycle stage) to an initialised database.

    ``progress(done, total)`` is called after each committed batch (of ``batch_size`` cases; by default as
    ``batch_ends`` divides the run). Returns the number of cases added.
    """
    if not 1 <= count <= MAX_COUNT:
        raise MediationError("demo.count", value=count, max=MAX_COUNT)
    with db.engine.connect() as conn:
        inst = conn.execute(select(Installation.id, Installation.org_code, Installation.short_name,
                                   Installation.parent_code).limit(1)).first()
        if inst is None:
            raise MediationError("setup.not_initialised", data_dir=str(db.paths.root))
        scheme = conn.scalar(select(Setting.value).where(Setting.key == "category_scheme")) or CURRENT_SCHEME
        existing = int(conn.scalar(select(func.count()).select_from(Case)) or 0)
        pattern = str(conn.scalar(select(Setting.value).where(Setting.key == "case_number_pattern"))
                      or DEFAULT_CASE_NUMBER_PATTERN)
        counters = conn.execute(select(CaseNumberCounter.year, CaseNumberCounter.last_serial)).all()
        roster = conn.scalars(select(Mediator.name).where(Mediator.owner_org_code == inst.org_code,
                                                          Mediator.deleted_at.is_(None))).all()
    plan = Plan(f"demo:{seed}:{existing}", today or china_today(), count,
                batch_ends(count) if batch_size is None else every(count, max(1, batch_size)), actor, inst.id.hex,
                inst.org_code, inst.short_name, inst.parent_code or "", str(scheme), db.is_sqlite, pattern,
                tuple((int(y), int(n)) for y, n in counters), tuple(sorted(set(roster))))
    frozen = getattr(sys, "frozen", False)  # a frozen app has no interpreter to start
    spawn = count >= PROCESS_THRESHOLD and bool(sys.executable) and not frozen
    done = 0
    with db.engine.execution_options(**WRITE).connect() as conn, few_collections(), \
            contextlib.closing(_spawned(plan) if spawn else _batches(plan)) as batches, wal_checkpoints(conn, db):
        writer = BatchWriter(conn, plan)
        for packed in batches:
            done += writer.write(packed)
            del packed
            gc.collect(1)  # (only what this batch left: see few_collections)
            if progress is not None:
                progress(done, count)
    analyze_after_bulk_write(db, done * 8)  # (PostgreSQL: the planner learns the new sizes; ~8 rows a case)
    return done


@contextlib.contextmanager
def few_collections() -> Generator[None, None, None]:
    """No automatic garbage collection while batches are made and written: the rows hold no reference
    cycles, yet every few hundred new objects started a collection, and each full one walked every object
    alive (a batch's 100,000 values, the pinyin tables): 1.1–1.6 s of the case maker's ~6.5 s per 20,000
    cases, ~0.5 s of the writer's. The loops collect the young generations after each batch instead (what a
    batch leaves: a few objects), and everything once at the end."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.collect()


def real_cases(db: Database) -> int:
    """How many cases here are not demo cases (registered, imported from a ledger or a bundle): demo data is
    not to be mixed into a committee's real records."""
    from mediation_desktop.storage.models import AuditEntry

    with db.read_session() as s:
        made = {uuid.UUID(str(e)) for e in s.scalars(select(AuditEntry.entity_id)
                                                     .where(AuditEntry.action == "demo.create_case"))}
        return sum(1 for cid in s.scalars(select(Case.id)) if cid not in made)


def _batches(plan: Plan) -> Generator[Packed, None, None]:
    maker = _Maker(plan)
    keys = maker.plan()
    procs = Processors() if plan.driver_values else None
    for start, end in zip((0, *plan.batch_ends), plan.batch_ends, strict=False):  # (each batch from the last end)
        batch = _Batch(dt.datetime.now(dt.UTC))
        maker.ids.next_batch()
        if start == 0:  # the committee's mediators the cases name, in the first batch's transaction
            batch.mediators = maker.roster(batch, plan.roster)
        for key in keys[start:end]:
            maker.case(batch, dt.date.fromordinal(key >> 10), txt.STATUS_PLAN[(key >> 5) & 31][0], key & 31)
        packed = batch.pack(procs, maker.numbers(batch.cases))
        del batch
        yield packed
        del packed
        gc.collect(1)  # (few_collections)


def _child_main() -> None:
    """The second process (``python -c``): read the plan, write pickled batches to stdout, then None."""
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a stray print() must not corrupt the stream
    try:
        with few_collections():
            for packed in _batches(pickle.load(sys.stdin.buffer)):
                pickle.dump(packed, out, pickle.HIGHEST_PROTOCOL)
                out.flush()  # the pipe holds about one batch: we stay one batch ahead of the writer
                del packed  # (before the batches' young collection: else it walks this whole batch again)
            pickle.dump(None, out)  # (before the last full collection: the writer need not wait for it)
            out.flush()
    except BrokenPipeError:  # the writer has gone (killed, or failed): stop quietly
        pass


def _spawned(plan: Plan) -> Generator[Packed, None, None]:
    """Batches made by a child interpreter (not ``multiprocessing``: that re-runs an unguarded main script)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen([sys.executable, "-c", f"from {__name__} import _child_main; _child_main()"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors, env=env)
        assert proc.stdin is not None and proc.stdout is not None
        try:
            pickle.dump(plan, proc.stdin)
            proc.stdin.close()
            while (item := _next(proc.stdout)) is not None:
                yield item
                del item  # (the writer's young collection after the batch must not find it still held here)
        except EOFError:
            proc.wait()
            errors.seek(0)
            raise RuntimeError("demo cases: " + errors.read().decode(errors="replace")[-2000:]) from None
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            proc.stdout.close()


def _next(stream: IO[bytes]) -> Packed | None:
    packed: Packed | None = pickle.load(stream)
    return packed


@dataclass
class _Batch:
    now: dt.datetime
    cases: list[Row] = field(default_factory=list)
    parties: list[Row] = field(default_factory=list)
    investigations: list[Row] = field(default_factory=list)
    sessions: list[Row] = field(default_factory=list)
    agreements: list[Row] = field(default_factory=list)
    follow_ups: list[Row] = field(default_factory=list)
    referrals: list[Row] = field(default_factory=list)
    mediators: list[Row] = field(default_factory=list)
    party_counts: list[int] = field(default_factory=list)
    summary_pieces: list[list[str]] = field(default_factory=list)  # each case's summary (``demo_rows.filled``)

    def search_tokens(self, numbers: list[list[str]]) -> list[tuple[str, str, str]]:
        """The search tokens of each case (``search_keys.case_tokens``) with these case numbers (each in pieces:
        ``_Maker.numbers``), made here (in the second process when there is one)."""
        texts = {c["id"]: search_keys.CaseText(c["id"], "".join(number), c["title"], c["summary"] or "")
                 for c, number in zip(self.cases, numbers, strict=True)}
        for p in self.parties:
            entry = texts[p["case_id"]]
            entry.names.extend(n for n in (p["name"], p.get("representative")) if n)
            entry.numbers.extend(n for n in (p.get("id_number"), p.get("phone")) if n)
        return [search_keys.case_tokens(t, search_keys.joined_pairs([t.title, " ", *pieces]),
                                        search_keys.joined_number_tokens(number))
                for t, pieces, number in zip(texts.values(), self.summary_pieces, numbers, strict=True)]

    def pack(self, procs: Processors | None, number_pieces: list[list[str]]) -> Packed:
        """The batch as columns (in the driver's form with ``procs``, else ids as ``UUID``), with the search
        tokens made for the case numbers foretold (in pieces; the writer checks them: ``BatchWriter.write``)."""
        index = {case["id"]: i for i, case in enumerate(self.cases)}
        terms = self.search_tokens(number_pieces)
        numbers = ["".join(pieces) for pieces in number_pieces]
        tables = []
        for name, rows in (("mediator", self.mediators),
                           ("mediation_case", self.cases), ("party", self.parties),  # parents first
                           ("investigation", self.investigations), ("mediation_session", self.sessions),
                           ("agreement", self.agreements), ("follow_up", self.follow_ups),
                           ("referral", self.referrals)):
            if rows:
                keys = list(rows[0])  # (every row of a table has these keys; ``itemgetter`` reads them in C)
                columns = [list(values) for values in zip(*map(operator.itemgetter(*keys), rows), strict=True)]
                if procs is not None:
                    columns = [procs.apply(name, key, values) for key, values in zip(keys, columns, strict=True)]
                else:
                    columns = [as_uuids(values) if isinstance(Base.metadata.tables[name].c[key].type, Uuid) else values
                               for key, values in zip(keys, columns, strict=True)]
                tables.append((name, keys, columns))
        return Packed(tables, [c["year"] for c in self.cases], [index[a["case_id"]] for a in self.agreements],
                       [(dashed(c["id"]), c["status"].value, n) for c, n in zip(self.cases, self.party_counts,
                                                                                strict=True)], terms, numbers,
                      [(dashed(m["id"]), m["name"], m["full_time"]) for m in self.mediators])


def _at(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=CST)


class _Maker(txt.People):
    """Makes the rows of one case after another from one RNG (so batch size does not change content)."""

    def __init__(self, plan: Plan) -> None:
        super().__init__(random.Random(plan.seed), plan.org_code, plan.short)
        self.today, self.actor, self.ids, self.seed = plan.today, plan.actor, RowIds(), plan.seed
        self.inst_id, self.org_code, self.scheme = plan.inst_id, plan.org_code, plan.scheme
        self.count, self.parent_code = plan.count, plan.parent_code
        self.pattern, self.counters, self.short = plan.case_number_pattern, dict(plan.counters), plan.short
        self.codes = [map_code(s.code, CURRENT_SCHEME, plan.scheme) for s in stories.STORIES]
        self.stories = txt.weights(range(len(stories.STORIES)), [s.weight for s in stories.STORIES])
        self.places = [p.format(v=plan.short) for p in txt.METHODS_PLACE]

    def numbers(self, cases: list[Row]) -> list[list[str]]:
        """The case numbers these cases will get if no one else takes one meanwhile, each in pieces (the
        pattern's parts and the values between them, ``demo_rows.filled``: their search tokens are made in pieces): the
        writer allocates them (``BatchWriter.write``) and uses the tokens made with these only where they are the
        same."""
        counters = self.counters
        out = []
        for case in cases:
            year = case["year"]
            serial = counters[year] = counters.get(year, 0) + 1
            number = format_case_number(self.pattern, year=year, serial=serial, short=self.short, org=self.org_code)
            pieces = filled(self.pattern, {"year": year, "n": serial, "short": self.short, "org": self.org_code})
            out.append(pieces if "".join(pieces) == number else [number])
        return out

    def roster(self, b: _Batch, known: tuple[str, ...]) -> list[Row]:
        """The 调解员名册 rows of the mediators the cases name (``txt.MEDIATORS``) not yet in it: two of them 专职,
        each with a mobile phone. From their own RNG (seeded with the run's seed): the cases stay as they were."""
        r = random.Random(f"{self.seed}:roster")
        full_time = set(r.sample(txt.MEDIATORS, 2))
        rows = []
        for name in txt.MEDIATORS:
            phone = f"{r.choice(txt.PHONE_PREFIXES)}{r.randrange(100_000_000):08d}"
            if name not in known:
                rows.append(self._synced(b, self.ids()) | {
                    "owner_org_code": self.org_code, "name": name, "full_time": name in full_time, "phone": phone,
                    "active": True, "deleted_at": None})
        return rows

    def later(self, day: dt.date, low: int, high: int) -> dt.date:
        return min(day + dt.timedelta(days=self.between(low, high)), self.today)

    def plan(self) -> list[int]:
        """(registered day, status, story) of every case, packed and in date order (serials follow dates).

        The first cases of a run take every status and every story once, so a small run covers them all.
        """
        today = self.today.toordinal()
        statuses = txt.weights(range(len(txt.STATUS_PLAN)), [p[1] for p in txt.STATUS_PLAN])
        keys = []
        for i in range(self.count):
            st = i if i < len(txt.STATUS_PLAN) else self.weighted(statuses)
            story = i if i < len(stories.STORIES) else self.weighted(self.stories)
            keys.append(((today - self.between(*txt.STATUS_PLAN[st][2:])) << 10) | (st << 5) | story)
        keys.sort()
        return keys

    # -- one case -----------------------------------------------------------------------------------

    def case(self, b: _Batch, reg: dt.date, status: CaseStatus, story_index: int) -> None:
        r, story, later = self.r, stories.STORIES[story_index], self.later
        stage = self.weighted(txt.ARCHIVED_FROM) if status == _S.ARCHIVED else status
        cid = self.ids()
        parties, v = self.parties(story, reg)
        accepted = None
        if status != _S.REGISTERED and not (stage == _S.DECLINED and r() < 0.5):
            accepted = later(reg, 0, 2)
        cursor = accepted or reg
        n_inv = self.between(1, 2) if stage == _S.INVESTIGATING else int(stage in _WORKED and r() < 0.3)
        n_sess = 0
        if stage in (_S.MEDIATING, _S.FAILED, *_SUCCESS):
            n_sess = self.weighted(txt.SESSIONS)
        elif stage == _S.SUSPENDED or (stage == _S.REFERRED and r() < 0.6):
            n_sess = self.between(1, 2)
        inv_days = [cursor := later(cursor, 1, 4) for _ in range(n_inv)]
        sess_days = [cursor := later(cursor, 3 if i else 0, 14 if i else 3) for i in range(n_sess)]
        closed = None
        if stage in _SUCCESS:
            closed = cursor
        elif stage in (_S.FAILED, _S.REFERRED, _S.DECLINED):
            closed = later(cursor, 0, 3)
        deadline = (closed or cursor) + dt.timedelta(days=self.pick((0, 3, 7, 15, 30, 60, 90)))

        amount = pay = None
        per = self.between(4, 16) * 50
        if story.shape == "support":
            amount = pay = per * v["n"] * 12
        elif story.amount is not None:
            low, high = story.amount
            step = 100 if high >= 20_000 else 10
            amount = low + int(r() * (high - low) / step) * step
            pay = amount if r() < 0.4 else max(step, round(amount * (0.6 + 0.35 * r()) / step) * step)
        v.update(amt=amount or 0, pay=pay or 0, amt_cn=txt.yuan_upper(amount or 0), pay_cn=txt.yuan_upper(pay or 0),
                 per=per, deadline=txt.cn_date(deadline))
        mediator = self.pick(txt.MEDIATORS)
        recorder = self.pick([m for m in txt.MEDIATORS if m != mediator])
        risk = r() < (0.12 if status in OPEN_STATUSES else 0.03) + (0.1 if story.shape in _GROUPS else 0)
        source = CaseSource(story.source) if story.source and r() < 0.5 else self.weighted(txt.SOURCES)
        extra: dict[str, Any] = {"demo": True}
        if stage in txt.REASONS:
            extra[txt.REASONS[stage][0]] = self.pick(txt.REASONS[stage][1])
        summary = filled(story.summary, v)
        case = self._synced(b, cid) | {
            "case_no": "", "year": reg.year, "serial": 0, "owner_org_code": self.org_code,
            "owner_installation_id": self.inst_id, "title": txt.title(v["apps"], v["resps"], story.subject),
            "category_code": self.codes[story_index], "category_scheme": self.scheme, "source": source,
            "source_detail": self.pick(txt.SOURCE_DETAILS[source.value]) if source.value in txt.SOURCE_DETAILS
            else None, "status": status, "registered_on": reg, "accepted_on": accepted, "closed_on": closed,
            "summary": "".join(summary), "requests": [q.format_map(v) for q in story.requests],
            "amount_involved": None if amount is None else Decimal(amount), "escalation_risk": risk,
            "risk_note": self.pick(txt.RISK_NOTES) if risk else None,
            "non_public": r() < (0.35 if story.code in ("marriage_family", "medical") else 0.03),
            "mediator_name": mediator, "recorder_name": recorder, "prevented_criminal": False,
            "prevented_petition": False, "prevented_suicide": False, "stopped_group_fight": False,
            "prevented_persons": 0, "extra": extra,
            "archive_retention": self.pick(("长期", "永久", "30年", "10年")) if status == _S.ARCHIVED else None,
        }
        if stage in _SUCCESS and (risk or r() < 0.06):
            self._prevented(case, story, len(parties))
        b.cases.append(case)
        b.summary_pieces.append(summary)
        b.party_counts.append(len(parties))
        for position, party in enumerate(parties):
            party.update(self._synced(b, self.ids()), case_id=cid, position=position)
        b.parties += parties

        for day in inv_days:
            qa = (*story.qa, stories.QA_END) if r() < 0.5 else story.qa
            b.investigations.append(self._synced(b, self.ids()) | {
                "case_id": cid, "held_at": _at(day, self.between(8, 16), self.pick((0, 15, 30, 45))),
                "place": self.pick((f"{v['a']}家中", "纠纷现场", "调解室")), "participants": f"{mediator}、{recorder}",
                "interviewee": self.pick((v["a"], v["b"], f"{v['g']}组村民小组长{self.name('male')[0]}")),
                "investigator": mediator, "recorder": recorder,
                "record": "\n".join(f"问：{q}\n答：{a}" for q, a in qa).format_map(v)})
        names = "、".join(p["name"] for p in parties)[:500]
        accounts = (f"{self.pick(txt.OPENINGS)}\n{v['a']}称：{story.claim.format_map(v)}\n"
                    f"{v['b']}称：{story.defence.format_map(v)}")
        for i, day in enumerate(sess_days):
            if i == n_sess - 1 and stage in _SUCCESS:
                result = SessionResult.AGREED
            elif i == n_sess - 1 and stage in (_S.FAILED, _S.REFERRED):
                result = SessionResult.NOT_AGREED
            else:
                result = SessionResult.POSTPONED if stage == _S.SUSPENDED or r() < 0.7 else SessionResult.NOT_AGREED
            b2b = r() < (0.6 if story.shape in (*_GROUPS, "spouses") else 0.15)
            helpers = [f"{self.pick(txt.HELPERS)}{self.name('male')[0]}" for _ in range(self.between(0, 2))]
            b.sessions.append(self._synced(b, self.ids()) | {
                "case_id": cid, "held_at": _at(day, self.between(8, 16), self.pick((0, 30))),
                "place": self.pick(("调解室", "调解室", "纠纷现场", "村委会会议室")), "subject": case["title"],
                "participants": "、".join(helpers), "parties_present": names, "back_to_back": b2b,
                "rights_told": True, "result": result, "mediator": mediator, "recorder": recorder,
                "record": "\n".join((txt.AGAIN if i else accounts, *((txt.BACK_TO_BACK,) if b2b else ()),
                                     txt.RESULTS[result.value])),
                "risk_warning": txt.RISK_WARNING if risk or r() < 0.2 else ""})
        if stage in _SUCCESS and closed is not None:
            self._agreement(b, case, story, v, len(parties), stage, closed, deadline, pay)
        if stage == _S.REFERRED and closed is not None:
            b.referrals.append(self._synced(b, self.ids()) | {
                "case_id": cid, "referred_on": closed, "to_org_code": self.parent_code, "to_org_name": txt.TOWNSHIP,
                "reason": self.pick(txt.REFER_REASONS)})

    def _agreement(self, b: _Batch, case: Row, story: stories.Story, v: dict[str, Any], n_parties: int,
                   stage: CaseStatus, signed: dt.date, deadline: dt.date, pay: int | None) -> None:
        """A signed, locked agreement (written or oral) and its follow-up visits (回访)."""
        r, today, days = self.r, self.today, dt.timedelta
        oral = story.oral and n_parties <= 3 and (pay or 0) < 5000 and r() < 0.5
        applied = signed + days(self.between(3, 25)) if not oral and (pay or 0) >= 10_000 and r() < 0.3 else None
        applied = applied if applied is not None and applied <= today else None
        confirmed = applied + days(self.between(5, 20)) if applied else None
        visits: list[tuple[dt.date, Performance]] = []
        first = min(max(signed + days(self.between(5, 30)), deadline + days(1)), today)
        if stage == _S.PERFORMED:
            if r() < 0.2:
                visits.append((first, Performance.PARTIAL))
                first = min(first + days(self.between(10, 30)), today)
            visits.append((first, Performance.DONE))
        elif r() < 0.4:
            visits.append((first, self.pick((Performance.PARTIAL, Performance.NOT_DONE))))
        aid = self.ids()
        b.agreements.append(self._synced(b, aid) | {
            "case_id": case["id"], "form": AgreementForm.ORAL if oral else AgreementForm.WRITTEN, "number": "",
            "version": 1, "status": AgreementStatus.SIGNED, "facts": case["summary"],
            "terms": [t.format_map(v) for t in story.terms], "performance_method": story.method.format_map(v),
            "performance_place": self.pick(self.places), "performance_deadline": deadline,
            "amount": None if pay is None else Decimal(pay), "copies": 1 if oral else n_parties + 1,
            "mediator_name": case["mediator_name"], "recorder_name": case["recorder_name"], "signed_on": signed,
            "signed_recorded_by": self.actor, "effective_on": signed, "locked_at": _at(signed, 16, self.between(0, 59)),
            "performance": visits[-1][1] if visits else Performance.PENDING, "confirmation_applied_on": applied,
            "confirmation_court": txt.COURT if applied else None,
            "confirmed_on": confirmed if confirmed and confirmed <= today else None})
        for day, performance in visits:
            done = performance == Performance.DONE
            b.follow_ups.append(self._synced(b, self.ids()) | {
                "case_id": case["id"], "agreement_id": aid, "visited_on": day, "visitee": "、".join(v["apps"])[:200],
                "reason": "了解协议履行情况", "performance": performance, "satisfied": True if done else None,
                "new_lawsuit": False, "hidden_risks": "" if done else "存在反复可能",
                "measures": txt.FOLLOW_UP_MEASURES[performance.value],
                "findings": txt.FOLLOW_UP_FINDINGS[performance.value], "visitor": case["mediator_name"]})

    def _prevented(self, case: Row, story: stories.Story, n_parties: int) -> None:
        """The township's "prevented" counters (防止民转刑, 防止群体性上访, …) for a settled case."""
        kind = "prevented_petition" if story.shape in _GROUPS else self.weighted(txt.PREVENTED)
        case[kind] = True
        case["prevented_persons"] = {"prevented_criminal": self.between(2, 4), "prevented_petition": max(5, n_parties),
                                     "prevented_suicide": 1, "stopped_group_fight": self.between(6, 20)}[kind]

    @staticmethod
    def _synced(b: _Batch, row_id: str) -> Row:
        return {"id": row_id, "created_at": b.now, "updated_at": b.now, "change_seq": 0}

