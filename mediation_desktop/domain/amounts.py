"""Amounts of money as people write them: 156000, 156,000, 15.6万, 15.6万元, ￥800, 800元, 800块, full-width digits.

One parser for every amount the program reads (the forms, the command line, an imported ledger), so the
same text means the same sum everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

_NUMBER = re.compile(r"\d+(\.\d+)?|\.\d+")
_PREFIXES = ("¥", "RMB", "人民币")
_SUFFIXES = ("人民币", "元整", "元", "块钱", "块")
TEN_THOUSAND = Decimal(10000)


class NotAnAmount(ValueError):
    """The text is not a sum of money (the caller says so in its own words)."""


def parse_amount(value: str | int | Decimal | None) -> Decimal | None:
    """The sum in yuan with two decimal places; None for nothing typed. Raises :class:`NotAnAmount`."""
    if value is None:
        return None
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        amount = Decimal(value)
    else:
        text = unicodedata.normalize("NFKC", str(value))  # full-width digits, ￥ and ，→ ASCII
        text = re.sub(r"[\s,]", "", text)
        if not text:
            return None
        for prefix in _PREFIXES:
            text = text.removeprefix(prefix)
        for suffix in _SUFFIXES:
            text = text.removesuffix(suffix)
        factor = Decimal(1)
        if text.endswith("万"):
            factor, text = TEN_THOUSAND, text[:-1]
        if not _NUMBER.fullmatch(text):
            raise NotAnAmount(str(value))
        try:
            amount = Decimal(text) * factor
        except InvalidOperation:  # (the pattern lets only plain numbers through)
            raise NotAnAmount(str(value)) from None
    if not amount.is_finite() or amount < 0:
        raise NotAnAmount(str(value))
    try:
        return amount.quantize(Decimal("0.01"))
    except InvalidOperation:  # more digits than a Decimal holds: a sum, but far beyond any column (callers refuse it)
        return amount
