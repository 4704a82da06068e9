"""统一社会信用代码 (GB 32100-2015) of an organisation party (单位当事人).

The code has 18 characters over ``0123456789ABCDEFGHJKLMNPQRTUWXY`` (no I, O, S, V, Z). The 18th
character is a check character computed with weights 3^(i-1) mod 31 over the first 17.

Some codes issued in practice fail the check, so a bad check character is only a warning
(``credit.checksum``); a wrong length or a character outside the alphabet is an error.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

__all__ = [
    "ALPHABET",
    "AUTHORITY_LABELS_ZH",
    "CATEGORY_LABELS_ZH",
    "ERROR_KEYS",
    "WARNING_KEYS",
    "WEIGHTS",
    "CreditCodeCheck",
    "CreditCodeParts",
    "check_credit_code",
    "credit_code_check_char",
    "normalise_credit_code",
    "split_credit_code",
]

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS: tuple[int, ...] = tuple(pow(3, i, 31) for i in range(17))
LENGTH = 18

ERROR_KEYS: frozenset[str] = frozenset({"credit.empty", "credit.length", "credit.chars"})
WARNING_KEYS: frozenset[str] = frozenset({"credit.checksum"})

_VALUES = {ch: i for i, ch in enumerate(ALPHABET)}

#: 登记管理部门码 (1st character): the authority that registered the organisation.
AUTHORITY_LABELS_ZH: dict[str, str] = {
    "1": "机构编制",
    "2": "外交",
    "3": "司法行政",
    "4": "文化",
    "5": "民政",
    "6": "旅游",
    "7": "宗教",
    "8": "工会",
    "9": "工商（市场监管）",
    "A": "中央军委改革和编制办公室",
    "N": "农业农村",
    "Y": "其他",
}

#: 机构类别码 (2nd character) for the registration authorities parties most often come from.
CATEGORY_LABELS_ZH: dict[str, str] = {
    "11": "机关",
    "12": "事业单位",
    "51": "社会团体",
    "52": "民办非企业单位",
    "53": "基金会",
    "91": "企业",
    "92": "个体工商户",
    "93": "农民专业合作社",
    "N1": "组级集体经济组织",
    "N2": "村级集体经济组织",
    "N3": "乡镇级集体经济组织",
}


@dataclass(frozen=True)
class CreditCodeCheck:
    """The result of checking one code.

    ``valid`` means the shape is right (18 characters of the alphabet); ``checksum_ok`` tells
    whether the check character also matches. ``error`` is a message key when not ``valid``;
    ``warnings`` holds ``credit.checksum`` when the shape is right but the check fails.
    """

    raw: str
    code: str
    valid: bool
    checksum_ok: bool
    error: str | None
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class CreditCodeParts:
    """The fields of an 18-character code (GB 32100-2015, 4.1)."""

    authority: str  # 登记管理部门码 (1 character)
    category: str  # 机构类别码 (1 character)
    region: str  # 登记管理机关行政区划码 (6 digits)
    org_code: str  # 主体标识码（组织机构代码）(9 characters)
    check: str  # 校验码

    @property
    def authority_label_zh(self) -> str | None:
        """The registration authority in Chinese, if known."""
        return AUTHORITY_LABELS_ZH.get(self.authority)

    @property
    def category_label_zh(self) -> str | None:
        """The kind of organisation (企业, 个体工商户, …) in Chinese, if known."""
        return CATEGORY_LABELS_ZH.get(self.authority + self.category)


def split_credit_code(code: str) -> CreditCodeParts:
    """Split a normalised, well-shaped code into its fields; raises ValueError otherwise."""
    if len(code) != LENGTH or any(ch not in _VALUES for ch in code):
        raise ValueError("not an 18-character credit code")
    return CreditCodeParts(code[0], code[1], code[2:8], code[8:17], code[17])


def normalise_credit_code(raw: str) -> str:
    """Remove white space, turn full-width characters into ASCII and letters into upper case."""
    return unicodedata.normalize("NFKC", "".join(raw.split())).upper()


def credit_code_check_char(first17: str) -> str:
    """The check character for the first 17 characters of a code."""
    if len(first17) != LENGTH - 1 or any(ch not in _VALUES for ch in first17):
        raise ValueError("first17 must be 17 characters of the credit-code alphabet")
    total = sum(_VALUES[ch] * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def check_credit_code(raw: str) -> CreditCodeCheck:
    """Check a 统一社会信用代码 typed by a user.

    Error keys, in the order they are tested: ``credit.empty``, ``credit.chars``,
    ``credit.length``. The warning ``credit.checksum`` never blocks.
    """
    code = normalise_credit_code(raw)
    if not code:
        return CreditCodeCheck(raw, code, False, False, "credit.empty", ())
    if any(ch not in _VALUES for ch in code):
        return CreditCodeCheck(raw, code, False, False, "credit.chars", ())
    if len(code) != LENGTH:
        return CreditCodeCheck(raw, code, False, False, "credit.length", ())
    ok = credit_code_check_char(code[:17]) == code[17]
    return CreditCodeCheck(raw, code, True, ok, None, () if ok else ("credit.checksum",))
