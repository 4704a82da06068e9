"""The director's list of cases past their retention period, in the window."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from retention_cases import closed_case as _closed

from mediation_desktop.storage.models import Case


def test_retention_dialog(qtbot, db, director, monkeypatch):
    from mediation_desktop.ui.admin.retention_dialog import RetentionDialog
    from mediation_desktop.ui.main_window import MainWindow

    old = _closed(db, director, "张三", dt.date(1990, 3, 1), None)  # no period written: the default (长期) counts
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    dialog = window.retention()
    assert isinstance(dialog, RetentionDialog) and dialog.table.rowCount() == 1
    dialog.table.selectRow(0)
    dialog.archive_button.click()
    assert dialog.table.item(0, 2).text() == "已归档"
    with db.read_session() as s:  # archived with the period the row shows, written down for the cover
        assert s.get(Case, old.case_id).archive_retention == dialog.table.item(0, 4).text() == "长期"
    monkeypatch.setattr(RetentionDialog, "ask_reason", classmethod(lambda cls, parent, text: "保管期限届满"))
    dialog.table.selectRow(0)
    dialog.purge_button.click()
    assert dialog.table.rowCount() == 0
    with db.read_session() as s:
        assert s.get(Case, old.case_id).deleted_at is not None


def test_a_purge_reason_typed_is_not_lost_to_esc(qtbot, db, director, type_chinese):
    """The reason asked before a purge, in the real prompt: Esc with a reason typed asks first, and Esc on the
    question goes back with the reason kept; Enter then purges. Thrown away (不保存，关闭), nothing is purged."""
    from prompt_steps import LEAVE_QUESTION as ASKED
    from prompt_steps import prompt_kept_then

    from mediation_desktop.ui.admin.retention_dialog import RetentionDialog
    from mediation_desktop.ui.main_window import MainWindow

    old = _closed(db, director, "张三", dt.date(1990, 3, 1), None)
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    window.show()
    dialog = window.retention()
    assert isinstance(dialog, RetentionDialog)
    dialog.table.selectRow(0)
    seen: list = []
    prompt_kept_then("重复登记，保管期限届满", "discard", seen, type_chinese, skip=dialog)
    qtbot.mouseClick(dialog.purge_button, Qt.MouseButton.LeftButton)
    assert seen == [ASKED, (True, "重复登记，保管期限届满"), ASKED]
    with db.read_session() as s:
        assert s.get(Case, old.case_id).deleted_at is None and dialog.table.rowCount() == 1

    seen.clear()
    prompt_kept_then("保管期限届满", "enter", seen, type_chinese, skip=dialog)
    qtbot.mouseClick(dialog.purge_button, Qt.MouseButton.LeftButton)
    assert seen == [ASKED, (True, "保管期限届满")]
    with db.read_session() as s:
        assert s.get(Case, old.case_id).deleted_at is not None and dialog.table.rowCount() == 0
