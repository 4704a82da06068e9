"""The statistics report (统计表): one aggregate query for every figure, per committee and in total.

Figures are SQL conditions on a case's facts (:mod:`.figures`); the report sums them with
``SUM(CASE WHEN …)`` over the facts of the period's cases, grouped by the owning committee, so 100,000
cases cost one pass in the database, not a loop over objects. :func:`case_ids_for` lists the cases
behind any figure with the very same condition.

The report's statement is built once per (basis, child rows grouped or looked up, one committee or all)
and kept (:func:`live_statement`): the period's first day, the day after its last and the committee are
bound parameters (:data:`START`, :data:`END`, :data:`ORG`), given at each execution. Building its hundreds
of expressions took most of a small report's time; a statement kept also keeps its cache key, so SQLAlchemy
finds its compiled form in the engine's cache without walking it again.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    Numeric,
    Select,
    String,
    and_,
    bindparam,
    case,
    extract,
    func,
    select,
    type_coerce,
)
from sqlalchemy.exc import OperationalError

from mediation_desktop.domain.china_time import china_today
from mediation_desktop.domain.enums import OrgLevel
from mediation_desktop.reports import summary
from mediation_desktop.reports.figures import FIGURES, SECTIONS_EN, SECTIONS_ZH, Facts, Figure, figure, with_facts
from mediation_desktop.reports.periods import BASIS_LABELS_EN, BASIS_LABELS_ZH, Basis, Period
from mediation_desktop.reports.register_figures import REGISTER_FIGURES, merge_register_values
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.privacy import visible_clause
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.engine import WRITE
from mediation_desktop.storage.models import Case, Installation

__all__ = ["END", "ORG", "START", "TOTAL", "Report", "case_ids_for", "compute", "live_statement", "month_counts",
           "month_statement"]

TOTAL = "total"
Number = int | Decimal


@dataclass(frozen=True)
class Report:
    """Every figure for each committee (``units``, by org code) and in total."""

    period: Period
    basis: Basis
    org_code: str  # this installation
    org_name: str
    level: OrgLevel
    generated_on: dt.date
    units: list[str]  # the committees shown in their own column (on a hub), in code order
    values: dict[str, dict[str, Number]]  # unit (or TOTAL) → figure key → value
    only_org: str | None = None
    figures: tuple[Figure, ...] = field(default=FIGURES + REGISTER_FIGURES)
    # org code → committee name (石桥村人民调解委员会) of the units, ``only_org`` and this installation, where
    # known (this installation's own, and the key records of the units whose bundles came in)
    unit_names: dict[str, str] = field(default_factory=dict)
    filled_by: str = ""  # 填报人: the signed-in user, or the CLI's --filled-by
    # a column that sums several committees (a township's at a county: its own and its villages') → those
    members: dict[str, tuple[str, ...]] = field(default_factory=dict)
    scope: tuple[str, ...] | None = None  # the committees ``only_org`` stands for (a township's, at a county)

    def committees(self, unit: str | None = None) -> tuple[str, ...] | None:
        """The committees whose cases column ``unit`` counts (None or TOTAL: the report's whole scope; None when
        that is every committee here): what listing the cases behind one of its figures asks for."""
        if unit is None or unit == TOTAL:
            return self.scope
        return self.members.get(unit, (unit,))

    @property
    def columns_note(self) -> str:
        """The line under the title saying that a township's column sums its villages' (empty where none does)."""
        return "各乡镇（街道）一栏为该乡镇（街道）及其所属村（居）调委会的合计。" if self.members else ""

    def value(self, key: str, unit: str = TOTAL) -> Number:
        return self.values.get(unit, {}).get(key, 0)

    def unit_name(self, unit: str) -> str:
        """The committee's full name, or its org code where no name is known."""
        return self.unit_names.get(unit) or unit

    def unit_short_name(self, unit: str) -> str:
        """The committee's name for a column header, without 人民调解委员会 (石桥村人民调解委员会 → 石桥村; the
        short name of case numbers); its org code where no name is known."""
        from mediation_desktop.services.setup import short_name_for

        name = self.unit_names.get(unit)
        return short_name_for(name) if name else unit

    def unit_label(self, unit: str) -> str:
        """The full name and the org code (石桥村人民调解委员会 330102001), or only the code where no name is
        known: a committee named in running text (the dashboard's drill-down line, a header's tooltip)."""
        name = self.unit_names.get(unit)
        return f"{name} {unit}" if name else unit

    def success_rate(self, unit: str = TOTAL) -> Decimal | None:
        """调解成功数 ÷ 受理纠纷数, as a percentage with two decimals; None when there are no cases."""
        cases = int(self.value("cases", unit))
        if cases == 0:
            return None
        return (Decimal(int(self.value("out:success", unit))) * 100 / cases).quantize(Decimal("0.01"))

    @property
    def basis_zh(self) -> str:
        return BASIS_LABELS_ZH[self.basis]

    def as_json(self) -> dict[str, Any]:
        def number(v: Number) -> int | float:
            return float(v) if isinstance(v, Decimal) else v

        units = [*self.units, TOTAL]
        return {
            "period": {"spec": self.period.spec, "start": self.period.start.isoformat(),
                       "end": self.period.end.isoformat(), "label": self.period.label_zh()},
            "basis": self.basis.value, "basis_label": self.basis_zh,
            "basis_label_en": BASIS_LABELS_EN[self.basis],
            "org_code": self.org_code, "org_name": self.org_name, "generated_on": self.generated_on.isoformat(),
            "units": units,
            "unit_names": {u: self.unit_names.get(u) for u in self.units},  # None: not known here
            "only_org": self.only_org,
            "filled_by": self.filled_by,
            "only_org_name": self.unit_names.get(self.only_org) if self.only_org else None,
            "unit_members": {u: list(m) for u, m in self.members.items()},
            "figures": [{"key": f.key, "label": f.label_zh, "label_en": f.label_en, "section": f.section,
                         "section_label": SECTIONS_ZH[f.section], "section_label_en": SECTIONS_EN[f.section],
                         "indent": f.indent, "unit": f.unit_zh,
                         "values": {u: number(self.value(f.key, u)) for u in units}} for f in self.figures],
            "success_rate": {u: (float(r) if (r := self.success_rate(u)) is not None else None) for u in units},
        }


def _date_column(basis: Basis) -> Any:
    return Case.accepted_on if basis == Basis.ACCEPTED else Case.closed_on


def in_period(period: Period, basis: Basis, org_code: str | Sequence[str] | None = None) -> ColumnElement[bool]:
    """The cases a report over ``period`` counts: not voided, dated inside it (half-open on days); of the committee
    ``org_code`` (or of the committees, a sequence), where given."""
    day = _date_column(basis)
    cond = and_(Case.deleted_at.is_(None), day >= period.start, day < period.end_exclusive)
    if isinstance(org_code, str):
        cond = and_(cond, Case.owner_org_code == org_code)
    elif org_code is not None:
        cond = and_(cond, Case.owner_org_code.in_(list(org_code)))
    return cond


def committees_of(parents: dict[str, str], org_code: str | None) -> list[str] | None:
    """The committees a report of ``org_code`` counts (None: every committee): a township at a county hub
    (``parents``: ``services.queries.township_of``) stands for its own committee and its villages'."""
    if org_code is None:
        return None
    return sorted({org_code, *(village for village, township in parents.items() if township == org_code)})


def _measure(f: Figure, facts: Facts) -> ColumnElement[Any]:
    cond = f.where(facts)
    if f.measure == "cases":
        return func.sum(case((cond, 1), else_=0))
    if f.measure == "parties":
        return func.sum(case((cond, facts.parties), else_=0))
    if f.measure == "visits":
        return func.sum(case((cond, facts.follow_ups), else_=0))
    if f.measure == "persons":
        return func.sum(case((cond, facts.col("persons")), else_=0))
    # amounts in fen (integer cents), so the sum is exact on every database
    cents = func.round(facts.amount * 100)
    return type_coerce(func.sum(case((cond, cents), else_=0)), Numeric(20, 0))


def _to_number(f: Figure, raw: int) -> Number:
    if f.measure == "amount":
        return (Decimal(raw) / 100).quantize(Decimal("0.01"))
    return raw


def compute(db: Database, period: Period, basis: Basis = Basis.ACCEPTED, *, org_code: str | None = None,
            today: dt.date | None = None, use_summary: bool = True) -> Report:
    """Every figure over ``period`` (one committee with ``org_code``; on a hub also per committee).

    On a county hub a township's column sums its own committee's and its villages' (``Report.members``; the
    township is the parent their key records name), and ``org_code`` a township's code counts those committees,
    each in a column of its own.

    The period's whole months come from the report summary (:mod:`.summary`; its stale committees recounted
    first when they are a small part of the database, else the whole period is counted live), its partial
    months are counted live; ``use_summary=False`` counts the whole period live. Both give the same figures."""
    from mediation_desktop.services.queries import committee_names, township_of

    with db.read_session() as s:
        inst = s.scalar(select(Installation).limit(1))
        parents = township_of(s)
        names = committee_names(s)
    scope = committees_of(parents, org_code)
    raw = _from_summary(db, period, basis, scope) if use_summary else None
    if raw is None:
        with db.read_session() as s:
            raw = _live(s.connection(), db.is_postgresql, period.start, period.end_exclusive, basis, scope)
    values: dict[str, dict[str, Number]] = {}
    total: dict[str, Number] = {f.key: (Decimal("0.00") if f.measure == "amount" else 0) for f in FIGURES}
    for code in sorted(raw):
        unit = {f.key: _to_number(f, raw[code][i]) for i, f in enumerate(FIGURES)}
        values[code] = unit
        for key, v in unit.items():
            total[key] = total[key] + v
    values[TOTAL] = total
    merge_register_values(db, values, period, TOTAL, scope, inst)
    level = inst.level if inst is not None else OrgLevel.VILLAGE
    members: dict[str, tuple[str, ...]] = {}
    if org_code is None and parents:
        values, members = _by_township(values, parents)
    several = org_code is None or (scope is not None and len(scope) > 1)
    units = sorted(k for k in values if k != TOTAL) if (level != OrgLevel.VILLAGE and several) else []
    if len(units) == 1 and inst is not None and units[0] == inst.org_code:
        units = []
    named = {*(k for k in values if k != TOTAL), *(m for ms in members.values() for m in ms),
             *([inst.org_code] if inst else []), *([org_code] if org_code else [])}
    return Report(period, basis, inst.org_code if inst else "", inst.org_name if inst else "", level,
                  today or china_today(), units, values, only_org=org_code,
                  unit_names={code: names[code] for code in sorted(named) if code in names},
                  members=members, scope=tuple(scope) if scope is not None else None)


def _by_township(values: dict[str, dict[str, Number]], parents: dict[str, str]
                 ) -> tuple[dict[str, dict[str, Number]], dict[str, tuple[str, ...]]]:
    """Each committee's figures (``values``, TOTAL apart) summed into its township's column (``parents``: village
    → township; any other committee stays a column of its own), and the columns that sum several (→ those)."""
    grouped: dict[str, dict[str, Number]] = {}
    members: dict[str, tuple[str, ...]] = {}
    for code in sorted(values):
        if code == TOTAL:
            continue
        column = parents.get(code, code)
        members[column] = (*members.get(column, ()), code)
        row = grouped.setdefault(column, {})
        for key, v in values[code].items():
            row[key] = row[key] + v if key in row else v
    grouped[TOTAL] = values[TOTAL]
    return grouped, {column: codes for column, codes in members.items() if codes != (column,)}


RawSums = dict[str, list[int]]  # committee → every figure's raw sum, in FIGURES order (amounts in fen)


#: the bound parameters of :func:`live_statement`: the first day counted, the day after the last, the committee
START, END, ORG = "report_start", "report_end", "report_org"


def _bound_period(basis: Basis, by_org: bool) -> ColumnElement[bool]:
    """``in_period`` with the period's days (and the committees, ``by_org``: a list) as the bound parameters
    :data:`START`, :data:`END` (and :data:`ORG`)."""
    day = _date_column(basis)
    where = and_(Case.deleted_at.is_(None), day >= bindparam(START, type_=Date()), day < bindparam(END, type_=Date()))
    if by_org:
        where = and_(where, Case.owner_org_code.in_(bindparam(ORG, type_=String(12), expanding=True)))
    return where


@functools.cache
def live_statement(basis: Basis, *, grouped: bool, by_org: bool) -> Select[Any]:
    """Owner org and every figure's raw sum per committee over the cases (not voided) dated by ``basis`` from
    :data:`START` to before :data:`END` (``by_org``: of the committees :data:`ORG` only), counted from the cases and
    their child rows (``grouped``: as on PostgreSQL, see ``figures.case_facts``). Built once and kept: every
    report, period and committee executes the same statement with its own values bound."""
    columns, facts = with_facts(lambda fs: [_measure(f, fs).label(f"v{i}") for i, f in enumerate(FIGURES)],
                                _bound_period(basis, by_org), _date_column(basis), grouped=grouped)
    return select(facts.c.owner_org_code, *columns).group_by(facts.c.owner_org_code)


def _live(conn: Connection, grouped: bool, start: dt.date, end: dt.date, basis: Basis,
          org_codes: list[str] | None) -> RawSums:
    """Every figure's raw sum per committee over the cases dated from ``start`` to before ``end`` (not voided; of
    the committees ``org_codes``, where given), counted from the cases and their child rows (the report's statement
    before the summary)."""
    stmt = live_statement(basis, grouped=grouped, by_org=org_codes is not None)
    values: dict[str, Any] = {START: start, END: end}
    if org_codes is not None:
        values[ORG] = org_codes
    return {str(row[0]): [summary.raw_number(v) for v in row[1:]] for row in conn.execute(stmt, values)}


def whole_months(period: Period) -> tuple[dt.date, dt.date] | None:
    """The first day of the period's first whole month and the day after its last (None: no whole month)."""
    first = period.start if period.start.day == 1 else _next_month(period.start)
    after = _next_month(period.end) if _next_month(period.end) == period.end_exclusive else \
        dt.date(period.end.year, period.end.month, 1)
    return (first, after) if first < after else None


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + 1, 1, 1) if day.month == 12 else dt.date(day.year, day.month + 1, 1)


def _from_summary(db: Database, period: Period, basis: Basis, org_codes: list[str] | None) -> RawSums | None:
    """The raw sums from the summary's whole months and the partial months counted live, read in one snapshot;
    None when the period has no whole month (it is counted live)."""
    months = whole_months(period)
    if months is None:
        return None
    first, after = months
    with db.engine.connect() as conn:
        if db.is_postgresql:  # (one snapshot for the check, the summary and the live partial months)
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            stale = summary.stale_committees(conn)
            small = stale is not None and summary.recount_is_small(conn, stale)
        if stale and small:  # a few committees stale (a hub after a local write): recounted first
            try:
                with db.engine.execution_options(**WRITE).begin() as writer:
                    summary.recount_if_small(writer)
            except OperationalError:  # (another writer held on past the lock timeout: counted live below)
                pass
        with conn.begin():
            # stale and not recounted (every committee, or a large part: a village after an edit), or a writer
            # came in between: all live, in this snapshot, the summary left as it is
            if not (stale == set() or small) or summary.stale_committees(conn) != set():
                return _live(conn, db.is_postgresql, period.start, period.end_exclusive, basis, org_codes)
            raw: RawSums = {}
            for start, end in ((period.start, first), (after, period.end_exclusive)):
                if start < end:  # (each alone: one index range each)
                    for code, sums in _live(conn, db.is_postgresql, start, end, basis, org_codes).items():
                        have = raw.setdefault(code, [0] * len(FIGURES))
                        for i, v in enumerate(sums):
                            have[i] += v
            last = after - dt.timedelta(days=1)
            for code, figs in summary.month_rows(conn, basis, summary.month_of(first), summary.month_of(last),
                                                 org_codes):
                sums = raw.setdefault(code, [0] * len(FIGURES))
                for i, f in enumerate(FIGURES):
                    sums[i] += int(figs.get(f.key, 0))
            return raw


def case_ids_for(db: Database, period: Period, basis: Basis, key: str, *, org_code: str | Sequence[str] | None = None,
                 limit: int | None = None, viewer: Actor | None = None) -> list[uuid.UUID]:
    """The cases behind figure ``key`` (the same condition the report counted) that ``viewer`` may see, oldest first.

    The report's counts include every case; this list leaves out the non-public cases (不公开调解) of other
    mediators for ``viewer`` (``services.privacy.visible_clause``). ``viewer=None`` is the system, as in
    ``visible_clause``: every case (the report's own checks, the CLI, benchmarks); the window passes whoever is
    signed in. The cases counted but not listed for ``v`` (without ``limit``) are the difference in length
    between ``case_ids_for(…)`` and ``case_ids_for(…, viewer=v)``.
    """
    f = figure(key)
    cond, facts = with_facts(f.where, and_(in_period(period, basis, org_code), visible_clause(viewer)),
                             _date_column(basis), grouped=db.is_postgresql)
    stmt = select(facts.c.id).where(cond).order_by(facts.c.day, facts.c.year, facts.c.serial)
    if limit is not None:
        stmt = stmt.limit(limit)
    with db.read_session() as s:
        return list(s.scalars(stmt))


def month_counts(db: Database, period: Period, basis: Basis = Basis.ACCEPTED, *, key: str = "cases",
                 org_code: str | None = None) -> list[tuple[int, int, int]]:
    """(year, month, number of cases of figure ``key``) for every month of ``period``, zeros included (of the
    committees a report of ``org_code`` counts, where given)."""
    from mediation_desktop.services.queries import township_of

    stmt = month_statement(figure(key).key, basis, grouped=db.is_postgresql, by_org=org_code is not None)
    values: dict[str, Any] = {START: period.start, END: period.end_exclusive}
    with db.read_session() as s:
        if org_code is not None:
            values[ORG] = committees_of(township_of(s), org_code)
        found = {(int(a), int(b)): int(n) for a, b, n in s.execute(stmt, values)}
    return [(yy, mm, found.get((yy, mm), 0)) for yy, mm in period.months()]


@functools.cache
def month_statement(key: str, basis: Basis, *, grouped: bool, by_org: bool) -> Select[int, int, int]:
    """Year, month and the number of cases of figure ``key`` in each month with any, over the cases (not voided)
    dated by ``basis`` from :data:`START` to before :data:`END` (``by_org``: of the committees :data:`ORG` only).
    Built once and kept, as :func:`live_statement`."""
    cond, facts = with_facts(figure(key).where, _bound_period(basis, by_org), _date_column(basis), grouped=grouped)
    y, m = extract("year", facts.c.day), extract("month", facts.c.day)
    return select(y, m, func.count()).where(cond).group_by(y, m)


def month_range(period: Period, year: int, month: int) -> Period:
    """One month of ``period`` as a period of its own (clipped to the period), for drilling into a bar."""
    start = max(period.start, dt.date(year, month, 1))
    nxt = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    end = min(period.end, nxt - dt.timedelta(days=1))
    return Period(start, end, f"{start.isoformat()}..{end.isoformat()}", "range")
