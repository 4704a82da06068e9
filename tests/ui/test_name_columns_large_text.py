"""A person's name is never cut in a table in 大字 (the 待办 table's rule, ``column_widths.name_room``: a name column
keeps room for eight characters): on a township's case list, where the 调委会 column and not the mediator's takes
what is left, 「买买提·艾力」 as the mediator was cut to 「买买提…」; the user list's 姓名 too, fitted to its rows before
大字 was on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyle, QTableView
from sync_helpers import Inst, new_installation

from mediation_desktop.services import accounts
from mediation_desktop.ui.admin.accounts_dialogs import UsersDialog
from mediation_desktop.ui.common import language
from mediation_desktop.ui.common.column_widths import name_room
from mediation_desktop.ui.common.fonts import set_text_size
from mediation_desktop.ui.desk.case_table_model import MEDIATOR_COLUMN, NAME_COLUMNS
from mediation_desktop.ui.main_window import LARGE_POINTS, NORMAL_POINTS, MainWindow

NAMES = ("张三丰", "欧阳娜娜", "买买提·艾力")


def _cut(view: QTableView, columns: tuple[int, ...] | list[int]) -> list[str]:
    """The cells of ``columns`` whose text does not fit (Qt cuts it to …), and the columns narrower than the room
    every name column keeps."""
    model, metrics = view.model(), view.fontMetrics()
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    out = [f"column {c}: {view.columnWidth(c)} < {name_room(view)} px" for c in columns
           if view.columnWidth(c) < name_room(view)]
    for row in range(model.rowCount()):
        for column in columns:
            text = str(model.data(model.index(row, column)) or "")
            if view.columnWidth(column) < metrics.horizontalAdvance(text) + margin:
                out.append(f"{text!r} in column {column}: {view.columnWidth(column)} px")
    return out


def _settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[Inst]:
    """A township with the cases of two villages, mediated by 张三丰, 欧阳娜娜 and 买买提·艾力."""
    town = new_installation(tmp_path / "town", "town", "330102", "石桥镇司法所", "township", "330100")
    villages = [new_installation(tmp_path / f"v{n}", f"v{n}", f"33010200{n}", org, "village", "330102")
                for n, org in ((1, "石桥村人民调解委员会"), (2, "东山村人民调解委员会"))]
    try:
        for village in villages:
            for name in NAMES:
                village.register(name, "李四", mediator_name=name)
            town.trusts(village)
        town.import_(*(v.export() for v in villages))
        yield town
    finally:
        for inst in (town, *villages):
            inst.db.dispose()


@pytest.mark.parametrize("lang", [language.ZH, language.EN])
def test_a_townships_case_list_keeps_the_names_whole_in_large_text(qtbot, qapp, hub, lang):
    window = MainWindow(hub.db, hub.actor)
    qtbot.addWidget(window)
    try:
        assert language.switch(lang)
        window.resize(1366, 728)
        window.show()
        window.large_font.setChecked(True)
        window.tabs.setCurrentWidget(window.cases)
        _settle()
        table, model = window.cases.table, window.cases.model
        assert model.committee_column() is not None and model.rowCount() == 6  # (a hub's list: 调委会 last)
        assert {str(model.data(model.index(r, MEDIATOR_COLUMN))) for r in range(6)} == set(NAMES)
        assert _cut(table, NAME_COLUMNS) == []
        assert not table.isColumnHidden(MEDIATOR_COLUMN)
    finally:
        language.switch(language.ZH)
        window.large_font.setChecked(False)


def test_the_user_lists_names_stay_whole_when_large_text_is_turned_on(qtbot, qapp, db, director):
    for i, name in enumerate(NAMES):
        accounts.create_user(db, director, f"user{i}", name, "mediator", "secret123")
    set_text_size(qapp, NORMAL_POINTS)
    dialog = UsersDialog(db, director)
    qtbot.addWidget(dialog)
    dialog.show()
    _settle()
    set_text_size(qapp, LARGE_POINTS)  # (大字 from the main window while the list is open)
    _settle()
    assert dialog.table.horizontalHeaderItem(1).text() == "姓名"
    assert _cut(dialog.table, [1]) == []
    assert dialog.table.model().headerData(1, Qt.Orientation.Horizontal) == "姓名"
