"""居民身份证 checks (GB 11643-1999)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediation_desktop.domain.china_time import china_today
from mediation_desktop.domain.resident_id import (
    CHECK_CHARS,
    ERROR_KEYS,
    PROVINCE_CODES,
    WARNING_KEYS,
    Sex,
    check_resident_id,
    normalise_resident_id,
    resident_id_check_digit,
)

TODAY = date(2024, 6, 15)

VALID = [
    ("11010519491231002X", date(1949, 12, 31), Sex.FEMALE),
    ("440524188001010014", date(1880, 1, 1), Sex.MALE),
    ("370101190102039973", date(1901, 2, 3), Sex.MALE),
    ("34052419800101001X", date(1980, 1, 1), Sex.MALE),
]


def make_id(region: str, born: str, seq: str) -> str:
    first17 = region + born + seq
    return first17 + resident_id_check_digit(first17)


@pytest.mark.parametrize(("number", "born", "sex"), VALID)
def test_valid_examples(number: str, born: date, sex: Sex) -> None:
    result = check_resident_id(number)
    assert result.valid
    assert result.error is None
    assert result.number == number
    assert result.birth_date == born
    assert result.sex is sex
    assert not result.upgraded_from_15
    assert result.warnings == ()
    assert result.raw == number


def test_check_digit_of_examples() -> None:
    for number, _, _ in VALID:
        assert resident_id_check_digit(number[:17]) == number[17]


@given(st.from_regex(r"[0-9]{17}", fullmatch=True))
def test_check_digit_is_iso_7064_mod_11_2(first17: str) -> None:
    # Independent of the module: weights 2^(18-i) mod 11, X = 10; the full sum is 1 mod 11.
    number = first17 + resident_id_check_digit(first17)
    values = [10 if ch == "X" else int(ch) for ch in number]
    assert sum(v * pow(2, 17 - i, 11) for i, v in enumerate(values)) % 11 == 1


@pytest.mark.parametrize("bad", ["", "123", "1234567890123456", "abcdefghijklmnopq"])
def test_check_digit_rejects_bad_input(bad: str) -> None:
    with pytest.raises(ValueError):
        resident_id_check_digit(bad)


@pytest.mark.parametrize(
    "raw",
    [
        "11010519491231002x",
        " 110105 19491231 002X ",
        "１１０１０５１９４９１２３１００２Ｘ",
        "１１０１０５１９４９１２３１００２ｘ",
        "110105\u300019491231002X",
    ],
)
def test_normalisation(raw: str) -> None:
    result = check_resident_id(raw)
    assert result.valid, result
    assert result.number == "11010519491231002X"
    assert result.raw == raw


@pytest.mark.parametrize(("number", "_born", "_sex"), VALID)
def test_every_wrong_check_digit_is_rejected(number: str, _born: date, _sex: Sex) -> None:
    for wrong in CHECK_CHARS:
        if wrong == number[17]:
            continue
        result = check_resident_id(number[:17] + wrong)
        assert not result.valid
        assert result.error == "id.checksum"
        assert result.birth_date is None and result.sex is None


def test_upgrade_from_15_digits() -> None:
    result = check_resident_id("110105491231002")
    assert result.valid
    assert result.upgraded_from_15
    assert result.number == "11010519491231002X"
    assert result.birth_date == date(1949, 12, 31)
    assert result.sex is Sex.FEMALE


def test_upgrade_from_15_digits_male_and_bad_date() -> None:
    male = check_resident_id("440524800101001")
    assert male.valid and male.sex is Sex.MALE and male.upgraded_from_15
    assert male.number == "44052419800101001" + resident_id_check_digit("44052419800101001")
    bad = check_resident_id("110105490230002")  # 1949-02-30
    assert not bad.valid and bad.error == "id.birth_date" and bad.upgraded_from_15


def test_15_digits_with_x_is_rejected() -> None:
    assert check_resident_id("11010549123100X").error == "id.chars"


def test_feb_29() -> None:
    assert check_resident_id(make_id("110105", "19990229", "001")).error == "id.birth_date"
    assert check_resident_id(make_id("110105", "19000229", "001")).error == "id.birth_date"
    leap = check_resident_id(make_id("110105", "20000229", "001"))
    assert leap.valid and leap.birth_date == date(2000, 2, 29)


@pytest.mark.parametrize("born", ["19491301", "19490001", "19491232", "19490431", "00000000"])
def test_impossible_dates(born: str) -> None:
    assert check_resident_id(make_id("110105", born, "002")).error == "id.birth_date"


def test_future_birth_date() -> None:
    assert check_resident_id(make_id("110105", "20240616", "002"), today=TODAY).error == "id.birth_date"
    assert check_resident_id(make_id("110105", "20240615", "002"), today=TODAY).valid
    tomorrow = china_today() + timedelta(days=1)
    later = make_id("110105", tomorrow.strftime("%Y%m%d"), "002")
    assert check_resident_id(later).error == "id.birth_date"


def test_too_early_birth_date() -> None:
    assert check_resident_id(make_id("110105", "18791231", "002")).error == "id.birth_date"
    assert check_resident_id(make_id("110105", "18800101", "002")).valid


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("", "id.empty"),
        ("   ", "id.empty"),
        ("11010519491231002", "id.length"),
        ("1101051949123100211", "id.length"),
        ("11010519491231002X1", "id.chars"),
        ("1101051949123100", "id.length"),
        ("11010519491231002Y", "id.chars"),
        ("1101051949123100X2", "id.chars"),
        ("11010519491231-02X", "id.chars"),
        ("X1010519491231002X", "id.chars"),
    ],
)
def test_errors(raw: str, key: str) -> None:
    result = check_resident_id(raw)
    assert not result.valid
    assert result.error == key
    assert key in ERROR_KEYS


def test_warnings_do_not_invalidate() -> None:
    unknown = check_resident_id(make_id("100105", "19800101", "001"))
    assert unknown.valid and unknown.warnings == ("id.region_unknown",)
    foreign = check_resident_id(make_id("910105", "19800101", "001"))
    assert foreign.valid and foreign.warnings == ("id.foreign_resident",)
    both = check_resident_id(make_id("930105", "19800101", "001"))
    assert both.valid and set(both.warnings) == {"id.region_unknown", "id.foreign_resident"}
    assert set(both.warnings) <= WARNING_KEYS


def test_province_codes() -> None:
    for code in ["11", "15", "21", "23", "31", "37", "41", "46", "50", "54", "61", "65", "71", "81", "83"]:
        assert code in PROVINCE_CODES
    for code in ["10", "16", "20", "24", "38", "47", "55", "66", "72", "84", "90", "92"]:
        assert code not in PROVINCE_CODES


def test_age_on() -> None:
    result = check_resident_id("11010519491231002X")
    assert result.age_on(date(2024, 12, 30)) == 74
    assert result.age_on(date(2024, 12, 31)) == 75
    assert result.age_on(date(1949, 12, 31)) == 0
    assert result.age_on(date(1949, 12, 30)) is None
    assert check_resident_id("bad").age_on(TODAY) is None
    leap = check_resident_id(make_id("110105", "20000229", "001"))
    assert leap.age_on(date(2001, 2, 28)) == 0
    assert leap.age_on(date(2001, 3, 1)) == 1


def test_normalise_keeps_invalid_text() -> None:
    assert normalise_resident_id(" ab x ") == "abX"
    assert check_resident_id(" 1234 ").number == "1234"


@st.composite
def valid_numbers(draw: st.DrawFn) -> str:
    region = draw(st.sampled_from(sorted(PROVINCE_CODES))) + draw(st.from_regex(r"[0-9]{4}", fullmatch=True))
    born = draw(st.dates(min_value=date(1880, 1, 1), max_value=TODAY))
    seq = draw(st.from_regex(r"[0-9]{3}", fullmatch=True))
    return make_id(region, born.strftime("%Y%m%d"), seq)


@given(valid_numbers())
def test_generated_numbers_are_valid(number: str) -> None:
    result = check_resident_id(number, today=TODAY)
    assert result.valid, result
    assert result.sex is (Sex.MALE if int(number[16]) % 2 else Sex.FEMALE)
    assert result.birth_date is not None
    assert result.birth_date.strftime("%Y%m%d") == number[6:14]


@given(valid_numbers(), st.integers(0, 16), st.integers(1, 9))
def test_any_single_digit_error_is_caught(number: str, pos: int, delta: int) -> None:
    wrong = str((int(number[pos]) + delta) % 10)
    typo = number[:pos] + wrong + number[pos + 1 :]
    assert not check_resident_id(typo, today=TODAY).valid


@given(valid_numbers(), st.integers(0, 15))
def test_adjacent_transpositions_are_caught(number: str, pos: int) -> None:
    if number[pos] == number[pos + 1]:
        return
    swapped = number[:pos] + number[pos + 1] + number[pos] + number[pos + 2 :]
    assert not check_resident_id(swapped, today=TODAY).valid
