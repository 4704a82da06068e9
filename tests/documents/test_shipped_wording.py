"""What the shipped wording prints reads as a clerk's paper: it describes the file, never the software that printed
it, and has no English (a file's media type) nor anything left to fill in but its named placeholders."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from pypdf import PdfReader

from mediation_desktop.documents.filing import ScanPagesRenderer, StatementRenderer
from mediation_desktop.documents.snapshot import AttachmentSnapshot, CaseSnapshot
from mediation_desktop.paths import resources_dir

ABOUT_THE_SOFTWARE = ("程序", "软件", "系统", "电脑", "数据库", "录入", "本卷由")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _text(pdf: bytes) -> str:
    return "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("path", sorted((resources_dir() / "documents").glob("*.json")), ids=lambda p: p.stem)
def test_shipped_wording_describes_the_file_in_chinese(path):
    for text in _strings(json.loads(path.read_text(encoding="utf-8"))):
        plain = PLACEHOLDER.sub("", text)
        assert not re.search(r"[A-Za-z]", plain), (path.name, text)
        assert "{" not in plain and "}" not in plain, (path.name, text)
        for word in ABOUT_THE_SOFTWARE:
            assert word not in plain, (path.name, word, text)


SNAPSHOT = CaseSnapshot(
    committee_name="石桥村人民调解委员会", case_no="（2026）石桥村人调字第12号", title="张三与李四菜地界限纠纷",
    summary="", requests=(), registered_on=dt.date(2026, 3, 2), accepted_on=dt.date(2026, 3, 2),
    closed_on=dt.date(2026, 3, 20), mediator_name="王建国", recorder_name="李明", parties=(),
    attachments=(AttachmentSnapshot("performance_proof", "receipt.pdf", "收条", "0" * 64, "application/pdf",
                                    dt.date(2026, 3, 21)),))


def test_statement_describes_the_file_itself():
    text = _text(StatementRenderer(SNAPSHOT, "agreed", printed=14).generate())
    assert "卷内打印文书共14页，另附纸质材料0页。" in text
    assert "下列纸质材料未归入卷内或未编页：当事人身份证明。" in text
    assert "程序" not in text


def test_a_scan_that_is_not_an_image_prints_no_media_type(tmp_path):
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    text = _text(ScanPagesRenderer(SNAPSHOT, list(SNAPSHOT.attachments), lambda _x: pdf).generate())
    assert "收条：此件为非图片材料，以纸质件附后。" in text
    assert "application" not in text and "pdf" not in text
