"""Chinese phone numbers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediation_desktop.domain.phone import ERROR_KEYS, check_phone


@pytest.mark.parametrize(
    "raw",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "+8613812345678",
        "+86 138 1234 5678",
        "0086 13812345678",
        "8613812345678",
        "１３８１２３４５６７８",
        "＋８６　１３８－１２３４－５６７８",
    ],
)
def test_mobile(raw: str) -> None:
    result = check_phone(raw)
    assert result.valid and result.error is None
    assert result.kind == "mobile"
    assert result.number == "13812345678"
    assert result.raw == raw


@pytest.mark.parametrize("prefix", ["13", "14", "15", "16", "17", "18", "19"])
def test_mobile_prefixes(prefix: str) -> None:
    assert check_phone(prefix + "912345678").kind == "mobile"


@pytest.mark.parametrize(
    ("raw", "number", "extension"),
    [
        ("0591-87654321", "0591-87654321", None),
        ("059187654321", "0591-87654321", None),
        ("0591 8765432", "0591-8765432", None),
        ("(0591)87654321", "0591-87654321", None),
        ("（0591）87654321", "0591-87654321", None),
        ("010-62345678", "010-62345678", None),
        ("01062345678", "010-62345678", None),
        ("021-8765-4321", "021-87654321", None),
        ("02187654321", "021-87654321", None),
        ("0755-2345678", "0755-2345678", None),
        ("０５９１－８７６５４３２１", "0591-87654321", None),
        ("0591-87654321转123", "0591-87654321", "123"),
        ("0591-87654321 分机 8", "0591-87654321", "8"),
        ("0591-87654321-123", "0591-87654321", "123"),
        ("+86 591 87654321", "0591-87654321", None),
        ("0086-10-62345678", "010-62345678", None),
    ],
)
def test_landline(raw: str, number: str, extension: str | None) -> None:
    result = check_phone(raw)
    assert result.valid, result
    assert result.kind == "landline"
    assert result.number == number
    assert result.extension == extension


@pytest.mark.parametrize("raw", ["87654321", "8765432", "8765-4321", "２３４５６７８"])
def test_local_landline(raw: str) -> None:
    result = check_phone(raw)
    assert result.valid and result.kind == "landline" and result.error is None
    assert result.number == raw.replace("-", "").translate({0xFF10 + i: 48 + i for i in range(10)})


@pytest.mark.parametrize(("raw", "key"), [("", "phone.empty"), ("  \u3000 ", "phone.empty"), ("--", "phone.invalid")])
def test_empty(raw: str, key: str) -> None:
    result = check_phone(raw)
    assert not result.valid and result.error == key and result.kind is None


@pytest.mark.parametrize(
    "raw",
    [
        "12345678901",  # mobiles start 13-19
        "1381234567",  # 10 digits
        "138123456789",  # 12 digits
        "23812345678",
        "0591-8765",  # local part too short
        "0591-876543210",  # local part too long
        "0591-07654321",  # local part cannot start with 0
        "123456",
        "0123456",
        "1234567",  # local numbers do not start with 1
        "+1 202 555 0123",  # foreign number
        "+86 12345",
        "13812345678转12",  # mobiles have no extension
        "abc",
        "138一二三四五六七八",
        "138123456780591",
    ],
)
def test_invalid(raw: str) -> None:
    result = check_phone(raw)
    assert not result.valid
    assert result.error == "phone.invalid"
    assert result.kind is None
    assert result.error in ERROR_KEYS


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True), st.sampled_from(["", "+86", "0086", "86", "+86 "]))
def test_generated_mobiles(number: str, prefix: str) -> None:
    result = check_phone(prefix + number)
    assert result.valid and result.kind == "mobile" and result.number == number


@given(st.from_regex(r"0[3-9][0-9]{2}", fullmatch=True), st.from_regex(r"[2-9][0-9]{6,7}", fullmatch=True))
def test_generated_landlines(area: str, local: str) -> None:
    for raw in (f"{area}-{local}", area + local, f"({area}) {local}"):
        result = check_phone(raw)
        assert result.valid and result.kind == "landline"
        assert result.number == f"{area}-{local}"
