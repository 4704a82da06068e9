"""Values between the database and the wire (see ``schema`` for the wire forms).

Two paths: the portable one through SQLAlchemy's Python values (PostgreSQL and anything else), and
the SQLite one, where the wire forms are what SQLite already stores, so values pass through with
only flags, amounts and JSON touched.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from mediation_desktop.storage.types import json_text
from mediation_desktop.sync.schema import WireColumn

Conv = Callable[[Any], Any] | None


def _dt_to_wire(v: dt.datetime) -> str:
    if v.tzinfo is not None:
        v = v.astimezone(dt.UTC)
    return v.strftime("%Y-%m-%d %H:%M:%S.%f")


def to_wire(c: WireColumn) -> Conv:
    """Python value (as SQLAlchemy returns it) → wire value; None means "as it is"."""
    if c.kind == "uuid":
        return lambda v: None if v is None else v.hex
    if c.kind == "datetime":
        return lambda v: None if v is None else _dt_to_wire(v)
    if c.kind == "date":
        return lambda v: None if v is None else v.isoformat()
    if c.kind == "decimal":
        scale = (c.digits or (14, 2))[1]
        return lambda v: None if v is None else f"{Decimal(v):.{scale}f}"
    if c.kind == "bool":
        return lambda v: None if v is None else bool(v)
    return None


def from_wire(c: WireColumn) -> Conv:
    """Wire value → Python value for SQLAlchemy Core statements."""
    if c.kind == "uuid":
        return lambda v: None if v is None else uuid.UUID(hex=v)
    if c.kind == "datetime":
        return lambda v: None if v is None else dt.datetime.fromisoformat(v).replace(tzinfo=dt.UTC)
    if c.kind == "date":
        return lambda v: None if v is None else dt.date.fromisoformat(v)
    if c.kind == "decimal":
        return lambda v: None if v is None else Decimal(v)
    return None


def sqlite_to_wire(c: WireColumn) -> Conv:
    """What SQLite stores → wire value."""
    if c.kind == "bool":
        return lambda v: None if v is None else bool(v)
    if c.kind == "decimal":
        scale = (c.digits or (14, 2))[1]
        return lambda v: None if v is None else f"{Decimal(str(v)):.{scale}f}"
    if c.kind in ("json_list", "json_object", "json_days"):
        return lambda v: None if v is None else json.loads(v)
    if c.kind == "datetime":  # stored by SQLAlchemy as 'YYYY-MM-DD HH:MM:SS.ffffff' already
        return lambda v: v if v is None or len(v) == 26 else _dt_to_wire(dt.datetime.fromisoformat(v))
    return None


def wire_to_sqlite(c: WireColumn) -> Conv:
    """Wire value → what SQLAlchemy would have stored in SQLite."""
    if c.kind in ("json_list", "json_object", "json_days"):
        return lambda v: None if v is None else json_text(v)
    if c.kind == "decimal":
        return lambda v: None if v is None else float(v)
    return None


def convert_rows(rows: Sequence[Any], convs: list[Conv]) -> list[list[Any]]:
    """Apply the per-column conversions to every row (columns without one are copied as they are)."""
    active = [(i, f) for i, f in enumerate(convs) if f is not None]
    if not active:
        return [list(r) for r in rows]
    out = []
    for r in rows:
        row = list(r)
        for i, f in active:
            row[i] = f(row[i])
        out.append(row)
    return out
