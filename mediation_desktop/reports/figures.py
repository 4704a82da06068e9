"""Every figure of the statistics report, each defined once as a SQL condition on a case.

The same condition counts the figure (``SUM(CASE WHEN …)`` in one aggregate query) and lists the
cases behind it (``WHERE …``), so every number on a report can be traced to its cases.

Outcomes partition the cases (each case has exactly one), from its status, whether it has a signed
agreement, a referral and any mediation session: an archived case keeps the outcome it was archived
with (archived with a signed agreement → 调解成功; with a referral → 移交; after sessions → 调解不成;
with none of these → 不予调解).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Subquery, and_, case, false, func, not_, or_, select, true

from mediation_desktop.domain.categories import CURRENT_SCHEME, SCHEMES, map_code, scheme
from mediation_desktop.domain.enums import LABELS_ZH, AgreementForm, AgreementStatus, CaseSource, Performance
from mediation_desktop.domain.lifecycle import CaseStatus
from mediation_desktop.storage.models import Agreement, Case, FollowUp, MediationSession, Party, Referral

__all__ = ["FIGURES", "Facts", "Figure", "figure"]

_S = CaseStatus


class Facts:
    """The per-case aggregates a figure may look at (LEFT JOINed subqueries, one row per case).

    Each subquery is joined only if a condition used it (``used``), so listing the cases of a figure
    that needs none of them is a plain indexed query.
    """

    def __init__(self, agreements: Subquery, parties: Subquery, follow_ups: Subquery) -> None:
        self._subs = {"agreements": agreements, "parties": parties, "follow_ups": follow_ups}
        self.used: set[str] = set()

    def _sub(self, name: str) -> Subquery:
        self.used.add(name)
        return self._subs[name]

    @property
    def agreements(self) -> Subquery:
        return self._sub("agreements")

    @property
    def parties(self) -> Subquery:
        return self._sub("parties")

    @property
    def follow_ups(self) -> Subquery:
        return self._sub("follow_ups")

    @classmethod
    def build(cls) -> Facts:
        signed = Agreement.status == AgreementStatus.SIGNED

        def flag(cond: ColumnElement[bool]) -> ColumnElement[int]:
            return func.max(case((cond, 1), else_=0))

        agreements = (
            select(
                Agreement.case_id.label("case_id"),
                flag(and_(signed, Agreement.form == AgreementForm.WRITTEN)).label("written"),
                flag(and_(signed, Agreement.form == AgreementForm.ORAL)).label("oral"),
                flag(and_(signed, Agreement.confirmation_applied_on.is_not(None))).label("applied"),
                flag(and_(signed, Agreement.confirmed_on.is_not(None))).label("confirmed"),
                *(flag(and_(signed, Agreement.performance == p)).label(f"perf_{p.value}") for p in Performance),
            )
            .where(Agreement.deleted_at.is_(None))
            .group_by(Agreement.case_id)
            .subquery("agr")
        )
        parties = (select(Party.case_id.label("case_id"), func.count().label("n"))
                   .where(Party.deleted_at.is_(None)).group_by(Party.case_id).subquery("pty"))
        follow_ups = (select(FollowUp.case_id.label("case_id"), func.count().label("n"))
                      .where(FollowUp.deleted_at.is_(None)).group_by(FollowUp.case_id).subquery("fu"))
        return cls(agreements, parties, follow_ups)

    def joined(self) -> Any:
        """``mediation_case`` with the aggregates the conditions built so far used, LEFT JOINed."""
        frm: Any = Case.__table__
        for name in sorted(self.used):
            sub = self._subs[name]
            frm = frm.outerjoin(sub, sub.c.case_id == Case.id)
        return frm

    # conditions used by several figures
    def has_signed(self) -> ColumnElement[bool]:
        agr = self.agreements
        return or_(func.coalesce(agr.c.written, 0) == 1, func.coalesce(agr.c.oral, 0) == 1)

    def has(self, sub: Subquery) -> ColumnElement[bool]:
        return func.coalesce(sub.c.n, 0) > 0

    # referrals and sessions matter only for an archived case without a signed agreement (a few per cent):
    # correlated EXISTS, which the database evaluates only when the conditions before it hold.
    @staticmethod
    def has_referral() -> ColumnElement[bool]:
        return select(Referral.id).where(Referral.case_id == Case.id, Referral.deleted_at.is_(None)).exists()

    @staticmethod
    def has_session() -> ColumnElement[bool]:
        return (select(MediationSession.id)
                .where(MediationSession.case_id == Case.id, MediationSession.deleted_at.is_(None)).exists())


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
def _archived(f: Facts) -> ColumnElement[bool]:
    return Case.status == _S.ARCHIVED


def _success(f: Facts) -> ColumnElement[bool]:
    return or_(Case.status.in_((_S.AGREED, _S.PERFORMED)), and_(_archived(f), f.has_signed()))


def _referred(f: Facts) -> ColumnElement[bool]:
    return or_(Case.status == _S.REFERRED, and_(_archived(f), not_(f.has_signed()), f.has_referral()))


def _failed(f: Facts) -> ColumnElement[bool]:
    return or_(Case.status == _S.FAILED, and_(_archived(f), not_(f.has_signed()), not_(f.has_referral()),
                                            f.has_session()))


def _declined(f: Facts) -> ColumnElement[bool]:
    return or_(Case.status == _S.DECLINED, and_(_archived(f), not_(f.has_signed()), not_(f.has_referral()),
                                              not_(f.has_session())))


_OPEN = (_S.REGISTERED, _S.ACCEPTED, _S.INVESTIGATING, _S.MEDIATING)


# --- categories -------------------------------------------------------------------------------------
def category_pairs(code: str) -> dict[str, list[str]]:
    """scheme version → stored codes that count under ``code`` of the current scheme (its sub-rows too)."""
    current = scheme(CURRENT_SCHEME)
    wanted = {code, *(c.code for c in current.children(code))}
    out: dict[str, list[str]] = {}
    for version, sch in SCHEMES.items():
        codes = [c.code for c in sch.categories if map_code(c.code, version, CURRENT_SCHEME) in wanted]
        if codes:
            out[version] = codes
    return out


def _category(code: str) -> Callable[[Facts], ColumnElement[bool]]:
    pairs = category_pairs(code)

    def where(_f: Facts) -> ColumnElement[bool]:
        return or_(false(), *(and_(Case.category_scheme == v, Case.category_code.in_(codes))
                              for v, codes in pairs.items()))

    return where


def _category_figures() -> list[Figure]:
    current = scheme(CURRENT_SCHEME)
    out = []
    for cat in current.categories:
        sub = cat.parent is not None
        out.append(Figure(f"cat:{cat.code}", ("其中：" if sub else "") + cat.name_zh,
                          ("of which: " if sub else "") + cat.name_en, "category", _category(cat.code),
                          indent=1 if sub else 0))
    # codes that no longer exist in any scheme (or unknown scheme versions) still count somewhere
    known = or_(false(), *(and_(Case.category_scheme == v, Case.category_code.in_([c.code for c in s.categories]))
                           for v, s in SCHEMES.items()))
    other = next(f for f in out if f.key == "cat:other")
    listed = other.where

    def other_or_unknown(f: Facts) -> ColumnElement[bool]:
        return or_(listed(f), not_(known))

    out[out.index(other)] = Figure(other.key, other.label_zh, other.label_en, "category", other_or_unknown)
    return out


# --- sources ----------------------------------------------------------------------------------------
_REFERRED_SOURCES = (CaseSource.COURT, CaseSource.POLICE, CaseSource.PROCURATORATE, CaseSource.PETITIONS,
                     CaseSource.OTHER_BODY)
_SOURCE_EN = {CaseSource.APPLICATION: "Application by the parties", CaseSource.INITIATIVE: "On the committee's own "
              "initiative", CaseSource.COURT: "Referred by a court", CaseSource.POLICE: "Referred by the police",
              CaseSource.PROCURATORATE: "Referred by a procuratorate", CaseSource.PETITIONS: "Referred by a "
              "petitions office", CaseSource.OTHER_BODY: "Referred by another body"}


def _source(*sources: CaseSource) -> Callable[[Facts], ColumnElement[bool]]:
    return lambda _f: Case.source.in_(sources)


def _source_figures() -> list[Figure]:
    out = [Figure(f"src:{s.value}", LABELS_ZH[s], _SOURCE_EN[s], "source", _source(s))
           for s in (CaseSource.APPLICATION, CaseSource.INITIATIVE)]
    out.append(Figure("src:referred", "委托移送", "Referred by other bodies", "source", _source(*_REFERRED_SOURCES)))
    out += [Figure(f"src:{s.value}", "其中：" + LABELS_ZH[s], "of which: " + _SOURCE_EN[s], "source", _source(s),
                   indent=1) for s in _REFERRED_SOURCES]
    return out


def _perf(p: Performance) -> Callable[[Facts], ColumnElement[bool]]:
    return lambda f: and_(_success(f), f.agreements.c[f"perf_{p.value}"] == 1)


def _prevented(f: Facts) -> ColumnElement[bool]:
    return or_(Case.prevented_criminal.is_(True), Case.prevented_petition.is_(True),
               Case.prevented_suicide.is_(True), Case.stopped_group_fight.is_(True))


FIGURES: tuple[Figure, ...] = (
    Figure("cases", "纠纷总数", "Disputes", "total", lambda f: true()),
    *_category_figures(),
    *_source_figures(),
    Figure("out:success", "调解成功", "Settled", "outcome", _success),
    Figure("out:failed", "调解不成（终止）", "Not settled (terminated)", "outcome", _failed),
    Figure("out:suspended", "中止", "Suspended", "outcome", lambda f: Case.status == _S.SUSPENDED),
    Figure("out:open", "正在调解（未结）", "Still being mediated", "outcome", lambda f: Case.status.in_(_OPEN)),
    Figure("out:declined", "不予调解", "Declined", "outcome", _declined),
    Figure("out:referred", "移交", "Referred up", "outcome", _referred),
    Figure("agr:written", "书面协议", "Written agreements", "agreement",
           lambda f: and_(_success(f), f.agreements.c.written == 1)),
    Figure("agr:oral", "口头协议", "Oral agreements", "agreement",
           lambda f: and_(_success(f), f.agreements.c.oral == 1, func.coalesce(f.agreements.c.written, 0) == 0)),
    Figure("parties", "涉及当事人", "Parties involved", "people", lambda f: true(), measure="parties"),
    Figure("amount", "涉及金额", "Amount involved", "amount", lambda f: Case.amount_involved.is_not(None),
           measure="amount"),
    Figure("conf:applied", "申请司法确认", "Judicial confirmation applied for", "confirmation",
           lambda f: f.agreements.c.applied == 1),
    Figure("conf:confirmed", "经司法确认", "Judicially confirmed", "confirmation",
           lambda f: f.agreements.c.confirmed == 1),
    Figure("perf:done", LABELS_ZH[Performance.DONE], "Performed", "performance", _perf(Performance.DONE)),
    Figure("perf:partial", LABELS_ZH[Performance.PARTIAL], "Partly performed", "performance",
           _perf(Performance.PARTIAL)),
    Figure("perf:not_done", LABELS_ZH[Performance.NOT_DONE], "Not performed", "performance",
           _perf(Performance.NOT_DONE)),
    Figure("perf:pending", LABELS_ZH[Performance.PENDING], "Not yet due", "performance",
           _perf(Performance.PENDING)),
    Figure("fu:cases", "已回访案件", "Cases followed up", "follow_up", lambda f: f.has(f.follow_ups)),
    Figure("fu:visits", "回访次数", "Follow-up visits", "follow_up", lambda f: f.has(f.follow_ups),
           measure="visits"),
    Figure("prev:criminal", "防止民转刑", "Prevented from turning criminal", "prevented",
           lambda f: Case.prevented_criminal.is_(True)),
    Figure("prev:petition", "防止群体性上访", "Prevented group petitions", "prevented",
           lambda f: Case.prevented_petition.is_(True)),
    Figure("prev:suicide", "防止自杀", "Prevented suicides", "prevented", lambda f: Case.prevented_suicide.is_(True)),
    Figure("prev:fight", "制止群体性械斗", "Stopped group fights", "prevented",
           lambda f: Case.stopped_group_fight.is_(True)),
    Figure("prev:persons", "涉及人数", "Persons involved", "prevented", _prevented, measure="persons"),
)

_BY_KEY = {f.key: f for f in FIGURES}

SECTIONS_ZH = {"total": "受理纠纷", "category": "纠纷类型", "source": "案件来源", "outcome": "调解结果",
               "agreement": "协议形式", "people": "当事人", "amount": "金额", "confirmation": "司法确认",
               "performance": "履行情况", "follow_up": "回访", "prevented": "预防纠纷激化"}
SECTIONS_EN = {"total": "Disputes", "category": "Categories", "source": "Sources", "outcome": "Outcomes",
               "agreement": "Agreement form", "people": "Parties", "amount": "Amounts",
               "confirmation": "Judicial confirmation", "performance": "Performance", "follow_up": "Follow-ups",
               "prevented": "Escalation prevented"}


def figure(key: str) -> Figure:
    """The figure ``key``; raises MediationError for an unknown key."""
    from mediation_desktop.errors import MediationError

    try:
        return _BY_KEY[key]
    except KeyError:
        raise MediationError("report.figure", value=key) from None
