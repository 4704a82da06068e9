"""Cases waiting for the search index: an import lists its new and changed cases here, in its own
transaction, and they are indexed after its commit, a batch per transaction (the window does it in the
background, the command line before it ends). Until then ``services.search`` finds them by their text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, select, text

from mediation_desktop.services.search import as_uuid, forget_cases, index_cases, load_case_texts
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Case, CaseSearchBacklog

__all__ = ["backlog_size", "index_backlog", "queue_for_index"]


def queue_for_index(conn: Connection, case_ids: Sequence[Any], *, driver_values: bool = False) -> None:
    """List cases for ``index_backlog`` (inside the caller's transaction). A case indexed before is
    forgotten first by the caller (``forget_cases``), so that its old keys stop matching now.

    With ``driver_values`` the ids are in the SQLite driver's form (hex text), as an import has them.
    """
    if not case_ids:
        return
    ids = [as_uuid(i) for i in case_ids]
    if driver_values and conn.dialect.name == "sqlite":
        conn.exec_driver_sql("INSERT OR IGNORE INTO case_search_backlog (case_id) VALUES (?)",
                             [(i,) for i in case_ids])
    else:
        conn.execute(text("INSERT INTO case_search_backlog (case_id) VALUES (:c) ON CONFLICT DO NOTHING")
                     .bindparams(bindparam("c", type_=CaseSearchBacklog.__table__.c.case_id.type)),
                     [{"c": i} for i in ids])


def backlog_size(db_or_conn: Database | Connection) -> int:
    """Cases waiting to be indexed."""
    if isinstance(db_or_conn, Database):
        with db_or_conn.engine.connect() as conn:
            return backlog_size(conn)
    return int(db_or_conn.scalar(select(func.count()).select_from(CaseSearchBacklog)) or 0)


def index_backlog(db: Database, *, batch: int = 1000, progress: Callable[[int, int], None] | None = None) -> int:
    """Index every case waiting in the backlog, oldest first, one transaction per ``batch`` cases (a writer
    in the window waits for one batch at most; a power cut loses at most one batch's work, not its cases).
    Voided cases leave the backlog unindexed. Returns the cases indexed; ``progress(done, total)`` after
    each batch, counting the cases taken off the list (it may raise to stop between batches)."""
    from mediation_desktop.storage.engine import WRITE

    done = indexed = 0
    while True:
        with db.engine.connect() as conn:  # the waiting cases in list order: the newest get the highest docs
            waiting = list(conn.scalars(
                select(CaseSearchBacklog.case_id).join(Case, Case.id == CaseSearchBacklog.case_id)
                .order_by(Case.registered_on, Case.year, Case.serial)))
        if not waiting:
            return indexed
        total = done + len(waiting)
        for start in range(0, len(waiting), batch):
            chunk = waiting[start:start + batch]
            with db.engine.execution_options(**WRITE).connect() as conn, conn.begin():
                # (PostgreSQL: rows another indexer holds are left to it; SQLite has one writer at a time)
                still = set(conn.scalars(select(CaseSearchBacklog.case_id)
                                         .where(CaseSearchBacklog.case_id.in_(chunk))
                                         .with_for_update(skip_locked=True)))
                live = set(conn.scalars(select(Case.id).where(Case.id.in_(still), Case.deleted_at.is_(None))))
                forget_cases(conn, list(still))  # a case indexed since it was listed (an edit): a new doc
                texts = load_case_texts(conn, [i for i in chunk if i in live])
                index_cases(conn, texts)
                indexed += len(texts)
                conn.execute(delete(CaseSearchBacklog).where(CaseSearchBacklog.case_id.in_(still)))
            done += len(chunk)
            if progress is not None:
                progress(done, total)
