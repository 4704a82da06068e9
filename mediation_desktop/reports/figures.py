"""Every figure of the statistics report, each defined once as a SQL condition on a case's facts.

The same condition counts the figure (``SUM(CASE WHEN …)`` in one aggregate query) and lists the
cases behind it (``WHERE …``), so every number on a report can be traced to its cases.

A condition looks at :class:`Facts`: one row per case of the period with the columns the figures
need, each worked out once per case (the category mapped to the current scheme, the outcome, the
signed-agreement flags, the numbers of parties and follow-ups). Worked out once, not once per
figure: that is what keeps a report over 100,000 cases well under its 2 s budget.

Outcomes partition the cases (each case has exactly one), from its status, whether it has a signed
agreement, a referral and any mediation session: an archived case keeps the outcome it was archived
with (archived with a signed agreement → 调解成功; with a referral → 移交; after sessions → 调解不成;
with none of these → 不予调解).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    Subquery,
    and_,
    case,
    cast,
    column,
    func,
    literal,
    or_,
    select,
    true,
)

from mediation_desktop.domain.categories import CURRENT_SCHEME, SCHEMES, map_code, scheme
from mediation_desktop.domain.enums import LABELS_ZH, AgreementForm, AgreementStatus, CaseSource, Performance
from mediation_desktop.domain.lifecycle import CaseStatus
from mediation_desktop.reports import prevention
from mediation_desktop.storage.models import Agreement, Case, FollowUp, MediationSession, Party, Referral

__all__ = ["FIGURES", "OUTCOMES", "Facts", "Figure", "case_facts", "figure", "with_facts"]

_S = CaseStatus
_T = TypeVar("_T")

#: the outcome partition, as the ``outcome`` fact spells it (figure ``out:<outcome>``)
OUTCOMES = ("success", "failed", "suspended", "open", "declined", "referred")
_OPEN = (_S.REGISTERED, _S.ACCEPTED, _S.INVESTIGATING, _S.MEDIATING)
_AGREEMENT_FACTS = ("written", "oral", "applied", "confirmed", *(f"perf_{p.value}" for p in Performance))


class Facts:
    """The columns of a case a condition may look at, one row per case of the period.

    A condition is built twice: first against placeholders, which only records the facts it uses
    (``used``), then against the :func:`case_facts` subquery made with just those facts — so listing
    the cases of 纠纷总数 joins nothing, and the report joins agreements once for all its figures.
    """

    def __init__(self, sub: Subquery | None = None) -> None:
        self.sub = sub
        self.used: set[str] = set()

    def col(self, name: str) -> ColumnElement[Any]:
        if name not in _FACT_NAMES:
            raise KeyError(name)
        self.used.add(name)
        return column(name) if self.sub is None else self.sub.c[name]

    @property
    def status(self) -> ColumnElement[Any]:
        return self.col("status")

    @property
    def source(self) -> ColumnElement[Any]:
        return self.col("source")

    @property
    def category(self) -> ColumnElement[Any]:
        """The category code in the current scheme (unknown codes and schemes → ``other``)."""
        return self.col("category")

    @property
    def outcome(self) -> ColumnElement[Any]:
        """One of :data:`OUTCOMES`."""
        return self.col("outcome")

    @property
    def amount(self) -> ColumnElement[Any]:
        return self.col("amount")

    @property
    def parties(self) -> ColumnElement[Any]:
        """The number of parties (not removed)."""
        return self.col("parties")

    @property
    def largest_side(self) -> ColumnElement[Any]:
        """The number of parties (not removed) on the case's largest side (申请人, 被申请人, …); 0 without any."""
        return self.col("largest_side")

    @property
    def follow_ups(self) -> ColumnElement[Any]:
        """The number of follow-up visits (not removed)."""
        return self.col("follow_ups")

    def agreement(self, flag: str) -> ColumnElement[Any]:
        """1 when a signed agreement of the case has ``flag`` (written, oral, applied, confirmed, perf_*)."""
        if flag not in _AGREEMENT_FACTS:
            raise KeyError(flag)
        return self.col(flag)


def _signed_agreements(cases: Select[Any] | None) -> Subquery:
    """Per case with a signed agreement (of ``cases``, a select of case ids, when given): 0/1 flags over its
    signed (not removed) agreements."""

    def flag(cond: ColumnElement[bool]) -> ColumnElement[int]:
        return func.max(case((cond, 1), else_=0))

    return (
        select(
            Agreement.case_id.label("case_id"),
            flag(Agreement.form == AgreementForm.WRITTEN).label("written"),
            flag(Agreement.form == AgreementForm.ORAL).label("oral"),
            flag(Agreement.confirmation_applied_on.is_not(None)).label("applied"),
            flag(Agreement.confirmed_on.is_not(None)).label("confirmed"),
            *(flag(Agreement.performance == p).label(f"perf_{p.value}") for p in Performance),
        )
        .where(Agreement.deleted_at.is_(None), Agreement.status == AgreementStatus.SIGNED,
               *([] if cases is None else [Agreement.case_id.in_(cases)]))
        .group_by(Agreement.case_id)
        .subquery("agr")
    )


def _party_counts(cases: Select[Any]) -> Subquery:
    """Per case of ``cases`` with parties (not removed): their number (``parties``) and the number on its
    largest side (``largest_side``: 申请人, 被申请人, … — the 「其中3人以上」 row)."""
    sides = (select(Party.case_id.label("case_id"), func.count().label("n"))
             .where(Party.deleted_at.is_(None), Party.case_id.in_(cases))
             .group_by(Party.case_id, Party.role).subquery("party_side"))
    return (select(sides.c.case_id, cast(func.sum(sides.c.n), Integer).label("parties"),
                   func.max(sides.c.n).label("largest_side"))
            .group_by(sides.c.case_id).subquery("party_n"))


def _follow_up_counts(cases: Select[Any]) -> Subquery:
    """Per case of ``cases`` with follow-up visits (not removed): their number."""
    return (select(FollowUp.case_id.label("case_id"), func.count().label("follow_ups"))
            .where(FollowUp.deleted_at.is_(None), FollowUp.case_id.in_(cases))
            .group_by(FollowUp.case_id).subquery("follow_up_n"))


def _party_lookups() -> dict[str, ColumnElement[Any]]:
    """``parties`` and ``largest_side`` of the case in the row around them, by a lookup per case (SQLite)."""
    live = and_(Party.case_id == Case.id, Party.deleted_at.is_(None))
    largest = select(func.count()).where(live).group_by(Party.role).order_by(func.count().desc()).limit(1)
    return {"parties": select(func.count()).where(live).scalar_subquery(),
            "largest_side": func.coalesce(largest.scalar_subquery(), 0)}


def _follow_up_lookups() -> dict[str, ColumnElement[Any]]:
    """``follow_ups`` of the case in the row around it, by a lookup per case (SQLite)."""
    return {"follow_ups": select(func.count()).where(FollowUp.case_id == Case.id, FollowUp.deleted_at.is_(None))
            .scalar_subquery()}


def _exists(model: Any) -> ColumnElement[bool]:
    return select(model.id).where(model.case_id == Case.id, model.deleted_at.is_(None)).exists()


def _mapped_category() -> ColumnElement[Any]:
    """``category_code`` of any known scheme in the current scheme's codes, as ``categories.map_code``."""
    whens: list[tuple[ColumnElement[bool], Any]] = []
    for version, sch in SCHEMES.items():
        codes = [c.code for c in sch.categories]
        changed = {c: m for c in codes if (m := map_code(c, version, CURRENT_SCHEME)) != c}
        mapped: Any = case(changed, value=Case.category_code, else_=Case.category_code) if changed \
            else Case.category_code
        whens.append((and_(Case.category_scheme == version, Case.category_code.in_(codes)), mapped))
    return case(*whens, else_=literal("other"))


def _with_any(model: Any, cases: Select[Any], name: str) -> Subquery:
    """The archived cases of ``cases`` with any (not removed) row of ``model``: one ``case_id`` each."""
    archived = cases.where(Case.status == _S.ARCHIVED)
    return (select(model.case_id.label("case_id"))
            .where(model.deleted_at.is_(None), model.case_id.in_(archived))
            .group_by(model.case_id).subquery(name))


def _outcome(agr: Subquery, referred: ColumnElement[bool], heard: ColumnElement[bool]) -> ColumnElement[Any]:
    """The outcome partition; ``referred`` and ``heard`` (the case has a referral, a mediation session) are
    looked up only for an archived case without a signed agreement (a few per cent), since ``CASE`` stops at
    the first branch that holds."""
    signed = or_(func.coalesce(agr.c.written, 0) == 1, func.coalesce(agr.c.oral, 0) == 1)
    archived = Case.status == _S.ARCHIVED
    return case(
        (Case.status.in_((_S.AGREED, _S.PERFORMED)), literal("success")),
        (Case.status == _S.FAILED, literal("failed")),
        (Case.status == _S.SUSPENDED, literal("suspended")),
        (Case.status.in_(_OPEN), literal("open")),
        (Case.status == _S.DECLINED, literal("declined")),
        (Case.status == _S.REFERRED, literal("referred")),
        (and_(archived, signed), literal("success")),
        (and_(archived, referred), literal("referred")),
        (and_(archived, heard), literal("failed")),
        (archived, literal("declined")),
        else_=literal(None),
    )


_CASE_FACTS: dict[str, Callable[[], Any]] = {
    "status": lambda: Case.status,
    "source": lambda: Case.source,
    "category": _mapped_category,
    "amount": lambda: Case.amount_involved,
    "persons": lambda: Case.prevented_persons,
    "prevented_criminal": lambda: Case.prevented_criminal,
    "prevented_petition": lambda: Case.prevented_petition,
    "prevented_suicide": lambda: Case.prevented_suicide,
    "stopped_group_fight": lambda: Case.stopped_group_fight,
}
#: facts counted from child rows, two ways (see ``case_facts``): grouped, a subquery of counts per case for
#: a join; looked up, correlated subqueries per case
_CHILD_FACTS: dict[str, tuple[Callable[[Select[Any]], Subquery], Callable[[], dict[str, ColumnElement[Any]]],
                              tuple[str, ...]]] = {
    "parties": (_party_counts, _party_lookups, ("parties", "largest_side")),
    "follow_ups": (_follow_up_counts, _follow_up_lookups, ("follow_ups",)),
}
_CHILD_FACT_NAMES = {name for *_, names in _CHILD_FACTS.values() for name in names}
_FACT_NAMES = frozenset({*_CASE_FACTS, *_CHILD_FACT_NAMES, *_AGREEMENT_FACTS, "outcome"})


def case_facts(used: set[str], where: ColumnElement[bool], day: Any, *, grouped: bool = False) -> Subquery:
    """The cases ``where`` selects, one row each: ``id``, ``owner_org_code``, ``day`` (the date they are
    counted by), ``year``, ``serial`` and the facts named in ``used``.

    ``OFFSET 0`` keeps the database from merging this subquery into the query around it (SQLite and
    PostgreSQL both stop at it), which would work out a fact again for every condition that uses it.

    The facts from child rows (parties, follow-ups, signed agreements, referrals and sessions of archived
    cases) come two ways. ``grouped`` (PostgreSQL): each child table is aggregated once per query, grouped
    by case, for the selected cases only (a semi-join on their ids, so a month's report on a hub does not
    count the children of every case it holds), and joined — hash joins and hash aggregates, where a
    correlated subquery per case ran as a SubPlan, one index lookup per case and child table. Otherwise
    (SQLite, which has no hash join: it would materialise each aggregate and probe it per case, twice as
    slow over 100,000 cases): a correlated lookup per case through the ``case_id`` indexes.
    """
    columns: list[Any] = [Case.id.label("id"), Case.owner_org_code.label("owner_org_code"), day.label("day"),
                          Case.year.label("year"), Case.serial.label("serial")]
    columns += [_CASE_FACTS[name]().label(name) for name in sorted(used & _CASE_FACTS.keys())]
    frm: Any = Case.__table__
    cases = select(Case.id).where(where).correlate(None) if grouped else None
    for counts, lookups, names in _CHILD_FACTS.values():
        if not used & set(names):
            continue
        if cases is not None:
            sub = counts(cases)
            frm = frm.outerjoin(sub, sub.c.case_id == Case.id)
            columns += [func.coalesce(sub.c[name], 0).label(name) for name in names if name in used]
        else:
            columns += [expr.label(name) for name, expr in lookups().items() if name in used]
    if used & {*_AGREEMENT_FACTS, "outcome"}:
        agr = _signed_agreements(cases)
        frm = frm.outerjoin(agr, agr.c.case_id == Case.id)
        columns += [func.coalesce(agr.c[name], 0).label(name) for name in sorted(used & set(_AGREEMENT_FACTS))]
        if "outcome" in used:
            if cases is not None:
                referred, heard = _with_any(Referral, cases, "referred"), _with_any(MediationSession, cases, "heard")
                frm = frm.outerjoin(referred, referred.c.case_id == Case.id).outerjoin(
                    heard, heard.c.case_id == Case.id)
                columns.append(_outcome(agr, referred.c.case_id.is_not(None), heard.c.case_id.is_not(None))
                               .label("outcome"))
            else:
                columns.append(_outcome(agr, _exists(Referral), _exists(MediationSession)).label("outcome"))
    stmt: Select[Any] = select(*columns).select_from(frm).where(where).offset(0)
    return stmt.subquery("case_facts")


def with_facts(build: Callable[[Facts], _T], where: ColumnElement[bool], day: Any, *,
               grouped: bool = False) -> tuple[_T, Subquery]:
    """``build`` (conditions, measures …) over the facts of the cases ``where`` selects, and the subquery
    to select them from (``grouped``: child rows aggregated and joined — on PostgreSQL; see ``case_facts``)."""
    probe = Facts()
    build(probe)
    sub = case_facts(probe.used, where, day, grouped=grouped)
    return build(Facts(sub)), sub


@dataclass(frozen=True)
class Figure:
    """One line of the report. ``measure`` says what is summed over the cases ``where`` selects."""

    key: str
    label_zh: str
    label_en: str
    section: str
    where: Callable[[Facts], ColumnElement[bool]]
    measure: str = "cases"  # cases | parties | amount | persons | visits
    indent: int = 0  # 1 for a 「其中」 sub-row

    @property
    def unit_zh(self) -> str:
        return {"cases": "件", "parties": "人", "amount": "元", "persons": "人", "visits": "次"}[self.measure]

    @property
    def unit_en(self) -> str:
        return {"cases": "cases", "parties": "persons", "amount": "yuan", "persons": "persons",
                "visits": "visits"}[self.measure]


# --- outcomes (a partition of all cases) ------------------------------------------------------------
def _outcome_is(name: str) -> Callable[[Facts], ColumnElement[bool]]:
    return lambda f: f.outcome == name


def _success(f: Facts) -> ColumnElement[bool]:
    return f.outcome == "success"


# --- categories -------------------------------------------------------------------------------------
def _category(code: str) -> Callable[[Facts], ColumnElement[bool]]:
    """A category row counts its own code and its 「其中」 sub-rows (all mapped to the current scheme)."""
    wanted = [code, *(c.code for c in scheme(CURRENT_SCHEME).children(code))]
    return lambda f: f.category.in_(wanted)


def _category_figures() -> list[Figure]:
    out = []
    for cat in scheme(CURRENT_SCHEME).categories:
        sub = cat.parent is not None
        out.append(Figure(f"cat:{cat.code}", ("其中：" if sub else "") + cat.name_zh,
                          ("of which: " if sub else "") + cat.name_en, "category", _category(cat.code),
                          indent=1 if sub else 0))
    return out


# --- sources ----------------------------------------------------------------------------------------
_REFERRED_SOURCES = (CaseSource.COURT, CaseSource.POLICE, CaseSource.PROCURATORATE, CaseSource.PETITIONS,
                     CaseSource.OTHER_BODY)
_SOURCE_EN = {CaseSource.APPLICATION: "Application by the parties", CaseSource.INITIATIVE: "On the committee's own "
              "initiative", CaseSource.COURT: "Referred by a court", CaseSource.POLICE: "Referred by the police",
              CaseSource.PROCURATORATE: "Referred by a procuratorate", CaseSource.PETITIONS: "Referred by a "
              "petitions office", CaseSource.OTHER_BODY: "Referred by another body"}


def _source(*sources: CaseSource) -> Callable[[Facts], ColumnElement[bool]]:
    return lambda f: f.source.in_(sources)


def _source_figures() -> list[Figure]:
    out = [Figure(f"src:{s.value}", LABELS_ZH[s], _SOURCE_EN[s], "source", _source(s))
           for s in (CaseSource.APPLICATION, CaseSource.INITIATIVE)]
    out.append(Figure("src:referred", "委托移送", "Referred by other bodies", "source", _source(*_REFERRED_SOURCES)))
    out += [Figure(f"src:{s.value}", "其中：" + LABELS_ZH[s], "of which: " + _SOURCE_EN[s], "source", _source(s),
                   indent=1) for s in _REFERRED_SOURCES]
    return out


def _perf(p: Performance) -> Callable[[Facts], ColumnElement[bool]]:
    return lambda f: and_(_success(f), f.agreement(f"perf_{p.value}") == 1)


def _flag(name: str) -> Callable[[Facts], ColumnElement[bool]]:
    return lambda f: f.col(name).is_(True)


_PREVENTED = ("prevented_criminal", "prevented_petition", "prevented_suicide", "stopped_group_fight")


def _prevented(f: Facts) -> ColumnElement[bool]:
    return or_(*(_flag(name)(f) for name in _PREVENTED))


FIGURES: tuple[Figure, ...] = (
    Figure("cases", "纠纷总数", "Disputes", "total", lambda f: true()),
    *prevention.group_figures(Figure),
    *_category_figures(),
    *_source_figures(),
    Figure("out:success", "调解成功", "Settled", "outcome", _success),
    Figure("out:failed", "调解不成（终止）", "Not settled (terminated)", "outcome", _outcome_is("failed")),
    Figure("out:suspended", "中止", "Suspended", "outcome", _outcome_is("suspended")),
    Figure("out:open", "正在调解（未结）", "Still being mediated", "outcome", _outcome_is("open")),
    Figure("out:declined", "不予调解", "Declined", "outcome", _outcome_is("declined")),
    Figure("out:referred", "移交", "Referred up", "outcome", _outcome_is("referred")),
    Figure("agr:written", "书面协议", "Written agreements", "agreement",
           lambda f: and_(_success(f), f.agreement("written") == 1)),
    Figure("agr:oral", "口头协议", "Oral agreements", "agreement",
           lambda f: and_(_success(f), f.agreement("oral") == 1, f.agreement("written") == 0)),
    Figure("parties", "涉及当事人", "Parties involved", "people", lambda f: true(), measure="parties"),
    Figure("amount", "涉及金额", "Amount involved", "amount", lambda f: f.amount.is_not(None), measure="amount"),
    Figure("conf:applied", "申请司法确认", "Judicial confirmation applied for", "confirmation",
           lambda f: f.agreement("applied") == 1),
    Figure("conf:confirmed", "经司法确认", "Judicially confirmed", "confirmation",
           lambda f: f.agreement("confirmed") == 1),
    Figure("perf:done", LABELS_ZH[Performance.DONE], "Performed", "performance", _perf(Performance.DONE)),
    Figure("perf:partial", LABELS_ZH[Performance.PARTIAL], "Partly performed", "performance",
           _perf(Performance.PARTIAL)),
    Figure("perf:not_done", LABELS_ZH[Performance.NOT_DONE], "Not performed", "performance",
           _perf(Performance.NOT_DONE)),
    Figure("perf:pending", LABELS_ZH[Performance.PENDING], "Not yet due", "performance",
           _perf(Performance.PENDING)),
    Figure("fu:cases", "已回访案件", "Cases followed up", "follow_up", lambda f: f.follow_ups > 0),
    Figure("fu:visits", "回访次数", "Follow-up visits", "follow_up", lambda f: f.follow_ups > 0, measure="visits"),
    Figure("prev:criminal", "防止民转刑", "Prevented from turning criminal", "prevented",
           _flag("prevented_criminal")),
    Figure("prev:petition", "防止群体性上访", "Prevented group petitions", "prevented", _flag("prevented_petition")),
    Figure("prev:suicide", "防止自杀", "Prevented suicides", "prevented", _flag("prevented_suicide")),
    Figure("prev:fight", "制止群体性械斗", "Stopped group fights", "prevented", _flag("stopped_group_fight")),
    Figure("prev:persons", "涉及人数", "Persons involved", "prevented", _prevented, measure="persons"),
    *prevention.persons_figures(Figure),
)

_BY_KEY = {f.key: f for f in FIGURES}

SECTIONS_ZH = {"total": "受理纠纷", "category": "纠纷类型", "source": "案件来源", "outcome": "调解结果",
               "agreement": "协议形式", "people": "当事人", "amount": "金额", "confirmation": "司法确认",
               "performance": "履行情况", "follow_up": "回访", "prevented": "预防纠纷激化",
               "screening": "排查纠纷", "roster": "组织队伍"}
SECTIONS_EN = {"total": "Disputes", "category": "Categories", "source": "Sources", "outcome": "Outcomes",
               "agreement": "Agreement form", "people": "Parties", "amount": "Amounts",
               "confirmation": "Judicial confirmation", "performance": "Performance", "follow_up": "Follow-ups",
               "prevented": "Escalation prevented",
               "screening": "Screenings", "roster": "Committees and mediators"}


def figure(key: str) -> Figure:
    """The figure ``key``; raises MediationError for an unknown key."""
    from mediation_desktop.errors import MediationError

    try:
        return _BY_KEY[key]
    except KeyError:
        raise MediationError("report.figure", value=key) from None
