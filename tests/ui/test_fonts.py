"""The shipped fonts are given to Qt once, however often the window asks (at sign-in, on 大字, after the
first paint): the check compared file names with family names, which never match, so every call added the
26 MB of fonts again."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

from mediation_desktop.paths import resources_dir
from mediation_desktop.ui.common import fonts


def test_each_shipped_font_file_is_added_once(qapp, monkeypatch):
    added: list[str] = []
    real = QFontDatabase.addApplicationFont
    monkeypatch.setattr(fonts, "_ADDED", {})
    monkeypatch.setattr(QFontDatabase, "addApplicationFont", staticmethod(lambda p: (added.append(p), real(p))[1]))
    monkeypatch.setattr(QFontDatabase, "families", staticmethod(lambda *a: []))  # a machine without a CJK font
    folder = resources_dir() / "fonts"
    first = fonts.install_fonts(qapp, folder, 12)
    fonts.add_shipped_fonts(folder)
    fonts.add_shipped_fonts(folder)
    again = fonts.install_fonts(qapp, folder, 16)
    files = [p for p in folder.iterdir() if p.suffix.lower() in {".ttf", ".otf", ".ttc"}]
    assert files and sorted(added) == sorted(str(p) for p in files)
    assert first and again == first  # the shipped family is still the one chosen
