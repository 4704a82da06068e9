"""The case list as a Qt item model, fed by ``services.queries`` and fetched in pages."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from mediation_desktop.domain.categories import CURRENT_SCHEME, scheme
from mediation_desktop.domain.lifecycle import STATUS_LABELS_EN, STATUS_LABELS_ZH
from mediation_desktop.services.queries import CaseRow
from mediation_desktop.ui.common.column_widths import NAME_SAMPLE
from mediation_desktop.ui.common.language import EN, current

PAGE = 500
PARTIES_COLUMN, MEDIATOR_COLUMN = 2, 6
NAME_COLUMNS = (PARTIES_COLUMN, MEDIATOR_COLUMN)  # people's names: never narrower than name_room (column_widths)
_Index = QModelIndex | QPersistentModelIndex


class CaseTableModel(QAbstractTableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("CaseTableModel", "案件编号"),
        QT_TRANSLATE_NOOP("CaseTableModel", "案件名称"),
        QT_TRANSLATE_NOOP("CaseTableModel", "当事人"),
        QT_TRANSLATE_NOOP("CaseTableModel", "纠纷类型"),
        QT_TRANSLATE_NOOP("CaseTableModel", "状态"),
        QT_TRANSLATE_NOOP("CaseTableModel", "受理日期"),
        QT_TRANSLATE_NOOP("CaseTableModel", "调解员"),
    )
    COMMITTEE_HEADER = QT_TRANSLATE_NOOP("CaseTableModel", "调委会")
    """The last column on a hub, where the cases of several committees are listed: whose case it is."""

    def __init__(self, rows: list[CaseRow] | None = None) -> None:
        super().__init__()
        self._ids: Sequence[uuid.UUID] = []
        self._all: list[CaseRow] = []  # the rows read so far (the first ones of ``_ids``)
        self._loader: Callable[[list[uuid.UUID]], list[CaseRow]] = lambda ids: []
        self._scheme = scheme(CURRENT_SCHEME)
        self._committees: dict[str, str] = {}  # org code → the committee's short name (a hub's list only)
        if rows:
            self.set_rows(rows)

    @property
    def _shown(self) -> int:
        return len(self._all)

    def set_ids(self, ids: Sequence[uuid.UUID], loader: Callable[[list[uuid.UUID]], list[CaseRow]]) -> None:
        """List ``ids``; rows are read by ``loader`` a page at a time as the list scrolls."""
        self.beginResetModel()
        self._ids, self._loader = ids, loader
        self._all = loader(list(ids[:PAGE]))
        self.endResetModel()

    def set_rows(self, rows: list[CaseRow]) -> None:
        by_id = {r.id: r for r in rows}
        self.set_ids([r.id for r in rows], lambda ids: [by_id[i] for i in ids])

    def set_committees(self, names: dict[str, str]) -> None:
        """The committees of the cases listed (org code → name): with more than one (a hub), a 调委会 column
        names each case's committee (石桥村, from 石桥村人民调解委员会)."""
        from mediation_desktop.services.setup import short_name_for

        shown = {code: short_name_for(name) for code, name in names.items()} if len(names) > 1 else {}
        if shown == self._committees:
            return
        self.beginResetModel()
        self._committees = shown
        self.endResetModel()

    def committee_names(self) -> list[str]:
        return list(self._committees.values())

    def committee_column(self) -> int | None:
        """The 调委会 column, when there is one."""
        return len(self.HEADERS) if self._committees else None

    def total(self) -> int:
        return len(self._ids)

    def retranslate(self) -> None:
        """Headers and labels in the new language (the rows themselves are the users' data)."""
        if self.columnCount():
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 3), self.index(self.rowCount() - 1, 4))

    def row_at(self, row: int) -> CaseRow:
        return self._all[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS) + (1 if self._committees else 0)

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and self._shown < len(self._ids)

    def fetchMore(self, parent: _Index) -> None:
        if parent.isValid():
            return
        more = self._loader(list(self._ids[self._shown:self._shown + PAGE]))
        if not more:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + len(more) - 1)
        self._all.extend(more)
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(str(self.HEADERS[section] if section < len(self.HEADERS) else self.COMMITTEE_HEADER))
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (1, 2, 3):  # whole, where the cell ends in …
            return self.data(index)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        r = self._all[index.row()]
        col = index.column()
        if col == 0:  # a case from an old ledger shows the clerk's own number too
            return r.case_no + (self.tr("（原编号 %1）").replace("%1", r.original_no) if r.original_no else "")
        if col == 1:
            return r.title
        if col == 2:
            return "、".join(r.parties)
        english = current() == EN
        if col == 3:
            return self._scheme.label(r.category, "en" if english else "zh")
        if col == 4:
            return (STATUS_LABELS_EN if english else STATUS_LABELS_ZH)[r.status]
        if col == 5:
            return r.accepted_on.isoformat() if r.accepted_on else ""
        if col == len(self.HEADERS):  # 调委会 (a hub's list)
            return self._committees.get(r.org_code, r.org_code)
        return r.mediator_name


# What the columns hold whole besides the rows shown (each measured in the list's font, never a width in pixels):
NUMBER_SAMPLE = "（2026）石桥村人调字第100号"
TITLE_SAMPLE = "石桥村张三与李四宅基地界址纠纷"  # fifteen characters
PARTIES_SAMPLE = "张三、李四、兴旺公司"  # ten
CATEGORY_SAMPLE = "婚姻家庭纠纷"  # six
DATE_SAMPLE = "2026-12-05"


def column_samples(model: CaseTableModel, rows: int = 50) -> dict[int, list[str]]:
    """The texts each column must show whole: a usual case number, name, parties and dispute type, every status in
    the window's language, a date, the first ``rows`` rows' numbers and types, and for the mediator the room every
    name column keeps (``column_widths.NAME_CHARS`` characters: 「买买提·艾力」 whole in 大字, on a hub too, where the
    committee's column and not the mediator's takes what is left)."""
    shown = range(min(model.rowCount(), rows))
    numbers = [str(model.data(model.index(r, 0)) or "") for r in shown]
    types = [str(model.data(model.index(r, 3)) or "") for r in shown]
    labels = STATUS_LABELS_EN if current() == EN else STATUS_LABELS_ZH
    samples = {0: [NUMBER_SAMPLE, *numbers], 1: [TITLE_SAMPLE], 2: [PARTIES_SAMPLE], 3: [CATEGORY_SAMPLE, *types],
               4: list(labels.values()), 5: [DATE_SAMPLE], MEDIATOR_COLUMN: [NAME_SAMPLE]}
    committee = model.committee_column()
    if committee is not None:  # (a hub: every committee's name whole)
        samples[committee] = [str(model.headerData(committee, Qt.Orientation.Horizontal)),
                              *model.committee_names()]
    return samples
