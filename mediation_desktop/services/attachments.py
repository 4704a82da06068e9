"""Attachments (附件): photos, scans of the signed agreement, evidence — kept by content hash."""

from __future__ import annotations

import mimetypes
import uuid
from pathlib import Path

from mediation_desktop.domain.enums import AttachmentKind
from mediation_desktop.errors import MediationError
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.cases import owned_case
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.filestore import FileStore
from mediation_desktop.storage.models import Agreement, Attachment
from mediation_desktop.storage.unit_of_work import UnitOfWork

MAX_BYTES = 50 * 1024 * 1024


def add_attachment(db: Database, actor: Actor, case_id: uuid.UUID, source: Path, *,
                   kind: AttachmentKind = AttachmentKind.OTHER, description: str = "",
                   agreement_id: uuid.UUID | None = None) -> uuid.UUID:
    """Copy ``source`` into the file store and record it on the case.

    The file is written (and synced) before the row commits, so a row never names a missing file;
    a crash in between leaves at most an unreferenced file, which costs only space.
    """
    try:
        data = source.read_bytes()
    except OSError:
        raise MediationError("attachment.unreadable", path=str(source)) from None
    if len(data) > MAX_BYTES:
        raise MediationError("attachment.too_large", path=source.name, max_mb=MAX_BYTES // (1024 * 1024))
    with UnitOfWork(db, actor=actor.username, action="case.attachment") as uow:
        case = owned_case(uow, case_id)
        if agreement_id is not None:
            agreement = uow.session.get(Agreement, agreement_id)
            if agreement is None or agreement.case_id != case.id:
                raise MediationError("case.not_found", value=str(agreement_id))
        sha256, size = FileStore(db.paths.files).put_bytes(data)
        row = Attachment(case_id=case.id, agreement_id=agreement_id, kind=AttachmentKind(kind), sha256=sha256,
                         size=size, filename=source.name,
                         media_type=mimetypes.guess_type(source.name)[0] or "application/octet-stream",
                         description=description.strip())
        uow.session.add(row)
        uow.commit()
        return row.id
