"""Writing demo batches: one transaction per batch, rows handed to the driver in its own form.

Split from ``demo`` (which makes the cases): this part knows the database, that part the village.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, Column, Connection, MetaData, Table, Uuid, insert, select, update
from sqlalchemy.dialects import sqlite
from sqlalchemy.types import NullType

from mediation_desktop.domain.case_number import DEFAULT_CASE_NUMBER_PATTERN, format_case_number
from mediation_desktop.services import search
from mediation_desktop.storage import audit, seal
from mediation_desktop.storage.bulk import copy_rows
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Base, CaseNumberCounter, Setting
from mediation_desktop.storage.types import json_text
from mediation_desktop.storage.unit_of_work import next_change_seq


@contextlib.contextmanager
def wal_checkpoints(conn: Connection, db: Database) -> Generator[None, None, None]:
    """Fold the WAL into the database file every ~80 MB instead of after every batch (the id, name and
    ID-number index pages a batch touches are mostly the same as the batch before), then once at the end."""
    raw = conn.connection.dbapi_connection if db.is_sqlite else None
    cursor = raw.cursor() if raw is not None else None
    if cursor is None:
        yield
        return
    before = cursor.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    cursor.execute("PRAGMA wal_autocheckpoint = 20000")
    try:
        yield
    finally:
        cursor.execute(f"PRAGMA wal_autocheckpoint = {int(before)}")
        cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
        cursor.close()


FIRST_BATCH = 1000  # cases: the first and the last batches of a run (the writer starts soon, and ends soon after
LARGE_BATCH = 2500  # the case maker); those between are larger: fewer commits, full-text flushes and statements


def batch_ends(count: int) -> tuple[int, ...]:
    """Where a run's batches end (cases so far): a first batch of ``FIRST_BATCH``, then batches of up to
    ``LARGE_BATCH`` (each a commit, a flush of the full-text tables' pending terms, and one statement per
    table: batches of 1,000 cases took 6–9 % more of the writer's time than of 2,000–4,000), halving towards
    the end so that the last ones are again of ``FIRST_BATCH`` or fewer (while the case maker, in a second
    process, makes the first batch and the writer writes the last, the other process waits). One batch is one
    change sequence and one transaction: a killed run keeps whole batches."""
    ends: list[int] = []
    done = 0
    while done < count:
        left = count - done
        done += left if left <= FIRST_BATCH else FIRST_BATCH if not ends else min(LARGE_BATCH, left // 2)
        ends.append(done)
    return tuple(ends)


def every(count: int, size: int) -> tuple[int, ...]:
    """Batches of ``size`` cases (the last with what is left)."""
    return (*range(size, count, size), count)


@dataclass(frozen=True)
class Plan:
    """Everything the case maker needs (sent to the second process)."""

    seed: str
    today: dt.date
    count: int
    batch_ends: tuple[int, ...]  # where each batch ends (cases so far): one transaction each
    actor: str
    inst_id: str  # hex (UUID.hex)
    org_code: str
    short: str
    parent_code: str
    scheme: str
    driver_values: bool  # SQLite: hand the values over in the driver's form
    case_number_pattern: str = DEFAULT_CASE_NUMBER_PATTERN
    counters: tuple[tuple[int, int], ...] = ()  # (year, last serial) when the run started: the numbers foretold
    roster: tuple[str, ...] = ()  # the names already in this committee's 调解员名册 when the run started


@dataclass
class Packed:
    """One batch as columns per table, ready to write once the case numbers and change sequence are known."""

    tables: list[tuple[str, list[str], list[list[Any]]]]
    years: list[int]
    agreement_cases: list[int]  # the case (index) of each agreement
    audit: list[tuple[str, str, int]]  # (case id, status, parties)
    search_tokens: list[tuple[str, str, str]] | None = None  # search_keys.case_tokens() per case …
    case_numbers: list[str] | None = None  # … made with these case numbers (foretold by the case maker)
    mediators: list[tuple[str, str, bool]] | None = None  # (id, name, 专职) added to the roster by this batch


class Processors:
    """Values in the SQLite driver's form, by the bind processors of the real column types, once per
    distinct value (dates, enums, flags repeat a lot): SQLAlchemy's per-value work would be most of the time."""

    def __init__(self) -> None:
        self.dialect = sqlite.dialect(json_serializer=json_text)  # (as the engine's: storage.engine)
        self.procs: dict[tuple[str, str], Callable[[Any], Any] | None] = {}

    def apply(self, table: str, key: str, values: list[Any]) -> list[Any]:
        if (table, key) not in self.procs:
            col_type = Base.metadata.tables[table].c[key].type
            proc: Callable[[Any], Any] | None = col_type.dialect_impl(self.dialect).bind_processor(self.dialect)
            if isinstance(col_type, Uuid):  # (the demo's ids are made as their hex text: the driver's form)
                proc = None
            elif proc is not None and not isinstance(col_type, JSON):  # lists: nothing to remember
                proc = functools.cache(proc)
            self.procs[table, key] = proc
        proc = self.procs[table, key]
        return values if proc is None else list(map(proc, values))


class BatchWriter:
    """Writes packed batches, one transaction each. On SQLite the rows go to the driver as tuples through
    an insert compiled once per table (one executemany per table); elsewhere through the model tables."""

    def __init__(self, conn: Connection, plan: Plan) -> None:
        self.conn, self.plan = conn, plan
        self.sql: dict[str, tuple[str, list[str]]] = {}
        self.written: dict[str, dict[str, list[Any]]] = {}  # this batch's rows as handed to SQLite's driver

    def _insert(self, conn: Connection, name: str, columns: dict[str, list[Any]]) -> None:
        """Insert the rows; on SQLite in the driver's form, kept for their seals (``seal.inserted_seals``)."""
        if not self.plan.driver_values:
            keys = list(columns)
            if conn.dialect.name == "postgresql":  # COPY (storage.bulk)
                copy_rows(conn, name, keys, zip(*columns.values(), strict=True))
                return
            conn.execute(Base.metadata.tables[name].insert(), [dict(zip(keys, row, strict=True))
                                                               for row in zip(*columns.values(), strict=True)])
            return
        if name not in self.sql:
            compiled = Table(name, MetaData(), *(Column(k, NullType()) for k in columns)).insert().compile(
                dialect=conn.dialect)
            self.sql[name] = (str(compiled), list(compiled.positiontup or ()))
        sql, order = self.sql[name]
        conn.exec_driver_sql(sql, list(zip(*(columns[key] for key in order), strict=True)))
        self.written[name] = columns

    def write(self, packed: Packed) -> int:
        """One transaction: counters, case numbers, every row of the batch and its audit entries."""
        conn = self.conn
        self.written = {}
        with conn.begin():
            seq = next_change_seq(conn)
            pattern = str(conn.scalar(select(Setting.value).where(Setting.key == "case_number_pattern"))
                          or DEFAULT_CASE_NUMBER_PATTERN)
            counters = {int(y): int(n) for y, n in conn.execute(select(CaseNumberCounter.year,
                                                                       CaseNumberCounter.last_serial))}
            known = set(counters)
            serials, numbers = [], []
            for year in packed.years:  # exactly as allocate_case_number: continue after the counter, never reuse
                serial = counters[year] = counters.get(year, 0) + 1
                serials.append(serial)
                numbers.append(format_case_number(pattern, year=year, serial=serial, short=self.plan.short,
                                                  org=self.plan.org_code))
            for name, keys, values in packed.tables:
                columns = dict(zip(keys, values, strict=True))
                columns["change_seq"] = [seq] * len(values[0])
                if name == "mediation_case":
                    columns["serial"], columns["case_no"] = serials, numbers
                elif name == "agreement":
                    columns["number"] = [numbers[i] for i in packed.agreement_cases]
                self._insert(conn, name, columns)
            for year in sorted(set(packed.years)):
                if year in known:
                    conn.execute(update(CaseNumberCounter).where(CaseNumberCounter.year == year)
                                 .values(last_serial=counters[year]))
                else:
                    conn.execute(insert(CaseNumberCounter).values(year=year, last_serial=counters[year]))
            texts = search.packed_texts(packed.tables, numbers)
            # the tokens made ahead hold the case numbers the case maker foretold: used where those are the
            # numbers given (else, e.g. a case registered meanwhile took one, every token is made here)
            tokens = packed.search_tokens if packed.case_numbers == numbers else None
            search.index_cases(conn, texts, driver_values=self.plan.driver_values, tokens=tokens)
            audit.append_core_joined(conn, [
                audit.AuditRecord(self.plan.actor, "demo.create_case", "mediation_case", cid, cid,
                                  {"case_no": number, "status": status, "parties": n})
                for (cid, status, n), number in zip(packed.audit, numbers, strict=True)], seq)
            audit.append_core_joined(conn, [
                audit.AuditRecord(self.plan.actor, "roster.add", "mediator", mid, None,
                                  {"name": name, "full_time": full_time})
                for mid, name, full_time in packed.mediators or ()], seq)
            written = {name: seal.inserted_seals(conn, seq, name, self.written.get(name))
                       for name, _, _ in packed.tables}
            audit.append_core(conn, [audit.AuditRecord(self.plan.actor, seal.SEAL_ACTION, "seal", str(n), None, data)
                                     for n, data in enumerate(seal.seal_entries(written), 1)], seq)
        return len(packed.years)
