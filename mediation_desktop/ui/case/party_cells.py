"""The parties table's cells read as rows: what a row holds — also what only its 「详细…」 form or a stored party
gave it, kept on its name cell — and what its 个人/单位 and 「详细…」 cells show.

The texts are in the ``PartyTable`` context (the class the window uses), one catalogue entry for the whole table.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QComboBox, QLabel

from mediation_desktop.domain.enums import PartyKind
from mediation_desktop.domain.text import shown
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.ui.case.party_grid import PartyGrid
from mediation_desktop.ui.case.party_rows import (
    _EXTRA_ROLE,
    DETAILS_COL,
    EXTRA_KEYS,
    KIND_COL,
    KINDS,
    NAME_COL,
    ROLE_COL,
    SEXES,
    TEXT_COLUMNS,
    kind_of,
    party_input,
    row_has_content,
)

translate = QCoreApplication.translate


def guardian_text(r: dict[str, Any]) -> str:
    """「法定代理人：王五（父亲）」 for a person's row with a 法定代理人 ("" without one)."""
    name, relation = str(r.get("representative") or "").strip(), str(r.get("representative_title") or "").strip()
    if not name:
        return ""
    name, relation = shown(name), shown(relation)  # (as typed, not yet checked: never a raw U+202E)
    who = translate("PartyTable", "%1（%2）").replace("%1", name).replace("%2", relation) if relation else name
    return translate("PartyTable", "法定代理人：%1").replace("%1", who)


class PartyCells(QObject):
    """The grid of a form (``table``) and the line under it that says what a row holds or lacks (``hint``)."""

    def __init__(self, table: PartyGrid, hint: QLabel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table, self.hint = table, hint
        self._loading = False  # rows are being put in by the program: one change signal at the end

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
        text = translate("PartyTable", str(KINDS[PartyKind(kind)]))
        if item is not None and (item.text() != text or item.data(Qt.ItemDataRole.UserRole) != kind):
            blocked = self.table.blockSignals(True)
            self.table.model().setItemData(self.table.indexFromItem(item), {
                Qt.ItemDataRole.DisplayRole: text, Qt.ItemDataRole.UserRole: kind})
            self.table.blockSignals(blocked)

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

    def rows(self) -> list[dict[str, Any]]:
        return [self.row_values(row) for row in range(self.table.rowCount())]

    def input_rows(self) -> list[tuple[int, PartyInput]]:
        """The parties to save with their table rows; lines with nothing in them are not parties."""
        return [(row, party_input(r)) for row, r in enumerate(self.rows()) if row_has_content(r)]

    def party_inputs(self) -> list[PartyInput]:
        return [p for _row, p in self.input_rows()]

    # ---- the 「详细…」 cell
    @staticmethod
    def _details_text(r: dict[str, Any]) -> tuple[str, str]:
        """What the 「详细…」 cell of a row says (what is filled in, or 「详细…」), and its tooltip."""
        parts: list[str]
        if kind_of(r) == PartyKind.ORGANISATION:
            parts = [r["representative"], r["representative_title"]]
        else:
            sex = translate("PartyTable", str(SEXES[r["sex"]])) if r["sex"] in ("male", "female") else ""
            age = translate("PartyTable", "%1岁").replace("%1", r["age"]) \
                if r["age"] and not r["id_number"].strip() else ""
            parts = [sex, age, r["ethnicity"], r["occupation"], guardian_text(r)]
        summary = "，".join(p for p in parts if p.strip())
        if summary:
            return summary + " …", summary
        return (translate("PartyTable", "详细…"),
                translate("PartyTable", "性别、年龄、民族、职业或职务、法定代理人；单位的法定代表人或主要负责人"))

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
