"""调解员名册 (the committee's mediator roster) for the director: the list, and a form below it to add a mediator
or correct the one selected (full-time 专职 or not, phone, still serving). The statistics count the active ones."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QHeaderView, QTableWidgetItem, QWidget

from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr as message  # (not Qt's tr: a service message key)
from mediation_desktop.services import roster, screenings
from mediation_desktop.services.accounts import Actor
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.common.column_widths import fit_columns
from mediation_desktop.ui.common.questions import yes_no
from mediation_desktop.ui.common.screen_fit import fit_to_screen
from mediation_desktop.ui.common.unsaved import CloseGuard
from mediation_desktop.ui.forms.admin.roster_dialog import Ui_RosterDialog


class RosterDialog(CloseGuard, QDialog):
    """调解员名册: the list, and a form for one mediator (a new one, or the one selected). Closed with the form
    changed and not saved, it asks first (``CloseGuard``)."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.rows: list[roster.MediatorView] = []
        self.editing: uuid.UUID | None = None
        self.form = Ui_RosterDialog()  # the layout: forms/admin/roster_dialog.ui
        self.form.setupUi(self)
        f = self.form
        # the names the rest of the window (and its tests) use
        self.table, self.summary, self.error = f.mediatorsTable, f.summaryLabel, f.errorLabel
        self.name, self.phone, self.full_time, self.active = f.nameEdit, f.phoneEdit, f.fullTimeCheck, f.activeCheck
        self.new_button, self.save_button = f.newMediatorButton, f.saveButton
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        fit_to_screen(self, 520, 480)
        self.table.itemSelectionChanged.connect(self._selected)
        self.new_button.clicked.connect(self.clear)
        self.save_button.clicked.connect(self.save)
        self.hub = screenings.is_hub(db)
        self._say_scope()
        self.reload()

    def _say_scope(self) -> None:
        """At a township or county: the roster listed is its own (the villages' only count in the statistics)."""
        if self.hub:
            self.form.scopeLabel.setText(
                self.tr("这里是本单位自己的调解员名册；各村的名册随数据包汇入，只计入统计，不在这里列出。"))
        self.form.scopeLabel.setVisible(self.hub)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.form.retranslateUi(self)
            self._say_scope()
            self.reload()
        super().changeEvent(event)

    def reload(self) -> None:
        self.rows = roster.list_mediators(self.db)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rows))
        yes, no = self.tr("是"), self.tr("否")
        for r, m in enumerate(self.rows):
            for c, text in enumerate((m.name, yes if m.full_time else no, m.phone or "", yes if m.active else no)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        # (every 是/否 and phone whole, in 大字 too: the name column takes what is left)
        fit_columns(self.table, {c: [it.text() for r in range(len(self.rows)) if (it := self.table.item(r, c))]
                                 for c in (1, 2, 3)})
        self.table.blockSignals(False)
        active = [m for m in self.rows if m.active]
        self.summary.setText(self.tr("在任调解员 %1 人，其中专职 %2 人").replace("%1", str(len(active)))
                             .replace("%2", str(sum(1 for m in active if m.full_time))))

    def _selected(self) -> None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        if not rows:
            return
        m = self.rows[min(rows)]
        self.editing = m.id
        self.name.setText(m.name)
        self.phone.setText(m.phone or "")
        self.full_time.setChecked(m.full_time)
        self.active.setChecked(m.active)
        self.error.clear()
        self._guarded = self.input_now()  # (as stored: nothing typed yet)

    def clear(self) -> None:
        """A new mediator: an empty form."""
        self.table.clearSelection()
        self.editing = None
        self.name.clear()
        self.phone.clear()
        self.full_time.setChecked(False)
        self.active.setChecked(True)
        self.error.clear()
        self._guarded = self.input_now()
        self.name.setFocus()

    @classmethod
    def ask(cls, parent: QWidget, text: str) -> bool:
        """A yes/no question (No the default); tests answer it in place of the person."""
        return yes_no(parent, text)

    def save(self) -> None:
        """Add or correct; a name already serving on the roster is asked about (the same person twice, or another
        person of that name)."""
        data = roster.MediatorInput(self.name.text(), self.full_time.isChecked(), self.phone.text(),
                                    self.active.isChecked())
        another = False
        while True:
            try:
                if self.editing is None:
                    self.editing = roster.add_mediator(self.db, self.actor, data, another_person=another)
                else:
                    roster.update_mediator(self.db, self.actor, self.editing, data, another_person=another)
                break
            except MediationError as exc:
                if exc.key == "mediator.same_name" and not another:
                    name = str(exc.params["name"])
                    question = self.tr("名册里已有在任的%1。是同名的另一个人吗？").replace("%1", name)
                    if self.ask(self, question):
                        another = True
                        continue
                    self.error.clear()
                    return  # (not added: the form stays as typed)
                self.error.setText(message(exc.key, **exc.params))
                return
        self.error.clear()
        self._guarded = self.input_now()  # saved: nothing unsaved
        self.reload()

    def input_now(self) -> tuple[str, str, bool, bool]:
        """The mediator's form (the list is not input)."""
        return self.name.text(), self.phone.text(), self.full_time.isChecked(), self.active.isChecked()
