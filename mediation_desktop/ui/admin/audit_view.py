"""日志: the whole audit log for a director — who did what, to which case, when and why — filterable."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QWidget

from mediation_desktop.domain.china_time import in_china
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.audit_log import AuditFilter, AuditRow, audit_rows, count_entries
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.admin.audit_words import actions_named, describe_action, describe_content, whole_entry
from mediation_desktop.ui.common.column_widths import keep_headers_whole
from mediation_desktop.ui.common.date_field import china_day
from mediation_desktop.ui.forms.admin.audit_view import Ui_AuditView

PAGE = 500
WIDEST = 320  # a column sized to its contents is not wider than this (a long reason is cut, its tooltip whole)
_Index = QModelIndex | QPersistentModelIndex


class AuditModel(QAbstractTableModel):
    HEADERS = (QT_TRANSLATE_NOOP("AuditModel", "时间"), QT_TRANSLATE_NOOP("AuditModel", "操作人"),
               QT_TRANSLATE_NOOP("AuditModel", "操作"), QT_TRANSLATE_NOOP("AuditModel", "案件编号"),
               QT_TRANSLATE_NOOP("AuditModel", "原因"), QT_TRANSLATE_NOOP("AuditModel", "内容"))

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[AuditRow] = []
        self.total = 0
        self._more: Any = None

    def set_source(self, total: int, first: list[AuditRow], more: Any) -> None:
        self.beginResetModel()
        self.rows, self.total, self._more = first, total, more
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: _Index) -> None:
        if parent.isValid() or self._more is None:
            return
        more = self._more(len(self.rows))
        if not more:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 6:
            return self.tr(str(self.HEADERS[section]))
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() >= 2:  # the whole entry, codes included
            return f"{r.action}\n{whole_entry(r.data)}"
        values = (in_china(r.at).strftime("%Y-%m-%d %H:%M:%S"), r.actor, describe_action(r.action, r.entity_type),
                  r.case_no or "", r.reason or "", describe_content(r.data)[:300])
        return values[index.column()]


class AuditView(QWidget):
    """Filters on top (user, action, case number, dates), the log below, newest first."""

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.viewer: Actor | None = None
        self.form = Ui_AuditView()  # the layout: forms/admin/audit_view.ui
        self.form.setupUi(self)
        f = self.form
        # the names the rest of the window (and its tests) use
        self.table, self.count, self.apply_button = f.logTable, f.countLabel, f.findButton
        self.actor, self.action, self.case_no = f.actorEdit, f.actionEdit, f.caseNoEdit
        self.use_dates, self.since, self.until = f.byDateCheck, f.sinceDate, f.untilDate
        self.model = AuditModel()
        self.table.setModel(self.model)
        keep_headers_whole(self.table, names=[1])  # 案件编号, 操作人 whole in 大字 and English
        self.since.set_day(china_day().addDays(-30))
        self.apply_button.clicked.connect(self.refresh)
        for field in (self.actor, self.action, self.case_no):
            field.returnPressed.connect(self.refresh)
        self._total = 0
        self._shown = False  # read once the tab is opened
        self.retranslate()

    def retranslate(self) -> None:
        self.form.retranslateUi(self)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self.count.setText(self.tr("共 %1 条").replace("%1", str(self._total)) if self._shown else "")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def current_filter(self) -> AuditFilter:
        dates = self.use_dates.isChecked()
        typed = self.action.text().strip()
        named = actions_named(typed) if typed and "." not in typed else ()  # 登记, 回访 … (a code still works)
        return AuditFilter(actor=self.actor.text() or None, action=None if named else typed or None, actions=named,
                           case_no=self.case_no.text() or None,
                           since=self.since.date().toPython() if dates else None,
                           until=self.until.date().toPython() if dates else None)

    def refresh(self) -> None:
        if self.viewer is None:
            self.clear()
            return
        f, viewer = self.current_filter(), self.viewer
        total = self._total = count_entries(self.db, viewer, f)
        self._shown = True
        self.model.set_source(total, audit_rows(self.db, viewer, f, limit=PAGE),
                              lambda offset: audit_rows(self.db, viewer, f, offset=offset, limit=PAGE))
        self.count.setText(self.tr("共 %1 条").replace("%1", str(total)))
        for column in range(self.model.columnCount() - 1):  # 时间 … 原因 whole (in 大字 too); 内容 stretches
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), WIDEST))

    def clear(self) -> None:
        self.model.set_source(0, [], None)
        self._shown = False
        self.count.clear()
