"""The pages of the main window and the windows that are not dialogs show their word-wrapped lines whole in 大字
(``fonts.set_text_size``) on the village laptop's screen (1366×728 above the taskbar), a long message too: the
sign-in page's red error line was cut to its first lines (its box, centred, was given the height its lines need
at the page's whole width); the sync page's result and error lines were squeezed to one line each when all three
spoke (the page has no more room: it scrolls instead)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from mediation_desktop.i18n import tr
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.ui.common import language
from mediation_desktop.ui.common.fonts import set_text_size
from mediation_desktop.ui.main_window import LARGE_POINTS, MainWindow


def _long(lang: str) -> str:
    return tr("ledger.other_committee", lang, title="石桥村2022年人民调解台账", unit="石桥村",
              here="东河村人民调解委员会")


def _cut(window: QWidget) -> list[str]:
    """The wrapped labels lower than their text needs at their width, or cut by the widget they are in (a page that
    scrolls shows each whole as it scrolls past)."""
    out = []
    for label in window.findChildren(QLabel):
        if label.isVisible() and label.wordWrap() and label.text():
            need = label.heightForWidth(label.width())
            if label.height() < need or label.geometry().bottom() >= label.parentWidget().height():
                out.append(f"{label.objectName()}: {label.height()} < {need} px")
    return out


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


@pytest.fixture(params=[language.ZH, language.EN])
def large(request, qapp, db):
    """The language of the test; its windows (put in the list it gives) are gone before the database is, so
    that switching the language back reaches none of them."""
    shown: list[QWidget] = []
    assert language.switch(request.param)
    yield request.param, shown
    language.switch(language.ZH)
    for window in shown:
        window.close()
        window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_sign_in_pages_long_error_line_is_whole_in_large_text(qapp, db, director, large):
    lang, shown = large
    window = MainWindow(db)
    shown.append(window)
    window.resize(1366, 728)
    window.show()
    set_text_size(qapp, LARGE_POINTS)
    window.login.username.setText("admin")
    window.login.password.setText("wrong-password")
    window.login.button.click()  # a real refusal first: the line as the page shows it
    assert window.login.error.text()
    window.login.error.setText(_long(lang))  # the longest a line says (a ledger, an account locked …)
    _settle()
    error = window.login.error
    assert error.width() >= 300 and error.height() >= error.heightForWidth(error.width()), \
        (error.size(), error.heightForWidth(error.width()))
    assert _cut(window) == []


def test_the_sync_pages_lines_are_whole_when_all_speak_in_large_text(qapp, db, director, large):
    lang, shown = large
    window = MainWindow(db, director)
    shown.append(window)
    window.resize(1366, 728)
    window.show()
    set_text_size(qapp, LARGE_POINTS)
    window.tabs.setCurrentWidget(window.sync)
    page = window.sync.form
    for line in (page.exportResultLabel, page.importResultLabel, page.errorLabel):
        line.setText(_long(lang))
        line.setVisible(True)
    _settle()
    assert _cut(window.sync) == []


def test_the_case_windows_long_header_is_whole_in_large_text(qapp, db, director, large):
    title = "张三与兴旺建筑有限责任公司、李四、王五及石桥村第三村民小组之间因拖欠工程款和房屋漏水引起的纠纷" * 2
    case_id = register_case(db, director, CaseInput("labour", [PartyInput("张三"), PartyInput("李四")],
                                                    summary="欠薪", title=title)).case_id
    _lang, shown = large
    window = MainWindow(db, director)
    shown.append(window)
    window.resize(1366, 728)
    window.show()
    set_text_size(qapp, LARGE_POINTS)
    case = window.open_case(case_id)
    assert case is not None
    shown.insert(0, case)
    _settle()
    assert _cut(case) == []
