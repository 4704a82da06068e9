"""居民身份证号码 (GB 11643-1999): normalise, validate, derive birth date and sex.

An 18-character number is a 6-digit region code (行政区划码), the birth date YYYYMMDD, a 3-digit
sequence (顺序码, odd = male) and a check character (校验码). Old 15-digit numbers (no century, no
check character) are upgraded by inserting "19" and computing the check character.

Problems are reported as message keys (see ``messages.DOMAIN_MESSAGES``), never as sentences.
An unknown region code only produces a warning: the user may always keep the number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from mediation_desktop.domain.china_time import china_today

__all__ = [
    "CHECK_CHARS",
    "EARLIEST_BIRTH_DATE",
    "ERROR_KEYS",
    "PROVINCE_CODES",
    "WARNING_KEYS",
    "WEIGHTS",
    "ResidentIdCheck",
    "Sex",
    "check_resident_id",
    "normalise_resident_id",
    "reads_as_resident_id",
    "resident_id_check_digit",
]

WEIGHTS: tuple[int, ...] = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
EARLIEST_BIRTH_DATE = date(1880, 1, 1)

#: First two digits of the region code that are known province-level codes (省级行政区划码);
#: 71 台湾, 81 香港, 82 澳门, 83 港澳台居民居住证, 91 外国人永久居留身份证.
PROVINCE_CODES: frozenset[str] = frozenset(
    [str(n) for n in range(11, 16)]
    + [str(n) for n in range(21, 24)]
    + [str(n) for n in range(31, 38)]
    + [str(n) for n in range(41, 47)]
    + [str(n) for n in range(50, 55)]
    + [str(n) for n in range(61, 66)]
    + ["71", "81", "82", "83", "91"]
)

ERROR_KEYS: frozenset[str] = frozenset({"id.empty", "id.length", "id.chars", "id.birth_date", "id.checksum"})
WARNING_KEYS: frozenset[str] = frozenset({"id.region_unknown", "id.foreign_resident"})

_FULL_WIDTH = {0xFF10 + i: ord("0") + i for i in range(10)} | {0xFF38: ord("X"), 0xFF58: ord("X")}
_SHAPE = re.compile(r"\d*X?")


class Sex(StrEnum):
    """性别, derived from the sequence code (odd = male)."""

    MALE = "male"
    FEMALE = "female"


@dataclass(frozen=True)
class ResidentIdCheck:
    """The result of checking one ID number.

    ``number`` is the normalised text: 18 characters with an upper-case X whenever the input had
    15 or 18 well-formed characters (a 15-digit number is upgraded), otherwise the cleaned input.
    ``birth_date`` and ``sex`` are set only when ``valid`` is true; ``error`` is a message key
    when ``valid`` is false. ``warnings`` never make a number invalid.
    """

    raw: str
    number: str
    valid: bool
    error: str | None
    birth_date: date | None
    sex: Sex | None
    upgraded_from_15: bool
    warnings: tuple[str, ...]

    def age_on(self, day: date) -> int | None:
        """周岁 (completed years) on ``day``; None without a birth date or before birth."""
        born = self.birth_date
        if born is None or day < born:
            return None
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def normalise_resident_id(raw: str) -> str:
    """Remove all white space, turn full-width digits and Ｘ into ASCII, x into X."""
    text = "".join(raw.split()).translate(_FULL_WIDTH)
    return text.replace("x", "X")


def resident_id_check_digit(first17: str) -> str:
    """The check character (0-9 or X) for the first 17 digits of an 18-digit number."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("first17 must be exactly 17 ASCII digits")
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def _birth_date(yyyymmdd: str, today: date) -> date | None:
    try:
        born = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return None
    if born < EARLIEST_BIRTH_DATE or born > today:
        return None
    return born


def _warnings(number: str) -> tuple[str, ...]:
    found: list[str] = []
    if number[:2] not in PROVINCE_CODES:
        found.append("id.region_unknown")
    if number.startswith("9"):
        found.append("id.foreign_resident")
    return tuple(found)


def check_resident_id(raw: str, *, today: date | None = None) -> ResidentIdCheck:
    """Check a 居民身份证 number typed by a user.

    ``today`` (default: the system date) bounds the birth date: a number may not be born in the
    future. Error keys, in the order they are tested: ``id.empty``, ``id.chars``, ``id.length``,
    ``id.birth_date``, ``id.checksum``.
    """
    day = today or china_today()
    number = normalise_resident_id(raw)

    def fail(key: str) -> ResidentIdCheck:
        return ResidentIdCheck(raw, number, False, key, None, None, False, ())

    if not number:
        return fail("id.empty")
    if not number.isascii() or not _SHAPE.fullmatch(number):
        return fail("id.chars")
    if len(number) not in (15, 18):
        return fail("id.length")

    upgraded = len(number) == 15
    if upgraded:
        if not number.isdigit():  # old numbers had no check character
            return fail("id.chars")
        first17 = number[:6] + "19" + number[6:]
        number = first17 + resident_id_check_digit(first17)
    elif not number[:17].isdigit():
        return fail("id.chars")

    warnings = _warnings(number)
    born = _birth_date(number[6:14], day)
    if born is None:
        return ResidentIdCheck(raw, number, False, "id.birth_date", None, None, upgraded, warnings)
    if not upgraded and resident_id_check_digit(number[:17]) != number[17]:
        return ResidentIdCheck(raw, number, False, "id.checksum", None, None, upgraded, warnings)

    sex = Sex.MALE if int(number[16]) % 2 else Sex.FEMALE
    return ResidentIdCheck(raw, number, True, None, born, sex, upgraded, warnings)


def reads_as_resident_id(raw: str, *, today: date | None = None) -> bool:
    """An 18-character number that is a resident ID, perhaps with one digit mistyped.

    Six region digits, a birth date YYYYMMDD that exists, eight more digits and a check character
    0-9 or X: whatever its check character says, this is a person's ID (a wrong last digit is a
    typo, see ``check_resident_id``), not a 统一社会信用代码 that happens to be all digits. One
    mistyped digit of the birth date is also recognised: changing one of its digits back gives a
    number whose date exists and whose check character is right. About one in 31 numbers passes the
    credit code's check by chance, so a mistyped ID must never be read as an organisation's code.
    """
    day = today or china_today()
    number = normalise_resident_id(raw)
    if (len(number) != 18 or not number.isascii() or not number[:17].isdigit()
            or number[17] not in "0123456789X"):
        return False
    if _birth_date(number[6:14], day) is not None:
        return True
    for i in range(6, 14):
        for digit in "0123456789":
            if digit == number[i]:
                continue
            fixed = number[:i] + digit + number[i + 1:]
            if (_birth_date(fixed[6:14], day) is not None
                    and resident_id_check_digit(fixed[:17]) == fixed[17]):
                return True
    return False
