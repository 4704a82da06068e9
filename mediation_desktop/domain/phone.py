"""Chinese telephone numbers (手机号 / 固定电话) of parties and mediators.

Accepted forms (full-width characters, spaces, dashes and brackets around the area code are
tolerated):

* mobile: ``1[3-9]`` + 9 digits, optionally after ``+86``, ``0086`` or ``86``;
* landline with area code (区号): ``010``/``02X`` + 7-8 digits or ``0XXX`` + 7-8 digits, with or
  without a dash, optionally after ``+86``/``0086`` without the leading 0, optionally followed by
  an extension (分机) written ``转123``, ``分机123``, ``ext123`` or ``-123``;
* local landline without area code: 7-8 digits not starting with 0 or 1.

Normalised forms: mobile ``13812345678``; landline ``0591-87654321``; local ``87654321``.
The extension is kept separately and is not part of ``number``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

__all__ = ["ERROR_KEYS", "PhoneCheck", "PhoneKind", "check_phone", "normalise_phone_text"]

PhoneKind = Literal["mobile", "landline"]

ERROR_KEYS: frozenset[str] = frozenset({"phone.empty", "phone.invalid"})

_MOBILE = re.compile(r"1[3-9]\d{9}")
#: Area code: 010 and 020-029 have three digits, every other one (03XX-09XX) four.
_LANDLINE = re.compile(r"(?P<area>010|02\d|0[3-9]\d\d)(?P<local>[2-9]\d{6,7})")
_LOCAL = re.compile(r"[2-9]\d{6,7}")
_SHAPE = re.compile(r"(?P<plus>\+)?(?P<body>\d[\d-]*?)-*(?:(?:转|分机|ext\.?|x|#)-*(?P<ext>\d{1,6}))?", re.IGNORECASE)


@dataclass(frozen=True)
class PhoneCheck:
    """The result of checking one phone number; ``error`` is a message key when not ``valid``."""

    raw: str
    number: str
    kind: PhoneKind | None
    valid: bool
    error: str | None
    extension: str | None = None


def normalise_phone_text(raw: str) -> str:
    """Full-width → ASCII (NFKC), dash variants → ``-``, white space and brackets removed."""
    text = unicodedata.normalize("NFKC", raw)
    text = re.sub(r"[\u2010-\u2015\u2212\u30fc\ufe63]", "-", text)
    return re.sub(r"[\s()\[\]]", "", text)


def _strip_country(digits: str, plus: bool) -> tuple[str, bool]:
    """Remove a +86 / 0086 / 86 prefix; the flag tells whether a country code was removed."""
    if plus and digits.startswith("86"):
        return digits[2:], True
    if digits.startswith("0086"):
        return digits[4:], True
    if digits.startswith("86") and _MOBILE.fullmatch(digits[2:]):
        return digits[2:], True
    return digits, False


def _classify(digits: str, plus: bool) -> tuple[PhoneKind, str] | None:
    national, had_country = _strip_country(digits, plus)
    if plus and not had_country:
        return None  # a foreign number: not a Chinese phone number
    if _MOBILE.fullmatch(national):
        return "mobile", national
    if had_country and not national.startswith("0"):
        national = "0" + national  # +86 591 87654321 → 0591 87654321
    match = _LANDLINE.fullmatch(national)
    if match:
        return "landline", f"{match['area']}-{match['local']}"
    if not had_country and _LOCAL.fullmatch(national):
        return "landline", national
    return None


def check_phone(raw: str) -> PhoneCheck:
    """Check a phone number typed by a user (error keys ``phone.empty``, ``phone.invalid``)."""
    text = normalise_phone_text(raw)
    if not text:
        return PhoneCheck(raw, text, None, False, "phone.empty")
    shape = _SHAPE.fullmatch(text)
    if shape is None:
        return PhoneCheck(raw, text, None, False, "phone.invalid")
    plus = shape["plus"] is not None
    body: str = shape["body"]
    extension: str | None = shape["ext"]

    found = _classify(body.replace("-", ""), plus)
    if found is None and extension is None and "-" in body:
        # "0591-87654321-123": the last dash-separated group may be an extension.
        head, _, tail = body.rpartition("-")
        if len(tail) <= 6:
            found = _classify(head.replace("-", ""), plus)
            extension = tail if found is not None else None
    if found is None:
        return PhoneCheck(raw, text, None, False, "phone.invalid")
    kind, number = found
    if kind == "mobile" and extension is not None:
        return PhoneCheck(raw, text, None, False, "phone.invalid")
    return PhoneCheck(raw, number, kind, True, None, extension)
