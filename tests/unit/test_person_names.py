"""The spaces typed into a person's name: none inside a Chinese name, one elsewhere."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediation_desktop.domain.person_names import tidy_person_name


@pytest.mark.parametrize(("typed", "kept"), [
    ("张  三", "张三"), ("李\u3000四", "李四"), (" 李 秀英 ", "李秀英"), ("王\t五", "王五"), ("欧阳 娜娜", "欧阳娜娜"),
    ("𠮷 田", "𠮷田"), ("Ma  Li", "Ma Li"), ("阿依古丽·买买提", "阿依古丽·买买提"), ("阿依古丽 Ayguli", "阿依古丽 Ayguli"),
    ("", ""), (None, ""), ("   ", ""),
])
def test_a_typed_name_is_kept_without_its_padding(typed, kept):
    assert tidy_person_name(typed) == kept


@given(st.lists(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=2, max_size=4),
       st.lists(st.sampled_from([" ", "  ", "\u3000", "\t", ""]), min_size=5, max_size=5))
def test_spaces_anywhere_in_a_chinese_name_leave_the_same_name(chars, spaces):
    name = "".join(chars)
    padded = "".join(s + c for s, c in zip(spaces, chars, strict=False)) + spaces[-1]
    assert tidy_person_name(padded) == name
    assert tidy_person_name(tidy_person_name(padded)) == name


@pytest.mark.parametrize("typed", ["买买提•艾力", "买买提・艾力", "买买提‧艾力", "买买提･艾力", "买买提∙艾力", "买买提⋅艾力",
                                   "买买提.艾力", "买买提．艾力", "买买提 · 艾力", "买买提 • 艾力", "买买提·艾力"])
def test_a_look_alike_middle_dot_is_the_id_cards(typed):
    """The 身份证 prints 「买买提·艾力」 with U+00B7: a name typed with another dot is the same person's."""
    assert tidy_person_name(typed) == "买买提\u00b7艾力"


@pytest.mark.parametrize("typed", ["J. Smith", "St. 张", "3.5", "Ma Li"])
def test_a_full_stop_outside_a_chinese_name_is_kept(typed):
    assert tidy_person_name(typed) == typed


def test_registration_keeps_the_id_cards_dot(db, director):
    from mediation_desktop.domain.enums import PartyRole
    from mediation_desktop.services import cases
    from mediation_desktop.services.parties import PartyInput
    from mediation_desktop.storage.models import Party

    reg = cases.register_case(db, director, cases.CaseInput("neighbour", [
        PartyInput("买买提・艾力", representative="阿依古丽•买买提", representative_title="母亲", age=12),
        PartyInput("李四", role=PartyRole.RESPONDENT)], summary="测试。"))
    with db.read_session() as s:
        party = s.query(Party).filter(Party.case_id == reg.case_id, Party.position == 0).one()
        assert (party.name, party.representative) == ("买买提\u00b7艾力", "阿依古丽\u00b7买买提")
