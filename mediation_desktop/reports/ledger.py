"""The ledger (台账): one row per case with the columns a township keeps, for export and import.

The same column list drives the xlsx/CSV export and the import (:mod:`.ledger_import`), so an
exported ledger reads back into an empty installation as the same cases. ID numbers and phones are
not in the ledger (it does not need them).

A ledger made for someone signed in (``viewer``) leaves out the non-public cases (不公开调解) they may not
see (``services.privacy.visible_clause``); :func:`hidden_count` says how many were left out, so the window
can say so. ``viewer=None`` is the system and gets every case (the CLI, like its ``cases`` command).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, select

from mediation_desktop.domain.agreement_form import in_effect_rank
from mediation_desktop.domain.categories import CURRENT_SCHEME, SCHEMES, map_code, scheme
from mediation_desktop.domain.enums import LABELS_ZH, AgreementForm, AgreementStatus, CaseSource, PartyRole, Performance
from mediation_desktop.domain.lifecycle import STATUS_LABELS_ZH, CaseStatus
from mediation_desktop.domain.text import inert_cell
from mediation_desktop.reports.figures import with_facts
from mediation_desktop.reports.periods import Basis, Period
from mediation_desktop.reports.statistics import in_period
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.privacy import sees_everything, visible_clause
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Agreement, Case, FollowUp, Party

__all__ = ["COLUMNS", "OUTCOME_LABELS", "LedgerColumn", "hidden_count", "ledger_csv", "ledger_rows"]


@dataclass(frozen=True)
class LedgerColumn:
    """One ledger column: its key, Chinese header, width in characters and kind of value."""

    key: str
    header: str
    width: float
    kind: str = "text"  # text | date | int | money | long
    aliases: tuple[str, ...] = ()  # other headers a village ledger may use for it
    required: bool = False


COLUMNS: tuple[LedgerColumn, ...] = (
    LedgerColumn("seq", "序号", 6, "int", ("编号序号", "No")),
    LedgerColumn("case_no", "案件编号", 24, aliases=("案号", "编号", "卷号", "案件号")),
    LedgerColumn("title", "案件名称", 28, aliases=("纠纷名称", "卷名", "案由")),
    LedgerColumn("registered_on", "登记日期", 12, "date", ("登记时间",)),
    LedgerColumn("accepted_on", "受理日期", 12, "date", ("受理时间", "日期", "时间", "调解日期"), required=True),
    LedgerColumn("category", "纠纷类型", 14, aliases=("纠纷类别", "类型", "类别", "案件类型")),
    LedgerColumn("source", "案件来源", 14, aliases=("来源", "纠纷来源")),
    LedgerColumn("source_detail", "移送单位", 16, aliases=("委托移送单位",)),
    LedgerColumn("applicants", "申请人", 18, aliases=("当事人", "当事人姓名", "申请人姓名", "甲方"), required=True),
    LedgerColumn("respondents", "被申请人", 18, aliases=("被申请人姓名", "对方当事人", "乙方")),
    LedgerColumn("third_parties", "第三人", 12, aliases=("其他当事人",)),
    LedgerColumn("summary", "纠纷简要情况", 40, "long", ("简要案情", "纠纷简要情况及主要争议", "主要事实", "纠纷情况")),
    LedgerColumn("amount", "涉及金额（元）", 14, "money", ("涉及金额", "金额", "涉案金额", "标的额", "协议金额",
                                                            "调解金额", "协议标的")),
    LedgerColumn("mediator", "调解员", 10, aliases=("调解人", "承办人", "主持人")),
    LedgerColumn("status", "案件状态", 14, aliases=("状态",)),
    LedgerColumn("outcome", "调解结果", 14, aliases=("调解结果及协议", "结果", "处理结果")),
    LedgerColumn("closed_on", "结案日期", 12, "date", ("结案时间", "调结日期", "办结日期")),
    LedgerColumn("agreement_form", "协议形式", 10, aliases=("协议类型",)),
    LedgerColumn("performance", "履行情况", 10, aliases=("协议履行情况", "履行")),
    LedgerColumn("confirmed_on", "司法确认日期", 14, "date", ("司法确认",)),
    LedgerColumn("follow_ups", "回访日期", 24, "date", aliases=("回访情况", "回访时间", "回访")),
    LedgerColumn("prevented_criminal", "防止民转刑", 10, aliases=()),
    LedgerColumn("prevented_petition", "防止群体性上访", 14),
    LedgerColumn("prevented_suicide", "防止自杀", 10),
    LedgerColumn("stopped_group_fight", "制止群体性械斗", 14),
    LedgerColumn("prevented_persons", "防止激化涉及人数", 16, "int"),
    LedgerColumn("note", "备注", 20, aliases=("说明",)),
)
BY_KEY = {c.key: c for c in COLUMNS}

#: 调解结果 as the ledger writes it, per outcome figure (the same partition the statistics use)
OUTCOME_LABELS = {"out:success": "调解成功", "out:failed": "调解不成", "out:suspended": "中止",
                  "out:open": "调解中", "out:declined": "不予调解", "out:referred": "已移交"}
FORM_LABELS = {AgreementForm.WRITTEN: "书面", AgreementForm.ORAL: "口头", AgreementForm.UNRECORDED: "未记录"}
YES, NO = "是", "否"


def _names(parties: list[tuple[str, str]], role: PartyRole) -> str:
    return "、".join(name for r, name in parties if r == role)


def _selection(period: Period | None, basis: Basis, org_code: str | None,
               case_ids: Sequence[uuid.UUID] | None) -> ColumnElement[bool]:
    """The cases a ledger holds (before anyone's privacy): not voided, of the period, committee and ids given."""
    cond: ColumnElement[bool] = Case.deleted_at.is_(None)
    if period is not None:
        cond = in_period(period, basis, org_code)
    elif org_code is not None:
        cond = and_(cond, Case.owner_org_code == org_code)
    if case_ids is not None:
        cond = and_(cond, Case.id.in_(list(case_ids)))
    return cond


def hidden_count(db: Database, viewer: Actor | None, *, period: Period | None = None, basis: Basis = Basis.ACCEPTED,
                 org_code: str | None = None, case_ids: Sequence[uuid.UUID] | None = None) -> int:
    """How many cases of this ledger :func:`ledger_rows` leaves out for ``viewer`` (non-public cases of others)."""
    if sees_everything(viewer):
        return 0
    # all minus the visible ones (not NOT visible: a NULL in the clause would count a case in neither)
    stmt = (select(func.count(), func.sum(case((visible_clause(viewer), 1), else_=0)))
            .select_from(Case).where(_selection(period, basis, org_code, case_ids)))
    with db.read_session() as s:
        total, visible = s.execute(stmt).one()
    return int(total or 0) - int(visible or 0)


def ledger_rows(db: Database, *, period: Period | None = None, basis: Basis = Basis.ACCEPTED,
                org_code: str | None = None, case_ids: Sequence[uuid.UUID] | None = None,
                viewer: Actor | None = None) -> list[dict[str, Any]]:
    """Ledger rows (column key → value: date, int, Decimal or str), oldest first; all cases by default.

    Only the cases ``viewer`` may see (``None``: the system, every case); :func:`hidden_count` counts the rest.
    """
    cond = and_(_selection(period, basis, org_code, case_ids), visible_clause(viewer))
    # the outcome is the statistics' own partition (figures.Facts.outcome), so the ledger and the report agree
    outcome, facts = with_facts(lambda f: f.outcome, cond, Case.accepted_on, grouped=db.is_postgresql)
    stmt = (select(Case.id, Case.case_no, Case.title, Case.registered_on, Case.accepted_on, Case.category_scheme,
                   Case.category_code, Case.source, Case.source_detail, Case.summary, Case.amount_involved,
                   Case.mediator_name, Case.status, outcome.label("outcome"), Case.closed_on,
                   Case.prevented_criminal, Case.prevented_petition, Case.prevented_suicide,
                   Case.stopped_group_fight, Case.prevented_persons, Case.extra)
            .select_from(Case.__table__.join(facts, facts.c.id == Case.id))
            .order_by(Case.accepted_on.is_(None), Case.accepted_on, Case.registered_on, Case.year, Case.serial))
    current = scheme(CURRENT_SCHEME)
    with db.read_session() as s:
        cases = s.execute(stmt).all()
        wanted = select(Case.id).where(cond).scalar_subquery()
        parties: dict[uuid.UUID, list[tuple[str, str]]] = defaultdict(list)
        for cid, role, name in s.execute(select(Party.case_id, Party.role, Party.name)
                                         .where(Party.case_id.in_(wanted), Party.deleted_at.is_(None))
                                         .order_by(Party.case_id, Party.position)):
            parties[cid].append((role, name))
        agreements: dict[uuid.UUID, tuple[AgreementForm, Performance, dt.date | None]] = {}
        for cid, form, perf, confirmed in s.execute(
                select(Agreement.case_id, Agreement.form, Agreement.performance, Agreement.confirmed_on)
                .where(Agreement.case_id.in_(wanted), Agreement.deleted_at.is_(None),
                       Agreement.status == AgreementStatus.SIGNED).order_by(Agreement.case_id, Agreement.version)):
            # the agreement in effect, by the rule the documents and the statistics follow (written before oral)
            if cid not in agreements or in_effect_rank(form, 1) >= in_effect_rank(agreements[cid][0], 1):
                agreements[cid] = (form, perf, confirmed)
        visits: dict[uuid.UUID, list[dt.date]] = defaultdict(list)
        for cid, day in s.execute(select(FollowUp.case_id, FollowUp.visited_on)
                                  .where(FollowUp.case_id.in_(wanted), FollowUp.deleted_at.is_(None))
                                  .order_by(FollowUp.case_id, FollowUp.visited_on)):
            visits[cid].append(day)
    rows = []
    for n, c in enumerate(cases, start=1):
        agreement = agreements.get(c.id)
        ps = parties.get(c.id, [])
        note = (c.extra or {}).get("ledger_note", "") if isinstance(c.extra, dict) else ""
        rows.append({
            "seq": n, "case_no": c.case_no, "title": c.title, "registered_on": c.registered_on,
            "accepted_on": c.accepted_on,
            "category": current.label(map_code(c.category_code, c.category_scheme, CURRENT_SCHEME)
                                      if c.category_scheme in SCHEMES else c.category_code, "zh"),
            "source": LABELS_ZH.get(CaseSource(c.source), str(c.source)), "source_detail": c.source_detail or "",
            "applicants": _names(ps, PartyRole.APPLICANT), "respondents": _names(ps, PartyRole.RESPONDENT),
            "third_parties": _names(ps, PartyRole.THIRD_PARTY), "summary": c.summary,
            "amount": c.amount_involved, "mediator": c.mediator_name,
            "status": STATUS_LABELS_ZH[CaseStatus(c.status)],
            "outcome": OUTCOME_LABELS.get(f"out:{c.outcome}", ""), "closed_on": c.closed_on,
            "agreement_form": FORM_LABELS[agreement[0]] if agreement else "",
            "performance": LABELS_ZH[agreement[1]] if agreement else "",
            "confirmed_on": agreement[2] if agreement else None,
            # one visit: a date cell (Excel sorts and filters it); several: their days in one text cell
            "follow_ups": _visits(visits.get(c.id, [])),
            "prevented_criminal": YES if c.prevented_criminal else "",
            "prevented_petition": YES if c.prevented_petition else "",
            "prevented_suicide": YES if c.prevented_suicide else "",
            "stopped_group_fight": YES if c.stopped_group_fight else "",
            "prevented_persons": c.prevented_persons or None, "note": note,
        })
    return rows


def _visits(days: list[dt.date]) -> dt.date | str:
    return days[0] if len(days) == 1 else "、".join(d.isoformat() for d in days)


def cell_text(column: LedgerColumn, value: Any) -> str:
    """A value as the CSV writes it (dates ISO, amounts with two decimals, a text inert: never read as a
    formula by a spreadsheet, no control character — ``domain.text.inert_cell``)."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, str):
        return inert_cell(value)
    return str(value)


def ledger_csv(rows: list[dict[str, Any]]) -> bytes:
    """The ledger as CSV in UTF-8 with a byte-order mark (Excel and WPS then read the Chinese right)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.header for c in COLUMNS])
    for row in rows:
        writer.writerow([cell_text(c, row.get(c.key)) for c in COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
