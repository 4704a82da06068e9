"""The window's language: Chinese (the source language) or English, switched without a restart.

Source strings are Chinese; English comes from Qt Linguist's ``.qm`` built from
``resources/translations/mediation_desktop_en.ts`` by ``packaging/build_translations.py``.
Widgets set their texts in ``retranslate()`` and call it again on ``QEvent.LanguageChange``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from mediation_desktop.paths import resources_dir

ZH, EN = "zh", "en"
_state: dict[str, object] = {"lang": ZH, "translator": None}


def translations_dir() -> Path:
    return resources_dir() / "translations"


def current() -> str:
    return str(_state["lang"])


def switch(lang: str) -> bool:
    """Install (or remove) the English translator; every widget then gets a LanguageChange event."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    old = _state["translator"]
    if isinstance(old, QTranslator):
        app.removeTranslator(old)
        _state["translator"] = None
    if lang == EN:
        translator = QTranslator(app)
        if not translator.load(str(translations_dir() / "mediation_desktop_en.qm")):
            _state["lang"] = ZH
            return False
        app.installTranslator(translator)
        _state["translator"] = translator
    _state["lang"] = EN if lang == EN else ZH
    QCoreApplication.sendPostedEvents()  # deliver the LanguageChange events now, not at the next idle moment
    from mediation_desktop import i18n

    i18n.set_language(current())  # messages from the services follow the window
    return True


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)
