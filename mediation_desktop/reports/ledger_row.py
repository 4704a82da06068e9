"""One row of a village's ledger read into the values of a case (:func:`parse_row`), for
:mod:`reports.ledger_import`: what each cell says, what stops the row (:class:`Problem`) and how a cell was
helped (a note) — never a value the ledger does not hold (未记录 stays 未记录).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from mediation_desktop.domain.categories import CURRENT_SCHEME, scheme
from mediation_desktop.domain.enums import AgreementForm, CaseSource, PartyKind, PartyRole, Performance
from mediation_desktop.domain.lifecycle import OPEN_STATUSES, CaseStatus
from mediation_desktop.domain.limits import NUMBERS
from mediation_desktop.domain.text import Label, find_unsafe, first_unsafe, quoted_params, refusal
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import EN, ZH, tr
from mediation_desktop.reports import ledger_names as ln
from mediation_desktop.reports import ledger_parse as lp
from mediation_desktop.reports.ledger import BY_KEY
from mediation_desktop.reports.ledger_result import Result, parse_result
from mediation_desktop.reports.ledger_sheet import money_scale
from mediation_desktop.services.parties import PartyInput, check_party, guess_party_kind


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a row, as a message key and its parameters (shown in the user's language)."""

    key: str
    params: dict[str, Any]

    def text(self, lang: str | None = None) -> str:
        return tr(self.key, lang, **self.params)


def said(key: str, /, **params: Any) -> Label:
    """Message ``key`` in Chinese that knows its English: a :class:`Problem`'s parameter that is itself a message
    (how a row differs, which sheet) then shows in the language the problem is read in. Rendered into a plain text
    when the plan is made, it kept that moment's language: Chinese in the English window."""
    return Label(tr(key, ZH, **params), tr(key, EN, **params))


COMMA = ("、", ", ")
SEMICOLON = ("；", "; ")


def listed(parts: Iterable[str], separator: tuple[str, str] = COMMA) -> Label:
    """``parts`` (messages :func:`said`, or numbers) one after another with the separator of each language."""
    items = list(parts)
    return Label(separator[0].join(items), separator[1].join(getattr(p, "english", p) for p in items))


def cell_value(column: str, value: str) -> Label:
    """A file's cell named with its column: 「“备注”（“重复录入”）」 / "备注 ('重复录入')", quoted as messages are."""
    shown = quoted_params({"column": column, "value": value})
    return Label(f"“{shown['column']}”（“{shown['value']}”）", f"{shown['column']} ('{shown['value']}')")


def quoted(values: Iterable[str]) -> Label:
    """A file's words (column names, cells) each quoted, listed: 「“甲”、“乙”」 / "'甲', '乙'"."""
    shown = [quoted_params({"value": v})["value"] for v in values]
    return listed(Label(f"“{v}”", f"'{v}'") for v in shown)


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
            "units": [n for _, n in self.parties if party_kind(n) == PartyKind.ORGANISATION],
            "amount": None if self.amount is None else f"{self.amount:.2f}", "status": self.status.value,
            "outcome": self.outcome, "agreement_form": self.form.value if self.form else None,
            "performance": (self.performance or Performance.UNRECORDED).value if self.form else None,
            "mediator": self.mediator, "follow_ups": [d.isoformat() for d in self.follow_ups], "note": self.note,
        }

    def fingerprint(self) -> str:
        return fingerprint(self.accepted_on, [n for r, n in self.parties if r == PartyRole.APPLICANT],
                           [n for r, n in self.parties if r != PartyRole.APPLICANT], self.category)


def party_kind(name: str) -> PartyKind:
    """个人 or 单位 by the name, as the forms guess it (``services.parties``): 昇达公司, 柳湾村村委会 are units."""
    return guess_party_kind(name, None)


def fingerprint(accepted_on: dt.date | None, applicants: list[str], others: list[str], category: str) -> str:
    """What makes a row without a case number the same case: acceptance date, parties and category."""
    key = "|".join([accepted_on.isoformat() if accepted_on else "", "、".join(sorted(applicants)),
                    "、".join(sorted(others)), category])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]



# --- 2. checking ----------------------------------------------------------------------------------------
CASE_NO_SERIAL = re.compile(r"第\s*(\d+)\s*号")
CASE_SERIAL = NUMBERS[("mediation_case", "serial")]


def norm_case_no(value: str) -> str:
    return "".join(value.split())


def parse_row(cells: dict[str, Any], today: dt.date, *, split_pairs: bool, year: int | None = None,
              categories: dict[str, str] | None = None,
              headers: dict[str, str] | None = None) -> tuple[Parsed | None, list[Problem]]:
    """One row's cells (column key → cell) as a case, or the problems that stop it.

    ``year`` (from the ledger's title) completes a date written without one; ``categories`` maps the ledger's
    own category words to codes; ``headers`` are the file's own column names (messages name the cell so)."""
    unsaved = [(headers or {}).get(k) or BY_KEY[k].header for k, v in cells.items() if isinstance(v, lp.Unsaved)]
    if unsaved:  # a formula without its result: not empty, not readable — one line naming the columns
        return None, [Problem("ledger.row.formula", {"columns": quoted(unsaved)})]
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

    unread: set[str] = set()  # date columns whose cell could not be read (they have their message already)

    def day_of(key: str) -> dt.date | None:
        try:
            day = date(key)
        except lp.CellError as exc:
            unread.add(key)
            problems.append(Problem(exc.key, exc.params))
            return None
        if day is not None and day > today:  # a case of a day that has not come (登记 refuses it too)
            problems.append(Problem("ledger.row.future", {"column": header(key), "value": day.isoformat(),
                                                          "today": today.isoformat()}))
        return day

    accepted = day_of("accepted_on")
    registered = day_of("registered_on")
    if accepted is None and not problems:
        accepted = registered
    if accepted is None and not unread & {"accepted_on", "registered_on"}:
        problems.append(Problem("ledger.row.required", {"column": header("accepted_on")}))
    closed = day_of("closed_on")
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
    amount = read(lambda: lp.parse_amount(cells.get("amount"), header("amount"), money_scale(header("amount"))))
    status = lp.parse_status(cells.get("status"))
    result = read(lambda: parse_result(cells.get("outcome")), Result(None, None))
    outcome = result.outcome
    form = read(lambda: lp.parse_form(cells.get("agreement_form")))
    performance = read(lambda: lp.parse_performance(cells.get("performance")))
    if performance is None:
        performance = result.performance
    elif result.performance not in (None, performance):  # the 履行情况 column wins; the other word is named
        notes.append(Problem("ledger.note.performance_both", {
            "column": header("performance"), "value": lp.text(cells.get("performance")),
            "other": header("outcome"), "other_value": lp.text(cells.get("outcome"))}))
    confirmed_cell = cells.get("confirmed_on")
    confirmed: dt.date | None = None
    if lp.text(confirmed_cell) and lp.text(confirmed_cell)[:1] in ("是", "已"):
        confirmed = closed or accepted
    elif lp.text(confirmed_cell) and lp.text(confirmed_cell) not in ("否", "无", "未"):
        confirmed = read(lambda: lp.parse_date(confirmed_cell, header("confirmed_on")))
        if confirmed is not None and confirmed > today:
            problems.append(Problem("ledger.row.future", {"column": header("confirmed_on"),
                                                          "value": confirmed.isoformat(), "today": today.isoformat()}))
    visits, visit_note = lp.parse_dates(cells.get("follow_ups"), header("follow_ups"))
    prevented: dict[str, bool] = {}
    for k in ("prevented_criminal", "prevented_petition", "prevented_suicide", "stopped_group_fight"):
        try:
            prevented[k] = lp.parse_yes_no(cells.get(k), header(k))
        except lp.CellError as exc:
            problems.append(Problem(exc.key, exc.params))
    persons = read(lambda: lp.parse_int(cells.get("prevented_persons"), header("prevented_persons"))) or 0

    respondents = ln.split_names(cells.get("respondents"))
    thirds = ln.split_names(cells.get("third_parties"))
    if split_pairs and not respondents:  # one 当事人 column: 张三与李四 (the rule: ln.split_sides)
        sides = ln.split_sides(cells.get("applicants"))
        applicants = sides[0] if sides else []
        respondents = sides[1] if len(sides) > 1 else []
        if len(applicants) > 1 and not respondents:
            notes.append(Problem("ledger.note.one_side", {"value": lp.text(cells.get("applicants")),
                                                          "count": len(applicants)}))
    else:
        applicants = ln.split_names(cells.get("applicants"))
    if not applicants:
        problems.append(Problem("ledger.row.required", {"column": header("applicants")}))
    parties = ([(PartyRole.APPLICANT, n) for n in applicants] + [(PartyRole.RESPONDENT, n) for n in respondents]
               + [(PartyRole.THIRD_PARTY, n) for n in thirds])
    for _role, name in parties:
        if ln.is_phone(name):  # a number is no party: the clerk says whose it is (a name cell never holds one)
            key = next(k for k in _PARTY_COLUMNS if name in ln.split_names(cells.get(k)))
            problems.append(Problem("ledger.row.phone_name", {"column": header(key), "value": name}))
            continue
        try:
            check_party(PartyInput(name=name, kind=party_kind(name)), today=today)
        except MediationError as exc:
            problems.append(Problem("ledger.row.party", {"name": name, "message": said(exc.key, **exc.params)}))
    if accepted and closed and closed < accepted:
        problems.append(Problem("ledger.row.closed_before", {"closed": closed.isoformat(),
                                                             "accepted": accepted.isoformat()}))
    if problems or accepted is None or category is None:
        return None, problems

    stated = status is not None
    if status is None:
        status = _status_from_outcome(outcome, performance)
    if status == CaseStatus.PERFORMED and performance is None:  # 案件状态 「履行完毕」 says performance too
        performance = Performance.DONE
    if not stated and status == CaseStatus.AGREED and performance is None:
        # settled, performance not written: the only state after an agreement is 履行中; said so, 未记录 stored
        notes.append(Problem("ledger.note.performance_unstated", {"column": header("outcome"),
                                                                   "value": lp.text(cells.get("outcome"))}))
    if outcome is None and status in (CaseStatus.AGREED, CaseStatus.PERFORMED):
        outcome = "out:success"
    if closed is not None and status in OPEN_STATUSES:  # 调解中 with a 结案时间: not counted as closed
        notes.append(Problem("ledger.note.open_closed", {"column": header("closed_on"), "value": closed.isoformat(),
                                                         "status": lp.text(cells.get("status"))
                                                         or lp.text(cells.get("outcome"))}))
        closed = None
    note = lp.text(cells.get("note"))
    if result.unread:  # words of 调解结果 not understood: named, and the cell kept with the case's note
        notes.append(Problem("ledger.note.result_words", {"column": header("outcome"),
                                                          "value": lp.text(cells.get("outcome")),
                                                          "words": quoted(result.unread)}))
        note = (note + "；" if note else "") + f"{header('outcome')}：{lp.text(cells.get('outcome'))}"
    if form is None:  # 备注 「口头协议」 says the form as well as a 协议形式 column does
        form = _form_in(note) or _form_in(lp.text(cells.get("outcome")))
    if outcome == "out:success" and form is None:
        form = AgreementForm.UNRECORDED  # settled, in a form the ledger does not say: never 书面 by default
    if form is not None and outcome not in (None, "out:success"):
        form = None  # an agreement column filled in on a row that did not settle: the outcome wins
    if visit_note:
        note = (note + "；" if note else "") + f"回访情况：{visit_note}"
    return Parsed(
        case_no=norm_case_no(lp.text(cells.get("case_no"))), title=lp.text(cells.get("title")),
        registered_on=registered or accepted, accepted_on=accepted, category=category, source=source,
        source_detail=lp.text(cells.get("source_detail")), parties=parties, summary=lp.text(cells.get("summary")),
        amount=amount, mediator=ln.person_name(cells.get("mediator")), status=status, outcome=outcome, closed_on=closed,
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


_PARTY_COLUMNS = ("applicants", "respondents", "third_parties")
#: cells of several lines (line breaks kept), and the party cells (where a line break separates two names)
_MULTILINE = {"summary", "note", "follow_ups", "applicants", "respondents", "third_parties"}
_LINE_BREAKS = re.compile(r"[\t\r\n]+")


#: the columns holding people's names: a 生僻字 there is said as a form says it (how such a name is registered)
NAME_COLUMNS = frozenset({"applicants", "respondents", "third_parties", "mediator"})


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
                why, params = refusal(char, multiline=True, name=key in NAME_COLUMNS)
                return out, [Problem(why, {"label": Label(header, header), **params, "field": key})]
    number = CASE_NO_SERIAL.search(texts.get("case_no", ""))
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
