"""What an elderly mediator meets in the window: save dialogs that open in their own folders and say what they
save, a case window closed from the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.ui.case.case_window import CaseWindow
from mediation_desktop.ui.common import file_places
from mediation_desktop.ui.common.pdf_view import PdfDialog


def test_save_as_pdf_opens_in_the_users_documents_with_a_title(qtbot, db, director, monkeypatch, tmp_path):
    documents = tmp_path / "文档"
    documents.mkdir()
    monkeypatch.setattr(file_places, "removable_drives", lambda: [])
    monkeypatch.setattr(file_places, "documents_folder", lambda: documents)
    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda parent, title, start, kinds: asked.append((title, start)) or ("", ""))
    reg = register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")]))
    window = CaseWindow(db, director, reg.case_id)
    qtbot.addWidget(window)
    monkeypatch.setattr(CaseWindow, "ask_item", classmethod(lambda cls, parent, text, items: items[0]))
    window.buttons["pdf"].click()  # 文书（查看、打印）…
    viewer = window.findChildren(PdfDialog)[-1]
    viewer.pane.save_button.click()  # 另存为 PDF…
    [(title, start)] = asked
    assert title == "把这份文书另存为 PDF"
    assert start.startswith(str(documents)) and start.endswith(".pdf") and window.detail.case.case_no in start


def _shown_case_window(qtbot, db, director) -> CaseWindow:
    reg = register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")]))
    window = CaseWindow(db, director, reg.case_id)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def test_ctrl_w_closes_the_case_window(qtbot, db, director):
    window = _shown_case_window(qtbot, db, director)
    qtbot.keyClick(window.tabs, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_escape_closes_the_case_window(qtbot, db, director):
    window = _shown_case_window(qtbot, db, director)
    qtbot.keyClick(window.tabs, Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_escape_in_an_open_form_asks_about_it_and_keeps_the_case_window(qtbot, db, director, monkeypatch,
                                                                        type_chinese):
    from mediation_desktop.ui.case.record_dialogs import SessionDialog
    from mediation_desktop.ui.common.unsaved import Answer

    window = _shown_case_window(qtbot, db, director)
    asked: list[str] = []
    monkeypatch.setattr(SessionDialog, "ask_unsaved",
                        classmethod(lambda cls, parent, text, keeps: asked.append(text) or Answer.BACK))
    window.record_session()
    session = window.findChildren(SessionDialog)[-1]
    type_chinese(session.record, "甲方说……乙方说……")
    qtbot.keyClick(session.record, Qt.Key.Key_Escape)
    assert asked and session.isVisible() and window.isVisible()  # the form's question, then back to it


def test_in_large_text_the_case_list_keeps_dates_mediators_and_parties_in_sight(qtbot, qapp, db, director):
    """大字 in a window of a laptop's width: 受理日期 and 调解员 whole in sight, the parties not cut to a name and a
    half; the case's name (its parties and type, both beside it) is what gives way."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from mediation_desktop.ui.desk.case_list_page import CaseListPage

    for first, second in (("张桂兰", "李小明"), ("钟水", "韩英英"), ("周花美", "钱明超")):
        register_case(db, director, CaseInput("neighbour", [PartyInput(first), PartyInput(second)],
                                              mediator_name="王建国"))
    font = qapp.font()
    page = CaseListPage(db)
    qtbot.addWidget(page)
    page.viewer = director
    page.resize(1060, 600)
    page.show()
    page.reload()
    try:
        for points in (12, 16):
            big = QFont(font)
            big.setPointSize(points)
            qapp.setFont(big)
            QApplication.processEvents()
            table, model = page.table, page.model
            qtbot.waitUntil(lambda: page.model.rowCount() == 3)
            page.fit_columns()
            metrics = table.fontMetrics()
            for col in (2, 4, 5, 6):  # 当事人, 状态, 受理日期, 调解员: whole, and within the list's width
                for row in range(model.rowCount()):
                    text = str(model.data(model.index(row, col)))
                    need = metrics.horizontalAdvance(text) + 8
                    assert need <= table.columnWidth(col), (points, col, text)
                    assert table.columnViewportPosition(col) + need <= table.viewport().width(), (points, col, text)
    finally:
        qapp.setFont(font)
