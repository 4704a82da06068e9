"""At a township the window names the villages: the statistics table's column heads, the line over the cases
behind a number, and the case list's 调委会 filter say 石桥村, not 330102001 (the code stays in a tooltip)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sync_helpers import Inst, new_installation

from mediation_desktop.reports.periods import Basis
from mediation_desktop.ui.desk.case_list_page import CaseListPage
from mediation_desktop.ui.hub.dashboard import DashboardPage, FigureRole, UnitRole

TOWN, SHIQIAO, DONGSHAN = "石桥镇司法所", "石桥村人民调解委员会", "东山村人民调解委员会"


def _in(root: Path, name: str, code: str, org_name: str, level: str, parent: str) -> Inst:
    return new_installation(root / name, name, code, org_name, level, parent)


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[Inst]:
    """石桥镇司法所 with 1 case of 石桥村 and 2 of 东山村 from their bundles (no case of its own)."""
    town = _in(tmp_path, "town", "330102", TOWN, "township", "330100")
    villages = [_in(tmp_path, "shiqiao", "330102001", SHIQIAO, "village", "330102"),
                _in(tmp_path, "dongshan", "330102002", DONGSHAN, "village", "330102")]
    try:
        for n, village in enumerate(villages, start=1):
            for i in range(n):
                village.register(f"张{i}", f"李{i}")
            town.trusts(village)
        summary = town.import_(*(v.export() for v in villages))
        assert summary.total("new") > 0 and summary.total("rejected") == summary.total("conflict") == 0
        yield town
    finally:
        for inst in (town, *villages):
            inst.db.dispose()


def _page(qtbot, hub: Inst) -> DashboardPage:
    page = DashboardPage(hub.db, hub.actor, load=False)
    qtbot.addWidget(page)
    page.set_period("2026", Basis.ACCEPTED)
    qtbot.waitUntil(lambda: page.job is not None and page.job.finished and not page._pending, timeout=20_000)
    assert page.report is not None
    return page


def test_the_statistics_table_is_headed_by_the_committees_names(qtbot, hub):
    page = _page(qtbot, hub)
    model = page.figures
    heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2, model.columnCount())]
    assert heads == ["石桥村", "东山村", "合计"]
    tips = [model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
            for c in range(2, model.columnCount())]
    assert tips == [f"{SHIQIAO} 330102001", f"{DONGSHAN} 330102002", None]
    # the cases behind 东山村's number: the line over them names the village, with its code
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0), FigureRole) == "cases")
    index = model.index(row, 3)
    assert model.data(index, UnitRole) == "330102002" and model.data(index) == "2"
    page._figure_clicked(index)
    qtbot.waitUntil(lambda: page.drilled is not None, timeout=20_000)
    assert page.cases.total() == 2
    assert f"{DONGSHAN} 330102002" in page.drill_label.text()


def test_the_case_list_offers_the_committees_by_name(qtbot, hub):
    page = CaseListPage(hub.db)
    qtbot.addWidget(page)
    page.viewer = hub.actor
    page.reload()
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=20_000)
    box = page.village_box
    assert [box.itemText(i) for i in range(1, box.count())] == [SHIQIAO, DONGSHAN]
    assert [box.itemData(i) for i in range(box.count())] == [None, "330102001", "330102002"]
    assert not box.isHidden()


def test_in_english_too(qtbot, hub):
    from mediation_desktop.ui.common import language

    page = _page(qtbot, hub)
    try:
        assert language.switch(language.EN)
        model = page.figures
        heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2, model.columnCount())]
        assert heads == ["石桥村", "东山村", "Total"]  # names are names; no code in a column head
    finally:
        language.switch(language.ZH)


def test_the_hub_case_list_names_each_cases_committee(qtbot, hub):
    """A township lists the cases of several villages: a 调委会 column says whose each case is (by name)."""
    page = CaseListPage(hub.db)
    qtbot.addWidget(page)
    page.viewer = hub.actor
    page.reload()
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=20_000)
    model = page.model
    column = model.columnCount() - 1
    assert model.headerData(column, Qt.Orientation.Horizontal) == "调委会"
    committees = sorted(model.data(model.index(r, column)) for r in range(model.rowCount()))
    assert committees == ["东山村", "东山村", "石桥村"]
    assert page.table.columnWidth(column) >= page.table.fontMetrics().horizontalAdvance("石桥村")
