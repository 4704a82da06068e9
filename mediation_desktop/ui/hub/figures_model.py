"""The table of the dashboard page: every figure of a report, one column per committee (on a hub) and 合计.

A cell knows the figure and the committee it counts (``FigureRole``, ``UnitRole``), so that a click can
list the cases behind it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from mediation_desktop.reports import statistics
from mediation_desktop.reports.figures import Figure
from mediation_desktop.ui.common.language import EN, current

_Index = QModelIndex | QPersistentModelIndex
RATE_KEY = "rate"
FigureRole = Qt.ItemDataRole.UserRole + 1  # the figure key of a row
UnitRole = Qt.ItemDataRole.UserRole + 2  # the committee of a column (None for 合计)


def _fmt(value: int | Decimal, measure: str) -> str:
    if measure == "amount" or isinstance(value, Decimal):
        return f"{Decimal(value):,.2f}"
    return f"{value:,}"


class FiguresModel(QAbstractTableModel):
    """Every figure of a report: 项目 | 单位 | one column per committee (on a hub) | 合计."""

    HEADERS = (
        QT_TRANSLATE_NOOP("FiguresModel", "项目"),
        QT_TRANSLATE_NOOP("FiguresModel", "单位"),
        QT_TRANSLATE_NOOP("FiguresModel", "合计"),
        QT_TRANSLATE_NOOP("FiguresModel", "调解成功率"),
    )

    def __init__(self) -> None:
        super().__init__()
        self._report: statistics.Report | None = None

    @property
    def report(self) -> statistics.Report | None:
        return self._report

    def set_report(self, report: statistics.Report | None) -> None:
        self.beginResetModel()
        self._report = report
        self.endResetModel()

    def _units(self) -> list[str]:
        return [*self._report.units, statistics.TOTAL] if self._report else []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._report is None else len(self._report.figures) + 1

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._report is None else 2 + len(self._units())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A committee's column is headed by its name without 人民调解委员会 (石桥村); its full name and org
        code are the header's tooltip (a township's column at a county also names the committees it sums). A
        committee whose name is not known here is headed by its code."""
        if orientation != Qt.Orientation.Horizontal or role not in (Qt.ItemDataRole.DisplayRole,
                                                                     Qt.ItemDataRole.ToolTipRole):
            return None
        tooltip = role == Qt.ItemDataRole.ToolTipRole
        if section < 2:
            return None if tooltip else self.tr(str(self.HEADERS[section]))
        units = self._units()
        if self._report is not None and 0 <= section - 2 < len(units):
            unit = units[section - 2]
            if unit == statistics.TOTAL:
                return None if tooltip else self.tr(str(self.HEADERS[2]))
            if not tooltip:
                return self._report.unit_short_name(unit)
            members = self._report.members.get(unit)  # (a township's column at a county: the committees it sums)
            if not members:
                return self._report.unit_label(unit)
            return (self._report.unit_label(unit) + "\n" + self.tr("本栏合计：")
                    + "、".join(self._report.unit_short_name(m) for m in members))
        return None

    def figure_at(self, row: int) -> Figure | None:
        if self._report is None or row >= len(self._report.figures):
            return None
        return self._report.figures[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._report is None:
            return None
        row, col = index.row(), index.column()
        f = self.figure_at(row)
        units = self._units()
        unit = units[col - 2] if col >= 2 else None
        if role == FigureRole:
            return f.key if f else RATE_KEY
        if role == UnitRole:
            return None if unit in (None, statistics.TOTAL) else unit
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col >= 2:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.ToolTipRole and col >= 2:
            return self.tr("单击列出这些案件")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        english = current() == EN
        if f is None:  # the success-rate row
            if col == 0:
                return self.tr(str(self.HEADERS[3]))
            if col == 1:
                return "%"
            rate = self._report.success_rate(str(unit))
            return "—" if rate is None else f"{rate}%"
        if col == 0:
            return ("    " if f.indent else "") + (f.label_en if english else f.label_zh)
        if col == 1:
            return f.unit_en if english else f.unit_zh
        return _fmt(self._report.value(f.key, str(unit)), f.measure)

    def retranslate(self) -> None:
        if self.columnCount():
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 1))
