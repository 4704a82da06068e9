"""The window's language: Chinese (the source language) or English, switched without a restart.

Source strings are Chinese; English comes from Qt Linguist's ``.qm`` built from
``resources/translations/mediation_desktop_en.ts`` by ``packaging/build_translations.py``.
Widgets set their texts in ``retranslate()`` and call it again on ``QEvent.LanguageChange``.

Qt's own strings (是/否, 确定/取消, the file and print dialogs, the calendar's month and day names) come
from Qt's ``qtbase_zh_CN.qm`` (shipped with PySide6), completed by ``qt_zh_CN_supplement.qm`` (the strings it
lacks), and the default ``QLocale``: Chinese with the Chinese window, none of them (English, Qt's source language)
with the English one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from mediation_desktop.paths import resources_dir

ZH, EN = "zh", "en"
QT_CHINESE = "qtbase_zh_CN.qm"
QT_SUPPLEMENT = "qt_zh_CN_supplement.qm"  # (built from its .ts beside the program's English)
_state: dict[str, object] = {"lang": ZH, "translators": []}


def translations_dir() -> Path:
    return resources_dir() / "translations"


def qt_translations_dir() -> Path:
    """Where Qt's own catalogues are: Qt's translations folder (also in the frozen bundle), else PySide6's."""
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if (folder / QT_CHINESE).is_file():
        return folder
    import PySide6

    return Path(PySide6.__file__).parent / "Qt" / "translations"


def current() -> str:
    return str(_state["lang"])


def _locale(lang: str) -> QLocale:
    if lang == EN:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return QLocale(QLocale.Language.Chinese, QLocale.Country.China)


def switch(lang: str) -> bool:
    """Install the translators of ``lang`` (English: the program's catalogue; Chinese: Qt's own) and its
    locale; every widget then gets a LanguageChange event."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    old = _state["translators"]
    assert isinstance(old, list)
    for translator in old:
        app.removeTranslator(translator)
    old.clear()
    catalogue = (translations_dir() / "mediation_desktop_en.qm") if lang == EN else (qt_translations_dir() / QT_CHINESE)
    translator = QTranslator(app)
    if translator.load(str(catalogue)):
        app.installTranslator(translator)
        old.append(translator)
    elif lang == EN:  # no English catalogue: stay Chinese
        switch(ZH)
        return False
    if lang != EN:  # Qt's strings its catalogue lacks (the file dialog's 查找范围, 文件类型, 文件夹): searched first
        supplement = QTranslator(app)
        if supplement.load(str(translations_dir() / QT_SUPPLEMENT)):
            app.installTranslator(supplement)
            old.append(supplement)
    _state["lang"] = EN if lang == EN else ZH
    QLocale.setDefault(_locale(current()))
    windows = app.topLevelWidgets() if isinstance(app, QApplication) else []
    if windows:  # widgets made before the switch follow the new default locale too
        from PySide6.QtCore import Qt  # (loading Qt's namespace takes tens of ms: not before the first paint)

        for window in windows:  # (passed on to every child without a locale of its own)
            if not window.testAttribute(Qt.WidgetAttribute.WA_SetLocale):
                window.unsetLocale()
    QCoreApplication.sendPostedEvents()  # deliver the LanguageChange events now, not at the next idle moment
    from mediation_desktop import i18n

    i18n.set_language(current())  # messages from the services follow the window
    return True


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)
