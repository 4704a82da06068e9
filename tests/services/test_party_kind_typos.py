"""个人 or 单位 from the number: a resident ID with one digit mistyped is still a person's ID, never read as an
organisation's credit code (about one such typo in 31 passes the credit code's check by chance)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mediation_desktop.domain.credit_code import check_credit_code
from mediation_desktop.domain.enums import PartyKind
from mediation_desktop.domain.resident_id import reads_as_resident_id, resident_id_check_digit
from mediation_desktop.services.parties import guess_party_kind, parse_party_list

#: DOMAIN.md's valid IDs, and the one a tester mistyped (…0021 passes the credit code's check).
IDS = ["11010519491231002X", "440524188001010014", "370101190102039973", "34052419800101001X",
       "330102195803120020"]
CREDIT_CODES = ["91350100M000100Y43", "914403001922038216"]


def _typos(number: str) -> list[str]:
    """Every number that differs from ``number`` in one character (a digit, or X in the last place)."""
    found = []
    for i, ch in enumerate(number):
        for other in "0123456789" + ("X" if i == 17 else ""):
            if other != ch:
                found.append(number[:i] + other + number[i + 1:])
    return found


def test_the_testers_number_passes_the_credit_check_yet_is_a_person():
    assert check_credit_code("330102195803120021").checksum_ok  # why it used to turn into 单位
    assert guess_party_kind("测试人", "330102195803120021") == PartyKind.PERSON


@pytest.mark.parametrize("number", IDS)
def test_no_single_typo_of_a_valid_id_is_an_organisation(number):
    assert guess_party_kind("测试人", number) == PartyKind.PERSON
    passing = 0
    for typo in _typos(number):
        assert guess_party_kind("测试人", typo) == PartyKind.PERSON, typo
        assert reads_as_resident_id(typo), typo
        passing += check_credit_code(typo).checksum_ok
    assert number != IDS[-1] or passing > 0  # some of them do pass the credit code's check


_ID = st.builds(
    lambda region, born, seq: region + born.strftime("%Y%m%d") + seq,
    st.text("0123456789", min_size=6, max_size=6),
    st.dates(date(1880, 1, 1), date(2020, 12, 31)),
    st.text("0123456789", min_size=3, max_size=3),
).map(lambda first17: first17 + resident_id_check_digit(first17))


@settings(max_examples=300, deadline=None)
@given(_ID, st.integers(0, 17), st.sampled_from("0123456789X"))
def test_a_typo_of_any_valid_id_is_never_an_organisation(number, place, char):
    if place < 17 and char == "X":
        char = "0"
    typo = number[:place] + char + number[place + 1:]
    assert guess_party_kind("测试人", typo) == PartyKind.PERSON
    assert guess_party_kind("", typo) == PartyKind.PERSON


@pytest.mark.parametrize("code", CREDIT_CODES)
def test_valid_credit_codes_are_still_organisations(code):
    assert not reads_as_resident_id(code)
    assert guess_party_kind("李四", code) == PartyKind.ORGANISATION
    assert guess_party_kind("兴旺养殖场", code) == PartyKind.ORGANISATION


def test_a_pasted_list_keeps_a_mistyped_id_as_an_id():
    rows = parse_party_list("测试人\t330102195803120021\t13800138000\t石桥村3组")
    assert rows[0]["id_number"] == "330102195803120021"
    assert guess_party_kind(rows[0]["name"], rows[0]["id_number"]) == PartyKind.PERSON


@pytest.mark.parametrize(("number", "reads"), [
    ("330102195803120021", True),   # check digit wrong
    ("330102195813120020", True),   # month 13: one digit of the date mistyped, the rest agrees
    ("330102195803120020", True),
    ("91350100M000100Y43", False),  # letters
    ("914403001922038216", False),  # no birth date within one digit
    ("33010219580312002", False),   # 17 characters
    ("3301021958031200Y0", False),
])
def test_reads_as_resident_id(number, reads):
    assert reads_as_resident_id(number) == reads
