"""One user action = one transaction, with its audit entries and its change-sequence number.

Inside a ``UnitOfWork`` every insert, update and delete of a model is stamped with this
transaction's change sequence and recorded in the hash-chained audit log — in the same flush, so
the change and its audit entry commit together or not at all.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, event, insert, inspect, select, update
from sqlalchemy.orm import Session, UOWTransaction

from mediation_desktop.storage import audit, seal
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import (
    AuditEntry,
    AuditHead,
    Base,
    CaseNumberCounter,
    ChangeCounter,
    Synced,
)
from mediation_desktop.storage.types import utcnow

_NOT_AUDITED = (AuditEntry, AuditHead, ChangeCounter, CaseNumberCounter)
_SECRET_COLUMNS = frozenset({"password_hash"})
# settings whose value is a secret's hash (the director's recovery code): logged as "***" like passwords
SECRET_SETTINGS = frozenset({"director_recovery_code_hash", "backup_unlock"})


def _secret(obj: Base, column: str) -> bool:
    return column in _SECRET_COLUMNS or (column == "value" and getattr(obj, "key", None) in SECRET_SETTINGS
                                         and obj.__tablename__ == "setting")
CHANGE_COUNTER_ID = 1


class UnitOfWork:
    """``with UnitOfWork(db, actor="zhangsan", action="case.register") as uow: ...; uow.commit()``.

    Leaving the block without ``commit()`` (or by an exception) rolls everything back.
    """

    def __init__(self, db: Database, *, actor: str, action: str, reason: str | None = None) -> None:
        self.db = db
        self.actor = actor
        self.action = action
        self.reason = reason
        self._change_seq: int | None = None
        self.session: Session

    def __enter__(self) -> UnitOfWork:
        self.session = self.db.write_session()
        self.session.info["uow"] = self
        event.listen(self.session, "before_flush", _before_flush)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            if self.session.in_transaction():
                self.session.rollback()
        finally:
            self.session.close()

    @property
    def change_seq(self) -> int:
        """This transaction's change-sequence number (allocated on first use)."""
        if self._change_seq is None:
            self._change_seq = next_change_seq(self.session.connection())
        return self._change_seq

    def note(self, action: str, entity_type: str, entity_id: str, case_id: str | None,
             data: dict[str, Any]) -> None:
        """An explicit audit entry for an action that is more than its row changes (e.g. a login)."""
        audit.append_orm(self.session, [audit.AuditRecord(self.actor, action, entity_type, entity_id,
                                                          case_id, data, self.reason)], self.change_seq)

    def touch(self, table: str, keys: Iterable[Any]) -> None:
        """Rows written past the ORM (bulk Core writes) that this transaction's seal must cover."""
        self.session.info.setdefault("touched", {}).setdefault(table, set()).update(keys)

    def presealed(self, table: str, digests: dict[str, str]) -> None:
        """Seals of rows a bulk insert wrote past the ORM, made from the values written (``seal.written_seals``):
        a row also touched later in this transaction is read back at the commit instead."""
        self.session.info.setdefault("presealed", {}).setdefault(table, {}).update(digests)

    def commit(self) -> None:
        """Flush, seal every row this transaction wrote (``storage.seal``), commit."""
        self.session.flush()
        touched: dict[str, set[Any]] = self.session.info.pop("touched", {})
        presealed: seal.Seals = self.session.info.pop("presealed", {})
        for obj in self.session.info.pop("touched_objects", []):
            touched.setdefault(obj.__tablename__, set()).add(inspect(obj).mapper.primary_key_from_instance(obj)[0])
        if touched or presealed:
            found = seal.read_seals(self.session.connection(), touched)
            for name, digests in presealed.items():  # (a row read back is as it is now: that seal wins)
                read = found.get(name, {})
                found[name] = {**{k: v for k, v in digests.items() if k not in read}, **read}
            audit.append_orm(self.session, [audit.AuditRecord(self.actor, seal.SEAL_ACTION, "seal", str(n), None,
                                                              data, self.reason)
                                            for n, data in enumerate(seal.seal_entries(found), 1)], self.change_seq)
        self.session.commit()


def next_change_seq(conn: Connection) -> int:
    """Take the next number of this installation's change sequence (inside the caller's transaction)."""
    conn.execute(update(ChangeCounter).where(ChangeCounter.id == CHANGE_COUNTER_ID)
                 .values(last_seq=ChangeCounter.last_seq + 1))
    seq = conn.scalar(select(ChangeCounter.last_seq).where(ChangeCounter.id == CHANGE_COUNTER_ID))
    if seq is None:
        conn.execute(insert(ChangeCounter).values(id=CHANGE_COUNTER_ID, last_seq=1))
        return 1
    return int(seq)


def _snapshot(obj: Base) -> dict[str, Any]:
    mapper = inspect(obj).mapper
    return {
        attr.key: ("***" if _secret(obj, attr.key) else audit.jsonable(getattr(obj, attr.key)))
        for attr in mapper.column_attrs
    }


def _diff(obj: Base) -> dict[str, Any]:
    state = inspect(obj)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        hist = state.attrs[attr.key].history
        if not hist.has_changes():
            continue
        old = hist.deleted[0] if hist.deleted else None
        new = hist.added[0] if hist.added else None
        if _secret(obj, attr.key):
            old, new = ("***" if old else None), "***"
        before[attr.key], after[attr.key] = audit.jsonable(old), audit.jsonable(new)
    return {"before": before, "after": after}


def _identity(obj: Base) -> tuple[str, str | None]:
    ident = inspect(obj).mapper.primary_key_from_instance(obj)
    entity_id = ":".join(str(v) for v in ident)
    case_id = getattr(obj, "case_id", None)
    if case_id is None and getattr(obj, "case", None) is not None:
        case_id = obj.case.id  # type: ignore[attr-defined]
    if obj.__class__.__name__ == "Case":
        case_id = getattr(obj, "id", None)
    return entity_id, (str(case_id) if case_id is not None else None)


def _before_flush(session: Session, _ctx: UOWTransaction, _instances: Any) -> None:
    uow: UnitOfWork | None = session.info.get("uow")
    if uow is None:
        return
    records: list[audit.AuditRecord] = []
    now = utcnow()

    touched: list[Base] = session.info.setdefault("touched_objects", [])

    def record(obj: Base, op: str, data: dict[str, Any]) -> None:
        entity_id, case_id = _identity(obj)
        if obj.__tablename__ in seal.SEALED_TABLES:
            touched.append(obj)  # its key is known after the flush (a default may give it)
        records.append(audit.AuditRecord(uow.actor, f"{uow.action}/{op}", obj.__tablename__, entity_id,
                                         case_id, data, uow.reason))

    new = [o for o in session.new if isinstance(o, Base) and not isinstance(o, _NOT_AUDITED)]
    for obj in new:  # ids first, so children can name their case
        if isinstance(obj, Synced) and obj.id is None:
            obj.id = uuid.uuid4()
    for obj in new:
        if isinstance(obj, Synced):
            obj.created_at = obj.created_at or now
            obj.updated_at = now
            obj.change_seq = uow.change_seq
        record(obj, "create", {"after": _snapshot(obj)})
    for obj in list(session.dirty):
        if not isinstance(obj, Base) or isinstance(obj, _NOT_AUDITED):
            continue
        if not session.is_modified(obj, include_collections=False):
            continue
        if isinstance(obj, Synced):
            obj.updated_at = now
            obj.change_seq = uow.change_seq
        diff = _diff(obj)
        diff["before"].pop("updated_at", None)
        diff["after"].pop("updated_at", None)
        diff["before"].pop("change_seq", None)
        diff["after"].pop("change_seq", None)
        if diff["after"]:
            record(obj, "update", diff)
    for obj in session.deleted:
        if isinstance(obj, Base) and not isinstance(obj, _NOT_AUDITED):
            record(obj, "delete", {"before": _snapshot(obj)})
    if records:
        audit.append_orm(session, records, uow.change_seq)
