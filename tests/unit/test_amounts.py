"""Amounts as people write them: one parser for the forms, the command line and imported ledgers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediation_desktop.domain.amounts import NotAnAmount, parse_amount
from mediation_desktop.errors import MediationError
from mediation_desktop.reports.ledger_parse import CellError
from mediation_desktop.reports.ledger_parse import parse_amount as ledger_amount
from mediation_desktop.services.cases import parse_amount as service_amount


@pytest.mark.parametrize(("text", "yuan"), [
    ("15.6万", "156000.00"), ("15.6万元", "156000.00"), ("15.6 万", "156000.00"), ("１５．６万", "156000.00"),
    ("156,000", "156000.00"), ("156，000元", "156000.00"), ("￥800", "800.00"), ("¥ 1,200.5", "1200.50"),
    ("800元", "800.00"), ("800块", "800.00"), ("3万", "30000.00"), ("0.5万", "5000.00"), ("800", "800.00"),
    ("人民币800元", "800.00"), (" 800 ", "800.00"), ("", None), ("  ", None),
])
def test_written_as_people_write_it(text, yuan):
    expected = None if yuan is None else Decimal(yuan)
    assert parse_amount(text) == expected
    assert service_amount(text) == expected  # the same everywhere
    assert ledger_amount(text) == expected


@pytest.mark.parametrize("text", ["八百", "15.6万万", "-800", "1e5", "NaN", "Infinity", "12.3.4", "万", "元",
                                  "800美元", "8o0", "0x10", "1_000"])
def test_not_an_amount_is_refused_with_the_same_words(text):
    with pytest.raises(NotAnAmount):
        parse_amount(text)
    with pytest.raises(MediationError) as caught:
        service_amount(text)
    assert caught.value.key == "case.amount" and caught.value.params == {"value": text}
    if text != "八百":  # (a ledger's amounts may be written in Chinese numerals: 八百, 叁仟伍佰元)
        with pytest.raises(CellError):
            ledger_amount(text)


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_every_written_form_of_a_sum_is_that_sum(amount):
    plain = f"{amount:.2f}"
    grouped = f"{amount:,.2f}"
    assert parse_amount(plain) == parse_amount(grouped) == parse_amount(grouped + "元") == amount
    assert parse_amount(f"{amount / 10000:f}万") == amount.quantize(Decimal("0.01"))


@given(st.text(alphabet=st.characters(blacklist_categories=("Nd", "Nl", "No")), min_size=1, max_size=12))
def test_text_without_digits_is_never_a_sum(text):
    try:
        result = parse_amount(text)
    except NotAnAmount:
        return
    assert result is None  # only blank text (nothing typed) passes
