"""案件编号 (case numbers) built from a pattern that is a user setting.

The default pattern gives numbers like ``（2024）石桥村人调字第12号``. Placeholders:

* ``{year}`` — the 4-digit year the serial counts in (required: numbering restarts every year);
* ``{n}`` — the serial (序号) within the year (required); a zero-padding spec such as ``{n:03}``
  (or ``{n:03d}``) is allowed;
* ``{short}`` — the committee's short name (简称), e.g. 石桥村;
* ``{org}`` — the org-unit code (行政区划码 style).

Literal braces are written ``{{`` and ``}}``. Serials are allocated by storage (per year, never
reused); this module only formats and parses.
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "DEFAULT_CASE_NUMBER_PATTERN",
    "ERROR_KEYS",
    "PLACEHOLDERS",
    "CaseNumberPatternError",
    "format_case_number",
    "next_serial",
    "parse_case_number",
    "validate_pattern",
]

DEFAULT_CASE_NUMBER_PATTERN = "（{year}）{short}人调字第{n}号"
PLACEHOLDERS: frozenset[str] = frozenset({"year", "short", "n", "org"})
ERROR_KEYS: frozenset[str] = frozenset(
    {"case_no.placeholder", "case_no.no_serial", "case_no.no_year", "case_no.syntax"}
)

_SERIAL_SPEC = re.compile(r"0(?P<width>[1-9]\d?)d?")  # zero padding to a width of 1-99


class CaseNumberPatternError(ValueError):
    """A case-number pattern that cannot be used; ``key`` is a message key.

    ``params`` holds the message parameters (``placeholder`` for ``case_no.placeholder``).
    """

    def __init__(self, key: str, **params: str) -> None:
        super().__init__(key)
        self.key = key
        self.params: dict[str, str] = params


@dataclass(frozen=True)
class _Part:
    literal: str
    name: str | None
    spec: str


@lru_cache(maxsize=64)
def _parts(pattern: str) -> tuple[_Part, ...]:
    """Split and validate a pattern; raises CaseNumberPatternError."""
    try:
        pieces = list(string.Formatter().parse(pattern))
    except ValueError as exc:  # unbalanced braces
        raise CaseNumberPatternError("case_no.syntax") from exc
    parts: list[_Part] = []
    for literal, name, spec, conversion in pieces:
        if name is None:
            parts.append(_Part(literal, None, ""))
            continue
        if name not in PLACEHOLDERS:
            raise CaseNumberPatternError("case_no.placeholder", placeholder=name)
        if conversion is not None or (spec and not (name == "n" and _SERIAL_SPEC.fullmatch(spec))):
            raise CaseNumberPatternError("case_no.syntax")
        parts.append(_Part(literal, name, spec or ""))
    names = {p.name for p in parts}
    if "n" not in names:
        raise CaseNumberPatternError("case_no.no_serial")
    if "year" not in names:
        raise CaseNumberPatternError("case_no.no_year")
    return tuple(parts)


def validate_pattern(pattern: str) -> None:
    """Raise CaseNumberPatternError if ``pattern`` cannot number cases.

    Keys: ``case_no.syntax`` (unbalanced braces, a conversion, or a format spec other than
    zero padding on ``{n}``), ``case_no.placeholder``, ``case_no.no_serial``, ``case_no.no_year``.
    """
    _parts(pattern)


def format_case_number(pattern: str, *, year: int, serial: int, short: str, org: str = "") -> str:
    """The case number for ``serial`` in ``year``; raises ValueError for bad input."""
    parts = _parts(pattern)
    if not 1000 <= year <= 9999:
        raise ValueError(f"year must have 4 digits: {year}")
    if serial < 1:
        raise ValueError(f"serial must be positive: {serial}")
    values: dict[str, object] = {"year": year, "n": serial, "short": short, "org": org}
    out: list[str] = []
    for part in parts:
        out.append(part.literal)
        if part.name is not None:
            out.append(format(values[part.name], part.spec))
    return "".join(out)


def _fold(text: str) -> str:
    """Full-width and half-width forms alike (NFKC), so （ matches ( and １ matches 1."""
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=64)
def _regex(pattern: str) -> re.Pattern[str]:
    seen: set[str] = set()
    out: list[str] = []
    for part in _parts(pattern):
        out.append(re.escape(_fold(part.literal)))
        name = part.name
        if name is None:
            continue
        if name in seen:
            out.append(f"(?P={name})")
            continue
        seen.add(name)
        if name == "year":
            out.append(r"(?P<year>[0-9]{4})")
        elif name == "n":
            spec = _SERIAL_SPEC.fullmatch(part.spec)
            width = int(spec["width"]) if spec else 1
            out.append(rf"(?P<n>[0-9]{{{width},}})")
        else:
            out.append(rf"(?P<{name}>.*?)")
    return re.compile(r"\s*" + "".join(out) + r"\s*")


def parse_case_number(pattern: str, text: str) -> tuple[int, int] | None:
    """(year, serial) of a case number written with ``pattern``; None if it does not fit.

    Full-width and half-width forms (（ vs (, １ vs 1) are treated alike. ``{short}`` and
    ``{org}`` match any text (shortest first); white space around ``text`` is ignored.
    Raises CaseNumberPatternError for a bad pattern.
    """
    match = _regex(pattern).fullmatch(_fold(text))
    if match is None:
        return None
    year, serial = int(match["year"]), int(match["n"])
    if serial < 1:
        return None
    return year, serial


def next_serial(last_used: int | None) -> int:
    """The serial after ``last_used`` (1 when none was used yet this year)."""
    if last_used is None:
        return 1
    if last_used < 0:
        raise ValueError(f"last_used must not be negative: {last_used}")
    return last_used + 1
