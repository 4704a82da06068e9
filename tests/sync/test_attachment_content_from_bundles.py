"""An attachment that comes in a bundle must be what it says it is: its content begins with the bytes of the type its
name and media type say (a PDF, a JPEG, a PNG, a TIFF, a BMP), a PDF opens with a page, and it is no larger than an
attachment may be. An .exe labelled application/pdf (a 履行凭证 scan) was stored, shown as 「共 0 页」 and handed on
to the county. Now such an attachment's record is rejected and no file of it is stored (``sync.problem_type``, in
the import's summary and the village's receipt), and the rest of the bundle is taken: a village's older attachment
of a type no longer taken, or a scan renamed by hand, must not stop every later bundle of that village."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from attachment_samples import image, pdf
from sync_helpers import Inst, resign, rezip

from mediation_desktop.domain.enums import AttachmentKind
from mediation_desktop.i18n import tr
from mediation_desktop.services import attachments
from mediation_desktop.sync import schema
from mediation_desktop.sync.container import Limits
from mediation_desktop.sync.errors import SyncError
from mediation_desktop.sync.keys import known_peers, own_keys
from mediation_desktop.sync.verify import Trust, verify_file

COLUMNS = schema.column_names("attachment")
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run in DOS mode"
HTML = b"<!DOCTYPE html><html><body><script>location='http://example.invalid/'</script></body></html>"


def _linked(make_inst: Callable[..., Inst]) -> tuple[Inst, Inst]:
    t = make_inst("城关", "330102", "township", "330100")
    a = make_inst("石桥", "330102001", "village", "330102")
    for x, y in ((t, a), (a, t)):
        x.trusts(y)
    return a, t


def _forge(village: Inst, bundle: Path, out: Path, *, content: bytes | None, pick: str = "履行凭证.pdf",
           drop: tuple[str, ...] = (), **row: Any) -> Path:
    """``bundle`` with the file of its attachment named ``pick`` replaced by ``content`` (None: not carried), the
    members ``drop`` left out, and the record's columns changed; hashes and sizes made to agree, signed again by the
    village's real key: everything is in order but what the file is."""
    with zipfile.ZipFile(bundle) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        doc = json.loads(zf.read("records/attachment.json"))
    record = next(r for r in doc["rows"] if r[COLUMNS.index("filename")] == pick)
    gone = {f"attachments/{record[COLUMNS.index('sha256')]}", *drop}
    change: dict[str, bytes | None] = dict.fromkeys(gone)
    add: list[tuple[str, bytes]] = []
    members = [m for m in manifest["members"] if m["name"] not in gone]
    if content is not None:
        sha = hashlib.sha256(content).hexdigest()
        record[COLUMNS.index("sha256")], record[COLUMNS.index("size")] = sha, len(content)
        add.append((f"attachments/{sha}", content))
        members.append({"name": f"attachments/{sha}", "sha256": sha, "size": len(content)})
    for column, value in row.items():
        record[COLUMNS.index(column)] = value
    body = json.dumps(doc, ensure_ascii=False).encode()
    for m in members:
        if m["name"] == "records/attachment.json":
            m.update(sha256=hashlib.sha256(body).hexdigest(), size=len(body))
    manifest["members"] = members
    data, sig = resign(village.db, manifest)
    change.update({"records/attachment.json": body, "manifest.json": data, "manifest.sig": sig})
    return rezip(bundle, out, change=change, add=add)


def _files(inst: Inst) -> list[str]:
    return sorted(p.name for p in inst.db.paths.files.rglob("*") if p.is_file())


def _refused_whole(hub: Inst, forged: Path, name: str) -> str:
    """The attachment named ``name`` is rejected (``type``), its file not stored, the case and its other records
    taken; the line the command line prints for it is Chinese. Returns that line."""
    files = _files(hub)
    summary = hub.import_(forged)
    [report] = summary.bundles
    [problem] = [p for p in report.problems if p["type"] == "attachment"]
    assert problem["reason"] == "type", report.problems
    assert report.by_type["mediation_case"]["new"] == 1 and report.by_type["party"]["new"] == 2
    assert _files(hub) == files  # no file of it stored
    with hub.db.engine.connect() as conn:
        from sqlalchemy import text

        assert conn.execute(text("SELECT count(*) FROM attachment WHERE filename = :n"), {"n": name}).scalar() == 0
    line = tr("sync.problem_type", "zh", type="附件", id=problem["id"])
    assert "\n" not in line and "不符" in line and not re.findall(r"[a-z]{3,}", line.replace(problem["id"], "")), line
    return line


@pytest.fixture
def scanned(make_inst: Callable[..., Inst], tmp_path: Path) -> tuple[Inst, Inst, Path]:
    """A village whose case has a signed agreement's scan (a real PDF), its bundle, and its township."""
    village, hub = _linked(make_inst)
    case = village.register("张三", "李四")
    scan = tmp_path / "履行凭证.pdf"
    scan.write_bytes(pdf("履行凭证"))
    attachments.add_attachment(village.db, village.actor, case, scan, kind=AttachmentKind.PERFORMANCE_PROOF)
    return village, hub, village.export(encrypt=False)


HOSTILE = {
    "exe-as-pdf": (EXE, "履行凭证.pdf", "application/pdf"),
    "png-as-pdf": (image("PNG"), "履行凭证.pdf", "application/pdf"),
    "truncated-pdf": (pdf("履行凭证")[:700], "履行凭证.pdf", "application/pdf"),
    "html-as-jpeg": (HTML, "现场照片.jpg", "image/jpeg"),
    "pdf-named-exe": (pdf("履行凭证"), "履行凭证.exe", "application/pdf"),
    "jpeg-declared-pdf": (image("JPEG"), "现场照片.jpg", "application/pdf"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_an_attachment_not_what_it_says_is_not_taken(scanned: tuple[Inst, Inst, Path], tmp_path: Path,
                                                     case: str) -> None:
    village, hub, bundle = scanned
    content, name, media = HOSTILE[case]
    forged = _forge(village, bundle, tmp_path / f"{case}.zip", content=content, filename=name, media_type=media)
    _refused_whole(hub, forged, name)
    assert len(_files(hub)) == 0


def test_a_pdf_of_no_page_is_refused(scanned: tuple[Inst, Inst, Path], tmp_path: Path) -> None:
    import io

    from pypdf import PdfWriter

    out = io.BytesIO()
    PdfWriter().write(out)  # a well-formed PDF with no page: 「共 0 页」, nothing to print or show
    village, hub, bundle = scanned
    forged = _forge(village, bundle, tmp_path / "empty.zip", content=out.getvalue())
    _refused_whole(hub, forged, "履行凭证.pdf")


def test_a_recorded_size_that_is_not_the_files_is_refused(scanned: tuple[Inst, Inst, Path], tmp_path: Path) -> None:
    village, hub, bundle = scanned
    forged = _forge(village, bundle, tmp_path / "size.zip", content=pdf("另一份"), size=3)
    _refused_whole(hub, forged, "履行凭证.pdf")


def test_a_record_naming_a_file_here_as_another_type_is_refused(make_inst: Callable[..., Inst],
                                                               tmp_path: Path) -> None:
    """The file is not carried: the record names the hash of a PNG the township took in before, as a PDF."""
    village, hub = _linked(make_inst)
    case = village.register("张三", "李四")
    photo = tmp_path / "界桩.png"
    photo.write_bytes(image("PNG"))
    attachments.add_attachment(village.db, village.actor, case, photo, kind=AttachmentKind.PHOTO)
    hub.import_(village.export(encrypt=False))
    png_sha = hashlib.sha256(photo.read_bytes()).hexdigest()
    scan = tmp_path / "履行凭证.pdf"
    scan.write_bytes(pdf("履行凭证"))
    attachments.add_attachment(village.db, village.actor, case, scan, kind=AttachmentKind.PERFORMANCE_PROOF)
    second = village.export(encrypt=False)  # (it carries the PNG again, with the case's other records)
    forged = _forge(village, second, tmp_path / "png-here-as-pdf.zip", content=None, drop=(f"attachments/{png_sha}",),
                    sha256=png_sha, size=len(photo.read_bytes()))
    files, summary = _files(hub), hub.import_(forged)
    assert [p["reason"] for p in summary.bundles[0].problems] == ["type"] and _files(hub) == files


def test_an_attachment_over_the_limit_is_refused_before_it_is_read(scanned: tuple[Inst, Inst, Path]) -> None:
    _, hub, bundle = scanned
    trust = Trust(own_keys(hub.db), known_peers(hub.db))
    with pytest.raises(SyncError) as err:
        verify_file(bundle, trust, Limits(attachment_size=100))
    assert err.value.key == "sync.too_big" and err.value.params["detail"].startswith("attachments/")
    assert Limits().attachment_size == attachments.MAX_BYTES  # what a bundle may carry is what one may add
