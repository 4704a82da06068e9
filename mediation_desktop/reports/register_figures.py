"""Figures counted from the committee's registers, not from cases: screenings (排查纠纷, 预防纠纷) and the
committee and its mediators (调解组织, 调解员, 专职).

They sit in the report beside the case figures (``Report.figures``) and have no cases behind them to list
(:data:`REGISTER_KEYS`). Definitions (docs/reports.md):

* 排查次数: screenings held inside the period (by their date, whatever the report's basis), per committee.
* 排查发现纠纷: the disputes those screenings found; 其中：登记为案件 — those registered as a case (not voided: a
  link to a case registered by mistake counts for nothing; a purged case's tombstone still counts).
* 预防纠纷: found disputes settled on the spot, before they became a case — one registered as a case is not
  counted here too, whatever it is marked (data from older builds may hold both).
* 调解委员会: the committees that reported — this committee on a village's installation; on a hub each
  committee with cases in the report, screenings in the period or a mediator roster here.
* 人民调解员 / 其中：专职: the active mediators on the committees' rosters when the report is made.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Date, Select, String, and_, bindparam, case, false, func, select

from mediation_desktop.domain.enums import OrgLevel
from mediation_desktop.reports.figures import Facts, Figure
from mediation_desktop.reports.periods import Period
from mediation_desktop.services.screenings import counted_case
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Case, Installation, Mediator, Screening, ScreeningFinding

__all__ = ["REGISTER_FIGURES", "REGISTER_KEYS", "RegisterFigure", "merge_register_values", "register_statements",
           "register_values"]


def _none(_f: Facts) -> ColumnElement[bool]:
    return false()


@dataclass(frozen=True)
class RegisterFigure(Figure):
    """A figure from a register: integer counts in their own unit (次, 个, 件, 人)."""

    unit: tuple[str, str] = ("件", "cases")

    @property
    def unit_zh(self) -> str:
        return self.unit[0]

    @property
    def unit_en(self) -> str:
        return self.unit[1]


def _r(key: str, zh: str, en: str, section: str, unit: tuple[str, str], indent: int = 0) -> RegisterFigure:
    return RegisterFigure(key, zh, en, section, _none, indent=indent, unit=unit)


_TIMES, _CASES, _BODIES, _PERSONS = ("次", "times"), ("件", "cases"), ("个", "committees"), ("人", "persons")

REGISTER_FIGURES: tuple[Figure, ...] = (
    _r("scr:held", "排查次数", "Screenings held", "screening", _TIMES),
    _r("scr:found", "排查发现纠纷", "Disputes found by screening", "screening", _CASES),
    _r("scr:registered", "其中：登记为案件", "of which: registered as a case", "screening", _CASES, indent=1),
    _r("scr:prevented", "预防纠纷", "Disputes prevented (settled on the spot)", "screening", _CASES),
    _r("org:committees", "调解委员会", "Mediation committees", "roster", _BODIES),
    _r("org:mediators", "人民调解员", "People's mediators", "roster", _PERSONS),
    _r("org:full_time", "其中：专职", "of which: full-time", "roster", _PERSONS, indent=1),
)
REGISTER_KEYS = frozenset(f.key for f in REGISTER_FIGURES)


def _per_unit(rows: Any, keys: tuple[str, ...], out: dict[str, dict[str, int]]) -> None:
    for row in rows:
        unit = out.setdefault(str(row[0]), {})
        for key, value in zip(keys, row[1:], strict=True):
            unit[key] = unit.get(key, 0) + int(value or 0)


#: the bound parameters of :func:`register_statements`: the first day counted, the day after the last, the committee
START, END, ORG = "register_start", "register_end", "register_org"


@functools.cache
def register_statements(*, by_org: bool) -> tuple[Select[Any], Select[str, int, Any]]:
    """The screenings held from :data:`START` to before :data:`END` and the active mediators, per committee
    (``by_org``: of the committees :data:`ORG` only). Built once and kept, executed with the values bound."""
    live = and_(Screening.deleted_at.is_(None), Screening.held_on >= bindparam(START, type_=Date()),
                Screening.held_on < bindparam(END, type_=Date()))
    if by_org:
        live = and_(live, Screening.owner_org_code.in_(bindparam(ORG, type_=String(12), expanding=True)))
    registered = Case.id.is_not(None)  # (joined only when the finding's case counts: not voided)
    found = (select(ScreeningFinding.screening_id.label("sid"), func.count().label("n"),
                    func.sum(case((registered, 1), else_=0)).label("registered"),
                    func.sum(case((and_(ScreeningFinding.prevented.is_(True), ~registered), 1), else_=0))
                    .label("prevented"))
             .select_from(ScreeningFinding)
             .outerjoin(Case, and_(Case.id == ScreeningFinding.case_id, counted_case()))
             .where(ScreeningFinding.deleted_at.is_(None)).group_by(ScreeningFinding.screening_id).subquery())
    screenings = (select(Screening.owner_org_code, func.count(), func.sum(func.coalesce(found.c.n, 0)),
                         func.sum(func.coalesce(found.c.registered, 0)), func.sum(func.coalesce(found.c.prevented, 0)))
                  .select_from(Screening).outerjoin(found, found.c.sid == Screening.id)
                  .where(live).group_by(Screening.owner_org_code))
    active = and_(Mediator.deleted_at.is_(None), Mediator.active.is_(True))
    if by_org:
        active = and_(active, Mediator.owner_org_code.in_(bindparam(ORG, type_=String(12), expanding=True)))
    mediators = (select(Mediator.owner_org_code, func.count(),
                        func.sum(case((Mediator.full_time.is_(True), 1), else_=0)))
                 .where(active).group_by(Mediator.owner_org_code))
    return screenings, mediators


def register_values(db: Database, period: Period, *, org_codes: list[str] | None = None) -> dict[str, dict[str, int]]:
    """Unit (org code) → register figure → value, for the committees with any (``org_codes``: those only)."""
    out: dict[str, dict[str, int]] = {}
    screenings, mediators = register_statements(by_org=org_codes is not None)
    org: dict[str, Any] = {} if org_codes is None else {ORG: org_codes}
    with db.read_session() as s:
        _per_unit(s.execute(screenings, {START: period.start, END: period.end_exclusive, **org}),
                  ("scr:held", "scr:found", "scr:registered", "scr:prevented"), out)
        _per_unit(s.execute(mediators, org), ("org:mediators", "org:full_time"), out)
    return out


def merge_register_values(db: Database, values: dict[str, dict[str, Any]], period: Period, total: str,
                          org_codes: list[str] | None, inst: Installation | None) -> None:
    """Put the register figures into a report's ``values`` (unit → figure → value, ``total`` summing them).

    A committee counts once per unit that has cases in the report or register figures; a village's own
    committee always counts (it reports even in a period without cases)."""
    registers = register_values(db, period, org_codes=org_codes)
    units = {u for u in values if u != total} | set(registers)
    if inst is not None and inst.level == OrgLevel.VILLAGE and (org_codes is None or inst.org_code in org_codes):
        units.add(inst.org_code)
    sums = {f.key: 0 for f in REGISTER_FIGURES}
    for unit in sorted(units):
        row = values.setdefault(unit, {})
        for f in REGISTER_FIGURES:
            row[f.key] = 1 if f.key == "org:committees" else registers.get(unit, {}).get(f.key, 0)
            sums[f.key] += row[f.key]
    values.setdefault(total, {}).update(sums)
