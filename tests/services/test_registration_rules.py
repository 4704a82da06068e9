"""Rules of a registration and its correction: party kind, sides, dates, titles, and keeping stored fields."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from mediation_desktop.domain.china_time import china_today
from mediation_desktop.domain.enums import IdType, PartyKind, PartyRole
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services.cases import CaseInput, check_sides, default_title, register_case, update_case
from mediation_desktop.services.parties import PartyInput, guess_party_kind, looks_like_organisation
from mediation_desktop.storage.models import AuditEntry, Case, CaseNumberCounter, Party

APPLICANT, RESPONDENT, THIRD = PartyRole.APPLICANT, PartyRole.RESPONDENT, PartyRole.THIRD_PARTY
FARM_CODE = "914403001922038216"  # all digits, valid by GB 32100 (DOMAIN.md's own example)


def _count(db, model) -> int:
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(model))


def _parties(db, case_id) -> list[Party]:
    with db.read_session() as s:
        return list(s.scalars(select(Party).where(Party.case_id == case_id, Party.deleted_at.is_(None))
                              .order_by(Party.position)))


# ---- 个人 or 单位
@pytest.mark.parametrize(("name", "number", "kind"), [
    ("兴旺养殖场", FARM_CODE, PartyKind.ORGANISATION),  # the reviewer's case: digits, but a valid credit code
    ("李四", FARM_CODE, PartyKind.ORGANISATION),  # the number alone says so
    ("某某房地产开发有限公司", "91350100M000100Y43", PartyKind.ORGANISATION),
    ("某酒业公司", "91350100M000100Y44", PartyKind.ORGANISATION),  # credit code with a bad check: still a unit
    ("张三", "11010519491231002X", PartyKind.PERSON),
    ("张三", "110105194912310021", PartyKind.PERSON),  # a mistyped resident ID stays a resident ID
    ("张建社", "", PartyKind.PERSON),  # 建社 is a common given name, not a 合作社
    ("兴旺养殖场", "", PartyKind.ORGANISATION),
    ("青山村村民委员会", "", PartyKind.ORGANISATION),
    ("王五", "", PartyKind.PERSON),
])
def test_guess_party_kind(name, number, kind):
    assert guess_party_kind(name, number) == kind
    assert looks_like_organisation(name, number) == (kind == PartyKind.ORGANISATION)


def test_a_farm_with_an_all_digit_credit_code_registers(db, director):
    farm = PartyInput("兴旺养殖场", role=RESPONDENT, kind=guess_party_kind("兴旺养殖场", FARM_CODE), id_number=FARM_CODE)
    reg = register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), farm], require_sides=True))
    stored = _parties(db, reg.case_id)[1]
    assert (stored.kind, stored.id_type, stored.id_number) == (PartyKind.ORGANISATION, IdType.CREDIT_CODE, FARM_CODE)
    assert reg.warnings == ()


# ---- a dispute is between sides
def test_check_sides():
    check_sides([APPLICANT, RESPONDENT])
    check_sides([APPLICANT, APPLICANT, RESPONDENT, THIRD])
    for roles in ([APPLICANT], [APPLICANT, APPLICANT], [RESPONDENT, THIRD], []):
        with pytest.raises(MediationError) as err:
            check_sides(roles)
        assert err.value.key == "case.sides"
    assert "申请人" in tr("case.sides") and "被申请人" in tr("case.sides")


def test_one_sided_registration_is_refused_when_the_form_asks(db, director):
    with pytest.raises(MediationError) as err:
        register_case(db, director, CaseInput("neighbour", [PartyInput("孤单一人")], require_sides=True))
    assert err.value.key == "case.sides"
    with pytest.raises(MediationError) as err:
        register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")], require_sides=True))
    assert err.value.key == "case.sides"
    assert _count(db, Case) == 0 and _count(db, CaseNumberCounter) == 0


# ---- titles
def test_default_title_follows_the_roles():
    names = ["张三", "李四", "兴旺养殖场"]
    assert default_title(names, "邻里", [APPLICANT, APPLICANT, RESPONDENT]) == "张三、李四与兴旺养殖场邻里纠纷"
    assert default_title(["王五", "张三", "李四"], "邻里", [RESPONDENT, APPLICANT, THIRD]) == "张三与王五邻里纠纷"
    households = [f"住户{i}" for i in range(1, 669)] + ["某某房地产开发有限公司"]
    assert default_title(households, "物业", [APPLICANT] * 668 + [RESPONDENT]) == "住户1、住户2等与某某房地产开发有限公司物业纠纷"
    # without roles, or without both sides: as before
    assert default_title(["张三", "李四"], "邻里") == "张三与李四邻里纠纷"
    assert default_title(["张三", "李四"], "邻里", [APPLICANT, APPLICANT]) == "张三与李四邻里纠纷"


def test_registered_title_puts_applicants_against_respondents(db, director):
    reg = register_case(db, director, CaseInput("neighbour", [
        PartyInput("张三"), PartyInput("李四"), PartyInput("兴旺养殖场", role=RESPONDENT, kind=PartyKind.ORGANISATION,
                                                         id_number=FARM_CODE)]))
    with db.read_session() as s:
        assert s.get(Case, reg.case_id).title == "张三、李四与兴旺养殖场邻里纠纷"


def test_correction_retitles_a_generated_title_by_roles(db, director):
    reg = register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四", role=RESPONDENT)]))
    zhang, li = _parties(db, reg.case_id)
    update_case(db, director, reg.case_id, CaseInput("neighbour", [
        PartyInput("张三", party_id=zhang.id), PartyInput("王五"), PartyInput("李四", role=RESPONDENT, party_id=li.id)]))
    with db.read_session() as s:
        assert s.get(Case, reg.case_id).title == "张三、王五与李四邻里纠纷"


# ---- dates and category
def test_a_future_registration_date_is_refused_and_starts_no_number_series(db, director):
    today = dt.date(2026, 12, 2)
    audit_before = _count(db, AuditEntry)
    with pytest.raises(MediationError) as err:
        register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四", role=RESPONDENT)],
                                              registered_on=dt.date(2030, 1, 1)), today=today)
    assert err.value.key == "case.future_date"
    assert "2030-01-01" in tr(err.value.key, **err.value.params)
    with db.read_session() as s:
        assert s.get(CaseNumberCounter, 2030) is None
    assert (_count(db, Case), _count(db, AuditEntry)) == (0, audit_before)
    reg = register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四", role=RESPONDENT)],
                                                registered_on=today), today=today)
    assert reg.case_no.startswith("（2026）")


def test_a_correction_cannot_move_the_date_into_the_future(db, director):
    reg = register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四", role=RESPONDENT)]))
    with pytest.raises(MediationError) as err:
        update_case(db, director, reg.case_id, CaseInput("neighbour", [PartyInput("张三")],
                                                         registered_on=china_today() + dt.timedelta(days=1)))
    assert err.value.key == "case.future_date"


def test_the_category_must_be_chosen(db, director):
    with pytest.raises(MediationError) as err:
        register_case(db, director, CaseInput("", [PartyInput("张三"), PartyInput("李四", role=RESPONDENT)]))
    assert err.value.key == "case.category_missing" and tr(err.value.key) == "请选择纠纷类型。"
    assert _count(db, Case) == 0


# ---- which party is wrong
def test_a_party_error_says_which_party_and_which_field(db, director):
    parties = [PartyInput("张三", id_number="11010519491231002X"), PartyInput("李四", role=RESPONDENT, phone="12345"),
               PartyInput("王五", id_number="110105194902310021", role=THIRD)]
    with pytest.raises(MediationError) as err:
        register_case(db, director, CaseInput("neighbour", parties))
    assert err.value.key == "phone.invalid"
    assert (err.value.params["party_index"], err.value.params["party_name"], err.value.params["field"]) == (
        1, "李四", "phone")
    parties[1].phone = None
    with pytest.raises(MediationError) as err:
        register_case(db, director, CaseInput("neighbour", parties))
    assert (err.value.key, err.value.params["party_index"], err.value.params["field"]) == (
        "id.birth_date", 2, "id_number")


def test_sex_and_age_are_checked(db, director):
    for party, key in ((PartyInput("张三", sex="unknown"), "party.sex"), (PartyInput("张三", age=200), "party.age")):
        with pytest.raises(MediationError) as err:
            register_case(db, director, CaseInput("neighbour", [party, PartyInput("李四", role=RESPONDENT)]))
        assert err.value.key == key
    reg = register_case(db, director, CaseInput("neighbour", [PartyInput("张三", sex="男", age=67),
                                                              PartyInput("李四", role=RESPONDENT)]))
    assert (_parties(db, reg.case_id)[0].sex, _parties(db, reg.case_id)[0].age) == ("male", 67)


# ---- a correction never loses stored fields
def _full_case(db, director):
    """A case with every field of every party filled, registered three years ago (age then: 36)."""
    day = dt.date(2023, 6, 1)
    return register_case(db, director, CaseInput("neighbour", [
        PartyInput("张三", id_number="110105198612150018", phone="13800138000", address="石桥村3组", ethnicity="汉族",
                   occupation="农民"),
        PartyInput("李四", role=RESPONDENT, sex="female", age=52, ethnicity="回族", occupation="个体户"),
        PartyInput("兴旺养殖场", role=RESPONDENT, kind=PartyKind.ORGANISATION, id_number=FARM_CODE,
                   representative="王兴旺", representative_title="场长", address="石桥村5组")],
        registered_on=day), today=day)


FIELDS = ("name", "kind", "sex", "ethnicity", "birth_date", "age", "occupation", "phone", "address", "id_type",
          "id_number", "representative", "representative_title")


def _snapshot(db, case_id):
    return [tuple(getattr(p, f) for f in FIELDS) for p in _parties(db, case_id)]


def test_a_correction_given_only_names_ids_phones_keeps_every_other_field(db, director):
    reg = _full_case(db, director)
    before = _snapshot(db, reg.case_id)
    assert before[0][5] == 36 and before[0][3] == "汉族" and before[2][11] == "王兴旺"
    ps = _parties(db, reg.case_id)
    # what the old form sent: name, role, kind, ID, phone, address — and nothing of the rest
    update_case(db, director, reg.case_id, CaseInput("neighbour", [
        PartyInput(p.name, role=p.role, kind=p.kind, id_type=p.id_type if p.id_number else None,
                   id_number=p.id_number, phone=p.phone, address=p.address, party_id=p.id) for p in ps],
        summary="（补充）"))
    assert _snapshot(db, reg.case_id) == before  # 民族, 职业, 年龄 (not re-derived today), 代表人, 职务 all kept


def test_a_form_that_gives_every_field_can_clear_one(db, director):
    reg = _full_case(db, director)
    zhang, li, farm = _parties(db, reg.case_id)
    update_case(db, director, reg.case_id, CaseInput("neighbour", [
        PartyInput("张三", id_number=zhang.id_number, ethnicity="", occupation="退休教师", party_id=zhang.id,
                   keep_unset=False),
        PartyInput("李四", role=RESPONDENT, sex="", age=None, ethnicity="回族", occupation="", party_id=li.id,
                   keep_unset=False),
        PartyInput("兴旺养殖场", role=RESPONDENT, kind=PartyKind.ORGANISATION, id_number=FARM_CODE,
                   representative="王兴旺", representative_title="", party_id=farm.id, keep_unset=False)]))
    zhang2, li2, farm2 = _parties(db, reg.case_id)
    assert (zhang2.ethnicity, zhang2.occupation, zhang2.age, zhang2.sex) == (None, "退休教师", 36, "male")
    assert (li2.sex, li2.age, li2.ethnicity, li2.occupation) == (None, None, "回族", None)
    assert (farm2.representative, farm2.representative_title) == ("王兴旺", None)


def test_a_new_id_number_derives_sex_and_age_afresh(db, director):
    reg = _full_case(db, director)
    zhang = _parties(db, reg.case_id)[0]
    update_case(db, director, reg.case_id, CaseInput("neighbour", [
        PartyInput("张三", id_number="11010519491231002X", party_id=zhang.id)]), today=dt.date(2026, 12, 2))
    after = _parties(db, reg.case_id)[0]
    assert (after.sex, after.birth_date, after.age, after.ethnicity) == ("female", dt.date(1949, 12, 31), 76, "汉族")
