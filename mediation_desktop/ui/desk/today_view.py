"""待办: what is due today on the committee's cases (follow-ups, deadlines, the 30-day window …).

The layout is ``forms/desk/today_view.ui``; this class fills it and opens the cases."""

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

from mediation_desktop.domain.deadlines import DUE_KIND_LABELS_EN, DueKind
from mediation_desktop.i18n import tr as message  # (not Qt's tr: a service message key)
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.today import TodayItem, today_items
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
        self.model.set_items(today_items(self.db, today=self._today, viewer=self.viewer), self._today)
        self.retranslate()

    def refresh_in_background(self) -> None:
        """After sign-in: the items are read on a worker thread, so the window (and the case list) can be
        used at once; a newer refresh or a lock makes a late answer void."""
        self._generation += 1
        generation, viewer, today = self._generation, self.viewer, dt.date.today()
        self.summary.setText(self.tr("正在读取待办…"))
        job = Job(self, "", lambda _progress: today_items(self.db, today=today, viewer=viewer), quiet=True)
        job.sig_finished.connect(lambda items, error: self._loaded(generation, today, items, error))
        self._job = job.start()

    def _loaded(self, generation: int, today: dt.date, items: Any, error: BaseException | None) -> None:
        if generation != self._generation or self.viewer is None:
            return
        if error is not None:
            self.summary.setText(message("cli.unexpected", detail=type(error).__name__))
            return
        self._today = today
        self.model.set_items(items, today)
        self.retranslate()

    def is_loading(self) -> bool:
        return self._job is not None and not self._job.finished

    def clear(self) -> None:
        self._generation += 1
        self.model.set_items([], self._today)
        self.summary.clear()

    def retranslate(self) -> None:
        items = [self.model.item_at(r) for r in range(self.model.rowCount())]
        overdue = sum(1 for i in items if i.state == "overdue")
        self.summary.setText(self.tr("今天 %1：共 %2 项待办，其中 %3 项已逾期。")
                             .replace("%1", self._today.isoformat())
                             .replace("%2", str(len(items))).replace("%3", str(overdue)))
        self.model.retranslate()
        self.fit_columns()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:  # 大字
            self.fit_columns()
        super().changeEvent(event)
