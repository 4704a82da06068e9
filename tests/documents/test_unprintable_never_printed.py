"""A character no embedded font draws never reaches a legal document: typed into a party name or the summary it
is refused at the service (one line naming it), so the 申请书 read back from the PDF holds every character it was
given and nothing that printed as an empty box."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import text

from mediation_desktop.documents.fonts import font_set
from mediation_desktop.documents.registry import render_document
from mediation_desktop.domain.enums import PartyRole
from mediation_desktop.errors import MediationError
from mediation_desktop.services import cases
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.database import Database

TODAY = dt.date(2026, 12, 5)


def _input(applicant: str, summary: str = "排水沟堵塞，双方争执。") -> cases.CaseInput:
    return cases.CaseInput("neighbour", [PartyInput(applicant, phone="13800138000"),
                                         PartyInput("王五", role=PartyRole.RESPONDENT)],
                           summary=summary, registered_on=TODAY)


def _rows(db: Database) -> tuple[int, int]:
    with db.engine.connect() as conn:
        return (conn.execute(text("SELECT count(*) FROM mediation_case")).scalar_one(),
                conn.execute(text("SELECT count(*) FROM party")).scalar_one())


@pytest.mark.parametrize(("name", "summary"), [("李😀四", "排水沟堵塞。"), ("李❤\ufe0f四", "排水沟堵塞。"),
                                               ("李四", "排水沟堵塞😀，双方争执。"), ("李\ue000四", "排水沟堵塞。"),
                                               ("李\uffff四", "排水沟堵塞。")])
def test_a_character_no_font_draws_is_refused_and_never_printed(
        db: Database, director: Actor, pdf_text: Callable[[bytes], list[str]], name: str, summary: str) -> None:
    before = _rows(db)
    with pytest.raises(MediationError) as err:
        cases.register_case(db, director, _input(name, summary), today=TODAY)
    assert err.value.key in ("text.unprintable", "text.not_a_character")
    assert _rows(db) == before  # (nothing written)

    reg = cases.register_case(db, director, _input("李四"), today=TODAY)  # as the message asks: without it
    with pytest.raises(MediationError):  # nor by a correction afterwards
        cases.update_case(db, director, reg.case_id, dataclasses.replace(_input(name, summary)), today=TODAY)
    pdf = render_document(db, "application", reg.case_id, today=TODAY)
    page = "".join(pdf_text(pdf))
    assert "李四" in page and "排水沟堵塞" in page
    assert font_set().missing(page) == ""  # every character read back is one a font draws
    for ch in (set(name) | set(summary)) - set("李四排水沟堵塞，双方争执。"):
        assert ch not in page
