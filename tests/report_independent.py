"""An independent count: every figure worked out in plain Python over the stored cases, one by one.

It shares nothing with the report's SQL except the written definitions (docs/reports.md).
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from mediation_desktop.domain.categories import CURRENT_SCHEME, map_code, scheme
from mediation_desktop.domain.enums import AgreementForm, AgreementStatus
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Case

REFERRED_SOURCES = {"court", "police", "procuratorate", "petitions", "other_body"}


def outcome_of(c: Case) -> str:
    signed = [a for a in c.agreements if a.deleted_at is None and a.status == AgreementStatus.SIGNED]
    status = c.status.value
    if status in ("agreed", "performed"):
        return "success"
    if status in ("registered", "accepted", "investigating", "mediating"):
        return "open"
    if status in ("failed", "suspended", "declined", "referred"):
        return status
    assert status == "archived"
    if signed:
        return "success"
    if any(r.deleted_at is None for r in c.referrals):
        return "referred"
    if any(s.deleted_at is None for s in c.sessions):
        return "failed"
    return "declined"


def independent(db: Database, start: dt.date, end: dt.date, by: str = "accepted",
                org: str | None = None) -> dict[str, tuple[set[uuid.UUID], int | Decimal]]:
    """figure key → (the cases behind it, its value)."""
    with db.read_session() as s:
        cases = list(s.scalars(select(Case).options(
            selectinload(Case.parties), selectinload(Case.agreements), selectinload(Case.follow_ups),
            selectinload(Case.referrals), selectinload(Case.sessions))))
    current = scheme(CURRENT_SCHEME)
    out: dict[str, tuple[set[uuid.UUID], int | Decimal]] = {}

    def add(key: str, c: Case, amount: int | Decimal = 1) -> None:
        ids, value = out.get(key, (set(), 0))
        ids.add(c.id)
        out[key] = (ids, value + amount)

    for c in cases:
        day = c.accepted_on if by == "accepted" else c.closed_on
        if c.deleted_at is not None or day is None or not (start <= day <= end):
            continue
        if org is not None and c.owner_org_code != org:
            continue
        add("cases", c)
        code = map_code(c.category_code, c.category_scheme, CURRENT_SCHEME)
        add(f"cat:{code}", c)
        parent = current.get(code).parent  # type: ignore[union-attr]
        if parent:
            add(f"cat:{parent}", c)
        add(f"src:{c.source.value}", c)
        if c.source.value in REFERRED_SOURCES:
            add("src:referred", c)
        outcome = outcome_of(c)
        add(f"out:{outcome}", c)
        signed = [a for a in c.agreements if a.deleted_at is None and a.status == AgreementStatus.SIGNED]
        if outcome == "success":
            forms = {a.form for a in signed}
            if AgreementForm.WRITTEN in forms:
                add("agr:written", c)
            elif AgreementForm.ORAL in forms:
                add("agr:oral", c)
            for perf in {a.performance.value for a in signed}:
                add(f"perf:{perf}", c)
        add("parties", c, sum(1 for p in c.parties if p.deleted_at is None))
        if c.amount_involved is not None:
            add("amount", c, c.amount_involved)
        if any(a.confirmation_applied_on for a in signed):
            add("conf:applied", c)
        if any(a.confirmed_on for a in signed):
            add("conf:confirmed", c)
        visits = [f for f in c.follow_ups if f.deleted_at is None]
        if visits:
            add("fu:cases", c)
            add("fu:visits", c, len(visits))
        flags = {"prev:criminal": c.prevented_criminal, "prev:petition": c.prevented_petition,
                 "prev:suicide": c.prevented_suicide, "prev:fight": c.stopped_group_fight}
        for key, on in flags.items():
            if on:
                add(key, c)
        if any(flags.values()):
            add("prev:persons", c, c.prevented_persons)
        for key, on in flags.items():
            if on:
                add(f"{key}:persons", c, c.prevented_persons)
        sides: dict[str, int] = {}
        for p in c.parties:
            if p.deleted_at is None:
                sides[p.role.value] = sides.get(p.role.value, 0) + 1
        if any(n >= 3 for n in sides.values()):  # 「其中3人以上」: three or more on one side
            add("grp:3plus", c)
    return out
