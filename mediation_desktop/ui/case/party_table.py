"""当事人: the parties of a case as an editable table, with ID checks as typed and list pasting.

One row per party: 身份 · 姓名或名称 · 身份证号或信用代码 · 电话 · 住址或单位 · 个人/单位 · 详细情况. The
fields the 协议书 prints beyond those (性别, 年龄, 民族, 职业或职务, an organisation's representative) are
typed in a small form of their own (「详细…」), so the table stays readable on a 1280-pixel screen.
Everything a row holds — also what is only in that form, and what a stored party had — is in
:meth:`PartyTable.rows`, so drafts keep it and a correction never loses it.

The widgets are the registration form's (``forms/case/register_case_dialog.ui``: the grid ``partyGrid``, the
line under it and the four buttons above it); this is what they do. Reading the cells is in
:mod:`party_cells`, checking the rows in :mod:`party_checks`, the grid's keyboard in :mod:`party_grid`.

Keyboard: Tab moves cell by cell and leaves the table after the last cell (Shift+Tab before the first);
Ctrl+Tab leaves at once. Enter or Space opens a role/kind list or the 「详细…」 form.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QWidget,
)

from mediation_desktop.domain.enums import PartyKind, PartyRole
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services.parties import GUARDIAN_CONTACT, guess_party_kind, parse_party_list
from mediation_desktop.services.party_file import read_party_file
from mediation_desktop.ui.case.party_checks import PartyChecks
from mediation_desktop.ui.case.party_detail_dialog import PartyDetailDialog
from mediation_desktop.ui.case.party_grid import PartyGrid
from mediation_desktop.ui.case.party_rows import (
    _EXTRA_ROLE,
    ADDRESS_COL,
    DETAILS_COL,
    EXTRA_KEYS,
    HEADERS,
    ID_COL,
    KIND_COL,
    KINDS,
    NAME_COL,
    PHONE_COL,
    ROLE_COL,
    ROLES,
    TEXT_COLUMNS,
    row_has_content,
)
from mediation_desktop.ui.case.paste_party_list_dialog import PastePartyListDialog
from mediation_desktop.ui.common.live_cells import is_editing, live_delegate

NAME_SAMPLE = "兴旺建筑工程队"  # a name of a usual length (seven characters) is shown whole
DETAILS_SAMPLE = "女，汉族，农民"  # and what the 「详细…」 form usually gives (the whole is its tooltip)


class PartyWidgets(Protocol):
    """The widgets of a form that holds a parties table (their names in the ``.ui``)."""

    partyGrid: PartyGrid
    partyHintLabel: QLabel
    addPartyButton: QPushButton
    removePartyButton: QPushButton
    pastePartyListButton: QPushButton
    importPartyFileButton: QPushButton


class PartyTable(PartyChecks):
    sig_changed = Signal()
    """Emitted whenever any party's data changes."""

    def fit_columns(self) -> None:
        """Widths from what each column must hold, measured in the table's font now (大字, the language, the
        system's font): 「被申请人」 and a usual name whole; 住址或单位 has the rest, never less than its header."""
        from mediation_desktop.ui.common.column_widths import fit_columns

        roles = [self.tr(str(r)) for r in ROLES.values()]
        kinds = [self.tr(str(k)) for k in KINDS.values()]
        fit_columns(self.table, {ROLE_COL: [r + "  ▾" for r in roles], NAME_COL: [NAME_SAMPLE],
                                 ID_COL: ["11010519491231002X"], PHONE_COL: ["13800138000"],
                                 KIND_COL: [k + "  ▾" for k in kinds],
                                 DETAILS_COL: [self.tr("详细…"), DETAILS_SAMPLE]})
        self._hold_the_columns()

    def _hold_the_columns(self) -> None:
        """The table at least as wide as its columns and 住址或单位's header: the form around it grows (as far as
        the screen allows) rather than cutting a header or scrolling sideways."""
        from mediation_desktop.ui.common.column_widths import header_need
        from mediation_desktop.ui.common.screen_fit import hold_width

        t = self.table
        columns = sum(t.columnWidth(c) for c in range(t.columnCount())
                      if c != ADDRESS_COL and not t.isColumnHidden(c))
        frame = 2 * t.frameWidth() + (t.verticalHeader().sizeHint().width() if t.verticalHeader().isVisible() else 0)
        t.setMinimumWidth(columns + header_need(t, ADDRESS_COL) + frame + t.verticalScrollBar().sizeHint().width())
        hold_width(t)

    def __init__(self, form: PartyWidgets, parent: QObject | None = None) -> None:
        super().__init__(form.partyGrid, form.partyHintLabel, parent)
        self.add_button, self.remove_button = form.addPartyButton, form.removePartyButton
        self.paste_button, self.file_button = form.pastePartyListButton, form.importPartyFileButton
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(ADDRESS_COL, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self.table.installEventFilter(self)  # 大字: the columns and rows grow with the text
        self.add_button.clicked.connect(self._add_clicked)
        self.remove_button.clicked.connect(self.remove_selected)
        self.paste_button.clicked.connect(self.paste_list)
        self.file_button.clicked.connect(self.import_file)
        self.table.itemChanged.connect(self._item_changed)
        # a cell's text is in the row (and the draft) as it is typed; it is checked once the cell is left
        live_delegate(self.table).sig_cell_left.connect(self._cell_left)
        self.table.currentCellChanged.connect(lambda row, _c, _pr, _pc: self._check(row))
        self.table.cellClicked.connect(self._cell_clicked)
        self.table.sig_activate.connect(lambda row, _col: self.edit_details(row))
        self.retranslate()
        self._fit_rows()
        for role in (PartyRole.APPLICANT, PartyRole.RESPONDENT):
            self.add_row({"role": role.value})

    def retranslate(self) -> None:
        """The grid's headers and the roles and kinds in its rows (the buttons' texts are the form's)."""
        self.table.setHorizontalHeaderLabels([self.tr(str(h)) for h in HEADERS])
        self.fit_columns()
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            combo = self._role_combo(row)
            for i, text in enumerate(ROLES.values()):
                combo.setItemText(i, self.tr(str(text)))
            self._show_kind(row, self.kind(row))
            self._show_details(row)
        self.table.blockSignals(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_rows()
            self.fit_columns()
        return super().eventFilter(watched, event)

    def _fit_rows(self) -> None:
        """Room for at least four parties: a dispute has two sides, and often more than one person on each."""
        t = self.table
        rows = 4 * max(t.verticalHeader().defaultSectionSize(), t.fontMetrics().height() + 10)
        t.setMinimumHeight(t.horizontalHeader().sizeHint().height() + rows + 2 * t.frameWidth()
                           + t.horizontalScrollBar().sizeHint().height())

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

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()} or {self.table.currentRow()}, reverse=True)
        for row in rows:
            if row >= 0:
                self.table.removeRow(row)
        self.sig_changed.emit()

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.table.setRowCount(0)
        self._loading = True
        try:
            for values in rows:
                self.add_row(values)
        finally:
            self._loading = False
        self.sig_changed.emit()

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
        if not is_editing(self.table, self.table.indexFromItem(item)):  # (half a number is not yet wrong)
            if col in (NAME_COL, ID_COL):
                self._refresh(row)
            self._check(row)
        self.sig_changed.emit()

    def _cell_left(self, row: int, col: int) -> None:
        """A cell typed into was left (Tab, Enter, a click elsewhere): the row is checked as it now is."""
        if 0 <= row < self.table.rowCount() and col in TEXT_COLUMNS:
            if col in (NAME_COL, ID_COL):
                self._refresh(row)
            self._check(row)

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
        dialog = PartyDetailDialog(self.row_values(row), self.table)
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
        for key in ("sex", "age", "ethnicity", "occupation", "representative", "representative_title",
                    *GUARDIAN_CONTACT):
            if key in values:
                extras[key] = values[key] or None
        self._set_extras(row, extras)
        self._refresh(row)
        self._check(row)
        self.sig_changed.emit()

    # ---- lists
    def paste_list(self) -> None:
        dialog = PastePartyListDialog(self.table)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_pasted(*dialog.pasted())

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
        from mediation_desktop.ui.common.file_places import start_in

        path, _filter = QFileDialog.getOpenFileName(parent, title, start_in(), "Excel / CSV (*.xlsx *.csv)")
        return path or None

    def import_file(self) -> int:
        """Parties from an Excel or CSV list (e.g. the 668 households of one land dispute), as applicants."""
        path = self.ask_list_file(self.table)
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
