"""Every window and dialog fits the village laptop's screen (1366×768, 1366×728 above the taskbar) at the normal
size and in 大字, with its save/confirm buttons in sight; in 大字 no label is cut short."""

from __future__ import annotations

from pathlib import Path

import pytest
from draft_answers import answer_drafts
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QScrollArea, QWidget

from mediation_desktop.domain.enums import PartyRole, SessionResult
from mediation_desktop.paths import resources_dir
from mediation_desktop.services import agreements, records
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Agreement
from mediation_desktop.ui.case import casefile_pages
from mediation_desktop.ui.case.agreement_dialog import AgreementDialog
from mediation_desktop.ui.case.case_attachments import ImageDialog, ScanPickerDialog
from mediation_desktop.ui.case.case_window import CaseWindow
from mediation_desktop.ui.case.party_detail_dialog import PartyDetailDialog
from mediation_desktop.ui.case.prevented_dialog import PreventedDialog
from mediation_desktop.ui.case.record_dialogs import (
    FollowUpDialog,
    InvestigationDialog,
    OralAgreementDialog,
    RecordDialog,
    ReferralDialog,
    SessionDialog,
)
from mediation_desktop.ui.case.register_case_dialog import RegisterCaseDialog
from mediation_desktop.ui.common import language, screen_fit
from mediation_desktop.ui.common.confirmation_dialog import ConfirmationDialog
from mediation_desktop.ui.common.fonts import install_fonts
from mediation_desktop.ui.common.pdf_view import PdfDialog

SCREEN = QRect(0, 0, 1366, 728)  # 1366×768 less the taskbar


@pytest.fixture
def laptop(qapp, monkeypatch):
    monkeypatch.setattr(screen_fit, "available_geometry", lambda widget: SCREEN)
    monkeypatch.setattr(RecordDialog, "ask", classmethod(lambda cls, parent, text: False))
    answer_drafts(monkeypatch, RecordDialog, False)
    font = qapp.font()
    yield
    language.switch(language.ZH)
    qapp.setFont(font)


def _paste_party_list() -> QWidget:
    """粘贴当事人名单 (the registration's 粘贴名单…)."""
    from mediation_desktop.ui.case.paste_party_list_dialog import PastePartyListDialog

    return PastePartyListDialog()


def _forms(db, director):
    open_case = register_case(db, director, CaseInput("labour", [
        PartyInput("张三"), PartyInput("兴旺建筑公司", role=PartyRole.RESPONDENT)], summary="欠薪")).case_id
    agreed = register_case(db, director, CaseInput("labour", [
        PartyInput("李四"), PartyInput("兴旺建筑公司", role=PartyRole.RESPONDENT)], summary="欠薪")).case_id
    records.add_session(db, director, agreed, records.SessionInput(SessionResult.AGREED, record="同意"))
    aid = agreements.save_draft(db, director, agreed, agreements.AgreementInput(["付清"]))
    with db.read_session() as s:
        draft = s.get(Agreement, aid)
    import io

    from pypdf import PdfWriter

    pdf = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.write(pdf)
    return {
        "agreement": lambda: AgreementDialog(db, director, agreed),
        "case_window": lambda: CaseWindow(db, director, agreed),
        "registration": lambda: RegisterCaseDialog(db, director),
        "paste_party_list": _paste_party_list,
        "investigation": lambda: InvestigationDialog(db, director, open_case),
        "session": lambda: SessionDialog(db, director, open_case),
        "oral": lambda: OralAgreementDialog(db, director, agreed),
        "follow_up": lambda: FollowUpDialog(db, director, agreed),
        "referral": lambda: ReferralDialog(db, director, open_case),
        "confirmation": lambda: ConfirmationDialog(db, director, agreed, draft),
        "prevented": lambda: PreventedDialog(db, director, open_case),
        "party_detail": lambda: PartyDetailDialog({"name": "张三", "id_number": "110101199003074514"}),
        "party_detail_unit": lambda: PartyDetailDialog({"name": "兴旺建筑公司"}),
        "pdf_viewer": lambda: PdfDialog("文书", pdf.getvalue(), "x.pdf"),
        "paper_pages": lambda: casefile_pages.PaperPagesDialog(db, director, agreed),
        "photo": lambda: ImageDialog("界桩.png", _photo(db.paths.root / "界桩.png")),
        "scans": lambda: ScanPickerDialog("选择要添加的扫描件", [Path(f"扫描{i:04}.pdf") for i in range(1, 40)]),
        "archive": lambda: _archive(db),
    }


def _archive(db) -> QWidget:
    """归档 (asks the 保管期限)."""
    from mediation_desktop.ui.case.archive_dialog import ArchiveDialog

    return ArchiveDialog(db)


def _photo(path: Path) -> Path:
    """A phone photo, larger than the screen (the viewer scrolls it)."""
    from PySide6.QtGui import QColor, QImage

    image = QImage(3000, 4000, QImage.Format.Format_RGB32)
    image.fill(QColor("darkgreen"))
    assert image.save(str(path))
    return path


def _cut_labels(window: QWidget) -> list[str]:
    cut = []
    for label in window.findChildren(QLabel):
        if label.isVisible() and label.text() and not label.wordWrap() and "<" not in label.text():
            if label.width() < label.fontMetrics().horizontalAdvance(label.text()) - 1:
                cut.append(label.text())
    return cut


@pytest.mark.parametrize("points", [12, 16])  # 16 points: the main window's 大字
def test_every_form_fits_the_laptop_screen_with_its_buttons_in_sight(qtbot, db, director, laptop, qapp, points):
    install_fonts(qapp, resources_dir() / "fonts", points)
    problems = []
    for name, make in _forms(db, director).items():
        window = make()
        qtbot.addWidget(window)
        window.show()
        QApplication.processEvents()
        if window.width() > SCREEN.width() or window.height() + screen_fit.FRAME > SCREEN.height():
            problems.append(f"{name}: {window.width()}×{window.height()} does not fit")
        for button in window.findChildren(QAbstractButton):
            if not button.isVisibleTo(window) or any(isinstance(p, QScrollArea) for p in _parents(button, window)):
                continue  # (inside the scrolling part: reached by scrolling)
            corner = button.mapTo(window, button.rect().bottomRight())
            if corner.x() > window.width() or corner.y() > window.height():
                problems.append(f"{name}: {button.text() or button.objectName()} is off the window")
        if points == 16:
            problems += [f"{name}: label cut: {text}" for text in _cut_labels(window)]
        window.close()
    assert problems == []


def _parents(widget: QWidget, top: QWidget) -> list[QWidget]:
    out, p = [], widget.parentWidget()
    while p is not None and p is not top:
        out.append(p)
        p = p.parentWidget()
    return out


# --- the township's forms (statistics, exchange, ledger import, screenings) and the director's roster and log
PAGE = QRect(0, 0, 1344, 550)  # what the main window at 1366×688 leaves a tab's page in 大字 (554 high)


def _hub_forms(qtbot, db, director, pages):
    from mediation_desktop.ui.admin.audit_view import AuditView
    from mediation_desktop.ui.admin.roster_dialog import RosterDialog
    from mediation_desktop.ui.hub.dashboard import DashboardPage
    from mediation_desktop.ui.hub.ledger_import_dialog import LedgerImportDialog
    from mediation_desktop.ui.hub.screening_dialog import ScreeningDialog, ScreeningForm
    from mediation_desktop.ui.hub.sync_page import SyncPage

    def page(widget):  # a tab's page, at the size the main window gives it (grown to its least size if larger)
        widget.resize(PAGE.size())
        pages.append(widget)
        return widget

    def statistics():
        dashboard = page(DashboardPage(db, director))
        qtbot.waitUntil(lambda: dashboard.report is not None and dashboard.job.finished, timeout=20_000)
        return dashboard

    def ledger_import(step):
        dialog = LedgerImportDialog(db, director)
        dialog.pages.setCurrentIndex(step)
        dialog._update_buttons()
        return dialog

    return {
        "statistics": statistics,
        "exchange": lambda: page(SyncPage(db)),
        "log": lambda: page(AuditView(db)),
        "ledger_import": lambda: ledger_import(LedgerImportDialog.FILE),
        "ledger_import_columns": lambda: ledger_import(LedgerImportDialog.MAPPING),
        "ledger_import_preview": lambda: ledger_import(LedgerImportDialog.PREVIEW),
        "screenings": lambda: ScreeningDialog(db, director),
        "screening_form": lambda: ScreeningForm(db, director),
        "roster": lambda: RosterDialog(db, director),
    }


@pytest.mark.parametrize("points", [12, 16])
def test_the_township_forms_fit_the_laptop_screen_with_their_buttons_in_sight(qtbot, db, director, laptop, qapp,
                                                                             points, monkeypatch):
    """The same checks as above, on these forms; a page also fits the tab of the main window that holds it."""
    pages: list[QWidget] = []
    monkeypatch.setitem(globals(), "_forms", lambda db, director: _hub_forms(qtbot, db, director, pages))
    test_every_form_fits_the_laptop_screen_with_its_buttons_in_sight(qtbot, db, director, laptop, qapp, points)
    assert len(pages) == 3
    assert [(type(p).__name__, p.width(), p.height()) for p in pages
            if p.width() > PAGE.width() or p.height() > PAGE.height()] == []


# ---- the main window (its frame: forms/main/main_window.ui), signed in as a director (every button of the bar)

@pytest.mark.parametrize("language_code", [language.ZH, language.EN])
@pytest.mark.parametrize("large", [False, True])  # 大字: the window's own check box
def test_the_main_window_fits_the_laptop_screen(qtbot, db, director, laptop, qapp, large, language_code):
    from mediation_desktop.ui.main_window import MainWindow

    install_fonts(qapp, resources_dir() / "fonts", 12)
    language.switch(language_code)
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    window.large_font.setChecked(large)
    window.show()
    problems = []
    # every page below the bar, read and filled as a user sees it (统计 included: its dashboard is made when first opened)
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        qtbot.wait(50)  # (大字 reaches the pages through the event loop)
        QApplication.processEvents()
        needed = window.minimumSizeHint()
        if needed.width() > SCREEN.width() or needed.height() + screen_fit.FRAME > SCREEN.height():
            problems.append(f"{window.tabs.tabText(tab)}: needs {needed.width()}×{needed.height()}")
    window.resize(SCREEN.width(), SCREEN.height() - screen_fit.FRAME)
    window.tabs.setCurrentWidget(window.cases)
    QApplication.processEvents()
    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window) and button.window() is window:
            corner = button.mapTo(window, button.rect().bottomRight())
            if corner.x() > window.width() or corner.y() > window.height():
                problems.append(f"{button.text() or button.objectName()} is off the window")
    if large:
        problems += [f"label cut: {text}" for text in _cut_labels(window)]
    window.large_font.setChecked(False)
    window.close()
    assert problems == []


@pytest.mark.parametrize("language_code", [language.ZH, language.EN])
def test_the_case_list_keeps_status_date_and_mediator_in_sight_in_large_text(qtbot, db, director, laptop, qapp,
                                                                            language_code):
    """English 大字 made the case number, name and parties columns wider than the list: status, 受理日期 and the
    mediator were behind a sideways scroll bar. The name and parties give up width first, whole in a tooltip."""
    from PySide6.QtCore import Qt

    from mediation_desktop.services import demo
    from mediation_desktop.ui.main_window import MainWindow

    demo.generate(db, count=20, seed=5)
    install_fonts(qapp, resources_dir() / "fonts", 12)
    language.switch(language_code)
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    window.show()
    window.resize(SCREEN.width(), SCREEN.height() - screen_fit.FRAME)
    window.large_font.setChecked(True)
    window.tabs.setCurrentWidget(window.cases)
    qtbot.wait(100)
    QApplication.processEvents()
    table = window.cases.table
    header = table.horizontalHeader()
    last = table.model().columnCount() - 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= table.viewport().width()
    assert table.model().data(table.model().index(0, 2), Qt.ItemDataRole.ToolTipRole)
    window.large_font.setChecked(False)
    window.close()


@pytest.mark.parametrize("points", [12, 16])
def test_the_start_window_and_so_the_main_window_are_whole_on_the_laptop_screen(qtbot, laptop, qapp, points):
    """The first window (whose place and size the main window then takes), title bar and borders included, is on
    the free area of a 1366×768 laptop: a 700-pixel window placed by the system ran behind the taskbar."""
    from mediation_desktop.ui.start.start_window import StartWindow

    install_fonts(qapp, resources_dir() / "fonts", points)
    window = StartWindow()
    qtbot.addWidget(window)
    window.show()
    frame = QRect(window.pos().x(), window.pos().y(), window.width() + 8, window.height() + screen_fit.FRAME)
    assert SCREEN.contains(frame), f"{frame} is not inside {SCREEN}"
    assert window.width() >= 1000 and window.height() >= 600  # (still the program's window, not a small box)
