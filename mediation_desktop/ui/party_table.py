"""当事人: the parties of a case as an editable table, with ID checks as typed and list pasting."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
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
from mediation_desktop.services.parties import PartyInput, looks_like_organisation, parse_party_list, read_party_file

COLUMNS = ("role", "name", "id_number", "phone", "address")
HEADERS = (QT_TRANSLATE_NOOP("PartyTable", "身份"), QT_TRANSLATE_NOOP("PartyTable", "姓名或名称"),
           QT_TRANSLATE_NOOP("PartyTable", "身份证号或信用代码"), QT_TRANSLATE_NOOP("PartyTable", "电话"),
           QT_TRANSLATE_NOOP("PartyTable", "住址或单位"))
ROLES = {PartyRole.APPLICANT: QT_TRANSLATE_NOOP("PartyTable", "申请人"),
         PartyRole.RESPONDENT: QT_TRANSLATE_NOOP("PartyTable", "被申请人"),
         PartyRole.THIRD_PARTY: QT_TRANSLATE_NOOP("PartyTable", "第三人")}


class PartyTable(QWidget):
    sig_changed = Signal()
    """Emitted whenever any party's data changes."""

    def __init__(self) -> None:
        super().__init__()
        self.title = QLabel()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((100, 150, 200, 130)):
            self.table.setColumnWidth(col, width)
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
        self.add_button.clicked.connect(lambda: self.add_row({"role": self._next_role()}))
        self.remove_button.clicked.connect(self.remove_selected)
        self.paste_button.clicked.connect(self.paste_list)
        self.file_button.clicked.connect(self.import_file)
        self.table.itemChanged.connect(self._item_changed)
        self.table.currentCellChanged.connect(lambda row, _c, _pr, _pc: self._check(row))
        self.retranslate()
        for role in (PartyRole.APPLICANT, PartyRole.RESPONDENT):
            self.add_row({"role": role.value})

    def retranslate(self) -> None:
        self.title.setText(self.tr("当事人"))
        self.table.setHorizontalHeaderLabels([self.tr(str(h)) for h in HEADERS])
        for row in range(self.table.rowCount()):
            combo = self._role_combo(row)
            for i, text in enumerate(ROLES.values()):
                combo.setItemText(i, self.tr(str(text)))
        self.add_button.setText(self.tr("添加当事人"))
        self.remove_button.setText(self.tr("删除所选"))
        self.paste_button.setText(self.tr("粘贴名单…"))
        self.file_button.setText(self.tr("从表格文件导入…"))

    def _role_combo(self, row: int) -> QComboBox:
        widget = self.table.cellWidget(row, 0)
        assert isinstance(widget, QComboBox)
        return widget

    def _next_role(self) -> str:
        return PartyRole.RESPONDENT.value if self.table.rowCount() == 1 else PartyRole.APPLICANT.value

    def add_row(self, values: dict[str, Any]) -> None:
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        combo = QComboBox()
        for role, text in ROLES.items():
            combo.addItem(self.tr(str(text)), role.value)
        combo.setCurrentIndex(max(0, combo.findData(values.get("role", PartyRole.APPLICANT.value))))
        combo.currentIndexChanged.connect(lambda _i: self.sig_changed.emit())
        self.table.setCellWidget(row, 0, combo)
        for col, key in enumerate(COLUMNS[1:], start=1):
            self.table.setItem(row, col, QTableWidgetItem(str(values.get(key, "") or "")))
        name_item = self.table.item(row, 1)
        if values.get("party_id") and name_item is not None:  # editing a stored party: it keeps its identity
            name_item.setData(Qt.ItemDataRole.UserRole, str(values["party_id"]))
        self.table.blockSignals(False)
        self.sig_changed.emit()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()} or {self.table.currentRow()}, reverse=True)
        for row in rows:
            if row >= 0:
                self.table.removeRow(row)
        self.sig_changed.emit()

    def rows(self) -> list[dict[str, str]]:
        out = []
        for row in range(self.table.rowCount()):
            values = {"role": str(self._role_combo(row).currentData())}
            for col, key in enumerate(COLUMNS[1:], start=1):
                item = self.table.item(row, col)
                values[key] = item.text() if item is not None else ""
            name_item = self.table.item(row, 1)
            party_id = name_item.data(Qt.ItemDataRole.UserRole) if name_item is not None else None
            if party_id:
                values["party_id"] = str(party_id)
            out.append(values)
        return out

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.table.setRowCount(0)
        for values in rows:
            self.add_row(values)

    def party_inputs(self) -> list[PartyInput]:
        parties = []
        for r in self.rows():
            if not r["name"].strip() and not r["id_number"].strip():
                continue  # an empty line of the table is not a party
            org = looks_like_organisation(r["name"], r["id_number"])
            parties.append(PartyInput(
                name=r["name"], role=PartyRole(r["role"]), kind=PartyKind.ORGANISATION if org else PartyKind.PERSON,
                id_type=(IdType.CREDIT_CODE if org else IdType.RESIDENT_ID) if r["id_number"].strip() else None,
                id_number=r["id_number"] or None, phone=r["phone"] or None, address=r["address"] or None,
                party_id=uuid.UUID(r["party_id"]) if r.get("party_id") else None))
        return parties

    def _item_changed(self, item: QTableWidgetItem) -> None:
        self._check(item.row())
        self.sig_changed.emit()

    def _check(self, row: int) -> None:
        """What the ID number says, as it is typed: sex and age for a person, or what is wrong."""
        if row < 0 or row >= self.table.rowCount():
            self.hint.clear()
            return
        r = self.rows()[row]
        number = r["id_number"].strip()
        if not number:
            self.hint.clear()
            return
        if looks_like_organisation(r["name"], number):
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
        empty = [i for i, r in enumerate(self.rows()) if not r["name"].strip() and not r["id_number"].strip()]
        self.blockSignals(True)
        for i in reversed(empty):
            self.table.removeRow(i)
        for values in rows:
            self.add_row({**values, "role": role})
        self.blockSignals(False)
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
