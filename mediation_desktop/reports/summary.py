"""The report summary: every case figure of the statistics report per committee, basis and month.

Every figure of :data:`.figures.FIGURES` is a sum over cases (cases, parties, visits, persons, amounts in fen),
so a report over whole months is the sum of those months' rows: a year's report on a 1,000,000-case hub
reads ≤ 12 rows per committee instead of the year's cases and child rows. The period's partial months are
counted live (``statistics.compute``). The summary is a cache (``storage.models.summary``): never synced,
sealed or audited, and it never moves the change sequence.

**When it is valid.** :class:`~mediation_desktop.storage.models.ReportSummaryState` holds the change sequence
and the audit head the summary was made at, and a fingerprint of the figures' definitions (the SQL that makes
the summary) and the schema revision. Every write of a row the figures read (cases, parties, follow-ups,
agreements, sessions, referrals) is sealed in the audit log in its own transaction (``storage.seal``: the
services' unit of work, the demo writer and the import alike), the seal entry carrying the transaction's
change sequence and naming each row written (a removed row with no digest). So:

* audit head and change sequence as recorded: nothing was written since — the summary is valid;
* otherwise the seal entries written since (after the recorded audit head, of a later change sequence) name
  the rows written: their cases' committees are recounted, all their months (a case whose date moved leaves
  its old month too). A removed row, more than :data:`MAX_SEAL_ENTRIES` seal entries or
  :data:`MAX_SEAL_BYTES` of them (a bulk write), a changed fingerprint or schema revision, or a counter that
  went backwards: every committee is stale.

Writers are serialised (``BEGIN IMMEDIATE`` on SQLite, the writer lock on PostgreSQL), so a refresh made in
a write transaction sees every earlier change and none later. A restored backup brings its own summary and
state, consistent with its own rows and audit log; a database without a state row (new, upgraded, the demo)
is summarised whole on first use.

**Who refreshes.** A full build (every committee) happens where its cost is expected, never in a report: at
the end of a schema upgrade (``storage.migrate``: a new database, a new revision) and in an import that finds
the summary not otherwise valid (:func:`after_import`, which else recounts the committees whose bundles it
applied and whatever was stale before: the first report after an import is fast). A report that finds the
summary stale recounts the stale committees first, in a short write transaction of its own (not audited, the
change sequence untouched: the data did not change), only when their cases are a small part of the database
(:func:`recount_is_small`: at most :data:`MAX_RECOUNT_SHARE` of the cases not voided); otherwise (every
committee stale, or a large part) it counts the report live, exactly as before the summary, and writes
nothing. So a village (one committee, the whole database) counts live after an edit, as it did before the
summary, and a hub reads the summary and recounts a village after a local edit. The summary is read in one
snapshot with the live partial months — checked again in that snapshot, and counted wholly live if a writer
came in between.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
import uuid
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Select, and_, bindparam, delete, extract, func, insert, select, text, update

from mediation_desktop.reports.figures import FIGURES, with_facts
from mediation_desktop.reports.periods import Basis
from mediation_desktop.storage.models import (
    AuditEntry,
    Case,
    ReportSummary,
    ReportSummaryState,
)
from mediation_desktop.storage.planner import BULK_ROWS
from mediation_desktop.storage.seal import SEAL_ACTION

if TYPE_CHECKING:
    from mediation_desktop.storage.unit_of_work import UnitOfWork
    from mediation_desktop.sync.outcomes import ImportSummary

__all__ = ["FIGURE_TABLES", "MAX_RECOUNT_SHARE", "MAX_SEAL_BYTES", "MAX_SEAL_ENTRIES", "after_import", "build",
           "month_rows", "recount_is_small", "refresh", "stale_committees"]

STATE_ID = 1
#: the tables the figures read (``figures.case_facts``): a row written in any of them may change a figure
FIGURE_TABLES = ("mediation_case", "party", "follow_up", "agreement", "mediation_session", "referral")
#: seal entries since the summary beyond which every committee is recounted (their rows are not looked up)
MAX_SEAL_ENTRIES = 200
#: their size beyond which every committee is recounted too (≈ 100 bytes a row named: a bulk write, the demo's
#: 100,000 cases name ≈ 700,000 rows in 43 MB, whose lookups took ≈ 27 s)
MAX_SEAL_BYTES = 1_000_000
#: a report recounts the stale committees only when their cases (not voided) are at most this share of the
#: database's; otherwise it counts live (a recount reads all the committees' years, both bases)
MAX_RECOUNT_SHARE = 0.25
_ALL = None  # stale_committees: every committee
_CHUNK = 500
_fingerprints: dict[str, str] = {}


def month_of(day: dt.date) -> int:
    return day.year * 100 + day.month


#: the bound parameter of :func:`build_statement` ``by_committee``: the committees recounted (a list)
COMMITTEES = "summary_committees"


@functools.cache
def build_statement(basis: Basis, *, by_committee: bool, grouped: bool) -> Select[Any]:
    """Owner org, month and every figure's raw sum (as ``statistics`` sums it) over the cases (not voided; with
    ``by_committee`` of the committees bound as :data:`COMMITTEES` only), one row per committee and month with any
    case dated in it by ``basis``. Built once and kept (executed with the committees bound)."""
    from mediation_desktop.reports.statistics import _date_column, _measure

    day = _date_column(basis)
    where = and_(Case.deleted_at.is_(None), day.is_not(None))
    if by_committee:
        where = and_(where, Case.owner_org_code.in_(bindparam(COMMITTEES, expanding=True)))
    columns, facts = with_facts(lambda fs: [_measure(f, fs).label(f"v{i}") for i, f in enumerate(FIGURES)],
                                where, day, grouped=grouped)
    month = (extract("year", facts.c.day) * 100 + extract("month", facts.c.day)).label("month")
    return select(facts.c.owner_org_code, month, *columns).group_by(facts.c.owner_org_code, month)


def _fingerprint(conn: Connection) -> str:
    """The figures' definitions as this build makes the summary on this database, and the schema revision."""
    name = conn.dialect.name
    if name not in _fingerprints:
        digest = hashlib.sha256()
        for basis in Basis:
            compiled = build_statement(basis, by_committee=False, grouped=name == "postgresql").compile(
                dialect=conn.dialect)
            digest.update(str(compiled).encode())
            digest.update(repr(sorted((k, repr(v)) for k, v in compiled.params.items())).encode())
        digest.update(repr([(f.key, f.measure) for f in FIGURES]).encode())
        _fingerprints[name] = digest.hexdigest()[:48]
    revision = conn.scalar(text("SELECT version_num FROM alembic_version")) or ""
    return f"{_fingerprints[name]}:{revision}"[:64]


def _heads(conn: Connection) -> tuple[int, int]:
    """(audit head, change sequence) as this transaction sees them."""
    audit_seq = conn.scalar(text("SELECT last_seq FROM audit_head WHERE id = 1")) or 0
    change = conn.scalar(text("SELECT last_seq FROM change_counter WHERE id = 1")) or 0
    return int(audit_seq), int(change)


def raw_number(raw: Any) -> int:
    """A figure's raw sum as an integer (amounts are sums of fen)."""
    return int(Decimal(str(raw or 0)))


def stale_committees(conn: Connection, *, own_change_seq: int | None = None) -> set[str] | None:
    """The committees whose rows in the summary may not match their cases now (empty: the summary is valid;
    None: every committee). ``own_change_seq``: this transaction's own change sequence (the import's): its
    rows are not counted as written since (the caller refreshes its committees)."""
    state = conn.execute(select(ReportSummaryState).where(ReportSummaryState.id == STATE_ID)).first()
    if state is None or state.fingerprint != _fingerprint(conn):
        return _ALL
    audit_seq, change = _heads(conn)
    if (audit_seq, change) == (state.audit_seq, state.change_seq):
        return set()
    if audit_seq < state.audit_seq or change < state.change_seq:
        return _ALL  # (not this database's history)
    since = and_(AuditEntry.seq > state.audit_seq, AuditEntry.change_seq > state.change_seq,
                 AuditEntry.action == SEAL_ACTION)
    if own_change_seq is not None:
        since = and_(since, AuditEntry.change_seq != own_change_seq)
    size = func.pg_column_size(AuditEntry.data) if conn.dialect.name == "postgresql" else func.length(AuditEntry.data)
    count = total = 0
    with conn.execute(select(size).where(since).order_by(AuditEntry.seq).limit(MAX_SEAL_ENTRIES + 1)) as sizes:
        for (n,) in sizes:  # (stepped one by one: a bulk write is told by its first entries)
            count, total = count + 1, total + int(n or 0)
            if count > MAX_SEAL_ENTRIES or total > MAX_SEAL_BYTES:
                return _ALL  # (a bulk write since: its rows are not looked up one by one)
    entries = conn.execute(select(AuditEntry.data).where(since).order_by(AuditEntry.seq)).scalars().all()
    rows: dict[str, set[uuid.UUID]] = {}
    for data in entries:
        for table, sealed in ((data or {}).get("rows") or {}).items():
            if table not in FIGURE_TABLES:
                continue
            if any(digest is None for digest in sealed.values()):
                return _ALL  # a row removed: its case (and committee) is not known any more
            rows.setdefault(table, set()).update(uuid.UUID(str(key)) for key in sealed)
    return _committees_of(conn, rows)


def _committees_of(conn: Connection, rows: dict[str, set[uuid.UUID]]) -> set[str] | None:
    """The committees owning the cases of the named rows (None when a row is not there to tell)."""
    from mediation_desktop.storage.models import Base

    out: set[str] = set()
    for table, ids in rows.items():
        t = Base.metadata.tables[table]
        wanted = sorted(ids)
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start:start + _CHUNK]
            if table == "mediation_case":
                stmt = select(Case.id, Case.owner_org_code).where(Case.id.in_(chunk))
            else:
                stmt = (select(t.c.id, Case.owner_org_code).select_from(t.join(Case, Case.id == t.c.case_id))
                        .where(t.c.id.in_(chunk)))
            found = conn.execute(stmt).all()
            if len(found) != len(chunk):
                return _ALL
            out.update(str(org) for _, org in found)
    return out


def refresh(conn: Connection, committees: set[str] | None, *, change_seq: int | None = None) -> None:
    """Recount the committees' rows of the summary (every row with None) from their cases now and record the
    state they were made at (``change_seq``: the calling transaction's own, when it has one). Run in a write
    transaction (writers serialised: nothing else changes meanwhile)."""
    # PostgreSQL makes the whole summary with the child rows grouped and hash-joined (``figures.case_facts``);
    # a few committees by per-case lookups through the case_id indexes: their cost follows the committees'
    # cases, not the hub's (the grouped form reads every child row of the hub)
    grouped = conn.dialect.name == "postgresql" and committees is None
    made: list[dict[str, Any]] = []
    for basis in Basis:
        stmt = build_statement(basis, by_committee=committees is not None, grouped=grouped)
        bound = {} if committees is None else {COMMITTEES: sorted(committees)}
        for row in conn.execute(stmt, bound):
            made.append({"owner_org_code": str(row[0]), "basis": basis.value, "month": int(row[1]),
                         "figures": {f.key: n for i, f in enumerate(FIGURES) if (n := raw_number(row[i + 2]))}})
    gone = delete(ReportSummary)
    if committees is not None:
        gone = gone.where(ReportSummary.owner_org_code.in_(sorted(committees)))
    if committees is None or committees:
        conn.execute(gone)
    if made:
        conn.execute(insert(ReportSummary), made)
    audit_seq, change = _heads(conn)
    values = {"change_seq": change if change_seq is None else change_seq, "audit_seq": audit_seq,
              "fingerprint": _fingerprint(conn), "made_at": dt.datetime.now(dt.UTC)}
    if conn.execute(update(ReportSummaryState).where(ReportSummaryState.id == STATE_ID).values(**values)).rowcount \
            == 0:
        conn.execute(insert(ReportSummaryState).values(id=STATE_ID, **values))


def recount_is_small(conn: Connection, committees: set[str]) -> bool:
    """Are the committees' cases (not voided) at most :data:`MAX_RECOUNT_SHARE` of the database's? Their count
    reads the committees' range of the (owner_org_code, year, serial) index; the database's count stops as soon
    as it has enough cases to tell."""
    if not committees:
        return True
    alive = Case.deleted_at.is_(None)
    dirty = int(conn.scalar(select(func.count()).select_from(Case).where(
        alive, Case.owner_org_code.in_(sorted(committees)))) or 0)
    if dirty == 0:
        return True
    need = math.ceil(dirty / MAX_RECOUNT_SHARE)
    enough = select(Case.id).where(alive).limit(need).subquery()
    return int(conn.scalar(select(func.count()).select_from(enough)) or 0) >= need


def recount_if_small(conn: Connection) -> bool:
    """In the caller's write transaction: recount the stale committees if they are a small part of the
    database (:func:`recount_is_small`); True when the summary is fresh after it."""
    stale = stale_committees(conn)
    if stale is None or not recount_is_small(conn, stale):
        return False
    if stale:
        refresh(conn, stale)
    return True


def build(conn: Connection, *, change_seq: int | None = None) -> None:
    """Make the summary whole (every committee) in the caller's write transaction: at the end of a schema
    upgrade, or in an import that finds it not otherwise valid."""
    if conn.dialect.name == "postgresql":
        # the planner learns the rows of this transaction (an upgrade's or an import's): with an empty table's
        # statistics it nests loops over the aggregates (ANALYZE counts this transaction's own rows)
        conn.exec_driver_sql("ANALYZE " + ", ".join(FIGURE_TABLES))
    refresh(conn, None, change_seq=change_seq)


def after_import(uow: UnitOfWork, imported: ImportSummary) -> None:
    """In an import's unit of work, before it commits: recount the committees of the cases owned by the
    installations whose data bundles it applied, and whatever was stale before, so the first report after the
    import reads the summary. An import that wrote no record changes nothing here (nor takes a change
    sequence number). A summary not otherwise valid (never made, a changed fingerprint, …) is made whole here:
    recounting only the applied committees would record a state that claims the others fresh."""
    if imported.total("new") + imported.total("updated") == 0:
        return
    conn, change_seq = uow.session.connection(), uow.change_seq
    stale = stale_committees(conn, own_change_seq=change_seq)
    if stale is None:
        build(conn, change_seq=change_seq)
        return
    sources = {b.source_installation_id for b in imported.bundles if b.kind == "data" and b.source_installation_id}
    owners = sorted(uuid.UUID(str(s)) for s in sources)
    for start in range(0, len(owners), _CHUNK):
        stale.update(str(org) for org in conn.scalars(
            select(Case.owner_org_code).where(Case.owner_installation_id.in_(owners[start:start + _CHUNK]))
            .distinct()))
    if not stale:
        return
    if conn.dialect.name == "postgresql" and imported.total("new") + imported.total("updated") >= BULK_ROWS:
        # the planner learns the rows just written (as storage.planner does after the commit): with an empty
        # table's statistics it nests loops over the aggregates (ANALYZE counts this transaction's own rows)
        conn.exec_driver_sql("ANALYZE " + ", ".join(FIGURE_TABLES))
    refresh(conn, stale, change_seq=change_seq)


def month_rows(conn: Connection, basis: Basis, first: int, last: int, org_codes: list[str] | None
               ) -> list[tuple[str, dict[str, int]]]:
    """(committee, figures) of the summary's rows of months ``first``..``last`` (yyyymm, both included; of the
    committees ``org_codes``, where given)."""
    stmt = select(ReportSummary.owner_org_code, ReportSummary.figures).where(
        ReportSummary.basis == basis.value, ReportSummary.month >= first, ReportSummary.month <= last)
    if org_codes is not None:
        stmt = stmt.where(ReportSummary.owner_org_code.in_(org_codes))
    return [(str(org), dict(figs)) for org, figs in conn.execute(stmt)]


def summary_rows_count(conn: Connection) -> int:
    return int(conn.scalar(select(func.count()).select_from(ReportSummary)) or 0)
