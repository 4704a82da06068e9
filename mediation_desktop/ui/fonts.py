"""Fonts for the window: the bundled CJK font first, so Chinese never shows as boxes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

PREFERRED = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "WenQuanYi Micro Hei",
             "AR PL UMing CN", "SimSun"]


def install_fonts(app: QApplication, folder: Path, point_size: int = 12) -> str | None:
    """Load every font shipped in ``folder``; choose a CJK family for the whole application."""
    families: list[str] = []
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in {".ttf", ".otf", ".ttc"}:
                font_id = QFontDatabase.addApplicationFont(str(path))
                if font_id >= 0:
                    families.extend(QFontDatabase.applicationFontFamilies(font_id))
    available = set(QFontDatabase.families())
    chosen = next((f for f in PREFERRED + families if f in available), None)  # a screen sans first
    font = QFont(chosen) if chosen else app.font()
    font.setPointSize(point_size)
    app.setFont(font)
    return chosen
