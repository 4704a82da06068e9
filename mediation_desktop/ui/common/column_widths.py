"""Table columns that grow with the font (大字) and the language, so a date, a case number, a status or a
header is never cut to 「2026-1…」 or 「被申请」."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QTableView
from shiboken6 import isValid

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


class _KeepHeadersWhole(QObject):
    """Re-fits a view's columns to their headers when its font (大字), language or rows change."""

    def __init__(self, view: QAbstractItemView, columns: Callable[[], Iterable[int]]) -> None:
        super().__init__(view)
        self.view, self.columns = view, columns

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.LanguageChange, QEvent.Type.Show):
            QTimer.singleShot(0, self.fit)  # (after the header has its new font and texts)
        return False

    def fit(self) -> None:
        if not isValid(self) or not isValid(self.view):
            return  # (the window closed before the change was handled)
        view = self.view
        header = getattr(view, "horizontalHeader", lambda: None)()
        model = view.model()
        if header is None or model is None:
            return
        metrics = header.fontMetrics()
        for col in self.columns():
            text = str(model.headerData(col, Qt.Orientation.Horizontal) or "")
            need = max((metrics.horizontalAdvance(line) for line in text.splitlines()), default=0) + HEADER_PADDING
            if header.sectionSize(col) < need and not header.isSectionHidden(col):
                header.resizeSection(col, need)


def keep_headers_whole(view: QAbstractItemView, columns: Iterable[int] | None = None) -> None:
    """Every column (or those of ``columns``) at least as wide as its header's text — now, in 大字, in English,
    and when the rows change; a column already wider (its cells, the user's dragging) stays as it is."""
    fixed = None if columns is None else list(columns)

    def which() -> Iterable[int]:
        model = view.model()
        return fixed if fixed is not None else range(model.columnCount() if model is not None else 0)

    keeper = _KeepHeadersWhole(view, which)
    view.installEventFilter(keeper)
    model = view.model()
    if model is not None:
        model.modelReset.connect(keeper.fit)
        model.layoutChanged.connect(keeper.fit)
        model.columnsInserted.connect(keeper.fit)
        model.headerDataChanged.connect(keeper.fit)
    keeper.fit()
