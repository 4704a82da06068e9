"""待办: what is due today on the committee's cases (follow-ups, deadlines, the 30-day window …).

The layout is ``forms/desk/today_view.ui``; this class fills it and opens the cases. At a hub there are hundreds
of thousands of items: the view shows the counts by kind (and how many are overdue) over all of them, and lists
the most urgent first, a page at a time (显示更多 adds the next page). Every page is read on a worker thread
(``ui.common.jobs``): at a hub a page takes seconds, and the window stays usable meanwhile."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHeaderView, QWidget

from mediation_desktop.domain.china_time import china_today
from mediation_desktop.domain.deadlines import DUE_KIND_LABELS_EN, DUE_KIND_LABELS_ZH, DueKind
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr as message  # (not Qt's tr: a service message key)
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.today import PAGE_SIZE, TodayItem, TodayPage, today_view
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.common.column_widths import leave_room_for_names
from mediation_desktop.ui.common.jobs import Job, idle_work
from mediation_desktop.ui.common.language import EN, current
from mediation_desktop.ui.forms.desk.today_view import Ui_TodayView

_Index = QModelIndex | QPersistentModelIndex
_OVERDUE = QColor("#b00020")
_CLOSING = QColor("#c05000")  # the last days of the 30-day window to apply for 司法确认: orange, bold
CLOSING_DAYS = 2  # its last day and the two before it stand out (a deadline of the law: after it nothing can be done)


class TodayModel(QAbstractTableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("TodayModel", "事项"),
        QT_TRANSLATE_NOOP("TodayModel", "案件编号"),
        QT_TRANSLATE_NOOP("TodayModel", "案件名称"),
        QT_TRANSLATE_NOOP("TodayModel", "到期日"),
        QT_TRANSLATE_NOOP("TodayModel", "情况"),
    )

    def __init__(self, items: list[TodayItem] | None = None, today: dt.date | None = None) -> None:
        super().__init__()
        self._items = items or []
        self._today = today or china_today()

    def set_items(self, items: list[TodayItem], today: dt.date) -> None:
        self.beginResetModel()
        self._items, self._today = items, today
        self.endResetModel()

    def append_items(self, items: list[TodayItem]) -> None:
        """The next page, under the rows already shown."""
        if items:
            self.beginInsertRows(QModelIndex(), len(self._items), len(self._items) + len(items) - 1)
            self._items = self._items + items
            self.endInsertRows()

    def item_at(self, row: int) -> TodayItem:
        return self._items[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(str(self.HEADERS[section]))
        return None

    def _when(self, item: TodayItem) -> str:
        days = item.days_left(self._today)
        if item.kind == DueKind.ESCALATION_RISK:  # dated at acceptance: how long the risk has stood
            return self.tr("受理已 %n 天", "", -days) if days < 0 else self.tr("今天受理")
        judicial = item.kind == DueKind.JUDICIAL_CONFIRMATION
        if days < 0:  # (a lapsed window is shown for a week, then no more: nothing can be done after it)
            return self.tr("已过期（未申请司法确认）") if judicial else self.tr("已逾期 %n 天", "", -days)
        if days == 0:
            return self.tr("今天截止") if judicial else self.tr("今天到期")
        return self.tr("还有 %n 天", "", days)

    def closing(self, item: TodayItem) -> bool:
        """The 30-day window to apply for 司法确认 is in its last days (its last day included)."""
        return item.kind == DueKind.JUDICIAL_CONFIRMATION and 0 <= item.days_left(self._today) <= CLOSING_DAYS

    def retranslate(self) -> None:
        if self.rowCount():
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and item.state == "overdue":
            return QBrush(_OVERDUE)
        if role == Qt.ItemDataRole.ForegroundRole and self.closing(item):
            return QBrush(_CLOSING)
        lapsed = item.kind == DueKind.JUDICIAL_CONFIRMATION and item.state == "overdue"
        if role == Qt.ItemDataRole.FontRole and (self.closing(item) or lapsed):
            font = QFont()
            font.setBold(True)
            return font
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):  # the tip: a text cut short
            return None
        label = DUE_KIND_LABELS_EN[item.kind] if current() == EN else item.label_zh
        return (label, item.case_no, item.title, item.due_on.isoformat(), self._when(item))[index.column()]


class TodayView(QWidget):
    sig_open_case = Signal(object)
    """A row was opened (double click or Enter): the case's id."""

    TITLE_COLUMN = 2

    def __init__(self, db: Database, *, load: bool = True) -> None:
        super().__init__()
        self.db = db
        self.viewer: Actor | None = None  # who is signed in (non-public cases of others are not shown)
        self._today = china_today()
        self._generation = 0
        self._job: Job | None = None  # the first page, being read
        self._more_job: Job | None = None  # the next page (显示更多), being read
        self._more_error: MediationError | str | None = None  # why the last 显示更多 read nothing
        self.form = Ui_TodayView()
        self.form.setupUi(self)
        self.summary, self.table = self.form.summaryLabel, self.form.dueTable  # the names the tests use
        self.kinds, self.shown, self.more_button = self.form.kindsLabel, self.form.shownLabel, self.form.moreButton
        self._page = TodayPage(self._today, {}, [])  # the counts over every item (the list holds the pages read)
        self.page_size = PAGE_SIZE
        self.more_button.clicked.connect(self.show_more)
        self.model = TodayModel()
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)  # the name takes the rest
        self._fitted: dict[int, int] = {}  # the other columns' widths for their whole text
        self.table.installEventFilter(self)
        self.table.activated.connect(self._activated)  # a double click, or Enter on the selected row
        if load:
            self.refresh()
        else:
            self.retranslate()

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid() and index.row() < self.model.rowCount():
            self.sig_open_case.emit(self.model.item_at(index.row()).case_id)

    def fit_columns(self) -> None:
        """事项, 案件编号, 到期日 and 情况 as wide as their text (in the current language and font size), so
        that none is cut short; 案件名称 has what is left (and shows in full as a tip) — at least
        ``column_widths.NAME_CHARS`` characters: on a narrow window in 大字 the widest of the others gives way."""
        for column in range(self.model.columnCount()):
            if column != self.TITLE_COLUMN:
                self.table.resizeColumnToContents(column)
                self._fitted[column] = self.table.columnWidth(column)
        self._leave_room()

    def _leave_room(self) -> None:
        leave_room_for_names(self.table, self._fitted, [self.TITLE_COLUMN])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.Resize:
            self._leave_room()  # (a wider window gives the columns back their whole text)
        elif watched is self.table and event.type() == QEvent.Type.FontChange:
            self.fit_columns()  # (大字 reaches the table after this view: measured again in its own new font)
        return super().eventFilter(watched, event)

    def _widen_for(self, first: int, last: int) -> None:
        """After a further page (rows ``first`` to ``last``): a column is widened where a new row's text is wider
        than the column (the rows above already fit). Measuring the new rows only keeps the window's thread
        free: fitting a column to its contents measures up to 1,000 rows each time (0.1–0.5 s a click)."""
        grid = 1 if self.table.showGrid() else 0  # (as a column fitted to its contents)
        for column in range(self.model.columnCount()):
            if column != self.TITLE_COLUMN and last >= first:
                widest = max(self.table.sizeHintForIndex(self.model.index(row, column)).width()
                             for row in range(first, last + 1)) + grid
                if widest > self._fitted.get(column, 0):
                    self._fitted[column] = widest
        self._leave_room()

    def refresh(self, today: dt.date | None = None) -> None:
        self._generation += 1  # (a page still being read belongs to the list shown before)
        self._today = today or china_today()
        self._show(today_view(self.db, today=self._today, viewer=self.viewer, limit=self.page_size))

    def _show(self, page: TodayPage) -> None:
        self._today, self._page, self._more_error = page.today, page, None
        self.model.set_items(page.items, page.today)
        self.retranslate()

    def _start(self, work: Callable[[], Any], done: Callable[[Any, BaseException | None], None]) -> Job:
        """``work`` on a worker thread (quietly: the view says itself that it reads), then ``done(result, error)``
        here."""
        job = Job(self, "", lambda _progress: work(), quiet=True)

        def finished(result: Any, error: BaseException | None) -> None:
            job.worker.work = idle_work  # drop the closure on this thread, now
            done(result, error)

        job.sig_finished.connect(finished)
        return job.start()

    def show_more(self) -> None:
        """显示更多: the next page of items, in the same order, under those shown. It is read on a worker thread:
        the button waits (disabled, 正在读取…) meanwhile and a second click is ignored; a refresh, a lock or a
        new sign-in before it arrives makes it void."""
        shown = self.model.rowCount()
        if self.is_loading() or self.is_reading_more() or shown >= self._page.total:
            return
        db, generation, viewer, today, size = self.db, self._generation, self.viewer, self._today, self.page_size
        self._more_error = None

        def read() -> TodayPage:
            return today_view(db, today=today, viewer=viewer, limit=size, offset=shown, counts=False)

        self._more_job = self._start(read, lambda page, error: self._more_loaded(generation, shown, page, error))
        self._show_counts()

    def _more_loaded(self, generation: int, shown: int, page: Any, error: BaseException | None) -> None:
        if generation != self._generation or shown != self.model.rowCount():  # void: the list was read anew
            self._more_button_state()  # (or cleared, at a lock) since it was asked for
            return
        if error is not None:
            self._more_error = error.with_traceback(None) if isinstance(error, MediationError) else type(error).__name__
        else:
            self.model.append_items(page.items)
            self._widen_for(shown, self.model.rowCount() - 1)
        self._show_counts()  # (and the button is free again)

    def is_reading_more(self) -> bool:
        return self._more_job is not None and not self._more_job.finished

    def refresh_in_background(self) -> None:
        """After sign-in: the items are read on a worker thread, so the window (and the case list) can be
        used at once; a newer refresh or a lock makes a late answer void."""
        self._generation += 1
        generation, viewer, today, size = self._generation, self.viewer, china_today(), self.page_size
        db = self.db
        self.summary.setText(self.tr("正在读取待办…"))
        self._job = self._start(lambda: today_view(db, today=today, viewer=viewer, limit=size),
                                lambda page, error: self._loaded(generation, page, error))
        self._more_button_state()

    def _loaded(self, generation: int, page: Any, error: BaseException | None) -> None:
        self._more_button_state()
        if generation != self._generation or self.viewer is None:
            return
        if error is not None:
            self.summary.setText(message("cli.unexpected", detail=type(error).__name__))
            return
        self._show(page)

    def is_loading(self) -> bool:
        return self._job is not None and not self._job.finished

    def clear(self) -> None:
        self._generation += 1
        self._page, self._more_error = TodayPage(self._today, {}, []), None
        self.model.set_items([], self._today)
        self.summary.clear()
        self.kinds.clear()
        self.shown.clear()
        self.more_button.hide()

    def _show_counts(self) -> None:
        """The counts over every item (not only the rows listed): in all, by kind, and how many are listed."""
        page = self._page
        self.summary.setText(self.tr("今天 %1：共 %2 项待办，其中 %3 项已逾期。")
                             .replace("%1", self._today.isoformat())
                             .replace("%2", str(page.total)).replace("%3", str(page.overdue)))
        parts = []
        for kind in DueKind:
            n, overdue = page.count(kind), page.count(kind, "overdue")
            if n:
                label = DUE_KIND_LABELS_EN[kind] if current() == EN else DUE_KIND_LABELS_ZH[kind]
                text = self.tr("%1 %2 项（%3 项已逾期）") if overdue else self.tr("%1 %2 项")
                parts.append(text.replace("%1", label).replace("%2", str(n)).replace("%3", str(overdue)))
        self.kinds.setText(self.tr("；").join(parts))
        self.kinds.setVisible(bool(parts))
        listed = self.model.rowCount()
        self.shown.setText(self.tr("列出最紧急的 %1 项，共 %2 项。").replace("%1", str(listed))
                           .replace("%2", str(page.total)) + self._more_problem() if listed < page.total else "")
        self.more_button.setVisible(listed < page.total)
        self._more_button_state()

    def _more_button_state(self) -> None:
        """显示更多 is free unless a page is being read; while the next one is, it says so."""
        self.more_button.setEnabled(not (self.is_loading() or self.is_reading_more()))
        self.more_button.setText(self.tr("正在读取…") if self.is_reading_more() else self.tr("显示更多"))

    def _more_problem(self) -> str:
        """Why the last 显示更多 read nothing, in one line (the rows listed stay as they were)."""
        error = self._more_error
        if error is None:
            return ""
        detail = message(error.key, **error.params).rstrip("。.") if isinstance(error, MediationError) else error
        return self.tr("未能读取下一页：%1。请再点“显示更多”。").replace("%1", detail)

    def retranslate(self) -> None:
        self.form.retranslateUi(self)
        self._show_counts()  # (and 显示更多 or 正在读取…)
        self.model.retranslate()
        self.fit_columns()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:  # 大字
            self.fit_columns()
        super().changeEvent(event)
