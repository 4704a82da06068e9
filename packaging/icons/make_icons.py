"""Render the program icon from its SVG: PNG sizes for Linux (hicolor theme) and a multi-size .ico for
Windows. Run once after changing the SVG; the results are committed, so a build needs neither step.

    .venv/bin/python packaging/icons/make_icons.py
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SVG = HERE / "mediation-desktop.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub says bytes; PySide6 wants str
    return bytes(data.data())


def main() -> int:
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv)  # noqa: F841 (QImage/QPainter need an application)
    pngs = {size: render(size) for size in PNG_SIZES}
    (HERE / "mediation-desktop.png").write_bytes(pngs[256])
    for size, data in pngs.items():
        (HERE / f"mediation-desktop-{size}.png").write_bytes(data)
    largest = Image.open(io.BytesIO(pngs[256]))
    largest.save(HERE / "mediation-desktop.ico", sizes=[(s, s) for s in PNG_SIZES])
    print(f"wrote {len(pngs) + 2} icon files to {HERE.name}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
