"""``check``: is the data sound? The database's own integrity, the audit chain, the file store.

SQLite has ``integrity_check`` and ``foreign_key_check``. PostgreSQL has no single equivalent, so on a
hub ``check`` asks what can go wrong there in practice (a restore or a hand-made repair that switched
triggers off or skipped constraints):

* every foreign key of the schema is recomputed as a query (orphans are found even when the
  constraint's triggers were disabled or the constraint was added ``NOT VALID``), and constraints
  that were never validated, triggers switched off and indexes left invalid are reported;
* pages that failed their checksum (``pg_stat_database``, when the cluster has checksums);
* if the ``amcheck`` extension is installed in the database, every B-tree index of ours is verified
  (``bt_index_check``); ``check`` never installs it — that is the server administrator's choice;
* the audit table must still refuse UPDATE and DELETE (its append-only trigger is there and enabled).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, ForeignKeyConstraint, and_, exists, func, select, text
from sqlalchemy.exc import DBAPIError

from mediation_desktop.paths import DataPaths
from mediation_desktop.storage import witness
from mediation_desktop.storage.audit import verify_chain
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.filestore import FileStore
from mediation_desktop.storage.migrate import audit_triggers_present
from mediation_desktop.storage.models import Attachment, AuditEntry, Base, Case, Party
from mediation_desktop.storage.seal import verify_rows

MAX_REPORTED = 20
_AUDIT_UNGUARDED = "audit_entry: the append-only trigger is missing or disabled (UPDATE/DELETE not refused)"


@dataclass(frozen=True)
class Problem:
    key: str
    params: dict[str, Any] = field(default_factory=dict)


def check(db: Database) -> list[Problem]:
    """Every problem found; an empty list means the data is sound."""
    problems: list[Problem] = []
    with db.engine.connect() as conn:
        if db.is_sqlite:
            problems.extend(sqlite_integrity(conn))
        elif db.is_postgresql:
            problems.extend(postgresql_integrity(conn))
            problems.extend(foreign_key_orphans(conn))
            if not audit_triggers_present(conn):
                problems.append(Problem("check.integrity", {"detail": _AUDIT_UNGUARDED}))
        problems.extend(audit_problems(conn, db.paths))
        problems.extend(half_cases(conn))
        problems.extend(file_problems(conn, db.paths))
        conn.rollback()
    return problems


def database_problems(conn: Connection) -> list[Problem]:
    """What ``check`` finds in a SQLite database by itself — its integrity, foreign keys, audit chain, row
    seals and half-written cases — leaving out what lies beside it (the attachment files, the chain's head
    recorded outside the database): a restore asks this of the backup's database before it replaces anything."""
    problems = sqlite_integrity(conn)
    problems.extend(audit_problems(conn, None))
    problems.extend(half_cases(conn))
    return problems


def sqlite_integrity(conn: Connection) -> list[Problem]:
    problems: list[Problem] = []
    result = [r[0] for r in conn.execute(text("PRAGMA integrity_check")).all()]
    if result != ["ok"]:
        problems.extend(Problem("check.integrity", {"detail": line}) for line in result[:10])
    for row in conn.execute(text("PRAGMA foreign_key_check")).all()[:MAX_REPORTED]:
        problems.append(Problem("check.foreign_key", {"table": row[0], "rowid": row[1], "parent": row[2]}))
    return problems


def half_cases(conn: Connection) -> list[Problem]:
    """A case is registered with its parties in one transaction: one without any is half-written."""
    orphan = (select(Case.case_no).where(Case.deleted_at.is_(None))
              .where(~Case.id.in_(select(Party.case_id))).limit(MAX_REPORTED))
    return [Problem("check.half_case", {"case_no": case_no}) for (case_no,) in conn.execute(orphan)]


def file_problems(conn: Connection, paths: DataPaths) -> list[Problem]:
    """Every attachment still in use has its file in the store, with the content its name promises."""
    problems: list[Problem] = []
    store = FileStore(paths.files)
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
    return problems


def audit_problems(conn: Connection, paths: DataPaths | None) -> list[Problem]:
    """The chain (every hash, its head), the rows it seals (``storage.seal``) and, given the data folder
    ``paths``, the newest head known outside the database (``storage.witness``)."""
    problems: list[Problem] = []
    seals: dict[str, dict[str, str | None]] = {}
    chain = verify_chain(conn, seals=seals)
    for p in chain:
        key = "check.audit_head" if p.detail == "head" else "check.audit"
        problems.append(Problem(key, {"seq": p.seq, "detail": p.detail}))
    if paths is not None:
        last_seq = conn.scalar(select(func.max(AuditEntry.seq))) or 0
        disagreement = witness.compare(conn, paths, int(last_seq))
        if disagreement is not None:
            kind, known = disagreement
            problems.append(Problem(f"check.audit_{kind}", {"seq": known.seq, "last_seq": last_seq,
                                                             "source": known.source}))
    if not chain:  # a broken chain's seals say nothing; it is reported already
        for row in verify_rows(conn, seals, limit=MAX_REPORTED):
            problems.append(Problem(f"check.row_{row.detail}", {"table": row.table, "key": row.key}))
    return problems


def foreign_key_orphans(conn: Connection) -> list[Problem]:
    """Rows whose foreign key names a row that is not there, for every foreign key of the schema (any database:
    the constraint itself is not trusted, it may have been switched off)."""
    problems: list[Problem] = []
    for table in Base.metadata.sorted_tables:
        pk = list(table.primary_key.columns)
        for fk in table.constraints:
            if not isinstance(fk, ForeignKeyConstraint):
                continue
            parent = fk.referred_table
            pairs = [(el.parent, el.column) for el in fk.elements]
            match = exists().where(and_(*(parent_col == child_col for child_col, parent_col in pairs)))
            stmt = (select(*pk).where(and_(*(child_col.is_not(None) for child_col, _ in pairs)))
                    .where(~match).limit(MAX_REPORTED - len(problems)))
            for row in conn.execute(stmt):
                problems.append(Problem("check.foreign_key", {"table": table.name, "rowid": ":".join(map(str, row)),
                                                              "parent": parent.name}))
            if len(problems) >= MAX_REPORTED:
                return problems
    return problems


_OURS = "n.nspname = current_schema()"
_CATALOG_CHECKS = (
    # constraints added NOT VALID (or left so by a restore) were never checked against the rows
    ("SELECT format('%s: constraint %s was never validated', c.conrelid::regclass, c.conname) "
     "FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE NOT c.convalidated AND " + _OURS),
    # foreign keys and the audit guard are triggers: switched off, they guard nothing
    ("SELECT format('%s: trigger %s is disabled', t.tgrelid::regclass, t.tgname) FROM pg_trigger t "
     "JOIN pg_class r ON r.oid = t.tgrelid JOIN pg_namespace n ON n.oid = r.relnamespace "
     "WHERE t.tgenabled = 'D' AND " + _OURS),
    # an index a failed CREATE INDEX CONCURRENTLY left behind answers nothing
    ("SELECT format('%s: index is not valid', i.indexrelid::regclass) FROM pg_index i "
     "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
     "WHERE (NOT i.indisvalid OR NOT i.indisready) AND " + _OURS),
    ("SELECT format('%s data page(s) failed their checksum', checksum_failures) FROM pg_stat_database "
     "WHERE datname = current_database() AND checksum_failures > 0"),
)


def postgresql_integrity(conn: Connection) -> list[Problem]:
    """What PostgreSQL can tell about its own soundness, without changing anything on the server."""
    details: list[str] = []
    for sql in _CATALOG_CHECKS:
        details.extend(str(d) for d in conn.scalars(text(sql)))
    if conn.scalar(text("SELECT 1 FROM pg_extension WHERE extname = 'amcheck'")):
        indexes = conn.scalars(text(
            "SELECT c.oid::regclass::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE a.amname = 'btree' AND i.indisvalid AND i.indisready AND " + _OURS + " ORDER BY 1")).all()
        for index in indexes:
            try:
                with conn.begin_nested():
                    conn.execute(text("SELECT bt_index_check(CAST(:index AS regclass))"), {"index": index})
            except DBAPIError as exc:
                details.append(f"{index}: {str(exc.orig).strip().splitlines()[0]}")
    return [Problem("check.integrity", {"detail": d}) for d in details[:MAX_REPORTED]]
