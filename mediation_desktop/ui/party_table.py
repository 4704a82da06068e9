"""当事人: the parties of a case as an editable table, with ID checks as typed and list pasting.

One row per party: 身份 · 姓名或名称 · 身份证号或信用代码 · 电话 · 住址或单位 · 个人/单位 · 详细情况. The
fields the 协议书 prints beyond those (性别, 年龄, 民族, 职业或职务, an organisation's representative) are
typed in a small form of their own (「详细…」), so the table stays readable on a 1280-pixel screen.
Everything a row holds — also what is only in that form, and what a stored party had — is in
:meth:`PartyTable.rows`, so drafts keep it and a correction never loses it.

Keyboard: Tab moves cell by cell and leaves the table after the last cell (Shift+Tab before the first);
Ctrl+Tab leaves at once. Enter or Space opens a role/kind list or the 「详细…」 form.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFocusEvent, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mediation_desktop.domain.credit_code import check_credit_code
from mediation_desktop.domain.enums import IdType, PartyKind, PartyRole
from mediation_desktop.domain.resident_id import Sex, check_resident_id
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services.parties import (
    MAX_AGE,
    PartyInput,
    check_party,
    guess_party_kind,
    parse_party_list,
    read_party_file,
)

COLUMNS = ("role", "name", "id_number", "phone", "address", "kind", "details")
ROLE_COL, NAME_COL, ID_COL, PHONE_COL, ADDRESS_COL, KIND_COL, DETAILS_COL = range(len(COLUMNS))
TEXT_COLUMNS = {NAME_COL: "name", ID_COL: "id_number", PHONE_COL: "phone", ADDRESS_COL: "address"}
HEADERS = (QT_TRANSLATE_NOOP("PartyTable", "身份"), QT_TRANSLATE_NOOP("PartyTable", "姓名或名称"),
           QT_TRANSLATE_NOOP("PartyTable", "身份证号或信用代码"), QT_TRANSLATE_NOOP("PartyTable", "电话"),
           QT_TRANSLATE_NOOP("PartyTable", "住址或单位"), QT_TRANSLATE_NOOP("PartyTable", "个人/单位"),
           QT_TRANSLATE_NOOP("PartyTable", "详细情况"))
ROLES = {PartyRole.APPLICANT: QT_TRANSLATE_NOOP("PartyTable", "申请人"),
         PartyRole.RESPONDENT: QT_TRANSLATE_NOOP("PartyTable", "被申请人"),
         PartyRole.THIRD_PARTY: QT_TRANSLATE_NOOP("PartyTable", "第三人")}
KINDS = {PartyKind.PERSON: QT_TRANSLATE_NOOP("PartyTable", "个人"),
         PartyKind.ORGANISATION: QT_TRANSLATE_NOOP("PartyTable", "单位")}
SEXES = {"": QT_TRANSLATE_NOOP("PartyTable", "（按身份证或不填）"), "male": QT_TRANSLATE_NOOP("PartyTable", "男"),
         "female": QT_TRANSLATE_NOOP("PartyTable", "女")}
#: What a row holds besides its visible cells (kept on the name cell, in the draft and on correction).
EXTRA_KEYS = ("sex", "age", "birth_date", "ethnicity", "occupation", "representative", "representative_title",
              "id_type")
#: Keys that are the party's data (a row with none of them filled is an empty line, not a party).
CONTENT_KEYS = ("name", "id_number", "phone", "address", "sex", "age", "ethnicity", "occupation",
                "representative", "representative_title")
#: 56 民族 (GB 3304 order); the list is editable, so anything else may be typed.
ETHNIC_GROUPS = (
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
    "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
    "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族",
    "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族",
    "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族",
    "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族",
)
_EXTRA_ROLE = Qt.ItemDataRole.UserRole + 1
_ROW_BG = QColor("#fde8e8")  # a row that cannot be saved as it is
_CELL_BG = QColor("#f6b3b3")  # the cell that is wrong
_FIELD_COLUMNS = {"name": NAME_COL, "id_number": ID_COL, "phone": PHONE_COL, "sex": DETAILS_COL, "age": DETAILS_COL}


def row_has_content(row: dict[str, Any]) -> bool:
    """Whether a row (as in :meth:`PartyTable.rows` or a draft) holds anything of a party."""
    return any(str(row.get(k) or "").strip() for k in CONTENT_KEYS)


def party_row(p: Any) -> dict[str, Any]:
    """A stored party (a ``Party`` row) in the table's own row shape: nothing of it is left out."""
    return {
        "role": p.role.value, "name": p.name, "id_number": p.id_number or "", "phone": p.phone or "",
        "address": p.address or "", "kind": p.kind.value, "kind_auto": False, "sex": p.sex or "",
        "age": "" if p.age is None else str(p.age), "birth_date": p.birth_date.isoformat() if p.birth_date else "",
        "ethnicity": p.ethnicity or "", "occupation": p.occupation or "", "representative": p.representative or "",
        "representative_title": p.representative_title or "",
        "id_type": p.id_type.value if p.id_type in (IdType.PASSPORT, IdType.OTHER) else "",
        "party_id": str(p.id),
    }


def party_input(r: dict[str, Any]) -> PartyInput:
    """The service's input for one row. Every field is given (``keep_unset=False``): what is empty is cleared."""
    number = str(r.get("id_number") or "").strip()
    kind = _kind_of(r)
    id_type: IdType | None = None
    if number:
        stored = str(r.get("id_type") or "")
        if stored in (IdType.PASSPORT.value, IdType.OTHER.value):
            id_type = IdType(stored)
        else:
            id_type = IdType.CREDIT_CODE if kind == PartyKind.ORGANISATION else IdType.RESIDENT_ID
    age_text = str(r.get("age") or "").strip()
    try:
        birth = dt.date.fromisoformat(str(r.get("birth_date") or "")) if r.get("birth_date") else None
    except ValueError:
        birth = None
    return PartyInput(
        name=str(r.get("name") or ""), role=PartyRole(str(r.get("role") or PartyRole.APPLICANT.value)), kind=kind,
        sex=str(r.get("sex") or ""), ethnicity=str(r.get("ethnicity") or ""), birth_date=birth,
        age=int(age_text) if age_text.isdigit() else None, occupation=str(r.get("occupation") or ""),
        phone=str(r.get("phone") or ""), address=str(r.get("address") or ""), id_type=id_type,
        id_number=number or None, representative=str(r.get("representative") or ""),
        representative_title=str(r.get("representative_title") or ""),
        party_id=uuid.UUID(str(r["party_id"])) if r.get("party_id") else None, keep_unset=False)


def _kind_of(r: dict[str, Any]) -> PartyKind:
    kind = str(r.get("kind") or "")
    if kind in (PartyKind.PERSON.value, PartyKind.ORGANISATION.value) and not r.get("kind_auto", not kind):
        return PartyKind(kind)
    return guess_party_kind(str(r.get("name") or ""), str(r.get("id_number") or ""))


class _ButtonDelegate(QStyledItemDelegate):
    """Draws the 「详细…」 cell as a push button (a real widget per row would be slow for 668 households)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex,
              ) -> None:
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        button = QStyleOptionButton()
        button.rect = option.rect.adjusted(2, 2, -2, -2)
        metrics = option.fontMetrics
        button.text = metrics.elidedText(str(index.data() or ""), Qt.TextElideMode.ElideRight,
                                         button.rect.width() - 12)
        button.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Raised
        if option.state & QStyle.StateFlag.State_HasFocus:
            button.state |= QStyle.StateFlag.State_HasFocus
        style.drawControl(QStyle.ControlElement.CE_PushButton, button, painter, widget)


class _KindDelegate(QStyledItemDelegate):
    """The 个人/单位 cell: drawn as a drop-down list, a real one only while it is being chosen."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex,
              ) -> None:
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        box = QStyleOptionComboBox()
        box.rect = option.rect.adjusted(1, 1, -1, -1)
        box.currentText = str(index.data() or "")
        box.state = QStyle.StateFlag.State_Enabled
        if option.state & QStyle.StateFlag.State_HasFocus:
            box.state |= QStyle.StateFlag.State_HasFocus
        box.palette = option.palette
        box.fontMetrics = option.fontMetrics
        style.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, box, painter, widget)
        style.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, box, painter, widget)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        for kind, text in KINDS.items():
            combo.addItem(QCoreApplication.translate("PartyTable", str(text)), kind.value)

        def chosen(_index: int) -> None:
            self.commitData.emit(combo)
            self.closeEditor.emit(combo, QAbstractItemDelegate.EndEditHint.NoHint)

        combo.activated.connect(chosen)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(str(index.data(Qt.ItemDataRole.UserRole) or ""))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):  # one change: the kind and its label together
            model.setItemData(index, {Qt.ItemDataRole.DisplayRole: editor.currentText(),
                                      Qt.ItemDataRole.UserRole: str(editor.currentData())})


class PartyGrid(QTableWidget):
    """The table itself: Tab leaves it after the last cell instead of going round and round."""

    sig_activate = Signal(int, int)
    """Enter/Space on a cell that is not typed into (the 「详细…」 cell): row, column."""

    def __init__(self) -> None:
        super().__init__(0, len(COLUMNS))
        self.setItemDelegateForColumn(DETAILS_COL, _ButtonDelegate(self))
        self.setItemDelegateForColumn(KIND_COL, _KindDelegate(self))
        self._moving = False  # the keyboard moves from cell to cell inside the table

    # ---- Tab order through the cells, and out
    def _next_cell(self, row: int, col: int, forward: bool) -> tuple[int, int] | None:
        if row < 0 or col < 0:
            return (0, 0) if forward else (self.rowCount() - 1, self.columnCount() - 1)
        step = 1 if forward else -1
        col += step
        if col >= self.columnCount():
            row, col = row + 1, 0
        elif col < 0:
            row, col = row - 1, self.columnCount() - 1
        return (row, col) if 0 <= row < self.rowCount() else None

    def go_to(self, row: int, col: int, reason: Qt.FocusReason = Qt.FocusReason.TabFocusReason) -> None:
        """Make a cell current and give it the keyboard (its list, if it has one)."""
        self.setCurrentCell(row, col)
        item = self.item(row, col)
        if item is not None:
            self.scrollToItem(item)
        widget = self.widget_at(row, col)
        self._moving = True
        try:
            (widget or self).setFocus(reason)
        finally:
            self._moving = False

    def widget_at(self, row: int, col: int) -> QWidget | None:
        """The list of a 身份 cell (the only cells that hold a widget)."""
        return self.cellWidget(row, col) if col == ROLE_COL else None

    def open_list(self, row: int, col: int) -> None:
        """Show the choices of a 身份 or 个人/单位 cell."""
        widget = self.widget_at(row, col)
        if isinstance(widget, QComboBox):
            widget.setFocus()
            widget.showPopup()
        elif col == KIND_COL:
            self.setCurrentCell(row, col)
            item = self.item(row, col)
            if item is not None:
                self.editItem(item)
                editor = self.indexWidget(self.model().index(row, col))
                if isinstance(editor, QComboBox):
                    editor.showPopup()

    def focusNextPrevChild(self, next: bool) -> bool:  # Qt's parameter name
        if not self.tabKeyNavigation() or self.rowCount() == 0:
            return super().focusNextPrevChild(next)
        target = self._next_cell(self.currentRow(), self.currentColumn(), next)
        if target is None:
            return self.leave(next)
        self.go_to(*target, reason=Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason)
        return True

    def leave(self, forward: bool = True) -> bool:
        """Give the keyboard to the window's next (or previous) field outside the table."""
        window = self.window()
        widget: QWidget | None = self
        for _ in range(10_000):
            assert widget is not None
            widget = widget.nextInFocusChain() if forward else widget.previousInFocusChain()
            if widget is None or widget is self:
                return False
            if self.isAncestorOf(widget) or widget.window() is not window:
                continue
            if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.isEnabled() \
                    and widget.isVisibleTo(window):
                widget.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
                return True
        return False

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Tab while typing in a cell: the same order as without an open cell, and out at the end."""
        moves = (QAbstractItemDelegate.EndEditHint.EditNextItem, QAbstractItemDelegate.EndEditHint.EditPreviousItem)
        if hint not in moves:
            super().closeEditor(editor, hint)
            return
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        forward = hint == QAbstractItemDelegate.EndEditHint.EditNextItem
        target = self._next_cell(self.currentRow(), self.currentColumn(), forward)
        if target is None:
            self.leave(forward)
            return
        self.go_to(*target)
        if target[1] in TEXT_COLUMNS:
            item = self.item(*target)
            if item is not None:
                self.editItem(item)

    def enter(self, forward: bool) -> None:
        """Tab from the field before starts at the first cell; Shift+Tab from the field after, at the last."""
        if self.rowCount():
            if forward:
                self.go_to(0, 0)
            else:
                self.go_to(self.rowCount() - 1, self.columnCount() - 1, Qt.FocusReason.BacktabFocusReason)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if not self._moving and self.currentRow() < 0 and self.rowCount() > 0:
            self.setCurrentCell(0, NAME_COL)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and mods & Qt.KeyboardModifier.ControlModifier:
            self.leave(key == Qt.Key.Key_Tab and not mods & Qt.KeyboardModifier.ShiftModifier)
            return
        row, col = self.currentRow(), self.currentColumn()
        opening = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space, Qt.Key.Key_F2)
        if row >= 0 and opening and self.state() != QTableWidget.State.EditingState:
            if col in (ROLE_COL, KIND_COL):
                self.open_list(row, col)
                return
            if col == DETAILS_COL:
                self.sig_activate.emit(row, col)
                return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A list in a cell that gets the keyboard (clicked, or Tab) makes its cell the current one."""
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QComboBox):
            row = self.row_of(watched, ROLE_COL)
            if row >= 0 and (row, ROLE_COL) != (self.currentRow(), self.currentColumn()):
                self.setCurrentCell(row, ROLE_COL)
        return super().eventFilter(watched, event)

    def row_of(self, widget: QWidget, col: int) -> int:
        """The row whose cell ``col`` holds ``widget`` (rows move when others are removed)."""
        index = self.indexAt(widget.geometry().center())
        if index.isValid() and self.cellWidget(index.row(), col) is widget:
            return index.row()
        for row in range(self.rowCount()):
            if self.cellWidget(row, col) is widget:
                return row
        return -1


class PartyTable(QWidget):
    sig_changed = Signal()
    """Emitted whenever any party's data changes."""

    def __init__(self) -> None:
        super().__init__()
        self.title = QLabel()
        self.table = PartyGrid()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for col, width in ((ROLE_COL, 92), (NAME_COL, 130), (ID_COL, 180), (PHONE_COL, 120), (KIND_COL, 76),
                           (DETAILS_COL, 130)):
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(ADDRESS_COL, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.add_button, self.remove_button, self.paste_button = QPushButton(), QPushButton(), QPushButton()
        self.file_button = QPushButton()
        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        for b in (self.add_button, self.remove_button, self.paste_button, self.file_button):
            bar.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        for first, second in ((self.table, self.add_button), (self.add_button, self.remove_button),
                              (self.remove_button, self.paste_button), (self.paste_button, self.file_button)):
            QWidget.setTabOrder(first, second)
        self.add_button.clicked.connect(self._add_clicked)
        self.remove_button.clicked.connect(self.remove_selected)
        self.paste_button.clicked.connect(self.paste_list)
        self.file_button.clicked.connect(self.import_file)
        self.table.itemChanged.connect(self._item_changed)
        self.table.currentCellChanged.connect(lambda row, _c, _pr, _pc: self._check(row))
        self.table.cellClicked.connect(self._cell_clicked)
        self.table.sig_activate.connect(lambda row, _col: self.edit_details(row))
        self._loading = False
        self.retranslate()
        self._fit_rows()
        for role in (PartyRole.APPLICANT, PartyRole.RESPONDENT):
            self.add_row({"role": role.value})

    def retranslate(self) -> None:
        self.title.setText(self.tr("当事人"))
        self.table.setHorizontalHeaderLabels([self.tr(str(h)) for h in HEADERS])
        self.table.setToolTip(self.tr("Tab 键逐格移动，最后一格之后离开表格；Ctrl+Tab 直接离开表格。"))
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            combo = self._role_combo(row)
            for i, text in enumerate(ROLES.values()):
                combo.setItemText(i, self.tr(str(text)))
            self._show_kind(row, self.kind(row))
            self._show_details(row)
        self.table.blockSignals(False)
        self.add_button.setText(self.tr("添加当事人"))
        self.remove_button.setText(self.tr("删除所选"))
        self.paste_button.setText(self.tr("粘贴名单…"))
        self.file_button.setText(self.tr("从表格文件导入…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_rows()
        super().changeEvent(event)

    def _fit_rows(self) -> None:
        """Room for at least four parties: a dispute has two sides, and often more than one person on each."""
        t = self.table
        rows = 4 * max(t.verticalHeader().defaultSectionSize(), t.fontMetrics().height() + 10)
        t.setMinimumHeight(t.horizontalHeader().sizeHint().height() + rows + 2 * t.frameWidth()
                           + t.horizontalScrollBar().sizeHint().height())

    def _role_combo(self, row: int) -> QComboBox:
        widget = self.table.cellWidget(row, ROLE_COL)
        assert isinstance(widget, QComboBox)
        return widget

    def kind(self, row: int) -> str:
        """"person" or "organisation", as the 个人/单位 cell of ``row`` shows it."""
        item = self.table.item(row, KIND_COL)
        return str(item.data(Qt.ItemDataRole.UserRole) or PartyKind.PERSON.value) if item else PartyKind.PERSON.value

    def _show_kind(self, row: int, kind: str) -> None:
        item = self.table.item(row, KIND_COL)
        text = self.tr(str(KINDS[PartyKind(kind)]))
        if item is not None and (item.text() != text or item.data(Qt.ItemDataRole.UserRole) != kind):
            blocked = self.table.blockSignals(True)
            self.table.model().setItemData(self.table.indexFromItem(item), {
                Qt.ItemDataRole.DisplayRole: text, Qt.ItemDataRole.UserRole: kind})
            self.table.blockSignals(blocked)

    def _next_role(self) -> str:
        return PartyRole.RESPONDENT.value if self.table.rowCount() == 1 else PartyRole.APPLICANT.value

    def _add_clicked(self) -> None:
        self.add_row({"role": self._next_role()})
        self.table.go_to(self.table.rowCount() - 1, NAME_COL, Qt.FocusReason.OtherFocusReason)

    # ---- one row
    def add_row(self, values: dict[str, Any]) -> None:
        # everything a cell shows is worked out first, so each item goes in once (668 households at a time)
        r: dict[str, Any] = {k: str(values.get(k) or "") for k in (*TEXT_COLUMNS.values(), *EXTRA_KEYS)}
        r["role"] = str(values.get("role") or PartyRole.APPLICANT.value)
        r["kind_auto"] = bool(values.get("kind_auto", not values.get("kind")))
        r["kind"] = str(values.get("kind") or PartyKind.PERSON.value)
        if r["kind_auto"]:
            r["kind"] = guess_party_kind(r["name"], r["id_number"]).value
        colours = self._colours(self.problem(-1, {**r, "kind_auto": False}))
        details, tip = self._details_text({**r, "kind_auto": False})
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        combo = QComboBox()
        for value, text in ROLES.items():
            combo.addItem(self.tr(str(text)), value.value)
        combo.setCurrentIndex(max(0, combo.findData(values.get("role") or PartyRole.APPLICANT.value)))
        combo.installEventFilter(self.table)
        combo.currentIndexChanged.connect(self._role_changed)
        holder = QTableWidgetItem()  # under the list: selectable, never typed into
        holder.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.table.setItem(row, ROLE_COL, holder)
        self.table.setCellWidget(row, ROLE_COL, combo)
        kind_item = QTableWidgetItem(self.tr(str(KINDS[PartyKind(r["kind"])])))
        kind_item.setData(Qt.ItemDataRole.UserRole, r["kind"])
        self.table.setItem(row, KIND_COL, kind_item)
        items = {col: QTableWidgetItem(r[key]) for col, key in TEXT_COLUMNS.items()}
        items[DETAILS_COL] = QTableWidgetItem(details)
        items[DETAILS_COL].setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        items[DETAILS_COL].setToolTip(tip)
        name_item = items[NAME_COL]
        # editing a stored party: it keeps its identity ("" for a new one: never an empty QVariant, see row_values)
        name_item.setData(Qt.ItemDataRole.UserRole, str(values.get("party_id") or ""))
        extras = {k: values.get(k) for k in EXTRA_KEYS}
        extras["kind_auto"] = r["kind_auto"]
        name_item.setData(_EXTRA_ROLE, json.dumps(extras, ensure_ascii=False, default=str))
        for col, item in items.items():
            colour = colours.get(col)
            if colour is not None:
                item.setBackground(QBrush(colour))
            self.table.setItem(row, col, item)
        self.table.blockSignals(False)
        if not self._loading:
            self.sig_changed.emit()

    def _extras(self, row: int) -> dict[str, Any]:
        item = self.table.item(row, NAME_COL)
        text = item.data(_EXTRA_ROLE) if item is not None else None
        data = json.loads(text) if text else {}
        return data if isinstance(data, dict) else {}

    def _set_extras(self, row: int, extras: dict[str, Any]) -> None:
        item = self.table.item(row, NAME_COL)
        if item is None:
            return
        self.table.blockSignals(True)
        item.setData(_EXTRA_ROLE, json.dumps(extras, ensure_ascii=False, default=str))
        self.table.blockSignals(False)

    def row_values(self, row: int) -> dict[str, Any]:
        extras = self._extras(row)
        values: dict[str, Any] = {"role": str(self._role_combo(row).currentData())}
        for col, key in TEXT_COLUMNS.items():
            item = self.table.item(row, col)
            values[key] = item.text() if item is not None else ""
        values["kind"] = self.kind(row)
        values["kind_auto"] = bool(extras.get("kind_auto", True))
        for key in EXTRA_KEYS:
            value = extras.get(key)
            values[key] = "" if value is None else str(value)
        name_item = self.table.item(row, NAME_COL)
        party_id = name_item.data(Qt.ItemDataRole.UserRole) if name_item is not None else ""
        if party_id:
            values["party_id"] = str(party_id)
        return values

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()} or {self.table.currentRow()}, reverse=True)
        for row in rows:
            if row >= 0:
                self.table.removeRow(row)
        self.sig_changed.emit()

    def rows(self) -> list[dict[str, Any]]:
        return [self.row_values(row) for row in range(self.table.rowCount())]

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.table.setRowCount(0)
        self._loading = True
        try:
            for values in rows:
                self.add_row(values)
        finally:
            self._loading = False
        self.sig_changed.emit()

    def input_rows(self) -> list[tuple[int, PartyInput]]:
        """The parties to save with their table rows; lines with nothing in them are not parties."""
        return [(row, party_input(r)) for row, r in enumerate(self.rows()) if row_has_content(r)]

    def party_inputs(self) -> list[PartyInput]:
        return [p for _row, p in self.input_rows()]

    # ---- reacting to typing
    def _item_changed(self, item: QTableWidgetItem) -> None:
        row, col = item.row(), item.column()
        if col == KIND_COL:
            self._kind_chosen(row)
            return
        if col == ID_COL and not self._loading:
            # a different number: sex, birth date and age follow it again (as does the kind, if not chosen)
            extras = self._extras(row)
            if any(extras.get(k) for k in ("sex", "age", "birth_date", "id_type")):
                extras.update(sex=None, age=None, birth_date=None, id_type=None)
                self._set_extras(row, extras)
        if col in (NAME_COL, ID_COL):
            self._refresh(row)
        self._check(row)
        self.sig_changed.emit()

    def _role_changed(self, _index: int) -> None:
        if not self._loading:
            self.sig_changed.emit()

    def _kind_chosen(self, row: int) -> None:
        """The mediator said 个人 or 单位: that stays, whatever the name or number look like."""
        extras = self._extras(row)
        extras["kind_auto"] = False
        self._set_extras(row, extras)
        self._show_details(row)
        self._check(row)
        self.sig_changed.emit()

    def _refresh(self, row: int) -> None:
        """The automatic 个人/单位, the details cell and the row's colour, after a change of the row."""
        r = self.row_values(row)
        if r["kind_auto"]:
            r["kind"] = guess_party_kind(r["name"], r["id_number"]).value
            self._show_kind(row, r["kind"])
            r["kind_auto"] = False  # (this copy only: the kind is known now)
        self._show_details(row, r)
        self._colour(row, self.problem(row, r))

    def _details_text(self, r: dict[str, Any]) -> tuple[str, str]:
        """What the 「详细…」 cell of a row says (what is filled in, or 「详细…」), and its tooltip."""
        parts: list[str]
        if _kind_of(r) == PartyKind.ORGANISATION:
            parts = [r["representative"], r["representative_title"]]
        else:
            sex = self.tr(str(SEXES[r["sex"]])) if r["sex"] in ("male", "female") else ""
            age = self.tr("%1岁").replace("%1", r["age"]) if r["age"] and not r["id_number"].strip() else ""
            parts = [sex, age, r["ethnicity"], r["occupation"]]
        summary = "，".join(p for p in parts if p.strip())
        if summary:
            return summary + " …", summary
        return self.tr("详细…"), self.tr("性别、年龄、民族、职业或职务；单位的法定代表人或主要负责人")

    def _show_details(self, row: int, r: dict[str, Any] | None = None) -> None:
        item = self.table.item(row, DETAILS_COL)
        if item is None:
            return
        text, tip = self._details_text(r or self.row_values(row))
        if item.text() != text:
            blocked = self.table.blockSignals(True)
            item.setText(text)
            item.setToolTip(tip)
            self.table.blockSignals(blocked)

    # ---- checking
    def problem(self, row: int, r: dict[str, Any] | None = None) -> MediationError | None:
        """What stops this row from being saved (None for a good row or an empty line)."""
        r = r or self.row_values(row)
        if not row_has_content(r):
            return None
        try:
            check_party(party_input(r))
        except MediationError as exc:
            return exc
        return None

    @staticmethod
    def _colours(problem: MediationError | None) -> dict[int, QColor | None]:
        """The background of each cell of a row: light red for a row that cannot be saved, red for the wrong cell."""
        bad_col = _FIELD_COLUMNS.get(str(problem.params.get("field", "")), -1) if problem else -1
        return {col: None if problem is None else _CELL_BG if col == bad_col else _ROW_BG
                for col in (*TEXT_COLUMNS, DETAILS_COL)}

    def _colour(self, row: int, problem: MediationError | None) -> None:
        blocked = self.table.blockSignals(True)
        for col, colour in self._colours(problem).items():
            item = self.table.item(row, col)
            if item is None:
                continue
            now = item.background()
            if (colour is None and now.style() != Qt.BrushStyle.NoBrush) or (
                    colour is not None and now.color() != colour):
                item.setBackground(QBrush() if colour is None else QBrush(colour))
        self.table.blockSignals(blocked)

    def check_all(self) -> list[tuple[int, MediationError]]:
        """Colour every row that cannot be saved; the rows and their problems, top to bottom."""
        found = []
        for row in range(self.table.rowCount()):
            problem = self.problem(row)
            self._colour(row, problem)
            if problem is not None:
                found.append((row, problem))
        return found

    def show_problem(self, row: int, field: str | None) -> None:
        """Put the cursor on the wrong cell of ``row`` (its hint then says what is wrong; see also check_all)."""
        if not 0 <= row < self.table.rowCount():
            return
        self.table.go_to(row, _FIELD_COLUMNS.get(field or "", NAME_COL), Qt.FocusReason.OtherFocusReason)
        self._check(row)

    def row_label(self, row: int) -> str:
        """「第3行（兴旺养殖场）」: how a message names a party (the rows are numbered at the left)."""
        name = self.row_values(row)["name"].strip() if 0 <= row < self.table.rowCount() else ""
        if name:
            return self.tr("第%1行（%2）").replace("%1", str(row + 1)).replace("%2", name)
        return self.tr("第%1行").replace("%1", str(row + 1))

    def party_message(self, row: int, problem: MediationError) -> str:
        """「第3行（兴旺养殖场）：身份证号码……」: the problem, saying which party it is."""
        text = self.tr("%1：%2").replace("%1", self.row_label(row)).replace("%2", tr(problem.key, **problem.params))
        r = self.row_values(row) if 0 <= row < self.table.rowCount() else None
        if r is not None and problem.key in ("id.birth_date", "id.chars") and _kind_of(r) == PartyKind.PERSON:
            cc = check_credit_code(r["id_number"])
            if cc.valid:  # no birth date in it, but a credit code's shape: a unit whose code fails its check?
                text += " " + self.tr("如果这是单位的统一社会信用代码，请在“个人/单位”一栏选“单位”。")
        return text

    def _check(self, row: int) -> None:
        """What the row says, as it is typed: sex and age for a person, or what is wrong."""
        if row < 0 or row >= self.table.rowCount():
            self.hint.clear()
            return
        r = self.row_values(row)
        problem = self.problem(row)
        self._colour(row, problem)
        if problem is not None:
            self.hint.setText("⚠ " + self.party_message(row, problem))
            return
        number = r["id_number"].strip()
        if not number:
            self.hint.clear()
            return
        if _kind_of(r) == PartyKind.ORGANISATION:
            cc = check_credit_code(number)
            key = cc.error or (cc.warnings[0] if cc.warnings else None)
            self.hint.setText(tr(key) if key else self.tr("统一社会信用代码正确"))
            return
        rid = check_resident_id(number)
        if not rid.valid:
            self.hint.setText("⚠ " + tr(rid.error or "id.checksum"))
            return
        sex = self.tr("男") if rid.sex == Sex.MALE else self.tr("女")
        age = rid.age_on(dt.date.today())
        born = rid.birth_date.isoformat() if rid.birth_date else ""
        self.hint.setText(self.tr("%1：%2，%3 出生，%4 岁").replace("%1", r["name"] or number).replace("%2", sex)
                          .replace("%3", born).replace("%4", str(age)))

    # ---- the details form
    def _cell_clicked(self, row: int, col: int) -> None:
        if col == DETAILS_COL:
            self.edit_details(row)
        elif col == KIND_COL:
            self.table.open_list(row, col)

    def edit_details(self, row: int) -> PartyDetailDialog | None:
        """Open the 「详细…」 form of ``row`` (not blocking: OK writes it into the row)."""
        if not 0 <= row < self.table.rowCount():
            return None
        dialog = PartyDetailDialog(self.row_values(row), self)
        name_item = self.table.item(row, NAME_COL)  # the row may move while the form is open

        def apply() -> None:
            if name_item is not None and name_item.tableWidget() is self.table:
                self.set_details(name_item.row(), dialog.values())
            dialog.deleteLater()

        dialog.accepted.connect(apply)
        dialog.rejected.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def set_details(self, row: int, values: dict[str, str]) -> None:
        """Write what the details form gives (sex, age, ethnicity, occupation, representative) into ``row``."""
        extras = self._extras(row)
        for key in ("sex", "age", "ethnicity", "occupation", "representative", "representative_title"):
            if key in values:
                extras[key] = values[key] or None
        self._set_extras(row, extras)
        self._refresh(row)
        self._check(row)
        self.sig_changed.emit()

    # ---- lists
    def paste_list(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("粘贴当事人名单"))
        text = QPlainTextEdit()
        text.setPlaceholderText(self.tr("每行一人：姓名、身份证号、电话、住址（可直接从表格复制）"))
        role = QComboBox()
        for r, label in ROLES.items():
            role.addItem(self.tr(str(label)), r.value)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(text)
        layout.addWidget(role)
        layout.addWidget(buttons)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_pasted(text.toPlainText(), str(role.currentData()))

    def add_pasted(self, text: str, role: str) -> int:
        """Add the parties of a pasted list (filling empty rows first); returns how many."""
        return self.add_rows(parse_party_list(text), role)

    def add_rows(self, rows: list[dict[str, str]], role: str) -> int:
        """Add parties (filling empty rows first); one change signal for the whole list."""
        empty = [i for i, r in enumerate(self.rows()) if not row_has_content(r)]
        self._loading = True
        try:
            for i in reversed(empty):
                self.table.removeRow(i)
            for values in rows:
                self.add_row({**values, "role": role})
        finally:
            self._loading = False
        self.sig_changed.emit()
        return len(rows)

    @classmethod
    def ask_list_file(cls, parent: QWidget) -> str | None:
        title = QCoreApplication.translate("PartyTable", "选择当事人名单")
        path, _filter = QFileDialog.getOpenFileName(parent, title, "",
                                                    "Excel / CSV (*.xlsx *.csv)")
        return path or None

    def import_file(self) -> int:
        """Parties from an Excel or CSV list (e.g. the 668 households of one land dispute), as applicants."""
        path = self.ask_list_file(self)
        if not path:
            return 0
        try:
            rows = read_party_file(Path(path))
        except MediationError as exc:
            self.hint.setText("⚠ " + tr(exc.key, **exc.params))
            return 0
        count = self.add_rows(rows, PartyRole.APPLICANT.value)
        self.hint.setText(self.tr("已从名单导入 %1 人，请核对标出的证件号码。").replace("%1", str(count)))
        return count


class PartyDetailDialog(QDialog):
    """性别、年龄、民族、职业或职务 of a person, or an organisation's 法定代表人或主要负责人 and 职务: one per line."""

    def __init__(self, row: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.organisation = _kind_of(row) == PartyKind.ORGANISATION
        name = str(row.get("name") or "").strip()
        self.setWindowTitle(self.tr("当事人详细情况") + (f" — {name}" if name else ""))
        self.derived = QLabel()
        self.derived.setWordWrap(True)
        self.sex = QComboBox()
        for value, text in SEXES.items():
            self.sex.addItem(QCoreApplication.translate("PartyTable", str(text)), value)
        self.sex.setCurrentIndex(max(0, self.sex.findData(str(row.get("sex") or ""))))
        self.age = QSpinBox()
        self.age.setRange(0, MAX_AGE)
        self.age.setSpecialValueText(self.tr("未填"))
        self.age.setSuffix(self.tr(" 岁"))
        age = str(row.get("age") or "")
        self.age.setValue(int(age) if age.isdigit() else 0)
        self.ethnicity = QComboBox()
        self.ethnicity.setEditable(True)
        self.ethnicity.addItems(["", *ETHNIC_GROUPS])
        self.ethnicity.setCurrentText(str(row.get("ethnicity") or ""))
        self.occupation = QLineEdit(str(row.get("occupation") or ""))
        self.occupation.setPlaceholderText(self.tr("例如：农民、个体户、村民小组长"))
        self.representative = QLineEdit(str(row.get("representative") or ""))
        self.representative_title = QLineEdit(str(row.get("representative_title") or ""))
        self.representative_title.setPlaceholderText(self.tr("例如：法定代表人、厂长、经理"))
        self.person_box = QGroupBox(self.tr("个人"))
        person = QFormLayout(self.person_box)
        person.addRow(self.tr("性别"), self.sex)
        person.addRow(self.tr("年龄"), self.age)
        person.addRow(self.tr("民族"), self.ethnicity)
        person.addRow(self.tr("职业或职务"), self.occupation)
        self.org_box = QGroupBox(self.tr("单位"))
        org = QFormLayout(self.org_box)
        org.addRow(self.tr("法定代表人或主要负责人"), self.representative)
        org.addRow(self.tr("职务"), self.representative_title)
        self.person_box.setVisible(not self.organisation)
        self.org_box.setVisible(self.organisation)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        layout.addWidget(self.derived)
        layout.addWidget(self.person_box)
        layout.addWidget(self.org_box)
        layout.addWidget(self.buttons)
        self._show_derived()
        (self.representative if self.organisation else self.sex).setFocus()

    def _show_derived(self) -> None:
        number = str(self.row.get("id_number") or "").strip()
        rid = check_resident_id(number) if number and not self.organisation else None
        if rid is not None and rid.valid and rid.birth_date is not None:
            sex = self.tr("男") if rid.sex == Sex.MALE else self.tr("女")
            self.derived.setText(self.tr("按身份证号码：%1，%2 出生。性别和年龄可以不填。")
                                 .replace("%1", sex).replace("%2", rid.birth_date.isoformat()))
        else:
            self.derived.setVisible(False)

    def values(self) -> dict[str, str]:
        if self.organisation:
            return {"representative": self.representative.text().strip(),
                    "representative_title": self.representative_title.text().strip()}
        return {"sex": str(self.sex.currentData() or ""), "age": str(self.age.value() or ""),
                "ethnicity": self.ethnicity.currentText().strip(), "occupation": self.occupation.text().strip()}
