"""Checking the parties table as it is typed: a row that cannot be saved is light red with its wrong cell red,
the line under the table says what is wrong (or, for a good ID number, the sex and age in it), and a message
names the party by its row and name.

The texts are in the ``PartyTable`` context (the class the window uses), one catalogue entry for the whole table.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox

from mediation_desktop.domain.china_time import china_today
from mediation_desktop.domain.credit_code import check_credit_code
from mediation_desktop.domain.enums import PartyKind
from mediation_desktop.domain.limits import ADULT_AGE
from mediation_desktop.domain.resident_id import Sex, check_resident_id, reads_as_resident_id
from mediation_desktop.domain.text import shown
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services.parties import check_party
from mediation_desktop.ui.case.party_cells import PartyCells, guardian_text
from mediation_desktop.ui.case.party_rows import (
    _CELL_BG,
    _FIELD_COLUMNS,
    _ROW_BG,
    DETAILS_COL,
    NAME_COL,
    ROLE_COL,
    TEXT_COLUMNS,
    kind_of,
    party_input,
    row_has_content,
)

translate = QCoreApplication.translate


class PartyChecks(PartyCells):
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

    def problems(self, row: int, r: dict[str, Any] | None = None) -> list[MediationError]:
        """Every problem of this row, a field each: the service names the first it meets; that field is set aside
        and the row checked again, so a wrong check digit and a ten-digit phone are said at once (an elderly
        mediator put one right, saved, and met the next)."""
        values = dict(r or self.row_values(row))
        found: list[MediationError] = []
        while len(found) <= len(_FIELD_COLUMNS):
            problem = self.problem(row, values)
            if problem is None:
                break
            found.append(problem)
            field = str(problem.params.get("field") or "")
            if field not in values or not str(values.get(field) or "").strip() or field == "name":
                break  # (nothing left to set aside: what stays wrong is said once)
            values[field] = ""
        return found

    def row_message(self, row: int, problems: list[MediationError]) -> str:
        """「第3行（兴旺养殖场）：身份证号码……；手机号码……」: every problem of the row, saying which party it is."""
        if len(problems) == 1:
            return self.party_message(row, problems[0])
        return translate("PartyTable", "%1：%2").replace("%1", self.row_label(row)).replace(
            "%2", "；".join(tr(p.key, **p.params).rstrip("。") for p in problems) + "。")

    def _mark_others(self, row: int, problems: list[MediationError]) -> None:
        """The wrong cell of each further problem of ``row`` in red too (the first is marked by ``_colour``)."""
        blocked = self.table.blockSignals(True)
        for problem in problems[1:]:
            item = self.table.item(row, _FIELD_COLUMNS.get(str(problem.params.get("field", "")), -1))
            if item is not None:
                item.setBackground(QBrush(_CELL_BG))
        self.table.blockSignals(blocked)

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
        """「第3行（兴旺养殖场）」: how a message names a party (the rows are numbered at the left); the name as a
        message quotes a text (``domain.text.shown``: a U+202E typed in it would turn the line around)."""
        name = self.row_values(row)["name"].strip() if 0 <= row < self.table.rowCount() else ""
        if name:
            return translate("PartyTable", "第%1行（%2）").replace("%1", str(row + 1)).replace("%2", shown(name))
        return translate("PartyTable", "第%1行").replace("%1", str(row + 1))

    def party_message(self, row: int, problem: MediationError) -> str:
        """「第3行（兴旺养殖场）：身份证号码……」: the problem, saying which party it is."""
        text = translate("PartyTable", "%1：%2").replace("%1", self.row_label(row)).replace(
            "%2", tr(problem.key, **problem.params))
        r = self.row_values(row) if 0 <= row < self.table.rowCount() else None
        if r is not None and problem.key in ("id.birth_date", "id.chars") and kind_of(r) == PartyKind.PERSON:
            cc = check_credit_code(r["id_number"])
            # no birth date in it, but a credit code's shape: a unit whose code fails its check? (not when it
            # reads as an ID with one digit of its birth date mistyped)
            if cc.valid and not reads_as_resident_id(r["id_number"]):
                text += " " + translate("PartyTable", "如果这是单位的统一社会信用代码，请在“个人/单位”一栏选“单位”。")
        return text

    def _quiet(self, row: int) -> None:
        """The row in hand has nothing to say (a new empty row, no ID number): the first other row that cannot be
        saved is named instead, so its line does not vanish when 添加当事人 moves the cursor on."""
        if self._loading:  # (rows being put in by the program: not all their cells are there yet)
            self.hint.clear()
            return
        for other in range(self.table.rowCount()):
            built = isinstance(self.table.cellWidget(other, ROLE_COL), QComboBox)
            problem = self.problem(other) if other != row and built else None
            if problem is not None:
                self.hint.setText("⚠ " + self.party_message(other, problem))
                return
        self.hint.clear()

    def _check(self, row: int) -> None:
        """What the row says, as it is typed: sex and age for a person, or what is wrong."""
        if row < 0 or row >= self.table.rowCount():
            self._quiet(row)
            return
        r = self.row_values(row)
        problems = self.problems(row)
        self._colour(row, problems[0] if problems else None)
        if problems:
            self._mark_others(row, problems)
            self.hint.setText("⚠ " + self.row_message(row, problems))
            return
        number = r["id_number"].strip()
        if not number:
            typed = r["age"].strip()
            if kind_of(r) == PartyKind.PERSON and typed.isdigit() and int(typed) < ADULT_AGE:
                self.hint.setText(translate("PartyTable", "%1：%2 岁").replace("%1", shown(r["name"]))
                                  .replace("%2", typed) + self.minor_note(r))
                return
            self._quiet(row)
            return
        if kind_of(r) == PartyKind.ORGANISATION:
            cc = check_credit_code(number)
            key = cc.error or (cc.warnings[0] if cc.warnings else None)
            self.hint.setText(tr(key) if key else translate("PartyTable", "统一社会信用代码正确"))
            return
        rid = check_resident_id(number)
        if not rid.valid:
            self.hint.setText("⚠ " + tr(rid.error or "id.checksum"))
            return
        sex = translate("PartyTable", "男") if rid.sex == Sex.MALE else translate("PartyTable", "女")
        age = rid.age_on(china_today())
        born = rid.birth_date.isoformat() if rid.birth_date else ""
        text = (translate("PartyTable", "%1：%2，%3 出生，%4 岁").replace("%1", shown(r["name"] or number))
                .replace("%2", sex).replace("%3", born).replace("%4", str(age)))
        if age is not None and age < ADULT_AGE:
            text += self.minor_note(r)
        self.hint.setText(text)

    @staticmethod
    def minor_note(r: dict[str, Any]) -> str:
        """What the line says of a minor (民法典 art. 17–23: a minor acts through a guardian, 法定代理人): who their
        法定代理人 is, or that one is to be entered in the 「详细…」 form."""
        if str(r.get("representative") or "").strip():
            return translate("PartyTable", "。%1").replace("%1", guardian_text(r))
        return translate("PartyTable", "。未成年人：请在“详细情况”里填写法定代理人（监护人），"
                                       "由其一同参加调解，并在协议上签名")
