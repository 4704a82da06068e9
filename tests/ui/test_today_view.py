"""待办: a row opens its case (double click, Enter); the columns show their text whole; a suspended case (中止)
is not "open for over a month"."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from mediation_desktop.domain.china_time import china_today
from mediation_desktop.domain.deadlines import DUE_KIND_LABELS_ZH, DueKind
from mediation_desktop.domain.enums import SessionResult
from mediation_desktop.domain.lifecycle import CaseAction
from mediation_desktop.services import agreements, records
from mediation_desktop.services.cases import CaseInput, change_status, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.services.today import today_items
from mediation_desktop.ui.common.column_widths import header_need, name_room
from mediation_desktop.ui.main_window import MainWindow

TODAY = china_today()


@pytest.fixture(autouse=True)
def _dates_of_the_day_the_test_runs() -> None:
    """The dates above are those of the day the module was collected; a run that passes midnight in China (16:00
    UTC) would hold the day before, while the program checks against its own today: set again before each test."""
    global TODAY
    TODAY = china_today()


def _risky(db, director, first: str, second: str):
    """A case with a risk of escalation: always in 待办."""
    return register_case(db, director, CaseInput("neighbour", [PartyInput(first), PartyInput(second)],
                                                 escalation_risk=True))


def _window(qtbot, db, director) -> MainWindow:
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.today)
    qtbot.waitUntil(lambda: not window.today.is_loading(), timeout=5000)
    window.today.refresh()
    return window


def test_double_click_and_enter_on_a_row_open_its_case(qtbot, db, director):
    first = _risky(db, director, "张三", "李四")
    second = _risky(db, director, "王五", "赵六")
    window = _window(qtbot, db, director)
    table, model = window.today.table, window.today.model
    rows = {model.item_at(r).case_id: r for r in range(model.rowCount())}
    assert set(rows) == {first.case_id, second.case_id}

    rect = table.visualRect(model.index(rows[second.case_id], 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a real double click:
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # press, release, double
    assert list(window.case_windows) == [second.case_id]
    assert window.case_windows[second.case_id].isVisible()

    table.setFocus()
    table.setCurrentIndex(model.index(rows[first.case_id], 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert set(window.case_windows) == {first.case_id, second.case_id}
    assert window.case_windows[first.case_id].isVisible()


def test_the_columns_show_their_text_whole(qtbot, qapp, db, director):
    case = register_case(db, director, CaseInput("neighbour", [PartyInput("甲一"), PartyInput("乙一")],
                                                 registered_on=TODAY - dt.timedelta(days=40)),
                         today=TODAY - dt.timedelta(days=40))
    records.add_session(db, director, case.case_id, records.SessionInput(SessionResult.AGREED))
    agreement = agreements.save_draft(db, director, case.case_id, agreements.AgreementInput(terms=["还款1000元"]), None)
    agreements.sign(db, director, agreement, signed_on=TODAY - dt.timedelta(days=30))
    window = _window(qtbot, db, director)
    table, model = window.today.table, window.today.model
    labels = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert DUE_KIND_LABELS_ZH[DueKind.JUDICIAL_CONFIRMATION] in labels

    def whole(large: bool = False) -> None:
        room = name_room(table)
        for column in (0, 1, 3, 4):  # 事项, 案件编号, 到期日, 情况: never cut short, but in 大字 on this screen
            # (1366 pixels), where the widest gives way to 案件名称's least room, its header whole
            fits = table.columnWidth(column) >= table.sizeHintForColumn(column)
            assert fits or (large and table.columnWidth(2) >= room
                            and table.columnWidth(column) >= header_need(table, column)), column
        for row in range(model.rowCount()):  # and every cell has its whole text as a tip
            for column in range(model.columnCount()):
                index = model.index(row, column)
                assert model.data(index, Qt.ItemDataRole.ToolTipRole) == model.data(index)

    whole()
    window.large_font.setChecked(True)  # 大字: wider again
    QApplication.processEvents()
    whole(large=True)
    window.large_font.setChecked(False)


def test_a_suspended_case_is_not_listed_as_overdue(qtbot, db, director):
    long_ago = TODAY - dt.timedelta(days=70)
    suspended = register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")],
                                                      registered_on=long_ago), today=long_ago)
    change_status(db, director, suspended.case_id, CaseAction.MEDIATE)
    change_status(db, director, suspended.case_id, CaseAction.SUSPEND)
    mediating = register_case(db, director, CaseInput("neighbour", [PartyInput("王五"), PartyInput("赵六")],
                                                      registered_on=long_ago), today=long_ago)
    risky = register_case(db, director, CaseInput("neighbour", [PartyInput("钱七"), PartyInput("孙八")],
                                                  registered_on=long_ago, escalation_risk=True), today=long_ago)
    change_status(db, director, risky.case_id, CaseAction.MEDIATE)
    change_status(db, director, risky.case_id, CaseAction.SUSPEND)

    items = {(i.case_id, i.kind) for i in today_items(db)}
    assert (suspended.case_id, DueKind.OVERLONG) not in items
    assert (mediating.case_id, DueKind.OVERLONG) in items  # still open: overdue as before
    assert (risky.case_id, DueKind.ESCALATION_RISK) in items  # suspended, but the risk still must be reported
    assert (risky.case_id, DueKind.OVERLONG) not in items

    window = _window(qtbot, db, director)
    model = window.today.model
    shown = [(model.item_at(r).case_id, model.data(model.index(r, 0))) for r in range(model.rowCount())]
    assert (suspended.case_id, "调解超过一个月未结") not in shown
    assert (mediating.case_id, "调解超过一个月未结") in shown
    assert all(case_id != suspended.case_id for case_id, _ in shown)


def test_the_most_urgent_first_a_page_at_a_time_with_the_counts_of_all(qtbot, qtmodeltester, db, director):
    """At a hub the list holds a page of the items (the most urgent first); 显示更多 adds the next page; the
    counts (in all, overdue, by kind) are over every item, not only those listed."""
    from mediation_desktop.ui.common import language
    from mediation_desktop.ui.desk.today_view import TodayView

    long_ago = TODAY - dt.timedelta(days=70)
    for n in range(5):  # open for over a month: overdue
        register_case(db, director, CaseInput("neighbour", [PartyInput(f"张{n}"), PartyInput(f"李{n}")],
                                              registered_on=long_ago + dt.timedelta(days=n)),
                      today=long_ago + dt.timedelta(days=n))
    for n in range(2):
        _risky(db, director, f"王{n}", f"赵{n}")
    everything = today_items(db)
    assert len(everything) == 7

    view = TodayView(db, load=False)
    qtbot.addWidget(view)
    view.page_size = 3
    view.refresh()
    view.show()
    qtmodeltester.check(view.model)

    def listed() -> list:
        return [view.model.item_at(r) for r in range(view.model.rowCount())]

    assert listed() == everything[:3]  # the risks first, then the oldest overdue
    assert "共 7 项待办，其中 5 项已逾期" in view.summary.text()
    assert view.kinds.text() == "调解超过一个月未结 5 项（5 项已逾期）；有激化风险，须及时报告 2 项"
    assert view.shown.text() == "列出最紧急的 3 项，共 7 项。"
    assert view.more_button.isVisible() and view.more_button.text() == "显示更多"

    def more() -> None:  # (the next page is read on a worker thread)
        qtbot.mouseClick(view.more_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not view.is_reading_more(), timeout=5000)

    more()
    assert listed() == everything[:6]
    assert "共 7 项待办，其中 5 项已逾期" in view.summary.text()
    assert view.shown.text() == "列出最紧急的 6 项，共 7 项。"
    more()
    assert listed() == everything
    assert not view.more_button.isVisible() and view.shown.text() == ""
    qtmodeltester.check(view.model)

    view.refresh()  # a refresh starts at the first page again
    assert listed() == everything[:3] and view.more_button.isVisible()
    try:  # in English: the same counts, the labels and words translated
        assert language.switch(language.EN)
        QApplication.processEvents()
        assert view.kinds.text() == ("Mediation open for over a month: 5 (5 overdue); "
                                     "Risk of escalation: report promptly: 2")
        assert view.shown.text() == "The 3 most urgent of 7 items are listed."
        assert view.more_button.text() == "Show more"
    finally:
        language.switch(language.ZH)


def test_a_further_page_widens_the_columns_its_text_needs(qtbot, db, director):
    """The columns fit the first page; a further page with wider text (已逾期 … 天 under 今天受理) widens them,
    measuring only its own rows."""
    from mediation_desktop.ui.desk.today_view import TodayView

    long_ago = TODAY - dt.timedelta(days=70)
    for n in range(2):  # open for over a month: 已逾期 … 天, listed after …
        register_case(db, director, CaseInput("neighbour", [PartyInput(f"张{n}"), PartyInput(f"李{n}")],
                                              registered_on=long_ago), today=long_ago)
    for n in range(2):  # … the risks of escalation accepted today: 今天受理
        _risky(db, director, f"王{n}", f"赵{n}")
    view = TodayView(db, load=False)
    qtbot.addWidget(view)
    view.page_size = 2
    view.refresh()
    view.show()
    table, model, when = view.table, view.model, 4
    assert [model.data(model.index(r, when)) for r in range(2)] == ["今天受理", "今天受理"]
    first_width = table.columnWidth(when)

    qtbot.mouseClick(view.more_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.is_reading_more(), timeout=5000)
    assert model.rowCount() == 4 and model.data(model.index(3, when)).startswith("已逾期")
    assert table.columnWidth(when) > first_width
    for column in (0, 1, 3, 4):  # every row's text whole, as a column fitted to all of them
        assert table.columnWidth(column) >= table.sizeHintForColumn(column), column


def _signed(db, director, days_ago: int, name: str):
    """An agreed case whose agreement took effect ``days_ago`` days ago (nothing applied for yet)."""
    case = register_case(db, director, CaseInput("neighbour", [PartyInput(name), PartyInput(name + "乙")],
                                                 registered_on=TODAY - dt.timedelta(days=days_ago + 5)),
                         today=TODAY - dt.timedelta(days=days_ago + 5))
    records.add_session(db, director, case.case_id, records.SessionInput(SessionResult.AGREED))
    agreement = agreements.save_draft(db, director, case.case_id, agreements.AgreementInput(terms=["还款1000元"]), None)
    agreements.sign(db, director, agreement, signed_on=TODAY - dt.timedelta(days=days_ago))
    return case


def test_the_last_day_to_apply_for_confirmation_stands_out_and_a_lapsed_window_is_said_once(qtbot, db, director):
    """On its last day the 30-day window says 今天截止 in bold orange (not the black of 还有 5 天); after it closes
    unused the case stays a week, in red: 已过期（未申请司法确认）; then it is gone."""
    last_day = _signed(db, director, 30, "甲")
    two_left = _signed(db, director, 28, "乙")
    five_left = _signed(db, director, 25, "丙")
    lapsed = _signed(db, director, 33, "丁")
    gone = _signed(db, director, 38, "戊")
    window = _window(qtbot, db, director)
    model = window.today.model
    rows = {model.item_at(r).case_id: r for r in range(model.rowCount())
            if model.item_at(r).kind == DueKind.JUDICIAL_CONFIRMATION}
    assert gone.case_id not in rows

    def cell(case, role=Qt.ItemDataRole.DisplayRole):
        return model.data(model.index(rows[case.case_id], 4), role)

    def bold(case) -> bool:
        font = cell(case, Qt.ItemDataRole.FontRole)
        return font is not None and font.bold()

    def colour(case) -> str | None:
        brush = cell(case, Qt.ItemDataRole.ForegroundRole)
        return None if brush is None else brush.color().name()

    assert cell(last_day) == "今天截止" and bold(last_day) and colour(last_day) == "#c05000"
    assert cell(two_left) == "还有 2 天" and bold(two_left) and colour(two_left) == "#c05000"
    assert cell(five_left) == "还有 5 天" and not bold(five_left) and colour(five_left) is None
    assert cell(lapsed) == "已过期（未申请司法确认）" and bold(lapsed) and colour(lapsed) == "#b00020"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_in_large_text_on_a_narrow_window_the_case_name_keeps_room_and_the_language_box_reads_whole(
        qtbot, qapp, db, director, lang):
    """In 大字 at 1,100 pixels, a 司法确认 row (its 事项 and 情况 the longest texts) squeezed 案件名称 to almost
    nothing; the status bar's language box stayed as small as in normal text."""
    from mediation_desktop.ui.common import language
    from mediation_desktop.ui.common.column_widths import NAME_CHARS

    _signed(db, director, 30, "甲")  # 今天截止
    _signed(db, director, 33, "丁")  # 已过期（未申请司法确认）
    window = _window(qtbot, db, director)
    assert language.switch(lang)
    table, model = window.today.table, window.today.model
    assert any(model.item_at(r).kind == DueKind.JUDICIAL_CONFIRMATION for r in range(model.rowCount()))
    for large in (False, True):
        window.large_font.setChecked(large)
        window.resize(1100, window.height())
        QApplication.processEvents()
        QApplication.processEvents()
        box = window.language  # in the text size of the window (its own style sheet kept it small in 大字)
        assert box.font().pointSize() == qapp.font().pointSize()
        assert [w.objectName() for w in window.findChildren(QWidget)
                if w.styleSheet() and w.font().pointSize() < qapp.font().pointSize()] == []
        assert box.width() >= box.sizeHint().width() and box.height() >= box.sizeHint().height(), large
        assert box.width() >= box.fontMetrics().horizontalAdvance("English") and box.isVisible()
        room = table.fontMetrics().horizontalAdvance("字" * NAME_CHARS)
        assert table.columnWidth(window.today.TITLE_COLUMN) >= room, (large, table.columnWidth(2), room)
        assert table.horizontalHeader().length() <= table.viewport().width() + 1  # (no sideways scrolling)
    window.large_font.setChecked(False)
    window.resize(2000, window.height())  # a wide window: every other column whole again
    QApplication.processEvents()
    for column in (0, 1, 3, 4):
        assert table.columnWidth(column) >= table.sizeHintForColumn(column), column
    language.switch(language.ZH)
