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
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mediation_desktop.domain.credit_code import check_credit_code
from mediation_desktop.domain.enums import PartyKind, PartyRole
from mediation_desktop.domain.resident_id import Sex, check_resident_id
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services.parties import (
    PartyInput,
    check_party,
    guess_party_kind,
    parse_party_list,
    read_party_file,
)
from mediation_desktop.ui.case.party_detail_dialog import PartyDetailDialog
from mediation_desktop.ui.case.party_grid import PartyGrid
from mediation_desktop.ui.case.party_rows import (
    _CELL_BG,
    _EXTRA_ROLE,
    _FIELD_COLUMNS,
    _ROW_BG,
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
    SEXES,
    TEXT_COLUMNS,
    kind_of,
    party_input,
    row_has_content,
)


class PartyTable(QWidget):
    sig_changed = Signal()
    """Emitted whenever any party's data changes."""

    def fit_columns(self) -> None:
        """Widths for the font and language now: 「被申请人」 whole in 大字 too."""
        from mediation_desktop.ui.common.column_widths import fit_columns

        roles = [self.tr(str(r)) for r in ROLES.values()]
        kinds = [self.tr(str(k)) for k in KINDS.values()]
        fit_columns(self.table, {ROLE_COL: 92, NAME_COL: 130, ID_COL: 180, PHONE_COL: 120, KIND_COL: 76,
                                 DETAILS_COL: 130},
                    {ROLE_COL: [r + "  ▾" for r in roles], KIND_COL: [k + "  ▾" for k in kinds],
                     ID_COL: ["11010519491231002X"], PHONE_COL: ["13800138000"]})

    def __init__(self) -> None:
        super().__init__()
        self.title = QLabel()
        self.table = PartyGrid()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
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
        self.fit_columns()
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
            self.fit_columns()  # 大字: the columns grow with the text
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
        if kind_of(r) == PartyKind.ORGANISATION:
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
        if r is not None and problem.key in ("id.birth_date", "id.chars") and kind_of(r) == PartyKind.PERSON:
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
        if kind_of(r) == PartyKind.ORGANISATION:
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
        from mediation_desktop.ui.common.file_places import start_in

        path, _filter = QFileDialog.getOpenFileName(parent, title, start_in(), "Excel / CSV (*.xlsx *.csv)")
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
