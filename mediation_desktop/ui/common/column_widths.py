"""Table columns that grow with the font (大字) and the language, so a date, a case number, a status or a
header is never cut to 「2026-1…」 or 「被申请」."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

DESIGN_POINTS = 12  # the widths below are for the normal size; 大字 (16 points) scales them
CELL_PADDING = 18  # the cell's margins and the grid line
HEADER_PADDING = 28  # the header's margins and its sort arrow


def fit_columns(view: QTableView, widths: Mapping[int, int], samples: Mapping[int, Iterable[str]] | None = None
                ) -> None:
    """Each column of ``widths`` at least its design width (scaled to the font now), its header's text and the
    widest of its ``samples`` (the values it shows: a date, the statuses …)."""
    model = view.model()
    points = view.font().pointSizeF()
    scale = points / DESIGN_POINTS if points > 0 else 1.0
    cell, head = view.fontMetrics(), view.horizontalHeader().fontMetrics()
    for col, base in widths.items():
        header = str(model.headerData(col, Qt.Orientation.Horizontal) or "") if model is not None else ""
        texts = list((samples or {}).get(col, ()))
        need = max([int(base * scale), head.horizontalAdvance(header) + HEADER_PADDING,
                    *(cell.horizontalAdvance(t) + CELL_PADDING for t in texts)])
        view.setColumnWidth(col, need)
