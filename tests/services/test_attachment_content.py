"""A file the user adds (the window's 添加, the scanner's folder, a signed agreement's scan) must be what its name
says: a PDF, JPEG, PNG, TIFF or BMP by its leading bytes, a PDF that opens with a page. Anything else is refused
with one Chinese line naming the file, and nothing is recorded or stored."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from attachment_samples import image, pdf

from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services.attachments import SCAN_SUFFIXES, add_attachment
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Attachment

EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56 + b"This program cannot be run in DOS mode"


def _empty_pdf() -> bytes:
    from pypdf import PdfWriter

    out = io.BytesIO()
    PdfWriter().write(out)
    return out.getvalue()


REFUSED = {  # file name, content, what the line says
    "exe-as-pdf": ("履行凭证.pdf", EXE, "attachment.not_what_it_says"),
    "png-as-pdf": ("履行凭证.pdf", image("PNG"), "attachment.wrong_extension"),  # (said: rename it to .png)
    "truncated-pdf": ("协议书.pdf", pdf("协议书")[:700], "attachment.not_what_it_says"),
    "pdf-of-no-page": ("协议书.pdf", _empty_pdf(), "attachment.not_what_it_says"),
    "html-as-jpeg": ("现场照片.jpg", b"<html><script>alert(1)</script></html>", "attachment.not_what_it_says"),
    "jpeg-as-png": ("现场照片.png", image("JPEG"), "attachment.wrong_extension"),
    "text-as-bmp": ("现场照片.bmp", b"BMW of the respondent, parked on the field", "attachment.not_what_it_says"),
    "exe": ("setup.exe", EXE, "attachment.type_not_accepted"),
    "word": ("调查笔录.docx", b"PK\x03\x04 a word file", "attachment.type_not_accepted"),
    "no-extension": ("扫描件", pdf(), "attachment.no_extension"),  # (said: name it 扫描件.pdf)
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_file_not_what_its_name_says_is_refused_and_nothing_changes(db, director, tmp_path: Path,
                                                                      case: str) -> None:
    reg = register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")]))
    name, content, key = REFUSED[case]
    source = tmp_path / name
    source.write_bytes(content)
    with pytest.raises(MediationError) as err:
        add_attachment(db, director, reg.case_id, source)
    assert err.value.key == key
    line = tr(err.value.key, "zh", **err.value.params)
    assert "\n" not in line and name in line and "没有添加" in line, line
    bare = re.sub(r"\.(pdf|jpe?g|png|tiff?|bmp)\b", "", line.replace(str(source), ""))  # (an extension to type)
    assert not re.findall(r"[A-Za-z]{2,}", re.sub(r"PDF|JPEG|PNG|TIFF|BMP", "", bare)), line  # the detail in Chinese
    with db.read_session() as s:
        assert s.query(Attachment).count() == 0
    assert not [p for p in db.paths.files.rglob("*") if p.is_file()]


@pytest.mark.parametrize(("name", "content", "media_type"), [
    ("协议书.PDF", pdf("协议书"), "application/pdf"), ("照片.JPG", image("JPEG"), "image/jpeg"),
    ("照片.jpeg", image("JPEG", 90), "image/jpeg"), ("照片.png", image("PNG"), "image/png"),
    ("扫描.tif", image("TIFF"), "image/tiff"), ("扫描.tiff", image("TIFF", 60), "image/tiff"),
    ("扫描.bmp", image("BMP"), "image/bmp")])
def test_each_accepted_type_is_taken_and_recorded_as_its_type(db, director, tmp_path: Path, name: str,
                                                              content: bytes, media_type: str) -> None:
    reg = register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")]))
    source = tmp_path / name
    source.write_bytes(content)
    aid = add_attachment(db, director, reg.case_id, source)
    with db.read_session() as s:
        assert s.get(Attachment, aid).media_type == media_type  # (never the system's guess from the name)


def test_the_types_are_told_by_their_leading_bytes() -> None:
    from mediation_desktop.storage.attachment_types import content_problem, type_of_content

    assert [type_of_content(x).label if type_of_content(x) else None
            for x in (pdf(), image("JPEG"), image("PNG"), image("TIFF"), image("BMP"), EXE, b"", b"BM")] == \
        ["PDF", "JPEG", "PNG", "TIFF", "BMP", None, None, None]
    assert content_problem(pdf(), "a.pdf", "application/pdf") is None
    assert content_problem(image("PNG"), "a.png", "image/x-png") is None  # (another system's name for the type)
    assert content_problem(None, "a.pdf", "image/png") == "declared image/png, named PDF"
    assert {s for s in SCAN_SUFFIXES} == {".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp"}
