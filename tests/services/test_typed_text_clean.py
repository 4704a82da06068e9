"""The roster, the screenings and the retention period hold typed text to the rule the case forms and bundles
follow (``domain.text``): the window and the command line refuse the same characters, naming the field, and
nothing is written."""

from __future__ import annotations

import datetime as dt

import pytest
from retention_cases import closed_case

from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services import retention, roster, screenings
from mediation_desktop.services.accounts import Actor
from mediation_desktop.storage.database import Database

HOSTILE = ["\u202e", "\u200b", "\x07", "\ufeff"]


def _refused(call: object, label: str) -> None:
    with pytest.raises(MediationError) as err:
        call()  # type: ignore[operator]
    assert err.value.key == "text.invisible"
    said = tr(err.value.key, "zh", **err.value.params)
    assert label in said and "\n" not in said


@pytest.mark.parametrize("char", HOSTILE)
def test_the_roster_refuses_a_hostile_name(db: Database, director: Actor, char: str) -> None:
    _refused(lambda: roster.add_mediator(db, director, roster.MediatorInput(f"王{char}建国")), "调解员姓名")
    assert roster.list_mediators(db) == []


@pytest.mark.parametrize("char", HOSTILE)
@pytest.mark.parametrize(("field", "label"), [("place", "排查地点"), ("screened_by", "排查人"), ("note", "排查备注"),
                                              ("finding", "排查发现的纠纷")])
def test_a_screening_refuses_hostile_text(db: Database, director: Actor, char: str, field: str, label: str) -> None:
    values = {"place": "三组", "screened_by": "王建国", "note": "走访"}
    finding = "宅基地纠纷"
    if field == "finding":
        finding = f"宅基{char}地纠纷"
    else:
        values[field] = f"{values[field][:1]}{char}{values[field][1:]}"
    data = screenings.ScreeningInput(dt.date(2026, 5, 1), values["place"], values["screened_by"], note=values["note"],
                                     findings=[screenings.FindingInput(finding)])
    _refused(lambda: screenings.add_screening(db, director, data, today=dt.date(2026, 5, 2)), label)
    assert screenings.list_screenings(db) == []


@pytest.mark.parametrize("char", HOSTILE)
def test_a_retention_reason_is_clean_text(db: Database, director: Actor, char: str) -> None:
    old = closed_case(db, director, "张三", dt.date(2010, 3, 1), None)
    _refused(lambda: retention.set_period(db, director, old.case_id, "永久", reason=f"补{char}定"), "理由")
    _refused(lambda: retention.purge_case(db, director, old.case_id, reason=f"到{char}期"), "理由")
    assert retention.set_period(db, director, old.case_id, "永久", reason="补定") == "永久"
