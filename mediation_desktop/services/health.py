"""``check``: is the data sound? SQLite integrity and foreign keys, the audit chain, the file store."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, text

from mediation_desktop.storage.audit import verify_chain
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.filestore import FileStore
from mediation_desktop.storage.models import Attachment, Case, Party


@dataclass(frozen=True)
class Problem:
    key: str
    params: dict[str, Any] = field(default_factory=dict)


def check(db: Database) -> list[Problem]:
    """Every problem found; an empty list means the data is sound."""
    problems: list[Problem] = []
    with db.engine.connect() as conn:
        if db.is_sqlite:
            result = [r[0] for r in conn.execute(text("PRAGMA integrity_check")).all()]
            if result != ["ok"]:
                problems.extend(Problem("check.integrity", {"detail": line}) for line in result[:10])
            for row in conn.execute(text("PRAGMA foreign_key_check")).all()[:20]:
                problems.append(Problem("check.foreign_key", {"table": row[0], "rowid": row[1], "parent": row[2]}))
        for p in verify_chain(conn):
            key = "check.audit_head" if p.detail == "head" else "check.audit"
            problems.append(Problem(key, {"seq": p.seq, "detail": p.detail}))
        # a case is registered with its parties in one transaction: one without any is half-written
        orphan = (select(Case.case_no).where(Case.deleted_at.is_(None))
                  .where(~Case.id.in_(select(Party.case_id))).limit(20))
        for (case_no,) in conn.execute(orphan):
            problems.append(Problem("check.half_case", {"case_no": case_no}))
        store = FileStore(db.paths.files)
        seen: set[str] = set()
        for sha, name in conn.execute(select(Attachment.sha256, Attachment.filename)
                                      .where(Attachment.deleted_at.is_(None))):
            if sha in seen:
                continue
            seen.add(sha)
            state = store.verify(sha)
            if state != "ok":
                key = "check.file_missing" if state == "missing" else "check.file_hash"
                problems.append(Problem(key, {"sha256": sha, "filename": name}))
        conn.rollback()
    return problems
