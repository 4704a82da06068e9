"""Bringing a village's existing ledger (台账) of past cases into the program.

Three steps, so nothing is written until the user has seen what will happen:

1. :func:`read_sheet` (in :mod:`reports.ledger_sheet`) reads an .xlsx or .csv (merged cells filled in, blank
   rows dropped) and finds the header row and which column is which (the ledger export's headers, or
   common other names);
2. :func:`plan_import` checks every row (per-row messages in Chinese) and marks the rows already here —
   same case number, or for a row without one the same acceptance date, parties and category — so
   importing the same file twice adds nothing;
3. :func:`apply_import` writes the new rows in **one** transaction through the unit of work (every row
   audited, one change sequence), with the search index updated the way ``register_case`` does it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from mediation_desktop.domain.categories import CURRENT_SCHEME, scheme
from mediation_desktop.domain.enums import (
    AgreementForm,
    AgreementStatus,
    CaseSource,
    PartyRole,
    Performance,
    SessionResult,
)
from mediation_desktop.domain.lifecycle import CaseStatus
from mediation_desktop.domain.limits import NUMBERS
from mediation_desktop.domain.text import Label, code_point, find_unsafe, first_unsafe
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.reports import ledger_parse as lp
from mediation_desktop.reports.ledger import BY_KEY
from mediation_desktop.reports.ledger_sheet import HEADER_SCAN, Mapping, Sheet, check_mapping, read_sheet
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.cases import default_title, require_writer, setting
from mediation_desktop.services.parties import PartyInput, check_party
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

__all__ = ["ImportPlan", "ImportRow", "Sheet", "apply_import", "plan_import", "read_sheet"]

@dataclass(frozen=True)
class Problem:
    """One thing wrong with a row, as a message key and its parameters (shown in the user's language)."""

    key: str
    params: dict[str, Any]

    def text(self, lang: str | None = None) -> str:
        return tr(self.key, lang, **self.params)


@dataclass
class Parsed:
    """A ledger row read into the values of a case."""

    case_no: str
    title: str
    registered_on: dt.date
    accepted_on: dt.date
    category: str
    source: CaseSource
    source_detail: str
    parties: list[tuple[PartyRole, str]]
    summary: str
    amount: Decimal | None
    mediator: str
    status: CaseStatus
    outcome: str | None
    closed_on: dt.date | None
    form: AgreementForm | None
    performance: Performance | None
    confirmed_on: dt.date | None
    follow_ups: list[dt.date]
    prevented: dict[str, bool]
    prevented_persons: int
    note: str
    original_no: str = ""  # the clerk's own number (案件编号 or 序号 of the ledger), kept as written
    category_word: str = ""  # the ledger's own word when it is not a category name (噪音), kept with the case
    agreement_amount: bool = False  # the amount column is the agreement's (协议金额)
    month_only: tuple[str, ...] = ()  # date fields the ledger gives to the month only (stored as the 1st)
    notes: list[Problem] = field(default_factory=list)  # how a cell was helped (shown, not refusing)

    def stored(self) -> dict[str, Any]:
        """The values as they will be stored (the dry run shows them), 「未记录」 for what the ledger does not say."""
        def day(value: dt.date | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "original_no": self.original_no, "case_no": self.case_no, "accepted_on": day(self.accepted_on),
            "registered_on": day(self.registered_on), "closed_on": day(self.closed_on),
            "month_only": list(self.month_only), "category": self.category,
            "category_label": scheme(CURRENT_SCHEME).label(self.category, "zh"), "category_word": self.category_word,
            "source": self.source.value, "applicants": [n for r, n in self.parties if r == PartyRole.APPLICANT],
            "respondents": [n for r, n in self.parties if r == PartyRole.RESPONDENT],
            "third_parties": [n for r, n in self.parties if r == PartyRole.THIRD_PARTY],
            "amount": None if self.amount is None else f"{self.amount:.2f}", "status": self.status.value,
            "outcome": self.outcome, "agreement_form": self.form.value if self.form else None,
            "performance": (self.performance or Performance.UNRECORDED).value if self.form else None,
            "mediator": self.mediator, "follow_ups": [d.isoformat() for d in self.follow_ups], "note": self.note,
        }

    def fingerprint(self) -> str:
        return fingerprint(self.accepted_on, [n for r, n in self.parties if r == PartyRole.APPLICANT],
                           [n for r, n in self.parties if r != PartyRole.APPLICANT], self.category)


def fingerprint(accepted_on: dt.date | None, applicants: list[str], others: list[str], category: str) -> str:
    """What makes a row without a case number the same case: acceptance date, parties and category."""
    key = "|".join([accepted_on.isoformat() if accepted_on else "", "、".join(sorted(applicants)),
                    "、".join(sorted(others)), category])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


@dataclass
class ImportRow:
    line: int  # row number in the file (as Excel shows it)
    status: str  # new | duplicate | error
    parsed: Parsed | None = None
    problems: list[Problem] = field(default_factory=list)
    cells: dict[str, str] = field(default_factory=dict)

    def messages(self, lang: str | None = None) -> list[str]:
        return [p.text(lang) for p in self.problems]

    def notes(self, lang: str | None = None) -> list[str]:
        return [n.text(lang) for n in self.parsed.notes] if self.parsed else []

    def as_json(self) -> dict[str, Any]:
        p = self.parsed
        return {"row": self.line, "status": self.status, "case_no": p.case_no if p else self.cells.get("case_no", ""),
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

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    def as_json(self) -> dict[str, Any]:
        return {"file": self.sheet_name, "new": self.count("new"), "duplicates": self.count("duplicate"),
                "errors": self.count("error"), "columns": self.columns,
                "skipped": [{"text": p.text(), "key": p.key, **{k: v for k, v in p.params.items() if k == "row"}}
                            for p in self.skipped],
                "rows": [r.as_json() for r in self.rows]}


# --- 2. checking ----------------------------------------------------------------------------------------
_CASE_NO_SERIAL = re.compile(r"第\s*(\d+)\s*号")
CASE_SERIAL = NUMBERS[("mediation_case", "serial")]


def _norm_case_no(value: str) -> str:
    return "".join(value.split())


def parse_row(cells: dict[str, Any], today: dt.date, *, split_pairs: bool, year: int | None = None,
              categories: dict[str, str] | None = None,
              headers: dict[str, str] | None = None) -> tuple[Parsed | None, list[Problem]]:
    """One row's cells (column key → cell) as a case, or the problems that stop it.

    ``year`` (from the ledger's title) completes a date written without one; ``categories`` maps the ledger's
    own category words to codes; ``headers`` are the file's own column names (messages name the cell so)."""
    cells, problems = _clean_cells(cells)
    if problems:  # a text the program would not take from a form: the row is named, nothing else read
        return None, problems

    def read(fn: Callable[[], Any], default: Any = None) -> Any:
        try:
            return fn()
        except lp.CellError as exc:
            problems.append(Problem(exc.key, exc.params))
            return default

    def header(key: str) -> str:
        return (headers or {}).get(key) or BY_KEY[key].header

    notes: list[Problem] = []
    month_only: list[str] = []

    def date(key: str) -> dt.date | None:
        day, how = lp.read_date(cells.get(key), header(key), year)
        if how == "month":
            month_only.append(key)
            notes.append(Problem("ledger.note.month", {"column": header(key), "value": lp.text(cells.get(key)),
                                                       "day": day.isoformat() if day else ""}))
        elif how == "year":
            notes.append(Problem("ledger.note.year", {"column": header(key), "value": lp.text(cells.get(key)),
                                                      "day": day.isoformat() if day else ""}))
        return day

    accepted = read(lambda: date("accepted_on"))
    registered = read(lambda: date("registered_on"))
    if accepted is None and not problems:
        accepted = registered
    if accepted is None and not any(p.params.get("column") == header("accepted_on") for p in problems):
        problems.append(Problem("ledger.row.required", {"column": header("accepted_on")}))
    closed = read(lambda: date("closed_on"))
    category_word = ""
    try:
        category = lp.parse_category(cells.get("category"), categories)
    except lp.CellError as exc:
        if exc.key != "ledger.row.category":
            problems.append(Problem(exc.key, exc.params))
            category = None
        else:  # a word of the village's own (噪音): counted as 其他, the word kept; a mapping is offered
            category, category_word = "other", lp.text(cells.get("category"))
            notes.append(Problem("ledger.note.category", {"value": category_word}))
    source = read(lambda: lp.parse_source(cells.get("source")), CaseSource.UNRECORDED)
    amount = read(lambda: lp.parse_amount(cells.get("amount"), header("amount")))
    status = lp.parse_status(cells.get("status"))
    outcome = read(lambda: lp.parse_outcome(cells.get("outcome")))
    form = read(lambda: lp.parse_form(cells.get("agreement_form")))
    performance = read(lambda: lp.parse_performance(cells.get("performance")))
    confirmed_cell = cells.get("confirmed_on")
    confirmed: dt.date | None = None
    if lp.text(confirmed_cell) and lp.text(confirmed_cell)[:1] in ("是", "已"):
        confirmed = closed or accepted
    elif lp.text(confirmed_cell) and lp.text(confirmed_cell) not in ("否", "无", "未"):
        confirmed = read(lambda: lp.parse_date(confirmed_cell, header("confirmed_on")))
    visits, visit_note = lp.parse_dates(cells.get("follow_ups"), header("follow_ups"))
    prevented: dict[str, bool] = {}
    for k in ("prevented_criminal", "prevented_petition", "prevented_suicide", "stopped_group_fight"):
        try:
            prevented[k] = lp.parse_yes_no(cells.get(k), header(k))
        except lp.CellError as exc:
            problems.append(Problem(exc.key, exc.params))
    persons = read(lambda: lp.parse_int(cells.get("prevented_persons"), header("prevented_persons"))) or 0

    respondents = lp.split_names(cells.get("respondents"))
    thirds = lp.split_names(cells.get("third_parties"))
    if split_pairs and not respondents:  # one 当事人 column: 张三与李四 (the rule: lp.split_sides)
        sides = lp.split_sides(cells.get("applicants"))
        applicants = sides[0] if sides else []
        respondents = sides[1] if len(sides) > 1 else []
        if len(applicants) > 1 and not respondents:
            notes.append(Problem("ledger.note.one_side", {"value": lp.text(cells.get("applicants")),
                                                          "count": len(applicants)}))
    else:
        applicants = lp.split_names(cells.get("applicants"))
    if not applicants:
        problems.append(Problem("ledger.row.required", {"column": header("applicants")}))
    parties = ([(PartyRole.APPLICANT, n) for n in applicants] + [(PartyRole.RESPONDENT, n) for n in respondents]
               + [(PartyRole.THIRD_PARTY, n) for n in thirds])
    for _role, name in parties:
        try:
            check_party(PartyInput(name=name), today=today)
        except MediationError as exc:
            problems.append(Problem("ledger.row.party", {"name": name, "message": tr(exc.key, **exc.params)}))
    if accepted and closed and closed < accepted:
        problems.append(Problem("ledger.row.closed_before", {"closed": closed.isoformat(),
                                                             "accepted": accepted.isoformat()}))
    if problems or accepted is None or category is None:
        return None, problems

    if status is None:
        status = _status_from_outcome(outcome, performance)
    if outcome is None and status in (CaseStatus.AGREED, CaseStatus.PERFORMED):
        outcome = "out:success"
    note = lp.text(cells.get("note"))
    if form is None:  # 备注 「口头协议」 says the form as well as a 协议形式 column does
        form = _form_in(note) or _form_in(lp.text(cells.get("outcome")))
    if outcome == "out:success" and form is None:
        form = AgreementForm.UNRECORDED  # settled, in a form the ledger does not say: never 书面 by default
    if form is not None and outcome not in (None, "out:success"):
        form = None  # an agreement column filled in on a row that did not settle: the outcome wins
    if visit_note:
        note = (note + "；" if note else "") + f"回访情况：{visit_note}"
    return Parsed(
        case_no=_norm_case_no(lp.text(cells.get("case_no"))), title=lp.text(cells.get("title")),
        registered_on=registered or accepted, accepted_on=accepted, category=category, source=source,
        source_detail=lp.text(cells.get("source_detail")), parties=parties, summary=lp.text(cells.get("summary")),
        amount=amount, mediator=lp.text(cells.get("mediator")), status=status, outcome=outcome, closed_on=closed,
        form=form if outcome == "out:success" or status in (CaseStatus.AGREED, CaseStatus.PERFORMED) else None,
        performance=performance, confirmed_on=confirmed, follow_ups=visits, prevented=prevented,
        prevented_persons=persons, note=note,
        original_no=lp.text(cells.get("case_no")) or lp.text(cells.get("seq")), category_word=category_word,
        agreement_amount="协议" in header("amount"), month_only=tuple(month_only), notes=notes,
    ), []


def _form_in(text: str) -> AgreementForm | None:
    if "口头协议" in text or "口头达成" in text:
        return AgreementForm.ORAL
    if "书面协议" in text or "签订协议" in text or "签订调解协议" in text:
        return AgreementForm.WRITTEN
    return None


#: cells of several lines (line breaks kept), and the party cells (where a line break separates two names)
_MULTILINE = {"summary", "note", "follow_ups", "applicants", "respondents", "third_parties"}
_LINE_BREAKS = re.compile(r"[\t\r\n]+")


def _clean_cells(cells: dict[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """The cells by the rule of what enters (``domain.text``): a line break or tab in a one-line cell (a title
    wrapped with Alt+Enter) becomes a space; any other invisible or direction-changing character refuses the
    row, naming the column and the character. (A row's texts are searched at once: 100,000 rows stay quick.)"""
    texts = {k: v for k, v in cells.items() if isinstance(v, str)}
    one_line = "".join(v for k, v in texts.items() if k not in _MULTILINE)
    out = cells
    if "\n" in one_line or "\t" in one_line or "\r" in one_line:
        out = dict(cells)
        for key, cell in texts.items():
            if key not in _MULTILINE:
                out[key] = texts[key] = _LINE_BREAKS.sub(" ", cell)
    if find_unsafe("".join(texts.values()), multiline=True) is not None:
        for key, cell in texts.items():
            char = first_unsafe(cell, multiline=True)
            if char is not None:
                header = BY_KEY[key].header
                return out, [Problem("text.invisible", {"label": Label(header, header), "char": code_point(char),
                                                        "field": key})]
    number = _CASE_NO_SERIAL.search(texts.get("case_no", ""))
    if number and not CASE_SERIAL[0] <= int(number[1][:12]) <= CASE_SERIAL[1]:
        header = BY_KEY["case_no"].header
        return out, [Problem("limit.number", {"label": Label(header, header), "value": number[1][:40],
                                              "low": str(CASE_SERIAL[0]), "high": str(CASE_SERIAL[1])})]
    return out, []


def _status_from_outcome(outcome: str | None, performance: Performance | None) -> CaseStatus:
    if outcome == "out:success":
        return CaseStatus.PERFORMED if performance == Performance.DONE else CaseStatus.AGREED
    return {"out:failed": CaseStatus.FAILED, "out:suspended": CaseStatus.SUSPENDED,
            "out:declined": CaseStatus.DECLINED, "out:referred": CaseStatus.REFERRED,
            "out:open": CaseStatus.MEDIATING}.get(outcome or "", CaseStatus.ACCEPTED)


def _existing(db: Database, rows: list[Parsed]) -> tuple[set[str], set[str]]:
    """Case numbers and fingerprints of the cases already here that the rows could repeat."""
    numbers = {p.case_no for p in rows if p.case_no}
    days = {p.accepted_on for p in rows}
    found_numbers: set[str] = set()
    prints: set[str] = set()
    with db.read_session() as s:
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
                prints.add(fingerprint(c.accepted_on, [n for r, n in ps if r == PartyRole.APPLICANT],
                                       [n for r, n in ps if r != PartyRole.APPLICANT], c.category_code))
    return {_norm_case_no(n) for n in found_numbers}, prints


def _chunks(items: list[Any], size: int) -> list[list[Any]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def plan_import(db: Database, sheet: Sheet, mapping: Mapping | None = None, *,
                today: dt.date | None = None, categories: dict[str, str] | None = None) -> ImportPlan:
    """Check every row of ``sheet`` (with ``mapping``, or the one guessed from its header); writes nothing.

    ``categories`` maps the ledger's own category words to codes (噪音 → neighbour); a word neither known
    nor mapped is counted as 其他 with the word kept, and the plan says so."""
    today = today or dt.date.today()
    if mapping is None:
        if sheet.header_row is None:
            raise MediationError("ledger.no_header", path=sheet.name, rows=HEADER_SCAN)
        mapping = sheet.mapping
    check_mapping(mapping)
    split_pairs = "respondents" not in mapping
    names = sheet.headers
    headers = {key: names[i] for key, i in mapping.items() if i < len(names)}
    by_index = {i: key for key, i in mapping.items()}
    columns: list[dict[str, Any]] = [  # every column of the file and what it is read as (None: not imported)
        {"column": i + 1, "header": name, "key": by_index.get(i),
         "field": BY_KEY[by_index[i]].header if i in by_index else None} for i, name in enumerate(names)]
    rows: list[ImportRow] = []
    skipped: list[Problem] = []
    for line, cells in sheet.data_rows():
        values = {key: (cells[i] if i < len(cells) else None) for key, i in mapping.items()}
        footer = _footer(cells)
        if footer is not None or _is_note_row(values):
            skipped.append(Problem("ledger.note.skipped", {"row": line, "value": footer or _first_text(cells)}))
            continue
        parsed, problems = parse_row(values, today, split_pairs=split_pairs, year=sheet.year,
                                     categories=categories, headers=headers)
        rows.append(ImportRow(line, "error" if problems else "new", parsed, problems,
                              {k: lp.text(v) for k, v in values.items()}))
    numbers, prints = _existing(db, [r.parsed for r in rows if r.parsed is not None])
    first_line: dict[str, int] = {}
    for row in rows:
        p = row.parsed
        if p is None:
            continue
        key = p.case_no or p.fingerprint()
        if key in first_line:
            row.status = "duplicate"
            row.problems.append(Problem("ledger.row.duplicate_in_file", {"other": first_line[key]}))
            continue
        first_line[key] = row.line
        if (p.case_no and p.case_no in numbers) or (not p.case_no and p.fingerprint() in prints):
            row.status = "duplicate"
            row.problems.append(Problem("ledger.row.exists", {"case_no": p.case_no or p.title or
                                                              "、".join(n for _, n in p.parties)}))
    return ImportPlan(sheet.name, rows, columns, skipped)


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
    today = today or dt.date.today()
    with UnitOfWork(db, actor=actor.username, action="ledger.import") as uow:
        s = uow.session
        inst = s.scalar(select(Installation).limit(1))
        if inst is None:
            raise MediationError("setup.not_initialised", data_dir=str(db.paths.root))
        numbers, prints = _existing_in(s, [r.parsed for r in new if r.parsed is not None])
        version = str(setting(s, "category_scheme", CURRENT_SCHEME))
        categories = scheme(CURRENT_SCHEME)
        taken: dict[int, set[int]] = {}
        ids: list[uuid.UUID] = []
        for i, row in enumerate(new):
            if progress is not None and i % 200 == 0:
                progress(i, len(new) + 1)
            p = row.parsed
            assert p is not None
            if (p.case_no and p.case_no in numbers) or (not p.case_no and p.fingerprint() in prints):
                continue  # arrived since the preview (another window): still added only once
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


def _existing_in(s: Any, rows: list[Parsed]) -> tuple[set[str], set[str]]:
    numbers = {p.case_no for p in rows if p.case_no}
    found: set[str] = set()
    for chunk in _chunks(sorted(numbers), 500):
        found |= {_norm_case_no(n) for n in s.scalars(select(Case.case_no).where(Case.case_no.in_(chunk),
                                                                                   Case.deleted_at.is_(None)))}
    prints = {str(e.get("ledger_fingerprint")) for e in s.scalars(
        select(Case.extra).where(Case.accepted_on.in_(sorted({p.accepted_on for p in rows})),
                                 Case.deleted_at.is_(None))) if isinstance(e, dict) and e.get("ledger_fingerprint")}
    return found, prints


def _serial(s: Any, inst: Installation, p: Parsed, year: int, taken: dict[int, set[int]]) -> tuple[int, str]:
    """The ledger's own number (and its serial, if free); a new number when the row has none."""
    from mediation_desktop.services.cases import allocate_case_number

    used = taken.setdefault(year, set())
    match = _CASE_NO_SERIAL.search(p.case_no) if p.case_no else None
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
    extra: dict[str, Any] = {"ledger_fingerprint": p.fingerprint()}
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
    case.parties = [Party(position=i, **check_party(PartyInput(name=name, role=role), today=today).values)
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
