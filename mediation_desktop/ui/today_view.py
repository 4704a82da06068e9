"""待办: what is due today on the committee's cases (follow-ups, deadlines, the 30-day window …)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from mediation_desktop.domain.deadlines import DueKind
from mediation_desktop.services.today import TodayItem, today_items
from mediation_desktop.storage.database import Database

_Index = QModelIndex | QPersistentModelIndex
_OVERDUE = QColor("#b00020")


class TodayModel(QAbstractTableModel):
    HEADERS = ("事项", "案件编号", "案件名称", "到期日", "情况")

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
            return self.HEADERS[section]
        return None

    def _when(self, item: TodayItem) -> str:
        days = item.days_left(self._today)
        if item.kind == DueKind.ESCALATION_RISK:  # dated at acceptance: how long the risk has stood
            return f"受理已 {-days} 天" if days < 0 else "今天受理"
        if days < 0:
            return f"已逾期 {-days} 天"
        if days == 0:
            return "今天到期"
        return f"还有 {days} 天"

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and item.state == "overdue":
            return QBrush(_OVERDUE)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (item.label_zh, item.case_no, item.title, item.due_on.isoformat(), self._when(item))[index.column()]


class TodayView(QWidget):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.model = TodayModel()
        self.summary = QLabel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.refresh()
        for col, width in enumerate((200, 230, 300, 110)):
            self.table.setColumnWidth(col, width)

    def refresh(self, today: dt.date | None = None) -> None:
        today = today or dt.date.today()
        items = today_items(self.db, today=today)
        self.model.set_items(items, today)
        overdue = sum(1 for i in items if i.state == "overdue")
        self.summary.setText(self.tr("今天 %1：共 %2 项待办，其中 %3 项已逾期。")
                             .replace("%1", f"{today.year}年{today.month}月{today.day}日")
                             .replace("%2", str(len(items))).replace("%3", str(overdue)))
