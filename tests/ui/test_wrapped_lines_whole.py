"""Every dialog's word-wrapped lines — its hints, and its red error line once it says something — shown whole in
大字 on the village laptop's screen (1366×728 above the taskbar), in Chinese and in English: each such label at
least as tall as its text needs at its width (``heightForWidth``). A window's height used to leave them out: the
当事人详细情况 guardian hint got 28 of the 50 pixels its two lines need."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

from mediation_desktop.i18n import tr
from mediation_desktop.paths import resources_dir
from mediation_desktop.ui.common import language
from mediation_desktop.ui.common.fonts import install_fonts

from . import test_screen_fit as fit
from . import test_screenshots_every_form as shots

laptop = fit.laptop


def _cut(name: str, window: QWidget) -> list[str]:
    out = []
    for label in window.findChildren(QLabel):
        if label.isVisible() and label.wordWrap() and label.text():
            need = label.heightForWidth(label.width())
            if label.height() < need:
                out.append(f"{name}: {label.objectName() or label.text()[:20]} {label.height()} < {need} px")
    return out


def _error_lines(window: QWidget) -> list[QLabel]:
    return [label for label in window.findChildren(QLabel)
            if label.wordWrap() and re.search("error", label.objectName(), re.IGNORECASE)]


@pytest.mark.parametrize("lang", [language.ZH, language.EN])
def test_every_dialogs_wrapped_lines_are_whole_in_large_text(qtbot, qapp, db, director, laptop, lang):
    install_fonts(qapp, resources_dir() / "fonts", 16)  # 大字
    assert language.switch(lang)
    long_error = tr("ledger.other_committee", lang, title="石桥村2022年人民调解台账", unit="石桥村",
                    here="东河村人民调解委员会")
    pages: list[QWidget] = []
    forms = {**fit._forms(db, director), **fit._hub_forms(qtbot, db, director, pages),
             **shots._more_forms(qtbot, db, director)}
    problems: list[str] = []
    errors = 0
    dialogs = 0
    for name, make in forms.items():
        window = make()
        qtbot.addWidget(window)
        if not isinstance(window, QDialog):  # (a page of the main window, shown alone here: it has the room there)
            continue
        dialogs += 1
        window.show()
        QApplication.processEvents()
        problems += _cut(name, window)
        for line in _error_lines(window):  # a refusal said in the error line, as after 确定
            errors += 1
            line.setText(long_error)
            line.setVisible(True)
        QApplication.processEvents()
        QApplication.processEvents()  # (the window re-fits after its layout took the new line)
        problems += [f"{p} (error line shown)" for p in _cut(name, window)]
        window.close()
    assert dialogs >= 25 and errors >= 5  # (the check reaches the dialogs and their error lines)
    assert problems == [], "\n".join(problems)
