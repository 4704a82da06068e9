"""Which rows of a ledger are one case, or a case again (for :mod:`reports.ledger_import`).

* rows that continue a case: a row whose 序号 (or 案件编号, 受理日期) is merged down from a row above is part of
  that row's case, its own cells joined to the case's (``continues``, ``join_continuation``);
* repeats: inside one file only the same row again; against the cases here, the same case number or, for a row
  without one, the same acceptance date, parties and category, counted (``existing``, ``mark_repeats``);
* numbers: a case number that is not one of this committee's is kept as 原编号 (``foreign_numbers``).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import uuid
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from mediation_desktop.domain.case_number import CaseNumberPatternError, format_case_number, parse_case_number
from mediation_desktop.domain.enums import PartyRole
from mediation_desktop.domain.lifecycle import OPEN_STATUSES, CaseStatus
from mediation_desktop.domain.text import Label
from mediation_desktop.reports import ledger_parse as lp
from mediation_desktop.reports.ledger import BY_KEY
from mediation_desktop.reports.ledger_row import (
    SEMICOLON,
    Parsed,
    Problem,
    cell_value,
    fingerprint,
    listed,
    norm_case_no,
    said,
)
from mediation_desktop.reports.ledger_sheet import Mapping
from mediation_desktop.services.cases import setting
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Case, Installation, Party

if TYPE_CHECKING:
    from mediation_desktop.reports.ledger_import import ImportRow


#: the columns that say which case a row is: a row whose cell in the first of them that the file has is merged
#: down from a row above (序号 1 over rows 3–4) continues that row's case
_CASE_KEYS = ("seq", "case_no", "accepted_on")
_PARTY_KEYS = ("applicants", "respondents", "third_parties")


def merge_key(mapping: Mapping) -> str | None:
    return next((k for k in _CASE_KEYS if k in mapping), None)


def continues(carried: dict[int, int], mapping: Mapping, entries: dict[int, Any]) -> int | None:
    """The row (its number) whose case a row continues, by a vertically merged 序号 (or 案件编号, 受理日期)."""
    key = merge_key(mapping)
    first = carried.get(mapping[key]) if key is not None else None
    return first if first is not None and first in entries else None


def join_continuation(into: dict[str, Any], values: dict[str, Any], carried: dict[int, int], mapping: Mapping,
          headers: dict[str, str], line: int) -> None:
    """A continuation row's own cells (not those its merged ranges carry down) added to its case's: a party
    to the parties of the same side; a 纠纷简要情况 / 回访 to the text; any other cell to the 备注, with its row
    and column named — nothing of the row is lost."""
    extra: list[str] = []
    for key, value in values.items():
        if mapping[key] in carried or not lp.text(value) or lp.text(value) == lp.text(into.get(key)):
            continue
        mine = lp.text(into.get(key))
        if key in _PARTY_KEYS:
            into[key] = f"{mine}、{lp.text(value)}" if mine else lp.text(value)
        elif key in ("summary", "note", "follow_ups"):
            into[key] = f"{mine}\n{lp.text(value)}" if mine else lp.text(value)
        elif key != "seq":
            extra.append(f"第{line}行{headers.get(key) or BY_KEY[key].header}：{lp.text(value)}")
    if extra:
        mine = lp.text(into.get("note"))
        into["note"] = "\n".join([*([mine] if mine else []), *extra])



def existing(db: Database, rows: list[Parsed]) -> tuple[set[str], Counter[str]]:
    with db.read_session() as s:
        return existing_in(s, rows)


def existing_in(s: Any, rows: list[Parsed]) -> tuple[set[str], Counter[str]]:
    """Case numbers and fingerprints (with how many cases have each) of the cases here the rows could repeat."""
    numbers = {p.case_no for p in rows if p.case_no}
    days = {p.accepted_on for p in rows}
    found_numbers: set[str] = set()
    prints: Counter[str] = Counter()
    for chunk in _chunks(sorted(numbers), 500):
        found_numbers |= set(s.scalars(select(Case.case_no).where(Case.case_no.in_(chunk),
                                                                   Case.deleted_at.is_(None))))
    for chunk in _chunks(sorted(days), 200):
        cases = s.execute(select(Case.id, Case.accepted_on, Case.category_code)
                          .where(Case.accepted_on.in_(chunk), Case.deleted_at.is_(None))).all()
        names: dict[uuid.UUID, list[tuple[PartyRole, str]]] = {c.id: [] for c in cases}
        for cid, role, name in s.execute(select(Party.case_id, Party.role, Party.name)
                                         .where(Party.case_id.in_(list(names)), Party.deleted_at.is_(None))):
            names[cid].append((role, name))
        for c in cases:
            ps = names[c.id]
            prints[fingerprint(c.accepted_on, [n for r, n in ps if r == PartyRole.APPLICANT],
                               [n for r, n in ps if r != PartyRole.APPLICANT], c.category_code)] += 1
    return {norm_case_no(n) for n in found_numbers}, prints


def foreign_numbers(db: Database, rows: list[ImportRow]) -> None:
    """A case number that is not one of this committee's (another village's export, an old short name) is no
    number here: kept as 原编号, the row numbered in this committee's own series as a row without one is (its
    serial never moves this committee's counter), with a note. "This committee's" is: the number its own
    pattern, short name and code give for the year and serial it states (（2023）柳湾村人调字第5号)."""
    from mediation_desktop.services.setup import DEFAULT_SETTINGS

    with db.read_session() as s:
        inst = s.scalar(select(Installation).limit(1))
        pattern = str(setting(s, "case_number_pattern", DEFAULT_SETTINGS["case_number_pattern"]))
    if inst is None:
        return
    for row in rows:
        p = row.parsed
        if p is None or not p.case_no or own_case_number(p.case_no, pattern, inst.short_name, inst.org_code):
            continue
        p.notes.append(Problem("ledger.note.foreign_no", {"value": p.case_no, "short": inst.short_name}))
        p.original_no = p.original_no or p.case_no
        p.case_no = ""


def own_case_number(case_no: str, pattern: str, short: str, org: str) -> bool:
    """Whether ``case_no`` is a number this committee's pattern gives (full- and half-width alike)."""
    try:
        stated = parse_case_number(pattern, case_no)
        if stated is None:
            return False
        mine = format_case_number(pattern, year=stated[0], serial=stated[1], short=short, org=org)
    except (ValueError, CaseNumberPatternError):
        return False

    def fold(text: str) -> str:
        return "".join(unicodedata.normalize("NFKC", text).split())

    return fold(mine) == fold(case_no)


#: cells that say nothing of the case itself: a row entered twice differs in them only (序号 11, 备注 重复录入)
_BOOKKEEPING = ("seq", "note")
#: the cells the identity of a row without a case number is made of (``fingerprint``)
_IDENTITY = ("accepted_on", "registered_on", "applicants", "respondents", "third_parties", "category")


def _same_case(row: ImportRow) -> tuple[Any, ...]:
    """What makes two rows of one file the same case: the identity the cases here are matched by (the case number,
    or without one the acceptance date, parties and category, however written) and every other cell but the
    bookkeeping ones (序号, 备注) — two disputes of one day between the same parties differ in their 纠纷简要情况."""
    p = row.parsed
    assert p is not None
    ignored = {*_BOOKKEEPING, *(("case_no",) if p.case_no else _IDENTITY)}
    return (p.case_no or p.fingerprint(), tuple(sorted((k, v) for k, v in row.cells.items() if v and k not in ignored)))


@dataclass(frozen=True)
class Stored:
    """What a case here says of the facts a ledger row states too (to name a corrected row's differences)."""

    case_no: str
    outcome: str | None  # out:success …; None for an archived case (its outcome is not in its status)
    amount: Decimal | None
    accepted_on: dt.date | None
    closed_on: dt.date | None


_OUTCOME_OF = {CaseStatus.AGREED: "out:success", CaseStatus.PERFORMED: "out:success", CaseStatus.FAILED: "out:failed",
               CaseStatus.SUSPENDED: "out:suspended", CaseStatus.DECLINED: "out:declined",
               CaseStatus.REFERRED: "out:referred", **dict.fromkeys(OPEN_STATUSES, "out:open")}


def stored_cases(db: Database, rows: list[Parsed]) -> dict[str, Stored]:
    """The cases here the rows repeat, by ``no:<case number>`` and ``fp:<fingerprint>`` (the first of each)."""
    numbers = sorted({p.case_no for p in rows if p.case_no})
    days = sorted({p.accepted_on for p in rows if not p.case_no})
    out: dict[str, Stored] = {}
    with db.read_session() as s:
        cases = []
        for chunk in _chunks(numbers, 500):
            cases += list(s.scalars(select(Case).options(selectinload(Case.parties))
                                    .where(Case.case_no.in_(chunk), Case.deleted_at.is_(None))))
        for chunk in _chunks(days, 200):
            cases += list(s.scalars(select(Case).options(selectinload(Case.parties))
                                    .where(Case.accepted_on.in_(chunk), Case.deleted_at.is_(None))))
        for c in cases:
            fact = Stored(c.case_no, _OUTCOME_OF.get(c.status), c.amount_involved, c.accepted_on, c.closed_on)
            ps = [(p.role, p.name) for p in c.parties if p.deleted_at is None]
            out.setdefault(f"no:{norm_case_no(c.case_no)}", fact)
            out.setdefault("fp:" + fingerprint(c.accepted_on, [n for r, n in ps if r == PartyRole.APPLICANT],
                                               [n for r, n in ps if r != PartyRole.APPLICANT], c.category_code), fact)
    return out


def differences(row: ImportRow, here: Stored) -> Label:
    """「调解结果 本机：调解成功 / 台账：调解不成」 for each fact the row states that the case here says otherwise (in
    Chinese, knowing its English: it says it in the language the row's message is read in)."""
    p = row.parsed
    assert p is not None

    def name(key: str) -> str:
        return row.headers.get(key) or BY_KEY[key].header

    def day(value: dt.date | None) -> str:
        return value.isoformat() if value else "—"

    def outcome(value: str) -> Label:
        return said(f"ledger.outcome.{value}")

    out: list[tuple[str, str, str]] = []
    if p.outcome is not None and here.outcome is not None and p.outcome != here.outcome:
        out.append((name("outcome"), outcome(here.outcome), outcome(p.outcome)))
    if p.amount is not None and p.amount != here.amount:
        out.append((name("amount"), "—" if here.amount is None else f"{here.amount:.2f}", f"{p.amount:.2f}"))
    if p.accepted_on != here.accepted_on:
        out.append((name("accepted_on"), day(here.accepted_on), day(p.accepted_on)))
    if p.closed_on is not None and p.closed_on != here.closed_on:
        out.append((name("closed_on"), day(here.closed_on), day(p.closed_on)))
    return listed((said("ledger.row.differs_item", column=c, here=h, ledger=v) for c, h, v in out), SEMICOLON)


def mark_repeats(rows: list[ImportRow], numbers: set[str], prints: Counter[str],
                 here: dict[str, Stored] | None = None) -> None:
    """Mark the rows that are already here, and the rows a file repeats.

    Inside one file a row is a repeat of an earlier row when it is the same case by the rule the cases here are
    matched by (case number, or acceptance date, parties and category) and says the same of it in every other
    cell but 序号 and 备注 (a row entered twice: 备注 「重复录入」); the cells it differs in are named. Two disputes
    of one day between the same parties (纠纷简要情况 differs) are two cases. A case number written on two rows that
    differ otherwise is an error (one number, two cases: the clerk must say which).
    Against the cases already here a row is a repeat by its case number, or without one by its acceptance
    date, parties and category, counted: a file of two such disputes imported twice adds nothing the second
    time, and one such case already here absorbs one row, not both."""
    seen: dict[tuple[tuple[str, str], ...], ImportRow] = {}
    cases: dict[tuple[Any, ...], ImportRow] = {}
    by_number: dict[str, int] = {}
    left = Counter(prints)
    for row in rows:
        p = row.parsed
        if p is None:
            continue
        same = tuple(sorted((k, v) for k, v in row.cells.items() if v))
        if same in seen:
            row.status = "duplicate"
            row.problems.append(Problem("ledger.row.duplicate_in_file", {"other": seen[same].line,
                                                                         "where": _sheet_of(seen[same], row)}))
            continue
        seen[same] = row
        first = cases.setdefault(_same_case(row), row)
        if first is not row:
            differ = [k for k in row.cells if row.cells.get(k, "") != first.cells.get(k, "")]
            row.status = "duplicate"
            row.problems.append(Problem("ledger.row.same_case_in_file", {
                "other": first.line, "where": _sheet_of(first, row), "cells": listed(
                    cell_value(row.headers.get(k) or BY_KEY[k].header, row.cells.get(k, "")) for k in differ)}))
            continue
        if p.case_no and p.case_no in by_number:
            row.status = "error"
            row.problems.append(Problem("ledger.row.number_in_file", {"case_no": p.case_no,
                                                                      "other": by_number[p.case_no]}))
            continue
        if p.case_no:
            by_number[p.case_no] = row.line
        if p.case_no and p.case_no in numbers:
            row.status = "duplicate"
        elif not p.case_no and left[p.fingerprint()] > 0:
            left[p.fingerprint()] -= 1
            row.status = "duplicate"
        else:
            continue
        stored = (here or {}).get(f"no:{p.case_no}" if p.case_no else f"fp:{p.fingerprint()}")
        changed = differences(row, stored) if stored is not None else ""
        if changed:  # a corrected ledger: nothing is changed here, but the clerk is told what to correct by hand
            assert stored is not None
            row.problems.append(Problem("ledger.row.exists_differs", {"case_no": stored.case_no, "differ": changed}))
            continue
        row.problems.append(Problem("ledger.row.exists", {"case_no": p.case_no or p.title or
                                                          listed(n for _, n in p.parties)}))


def _sheet_of(first: ImportRow, row: ImportRow) -> str:
    """「工作表“2023年”」 before the row number of ``first`` when it is on another sheet than ``row``, else ""."""
    return "" if first.sheet == row.sheet else said("ledger.sheet_named", name=first.sheet)


def _chunks(items: list[Any], size: int) -> list[list[Any]]:
    return [items[i:i + size] for i in range(0, len(items), size)]
