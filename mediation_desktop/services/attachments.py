"""Attachments (附件): photos, scans of the signed agreement, evidence — kept by content hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from pathlib import Path

from sqlalchemy import select

from mediation_desktop.domain.enums import AttachmentKind
from mediation_desktop.errors import MediationError
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.cases import owned_case, require_director
from mediation_desktop.storage.attachment_types import (
    MAX_BYTES,
    SUFFIXES,
    content_problem,
    phone_format,
    renamed,
    type_of_content,
    type_of_name,
)
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.filestore import FileStore
from mediation_desktop.storage.input_file import open_input, read_input
from mediation_desktop.storage.models import Agreement, Attachment
from mediation_desktop.storage.unit_of_work import UnitOfWork
from mediation_desktop.sync.file_names import plain_file_name

HEAD_BYTES = 64  # of a file whose name is of no accepted type: enough to tell each accepted type by its content

__all__ = ["MAX_BYTES", "SCAN_SUFFIXES", "add_attachment", "attachment_file", "remove_attachment", "scanner_files"]


def _refused(data: bytes | None, source: Path) -> MediationError:
    """Why ``source`` is not attached, with the next step where there is one: a phone's HEIC or WeChat's WebP photo
    (how to get a JPEG), an accepted image under another type's extension (rename it to what it is); anything else
    (a forged file, a type not accepted) is said as it is."""
    phone = phone_format(data, source.name)
    if phone is not None:
        return MediationError(f"attachment.{phone.lower()}", path=str(source))
    if data is None:
        return MediationError("attachment.type_not_accepted", path=str(source))
    if type_of_name(source.name) is None:  # an accepted file under a name of no accepted type: .jfif, .heic, none
        found = type_of_content(data)
        if found is None:
            return MediationError("attachment.type_not_accepted", path=str(source))
        named = Path(source.name).suffix
        stem = Path(source.name).stem if named else source.name
        return MediationError("attachment.wrong_extension" if named else "attachment.no_extension", path=str(source),
                              actual=found.label, named=named, suffix=found.suffixes[0],
                              suggested=stem + found.suffixes[0])
    actual = renamed(data, source.name)
    if actual is not None:
        suffix = actual.suffixes[0]
        return MediationError("attachment.wrong_extension", path=str(source), actual=actual.label,
                              named=Path(source.name).suffix, suffix=suffix, suggested=Path(source.name).stem + suffix)
    return MediationError("attachment.not_what_it_says", path=str(source), detail=content_problem(data, source.name))


def _head(source: Path) -> bytes | None:
    """The first bytes of ``source`` (a regular file's: never a folder, device or pipe), or None if it cannot be
    read: enough to tell an accepted type by its content."""
    try:
        with open_input(source) as fh:
            return fh.read(HEAD_BYTES)
    except (OSError, MediationError):
        return None


def add_attachment(db: Database, actor: Actor, case_id: uuid.UUID, source: Path, *,
                   kind: AttachmentKind = AttachmentKind.OTHER, description: str = "",
                   agreement_id: uuid.UUID | None = None) -> uuid.UUID:
    """Copy ``source`` into the file store and record it on the case.

    The file is written (and synced) before the row commits, so a row never names a missing file;
    a crash in between leaves at most an unreferenced file, which costs only space. The file must be what its
    name says (``storage.attachment_types``): a PDF, JPEG, PNG, TIFF or BMP by its content too, a PDF that opens;
    anything else is refused with nothing changed.
    """
    from mediation_desktop.services.input_rules import require_text

    require_text(description, "attachment.description")
    require_text(source.name, "attachment.filename")
    file_type = type_of_name(source.name)
    if file_type is None:  # (refused before it is read whole: its first bytes say what to tell the user)
        raise _refused(_head(source), source)
    try:  # (a folder, a device, a pipe: refused before it is opened; a file over the limit never read whole)
        data = read_input(source, MAX_BYTES, too_big="attachment.too_large", missing="attachment.unreadable",
                          max_mb=MAX_BYTES // (1024 * 1024))
    except OSError:
        raise MediationError("attachment.unreadable", path=str(source)) from None
    if content_problem(data, source.name) is not None:
        raise _refused(data, source)
    with UnitOfWork(db, actor=actor.username, action="case.attachment") as uow:
        case = owned_case(uow, case_id, actor)
        if agreement_id is not None:
            agreement = uow.session.get(Agreement, agreement_id)
            if agreement is None or agreement.case_id != case.id:
                raise MediationError("case.not_found", value=str(agreement_id))
        sha256, size = FileStore(db.paths.files).put_bytes(data)
        row = Attachment(case_id=case.id, agreement_id=agreement_id, kind=AttachmentKind(kind), sha256=sha256,
                         size=size, filename=plain_file_name(source.name),  # (a name others may take in)
                         media_type=file_type.media_type,
                         description=description.strip())
        uow.session.add(row)
        uow.commit()
        return row.id


SCAN_SUFFIXES = SUFFIXES  # what the scanner's folder is looked through for: the types an attachment may be


def remove_attachment(db: Database, actor: Actor, attachment_id: uuid.UUID, *, reason: str) -> None:
    """Take an attachment off the case (director only, with a reason). The row becomes a tombstone and
    the file stays in the store: the audit trail can still show what was removed."""
    require_director(actor, "删除附件")
    if not reason.strip():
        raise MediationError("case.reason_required")
    with UnitOfWork(db, actor=actor.username, action="case.attachment_remove", reason=reason.strip()) as uow:
        row = uow.session.get(Attachment, attachment_id)
        if row is None or row.deleted_at is not None:
            raise MediationError("case.not_found", value=str(attachment_id))
        owned_case(uow, row.case_id, actor)
        row.deleted_at = dt.datetime.now(dt.UTC)
        uow.commit()


def attachment_file(db: Database, attachment_id: uuid.UUID) -> Path:
    """Where the stored copy of an attachment is (checked against its hash first)."""
    with db.read_session() as s:
        row = s.get(Attachment, attachment_id)
        if row is None:
            raise MediationError("case.not_found", value=str(attachment_id))
        sha256 = row.sha256
    store = FileStore(db.paths.files)
    if store.verify(sha256) != "ok":
        raise MediationError("attachment.damaged", name=str(sha256[:12]))
    return store.path_for(sha256)


def scanner_files(db: Database, case_id: uuid.UUID, folder: Path) -> list[Path]:
    """Scans and photos waiting in the scanner's folder that this case does not have yet (newest first)."""
    if not folder.is_dir():
        raise MediationError("attachment.no_scanner_folder", path=str(folder))
    with db.read_session() as s:
        have = set(s.scalars(select(Attachment.sha256).where(Attachment.case_id == case_id,
                                                             Attachment.deleted_at.is_(None))))
    found = []
    for path in folder.iterdir():
        if not path.is_file() or path.suffix.lower() not in SCAN_SUFFIXES or path.stat().st_size > MAX_BYTES:
            continue
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            continue
        if digest not in have:
            found.append(path)
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)
