"""A screenshot of every window and dialog as the village laptop shows it (1366×768, 1366×728 above the taskbar),
at the normal size and in 大字, in Chinese and in English, with demo-like data — written to
artifacts/screenshots/forms/ for people to look at — and what can be checked without eyes: no label, button or
column header cut short, and in the Chinese window no English word (Qt's own buttons and calendar included).

The forms are those of test_screen_fit (one list), plus the start, sign-in, set-up, accounts, backup and retention
dialogs, the main window's tabs, the case window's tabs and Qt's own question box and calendar."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCalendarWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from mediation_desktop.paths import resources_dir
from mediation_desktop.services import demo
from mediation_desktop.ui.common import language
from mediation_desktop.ui.common.fonts import add_shipped_fonts, install_fonts

from . import test_screen_fit as fit

SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots" / "forms"
WINDOW = (1366, 728)
# Latin letters a Chinese window may show: file kinds, units, and what people type that way
ALLOWED = {"PDF", "ID", "Excel", "CSV", "xlsx", "xls", "zip", "USB", "MB", "KB", "GB", "U", "pdf", "png", "jpg",
           "Ctrl", "Enter", "Esc", "Tab", "Shift"}  # (keys, named as printed on them)


def _more_forms(qtbot, db, director) -> dict[str, Callable[[], QWidget]]:
    from mediation_desktop.ui.admin.accounts_dialogs import (
        ChangePasswordDialog,
        NewUserDialog,
        RecoverDialog,
        RecoveryCodeDialog,
        UsersDialog,
    )
    from mediation_desktop.ui.admin.backup_dialog import BackupDialog
    from mediation_desktop.ui.admin.retention_dialog import RetentionDialog
    from mediation_desktop.ui.start.login_page import LoginPage
    from mediation_desktop.ui.start.setup_dialog import SetupDialog
    from mediation_desktop.ui.start.start_window import StartWindow

    def question():  # Qt's own buttons: 是/否
        box = QMessageBox(QMessageBox.Icon.Question, "协议已签署", "确认后协议不能再修改。选“否”可以继续修改。",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return box

    def reason():  # the one-line prompt (作废's reason in a case window), in the window's language
        from PySide6.QtCore import QCoreApplication

        from mediation_desktop.ui.common.text_prompt import TextPromptDialog

        text = QCoreApplication.translate("CaseWindow", "作废后案件从列表和查找中消失（日志中保留）。请写明作废原因：")
        return TextPromptDialog(None, "2026-0001 — 王五、李四宅基地纠纷", text)

    def calendar():  # Qt's own month and day names
        c = QCalendarWidget()
        c.setSelectedDate(QDate(2026, 12, 15))
        return c

    return {
        "start": StartWindow,
        "sign_in": lambda: LoginPage(db, "东风村人民调解委员会"),
        "setup": lambda: SetupDialog(db),
        "recover": lambda: RecoverDialog(db),
        "change_password": lambda: ChangePasswordDialog(db, director),
        "new_user": lambda: NewUserDialog(db, director),
        "users": lambda: UsersDialog(db, director),
        "recovery_code": lambda: RecoveryCodeDialog("ABCD-EFGH-JKLM-NPQR"),
        "backup": lambda: BackupDialog(db, director),
        "retention": lambda: RetentionDialog(db, director),
        "reason": reason,
        "qt_question": question,
        "qt_calendar": calendar,
    }


def _texts(window: QWidget) -> list[str]:
    """What the window shows in words: titles, labels, buttons, tabs, group titles, column headers."""
    out = [window.windowTitle()]
    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window):
            continue
        if isinstance(w, QLabel) and "<" not in w.text():
            out.append(w.text())
        elif isinstance(w, QAbstractButton):
            out.append(w.text())
        elif isinstance(w, QGroupBox):
            out.append(w.title())
        elif isinstance(w, QTabWidget):
            out += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, QCalendarWidget):
            out += [w.locale().monthName(m) for m in range(1, 13)] + [w.locale().dayName(d) for d in range(1, 8)]
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            m = w.model()
            out += [str(m.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(_columns(m))]
    return out


def _columns(model) -> int:
    try:
        return int(model.columnCount())
    except TypeError:  # a list model
        return 1


CODE = re.compile(r"[A-Z0-9]{4}(?:-[A-Z0-9]{4})+")  # a recovery code is letters and digits


def _english(window: QWidget) -> list[str]:
    words = {word for text in _texts(window) for word in re.findall(r"[A-Za-z]{2,}", CODE.sub("", text.replace("&", "")))}
    return sorted(words - ALLOWED)


def _cut(window: QWidget) -> list[str]:
    cut = [f"label: {t}" for t in fit._cut_labels(window)]
    for b in window.findChildren(QAbstractButton):
        text = b.text().replace("&", "")
        if b.isVisible() and text and b.width() < b.fontMetrics().horizontalAdvance(text):
            cut.append(f"button: {text}")
    for edit in window.findChildren(QLineEdit):  # a hint (例如 石桥村人民调解委员会) shown whole
        hint = edit.placeholderText()
        if edit.isVisible() and hint and not edit.text() and edit.width() < edit.fontMetrics().horizontalAdvance(hint) + 12:
            cut.append(f"hint: {hint}")
    for table in window.findChildren(QTableWidget):  # a short list's cells (调委会主任, a backup's file) whole
        if table.isVisible():
            for r in range(min(table.rowCount(), 20)):
                for c in range(table.columnCount()):
                    item = table.item(r, c)
                    if item and item.text() and "\n" not in item.text() and not table.isColumnHidden(c) and (
                            table.columnWidth(c) < table.fontMetrics().horizontalAdvance(item.text())):
                        cut.append(f"cell: {item.text()}")
    for view in window.findChildren(QAbstractItemView):
        header = getattr(view, "horizontalHeader", lambda: None)()
        if not view.isVisible() or header is None or header.isHidden() or view.model() is None:
            continue
        m = view.model()
        for c in range(_columns(m)):
            text = str(m.headerData(c, Qt.Orientation.Horizontal) or "")
            if header.isSectionHidden(c) or not text or "\n" in text:
                continue
            if header.sectionSize(c) < header.fontMetrics().horizontalAdvance(text):  # (cut: Qt elides it)
                cut.append(f"header: {text}")
    return cut


@pytest.mark.parametrize("lang", [language.ZH, language.EN])
@pytest.mark.parametrize("points", [12, 16])  # 16 points: 大字
def test_a_screenshot_of_every_form(qtbot, qapp, db, director, fit_laptop, lang, points, monkeypatch):
    from mediation_desktop.ui.main_window import MainWindow

    demo.generate(db, count=40, seed=3)
    install_fonts(qapp, resources_dir() / "fonts", 12)
    add_shipped_fonts(resources_dir() / "fonts")  # the rare characters of names, as app.py adds them
    assert language.switch(lang)
    size = "large" if points == 16 else "normal"
    out = SHOTS / f"{lang}-{size}"
    out.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []

    def shoot(name: str, window: QWidget) -> None:
        QApplication.processEvents()
        assert window.grab().toImage().save(str(out / f"{name}.png"))
        problems.extend(f"{name}: cut {c}" for c in _cut(window))
        if lang == language.ZH:
            problems.extend(f"{name}: English {w}" for w in _english(window))

    # the main window, signed in as the director: every tab, with its own 大字 check box
    main = MainWindow(db, director)
    qtbot.addWidget(main)
    main.large_font.setChecked(points == 16)
    main.resize(*WINDOW)
    main.show()
    for tab in range(main.tabs.count()):
        main.tabs.setCurrentIndex(tab)
        qtbot.wait(100)
        if main.tabs.currentWidget() is main.stats:
            qtbot.waitUntil(lambda: main.dashboard is not None and main.dashboard.report is not None
                            and main.dashboard.job.finished, timeout=20_000)
        if main.tabs.currentWidget() is main.today:
            qtbot.waitUntil(lambda: not main.today.is_loading(), timeout=20_000)
        shoot(f"main-{tab}", main)
    main.large_font.setChecked(False)
    main.close()
    install_fonts(qapp, resources_dir() / "fonts", points)

    pages: list[QWidget] = []
    forms = {**fit._forms(db, director), **fit._hub_forms(qtbot, db, director, pages), **_more_forms(qtbot, db, director)}
    count = 0
    for name, make in forms.items():
        window = make()
        qtbot.addWidget(window)
        window.show()
        QApplication.processEvents()
        if name == "pdf_viewer" or name == "agreement":
            qtbot.wait(500)  # the viewer draws its pages in the background
        if name == "case_window":
            for tab in range(window.tabs.count()):
                window.tabs.setCurrentIndex(tab)
                shoot(f"case_window-{tab}", window)
        else:
            shoot(name, window)
        count += 1
        window.close()
    (out / "problems.txt").write_text("\n".join(problems) + "\n", encoding="utf-8")
    assert count == len(forms) >= 38
    assert problems == []


@pytest.fixture
def fit_laptop(laptop):
    yield


laptop = fit.laptop
