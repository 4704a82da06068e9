"""A person's 法定代理人 (a minor's guardian): kept in the party's representative columns, checked like a name,
and the minor's warning says whether one is still missing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from mediation_desktop.domain.enums import PartyKind, PartyRole
from mediation_desktop.domain.limits import ADULT_AGE
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services.cases import CaseInput, register_case, update_case
from mediation_desktop.services.parties import PartyInput, check_party
from mediation_desktop.storage.models import Party

DAY = dt.date(2026, 11, 22)
CHILD_ID = "110105201203040015"  # born 2012-03-04: fourteen on DAY


def _parties(db, case_id) -> list[Party]:
    with db.read_session() as s:
        return list(s.scalars(select(Party).where(Party.case_id == case_id, Party.deleted_at.is_(None))
                              .order_by(Party.position)))


def test_a_minor_without_a_legal_representative_is_warned_and_with_one_is_not():
    assert check_party(PartyInput("张小明", id_number=CHILD_ID), today=DAY).warnings == ["party.minor"]
    assert check_party(PartyInput("张小明", age=ADULT_AGE - 1), today=DAY).warnings == ["party.minor"]
    checked = check_party(PartyInput("张小明", id_number=CHILD_ID, representative=" 张大山 ",
                                     representative_title="父亲"), today=DAY)
    assert checked.warnings == []
    assert (checked.values["representative"], checked.values["representative_title"]) == ("张大山", "父亲")
    assert "法定代理人" in tr("party.minor", "zh")


def test_an_adult_may_have_a_legal_representative_without_a_warning():
    """An adult of limited capacity (限制民事行为能力人) acts through a guardian too."""
    checked = check_party(PartyInput("李老汉", age=82, representative="李国庆", representative_title="儿子，监护人"),
                          today=DAY)
    assert checked.warnings == []
    assert checked.values["representative"] == "李国庆"


def test_a_relation_without_the_legal_representatives_name_is_refused_naming_the_field():
    with pytest.raises(MediationError) as err:
        check_party(PartyInput("张小明", id_number=CHILD_ID, representative="  ", representative_title="母亲"),
                    today=DAY)
    assert (err.value.key, err.value.params["field"]) == ("party.guardian_name", "representative")
    line = tr(err.value.key, "zh", **err.value.params)
    assert "法定代理人姓名" in line and "母亲" in line and "\n" not in line
    # a unit's post without its representative's name stays allowed (as before)
    unit = check_party(PartyInput("兴旺养殖场", kind=PartyKind.ORGANISATION, representative_title="场长"), today=DAY)
    assert unit.values["representative_title"] == "场长"


@pytest.mark.parametrize(("kind", "words"), [(PartyKind.PERSON, "法定代理人姓名"),
                                             (PartyKind.ORGANISATION, "法定代表人")])
def test_the_representatives_name_is_checked_like_a_name_and_named_by_the_partys_kind(kind, words):
    with pytest.raises(MediationError) as err:
        check_party(PartyInput("张小明", kind=kind, representative="张\u202e大山"), today=DAY)
    assert err.value.key == "text.invisible" and err.value.params["field"] == "representative"
    assert words in tr(err.value.key, "zh", **err.value.params)
    with pytest.raises(MediationError) as err:
        check_party(PartyInput("张小明", kind=kind, representative="张" * 51), today=DAY)
    assert err.value.key == "party.too_long" and err.value.params["field"] == "representative"
    line = tr(err.value.key, "zh", **err.value.params)
    assert words in line and "50" in line and "51" in line
    with pytest.raises(MediationError) as err:
        check_party(PartyInput("张小明", kind=kind, representative="张大山", representative_title="父" * 51), today=DAY)
    assert err.value.params["field"] == "representative_title"
    if kind == PartyKind.PERSON:
        assert "法定代理人与当事人关系" in tr(err.value.key, "zh", **err.value.params)


def test_registration_keeps_a_persons_legal_representative_and_says_what_is_missing(db, director):
    reg = register_case(db, director, CaseInput("neighbour", [
        PartyInput("张小明", id_number=CHILD_ID, representative="张大山", representative_title="父亲"),
        PartyInput("李小红", role=PartyRole.RESPONDENT, age=12),
    ], registered_on=DAY), today=DAY)
    assert reg.warnings == ("party.minor",)  # 李小红 has none yet
    ming, hong = _parties(db, reg.case_id)
    assert (ming.kind, ming.representative, ming.representative_title) == (PartyKind.PERSON, "张大山", "父亲")
    # a correction that leaves the guardian out (None) keeps it, and then it is not missing
    warnings = update_case(db, director, reg.case_id, CaseInput("neighbour", [
        PartyInput("张小明", id_number=CHILD_ID, party_id=ming.id),
        PartyInput("李小红", role=PartyRole.RESPONDENT, age=12, party_id=hong.id, representative="李建国",
                   representative_title="父亲"),
    ], registered_on=DAY), today=DAY)
    assert warnings == ()
    ming, hong = _parties(db, reg.case_id)
    assert (ming.representative, hong.representative, hong.representative_title) == ("张大山", "李建国", "父亲")
