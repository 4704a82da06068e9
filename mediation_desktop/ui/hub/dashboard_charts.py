"""The dashboard's three charts (统计 → 按月, 按类型, 调解结果), drawn from a report.

Each bar and slice, when clicked, calls back with what it shows, so the page can list the cases behind it.
The texts are the page's own (the ``DashboardPage`` context of the catalogue).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QHorizontalBarSeries,
    QPieSeries,
    QPieSlice,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QSplitter

from mediation_desktop.domain.categories import CURRENT_SCHEME, scheme
from mediation_desktop.reports import statistics
from mediation_desktop.reports.figures import FIGURES

CHART_HEIGHT = 220  # a chart's least height (the form's)
CHARTS_SHARE = 0.4  # of the page's height below the period bar, at most, when that leaves them their own height
LEGEND_SPACING = 10  # pixels QtCharts puts between two lines of a legend or of a category axis, at most
LABELLED_SHARE = 0.1  # of the cases: a pie slice this big or bigger is named beside it


class ChartsHeight(QObject):
    """The charts above, the figure table below (``splitter``): the charts get their readable height and, on a
    tall window, up to ``CHARTS_SHARE`` of it; the table takes the rest (it held four rows on a laptop). Kept
    so as the window is resized, until the user drags the splitter."""

    def __init__(self, splitter: QSplitter) -> None:
        super().__init__(splitter)
        self.splitter, self.dragged = splitter, False
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.splitterMoved.connect(self._dragged)
        splitter.installEventFilter(self)

    def _dragged(self, *_args: object) -> None:
        self.dragged = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show) and not self.dragged:
            self.share()
        return False

    def refit(self) -> None:
        """After a chart's least height changed (more categories, 大字), unless the user has dragged."""
        if not self.dragged:
            self.share()

    def share(self) -> None:
        first = self.splitter.widget(0)
        total = sum(self.splitter.sizes()) or self.splitter.height()
        charts = max(first.minimumSizeHint().height() if first is not None else 0, int(total * CHARTS_SHARE))
        self.splitter.setSizes([min(charts, total), max(0, total - charts)])


def _clear(chart: QChart) -> None:
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)


def count_ticks(top: int) -> tuple[int, int]:
    """A count axis from 0: (its end, its number of ticks), every tick a whole number and at most 6 of them — a
    step of 1, 2 or 5 times a power of ten. (Qt's nice numbers put ticks at 0.5, 1.5 for two cases: printed as
    whole numbers they read 0, 0, 1, 1, 2.)"""
    top = max(top, 1)
    step = 1
    while True:
        for factor in (1, 2, 5):
            if -(-top // (step * factor)) <= 5:
                end = -(-top // (step * factor)) * step * factor
                return end, end // (step * factor) + 1
        step *= 10


def _count_axis(top: int) -> QValueAxis:
    axis = QValueAxis()
    axis.setLabelFormat("%d")
    end, ticks = count_ticks(top)
    axis.setRange(0, end)
    axis.setTickCount(ticks)
    return axis


def _slice_clicked(slice_: QPieSlice, clicked: Callable[[str], None]) -> None:
    key = slice_.property("figure")  # (the figure a slice shows: set when it was drawn)
    if key:
        clicked(str(key))


def use_font(chart: QChart, font: QFont | None) -> None:
    """The chart's title, axis labels and legend in ``font`` (the page's: 大字 included; QtCharts keeps a font of its
    own theme otherwise)."""
    if font is None:
        return
    title = QFont(font)
    title.setBold(True)
    chart.setTitleFont(title)
    chart.legend().setFont(font)
    for axis in chart.axes():
        axis.setLabelsFont(font)
    for series in chart.series():
        if isinstance(series, QPieSeries):
            for slice_ in series.slices():
                slice_.setLabelFont(font)


def category_rows_height(rows: int, font: QFont) -> int:
    """How tall the 按类型 chart must be for ``rows`` category names, one a line, each whole: a line of the font and
    some pixels per bar, and room for the title and the count axis (QtCharts shows 「…」 for a name that has less
    height than its text)."""
    line = QFontMetrics(font).height()
    return rows * (line + LEGEND_SPACING) + 6 * line + 40


def month_labels(months: list[tuple[int, int]]) -> list[str]:
    """The months' names under their bars, short enough to show whole in 大字 (twelve of them): 「1月」 within one
    year; across years, a year's first bar names it too (「2027年1月」) and the others 「2月」 …"""
    if len({y for y, _m in months}) <= 1:
        return [QCoreApplication.translate("DashboardPage", "%1月").replace("%1", str(m)) for _y, m in months]
    labels, year = [], None
    for y, m in months:
        if y != year:
            labels.append(QCoreApplication.translate("DashboardPage", "%1年%2月").replace("%1", str(y))
                          .replace("%2", str(m)))
        else:
            labels.append(QCoreApplication.translate("DashboardPage", "%1月").replace("%1", str(m)))
        year = y
    return labels


def legend_height(entries: int, font: QFont) -> int:
    """How tall the 调解结果 chart must be for its legend (at its right) to name every slice, one a line."""
    line = QFontMetrics(font).height()
    return entries * (line + LEGEND_SPACING) + 4 * line + 10


def draw_months(chart: QChart, months: list[tuple[int, int, int]], clicked: Callable[[int], None]) -> None:
    """Disputes by month (``months``: year, month, count); ``clicked(i)`` with the month's index."""
    _clear(chart)
    bars = QBarSet(QCoreApplication.translate("DashboardPage", "纠纷数"))
    for _y, _m, n in months:
        bars.append(n)
    bars.clicked.connect(clicked)
    series = QBarSeries()
    series.append(bars)
    chart.addSeries(series)
    names = QBarCategoryAxis()
    names.append(month_labels([(y, m) for y, m, _ in months]))
    counts = _count_axis(max([n for _y, _m, n in months], default=0))
    chart.addAxis(names, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(counts, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(names)
    series.attachAxis(counts)
    chart.setTitle(QCoreApplication.translate("DashboardPage", "各月纠纷数"))


def draw_categories(chart: QChart, report: statistics.Report, english: bool,
                    clicked: Callable[[str], None]) -> int:
    """Disputes by category (the main rows; 「其中」 rows are in the table), the categories that have some only, the
    most on top; ``clicked(figure key)``. Returns how many bars there are (see :func:`category_rows_height`)."""
    _clear(chart)
    top = [c for c in scheme(CURRENT_SCHEME).top_level() if int(report.value(f"cat:{c.code}"))]
    top.sort(key=lambda c: int(report.value(f"cat:{c.code}")))  # (a horizontal axis starts at the bottom)
    keys = [f"cat:{c.code}" for c in top]
    bars = QBarSet(QCoreApplication.translate("DashboardPage", "纠纷数"))
    for key in keys:
        bars.append(int(report.value(key)))
    bars.clicked.connect(lambda i: clicked(keys[i]))
    series = QHorizontalBarSeries()
    series.append(bars)
    chart.addSeries(series)
    names = QBarCategoryAxis()
    names.append([c.name_en if english else c.name_zh for c in top])
    values = _count_axis(max([int(report.value(k)) for k in keys], default=0))
    chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(names)
    series.attachAxis(values)
    chart.setTitle(QCoreApplication.translate("DashboardPage", "各类纠纷数"))
    return len(top)


def draw_outcomes(chart: QChart, report: statistics.Report, english: bool, clicked: Callable[[str], None]) -> int:
    """How the cases ended, and the success rate in the title; ``clicked(figure key)`` of a slice. Every slice is
    named in the legend; a slice of at least ``LABELLED_SHARE`` of the cases is named beside it too (a thin one's
    words overlapped their neighbours', or were cut off leaving a bare line). Returns how many slices."""
    chart.removeAllSeries()
    pie = QPieSeries()
    shown = [f for f in FIGURES if f.section == "outcome" and report.value(f.key)]
    total = sum(float(report.value(f.key)) for f in shown) or 1.0
    for f in shown:
        value = float(report.value(f.key))
        slice_ = pie.append(f"{f.label_en if english else f.label_zh} {report.value(f.key):,}", value)
        slice_.setProperty("figure", f.key)
        slice_.setLabelVisible(value / total >= LABELLED_SHARE)
        if f.key == "out:success":
            slice_.setExploded(True)
    pie.setPieSize(0.55)  # (room around it for the labels: one cut at the plot's edge was drawn as a bare line)
    pie.clicked.connect(lambda slice_: _slice_clicked(slice_, clicked))
    chart.addSeries(pie)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)  # (the pie keeps the height; the page is wide)
    rate = report.success_rate()
    chart.setTitle(QCoreApplication.translate("DashboardPage", "调解结果　调解成功率 %1")
                   .replace("%1", "—" if rate is None else f"{rate}%"))
    return len(shown)


def draw_all(page: Any, report: statistics.Report, english: bool, figure_clicked: Callable[[str], None]) -> None:
    """The page's three charts (``month_chart``, ``category_chart``, ``outcome_chart``) in its font (大字 too),
    the category and outcome views as tall as their names and legend need."""
    draw_months(page.month_chart, page.months, page._month_clicked)
    rows = draw_categories(page.category_chart, report, english, figure_clicked)
    slices = draw_outcomes(page.outcome_chart, report, english, figure_clicked)
    font = page.font()
    for chart in (page.month_chart, page.category_chart, page.outcome_chart):
        use_font(chart, font)
    page.form.categoryChartView.setMinimumHeight(max(CHART_HEIGHT, category_rows_height(rows, font)))
    page.form.outcomeChartView.setMinimumHeight(max(CHART_HEIGHT, legend_height(slices, font)))
