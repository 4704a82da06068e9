"""Applying verified bundles: a dry run that says what each record would do, then one transaction.

Per record, the outcome is one of: new, unchanged (same version), updated (a newer version),
older (a version older than the one here: kept as it is), conflict (the record here belongs to
someone else), rejected (the sender does not own it, its case is missing, its file is missing).
Versions are the owner's change sequence, which a copy keeps: only the owner edits a record, so
a higher number is always the later state and order of arrival does not matter.

Everything of one ``import`` — every file, forwarded bundles, the ledger, the audit entries, the
search index rows of the new and changed cases — is one transaction; a dry run is the same work rolled
back at the end.
"""

from __future__ import annotations

import gc
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.exc import DataError, IntegrityError

from mediation_desktop.reports import summary as report_summary
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import SyncImport
from mediation_desktop.storage.planner import analyze_after_bulk_write, cleaned_if_failed
from mediation_desktop.storage.unit_of_work import UnitOfWork
from mediation_desktop.sync import archive, schema
from mediation_desktop.sync.applier import Applier
from mediation_desktop.sync.errors import SyncError
from mediation_desktop.sync.keys import known_peers, own_keys
from mediation_desktop.sync.outcomes import ImportSummary
from mediation_desktop.sync.progress import Progress, Steps
from mediation_desktop.sync.receipts import receipt_is_ours
from mediation_desktop.sync.verify import Trust, VerifiedBundle, verify_file

UNFIT = (RecursionError, OverflowError)
"""What a value the checks let through may still raise, read or written (a nesting the walk did not foresee, a
number no column holds): the bundle is refused as malformed, never an internal error."""

SKIPPABLE = {"sync.own_bundle", "sync.receipt_not_ours", "sync.not_for_us"}
"""Files a stick carries beside what is to be imported (our own bundles and receipts, receipts for other
units, bundles sealed for another unit): passed over with a note when other files are imported with them,
refused when alone."""


def import_files(db: Database, files: Iterable[Path], *, actor: str, dry_run: bool = False,
                 trust_new: bool = False, receipts_dir: Path | None = None, details: bool = False,
                 progress: Progress | None = None) -> ImportSummary:
    """Verify every file, then apply them all in one transaction (or roll it back for a dry run).

    With ``details`` every record's outcome is listed (the preview of a dry run), not only the problems.
    The imported cases are searchable when this returns: they are indexed in the import's transaction.
    ``progress(done, total)`` hears of each file verified and each record type written; whatever it raises
    stops the import before its commit (see ``sync.progress``).
    """
    with cleaned_if_failed(db), collector_paused():  # (a failed bulk import's index entries: storage.planner)
        summary = _import_files(db, list(files), actor=actor, dry_run=dry_run, trust_new=trust_new,
                                receipts_dir=receipts_dir, details=details, progress=progress)
    if not dry_run:  # a big import: PostgreSQL's planner learns the new table sizes (see storage.planner)
        analyze_after_bulk_write(db, summary.total("new") + summary.total("updated"))
    return summary


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a bundle's millions of rows are read and written.

    Every list a record file parses into is a container the collector tracks: with 100,000 cases it
    would walk the whole, growing heap again and again (a large share of an import's time) to find
    cycles that these rows never form. Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _import_files(db: Database, files: list[Path], *, actor: str, dry_run: bool, trust_new: bool,
                  receipts_dir: Path | None, details: bool, progress: Progress | None) -> ImportSummary:
    keys = own_keys(db)
    with db.read_session() as s:
        applied = {b.hex: sha for b, sha in s.execute(select(SyncImport.bundle_id, SyncImport.sha256))}
    trust = Trust(keys, known_peers(db), trust_new, applied=applied)
    steps = Steps(progress, len(files) * (1 + len(schema.BUNDLE_TYPES)) + 1)
    verified, skipped = [], []
    for f in files:  # nothing is touched before all are verified
        try:
            try:
                vb = verify_file(Path(f), trust)
            except RecursionError:
                raise SyncError("sync.bad_content", path=str(f), detail="nested too deep") from None
            except OverflowError:
                raise SyncError("sync.bad_content", path=str(f), detail="a value out of range") from None
            if vb.kind == "receipt" and not receipt_is_ours(vb, keys.peer.installation_id):
                raise SyncError("sync.receipt_not_ours", path=str(f))
        except SyncError as exc:
            if exc.key not in SKIPPABLE:
                raise
            skipped.append(exc)
        else:
            verified.append(vb)
        steps.step()
    if skipped and not verified:  # nothing here to import: say why, as for one such file alone
        raise skipped[0]
    steps.set_total(len(files) + len(schema.BUNDLE_TYPES) * sum(_data_bundles(v) for v in verified) + 1)
    summary = ImportSummary(dry_run, skipped=[{"path": e.params.get("path", ""), "reason": e.key,
                                                "params": dict(e.params)} for e in skipped])
    reason = ", ".join(v.manifest.get("bundle_id", "") for v in verified)
    with UnitOfWork(db, actor=actor, action="sync.import", reason=reason[:500]) as uow:
        applier = Applier(db, uow, keys.peer.installation_id, dry_run, details, steps)
        committed = False
        try:
            applier.roomy_cache(sum(_rows(v) for v in verified))
            for vb in verified:
                applier.apply(vb, summary)
            applier.index_written()
            uow.session.flush()
            summary.gaps = gaps(uow.session.connection(), {b.source_installation_id for b in summary.bundles
                                                           if b.kind == "data"})
            steps.last()  # (a stop here still rolls everything back)
            if not dry_run:
                report_summary.after_import(uow, summary)
                uow.commit()
                committed = True
        except IntegrityError:
            raise SyncError("sync.bad_content", path=verified[-1].path if verified else "",
                            detail="records do not fit together") from None
        except (DataError, *UNFIT):  # (PostgreSQL: a value out of a column's range; SQLite: a number too large)
            raise SyncError("sync.bad_content", path=verified[-1].path if verified else "",
                            detail="a value out of range") from None
        finally:
            applier.roomy_cache(0)
            if not committed:  # the bundles kept for forwarding go with the transaction
                archive.forget(db.paths, applier.kept)
                applier.forget_fts5_options()
    if not dry_run:
        from mediation_desktop.sync.receipts import write_receipts

        write_receipts(db, keys, applier.receipts_due, receipts_dir)
    return summary


def _data_bundles(vb: VerifiedBundle) -> int:
    """Data bundles to apply in ``vb`` (itself and what it forwards): each writes every record type."""
    own = vb.kind == "data" and not vb.applied_before
    return own + sum(_data_bundles(f) for f in vb.forwarded)


def _rows(vb: VerifiedBundle) -> int:
    return sum(len(r) for r in vb.records.values()) + sum(_rows(f) for f in vb.forwarded)


def gaps(conn: Connection, sources: set[str]) -> list[dict[str, Any]]:
    """Holes in the sequence each source's applied bundles cover (a bundle not arrived yet)."""
    out: list[dict[str, Any]] = []
    for src in sorted(sources):
        spans = sorted(conn.execute(select(SyncImport.seq_from, SyncImport.seq_to, SyncImport.source_org_code)
                                    .where(SyncImport.source_installation_id == uuid.UUID(hex=src),
                                           SyncImport.kind == "data")).all())
        point = 0
        for seq_from, seq_to, org in spans:
            if seq_from > point:
                out.append({"source": org, "seq_from": point + 1, "seq_to": int(seq_from)})
            point = max(point, int(seq_to))
    return out
