"""Printing through a real CUPS queue (cups-pdf) with the window's own print function, no dialog: the agreement
and a whole 卷宗 come out A4 whatever the queue's default paper (A4 or Letter), unclipped, with every page, and
with their text where the queue keeps it (a queue that hands the PDF on; Qt's drawn pages carry none)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from mediation_desktop.documents.registry import render_document
from mediation_desktop.ui.common.pdf_view import PdfPane

A4 = (595.3, 841.9)
PPD = "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=60)


@pytest.fixture(scope="module")
def cups() -> Iterator[None]:
    """CUPS's scheduler, started (and stopped after) if it is not running (packaging/dev.sh installs cups and
    printer-driver-cups-pdf)."""
    if sys.platform == "win32":
        pytest.skip("CUPS does not exist on Windows: the window prints there through Qt only")
    missing = [tool for tool in ("cupsd", "lpadmin", "lp", "lpstat") if shutil.which(tool) is None]
    if missing or not Path("/usr/lib/cups/backend/cups-pdf").exists():
        pytest.fail("CUPS with cups-pdf is needed: packaging/dev.sh installs cups and printer-driver-cups-pdf "
                    f"(missing: {', '.join(missing) or 'the cups-pdf backend'})")
    if _run("lpstat", "-r").stdout.strip() == "scheduler is running":
        yield
        return
    scheduler = subprocess.Popen(["cupsd", "-f"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(100):
        if scheduler.poll() is not None:
            pytest.fail(f"cupsd did not start (it needs root): {scheduler.stderr.read().decode(errors='replace')}")
        if _run("lpstat", "-r").stdout.strip() == "scheduler is running":
            break
        time.sleep(0.1)
    yield
    scheduler.terminate()
    scheduler.wait(timeout=30)


@pytest.fixture(params=["A4", "Letter"])
def queue(request, cups, tmp_path):  # type: ignore[no-untyped-def]
    """A cups-pdf queue whose default paper is A4 or Letter, writing into a folder of its own."""
    if not os.access("/etc/cups", os.W_OK):
        pytest.fail("adding a test queue needs root (lpadmin, and cups-pdf's per-queue settings in /etc/cups)")
    name = f"mediation-test-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    out = tmp_path / "printed"
    out.mkdir()
    out.chmod(0o777)
    conf = Path(f"/etc/cups/cups-pdf-{name}.conf")
    conf.write_text(f"Out {out}\nAnonDirName {out}\nLabel 0\nTitlePref 0\n", encoding="utf-8")
    # pdftocairo hands the text on to the PDF the queue writes (its default, Ghostscript's PostScript, loses
    # the CJK text of subset fonts): "where the queue keeps it"
    added = _run("lpadmin", "-p", name, "-E", "-v", f"cups-pdf:/{name}", "-m", PPD, "-o",
                 f"PageSize={request.param}", "-o", "pdftops-renderer-default=pdftocairo")
    if added.returncode != 0:
        conf.unlink()
        pytest.fail(f"lpadmin could not add the queue: {added.stderr.strip()}")
    yield name, out
    _run("lpadmin", "-x", name)
    conf.unlink(missing_ok=True)


def _printed(queue: str, out: Path) -> bytes:
    """The PDF the queue wrote, once its job is done (waiting for the queue, not timing it)."""
    for _ in range(600):
        files = list(out.glob("*.pdf"))
        if files and not _run("lpstat", "-o", queue).stdout.strip():
            return files[0].read_bytes()
        time.sleep(0.1)
    log = Path(f"/var/log/cups/cups-pdf-{queue}_log")
    pytest.fail(f"the queue wrote nothing: {_run('lpstat', '-o', queue).stdout} "
                f"{log.read_text(errors='replace')[-800:] if log.exists() else ''}")


def _ink_boxes(pdf: bytes, tmp: Path) -> list[tuple[int, int, int, int]]:
    """The box of each page that has any ink on it, in pixels at 50 dpi."""
    from PIL import Image, ImageOps

    path = tmp / f"{uuid.uuid4().hex}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "50", "-gray", "-png", str(path), str(path.with_suffix(""))], check=True)
    boxes = []
    for png in sorted(tmp.glob(f"{path.stem}-*.png")):
        with Image.open(png) as image:
            box = ImageOps.invert(image.convert("L")).point(lambda v: 255 if v > 20 else 0).getbbox()
            boxes.append(box)
    return boxes


def _check(document: bytes, printed: bytes, tmp: Path, *, text: list[str]) -> None:
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(printed)).pages
    assert len(pages) == len(PdfReader(io.BytesIO(document)).pages)
    for page in pages:  # A4 (portrait), not the queue's Letter
        size = sorted((float(page.mediabox.width), float(page.mediabox.height)))
        assert abs(size[0] - A4[0]) < 2 and abs(size[1] - A4[1]) < 2, size
    # nothing clipped, nothing moved or shrunk: each page's ink is where the document has it (within 2 mm)
    for mine, theirs in zip(_ink_boxes(document, tmp), _ink_boxes(printed, tmp), strict=True):
        assert all(abs(a - b) <= 4 for a, b in zip(mine, theirs, strict=True)), (mine, theirs)
    if text:
        path = tmp / "printed.pdf"
        path.write_bytes(printed)
        found = "".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                       check=True).stdout.split())
        for words in text:
            assert words in found, words


@pytest.mark.parametrize("raster", [False, True], ids=["pdf", "drawn"])
def test_the_agreement_and_the_case_file_through_a_queue(qapp, db, director, rare_case, queue, raster, tmp_path):
    name, out = queue
    for doc, words in (("agreement", ["人民调解协议书", "经调解，自愿达成如下协议："]),
                       ("casefile", ["调解卷宗", "卷内目录", "卷内备考表"])):
        data = render_document(db, doc, rare_case.case_id)
        pane = PdfPane()
        pane.show_pdf(data, f"{doc}.pdf")
        assert pane.print_to_queue(name, raster=raster), pane.status.text()
        printed = _printed(name, out)
        for f in out.glob("*.pdf"):
            f.unlink()
        _check(data, printed, tmp_path, text=[] if raster else words)  # drawn pages are pictures: no text


def test_an_unknown_queue_is_said(qapp, db, rare_case, cups):
    pane = PdfPane()
    pane.show_pdf(render_document(db, "agreement", rare_case.case_id), "agreement.pdf")
    assert not pane.print_to_queue("no-such-printer-here")
    assert "no-such-printer-here" in pane.status.text()
