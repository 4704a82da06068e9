"""Rows stored here, looked up by the ids a bundle names: one statement per table, wire forms in and out.

An import asks, for every record of a bundle, whether it is stored here already (its version, its case, its
owner: ``importer``, ``ownership``). Tens of thousands of ids at a time: on SQLite they go as one JSON array
joined on the primary key; on PostgreSQL as one ``uuid[]`` parameter (``= ANY``), with the uuid columns read
as 32 hex digits by the server — not as ``IN`` lists of bound ``UUID`` objects rendered by SQLAlchemy and
parsed by the server, and no ``UUID`` object made for each value read (most of their cost).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Uuid

from mediation_desktop.storage.models import Base

__all__ = ["rows_by_id"]

CHUNK = 50_000  # ids per statement on PostgreSQL (one array parameter: no bound-variable limit)
_ALL_HEX32 = re.compile("[0-9a-f]{32}(?:,[0-9a-f]{32})*")


def _pg_column(table: str, name: str) -> str:
    """A column in the select list, as its wire form (a uuid: 32 hex digits)."""
    if isinstance(Base.metadata.tables[table].c[name].type, Uuid):
        return f"replace(t.\"{name}\"::text, '-', '')"
    return f't."{name}"'


def rows_by_id(conn: Connection, table: str, ids: Iterable[str], columns: Sequence[str]) -> list[tuple[Any, ...]]:
    """(id, *columns) of the rows of ``table`` (keyed by a uuid ``id``) with these ids (32 hex digits each, as
    ``sync.record_checks`` accepts them); uuids come back in the same form."""
    wanted = sorted(ids)
    if not wanted:
        return []
    if conn.dialect.name == "sqlite":  # one statement: the ids as one JSON array, joined on the primary key
        cols = ", ".join(f't."{c}"' for c in ("id", *columns))
        sql = f'SELECT {cols} FROM "{table}" AS t JOIN json_each(?) AS j ON t.id = j.value'
        return [tuple(row) for row in conn.exec_driver_sql(sql, (json.dumps(wanted),))]
    cols = ", ".join(_pg_column(table, c) for c in ("id", *columns))
    sql = f'SELECT {cols} FROM "{table}" AS t WHERE t.id = ANY(CAST(%s AS uuid[]))'
    out: list[tuple[Any, ...]] = []
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start:start + CHUNK]
        joined = ",".join(chunk)
        # 32 hex digits each: the array's text as it is (the driver would quote each id in Python); else a list
        param: Any = f"{{{joined}}}" if _ALL_HEX32.fullmatch(joined) else chunk
        out.extend(tuple(row) for row in conn.exec_driver_sql(sql, (param,)))
    return out
