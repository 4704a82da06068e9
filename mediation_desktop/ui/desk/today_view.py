"""待办: what is due today on the committee's cases (follow-ups, deadlines, the 30-day window …).

The layout is ``forms/desk/today_view.ui``; this class fills it and opens the cases. At a hub there are hundreds
of thousands of items: the view shows the counts by kind (and how many are overdue) over all of them, and lists
the most urgent first, a page at a time (显示更多 adds the next page)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QWidget

from mediation_desktop.domain.deadlines import DUE_KIND_LABELS_EN, DUE_KIND_LABELS_ZH, DueKind
from mediation_desktop.i18n import tr as message  # (not Qt's tr: a service message key)
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.today import PAGE_SIZE, TodayItem, TodayPage, today_view
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.common.jobs import Job
from mediation_desktop.ui.common.language import EN, current
from mediation_desktop.ui.forms.desk.today_view import Ui_TodayView

_Index = QModelIndex | QPersistentModelIndex
_OVERDUE = QColor("#b00020")


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
        self._today = today or dt.date.today()

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
        if days < 0:
            return self.tr("已逾期 %n 天", "", -days)
        if days == 0:
            return self.tr("今天到期")
        return self.tr("还有 %n 天", "", days)

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
        self._today = dt.date.today()
        self._generation = 0
        self._job: Job | None = None
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
        that none is cut short; 案件名称 has what is left (and shows in full as a tip)."""
        for column in range(self.model.columnCount()):
            if column != self.TITLE_COLUMN:
                self.table.resizeColumnToContents(column)

    def refresh(self, today: dt.date | None = None) -> None:
        self._today = today or dt.date.today()
        self._show(today_view(self.db, today=self._today, viewer=self.viewer, limit=self.page_size))

    def _show(self, page: TodayPage) -> None:
        self._today, self._page = page.today, page
        self.model.set_items(page.items, page.today)
        self.retranslate()

    def show_more(self) -> None:
        """显示更多: the next page of items, in the same order, under those shown."""
        shown = self.model.rowCount()
        if shown >= self._page.total:
            return
        more = today_view(self.db, today=self._today, viewer=self.viewer, limit=self.page_size, offset=shown,
                          counts=False)
        self.model.append_items(more.items)
        self._show_counts()
        self.fit_columns()

    def refresh_in_background(self) -> None:
        """After sign-in: the items are read on a worker thread, so the window (and the case list) can be
        used at once; a newer refresh or a lock makes a late answer void."""
        self._generation += 1
        generation, viewer, today, size = self._generation, self.viewer, dt.date.today(), self.page_size
        self.summary.setText(self.tr("正在读取待办…"))
        job = Job(self, "", lambda _progress: today_view(self.db, today=today, viewer=viewer, limit=size), quiet=True)
        job.sig_finished.connect(lambda page, error: self._loaded(generation, page, error))
        self._job = job.start()

    def _loaded(self, generation: int, page: Any, error: BaseException | None) -> None:
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
        self._page = TodayPage(self._today, {}, [])
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
                           .replace("%2", str(page.total)) if listed < page.total else "")
        self.more_button.setVisible(listed < page.total)

    def retranslate(self) -> None:
        self.form.retranslateUi(self)  # (显示更多)
        self._show_counts()
        self.model.retranslate()
        self.fit_columns()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:  # 大字
            self.fit_columns()
        super().changeEvent(event)
