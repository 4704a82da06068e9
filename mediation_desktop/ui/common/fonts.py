"""Fonts for the window: the bundled CJK font first, so Chinese never shows as boxes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

_ADDED: dict[Path, int] = {}  # font files given to Qt already, and the id Qt gave (a file is added once)

PREFERRED = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "WenQuanYi Micro Hei",
             "AR PL UMing CN", "SimSun"]


def install_fonts(app: QApplication, folder: Path, point_size: int = 12) -> str | None:
    """Choose a CJK family for the whole application: the system's screen sans, else a font shipped in
    ``folder`` (see :func:`add_shipped_fonts` for the rare characters either way)."""
    available = set(QFontDatabase.families())
    chosen = next((f for f in PREFERRED if f in available), None)  # a screen sans of the system first
    if chosen is None and folder.is_dir():  # else the shipped fonts (loading them costs time at start)
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in {".ttf", ".otf", ".ttc"}:
                font_id = _add(path)
                if font_id >= 0 and chosen is None:
                    chosen = next(iter(QFontDatabase.applicationFontFamilies(font_id)), None)
    font = QFont(chosen) if chosen else app.font()
    font.setPointSize(point_size)
    app.setFont(font)
    return chosen


def add_shipped_fonts(folder: Path) -> None:
    """Make the shipped fonts available as fallbacks for rare characters in names (䶮, 𠮷 …).

    Called once the window is up: the files are large (~26 MB) and the first paint must not wait.
    """
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in {".ttf", ".otf", ".ttc"}:
            _add(path)


def _add(path: Path) -> int:
    """Give Qt a font file once: its id (the same id when asked again), or -1 if Qt refused it."""
    key = path.resolve()
    if key not in _ADDED:
        _ADDED[key] = QFontDatabase.addApplicationFont(str(path))
    return _ADDED[key]


def set_text_size(app: QApplication, points: int) -> None:
    """Every widget's text at ``points`` (大字 or the normal size), those with a style sheet of their own included.

    A widget with a style sheet (the status bar's 中文/English box, a red error line) holds the font it had when its
    sheet was applied: the application's new font does not reach it, and in 大字 it stayed small. Its sheet is
    applied again, which gives it the new font."""
    font = app.font()
    font.setPointSize(points)
    app.setFont(font)
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet("")
            widget.setStyleSheet(sheet)
