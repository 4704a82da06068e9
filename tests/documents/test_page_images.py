"""Page images of the agreement, the session record and the case-file cover, for people to compare with the
official forms (kept in artifacts/pages — CI artefacts, not committed)."""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path

import pytest
import windows_facts

from mediation_desktop.documents.registry import page_count, render_document

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "pages"


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@windows_facts.no_poppler
@pytest.mark.parametrize("doc", ["agreement", "session", "cover"])
def test_page_images(db, rare_case, doc):
    from mediation_desktop.domain.enums import SessionResult
    from mediation_desktop.services import records
    from mediation_desktop.services.accounts import authenticate

    if doc == "session":
        records.add_session(db, authenticate(db, "admin", "secret123"), rare_case.case_id, records.SessionInput(
            SessionResult.AGREED, record="调解员宣读权利义务后，双方陈述意见，经耐心疏导达成一致。", participants="村民代表王五"))
    pdf = render_document(db, doc, rare_case.case_id)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    source = ARTIFACTS / f"{doc}.pdf"
    source.write_bytes(pdf)
    for old in ARTIFACTS.glob(f"{doc}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(source), str(ARTIFACTS / doc)], check=True)
    images = sorted(ARTIFACTS.glob(f"{doc}-*.png"))
    assert len(images) == page_count(pdf)
    for image in images:
        width, height = _png_size(image)
        assert abs(height / width - 297 / 210) < 0.01  # A4 portrait
        assert image.stat().st_size > 8_000  # a page with print on it, not an empty sheet
