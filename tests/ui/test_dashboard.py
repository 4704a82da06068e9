"""The statistics page: figures from the report, charts, and every figure lists its cases when clicked."""

from __future__ import annotations

import datetime as dt
import io
import random

import pytest
from job_gates import click_cancel, hold
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCharts import QBarSeries, QHorizontalBarSeries, QPieSeries
from PySide6.QtCore import Qt
from report_cases import make_case

from mediation_desktop.reports import statistics
from mediation_desktop.reports.figures import FIGURES
from mediation_desktop.reports.periods import Basis, parse_period
from mediation_desktop.ui.hub.dashboard import DashboardPage, FigureRole


@pytest.fixture
def cases(db, director):
    rng = random.Random(3)
    outcomes = ["written", "oral", "failed", "open", "archived_referred", "declined", "written"]
    day = dt.date(2026, 7, 1)
    for i in range(14):
        make_case(db, director, rng, day, outcomes[i % len(outcomes)])
        day += dt.timedelta(days=6)
    return db


def _wait(qtbot, page):
    qtbot.waitUntil(lambda: page.job is not None and page.job.finished and not page._pending, timeout=20_000)


def _page(qtbot, db, director, spec="2026-Q3", basis=Basis.ACCEPTED):
    page = DashboardPage(db, director, load=False)
    qtbot.addWidget(page)
    page.set_period(spec, basis)
    _wait(qtbot, page)
    job = page.job
    qtbot.wait(400)  # longer than the selector's pause: setting the period starts no second report
    assert page.job is job
    return page


def test_the_table_shows_every_figure_of_the_report(qtbot, qtmodeltester, cases, director):
    page = _page(qtbot, cases, director)
    expected = statistics.compute(cases, parse_period("2026-Q3"))
    assert page.report is not None and page.report.values == expected.values
    qtmodeltester.check(page.figures)
    model = page.figures
    figures = expected.figures  # the case figures, then those of the registers (screenings, mediators)
    assert figures[:len(FIGURES)] == FIGURES and model.rowCount() == len(figures) + 1
    total_col = model.columnCount() - 1
    for row, f in enumerate(figures):
        assert model.data(model.index(row, 0)).strip() in (f.label_zh,)
        shown = model.data(model.index(row, total_col)).replace(",", "")
        assert shown == str(expected.value(f.key)), f.key
    assert model.data(model.index(len(figures), total_col)) == f"{expected.success_rate()}%"
    assert "调解成功率" in page.summary.text() and "第三季度" in page.summary.text()


def test_clicking_a_figure_lists_the_cases_behind_it(qtbot, cases, director):
    page = _page(qtbot, cases, director)
    model = page.figures
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0), FigureRole) == "out:success")
    page.show()
    qtbot.waitExposed(page)
    index = model.index(row, model.columnCount() - 1)
    page.table.scrollTo(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=page.table.visualRect(index).center())
    qtbot.waitUntil(lambda: page.drilled is not None, timeout=20_000)
    assert page.drilled == ("out:success", None)
    ids = statistics.case_ids_for(cases, parse_period("2026-Q3"), Basis.ACCEPTED, "out:success")
    assert page.cases.total() == len(ids) == page.report.value("out:success") > 0
    assert "调解成功" in page.drill_label.text() and str(len(ids)) in page.drill_label.text()
    opened = []
    page.sig_open_case.connect(opened.append)
    page.case_table.doubleClicked.emit(page.cases.index(0, 0))
    assert opened == [page.cases.row_at(0).id]


def test_charts_by_month_category_and_outcome_drill_down(qtbot, cases, director):
    page = _page(qtbot, cases, director)
    months = page.month_chart.series()[0]
    assert isinstance(months, QBarSeries)
    bars = months.barSets()[0]
    assert [bars.at(i) for i in range(bars.count())] == [n for _y, _m, n in page.months]
    assert bars.count() == 3  # July, August, September
    bars.clicked.emit(1)  # August
    qtbot.waitUntil(lambda: page.drilled is not None, timeout=20_000)
    august = statistics.case_ids_for(cases, parse_period("2026-08"), Basis.ACCEPTED, "cases")
    assert page.cases.total() == len(august) == bars.at(1)
    categories = page.category_chart.series()[0]
    assert isinstance(categories, QHorizontalBarSeries)
    assert sum(categories.barSets()[0].at(i) for i in range(categories.barSets()[0].count())) == \
        page.report.value("cases")
    pie = page.outcome_chart.series()[0]
    assert isinstance(pie, QPieSeries)
    assert sum(s.value() for s in pie.slices()) == page.report.value("cases")
    success = next(s for s in pie.slices() if s.property("figure") == "out:success")
    page.drilled = None
    pie.clicked.emit(success)
    qtbot.waitUntil(lambda: page.drilled is not None, timeout=20_000)
    assert page.drilled == ("out:success", None)
    assert "调解成功率" in page.outcome_chart.title()


def test_the_period_selector_and_basis(qtbot, cases, director):
    page = _page(qtbot, cases, director, "2026", Basis.CLOSED)
    assert page.period_spec() == "2026" and page.basis() == Basis.CLOSED
    assert page.report.values == statistics.compute(cases, parse_period("2026"), Basis.CLOSED).values
    page.kind_box.setCurrentIndex(page.kind_box.findData("quarter"))
    page.part_box.setCurrentIndex(page.part_box.findData("Q3"))
    page.basis_box.setCurrentIndex(page.basis_box.findData("accepted"))
    qtbot.waitUntil(lambda: page.report is not None and page.report.period.spec == "2026-Q3"
                    and page.report.basis == Basis.ACCEPTED, timeout=20_000)
    _wait(qtbot, page)
    page.set_period("2026-07-01..2026-07-31")
    _wait(qtbot, page)
    assert page.from_date.isVisible() == page.isVisible() and page.report.period.kind == "range"
    assert page.report.value("cases") == len(statistics.case_ids_for(cases, parse_period("2026-07"),
                                                                    Basis.ACCEPTED, "cases"))


def test_export_the_shown_report(qtbot, cases, director, tmp_path):
    page = _page(qtbot, cases, director)
    page.export_to(tmp_path / "r.pdf", "pdf")
    _wait(qtbot, page)
    page.export_to(tmp_path / "r.xlsx", "xlsx")
    _wait(qtbot, page)
    page.export_to(tmp_path / "l.xlsx", "ledger")
    _wait(qtbot, page)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO((tmp_path / "r.pdf").read_bytes())).pages)
    assert "2026年第三季度" in text
    assert load_workbook(tmp_path / "r.xlsx")["统计表"].cell(row=4, column=4).value == page.report.value("cases")
    assert load_workbook(tmp_path / "l.xlsx")["台账"].max_row == page.report.value("cases") + 1
    assert "已保存" in page.drill_label.text()


def test_a_clerk_cannot_import(qtbot, cases):
    from mediation_desktop.domain.enums import Role
    from mediation_desktop.services.accounts import Actor

    page = DashboardPage(cases, Actor("clerk", "司法所", Role.CLERK), load=False)
    qtbot.addWidget(page)
    assert not page.import_ledger.isEnabled()


def test_on_a_hub_every_village_has_its_column_and_its_cases(qtbot, cases, director):
    """A township sees each committee's figures and the total; a village's number lists that village's cases."""
    import uuid

    from sqlalchemy import select

    from mediation_desktop.domain.enums import CaseSource, OrgLevel
    from mediation_desktop.domain.lifecycle import CaseStatus
    from mediation_desktop.storage.models import Case, Installation
    from mediation_desktop.storage.unit_of_work import UnitOfWork
    from mediation_desktop.ui.hub.dashboard import UnitRole

    with UnitOfWork(cases, actor="test", action="test.hub") as uow:
        uow.session.scalar(select(Installation)).level = OrgLevel.TOWNSHIP
        for i in range(3):  # as sync stores another village's cases on the hub
            day = dt.date(2026, 8, 3 + i)
            uow.session.add(Case(
                id=uuid.uuid4(), case_no=f"东山村-{i}", year=2026, serial=i + 1, owner_org_code="330102002",
                owner_installation_id=uuid.uuid4(), title="东山村案件", category_code="neighbour",
                category_scheme="2021", source=CaseSource.APPLICATION,
                status=CaseStatus.PERFORMED if i else CaseStatus.FAILED, registered_on=day, accepted_on=day,
                closed_on=day, summary="", requests=[], extra={}))
        uow.commit()
    page = _page(qtbot, cases, director)
    model = page.figures
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2, model.columnCount())] == \
        ["石桥村", "330102002", "合计"]  # by name; a committee with no key record here by its code
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0), FigureRole) == "cases")
    own, other, total = (int(model.data(model.index(row, c)).replace(",", "")) for c in (2, 3, 4))
    assert other == 3 and own + other == total == page.report.value("cases")
    index = model.index(row, 3)
    assert model.data(index, UnitRole) == "330102002"
    page._figure_clicked(index)
    qtbot.waitUntil(lambda: page.drilled is not None, timeout=20_000)
    assert page.drilled == ("cases", "330102002") and page.cases.total() == 3
    assert "330102002" in page.drill_label.text()


def test_cancel_keeps_the_figures_shown_and_says_whose_they_are(qtbot, cases, director, monkeypatch):
    page = _page(qtbot, cases, director)
    shown = page.report
    gate = hold(monkeypatch, statistics, "compute")
    page.set_period("2026-Q4", Basis.ACCEPTED)
    qtbot.waitUntil(lambda: page.job is not None and not page.job.finished, timeout=5_000)
    click_cancel(qtbot, page.job)
    gate.set()  # the report is computed all the same: it must not replace what is shown
    _wait(qtbot, page)
    assert page.report is shown and page.report.period.spec == "2026-Q3"
    assert page.error.text() == "已取消。表中仍是“2026年第三季度”的统计。"
    monkeypatch.undo()
    page.set_period("2026-Q3", Basis.ACCEPTED)  # and the page works on: the next choice clears the line
    _wait(qtbot, page)
    assert page.error.isHidden() and page.report is not shown


def test_cancel_while_saving_writes_no_file(qtbot, cases, director, tmp_path, monkeypatch):
    from mediation_desktop.reports import pdf

    page = _page(qtbot, cases, director)
    gate = hold(monkeypatch, pdf, "statistics_pdf")
    out = tmp_path / "out"
    out.mkdir()
    page.export_to(out / "r.pdf", "pdf")
    click_cancel(qtbot, page.job)
    gate.set()
    _wait(qtbot, page)
    assert list(out.iterdir()) == []  # (no temporary file either)
    assert "已保存" not in page.drill_label.text() and page.error.text().startswith("已取消。")


def test_the_figure_table_takes_the_height_the_charts_leave(qtbot, cases, director):
    """In the main window at the village laptop's size, the figure table shows a good part of the report (not
    four rows under a chart taking the rest): the chart keeps its readable height and no more."""
    from mediation_desktop.ui.main_window import MainWindow

    window = MainWindow(cases, director)
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    window.tabs.setCurrentWidget(window.stats)
    page = window.show_dashboard()
    _wait(qtbot, page)
    qtbot.waitUntil(lambda: page.table.isVisible(), timeout=5000)

    def rows() -> int:
        return page.table.viewport().height() // page.table.rowHeight(0)

    # (the charts are drawn when the report's job ends, and the splitter shares the height again on the resize and
    # layout events that follow: on a loaded machine those may come after the job's end; wait for them)
    qtbot.waitUntil(lambda: rows() >= 8, timeout=5000)  # (it was 4)
    chart = page.form.chartTabs
    assert chart.height() == chart.minimumSizeHint().height()  # readable, and no taller on a laptop


def _category_labels_fit(page) -> bool:
    """Each category name has a band of the chart at least as tall as its text (else QtCharts shows 「…」)."""
    from PySide6.QtGui import QFontMetrics

    [axis] = page.category_chart.axes(Qt.Orientation.Vertical)
    rows = len(axis.categories())
    return rows > 0 and page.category_chart.plotArea().height() / rows >= QFontMetrics(axis.labelsFont()).height()


def test_chart_labels_are_whole_in_normal_and_large_text(qtbot, cases, director):
    from PySide6.QtCharts import QBarCategoryAxis

    from mediation_desktop.domain.categories import CURRENT_SCHEME, scheme

    page = _page(qtbot, cases, director)
    page.resize(1100, 700)
    page.show()
    page.form.chartTabs.setCurrentWidget(page.form.categoryTab)
    for points in (12, 16):  # the window's normal size, then 大字
        font = page.font()
        font.setPointSize(points)
        page.setFont(font)
        [axis] = page.category_chart.axes(Qt.Orientation.Vertical)
        assert isinstance(axis, QBarCategoryAxis) and axis.labelsFont().pointSize() == points
        counted = [c.name_zh for c in scheme(CURRENT_SCHEME).top_level() if page.report.value(f"cat:{c.code}")]
        assert sorted(axis.categories()) == sorted(counted)  # the categories with disputes only: none empty
        qtbot.waitUntil(lambda: _category_labels_fit(page), timeout=5000)
        assert page.form.chartTabs.minimumSizeHint().height() < 400  # (it scrolls: the page keeps its height)
        pie = page.outcome_chart.series()[0]
        assert all(s.isLabelVisible() and s.labelFont().pointSize() == points for s in pie.slices())


def test_month_names_under_the_bars_are_short_enough_for_large_text():
    from mediation_desktop.ui.hub.dashboard_charts import month_labels

    assert month_labels([(2026, 1), (2026, 2), (2026, 12)]) == ["1月", "2月", "12月"]
    assert month_labels([(2026, 11), (2026, 12), (2027, 1)]) == ["2026年11月", "12月", "2027年1月"]
