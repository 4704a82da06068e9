"""排查登记 (the screening register) in the window: the list of screenings with the disputes each found, a form
to add or correct one, and 「登记为案件」 for a found dispute (the normal registration, filled in beforehand;
the dispute is linked to the case once it is registered). A clerk reads; mediators and the director write."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidgetItem,
    QWidget,
)

from mediation_desktop.domain.china_time import china_today
from mediation_desktop.domain.enums import Role
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr as message  # (not Qt's tr: a service message key)
from mediation_desktop.services import screenings
from mediation_desktop.services.accounts import Actor
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.common.date_field import china_day
from mediation_desktop.ui.common.error_line import clear_when_edited
from mediation_desktop.ui.common.hints import keep_hints_whole
from mediation_desktop.ui.common.live_cells import type_cells_live
from mediation_desktop.ui.common.questions import yes_no
from mediation_desktop.ui.common.screen_fit import fit_to_screen
from mediation_desktop.ui.common.unsaved import CloseGuard
from mediation_desktop.ui.forms.hub.screening_dialog import Ui_ScreeningDialog
from mediation_desktop.ui.forms.hub.screening_form import Ui_ScreeningForm

# opens the registration filled in with ``data``; returns the dialog (``registered`` set once accepted)
Register = Callable[[dict[str, Any]], Any]


class ScreeningForm(CloseGuard, QDialog):
    """One screening: date, place or households, who screened, and the disputes found (one row each)."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None,
                 stored: screenings.ScreeningView | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.stored = db, actor, stored
        self.saved_id: uuid.UUID | None = None
        self.form = Ui_ScreeningForm()  # the layout: forms/hub/screening_form.ui
        self.form.setupUi(self)
        keep_hints_whole(self)  # (如：三组、四组，或走访的户 whole, in any font)
        f = self.form
        # the names the rest of the window (and its tests) use
        self.held_on, self.place, self.households = f.heldOnDate, f.placeEdit, f.householdsEdit
        self.screened_by, self.note, self.findings = f.screenedByEdit, f.noteEdit, f.findingsTable
        self.add_row, self.remove_row = f.addFindingButton, f.removeFindingButton
        self.error, self.buttons = f.errorLabel, f.buttonBox
        fit_to_screen(self, 640, 520)
        self.held_on.set_limits(None, china_day())  # a screening already held: not after today
        self.screened_by.setText(actor.display_name)
        type_cells_live(self)  # a finding still being typed counts when the form is closed (it asks first)
        self.findings.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.findings.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.add_row.clicked.connect(lambda: self.add_finding())
        self.remove_row.clicked.connect(self._remove_selected)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.retranslate()
        if stored is not None:
            self.held_on.set_day(QDate(stored.held_on.year, stored.held_on.month, stored.held_on.day))
            self.place.setText(stored.place)
            self.households.setText("" if stored.households is None else str(stored.households))
            self.screened_by.setText(stored.screened_by)
            self.note.setPlainText(stored.note)
            for f in stored.findings:
                self.add_finding(f.description, f.prevented, f.id, registered=f.case_id is not None)

    def input_now(self) -> Any:
        return self.data()  # (the findings are table cells: the form's data says what they hold)

    def retranslate(self) -> None:
        self.form.retranslateUi(self)
        self.setWindowTitle(self.tr("排查登记") if self.stored is None else self.tr("修改排查登记"))
        self._name_buttons()

    def _name_buttons(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            # the button box names its standard buttons again on the same event (OK, Cancel): after it
            QTimer.singleShot(0, self, self._name_buttons)  # (not after the form is gone)
        super().changeEvent(event)

    def add_finding(self, description: str = "", prevented: bool = False, finding_id: uuid.UUID | None = None, *,
                    registered: bool = False) -> int:
        """A row for one dispute; one registered as a case cannot be ticked 已就地化解 (it is one or the other)."""
        row: int = self.findings.rowCount()
        self.findings.insertRow(row)
        item = QTableWidgetItem(description)
        item.setData(Qt.ItemDataRole.UserRole, finding_id)
        self.findings.setItem(row, 0, item)
        box = QCheckBox()
        box.setChecked(prevented and not registered)
        if registered:
            box.setEnabled(False)
            box.setToolTip(self.tr("已登记为案件，不再算作就地化解"))
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
        problem = self.held_on.problem()  # (a day after today, or a digit the field refused)
        if problem:
            self.error.setText(problem)
            clear_when_edited(self.error, self.held_on)
            return
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
        self.open_form: ScreeningForm | None = None  # the screening being added or corrected
        self.form = Ui_ScreeningDialog()  # the layout: forms/hub/screening_dialog.ui
        self.form.setupUi(self)
        f = self.form
        # the names the rest of the window (and its tests) use
        self.table, self.found, self.error = f.screeningsTable, f.findingsTable, f.errorLabel
        self.add_button, self.edit_button = f.addScreeningButton, f.editScreeningButton
        self.remove_button, self.register_button = f.removeScreeningButton, f.registerCaseButton
        for column in range(self.table.columnCount()):  # dates and counts whole (in 大字 too); the place stretches
            self.table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch if column == 1 else QHeaderView.ResizeMode.ResizeToContents)
        fit_to_screen(self, 760, 560)
        self.found.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            self.found.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._show_findings)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button.clicked.connect(lambda: self.edit())
        self.remove_button.clicked.connect(self.remove)
        self.register_button.clicked.connect(lambda: self.register_finding())
        for b in (self.add_button, self.edit_button, self.remove_button, self.register_button):
            b.setVisible(self.writer)
        self.hub = screenings.is_hub(db)
        self._say_scope()
        self.reload()

    def _say_scope(self) -> None:
        """At a township or county: whose screenings are listed (the villages' only count in the statistics);
        for a clerk, that the register is only read here."""
        lines = []
        if self.hub:
            lines.append(self.tr("这里是本单位自己的排查登记；各村的排查随数据包汇入，只计入统计，不在这里列出。"))
        if not self.writer:
            lines.append(self.tr("您的账号只能查看，不能新增或修改。"))
        self.form.scopeLabel.setText("\n".join(lines))
        self.form.scopeLabel.setVisible(bool(lines))

    @classmethod
    def ask(cls, parent: QWidget, text: str) -> bool:
        """A yes/no question (No the default); tests answer it in place of the person."""
        return yes_no(parent, text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.form.retranslateUi(self)
            self._say_scope()
            shown = self.current()
            self.reload(shown.id if shown else None)
        super().changeEvent(event)

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
        self.open_form = form
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
        """The normal registration, filled in with the dispute; linked to the case once registered (a dispute
        marked 已就地化解 is asked about first: once a case, it is no longer counted as prevented)."""
        s = self.current()
        rows = {i.row() for i in self.found.selectedIndexes()}
        if s is None or not rows or self.register is None:
            return None
        finding = s.findings[min(rows)]
        if finding.case_id is not None:
            self.error.setText(message("screening.linked"))
            return None
        if finding.prevented and not self.ask(self, self.tr(
                "这条纠纷已标为“已就地化解”，计入预防纠纷。登记为案件后，它就不再算作预防纠纷。继续登记为案件吗？")):
            return None
        dialog = self.register({"summary": finding.description, "source": "initiative",  # 主动调解
                                "registered_on": china_today().isoformat(),
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
