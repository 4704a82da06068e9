"""Report test data: a known data set built through the real services (dates chosen on purpose).

Not a test module: ``import report_cases`` (tests/ is on the import path) in the report tests'
conftest and the window tests.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from mediation_desktop.domain.enums import CaseSource, PartyRole, Performance, SessionResult
from mediation_desktop.domain.lifecycle import CaseAction
from mediation_desktop.services import agreements, records
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.cases import CaseInput, change_status, refer_case, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.services.setup import SetupRequest
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Agreement, Case
from mediation_desktop.storage.unit_of_work import UnitOfWork

#: the village of tests/conftest.py (same code, name and administrator), for installations made here
VILLAGE = SetupRequest("330102001", "石桥村人民调解委员会", "village", "admin", "secret123", parent_code="330102",
                       admin_display_name="王建国")
D = dt.date
NAMES = ["张三", "李四", "王五", "赵六", "陈喆", "刘堃", "周昇", "吴珺", "郑㛃", "冯䶮", "𠮷田", "单雄", "曾瑞", "解敏"]
CATEGORIES = ["neighbour", "marriage_family", "labour", "labour_wages", "consumer_ecommerce", "traffic", "ip",
              "other", "house_homestead"]
OUTCOMES = ["written", "oral", "failed", "open", "suspended", "declined", "referred", "archived_written",
            "archived_failed", "archived_referred", "archived_declined"]


@dataclass
class Dataset:
    db: Database
    ids: list[uuid.UUID]
    boundary: dict[str, uuid.UUID]  # named cases at period boundaries


def set_fields(db: Database, case_id: uuid.UUID, **values: object) -> None:
    """Fields no service edits yet (prevented counters, judicial confirmation), written as sync would."""
    with UnitOfWork(db, actor="test", action="test.set") as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None
        agreement_values = {k[4:]: v for k, v in values.items() if k.startswith("agr_")}
        for key, value in values.items():
            if not key.startswith("agr_"):
                setattr(case, key, value)
        if agreement_values:
            agreement = uow.session.scalar(select(Agreement).where(Agreement.case_id == case_id))
            assert agreement is not None
            for key, value in agreement_values.items():
                setattr(agreement, key, value)
        uow.commit()


def make_case(db: Database, actor: Actor, rng: random.Random, accepted: dt.date, outcome: str, *,
              category: str | None = None, closed_after: int | None = None) -> uuid.UUID:
    n = rng.randint(1, 4)
    names = rng.sample(NAMES, n)
    parties = [PartyInput(name=name, role=PartyRole.APPLICANT if i == 0 else
                          (PartyRole.RESPONDENT if i < 3 else PartyRole.THIRD_PARTY)) for i, name in enumerate(names)]
    amount = rng.choice([None, "1200.50", "30000", "0.10", "156000"])
    reg = register_case(db, actor, CaseInput(
        category_code=category or rng.choice(CATEGORIES), parties=parties, source=rng.choice(list(CaseSource)),
        summary=f"{names[0]}的纠纷", amount_involved=amount, registered_on=accepted), today=accepted)
    cid = reg.case_id
    closed = accepted + dt.timedelta(days=closed_after if closed_after is not None else rng.randint(0, 40))
    base = outcome.removeprefix("archived_")
    if base in ("written", "oral", "failed", "suspended"):
        records.add_session(db, actor, cid, records.SessionInput(
            result=SessionResult.AGREED if base in ("written", "oral") else SessionResult.NOT_AGREED,
            held_at=dt.datetime.combine(accepted, dt.time(2), tzinfo=dt.UTC)))
    if base == "written":
        aid = agreements.save_draft(db, actor, cid, agreements.AgreementInput(terms=["一、赔偿"], amount=amount))
        agreements.sign(db, actor, aid, signed_on=closed)
    elif base == "oral":
        agreements.record_oral(db, actor, cid, agreements.AgreementInput(terms=["口头约定"]), reached_on=closed)
    elif base == "failed":
        change_status(db, actor, cid, CaseAction.TERMINATE, on=closed)
    elif base == "suspended":
        change_status(db, actor, cid, CaseAction.SUSPEND, on=closed)
    elif base == "declined":
        change_status(db, actor, cid, CaseAction.DECLINE, on=closed)
    elif base == "referred":
        refer_case(db, actor, cid, to_org_code="330102", to_org_name="石桥镇人民调解委员会", reason="村里调不了",
                   on=closed)
    if base in ("written", "oral"):
        for k in range(rng.randint(0, 2)):
            perf = rng.choice([Performance.PARTIAL, Performance.NOT_DONE, Performance.DONE])
            records.add_follow_up(db, actor, cid, records.FollowUpInput(
                performance=perf, visitee=names[0], visited_on=closed + dt.timedelta(days=10 + k)))
        if rng.random() < 0.4:
            set_fields(db, cid, agr_confirmation_applied_on=closed + dt.timedelta(days=3),
                 agr_confirmed_on=closed + dt.timedelta(days=9) if rng.random() < 0.7 else None)
    if outcome.startswith("archived_"):
        change_status(db, actor, cid, CaseAction.ARCHIVE, on=closed + dt.timedelta(days=1))
    flags = {}
    for flag in ("prevented_criminal", "prevented_petition", "prevented_suicide", "stopped_group_fight"):
        if rng.random() < 0.15:
            flags[flag] = True
    if flags:
        flags["prevented_persons"] = rng.randint(2, 30)
        set_fields(db, cid, **flags)
    return cid


def build_dataset(db: Database, director: Actor) -> Dataset:
    """44 cases from 20 June 2026 every few days, every outcome, and five named cases on period boundaries."""
    rng = random.Random(20260922)
    ids: list[uuid.UUID] = []
    day = D(2026, 6, 20)
    for i in range(44):
        ids.append(make_case(db, director, rng, day, OUTCOMES[i % len(OUTCOMES)]))
        day += dt.timedelta(days=rng.randint(1, 5))
    boundary = {
        # the last day of Q3 (the register is dated; a case accepted at 23:59 that day is still Q3)
        "q3_last": make_case(db, director, rng, D(2026, 9, 30), "written", category="neighbour", closed_after=1),
        "q4_first": make_case(db, director, rng, D(2026, 10, 1), "written", category="neighbour", closed_after=0),
        "h1_last": make_case(db, director, rng, D(2026, 6, 30), "failed", category="traffic", closed_after=1),
        "year_last": make_case(db, director, rng, D(2026, 12, 31), "open", category="other"),
        "next_year": make_case(db, director, rng, D(2027, 1, 1), "open", category="other"),
    }
    ids.extend(boundary.values())
    return Dataset(db, ids, boundary)
