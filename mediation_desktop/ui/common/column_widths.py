"""Table columns that grow with the font (大字) and the language, so a date, a case number, a status or a
header is never cut to 「2026-1…」 or 「被申请」."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView
from shiboken6 import isValid

CELL_PADDING = 18  # the cell's margins and the grid line
HEADER_PADDING = 28  # the header's margins and its sort arrow


def header_need(view: QAbstractItemView, col: int) -> int:
    """How wide column ``col`` must be for its header's text to show whole, in the header's font now: the
    header's own size hint (Qt's margins of the style), and the longest line of the text with room for a sort
    arrow."""
    header: QHeaderView | None = getattr(view, "horizontalHeader", lambda: None)()
    model = view.model()
    if header is None or model is None:
        return 0
    text = str(model.headerData(col, Qt.Orientation.Horizontal) or "")
    metrics = header.fontMetrics()
    advance = max((metrics.horizontalAdvance(line) for line in text.splitlines()), default=0)
    return max(advance + HEADER_PADDING, header.sectionSizeHint(col))


def fit_columns(view: QTableView, samples: Mapping[int, Iterable[str]]) -> None:
    """Each column of ``samples`` as wide as its header's text and the widest of its samples (the texts it
    must hold whole: a date, the statuses, a name of a usual length …), measured in the view's font now — so
    the widths follow 大字, the language and whatever font the system has, never a size tuned for one font."""
    cell = view.fontMetrics()
    for col, texts in samples.items():
        need = max([header_need(view, col), *(cell.horizontalAdvance(t) + CELL_PADDING for t in texts)])
        view.setColumnWidth(col, need)


class _KeepHeadersWhole(QObject):
    """Re-fits a view's columns to their headers (and its name columns to :func:`name_room`) when its font (大字),
    language or rows change."""

    def __init__(self, view: QAbstractItemView, columns: Callable[[], Iterable[int]], names: Iterable[int] = ()
                 ) -> None:
        super().__init__(view)
        self.view, self.columns, self.names = view, columns, frozenset(names)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.LanguageChange, QEvent.Type.Show):
            QTimer.singleShot(0, self.fit)  # (after the header has its new font and texts)
        return False

    def fit(self) -> None:
        if not isValid(self) or not isValid(self.view):
            return  # (the window closed before the change was handled)
        view = self.view
        header: QHeaderView | None = getattr(view, "horizontalHeader", lambda: None)()
        model = view.model()
        if header is None or model is None:
            return
        for col in {*self.columns(), *self.names}:
            need = max(header_need(view, col), name_room(view) if col in self.names else 0)
            if header.sectionSize(col) < need and not header.isSectionHidden(col):
                header.resizeSection(col, need)


def keep_headers_whole(view: QAbstractItemView, columns: Iterable[int] | None = None, *,
                       names: Iterable[int] = ()) -> None:
    """Every column (or those of ``columns``) at least as wide as its header's text — now, in 大字, in English,
    and when the rows change; a column already wider (its cells, the user's dragging) stays as it is. Each column
    of ``names`` (people's names: 当事人, 调解员, 操作人) is at least :func:`name_room` wide, the room the 待办 table
    keeps for its names, so that 「买买提·艾力」 or a four-character name is never cut in 大字."""
    fixed = None if columns is None else list(columns)

    def which() -> Iterable[int]:
        model = view.model()
        return fixed if fixed is not None else range(model.columnCount() if model is not None else 0)

    keeper = _KeepHeadersWhole(view, which, names)
    view.installEventFilter(keeper)
    model = view.model()
    if model is not None:
        model.modelReset.connect(keeper.fit)
        model.layoutChanged.connect(keeper.fit)
        model.columnsInserted.connect(keeper.fit)
        model.headerDataChanged.connect(keeper.fit)
        # (rows put in a table widget: after its caller has fitted the columns to them)
        model.rowsInserted.connect(lambda *_: QTimer.singleShot(0, keeper.fit))
    keeper.fit()


NAME_CHARS = 8
"""Characters a column that holds names (案件名称: 「王五、李四宅基地纠纷」; 当事人, 调解员: 「买买提·艾力」) shows at
least, in the view's font."""
NAME_SAMPLE = "字" * NAME_CHARS  # (a column's sample text of :func:`fit_columns` for that room)


def name_room(view: QAbstractItemView, chars: int = NAME_CHARS) -> int:
    """The width of ``chars`` characters of a name in the view's font now (大字 too), with the cell's margins."""
    return view.fontMetrics().horizontalAdvance("字" * chars) + CELL_PADDING


def leave_room_for_names(view: QTableView, fitted: Mapping[int, int], names: Iterable[int],
                         chars: int = NAME_CHARS) -> None:
    """The columns of ``fitted`` as wide as their contents (the widths given), except where the view is too narrow
    for them and for ``chars`` characters of each column of ``names`` (stretched over what is left): then the
    widest of them is narrowed first, never below its header's text, its cells cut with … and shown whole in
    their tip — so that the names are never squeezed to nothing by a long 事项 in 大字 on a narrow window."""
    header = view.horizontalHeader()
    shown = [c for c in fitted if not header.isSectionHidden(c)]
    widths = {c: fitted[c] for c in shown}
    name_columns = [c for c in names if not header.isSectionHidden(c)]
    excess = sum(widths.values()) + len(name_columns) * name_room(view, chars) - view.viewport().width()
    if not view.isVisible():
        excess = 0  # (not laid out yet: its width says nothing; fitted again when it is resized)
    floors = {c: min(widths[c], header_need(view, c)) for c in shown}
    while excess > 0:
        givers = sorted((c for c in shown if widths[c] > floors[c]), key=lambda c: widths[c], reverse=True)
        if not givers:
            break
        widest = givers[0]
        second = max([widths[c] for c in givers[1:]] + [floors[widest]])
        target = max(floors[widest], widths[widest] - excess, second if second < widths[widest] else 0)
        excess -= widths[widest] - target
        widths[widest] = target
    for column, width in widths.items():
        if header.sectionSize(column) != width:
            view.setColumnWidth(column, width)
