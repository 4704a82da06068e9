"""The hash-chained audit log: every change, written in the same transaction as the change.

Each entry's hash is SHA-256 over the previous entry's hash and the entry's canonical JSON, so
rewriting, removing or reordering any entry breaks every hash after it. ``verify_chain`` recomputes.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from json.encoder import encode_basestring
from typing import Any

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.orm import Session

from mediation_desktop.storage.models import AuditEntry, AuditHead

GENESIS_HASH = "0" * 64
HEAD_ID = 1


def jsonable(value: Any) -> Any:
    """A value as plain JSON (str/int/bool/None/list/dict) that survives a database round trip."""
    kind = type(value)
    if value is None or kind is str or kind is int or kind is bool:  # (the usual cases, without the checks below)
        return value
    if kind is dict:
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID | float):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    return str(value)


def canonical(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _hashed_fields(entry: Mapping[str, Any]) -> dict[str, Any]:
    at = entry["at"]
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return {
        "seq": entry["seq"],
        "id": str(entry["id"]),
        "at": at.astimezone(dt.UTC).isoformat(),
        "actor": entry["actor"],
        "action": entry["action"],
        "entity_type": entry["entity_type"],
        "entity_id": entry["entity_id"],
        "case_id": entry["case_id"],
        "change_seq": entry["change_seq"],
        "data": entry["data"],
        "reason": entry["reason"],
    }


def entry_hash(prev_hash: str, entry: Mapping[str, Any]) -> str:
    payload = prev_hash + canonical(_hashed_fields(entry))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AuditRecord:
    """What a caller says about one change; the chain adds seq, time, and hashes."""

    actor: str
    action: str
    entity_type: str
    entity_id: str
    case_id: str | None
    data: dict[str, Any]
    reason: str | None = None


def _lock_head_orm(session: Session) -> AuditHead:
    head = session.get(AuditHead, HEAD_ID, with_for_update=True)
    if head is None:
        head = AuditHead(id=HEAD_ID, last_seq=0, last_hash=GENESIS_HASH)
        session.add(head)
    return head


def append_orm(session: Session, records: Iterable[AuditRecord], change_seq: int) -> None:
    """Append entries through the ORM session (used inside a flush)."""
    head = _lock_head_orm(session)
    now = dt.datetime.now(dt.UTC)
    for rec in records:
        row = _row(rec, head.last_seq + 1, now, change_seq)
        row["prev_hash"] = head.last_hash
        row["hash"] = entry_hash(head.last_hash, row)
        session.add(AuditEntry(**row))
        head.last_seq, head.last_hash = row["seq"], row["hash"]


def _locked_head(conn: Connection) -> tuple[int, str]:
    """The chain's last entry (its sequence and hash), its row locked for this transaction; made if none yet."""
    head = conn.execute(
        select(AuditHead.last_seq, AuditHead.last_hash).where(AuditHead.id == HEAD_ID).with_for_update()
    ).first()
    if head is None:
        conn.execute(insert(AuditHead).values(id=HEAD_ID, last_seq=0, last_hash=GENESIS_HASH))
        return 0, GENESIS_HASH
    return int(head[0]), str(head[1])


def append_core(conn: Connection, records: Iterable[AuditRecord], change_seq: int) -> int:
    """Append many entries with Core inserts (bulk paths such as demo data). Returns the count."""
    last_seq, last_hash = _locked_head(conn)
    now = dt.datetime.now(dt.UTC)
    rows = []
    for rec in records:
        last_seq += 1
        row = _row(rec, last_seq, now, change_seq)
        row["prev_hash"] = last_hash
        last_hash = row["hash"] = entry_hash(last_hash, row)
        rows.append(row)
    if rows:
        from mediation_desktop.storage.bulk import insert_rows

        names = list(rows[0])  # (every row has the same keys)
        insert_rows(conn, "audit_entry", names, [[row[n] for n in names] for row in rows])
        conn.execute(update(AuditHead).where(AuditHead.id == HEAD_ID).values(last_seq=last_seq,
                                                                             last_hash=last_hash))
    return len(rows)


def append_core_joined(conn: Connection, records: Iterable[AuditRecord], change_seq: int) -> int:
    """``append_core`` for a bulk writer's thousands of entries: the same rows and hashes, each entry's canonical
    JSON (``canonical(_hashed_fields(row))``) put together from its fields' own JSON texts in the keys' sorted
    order, the fields every entry shares (time, change sequence, and the actor, action and type as they repeat)
    encoded once. Returns the count."""
    last_seq, last_hash = _locked_head(conn)
    now = dt.datetime.now(dt.UTC)
    text = functools.lru_cache(maxsize=64)(_json_text)
    at_seq = f',"at":{text(now.astimezone(dt.UTC).isoformat())},"case_id":'
    change = f',"change_seq":{int(change_seq)},"data":'
    sha256 = hashlib.sha256
    rows = []
    for rec in records:
        last_seq += 1
        entry_id, data = uuid.uuid4(), jsonable(rec.data)
        payload = "".join((last_hash, '{"action":', text(rec.action), ',"actor":', text(rec.actor), at_seq,
                           _json_text(rec.case_id), change, canonical(data), ',"entity_id":',
                           _json_text(rec.entity_id), ',"entity_type":', text(rec.entity_type),
                           ',"id":"', str(entry_id), '","reason":', _json_text(rec.reason),
                           ',"seq":', str(last_seq), "}"))
        row = [last_seq, entry_id, now, rec.actor, rec.action, rec.entity_type, rec.entity_id, rec.case_id,
               change_seq, data, rec.reason, last_hash]
        last_hash = sha256(payload.encode("utf-8")).hexdigest()
        row.append(last_hash)
        rows.append(row)
    if rows:
        from mediation_desktop.storage.bulk import insert_rows

        insert_rows(conn, "audit_entry", _JOINED_NAMES, rows)
        conn.execute(update(AuditHead).where(AuditHead.id == HEAD_ID).values(last_seq=last_seq,
                                                                             last_hash=last_hash))
    return len(rows)


def _json_text(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False)``, a text straight through the encoder's own C function."""
    if value is None:
        return "null"
    return encode_basestring(value) if type(value) is str else json.dumps(value, ensure_ascii=False)


_JOINED_NAMES = ("seq", "id", "at", "actor", "action", "entity_type", "entity_id", "case_id", "change_seq", "data",
                 "reason", "prev_hash", "hash")


def _row(rec: AuditRecord, seq: int, at: dt.datetime, change_seq: int) -> dict[str, Any]:
    return {
        "seq": seq,
        "id": uuid.uuid4(),
        "at": at,
        "actor": rec.actor,
        "action": rec.action,
        "entity_type": rec.entity_type,
        "entity_id": rec.entity_id,
        "case_id": rec.case_id,
        "change_seq": change_seq,
        "data": jsonable(rec.data),
        "reason": rec.reason,
    }


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    detail: str


def verify_chain(conn: Connection, *, batch: int = 5000,
                 seals: dict[str, dict[str, str | None]] | None = None) -> list[ChainProblem]:
    """Recompute every hash in order; the head must name the last entry. Empty list = sound.
    With ``seals``, the row seals of the ``audit.seal`` entries are gathered into it (``storage.seal``)."""
    from mediation_desktop.storage.seal import SEAL_ACTION, merge

    problems: list[ChainProblem] = []
    prev_hash, expected_seq = GENESIS_HASH, 1
    cols = [AuditEntry.seq, AuditEntry.id, AuditEntry.at, AuditEntry.actor, AuditEntry.action,
            AuditEntry.entity_type, AuditEntry.entity_id, AuditEntry.case_id, AuditEntry.change_seq,
            AuditEntry.data, AuditEntry.reason, AuditEntry.prev_hash, AuditEntry.hash]
    for row in _iter_entries(conn, cols, batch):
        entry = row._mapping
        if entry["seq"] != expected_seq:
            problems.append(ChainProblem(entry["seq"], f"gap: expected {expected_seq}"))
        if entry["prev_hash"] != prev_hash:
            problems.append(ChainProblem(entry["seq"], "prev_hash"))
        if entry_hash(entry["prev_hash"], entry) != entry["hash"]:
            problems.append(ChainProblem(entry["seq"], "hash"))
        prev_hash, expected_seq = entry["hash"], entry["seq"] + 1
        if seals is not None and entry["action"] == SEAL_ACTION:
            merge(seals, entry["data"])
        if len(problems) > 20:
            break
    head = conn.execute(select(AuditHead.last_seq, AuditHead.last_hash).where(AuditHead.id == HEAD_ID)).first()
    last_seq = expected_seq - 1
    if (head is None and last_seq > 0) or (head is not None and (head[0], head[1]) != (last_seq, prev_hash)):
        problems.append(ChainProblem(last_seq, "head"))
    return problems


def _iter_entries(conn: Connection, cols: list[Any], batch: int) -> Iterator[Any]:
    last = 0
    while True:
        rows = conn.execute(select(*cols).where(AuditEntry.seq > last).order_by(AuditEntry.seq).limit(batch)).all()
        if not rows:
            return
        yield from rows
        last = rows[-1][0]
