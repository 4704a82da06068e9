"""排查登记 (the screening register) in the window: the list of screenings with the disputes each found, a form
to add or correct one, and 「登记为案件」 for a found dispute (the normal registration, filled in beforehand;
the dispute is linked to the case once it is registered). A clerk reads; mediators and the director write."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mediation_desktop.domain.enums import Role
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr as message  # (not Qt's tr: a service message key)
from mediation_desktop.services import screenings
from mediation_desktop.services.accounts import Actor
from mediation_desktop.storage.database import Database

# opens the registration filled in with ``data``; returns the dialog (``registered`` set once accepted)
Register = Callable[[dict[str, Any]], Any]


def _error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet("color: #b00020")
    label.setWordWrap(True)
    return label


class ScreeningForm(QDialog):
    """One screening: date, place or households, who screened, and the disputes found (one row each)."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None,
                 stored: screenings.ScreeningView | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.stored = db, actor, stored
        self.saved_id: uuid.UUID | None = None
        self.setWindowTitle(self.tr("排查登记") if stored is None else self.tr("修改排查登记"))
        self.held_on = QDateEdit(QDate.currentDate())
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("yyyy-MM-dd")
        self.held_on.setMaximumDate(QDate.currentDate())
        self.place, self.households, self.screened_by = QLineEdit(), QLineEdit(), QLineEdit()
        self.place.setPlaceholderText(self.tr("如：三组、四组，或走访的户"))
        self.households.setPlaceholderText(self.tr("不清楚可不填"))
        self.screened_by.setText(actor.display_name)
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(60)
        form = QFormLayout()
        for text, field in ((self.tr("排查日期"), self.held_on), (self.tr("排查地点或走访户"), self.place),
                            (self.tr("走访户数"), self.households), (self.tr("排查人"), self.screened_by),
                            (self.tr("备注"), self.note)):
            form.addRow(text, field)
        self.findings = QTableWidget(0, 2)
        self.findings.setHorizontalHeaderLabels([self.tr("发现的纠纷（简要情况）"), self.tr("已就地化解（预防）")])
        self.findings.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.findings.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.add_row, self.remove_row = QPushButton(self.tr("添加一条纠纷")), QPushButton(self.tr("删除所选纠纷"))
        self.add_row.clicked.connect(lambda: self.add_finding())
        self.remove_row.clicked.connect(self._remove_selected)
        rows = QHBoxLayout()
        rows.addWidget(self.add_row)
        rows.addWidget(self.remove_row)
        rows.addStretch(1)
        self.error = _error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("排查发现的纠纷")))
        layout.addWidget(self.findings, 1)
        layout.addLayout(rows)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(640, 520)
        if stored is not None:
            self.held_on.setDate(QDate(stored.held_on.year, stored.held_on.month, stored.held_on.day))
            self.place.setText(stored.place)
            self.households.setText("" if stored.households is None else str(stored.households))
            self.screened_by.setText(stored.screened_by)
            self.note.setPlainText(stored.note)
            for f in stored.findings:
                self.add_finding(f.description, f.prevented, f.id)

    def add_finding(self, description: str = "", prevented: bool = False, finding_id: uuid.UUID | None = None) -> int:
        row = self.findings.rowCount()
        self.findings.insertRow(row)
        item = QTableWidgetItem(description)
        item.setData(Qt.ItemDataRole.UserRole, finding_id)
        self.findings.setItem(row, 0, item)
        box = QCheckBox()
        box.setChecked(prevented)
        self.findings.setCellWidget(row, 1, box)
        return row

    def _remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.findings.selectedIndexes()}, reverse=True):
            self.findings.removeRow(row)

    def data(self) -> screenings.ScreeningInput:
        found = []
        for row in range(self.findings.rowCount()):
            item = self.findings.item(row, 0)
            text = item.text() if item is not None else ""
            fid = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
            box = self.findings.cellWidget(row, 1)
            prevented = isinstance(box, QCheckBox) and box.isChecked()
            if not text.strip() and fid is None and not prevented:
                continue  # an empty row left over
            found.append(screenings.FindingInput(text, prevented, fid))
        day = self.held_on.date()
        return screenings.ScreeningInput(dt.date(day.year(), day.month(), day.day()), self.place.text(),
                                         self.screened_by.text(), self.households.text(),
                                         self.note.toPlainText(), found)

    def submit(self) -> None:
        try:
            if self.stored is None:
                self.saved_id = screenings.add_screening(self.db, self.actor, self.data())
            else:
                screenings.update_screening(self.db, self.actor, self.stored.id, self.data())
                self.saved_id = self.stored.id
        except MediationError as exc:
            self.error.setText(message(exc.key, **exc.params))
            return
        self.accept()


class ScreeningDialog(QDialog):
    """The register: screenings (newest first) above, the disputes of the one selected below."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None,
                 register: Register | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.register = db, actor, register
        self.writer = actor.role != Role.CLERK
        self.rows: list[screenings.ScreeningView] = []
        self.form: ScreeningForm | None = None
        self.setWindowTitle(self.tr("矛盾纠纷排查登记"))
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("排查日期"), self.tr("地点或走访户"), self.tr("排查人"),
                                              self.tr("发现纠纷"), self.tr("预防")])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._show_findings)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.found = QTableWidget(0, 3)
        self.found.setHorizontalHeaderLabels([self.tr("发现的纠纷"), self.tr("处理"), self.tr("案件编号")])
        self.found.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            self.found.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.found.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.found.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.found.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.add_button, self.edit_button = QPushButton(self.tr("新增排查…")), QPushButton(self.tr("修改…"))
        self.remove_button = QPushButton(self.tr("删除这次排查"))
        self.register_button = QPushButton(self.tr("登记为案件…"))
        close = QPushButton(self.tr("关闭"))
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button.clicked.connect(lambda: self.edit())
        self.remove_button.clicked.connect(self.remove)
        self.register_button.clicked.connect(lambda: self.register_finding())
        close.clicked.connect(self.accept)
        for b in (self.add_button, self.edit_button, self.remove_button, self.register_button):
            b.setVisible(self.writer)
        self.error = _error_label()
        top = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.remove_button):
            top.addWidget(b)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.register_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 2)
        layout.addWidget(QLabel(self.tr("这次排查发现的纠纷")))
        layout.addWidget(self.found, 1)
        layout.addWidget(self.error)
        layout.addLayout(bottom)
        self.resize(760, 560)
        self.reload()

    def reload(self, select: uuid.UUID | None = None) -> None:
        self.rows = screenings.list_screenings(self.db)
        self.table.setRowCount(len(self.rows))
        for r, s in enumerate(self.rows):
            texts = [s.held_on.isoformat(), s.place + (self.tr("（%1 户）").replace("%1", str(s.households))
                                                        if s.households is not None else ""),
                     s.screened_by, str(len(s.findings)), str(sum(1 for f in s.findings if f.prevented))]
            for c, text in enumerate(texts):
                self.table.setItem(r, c, QTableWidgetItem(text))
        row = next((i for i, s in enumerate(self.rows) if s.id == select), 0 if self.rows else -1)
        if row >= 0:
            self.table.selectRow(row)
        self._show_findings()

    def current(self) -> screenings.ScreeningView | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self.rows[min(rows)] if rows else None

    def _show_findings(self) -> None:
        s = self.current()
        findings = s.findings if s is not None else ()
        self.found.setRowCount(len(findings))
        for r, f in enumerate(findings):
            state = (self.tr("已登记为案件") if f.case_id else self.tr("已就地化解") if f.prevented
                     else self.tr("待处理"))
            for c, text in enumerate((f.description, state, f.case_no or "")):
                self.found.setItem(r, c, QTableWidgetItem(text))
        if findings:
            self.found.selectRow(0)

    def add(self) -> ScreeningForm | None:
        return self._open(ScreeningForm(self.db, self.actor, self)) if self.writer else None

    def edit(self) -> ScreeningForm | None:
        s = self.current()
        return self._open(ScreeningForm(self.db, self.actor, self, s)) if self.writer and s else None

    def _open(self, form: ScreeningForm) -> ScreeningForm:
        self.form = form
        form.accepted.connect(lambda: self.reload(form.saved_id))
        form.open()
        return form

    def remove(self) -> None:
        s = self.current()
        if s is None:
            return
        try:
            screenings.remove_screening(self.db, self.actor, s.id)
        except MediationError as exc:
            self.error.setText(message(exc.key, **exc.params))
            return
        self.reload()

    def register_finding(self) -> Any:
        """The normal registration, filled in with the dispute; linked to the case once registered."""
        s = self.current()
        rows = {i.row() for i in self.found.selectedIndexes()}
        if s is None or not rows or self.register is None:
            return None
        finding = s.findings[min(rows)]
        if finding.case_id is not None:
            self.error.setText(message("screening.linked"))
            return None
        dialog = self.register({"summary": finding.description, "source": "initiative",  # 主动调解
                                "registered_on": dt.date.today().isoformat(),
                                "parties": [{"role": "applicant"}, {"role": "respondent"}]})
        if dialog is not None:
            dialog.accepted.connect(lambda: self._link(finding.id, dialog, s.id))
        return dialog

    def _link(self, finding_id: uuid.UUID, dialog: Any, screening_id: uuid.UUID) -> None:
        registered = getattr(dialog, "registered", None)
        if registered is None:
            return
        try:
            screenings.link_case(self.db, self.actor, finding_id, registered.case_id)
        except MediationError as exc:
            self.error.setText(message(exc.key, **exc.params))
        self.reload(screening_id)
