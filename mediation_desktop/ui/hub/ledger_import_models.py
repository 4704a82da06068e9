"""The tables of the ledger import (导入台账): the file's first rows as they are, and every row's fate."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from mediation_desktop.domain.enums import AgreementForm, CaseSource, Performance
from mediation_desktop.reports import ledger_parse
from mediation_desktop.reports.ledger_import import ImportPlan, ImportRow, Sheet
from mediation_desktop.ui.common.labels import label, translated

_Index = QModelIndex | QPersistentModelIndex
SHEET_PREVIEW_ROWS = 8
_ERROR, _DUPLICATE = QColor("#b00020"), QColor("#777777")


class SheetModel(QAbstractTableModel):
    """The first rows of the file as they are, so the user can see which column holds what."""

    def __init__(self) -> None:
        super().__init__()
        self._sheet: Sheet | None = None
        self._rows: list[list[Any]] = []

    def set_sheet(self, sheet: Sheet | None) -> None:
        self.beginResetModel()
        self._sheet = sheet
        self._rows = [cells for _line, cells in sheet.data_rows()[:SHEET_PREVIEW_ROWS]] if sheet else []
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._sheet is None else self._sheet.width

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or self._sheet is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.tr("第%1列").replace("%1", str(section + 1)) + (
                f"\n{self._sheet.headers[section]}" if self._sheet.header_row is not None
                and section < len(self._sheet.headers) else "")
        return str(section + 1)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._rows[index.row()]
        return ledger_parse.text(row[index.column()]) if index.column() < len(row) else ""


class PreviewModel(QAbstractTableModel):
    """Every row of the file and what will happen to it."""

    HEADERS = (
        QT_TRANSLATE_NOOP("PreviewModel", "行号"),
        QT_TRANSLATE_NOOP("PreviewModel", "结果"),
        QT_TRANSLATE_NOOP("PreviewModel", "受理日期"),
        QT_TRANSLATE_NOOP("PreviewModel", "当事人"),
        QT_TRANSLATE_NOOP("PreviewModel", "案件编号"),
        QT_TRANSLATE_NOOP("PreviewModel", "说明"),  # what stops a row, and how a cell was helped
        # the values as they will be stored (「未记录」 where the ledger does not say)
        QT_TRANSLATE_NOOP("PreviewModel", "原编号"),
        QT_TRANSLATE_NOOP("PreviewModel", "申请人"),
        QT_TRANSLATE_NOOP("PreviewModel", "被申请人"),
        QT_TRANSLATE_NOOP("PreviewModel", "纠纷类型"),
        QT_TRANSLATE_NOOP("PreviewModel", "金额（元）"),
        QT_TRANSLATE_NOOP("PreviewModel", "案件来源"),
        QT_TRANSLATE_NOOP("PreviewModel", "协议形式"),
        QT_TRANSLATE_NOOP("PreviewModel", "履行情况"),
        QT_TRANSLATE_NOOP("PreviewModel", "案件状态"),
        QT_TRANSLATE_NOOP("PreviewModel", "调解结果"),  # how the 调解结果 cell was read, in the program's words
    )
    NOTES = 5  # the column of 说明 (shown last, wrapped)
    NAME_COLUMNS = (3, 7, 8)  # 当事人, 申请人, 被申请人: people's names (column_widths.name_room)
    #: the program's word for each outcome a 调解结果 cell is read as (reports.ledger.OUTCOME_LABELS)
    OUTCOMES: ClassVar[dict[str, object]] = {
        "out:success": QT_TRANSLATE_NOOP("PreviewModel", "调解成功"),
        "out:failed": QT_TRANSLATE_NOOP("PreviewModel", "调解不成"),
        "out:suspended": QT_TRANSLATE_NOOP("PreviewModel", "中止"),
        "out:open": QT_TRANSLATE_NOOP("PreviewModel", "调解中"),
        "out:declined": QT_TRANSLATE_NOOP("PreviewModel", "不予调解"),
        "out:referred": QT_TRANSLATE_NOOP("PreviewModel", "已移交"),
    }
    UNRECORDED = QT_TRANSLATE_NOOP("PreviewModel", "未记录")
    STATES: ClassVar[dict[str, object]] = {
        "new": QT_TRANSLATE_NOOP("PreviewModel", "将导入"),
        "duplicate": QT_TRANSLATE_NOOP("PreviewModel", "已有，跳过"),
        "error": QT_TRANSLATE_NOOP("PreviewModel", "有错误，不导入"),
    }

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[ImportRow] = []

    def set_plan(self, plan: ImportPlan | None) -> None:
        self.beginResetModel()
        self._rows = list(plan.rows) if plan else []
        self.endResetModel()

    def row_at(self, row: int) -> ImportRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(str(self.HEADERS[section]))
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole:
            if r.status == "error":
                return QBrush(_ERROR)
            if r.status == "duplicate":
                return QBrush(_DUPLICATE)
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        p = r.parsed
        col = index.column()
        if col == 0:  # the row's sheet too when the file has several ledger sheets
            return self.tr("“%1”第 %2 行").replace("%1", r.sheet).replace("%2", str(r.line)) if r.sheet \
                else str(r.line)
        if col == 1:
            return self.tr(str(self.STATES[r.status]))
        if col == 2:
            return p.accepted_on.isoformat() if p else r.cells.get("accepted_on", "")
        if col == 3:
            return "、".join(n for _, n in p.parties) if p else r.cells.get("applicants", "")
        if col == 4:
            return p.case_no if p else r.cells.get("case_no", "")
        if col == 5:
            return "；".join(r.messages() + r.notes())
        return self._stored(p, col) if p else ""

    def _stored(self, p: Any, col: int) -> str:
        """The value as it will be stored (the preview shows what the import makes of each cell)."""
        values = p.stored()
        unrecorded = self.tr(str(self.UNRECORDED))
        if col == 6:
            return str(values["original_no"])
        if col in (7, 8):
            return "、".join(values["applicants" if col == 7 else "respondents"])
        if col == 9:
            word = values["category_word"]
            return translated(str(values["category_label"])) + (f"（{word}）" if word else "")
        if col == 10:
            return "" if values["amount"] is None else str(values["amount"])
        if col == 11:
            return label(p.source) if p.source != CaseSource.UNRECORDED else unrecorded
        if col == 12:
            return "" if p.form is None else (label(p.form) if p.form != AgreementForm.UNRECORDED else unrecorded)
        if col == 14:
            return label(p.status)
        if col == 15:
            return "" if p.outcome is None else self.tr(str(self.OUTCOMES[p.outcome]))
        if p.form is None:
            return ""
        perf = p.performance
        return unrecorded if perf is None or perf == Performance.UNRECORDED else label(perf)
