"""Bringing a village's existing ledger (台账) of past cases into the program.

Three steps, so nothing is written until the user has seen what will happen:

1. :func:`read_sheet` (in :mod:`reports.ledger_sheet`) reads an .xlsx, .xls or .csv (a merged range as its one
   value, blank rows dropped) and finds the header row and which column is which (the ledger export's headers, or
   common other names);
2. :func:`plan_import` checks every row (per-row messages in Chinese) and marks the rows already here —
   same case number, or for a row without one the same acceptance date, parties and category — so
   importing the same file twice adds nothing;
3. :func:`apply_import` writes the new rows in **one** transaction through the unit of work (every row
   audited, one change sequence), with the search index updated the way ``register_case`` does it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from mediation_desktop.domain.categories import CURRENT_SCHEME, scheme
from mediation_desktop.domain.china_time import china_today
from mediation_desktop.domain.enums import (
    AgreementForm,
    AgreementStatus,
    Performance,
    SessionResult,
)
from mediation_desktop.domain.lifecycle import CaseStatus
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.reports import ledger_parse as lp
from mediation_desktop.reports.ledger import BY_KEY
from mediation_desktop.reports.ledger_owner import check_owner
from mediation_desktop.reports.ledger_repeats import (
    continues,
    existing,
    existing_in,
    foreign_numbers,
    join_continuation,
    mark_repeats,
    merge_key,
    stored_cases,
)
from mediation_desktop.reports.ledger_row import (
    CASE_NO_SERIAL,
    CASE_SERIAL,
    Parsed,
    Problem,
    fingerprint,
    listed,
    parse_row,
    party_kind,
    quoted,
    said,
)
from mediation_desktop.reports.ledger_sheet import (
    HEADER_SCAN,
    Mapping,
    Sheet,
    check_mapping,
    money_scale,
    read_sheet,
)
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.cases import default_title, require_writer, setting
from mediation_desktop.services.parties import PartyInput, check_party
from mediation_desktop.services.today import IMPORTED_ON
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import (
    Agreement,
    Case,
    CaseNumberCounter,
    FollowUp,
    Installation,
    MediationSession,
    Party,
    Referral,
)
from mediation_desktop.storage.types import utcnow
from mediation_desktop.storage.unit_of_work import UnitOfWork

__all__ = ["CASE_SERIAL", "ImportPlan", "ImportRow", "Parsed", "Problem", "Sheet", "apply_import", "fingerprint",
           "parse_row", "plan_import", "read_sheet"]

@dataclass
class ImportRow:
    line: int  # row number in the file (as Excel shows it)
    status: str  # new | duplicate | error
    parsed: Parsed | None = None
    problems: list[Problem] = field(default_factory=list)
    cells: dict[str, str] = field(default_factory=dict)
    sheet: str = ""  # the worksheet it is on, when the file has several ledger sheets
    headers: dict[str, str] = field(default_factory=dict)  # the file's own column names, by key (for messages)

    def where(self, lang: str | None = None) -> str:
        """「工作表“2024年”：」 before a row's messages when the file has several ledger sheets, else ""."""
        return tr("ledger.sheet_prefix", lang, name=self.sheet) if self.sheet else ""

    def messages(self, lang: str | None = None) -> list[str]:
        """What stops (or skips) the row; each line of a refused row ends the same way: 「这一行没有导入。」"""
        texts = [p.text(lang) for p in self.problems]
        if self.status != "error":
            return texts
        return [tr("ledger.row.refused", lang, message=t.rstrip("。. ")) for t in texts]

    def notes(self, lang: str | None = None) -> list[str]:
        return [n.text(lang) for n in self.parsed.notes] if self.parsed else []

    def as_json(self) -> dict[str, Any]:
        p = self.parsed
        return {"row": self.line, "sheet": self.sheet, "status": self.status,
                "case_no": p.case_no if p else self.cells.get("case_no", ""),
                "accepted_on": p.accepted_on.isoformat() if p else None,
                "parties": [n for _, n in p.parties] if p else [],
                "cells": self.cells, "values": p.stored() if p else None,
                "notes": self.notes(), "note_keys": [n.key for n in p.notes] if p else [],
                "messages": self.messages(), "message_keys": [pr.key for pr in self.problems]}


@dataclass
class ImportPlan:
    sheet_name: str
    rows: list[ImportRow]
    columns: list[dict[str, Any]] = field(default_factory=list)  # how each column of the file is read
    skipped: list[Problem] = field(default_factory=list)  # rows that are not cases (合计 …), with why
    #: what the user is told about the file as a whole: sheets not read, columns not read, a column in 万元
    remarks: list[Problem] = field(default_factory=list)
    #: how many cases here had each row's acceptance date, parties and category when the plan was made
    known: Counter[str] = field(default_factory=Counter)

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    def as_json(self) -> dict[str, Any]:
        return {"file": self.sheet_name, "new": self.count("new"), "duplicates": self.count("duplicate"),
                "errors": self.count("error"), "columns": self.columns,
                "remarks": [{"text": p.text(), "key": p.key} for p in self.remarks],
                "skipped": [{"text": p.text(), "key": p.key, **{k: v for k, v in p.params.items()
                                                                 if k in ("row", "sheet")}}
                            for p in self.skipped],
                "rows": [r.as_json() for r in self.rows]}


def plan_import(db: Database, sheet: Sheet, mapping: Mapping | None = None, *,
                today: dt.date | None = None, categories: dict[str, str] | None = None,
                own_ledger: bool = False) -> ImportPlan:
    """Check every row of ``sheet`` (with ``mapping``, or the one guessed from its header); writes nothing.

    ``categories`` maps the ledger's own category words to codes (噪音 → neighbour); a word neither known
    nor mapped is counted as 其他 with the word kept, and the plan says so. At a township a ledger whose title
    names another committee is refused unless ``own_ledger`` (``reports.ledger_owner``)."""
    today = today or china_today()
    check_owner(db, sheet, own_ledger)
    if mapping is None:
        if sheet.header_row is None:
            raise MediationError("ledger.no_header", path=sheet.name, rows=HEADER_SCAN)
        mapping = sheet.mapping
    check_mapping(mapping)
    parts = sheet.parts()
    columns: list[dict[str, Any]] = []
    rows: list[ImportRow] = []
    skipped: list[Problem] = []
    remarks: list[Problem] = []
    if sheet.unread:
        read = quoted(p.tab for p in parts)
        unread = listed(said("ledger.sheet_hidden" if why == "hidden" else "ledger.sheet_no_header", name=tab)
                        for tab, why in sheet.unread)
        remarks.append(Problem("ledger.sheets", {"read": read, "unread": unread}))
    for part in parts:
        # a further sheet with the same header row as the first takes the columns chosen for it; any other
        # its own (they are checked as the first's are)
        own = mapping if part is sheet or part.headers == sheet.headers else part.mapping
        if part is not sheet:
            check_mapping(own)
        tab = part.tab if len(parts) > 1 else ""
        prefix = said("ledger.sheet_prefix", name=tab) if tab else ""
        split_pairs = "respondents" not in own
        names = part.headers
        headers = {key: names[i] for key, i in own.items() if i < len(names)}
        by_index = {i: key for key, i in own.items()}
        columns += [  # every column of the file and what it is read as (None: not imported)
            {"column": i + 1, "header": name, "key": by_index.get(i),
             "field": BY_KEY[by_index[i]].header if i in by_index else None, **({"sheet": tab} if tab else {})}
            for i, name in enumerate(names)]
        unused = part.unused_columns(own)
        if unused:
            remarks.append(Problem("ledger.unmapped", {"sheet": prefix,
                                                        "columns": quoted(unused)}))
        if "amount" in headers and money_scale(headers["amount"]) not in (1, None):
            scale = money_scale(headers["amount"]) or 1
            remarks.append(Problem("ledger.scaled", {"sheet": prefix, "column": headers["amount"],
                                                      "unit": "万元" if scale == 10_000 else "千元",
                                                      "scale": f"{scale:,}"}))
        entries: dict[int, tuple[dict[str, Any], list[int]]] = {}  # line → (cells by key, lines joined to it)
        for line, cells in part.data_rows():
            values = {key: (cells[i] if i < len(cells) else None) for key, i in own.items()}
            owner = continues(part.merged.get(line, {}), own, entries)
            if owner is not None:  # the same case as the row its merged 序号 starts on: its cells joined there
                join_continuation(entries[owner][0], values, part.merged[line], own, headers, line)
                entries[owner][1].append(line)
                continue
            footer = _footer(cells)
            if footer is not None or _is_note_row(values):
                skipped.append(Problem("ledger.note.skipped", {"row": line, "value": footer or _first_text(cells),
                                                               **({"sheet": tab} if tab else {})}))
                continue
            entries[line] = (values, [])
        for line, (values, joined) in entries.items():
            parsed, problems = parse_row(values, today, split_pairs=split_pairs, year=part.year,
                                         categories=categories, headers=headers)
            if parsed is not None and joined:
                parsed.notes.insert(0, Problem("ledger.note.merged", {
                    "row": line, "rows": listed(str(n) for n in joined),
                    "column": headers.get(merge_key(own) or "", "")}))
            rows.append(ImportRow(line, "error" if problems else "new", parsed, problems,
                                  {k: lp.text(v) for k, v in values.items()}, tab, headers))
    foreign_numbers(db, rows)
    numbers, prints = existing(db, [r.parsed for r in rows if r.parsed is not None])
    mark_repeats(rows, numbers, prints, stored_cases(db, [r.parsed for r in rows if r.parsed is not None]))
    return ImportPlan(sheet.name, rows, columns, skipped, remarks, prints)


_FOOTER_WORDS = ("合计", "小计", "总计", "共计", "制表", "填表", "审核", "负责人")


def category_mapping(pairs: list[str]) -> dict[str, str]:
    """``噪音=neighbour`` (or 噪音=邻里) pairs as a mapping of the ledger's words to category codes."""
    out: dict[str, str] = {}
    for pair in pairs:
        word, sep, target = pair.partition("=")
        try:
            code = lp.parse_category(target.strip()) if sep and word.strip() else None
        except lp.CellError:
            code = None
        if code is None:
            raise MediationError("ledger.category_map", value=pair)
        out[word.strip()] = code
    return out


def _first_text(cells: list[Any]) -> str:
    return next((lp.text(v) for v in cells if lp.text(v)), "")[:40]


def _footer(cells: list[Any]) -> str | None:
    """The word of a 合计 / 制表人 row (its first filled cell starts with one), or None for a case row."""
    first = "".join(_first_text(cells).split())
    return first if first.startswith(_FOOTER_WORDS) else None


def _is_note_row(values: dict[str, Any]) -> bool:
    """A footer such as 合计 / 制表人：… (one filled cell, no date, no party): not a case."""
    filled = [lp.text(v) for v in values.values() if lp.text(v)]
    return len(filled) <= 1 and not lp.text(values.get("applicants"))


# --- 3. writing ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ImportResult:
    added: int
    duplicates: int
    errors: int
    case_ids: list[uuid.UUID]


def apply_import(db: Database, actor: Actor, plan: ImportPlan, *, today: dt.date | None = None,
                 progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """Write every new row of ``plan`` in one transaction (all or nothing), audited and indexed.

    ``progress(done, total)`` hears of the rows as they are made; whatever it raises (the window's 取消)
    stops the import before its commit: nothing is written."""
    from mediation_desktop.services import search

    require_writer(actor)
    new = [r for r in plan.rows if r.status == "new" and r.parsed is not None]
    if not new:
        raise MediationError("ledger.nothing_to_import")
    today = today or china_today()
    with UnitOfWork(db, actor=actor.username, action="ledger.import") as uow:
        s = uow.session
        inst = s.scalar(select(Installation).limit(1))
        if inst is None:
            raise MediationError("setup.not_initialised", data_dir=str(db.paths.root))
        numbers, prints = existing_in(s, [r.parsed for r in new if r.parsed is not None])
        version = str(setting(s, "category_scheme", CURRENT_SCHEME))
        categories = scheme(CURRENT_SCHEME)
        taken: dict[int, set[int]] = {}
        ids: list[uuid.UUID] = []
        for i, row in enumerate(new):
            if progress is not None and i % 200 == 0:
                progress(i, len(new) + 1)
            p = row.parsed
            assert p is not None
            if p.case_no and p.case_no in numbers:
                continue  # arrived since the preview (another window): still added only once
            if not p.case_no and prints[p.fingerprint()] > plan.known[p.fingerprint()]:
                prints[p.fingerprint()] -= 1  # one such case arrived since the preview: it absorbs one row
                continue
            case = _new_case(s, inst, p, version if categories.get(p.category) else CURRENT_SCHEME, taken, today)
            s.add(case)
            ids.append(case.id)
        s.flush()
        search.index_cases(s.connection(), search.load_case_texts(s.connection(), ids))
        uow.note("ledger.import", "ledger", plan.sheet_name, None,
                 {"file": plan.sheet_name, "added": len(ids), "duplicates": plan.count("duplicate"),
                  "errors": plan.count("error")})
        if progress is not None:  # the last point where it may still be stopped
            progress(len(new) + 1, len(new) + 1)
        uow.commit()
    return ImportResult(len(ids), plan.count("duplicate") + len(new) - len(ids), plan.count("error"), ids)


def _serial(s: Any, inst: Installation, p: Parsed, year: int, taken: dict[int, set[int]]) -> tuple[int, str]:
    """The ledger's own number (and its serial, if free); a new number when the row has none."""
    from mediation_desktop.services.cases import allocate_case_number

    used = taken.setdefault(year, set())
    match = CASE_NO_SERIAL.search(p.case_no) if p.case_no else None
    if match:
        serial = int(match[1])
        free = serial not in used and s.scalar(select(func.count()).select_from(Case).where(
            Case.owner_org_code == inst.org_code, Case.year == year, Case.serial == serial)) == 0
        if free:
            counter = s.get(CaseNumberCounter, year)
            if counter is None:
                s.add(CaseNumberCounter(year=year, last_serial=serial))
                s.flush()
            elif counter.last_serial < serial:
                counter.last_serial = serial
            used.add(serial)
            return serial, p.case_no
    while True:
        serial, number = allocate_case_number(s, inst, year)
        if serial not in used:
            used.add(serial)
            return serial, p.case_no or number


def _new_case(s: Any, inst: Installation, p: Parsed, version: str, taken: dict[int, set[int]],
              today: dt.date) -> Case:
    year = p.registered_on.year
    serial, case_no = _serial(s, inst, p, year, taken)
    names = [n for _, n in p.parties]
    categories = scheme(CURRENT_SCHEME)
    # ``ledger_fingerprint`` is also the fact that the case came from a ledger (documents.registry)
    # ``ledger_imported_on``: the case is history before that day; the today view lists none of its reminders
    # that fell due before it (services.today), only what falls due after
    extra: dict[str, Any] = {"ledger_fingerprint": p.fingerprint(), IMPORTED_ON: today.isoformat()}
    if p.note:
        extra["ledger_note"] = p.note
    if p.original_no:
        extra["original_no"] = p.original_no
    if p.category_word:
        extra["ledger_category"] = p.category_word
    if p.month_only:
        extra["ledger_month_only"] = list(p.month_only)
    case = Case(
        id=uuid.uuid4(), case_no=case_no, year=year, serial=serial, owner_org_code=inst.org_code,
        owner_installation_id=inst.id, title=p.title or default_title(names, categories.label(p.category, "zh")),
        category_code=p.category, category_scheme=version, source=p.source, source_detail=p.source_detail or None,
        status=p.status, registered_on=p.registered_on,
        accepted_on=None if p.status == CaseStatus.REGISTERED else p.accepted_on, closed_on=p.closed_on,
        summary=p.summary, requests=[], amount_involved=p.amount, mediator_name=p.mediator, recorder_name="",
        prevented_criminal=p.prevented.get("prevented_criminal", False),
        prevented_petition=p.prevented.get("prevented_petition", False),
        prevented_suicide=p.prevented.get("prevented_suicide", False),
        stopped_group_fight=p.prevented.get("stopped_group_fight", False),
        prevented_persons=p.prevented_persons, extra=extra, escalation_risk=False, non_public=False,
    )
    case.parties = [Party(position=i, **check_party(PartyInput(name=name, role=role, kind=party_kind(name)),
                                                    today=today).values)
                    for i, (role, name) in enumerate(p.parties)]
    day = p.closed_on or p.accepted_on
    agreement = None
    if p.form is not None:
        agreement = Agreement(
            id=uuid.uuid4(), form=p.form, number=case_no, version=1, status=AgreementStatus.SIGNED,
            facts=p.summary, terms=[],
            copies=1 if p.form != AgreementForm.WRITTEN else len(p.parties) + 1, mediator_name=p.mediator,
            amount=p.amount if p.agreement_amount else None,
            signed_on=day, effective_on=day, locked_at=utcnow(), performance=p.performance or Performance.UNRECORDED,
            confirmation_applied_on=p.confirmed_on, confirmed_on=p.confirmed_on, signed_recorded_by="ledger-import")
        case.agreements = [agreement]
    if p.outcome == "out:failed":  # the ledger says mediation was held and failed
        case.sessions = [MediationSession(
            held_at=dt.datetime.combine(day, dt.time(1), tzinfo=dt.UTC), subject=case.title,
            result=SessionResult.NOT_AGREED,
            record="（台账导入：调解不成）", mediator=p.mediator)]
    if p.outcome == "out:referred":
        case.referrals = [Referral(referred_on=day, to_org_code="", to_org_name="（台账未记载）",
                                   reason="（台账导入：已移交）")]
    # the ledger gives the day of a visit only: who was visited, why and what was found are not recorded
    case.follow_ups = [FollowUp(visited_on=d, visitee="", reason="",
                                performance=(p.performance or Performance.UNRECORDED), visitor="")
                       for d in p.follow_ups]
    if agreement is not None:
        for fu in case.follow_ups:
            fu.agreement_id = agreement.id
    return case
