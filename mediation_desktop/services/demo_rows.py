"""The pieces a demo batch's rows are made of: time-ordered ids and the stories' templates filled in pieces."""

from __future__ import annotations

import functools
import itertools
import os
import random
import string
import time
import uuid
from collections.abc import Callable
from typing import Any

__all__ = ["RowIds", "as_uuids", "dashed", "filled"]


class RowIds:
    """Time-ordered UUIDs (version 7, RFC 9562: ms timestamp, counter, 50 bits from the OS's randomness), as
    the 32 lower-case hex digits SQLite stores (``UUID.hex``): no ``UUID`` object per row.

    Globally unique like ``uuid4()``, but new rows land at the end of every id index instead of all over
    it: with uuid4 a 100,000-case run wrote ~9.5 GB of index pages for a 0.6 GB database and could not
    reach 5,000 cases/s.
    """

    def __init__(self) -> None:
        self.ms, self.prefix, self.counter = 0, 0, itertools.count()
        self.bits: Callable[[int], int] = random.SystemRandom().getrandbits  # replaced in next_batch

    def next_batch(self) -> None:
        self.ms = max(int(time.time() * 1000), self.ms + 1)
        self.prefix, self.counter = (self.ms << 80) | (7 << 76) | (2 << 62), itertools.count()
        self.bits = random.Random(os.urandom(32)).getrandbits  # freshly seeded from the OS for every batch

    def __call__(self) -> str:
        n = next(self.counter) & 0xFFFFFF
        return "%032x" % (self.prefix | (n >> 12) << 64 | (n & 0xFFF) << 50 | self.bits(50))


def as_uuids(values: list[Any]) -> list[uuid.UUID | None]:
    """Hex ids as ``UUID`` objects (the model tables' Python form)."""
    return [None if v is None else uuid.UUID(v) for v in values]


def dashed(hex_id: str) -> str:
    """``str(uuid.UUID(hex_id))``: the 8-4-4-4-12 form the audit entries name a case by."""
    return f"{hex_id[:8]}-{hex_id[8:12]}-{hex_id[12:16]}-{hex_id[16:20]}-{hex_id[20:]}"


@functools.cache
def _parsed(template: str) -> tuple[tuple[str, str | None], ...] | None:
    """A template's literal parts, each with the field after it (None: a field with a conversion, a format or
    an index, which the template fills whole)."""
    out = []
    for literal, name, spec, conversion in string.Formatter().parse(template):
        if name is not None and (conversion or spec or not name.isidentifier()):
            return None
        out.append((literal, name))
    return tuple(out)


def filled(template: str, values: dict[str, Any]) -> list[str]:
    """``template.format_map(values)`` in pieces, the template's own parts and the values between them: the
    search pairs inside a template's parts are made once (``search_keys.joined_pairs``)."""
    parsed = _parsed(template)
    if parsed is None:
        return [template.format_map(values)]
    pieces = []
    for literal, name in parsed:
        pieces.append(literal)
        if name is not None:
            pieces.append(format(values[name]))
    return pieces
