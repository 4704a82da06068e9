"""导入台账's preview: how 调解结果 was read (the program's word) and a 说明 never cut, in normal text and 大字; and at a
township or a village, the 这是本单位自己的台账 box that lets its own ledger through when its title names another
village."""

from __future__ import annotations

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QRect, Qt
from sqlalchemy import func, select
from sync_helpers import new_installation

from mediation_desktop.storage.models import Case
from mediation_desktop.ui.hub.ledger_import_dialog import LedgerImportDialog


def _ledger(path, title=None):
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append([title])
    ws.append(["序号", "受理日期", "申请人", "被申请人", "纠纷类型", "涉及金额（元）", "调解结果", "调解员", "结案日期"])
    ws.append([1, "2023.4.1", "张  三", "欧阳明明", "噪音扰民", "一万二", "调解成功，对方已口头道歉并赔偿损失", "王  五",
               "2023.4.2"])
    ws.append([2, "2023.4.3", "李\u3000四", "王 五", "邻里", "两万五", "调解未成功", "王建国", "2023.4.9"])
    wb.save(path)
    return path


def _wait(qtbot, dialog):
    qtbot.waitUntil(lambda: dialog.job is not None and dialog.job.finished, timeout=20_000)


def _to_preview(qtbot, dialog, path):
    dialog.path.setText(str(path))
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, dialog)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, dialog)


@pytest.mark.parametrize("points", [12, 16])  # the window's normal text, then 大字
def test_the_preview_shows_the_read_result_and_the_whole_note(qtbot, qtmodeltester, fresh, director, tmp_path,
                                                              points):
    dialog = LedgerImportDialog(fresh, director)
    qtbot.addWidget(dialog)
    font = dialog.font()
    font.setPointSize(points)
    dialog.setFont(font)
    _to_preview(qtbot, dialog, _ledger(tmp_path / "姓名对齐.xlsx"))
    assert dialog.pages.currentIndex() == dialog.PREVIEW
    model, view = dialog.preview, dialog.preview_view
    qtmodeltester.check(model)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    result = headers.index("调解结果")
    assert [model.data(model.index(r, result)) for r in range(2)] == ["调解成功", "调解不成"]
    assert [model.data(model.index(r, headers.index("申请人"))) for r in range(2)] == ["张三", "李四"]
    notes = headers.index("说明")
    assert view.horizontalHeader().visualIndex(notes) == model.columnCount() - 1  # 说明 last
    metrics = view.fontMetrics()
    for r in range(2):
        text = model.data(model.index(r, notes))  # row 1: two notes (噪音扰民 counted as 其他, no performance)
        width = view.columnWidth(notes) - 2 * view.style().pixelMetric(view.style().PixelMetric.PM_FocusFrameHMargin,
                                                                       None, view) - 2
        needed = metrics.boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, text).height()
        assert needed <= view.rowHeight(r), (points, r, needed, view.rowHeight(r))
    assert len(model.data(model.index(0, notes))) > 36 and view.rowHeight(0) > view.rowHeight(1)  # wrapped
    assert view.columnWidth(notes) <= metrics.horizontalAdvance("说") * 36 + 1


def test_a_township_imports_a_villages_ledger_only_with_the_box_ticked(qtbot, tmp_path):
    town = new_installation(tmp_path / "town", "town", "330102", "石桥镇人民调解委员会", "township", "330100")
    path = _ledger(tmp_path / "石桥村2023台账.xlsx", "石桥村2023年人民调解台账")
    dialog = LedgerImportDialog(town.db, town.actor)
    qtbot.addWidget(dialog)
    assert not dialog.own_ledger.isHidden() and not dialog.own_ledger.isChecked()
    _to_preview(qtbot, dialog, path)
    assert dialog.pages.currentIndex() == dialog.MAPPING and "石桥村的电脑上导入" in dialog.error.text()
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.own_ledger, Qt.MouseButton.LeftButton)
    assert dialog.own_ledger.isChecked()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, dialog)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, dialog)
    assert dialog.pages.currentIndex() == dialog.PREVIEW and dialog.plan is not None
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    with town.db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == 2
    town.db.dispose()


@pytest.mark.parametrize("own", [False, True])
def test_a_village_imports_another_villages_ledger_only_with_the_box_ticked(qtbot, fresh, director, tmp_path, own):
    """At 石桥村, 东河村's ledger would be booked as 石桥村's cases: refused as at a township, unless ticked."""
    dialog = LedgerImportDialog(fresh, director)
    qtbot.addWidget(dialog)
    assert not dialog.own_ledger.isHidden() and not dialog.own_ledger.isChecked()
    if own:
        qtbot.mouseClick(dialog.own_ledger, Qt.MouseButton.LeftButton)
    _to_preview(qtbot, dialog, _ledger(tmp_path / "东河村2023台账.xlsx", "东河村2023年人民调解台账"))
    if not own:
        assert dialog.pages.currentIndex() == dialog.MAPPING and "东河村的电脑上导入" in dialog.error.text()
        assert "\n" not in dialog.error.text()
        expected = 0
    else:
        assert dialog.pages.currentIndex() == dialog.PREVIEW and dialog.plan is not None
        with qtbot.waitSignal(dialog.accepted, timeout=20_000):
            qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
        expected = 2
    with fresh.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == expected
