"""Phone and WeChat pictures that are not taken as they are get a next step, not only a refusal: a HEIC photo (by
its name or by its content under a .jpg name) says how to get a JPEG, a WebP one how to save it as JPEG or PNG, and
a picture whose extension names another accepted type says which extension to give it. A file of no accepted type
under an accepted name (a forged .exe named .pdf) stays refused as not what it says."""

from __future__ import annotations

from pathlib import Path

import pytest
from attachment_samples import image, pdf

from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services.attachments import add_attachment
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Attachment

HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 4000  # an iPhone photo's beginning
WEBP = b"RIFF\x00\x10\x00\x00WEBPVP8 " + b"\x00" * 400
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + b"\x00" * 200
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56 + b"This program cannot be run in DOS mode"


def _refused(db, director, source: Path) -> tuple[str, str]:
    reg = register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")]))
    with pytest.raises(MediationError) as err:
        add_attachment(db, director, reg.case_id, source)
    with db.read_session() as s:
        assert s.query(Attachment).count() == 0
    return err.value.key, tr(err.value.key, "zh", **err.value.params)


@pytest.mark.parametrize(("name", "content"), [("IMG_1234.HEIC", HEIC), ("IMG_1235.heif", HEIC),
                                               ("IMG_5678.JPG", HEIC)])
def test_a_phones_heic_photo_says_how_to_get_a_jpeg(db, director, tmp_path: Path, name: str, content: bytes):
    source = tmp_path / name
    source.write_bytes(content)
    key, line = _refused(db, director, source)
    assert key == "attachment.heic" and name in line and "没有添加" in line
    assert "HEIC" in line and "兼容性最佳" in line and "微信" in line and "JPEG" in line


def test_a_webp_picture_says_how_to_save_it_as_jpeg(db, director, tmp_path: Path):
    source = tmp_path / "微信图片_20261207143500.jpg"
    source.write_bytes(WEBP)
    key, line = _refused(db, director, source)
    assert key == "attachment.webp" and "另存为" in line and "JPEG" in line


@pytest.mark.parametrize(("name", "fmt", "suffix"), [("mmexport1733556000123.jpg", "PNG", ".png"),
                                                     ("微信图片_20261207143000.png", "JPEG", ".jpg"),
                                                     ("扫描.bmp", "TIFF", ".tif")])
def test_a_picture_under_another_types_extension_says_which_to_give_it_and_then_is_taken(
        db, director, tmp_path: Path, name: str, fmt: str, suffix: str):
    source = tmp_path / name
    source.write_bytes(image(fmt))
    key, line = _refused(db, director, source)
    renamed = Path(name).stem + suffix
    assert key == "attachment.wrong_extension" and f"把扩展名改成 {suffix}" in line and f"“{renamed}”" in line, line
    reg = register_case(db, director, CaseInput("neighbour", [PartyInput("王五"), PartyInput("赵六")]))
    add_attachment(db, director, reg.case_id, source.rename(tmp_path / renamed))  # done as told: taken


@pytest.mark.parametrize(("name", "fmt", "renamed"), [
    ("IMG_1236.heic", "JPEG", "IMG_1236.jpg"),  # (a phone set to 兼容性最佳, or a copy that kept the old name)
    ("微信图片_20261207150000.jfif", "JPEG", "微信图片_20261207150000.jfif"[:-5] + ".jpg"),  # (a browser's download)
    ("现场照片.jpg.txt", "PNG", "现场照片.jpg.png"), ("扫描件.dat", "PDF", "扫描件.pdf")])
def test_an_accepted_file_under_a_name_of_no_accepted_type_says_what_it_is_and_then_is_taken(
        db, director, tmp_path: Path, name: str, fmt: str, renamed: str):
    source = tmp_path / name
    source.write_bytes(pdf("扫描件") if fmt == "PDF" else image(fmt))
    key, line = _refused(db, director, source)
    assert key == "attachment.wrong_extension" and f"其实是 {fmt} 文件" in line and f"“{renamed}”" in line, line
    assert "HEIC" not in line
    reg = register_case(db, director, CaseInput("neighbour", [PartyInput("王五"), PartyInput("赵六")]))
    add_attachment(db, director, reg.case_id, source.rename(tmp_path / renamed))  # done as told: taken


def test_an_accepted_file_with_no_extension_says_the_name_to_give_it(db, director, tmp_path: Path):
    source = tmp_path / "mmexport1733556000999"
    source.write_bytes(image("JPEG"))
    key, line = _refused(db, director, source)
    assert key == "attachment.no_extension" and "没有扩展名" in line and "“mmexport1733556000999.jpg”" in line, line


@pytest.mark.parametrize("name", ["说明.docx", "无扩展名"])
def test_a_file_of_no_accepted_type_under_a_name_of_none_is_refused_as_not_accepted(db, director, tmp_path: Path,
                                                                                      name: str):
    source = tmp_path / name
    source.write_bytes(EXE)
    key, line = _refused(db, director, source)
    assert key == "attachment.type_not_accepted" and "只能是 PDF、JPEG、PNG、TIFF 或 BMP" in line


@pytest.mark.parametrize("name", ["表情.gif", "动图.GIF", "微信图片_20261207151000.jpg", "没有扩展名"])
def test_a_gif_picture_says_how_to_save_it_as_png(db, director, tmp_path: Path, name: str):
    source = tmp_path / name
    source.write_bytes(GIF)
    key, line = _refused(db, director, source)
    assert key == "attachment.gif" and "另存为" in line and "PNG" in line and name in line


@pytest.mark.parametrize(("name", "content"), [("履行凭证.pdf", EXE), ("现场照片.jpg", b"<html></html>"),
                                               ("协议书.pdf", pdf("协议书")[:700])])
def test_a_file_of_no_accepted_type_is_still_refused_as_not_what_it_says(db, director, tmp_path: Path, name: str,
                                                                          content: bytes):
    source = tmp_path / name
    source.write_bytes(content)
    key, line = _refused(db, director, source)
    assert key == "attachment.not_what_it_says" and "改成" not in line
