"""Screenshots of the main screens (kept in artifacts/screenshots for people to look at), with no tofu."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

from attachment_samples import pdf
from draft_answers import answer_drafts
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QLabel, QListWidget, QTabWidget, QWidget
from sqlalchemy import select

from mediation_desktop.domain import enums
from mediation_desktop.paths import resources_dir
from mediation_desktop.services import demo
from mediation_desktop.storage.models import Case
from mediation_desktop.ui.case.case_window import CaseWindow
from mediation_desktop.ui.common.fonts import add_shipped_fonts, install_fonts
from mediation_desktop.ui.main_window import MainWindow

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


def _texts(widget: QWidget) -> str:
    parts = [widget.windowTitle()]
    for w in widget.findChildren(QWidget):
        if isinstance(w, QLabel | QAbstractButton):
            parts.append(w.text())
        elif isinstance(w, QTabWidget):
            parts.extend(w.tabText(i) for i in range(w.count()))
        elif isinstance(w, QListWidget):
            parts.extend(w.item(i).text() for i in range(w.count()))
    model = getattr(widget, "model", None)
    if model is not None:
        for r in range(min(model.rowCount(), 30)):
            parts.extend(str(model.data(model.index(r, c)) or "") for c in range(model.columnCount()))
    return "".join(parts)


def _shipped_families() -> list[str]:
    add_shipped_fonts(resources_dir() / "fonts")  # as the program does after its first paint
    names = {p.stem for p in (resources_dir() / "fonts").iterdir()}
    return [f for f in QFontDatabase.families() if f in names or "Hana" in f or "UMing" in f]


def _shoot(widget: QWidget, name: str, qapp) -> None:
    widget.resize(1100, 700)
    widget.show()
    qapp.processEvents()
    image = widget.grab().toImage()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert image.save(str(ARTIFACTS / f"{name}.png"))
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 23)}
    assert len(colours) > 3, f"{name} looks blank"
    # the application font, then the shipped fallbacks that the program adds once its window is up
    fonts = [QFontMetrics(qapp.font())] + [QFontMetrics(QFont(family)) for family in _shipped_families()]
    missing = sorted({ch for ch in _texts(widget)
                      if ord(ch) > 0x2E7F and not any(m.inFontUcs4(ord(ch)) for m in fonts)})
    assert missing == [], f"{name}: characters the font cannot draw (would be boxes): {missing}"
    codes = {m.value for kind in vars(enums).values()
             if isinstance(kind, type) and issubclass(kind, StrEnum) and kind is not StrEnum for m in kind}
    leaked = sorted(set(re.findall(r"[a-z_]{3,}", _texts(widget))) & codes)
    assert leaked == [], f"{name}: codes shown instead of Chinese words: {leaked}"


def test_main_screens(qtbot, qapp, db, director):
    install_fonts(qapp, resources_dir() / "fonts")
    demo.generate(db, count=60, seed=3)
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    window.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: not window.today.is_loading(), timeout=20_000)  # read off the window's thread
    assert window.today.model.rowCount() > 0  # the demo cases have follow-ups and deadlines due
    _shoot(window, "today", qapp)
    window.tabs.setCurrentIndex(1)
    _shoot(window, "case-list", qapp)
    window.tabs.setCurrentWidget(window.stats)
    page = window.dashboard
    assert page is not None
    qtbot.waitUntil(lambda: page.report is not None and page.job is not None and page.job.finished, timeout=20_000)
    _shoot(window, "statistics", qapp)
    window.tabs.setCurrentWidget(window.sync)
    _shoot(window, "exchange", qapp)
    with db.read_session() as s:
        case_id = s.scalar(select(Case.id).where(Case.status == "agreed").limit(1))
    case_window = CaseWindow(db, director, case_id)
    qtbot.addWidget(case_window)
    for index, name in ((0, "case-registration"), (2, "case-sessions"), (3, "case-agreement")):
        case_window.tabs.setCurrentIndex(index)
        _shoot(case_window, name, qapp)


def test_agreement_editor_and_attachments(qtbot, qapp, db, director, tmp_path, monkeypatch):
    from mediation_desktop.domain.enums import SessionResult
    from mediation_desktop.services import records
    from mediation_desktop.services.attachments import add_attachment
    from mediation_desktop.services.cases import CaseInput, register_case
    from mediation_desktop.services.parties import PartyInput
    from mediation_desktop.ui.case.agreement_dialog import AgreementDialog

    install_fonts(qapp, resources_dir() / "fonts")
    reg = register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李䶮")],
                                                summary="两家菜地界限不清，李䶮家新砌的围墙占了张三家半垄菜地。"))
    records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.AGREED))
    scan = tmp_path / "现场照片.pdf"
    scan.write_bytes(pdf("placeholder"))
    add_attachment(db, director, reg.case_id, scan, description="界址现场")
    window = CaseWindow(db, director, reg.case_id)
    qtbot.addWidget(window)
    window.tabs.setCurrentIndex(5)
    _shoot(window, "case-attachments", qapp)
    from mediation_desktop.ui.case.record_dialogs import RecordDialog

    monkeypatch.setattr(RecordDialog, "ask", classmethod(lambda cls, parent, text: True))  # closing: keep the draft
    answer_drafts(monkeypatch, RecordDialog, True)
    dialog = AgreementDialog(db, director, reg.case_id, window)
    qtbot.addWidget(dialog)
    dialog.terms.set_terms(["以村委会测量结果重新划定界限。", "李䶮于十日内拆除占地部分围墙。"])
    dialog.method.setText("现场埋设界桩")
    dialog.refresh_preview()
    dialog.resize(1280, 820)
    dialog.show()
    qtbot.wait(1500)  # the viewer draws its pages in the background
    image = dialog.grab().toImage()
    assert image.save(str(ARTIFACTS / "agreement-editor.png"))
    assert dialog.preview_pane.page_count() == 1
