"""A person party's 法定代理人: their 身份证号码, phone and address, checked like the party's own and stored."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from mediation_desktop.domain.enums import PartyKind, PartyRole
from mediation_desktop.domain.resident_id import resident_id_check_digit
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services.cases import CaseInput, register_case, update_case
from mediation_desktop.services.health import check
from mediation_desktop.services.parties import PartyInput, check_party
from mediation_desktop.storage.models import Party


def _id(first17: str) -> str:
    return first17 + resident_id_check_digit(first17)


CHILD = _id("33010220120605004")  # 李小明, born 2012-06-05
MOTHER = _id("33010219850312002")  # 李红, born 1985-03-12


def _minor(**guardian: str | None) -> PartyInput:
    return PartyInput("李小明", role=PartyRole.RESPONDENT, id_number=CHILD, representative="李红",
                      representative_title="母亲", **guardian)  # type: ignore[arg-type]


def _parties(db, case_id) -> list[Party]:
    with db.read_session() as s:
        return list(s.scalars(select(Party).where(Party.case_id == case_id, Party.deleted_at.is_(None))
                              .order_by(Party.position)))


def test_the_guardians_id_phone_and_address_are_checked_and_stored_in_their_stored_form():
    checked = check_party(_minor(representative_id_number=" " + MOTHER.lower() + " ",
                                 representative_phone="139 0013 9000", representative_address=" 石桥村三组14号 "))
    assert checked.values["representative_id_number"] == MOTHER.upper()
    assert checked.values["representative_phone"] == "13900139000"
    assert checked.values["representative_address"] == "石桥村三组14号"
    assert "party.minor" not in checked.warnings


@pytest.mark.parametrize(("guardian", "key", "says"), [
    ({"representative_id_number": MOTHER[:-1] + ("1" if MOTHER[-1] != "1" else "2")}, "party.guardian_id",
     "法定代理人的身份证号码：身份证号码最后一位校验码不对"),
    ({"representative_id_number": "3301021985"}, "party.guardian_id", "法定代理人的身份证号码：身份证号码"),
    ({"representative_phone": "12345"}, "party.guardian_phone", "法定代理人的电话：电话号码不对"),
    ({"representative_address": "石桥村\n三组"}, None, "法定代理人住址"),
    ({"representative_address": "村" * 301}, "party.too_long", "法定代理人住址太长"),
])
def test_a_wrong_guardians_id_phone_or_address_is_refused_with_one_line_naming_the_guardian(guardian, key, says):
    with pytest.raises(MediationError) as caught:
        check_party(_minor(**guardian))
    if key is not None:
        assert caught.value.key == key
    message = tr(caught.value.key, "zh", **caught.value.params)
    assert says in message and "\n" not in message


def test_a_guardians_contact_without_the_guardians_name_is_refused():
    with pytest.raises(MediationError) as caught:
        check_party(PartyInput("李小明", id_number=CHILD, representative_phone="13900139000"))
    assert caught.value.key == "party.guardian_contact"
    assert "法定代理人姓名" in tr(caught.value.key, "zh", **caught.value.params)


def test_an_organisation_keeps_no_guardians_contact():
    """An organisation's 法定代表人 is printed by name and post only (its phone and address are the unit's own)."""
    checked = check_party(PartyInput("某某酒业有限公司", kind=PartyKind.ORGANISATION, representative="周某",
                                     representative_title="经理", representative_id_number=MOTHER,
                                     representative_phone="13900139000", representative_address="某地"))
    assert [checked.values[k] for k in ("representative_id_number", "representative_phone",
                                        "representative_address")] == [None, None, None]


def test_a_registered_guardian_is_stored_kept_by_a_correction_that_leaves_it_out_and_sealed(db, director):
    data = CaseInput("neighbour", [PartyInput("张三"), _minor(representative_id_number=MOTHER,
                                                              representative_phone="13900139000",
                                                              representative_address="石桥村三组14号")])
    case_id = register_case(db, director, data).case_id
    stored = _parties(db, case_id)[1]
    assert (stored.representative_id_number, stored.representative_phone, stored.representative_address) == (
        MOTHER, "13900139000", "石桥村三组14号")
    # a correction that does not give them (keep_unset) keeps them; one that clears them clears them
    ids = [p.id for p in _parties(db, case_id)]
    again = dataclasses.replace(data, parties=[dataclasses.replace(data.parties[0], party_id=ids[0]),
                                               PartyInput("李小明", role=PartyRole.RESPONDENT, id_number=CHILD,
                                                          party_id=ids[1])])
    update_case(db, director, case_id, again)
    assert _parties(db, case_id)[1].representative_id_number == MOTHER
    cleared = dataclasses.replace(again, parties=[again.parties[0], dataclasses.replace(
        again.parties[1], representative_phone="", keep_unset=False, representative="李红")])
    update_case(db, director, case_id, cleared)
    kept = _parties(db, case_id)[1]
    assert kept.representative_phone is None and kept.representative_id_number is None
    assert check(db) == []


def test_a_case_is_found_by_its_guardians_phone_and_id_number_as_by_a_partys(db, director):
    from mediation_desktop.services.search import search_case_ids

    other = register_case(db, director, CaseInput("neighbour", [PartyInput("王五"), PartyInput("赵六")])).case_id
    case_id = register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), _minor(
        representative_id_number=MOTHER, representative_phone="13900139000")])).case_id
    for fragment in ("1390013", "9000", MOTHER[:10], MOTHER[-6:]):
        assert search_case_ids(db, fragment) == [case_id], fragment
    assert other not in search_case_ids(db, "张三")
