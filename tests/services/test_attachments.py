from __future__ import annotations

import pytest
from attachment_samples import image

from mediation_desktop.domain.enums import AttachmentKind
from mediation_desktop.errors import MediationError
from mediation_desktop.services.attachments import add_attachment
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.health import check
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.filestore import FileStore
from mediation_desktop.storage.models import Attachment


def test_attachment_is_content_addressed_and_checked(db, director, tmp_path):
    reg = register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")]))
    photo = tmp_path / "界桩照片.jpg"
    photo.write_bytes(image("JPEG"))
    first = add_attachment(db, director, reg.case_id, photo, kind=AttachmentKind.PHOTO)
    add_attachment(db, director, reg.case_id, photo, kind=AttachmentKind.EVIDENCE)  # same content, one file
    with db.read_session() as s:
        row = s.get(Attachment, first)
        assert (row.filename, row.media_type, row.size) == ("界桩照片.jpg", "image/jpeg", photo.stat().st_size)
    store = FileStore(db.paths.files)
    assert store.read(row.sha256) == photo.read_bytes()
    assert len(list(db.paths.files.rglob("*"))) == 2  # one folder, one file
    assert check(db) == []
    store.path_for(row.sha256).write_bytes(b"changed")
    assert [p.key for p in check(db)] == ["check.file_hash"]
    store.path_for(row.sha256).unlink()
    assert [p.key for p in check(db)] == ["check.file_missing"]


def test_unreadable_file_changes_nothing(db, director, tmp_path):
    reg = register_case(db, director, CaseInput("neighbour", [PartyInput("张三")]))
    with pytest.raises(MediationError, match="attachment.unreadable"):
        add_attachment(db, director, reg.case_id, tmp_path / "missing.jpg")
    with db.read_session() as s:
        assert s.query(Attachment).count() == 0
