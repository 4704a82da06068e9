"""Small real files of the types an attachment may be (a test's scan or photo must be what its name says)."""

from __future__ import annotations

import io


def pdf(text: str = "scan") -> bytes:
    """A one-page PDF saying ``text`` (a different text: a different file)."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, invariant=True)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return out.getvalue()


def image(fmt: str = "JPEG", shade: int = 128, size: tuple[int, int] = (8, 8)) -> bytes:
    """A small grey picture in ``fmt`` (JPEG, PNG, TIFF, BMP); another ``shade``: another file."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (shade, shade, shade)).save(out, fmt)
    return out.getvalue()


JPEG_HEAD = b"\xff\xd8\xff\xe0"  # what a JPEG begins with: before random bytes, a large file that is a JPEG to the check
