"""A Windows machine without a Chinese system font (and the Windows test lane under Wine) shows the window in the
font the program ships (AR PL UMing), whose Latin letters are wider than the system fonts' the forms were first
laid out with. No English text may be cut then: every width that holds text comes from the font in use.

The check is that of test_screenshots_every_form (labels, buttons, hints, cells, headers; every form fitting the
village laptop) without saving screenshots, in English only (the Latin letters are what differ; Chinese characters
are one em wide in every font), at the normal size and in 大字, on every form of that test."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from mediation_desktop.paths import resources_dir
from mediation_desktop.ui.common import fonts, language, screen_fit

from . import test_screen_fit as fit
from . import test_screenshots_every_form as every

SHIPPED = "AR PL UMing CN"


def without_system_cjk_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    """The system as Windows without a Chinese font: none of the preferred screen fonts is installed, so
    :func:`install_fonts` takes the shipped ones."""
    families = QFontDatabase.families
    monkeypatch.setattr(fonts.QFontDatabase, "families",
                        staticmethod(lambda *a: [f for f in families(*a) if f not in fonts.PREFERRED]))


@pytest.fixture(name="shipped_font")
def shipped_font_fixture(qapp, monkeypatch):
    without_system_cjk_fonts(monkeypatch)
    font = qapp.font()
    yield
    language.switch(language.ZH)
    qapp.setFont(font)


def test_without_a_system_cjk_font_the_shipped_one_is_the_window_font(qapp, shipped_font):
    assert fonts.install_fonts(qapp, resources_dir() / "fonts", 12) == SHIPPED
    assert qapp.font().family() == SHIPPED


@pytest.mark.parametrize("points", [12, 16])  # 16 points: 大字
def test_no_english_text_is_cut_in_the_shipped_font(qtbot, qapp, db, director, laptop, shipped_font, points):
    assert fonts.install_fonts(qapp, resources_dir() / "fonts", points) == SHIPPED
    assert language.switch(language.EN)
    pages: list = []
    sized = {**fit._forms(db, director), **fit._hub_forms(qtbot, db, director, pages)}  # (as test_screen_fit)
    forms = {**sized, **every._more_forms(qtbot, db, director)}
    problems: list[str] = []
    gc.collect()
    gc.freeze()  # the collections below walk only what this test makes (in a long run of the suite, walking the
    # whole heap before every form cost over a minute a test)
    try:
        _look_at_every_form(qtbot, forms, sized, problems)
    finally:
        gc.unfreeze()
    assert len(forms) >= 38
    assert problems == []


def _look_at_every_form(qtbot, forms: dict, sized: dict, problems: list[str]) -> None:
    for name, make in forms.items():
        gc.collect()  # (what the last form left is collected here, never on a worker thread of the next one)
        window = make()
        qtbot.addWidget(window)
        window.show()
        QApplication.processEvents()
        if name in ("pdf_viewer", "agreement"):
            qtbot.wait(500)  # the viewer draws its pages in the background
        if name == "case_window":
            for tab in range(window.tabs.count()):
                window.tabs.setCurrentIndex(tab)
                QApplication.processEvents()
                problems += [f"{name}-{tab}: cut {c}" for c in every._cut(window)]
        else:
            problems += [f"{name}: cut {c}" for c in every._cut(window)]
        if name in sized and window.isWindow() and (window.width() > fit.SCREEN.width()
                                  or window.height() + screen_fit.FRAME > fit.SCREEN.height()):
            problems.append(f"{name}: {window.width()}×{window.height()} does not fit")
        window.close()


laptop = fit.laptop
