"""The paper-only parts of a case file (卷宗): how many pages of each the mediator files by hand.

当事人身份证明 (ID copies), 授权委托书, paper evidence, receipts and transfer slips, the court's papers: the
program does not print them, but they are numbered with the file, so the contents' page numbers need
their page counts. They are kept in the case's ``extra`` (``casefile_pages``), one user action each.
"""

from __future__ import annotations

import uuid

from mediation_desktop.documents.snapshot import PAPER_ITEMS, PAPER_PAGES_KEY, paper_pages
from mediation_desktop.errors import MediationError
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.cases import owned_case
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.unit_of_work import UnitOfWork

MAX_PAGES = 999


def parse_paper_pages(values: list[str]) -> dict[str, int]:
    """``["identity=3", "evidence=2"]`` → {item: pages}; anything else is refused with a message."""
    out: dict[str, int] = {}
    for value in values:
        item, sep, pages = value.partition("=")
        item = item.strip()
        if not sep or item not in PAPER_ITEMS or not pages.strip().isdigit() or int(pages) > MAX_PAGES:
            raise MediationError("document.paper_pages_bad", value=value, items=", ".join(PAPER_ITEMS))
        out[item] = int(pages)
    return out


def case_file_pages(db: Database, case_id: uuid.UUID) -> dict[str, int]:
    """The paper items' pages entered so far (items not entered are absent)."""
    from mediation_desktop.documents.snapshot import _case

    with db.read_session() as s:
        return dict(paper_pages(_case(s, case_id).extra))


def set_case_file_pages(db: Database, actor: Actor, case_id: uuid.UUID, pages: dict[str, int]) -> dict[str, int]:
    """Record the pages of the paper items given (0 removes an item); returns every item's pages now."""
    for item, n in pages.items():
        if item not in PAPER_ITEMS or not 0 <= n <= MAX_PAGES:
            raise MediationError("document.paper_pages_bad", value=f"{item}={n}", items=", ".join(PAPER_ITEMS))
    with UnitOfWork(db, actor=actor.username, action="case.casefile_pages") as uow:
        case = owned_case(uow, case_id, actor)
        now = dict(paper_pages(case.extra))
        for item, n in pages.items():
            if n:
                now[item] = n
            else:
                now.pop(item, None)
        case.extra = {**(case.extra or {}), PAPER_PAGES_KEY: now}  # a new dict: the JSON column sees the change
        uow.commit()
        return now
