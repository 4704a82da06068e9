"""案件编号 patterns: validate, format, parse."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediation_desktop.domain.case_number import (
    DEFAULT_CASE_NUMBER_PATTERN,
    ERROR_KEYS,
    CaseNumberPatternError,
    format_case_number,
    next_serial,
    parse_case_number,
    validate_pattern,
)

# Patterns where {n} and {year} are delimited by literal text: any short name round-trips.
DELIMITED = [
    DEFAULT_CASE_NUMBER_PATTERN,
    "{short}调字〔{year}〕{n}号",
    "{short}调字〔{year}〕{n:03}号",
    "（{year}）{org}{short}人调字第{n:04}号",
    "{org}-{year}-{n:05}",
    "{year}年{short}第{n:03d}号",
    "调{{{year}}}第{n}号",
]


def test_default_pattern() -> None:
    validate_pattern(DEFAULT_CASE_NUMBER_PATTERN)
    text = format_case_number(DEFAULT_CASE_NUMBER_PATTERN, year=2024, serial=12, short="石桥村")
    assert text == "（2024）石桥村人调字第12号"
    assert parse_case_number(DEFAULT_CASE_NUMBER_PATTERN, text) == (2024, 12)


def test_bracket_pattern_and_padding() -> None:
    assert format_case_number("{short}调字〔{year}〕{n}号", year=2023, serial=7, short="石桥村") == (
        "石桥村调字〔2023〕7号"
    )
    padded = format_case_number("{short}调字〔{year}〕{n:03}号", year=2023, serial=7, short="石桥村")
    assert padded == "石桥村调字〔2023〕007号"
    assert parse_case_number("{short}调字〔{year}〕{n:03}号", padded) == (2023, 7)
    wide = format_case_number("{short}调字〔{year}〕{n:03}号", year=2023, serial=1234, short="石桥村")
    assert wide == "石桥村调字〔2023〕1234号"
    assert parse_case_number("{short}调字〔{year}〕{n:03}号", wide) == (2023, 1234)
    # Too few digits for the padding: not a number made with this pattern.
    assert parse_case_number("{short}调字〔{year}〕{n:03}号", "石桥村调字〔2023〕7号") is None


def test_org_and_escaped_braces() -> None:
    assert format_case_number("{org}-{year}-{n:05}", year=2024, serial=3, short="x", org="350121") == (
        "350121-2024-00003"
    )
    assert format_case_number("调{{{year}}}第{n}号", year=2024, serial=3, short="") == "调{2024}第3号"
    assert parse_case_number("调{{{year}}}第{n}号", "调{2024}第3号") == (2024, 3)


def test_parse_is_lenient_about_width_and_spaces() -> None:
    pattern = DEFAULT_CASE_NUMBER_PATTERN
    assert parse_case_number(pattern, "  (2024)石桥村人调字第１２号 ") == (2024, 12)
    assert parse_case_number(pattern, "（２０２４）石桥村人调字第12号") == (2024, 12)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "石桥村人调字第12号",
        "（24）石桥村人调字第12号",
        "（2024）石桥村人调字第号",
        "（2024）石桥村人调字第0号",
        "（2024）石桥村人调字第12号之一",
        "（2024）石桥村民调字第12号",
    ],
)
def test_parse_rejects(text: str) -> None:
    assert parse_case_number(DEFAULT_CASE_NUMBER_PATTERN, text) is None


@pytest.mark.parametrize(
    ("pattern", "key"),
    [
        ("{year}{n}{x}", "case_no.placeholder"),
        ("{year}{n}{}", "case_no.placeholder"),
        ("{year}{n}{0}", "case_no.placeholder"),
        ("{year}{n}{short.upper}", "case_no.placeholder"),
        ("{year}{n}{short[0]}", "case_no.placeholder"),
        ("{year}第号", "case_no.no_serial"),
        ("（{short}）第{n}号", "case_no.no_year"),
        ("", "case_no.no_serial"),
        ("{year}{n", "case_no.syntax"),
        ("{year}}{n}", "case_no.syntax"),
        ("{year}{n!r}", "case_no.syntax"),
        ("{year:04}{n}", "case_no.syntax"),
        ("{year}{n:>3}", "case_no.syntax"),
        ("{year}{n:3}", "case_no.syntax"),
        ("{year}{n:,}", "case_no.syntax"),
        ("{year}{short:10}{n}", "case_no.syntax"),
    ],
)
def test_invalid_patterns(pattern: str, key: str) -> None:
    with pytest.raises(CaseNumberPatternError) as info:
        validate_pattern(pattern)
    assert info.value.key == key
    assert key in ERROR_KEYS
    assert isinstance(info.value, ValueError)
    with pytest.raises(CaseNumberPatternError):
        format_case_number(pattern, year=2024, serial=1, short="村")
    with pytest.raises(CaseNumberPatternError):
        parse_case_number(pattern, "2024 1")


def test_placeholder_error_names_the_placeholder() -> None:
    with pytest.raises(CaseNumberPatternError) as info:
        validate_pattern("{year}{n}{village}")
    assert info.value.params == {"placeholder": "village"}


@pytest.mark.parametrize(
    "pattern", ["{year}{n}", "{n}/{year}", "{year}{n:02}", "{year}{n:010}", "{short}{year}{n}{org}"]
)
def test_valid_patterns(pattern: str) -> None:
    validate_pattern(pattern)


def test_format_rejects_bad_numbers() -> None:
    for year, serial in [(2024, 0), (2024, -1), (999, 1), (10000, 1)]:
        with pytest.raises(ValueError):
            format_case_number(DEFAULT_CASE_NUMBER_PATTERN, year=year, serial=serial, short="村")


def test_next_serial() -> None:
    assert next_serial(None) == 1
    assert next_serial(0) == 1
    assert next_serial(41) == 42
    with pytest.raises(ValueError):
        next_serial(-1)


def test_repeated_placeholder() -> None:
    pattern = "{short}（{year}）{short}第{n}号"
    text = format_case_number(pattern, year=2024, serial=5, short="石桥")
    assert text == "石桥（2024）石桥第5号"
    assert parse_case_number(pattern, text) == (2024, 5)
    assert parse_case_number(pattern, "石桥（2024）东湾第5号") is None


shorts = st.text(alphabet="石桥村东西南北湾人调字第号()（）〔〕-·0123456789abAB ", max_size=10)
orgs = st.text(alphabet="0123456789ABC-", max_size=12)


@given(
    st.sampled_from(DELIMITED),
    st.integers(1000, 9999),
    st.integers(1, 10**6),
    shorts,
    orgs,
)
def test_round_trip(pattern: str, year: int, serial: int, short: str, org: str) -> None:
    text = format_case_number(pattern, year=year, serial=serial, short=short, org=org)
    assert parse_case_number(pattern, text) == (year, serial)


@given(st.integers(1000, 9999), st.integers(1, 99999), st.text(alphabet="石桥村东西湾", min_size=1, max_size=6))
def test_round_trip_adjacent_fields(year: int, serial: int, short: str) -> None:
    # {year}{short}{n:03} has no delimiters: fine as long as the short name has no digits.
    pattern = "{year}{short}{n:03}"
    text = format_case_number(pattern, year=year, serial=serial, short=short)
    assert parse_case_number(pattern, text) == (year, serial)
