"""统一社会信用代码 checks (GB 32100-2015)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediation_desktop.domain.credit_code import (
    ALPHABET,
    ERROR_KEYS,
    WARNING_KEYS,
    WEIGHTS,
    check_credit_code,
    credit_code_check_char,
    split_credit_code,
)

VALID = ["91350100M000100Y43", "914403001922038216"]


def test_alphabet_and_weights() -> None:
    assert len(ALPHABET) == 31
    assert not set("IOSVZ") & set(ALPHABET)
    assert WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


@pytest.mark.parametrize("code", VALID)
def test_valid_examples(code: str) -> None:
    result = check_credit_code(code)
    assert result.valid and result.checksum_ok
    assert result.error is None and result.warnings == ()
    assert result.code == code
    assert credit_code_check_char(code[:17]) == code[17]


@pytest.mark.parametrize(
    "raw",
    [
        "91350100m000100y43",
        " 9135 0100 M000 100Y 43 ",
        "９１３５０１００Ｍ０００１００Ｙ４３",
        "\t91350100M000100Y43\n",
    ],
)
def test_normalisation(raw: str) -> None:
    result = check_credit_code(raw)
    assert result.valid and result.checksum_ok
    assert result.code == "91350100M000100Y43"
    assert result.raw == raw


@pytest.mark.parametrize("code", VALID)
def test_bad_checksum_is_only_a_warning(code: str) -> None:
    for wrong in ALPHABET:
        if wrong == code[17]:
            continue
        result = check_credit_code(code[:17] + wrong)
        assert result.valid, "a bad check character must never block"
        assert not result.checksum_ok
        assert result.error is None
        assert result.warnings == ("credit.checksum",)


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("", "credit.empty"),
        ("   ", "credit.empty"),
        ("91350100M000100Y4", "credit.length"),
        ("91350100M000100Y433", "credit.length"),
        ("91350100I000100Y43", "credit.chars"),
        ("91350100O000100Y43", "credit.chars"),
        ("91350100S000100Y43", "credit.chars"),
        ("91350100V000100Y43", "credit.chars"),
        ("91350100Z000100Y43", "credit.chars"),
        ("91350100-000100Y43", "credit.chars"),
        ("9135010０M000100Y4三", "credit.chars"),
    ],
)
def test_errors(raw: str, key: str) -> None:
    result = check_credit_code(raw)
    assert not result.valid and not result.checksum_ok
    assert result.error == key
    assert result.warnings == ()
    assert key in ERROR_KEYS


def test_warning_keys_declared() -> None:
    assert WARNING_KEYS == {"credit.checksum"}


def test_check_char_rejects_bad_input() -> None:
    for bad in ["", "91350100M000100Y", "91350100M000100Y43", "91350100I000100Y4"]:
        with pytest.raises(ValueError):
            credit_code_check_char(bad)


def test_split() -> None:
    parts = split_credit_code("91350100M000100Y43")
    assert (parts.authority, parts.category, parts.region) == ("9", "1", "350100")
    assert (parts.org_code, parts.check) == ("M000100Y4", "3")
    assert parts.authority_label_zh == "工商（市场监管）"
    assert parts.category_label_zh == "企业"
    assert split_credit_code("N2" + "0" * 16).category_label_zh == "村级集体经济组织"
    assert split_credit_code("Y9" + "0" * 16).category_label_zh is None
    with pytest.raises(ValueError):
        split_credit_code("91350100M000100Y4")


codes17 = st.text(alphabet=ALPHABET, min_size=17, max_size=17)


@given(codes17)
def test_generated_codes_pass(first17: str) -> None:
    code = first17 + credit_code_check_char(first17)
    result = check_credit_code(code)
    assert result.valid and result.checksum_ok
    # Independent of the module: with weight 1 on the check character, the total is 0 mod 31.
    weights = [3**i % 31 for i in range(17)] + [1]
    assert sum(ALPHABET.index(ch) * w for ch, w in zip(code, weights, strict=True)) % 31 == 0


@pytest.mark.parametrize(
    ("first17", "check"),
    [
        ("91350100M000100Y3", "0"),
        ("9144030019220382Y", "0"),
        ("91350100M000100YQ", "1"),
        ("00000000000000000", "0"),
    ],
)
def test_check_char_zero(first17: str, check: str) -> None:
    assert credit_code_check_char(first17) == check


@given(codes17, st.integers(0, 16), st.integers(1, 30))
def test_any_single_substitution_is_caught(first17: str, pos: int, delta: int) -> None:
    code = first17 + credit_code_check_char(first17)
    wrong = ALPHABET[(ALPHABET.index(code[pos]) + delta) % 31]
    typo = code[:pos] + wrong + code[pos + 1 :]
    result = check_credit_code(typo)
    assert result.valid and not result.checksum_ok
