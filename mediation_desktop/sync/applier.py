"""Applying the records of verified bundles inside an import's transaction (``sync.importer`` runs it): each
record's outcome (new, unchanged, updated, older, conflict, rejected), the rows written with their seals, the
files stored, the ledger and receipts due, and the search index rows of the new and changed cases."""

from __future__ import annotations

import operator
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Column, Connection, MetaData, Table, select
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from mediation_desktop.services import search
from mediation_desktop.services.search_keys import CaseText
from mediation_desktop.services.token_worker import TokenWorker
from mediation_desktop.storage import seal
from mediation_desktop.storage.attachment_types import content_problem
from mediation_desktop.storage.bulk import FTS5_ROOMY_FROM, copy_wire_rows, roomy_fts5_pending
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.engine import SQLITE_CACHE_KIB
from mediation_desktop.storage.filestore import FileStore
from mediation_desktop.storage.models import Base, Case, SyncImport
from mediation_desktop.storage.planner import roomy_pending_list
from mediation_desktop.storage.types import utcnow
from mediation_desktop.storage.unit_of_work import UnitOfWork
from mediation_desktop.sync import archive, codec, ownership, schema, stored
from mediation_desktop.sync.case_texts import texts_of_new_cases
from mediation_desktop.sync.errors import SyncError
from mediation_desktop.sync.export import parse_created
from mediation_desktop.sync.keys import trust_in_session
from mediation_desktop.sync.outcomes import OUTCOMES, BundleReport, ImportSummary
from mediation_desktop.sync.progress import Steps
from mediation_desktop.sync.verify import VerifiedBundle

SELF_REFERENCING = {"agreement"}  # a version refers to the one it supersedes: written in version order


class Applier:
    """Applies verified bundles inside one unit of work."""

    def __init__(self, db: Database, uow: UnitOfWork, me: uuid.UUID, dry_run: bool, details: bool = False,
                 steps: Steps | None = None) -> None:
        self.db, self.uow, self.me, self.dry_run, self.details = db, uow, me, dry_run, details
        self.steps = steps or Steps(None, 1)
        self.kept: list[uuid.UUID] = []  # bundles this import newly kept in bundles/ (removed if it does not commit)
        self.session: Session = uow.session
        self.conn: Connection = uow.session.connection()
        self.sqlite = self.conn.dialect.name == "sqlite"
        self._raw: Any = self.conn.connection.dbapi_connection if self.sqlite else None
        self.receipts_due: list[BundleReport] = []
        self._sql: dict[str, str] = {}
        self._new_texts: list[CaseText] = []  # the new cases' search text, their tokens made meanwhile
        self._tokens = TokenWorker()
        self._fts5_restore: Callable[[], None] | None = None  # (the FTS5 tables' options as they were)
        self._fts5_roomy = False  # whether this import changed them (see forget_fts5_options)
        self._announced: set[tuple[str, str]] = set()  # (unit, fingerprint) newly trusted, told once an import

    def roomy_cache(self, rows: int) -> None:
        """SQLite: a page cache that holds a big import's pages (one transaction of ~700,000 rows and their
        indexes spills and re-reads all the time in a connection's own), back to the connection's after."""
        if not self.sqlite or self._raw is None:
            return
        size = -min(256_000, max(SQLITE_CACHE_KIB, rows // 2)) if rows else -SQLITE_CACHE_KIB  # KiB: ~0.5 per row
        self._raw.execute(f"PRAGMA cache_size = {int(size)}")  # the driver's connection: it outlives the session

    # -- dispatch -----------------------------------------------------------------------------------------

    def apply(self, vb: VerifiedBundle, summary: ImportSummary, *, top: bool = True,
              via: dict[str, str] | None = None) -> None:
        """``via``: the code and name of the unit that forwarded ``vb`` (its list of units below vouched for
        the keys ``vb`` brings)."""
        for record in vb.new_senders:
            trust_in_session(self.session, record, "roster" if vb.via else "confirmed")
        self.session.flush()
        src = vb.source
        for inner in vb.forwarded:
            self.apply(inner, summary, top=False, via={"via_code": src["org_code"], "via_name": src["org_name"]})
        report = BundleReport(vb.path, vb.manifest["bundle_id"], vb.kind, src["org_code"], src["org_name"],
                              via=vb.via.hex if vb.via else None, seq_from=vb.manifest["seq_from"],
                              seq_to=vb.manifest["seq_to"], plain_sha256=vb.plain.sha256,
                              source_installation_id=src["installation_id"])
        # (each of a village's forwarded bundles brings its key: the first trusts it, the others say nothing)
        fresh = [r for r in vb.new_senders if (r["org_code"], r["fingerprint"]) not in self._announced]
        self._announced.update((r["org_code"], r["fingerprint"]) for r in fresh)
        report.trusted_new = [{"org_code": r["org_code"], "org_name": r["org_name"], "fingerprint": r["fingerprint"],
                               **(via if vb.via and via else {})} for r in fresh]
        summary.bundles.append(report)
        if vb.kind == "receipt":
            from mediation_desktop.sync.receipts import apply_receipt

            apply_receipt(self.session, vb, self.me)
            report.acknowledges = str((vb.document or {}).get("bundle_id"))
            report.problems = list((vb.document or {}).get("rejected", []))
            return
        done = self.session.get(SyncImport, vb.bundle_id)
        if done is not None and done.sha256 != vb.plain.sha256:  # (two files of one number in one import)
            raise SyncError("sync.bundle_changed", path=vb.path, bundle_id=vb.manifest["bundle_id"])
        if done is not None or vb.applied_before:
            report.already_imported = True  # nothing changes now; its receipt tells what happened then
            if top and vb.kind == "data":
                self.receipts_due.append(report)
            return
        if vb.kind == "reference":
            from mediation_desktop.sync.reference import apply_reference

            apply_reference(self.db, self.session, vb, self.me, dry_run=self.dry_run)
        else:
            ownership.check_bundle(self.conn, vb)  # every record its signed source's, or the whole bundle is refused
            self._apply_data(vb, report)
        self._ledger(vb, report)
        if top and vb.kind == "data":
            self.receipts_due.append(report)

    def _ledger(self, vb: VerifiedBundle, report: BundleReport) -> None:
        m = vb.manifest
        counts = {o: report.counts.get(o, 0) for o in OUTCOMES}
        self.uow.note("sync.import_bundle", "sync_import", vb.bundle_id.hex, None,
                      {"source": vb.source["org_code"], "kind": vb.kind, "seq_from": m["seq_from"],
                       "seq_to": m["seq_to"], "counts": counts, "via": report.via,
                       "bundle_sha256": vb.plain.sha256})
        self.session.add(SyncImport(
            bundle_id=vb.bundle_id, kind=vb.kind, source_installation_id=vb.source_id,
            source_org_code=vb.source["org_code"], via_installation_id=vb.via, seq_from=m["seq_from"],
            seq_to=m["seq_to"], prev_bundle_id=uuid.UUID(hex=m["prev_bundle_id"]) if m["prev_bundle_id"] else None,
            created_at=parse_created(m["created_at"]), imported_at=utcnow(), imported_by=self.uow.actor,
            sha256=vb.plain.sha256, size=vb.plain.size, counts=counts, rejected=report.problems,
            local_change_seq=self.uow.change_seq))
        if vb.kind == "data" and not self.dry_run and archive.keep(self.db.paths, vb.bundle_id, vb.plain.raw):
            self.kept.append(vb.bundle_id)

    # -- data -----------------------------------------------------------------------------------------

    def _local(self, record_type: str, ids: list[str], extra: list[str]) -> dict[str, tuple[Any, ...]]:
        """id (wire form) → (change_seq, *extra) of the rows already here."""
        return {row[0]: row[1:] for row in stored.rows_by_id(self.conn, record_type, ids, ("change_seq", *extra))}

    def _apply_data(self, vb: VerifiedBundle, report: BundleReport) -> None:
        party_touched, plan = self._plan_and_write(vb, report)
        if not self.dry_run:  # a dry run is rolled back: the index would be too
            self._index(plan, party_touched)

    def _plan_and_write(self, vb: VerifiedBundle, report: BundleReport
                        ) -> tuple[set[str], dict[str, tuple[list[list[Any]], list[list[Any]]]]]:
        """Classify every record, write what is new or newer; returns the cases whose parties changed."""
        src = vb.source["installation_id"]
        plan: dict[str, tuple[list[list[Any]], list[list[Any]]]] = {}  # type → (new rows, updated rows)
        problems = report.problems
        listing = report.records = [] if self.details else None

        def tally(t: str, rows: list[list[Any]], i_id: int, outs: list[str]) -> None:
            """Count one record type's outcomes (one per row, in file order)."""
            if not outs:
                return
            counts = Counter(outs)
            report.counts.update(counts)
            report.by_type.setdefault(t, Counter()).update(counts)
            if listing is not None:
                listing.extend((t, r[i_id], o) for r, o in zip(rows, outs, strict=True))

        def refuse(t: str, rid: str, what: str, why: str) -> str:
            problems.append({"type": t, "id": rid, "reason": why})
            return what

        # cases: the sender must own them, and own them here too
        names = schema.column_names("mediation_case")
        ci = {n: names.index(n) for n in ("id", "change_seq", "owner_installation_id", "owner_org_code", "year",
                                          "serial", "case_no")}
        i_id, i_seq, i_owner = ci["id"], ci["change_seq"], ci["owner_installation_id"]
        cases = vb.records["mediation_case"]
        local = self._local("mediation_case", [r[i_id] for r in cases], ["owner_installation_id"])
        in_bundle: set[str] = set()
        refused: dict[str, str] = {}
        new_rows: list[list[Any]] = []
        upd_rows: list[list[Any]] = []
        outs: list[str] = []
        numbers = self._numbers_taken(cases, ci)
        number_of = operator.itemgetter(ci["owner_org_code"], ci["year"], ci["serial"])
        i_no = ci["case_no"]
        held = self._case_numbers_held(r[i_no] for r in cases)  # case number → the case here that has it
        for r in cases:
            rid = r[i_id]
            in_bundle.add(rid)
            if r[i_owner] != src:
                refused[rid] = "owner"
                outs.append(refuse("mediation_case", rid, "rejected", "owner"))
                continue
            here = local.get(rid)
            if here is not None and here[1] != src:
                refused[rid] = "owner"
                outs.append(refuse("mediation_case", rid, "conflict", "owner"))
                continue
            written = here is None or r[i_seq] > here[0]
            holder = held.get(r[i_no], rid)
            taken = numbers.get(number_of(r)) if numbers and here is None else None
            if written and (holder != rid or taken not in (None, rid)):  # its number is another case's
                refused[rid] = "number"
                outs.append(refuse("mediation_case", rid, "conflict", "number"))
                continue
            if written:
                held[r[i_no]] = rid  # (a second case of the bundle with the same number is a conflict too)
            if here is None:
                new_rows.append(r)
                outs.append("new")
            else:
                outs.append(self._versioned(r, r[i_seq], here[0], new_rows, upd_rows))
        tally("mediation_case", cases, i_id, outs)
        plan["mediation_case"] = (new_rows, upd_rows)
        # records of cases: their case must be in the bundle and accepted
        party_touched: set[str] = set()
        for t in schema.CHILD_TYPES:
            names = schema.column_names(t)
            i_id, i_seq, i_case = names.index("id"), names.index("change_seq"), names.index("case_id")
            rows = vb.records[t]
            local = self._local(t, [r[i_id] for r in rows], ["case_id"])
            new_rows, upd_rows, outs = [], [], []
            files = t == "attachment"
            for r in rows:
                rid, case_id = r[i_id], r[i_case]
                if case_id not in in_bundle:
                    outs.append(refuse(t, rid, "rejected", "orphan"))
                    continue
                if case_id in refused:
                    outs.append(refuse(t, rid, "rejected", refused[case_id]))
                    continue
                here = local.get(rid) if local else None
                if here is not None and here[1] != case_id:
                    outs.append(refuse(t, rid, "conflict", "owner"))
                    continue
                why = self._file_problem(vb, r, names) if files else None
                if why is not None:
                    outs.append(refuse(t, rid, "rejected", why))
                    continue
                if here is None:  # (most records of a bundle: new here)
                    new_rows.append(r)
                    outs.append("new")
                else:
                    outs.append(self._versioned(r, r[i_seq], here[0], new_rows, upd_rows))
            tally(t, rows, i_id, outs)
            if t == "party":  # cases whose parties are written: their search keys change
                party_touched.update(r[i_case] for r in new_rows)
                party_touched.update(r[i_case] for r in upd_rows)
            if t == "agreement":  # a version after the one it supersedes
                i_version = names.index("version")
                new_rows.sort(key=lambda r: r[i_version])
            plan[t] = (new_rows, upd_rows)
        self._plan_registers(vb, plan, refused, tally, refuse)
        if not self.dry_run:  # (a dry run is rolled back: it indexes nothing)
            self._new_texts = texts_of_new_cases(plan["mediation_case"][0], plan.get("party", ([], []))[0])
            self._tokens.start(self._new_texts)  # made in a second process while the records are written
        try:
            self._write(plan)
            self._store_files(vb, plan)
        except BaseException:
            self._tokens.close()
            raise
        return party_touched, plan

    def _plan_registers(self, vb: VerifiedBundle, plan: dict[str, tuple[list[list[Any]], list[list[Any]]]],
                        refused: dict[str, str], tally: Callable[[str, list[list[Any]], int, list[str]], None],
                        refuse: Callable[[str, str, str, str], str]) -> None:
        """The committee's registers (the roster, the screenings and what they found): each the source's own
        (``ownership.check_bundle``), new or a newer version of one here; a found dispute registered as a case that
        this import refuses is refused with it (its link would name a case that is not here)."""
        for t in schema.REGISTER_TYPES:
            names = schema.column_names(t)
            i_id, i_seq = names.index("id"), names.index("change_seq")
            i_case = names.index("case_id") if t == "screening_finding" else None
            rows = vb.records.get(t, [])
            local = self._local(t, [r[i_id] for r in rows], [])
            new_rows: list[list[Any]] = []
            upd_rows: list[list[Any]] = []
            outs: list[str] = []
            for r in rows:
                if i_case is not None and r[i_case] in refused:
                    outs.append(refuse(t, r[i_id], "rejected", refused[r[i_case]]))
                    continue
                here = local.get(r[i_id])
                if here is None:
                    new_rows.append(r)
                    outs.append("new")
                else:
                    outs.append(self._versioned(r, r[i_seq], here[0], new_rows, upd_rows))
            tally(t, rows, i_id, outs)
            plan[t] = (new_rows, upd_rows)

    @staticmethod
    def _versioned(row: list[Any], seq: int, here: int, new_rows: list[list[Any]], upd_rows: list[list[Any]]) -> str:
        """A record that is here already: newer (written), the same, or older (kept as it is here)."""
        if seq > here:
            upd_rows.append(row)
            return "updated"
        return "unchanged" if seq == here else "older"

    def _numbers_taken(self, cases: list[list[Any]], ci: dict[str, int]) -> dict[tuple[str, int, int], str]:
        """(owner org, year, serial) → id of the case here that has that number, for the orgs in the bundle."""
        orgs = {r[ci["owner_org_code"]] for r in cases}
        out: dict[tuple[str, int, int], str] = {}
        if not orgs:
            return out
        for cid, org, year, serial in self.conn.execute(
                select(Case.id, Case.owner_org_code, Case.year, Case.serial).where(Case.owner_org_code.in_(orgs))):
            out[(org, year, serial)] = cid.hex
        return out

    def _case_numbers_held(self, case_numbers: Iterable[str]) -> dict[str, str]:
        """Case number (its text) → id of the case here that has it, for the numbers of a bundle's cases: a case
        number names one case wherever it is read (a document, the ledger, a search), whoever owns it."""
        wanted = sorted(set(case_numbers))
        out: dict[str, str] = {}
        for start in range(0, len(wanted), 5_000):
            chunk = wanted[start:start + 5_000]
            for cid, case_no in self.conn.execute(select(Case.id, Case.case_no).where(Case.case_no.in_(chunk))):
                out[case_no] = cid.hex
        return out

    def _file_problem(self, vb: VerifiedBundle, row: list[Any], names: list[str]) -> str | None:
        """Why an attachment record is not taken (None: it is): its file is neither in the bundle nor here
        (``file``), or is not what the record says it is (``type``: ``sync.verify`` for a file in the bundle; a file
        here is checked too — a record may name the hash of a PNG the hub took in before, as 凭证.pdf)."""
        if row[names.index("deleted_at")] is not None:
            return None
        if row[names.index("id")] in vb.unfit:
            return "type"
        sha = row[names.index("sha256")]
        if sha in vb.attachments:
            return None
        store = FileStore(self.db.paths.files)
        if store.verify(sha) != "ok":
            return "file"
        return "type" if content_problem(store.read(sha), row[names.index("filename")],
                                         row[names.index("media_type")]) else None

    def _store_files(self, vb: VerifiedBundle, plan: dict[str, tuple[list[list[Any]], list[list[Any]]]]) -> None:
        if self.dry_run:
            return
        names = schema.column_names("attachment")
        i_sha = names.index("sha256")
        store = FileStore(self.db.paths.files)
        new_rows, upd_rows = plan.get("attachment", ([], []))
        i_deleted = names.index("deleted_at")
        for r in [*new_rows, *upd_rows]:
            data = vb.attachments.get(r[i_sha])
            if data is not None and r[i_deleted] is None:  # (a removed attachment's file is not taken in)
                store.put_bytes(data)  # content-addressed: an orphan file after a rollback is harmless

    # -- writing -------------------------------------------------------------------------------------------

    def _write(self, plan: dict[str, tuple[list[list[Any]], list[list[Any]]]]) -> None:
        for t in schema.BUNDLE_TYPES:
            self.steps.step()
            new_rows, upd_rows = plan.get(t, ([], []))
            cols = schema.columns(t)
            names = [c.name for c in cols]
            i_key = names.index("id")
            self.uow.touch(t, [r[i_key] for r in upd_rows])  # sealed at the commit (storage.seal)
            if t not in SELF_REFERENCING:  # in key order: the primary key index grows page after page
                new_rows = sorted(new_rows, key=operator.itemgetter(names.index("id")))
            if self.sqlite:
                convs = [codec.wire_to_sqlite(c) for c in cols]
                if new_rows:  # (as tuples, one copy: most tables have no value to convert)
                    written = list(map(tuple, codec.convert_rows(new_rows, convs) if any(convs) else new_rows))
                    self.conn.exec_driver_sql(self._insert_sql(t, names), written)
                    self._seal_inserted(t, names, written)
                if upd_rows:
                    i_id = names.index("id")
                    rows = codec.convert_rows(upd_rows, convs)
                    self.conn.exec_driver_sql(self._update_sql(t, names),
                                              [(*r[:i_id], *r[i_id + 1:], r[i_id]) for r in rows])
            else:
                table = Base.metadata.tables[t]
                convs = [codec.from_wire(c) for c in cols]
                if new_rows:  # COPY of the wire text as it is: several times an INSERT's speed (storage.bulk)
                    self._seal_inserted(t, names, copy_wire_rows(self.conn, t, names, new_rows))
                if upd_rows:
                    from sqlalchemy import bindparam

                    stmt = (table.update().where(table.c.id == bindparam("_id"))
                            .values({n: bindparam(n) for n in names if n != "id"}))
                    params = []
                    for r in codec.convert_rows(upd_rows, convs):
                        p = dict(zip(names, r, strict=True))
                        p["_id"] = p.pop("id")
                        params.append(p)
                    self.conn.execute(stmt, params)

    def _seal_inserted(self, t: str, names: list[str], written: Sequence[Sequence[Any]]) -> None:
        """The seals of the rows just inserted, from the values handed to the driver where their stored form is
        certain (``seal.written_seals``); the others are read back at the commit."""
        made = seal.written_seals(self.conn, t, dict(zip(names, zip(*written, strict=True), strict=True)),
                                  written if self.sqlite else None)
        if made is None:
            self.uow.touch(t, [r[names.index("id")] for r in written])
            return
        digests, unsure = made
        self.uow.presealed(t, digests)
        self.uow.touch(t, unsure)

    def _insert_sql(self, t: str, names: list[str]) -> str:
        key = f"insert {t}"
        if key not in self._sql:
            table = Table(t, MetaData(), *(Column(n, NullType()) for n in names))
            compiled = table.insert().compile(dialect=self.conn.dialect)
            assert list(compiled.positiontup or ()) == names
            self._sql[key] = str(compiled)
        return self._sql[key]

    def _update_sql(self, t: str, names: list[str]) -> str:
        key = f"update {t}"
        if key not in self._sql:
            sets = ", ".join(f'"{n}" = ?' for n in names if n != "id")
            self._sql[key] = f'UPDATE "{t}" SET {sets} WHERE id = ?'
        return self._sql[key]

    def index_written(self) -> None:
        """After the last bundle's index rows: the full-text tables' options as they were (SQLite, a big import: it
        held more new terms in memory before writing a segment, storage.bulk)."""
        restore, self._fts5_restore = self._fts5_restore, None
        if restore is not None:
            restore()

    def forget_fts5_options(self) -> None:
        """An import that does not commit after changing the FTS5 tables' options: its rollback takes their stored
        form back, but SQLite's FTS5 keeps them in the connection's memory (it reads them again only when another
        change of them is committed), so the driver's connection is discarded instead of going back to the pool."""
        if self._fts5_roomy:
            self._fts5_roomy = False
            self.conn.invalidate()

    def _index(self, plan: dict[str, tuple[list[list[Any]], list[list[Any]]]], party_touched: set[str]) -> None:
        """New and changed cases into the search index, in the import's transaction: a changed case keeps its
        row when its searchable text is as it was (a status, a session, a follow-up)."""
        new_cases, upd_cases = plan["mediation_case"]
        names = schema.column_names("mediation_case")
        i_id = names.index("id")
        fresh = {r[i_id] for r in new_cases}
        changed = ({r[i_id] for r in upd_cases} | party_touched) - fresh
        search.refresh_cases(self.conn, sorted(changed))
        texts, self._new_texts = self._new_texts, []
        roomy_pending_list(self.conn, len(texts))  # (PostgreSQL: cleaned after the commit, storage.planner)
        if self.sqlite and self._fts5_restore is None and len(texts) >= FTS5_ROOMY_FROM:
            self._fts5_restore = roomy_fts5_pending(self.conn)  # fewer segments to merge (until index_written())
            self._fts5_roomy = True
        search.index_cases(self.conn, texts, driver_values=self.sqlite, tokens=self._tokens.tokens())

