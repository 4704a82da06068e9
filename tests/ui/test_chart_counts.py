"""The dashboard's count axes print whole numbers, each once: a village with two cases in a month read 0, 0, 1, 1, 2
(Qt's nice numbers put ticks at 0.5 and 1.5, printed with ``%d``)."""

from __future__ import annotations

import pytest
from PySide6.QtCharts import QChart, QValueAxis

from mediation_desktop.ui.hub.dashboard_charts import count_ticks, draw_months


@pytest.mark.parametrize("top", [*range(0, 40), 99, 101, 999, 1000, 1001, 12_345, 99_999])
def test_every_tick_of_a_count_axis_is_a_whole_number(top):
    end, ticks = count_ticks(top)
    assert end >= max(top, 1) and 2 <= ticks <= 6
    assert end % (ticks - 1) == 0  # (the step between ticks)
    step = end // (ticks - 1)
    assert end - step < max(top, 1)  # no empty tick above the highest bar


@pytest.mark.parametrize("counts", [[0, 2, 1], [1], [0, 0], [3, 7, 5], [11, 40]])
def test_the_months_chart_labels_each_count_once(qtbot, counts):
    chart = QChart()
    draw_months(chart, [(2026, m + 1, n) for m, n in enumerate(counts)], lambda _i: None)
    (axis,) = [a for a in chart.axes() if isinstance(a, QValueAxis)]
    values = [axis.min() + i * (axis.max() - axis.min()) / (axis.tickCount() - 1) for i in range(axis.tickCount())]
    labels = [f"{v:.0f}" for v in values]
    assert all(v == int(v) for v in values) and len(set(labels)) == len(labels), labels
    assert axis.max() >= max(counts)
