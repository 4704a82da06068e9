"""The county's statistics page: a township's column sums its villages, and clicking one of its figures lists the
cases of the township and its villages, not the township's own cases only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from sync_helpers import new_installation

from mediation_desktop.reports.periods import Basis
from mediation_desktop.sync.keys import own_keys
from mediation_desktop.ui.hub.dashboard import DashboardPage, FigureRole


def test_a_townships_figure_lists_its_villages_cases(qtbot, tmp_path: Path):
    county = new_installation(tmp_path / "county", "county", "330100", "东阳县司法局", "county", None)
    town = new_installation(tmp_path / "town", "town", "330102", "石桥镇人民调解委员会", "township", "330100")
    village = new_installation(tmp_path / "v", "v", "330102001", "石桥村人民调解委员会", "village", "330102")
    try:
        town.trusts(village)
        county.trusts(town)
        day = dt.date(2026, 8, 3)
        village_cases = {village.register(f"张{i}", f"李{i}", day=day) for i in range(2)}
        town.import_(village.export())
        own = town.register("王五", "赵六", day=day)
        county.import_(town.export())
        page = DashboardPage(county.db, county.actor, load=False)
        qtbot.addWidget(page)
        page.set_period("2026-Q3", Basis.ACCEPTED)
        qtbot.waitUntil(lambda: page.job is not None and page.job.finished and not page._pending, timeout=20_000)
        model = page.figures
        assert model.columnCount() == 2 + 2  # 石桥镇, 合计
        assert model.headerData(2, Qt.Orientation.Horizontal) == "石桥镇"
        assert model.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == \
            "石桥镇人民调解委员会 330102\n本栏合计：石桥镇、石桥村"
        row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0), FigureRole) == "cases")
        assert model.data(model.index(row, 2)) == "3"
        page.show()
        qtbot.waitExposed(page)
        index = model.index(row, 2)
        page.table.scrollTo(index)
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=page.table.visualRect(index).center())
        qtbot.waitUntil(lambda: page.drilled is not None, timeout=20_000)
        assert page.drilled == ("cases", own_keys(town.db).peer.org_code)
        listed = {page.cases.row_at(i).id for i in range(page.cases.total())}
        assert listed == village_cases | {own}
        assert "石桥镇" in page.drill_label.text() and "共 3 件" in page.drill_label.text()
    finally:
        for one in (county, town, village):
            one.db.dispose()
