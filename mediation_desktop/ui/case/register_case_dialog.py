"""受理登记: register a dispute and its parties. Autosaved as a draft while typed; nothing typed is lost."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QEvent, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QCompleter, QDialog, QWidget

from mediation_desktop.domain.categories import CURRENT_SCHEME, scheme
from mediation_desktop.domain.enums import CaseSource
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.cases import CaseInput, Registered, register_case
from mediation_desktop.services.drafts import DraftStore
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.case.kept_drafts import EDIT_FORM, REGISTER_FORM, REGISTER_KEY
from mediation_desktop.ui.case.mediator_names import mediator_names
from mediation_desktop.ui.case.party_rows import NAME_COL, ROLE_COL, party_row, row_has_content
from mediation_desktop.ui.case.party_table import PartyTable
from mediation_desktop.ui.common.date_field import china_day
from mediation_desktop.ui.common.labels import label as enum_label
from mediation_desktop.ui.common.language import EN, current
from mediation_desktop.ui.common.live_cells import type_cells_live
from mediation_desktop.ui.common.screen_fit import fit_to_screen
from mediation_desktop.ui.common.unsaved import Answer, ask_keep_draft, ask_take_up
from mediation_desktop.ui.forms.case.register_case_dialog import Ui_RegisterCaseDialog

FORM, KEY = REGISTER_FORM, REGISTER_KEY  # one draft of a new case (offered back when the form opens again)
SOURCES = {
    CaseSource.APPLICATION: QT_TRANSLATE_NOOP("RegisterCaseDialog", "当事人申请"),
    CaseSource.INITIATIVE: QT_TRANSLATE_NOOP("RegisterCaseDialog", "主动调解"),
    CaseSource.COURT: QT_TRANSLATE_NOOP("RegisterCaseDialog", "法院委托移送"),
    CaseSource.POLICE: QT_TRANSLATE_NOOP("RegisterCaseDialog", "公安机关委托移送"),
    CaseSource.PROCURATORATE: QT_TRANSLATE_NOOP("RegisterCaseDialog", "检察院委托移送"),
    CaseSource.PETITIONS: QT_TRANSLATE_NOOP("RegisterCaseDialog", "信访部门委托移送"),
    CaseSource.OTHER_BODY: QT_TRANSLATE_NOOP("RegisterCaseDialog", "其他部门委托移送"),
}


class RegisterCaseDialog(QDialog):
    registered: Registered | None = None
    warnings: tuple[str, ...] = ()  # the saved parties' warnings (message keys: a minor without 法定代理人 …)

    @classmethod
    def ask_unsaved(cls, parent: QWidget, text: str) -> Answer:
        """Closing with unsaved input: keep the draft, discard it, or back to the form (Esc; patched in tests)."""
        return ask_keep_draft(parent, text)

    @classmethod
    def ask_take_up(cls, parent: QWidget, text: str) -> Answer:
        """A kept draft offered back: take it up, discard it, or later (Esc; patched in tests)."""
        return ask_take_up(parent, text)

    @classmethod
    def ask_reason(cls, parent: QWidget, text: str) -> str | None:
        """Why a closed case is corrected (None: cancelled; what was typed is not lost without a question)."""
        from mediation_desktop.ui.common.text_prompt import ask_text

        return ask_text(parent, text)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 case_id: uuid.UUID | None = None) -> None:
        """A new dispute, or (``case_id``) correcting what was registered for one."""
        super().__init__(parent)
        self.db, self.actor, self.case_id = db, actor, case_id
        self.form_name, self.draft_key = (FORM, KEY) if case_id is None else (EDIT_FORM, case_id.hex)
        self.drafts = DraftStore(db.paths.drafts)
        self.form = Ui_RegisterCaseDialog()  # the layout: forms/case/register_case_dialog.ui
        self.form.setupUi(self)  # (its fields scroll on a short screen; the buttons below them stay in sight)
        fit_to_screen(self, 1040, 700)  # (wide enough for every header of the parties, English too)
        f = self.form  # the names the tests and the rest of the window use:
        self.category, self.source, self.registered_on = f.categoryCombo, f.sourceCombo, f.registeredOnEdit
        self.summary, self.requests = f.summaryEdit, f.requestsEdit
        self.amount, self.mediator = f.amountEdit, f.mediatorEdit
        self.risk, self.non_public, self.error = f.riskCheck, f.nonPublicCheck, f.errorLabel
        self.save_button, self.cancel_button = f.saveButton, f.closeButton
        categories = scheme(CURRENT_SCHEME)
        for top in categories.top_level():
            self.category.addItem("", top.code)
            for child in categories.children(top.code):
                self.category.addItem("", child.code)
        self.category.setCurrentIndex(-1)  # 「请选择」: no category is assumed, the mediator chooses one
        for source in SOURCES:
            self.source.addItem("", source.value)
        # a dispute is registered when it comes, not later
        self.registered_on.set_limits(None, china_day())  # (the field starts on today)
        self.summary.setMaximumHeight(self.summary.fontMetrics().lineSpacing() * 6 + 14)  # the rest: parties
        self.mediator.setText(actor.display_name)
        # the names the committee has (accounts, the 调解员名册) offered as one types; any other name can be typed
        self._mediator_names = QCompleter(mediator_names(db, actor.display_name), self)
        self._mediator_names.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._mediator_names.setFilterMode(Qt.MatchFlag.MatchContains)
        self.mediator.setCompleter(self._mediator_names)
        self.parties = PartyTable(f, self)  # the grid (partyGrid), the line under it and its buttons
        type_cells_live(self)  # a cell still being typed in is in the draft (a power cut loses nothing)
        self._party_rows: list[int] = []  # the table row of each party in the last CaseInput
        # what the red line under the form is about: a field, a party's row (-1: the parties as a whole)
        self._error_about: QWidget | int | None = None
        self._shown = False

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(400)
        self._autosave.timeout.connect(self.save_draft)
        for signal in (self.category.currentIndexChanged, self.source.currentIndexChanged,
                       self.registered_on.dateChanged, self.summary.textChanged, self.requests.textChanged,
                       self.amount.textChanged, self.mediator.textChanged, self.risk.toggled,
                       self.non_public.toggled, self.parties.sig_changed):
            signal.connect(self._changed)
        self.save_button.clicked.connect(self.submit)  # (关闭: reject, in the form)
        QShortcut(QKeySequence.StandardKey.Save, self, self.submit)
        self._dirty = False
        self._stored: dict[str, Any] | None = None
        if case_id is not None:
            self.load_data(self.stored_data(case_id))
            self._stored = self.form_data()  # in the form's own shape, so "changed" compares like with like
            self._dirty = False
        self.retranslate()
        self.focus_first_name()

    # ---- texts
    def retranslate(self) -> None:
        self.form.retranslateUi(self)
        self.setWindowTitle(self.tr("受理登记") if self.case_id is None else self.tr("修改登记"))
        english = current() == EN
        categories = scheme(CURRENT_SCHEME)
        for i in range(self.category.count()):
            code = str(self.category.itemData(i))
            cat = categories.get(code)
            label = categories.label(code, "en" if english else "zh")
            self.category.setItemText(i, (self.tr("    其中：") + label) if cat and cat.parent else label)
        for i, text in enumerate(SOURCES.values()):
            self.source.setItemText(i, self.tr(str(text)))
        self.parties.retranslate()

    def focus_first_name(self) -> None:
        """The keyboard starts in the first 姓名 cell (not on 保存)."""
        if self.parties.table.rowCount():
            self.parties.table.setCurrentCell(0, NAME_COL)
        self.parties.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def focusNextPrevChild(self, next: bool) -> bool:  # Qt's parameter name
        """Tab into the party table from the field before it starts at its first cell (Shift+Tab: its last)."""
        table = self.parties.table
        done = super().focusNextPrevChild(next)
        now = self.focusWidget()
        if done and now is not None and (now is table or table.isAncestorOf(now)):
            table.enter(next)
        return done

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            self.focus_first_name()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- the form as data (for drafts)
    def form_data(self) -> dict[str, Any]:
        return {
            "category": self.category.currentData(), "source": self.source.currentData(),
            "registered_on": self.registered_on.date().toString(Qt.DateFormat.ISODate),
            "registered_on_typed": self.registered_on.chosen,  # else a draft resumed later starts from that day
            "summary": self.summary.toPlainText(), "requests": self.requests.toPlainText(),
            "amount": self.amount.text(), "mediator": self.mediator.text(), "risk": self.risk.isChecked(),
            "non_public": self.non_public.isChecked(), "parties": self.parties.rows(),
        }

    def load_data(self, data: dict[str, Any]) -> None:
        self.category.setCurrentIndex(self.category.findData(data.get("category")))  # -1: 「请选择」
        index = self.source.findData(data.get("source"))
        if index < 0 and data.get("source") == CaseSource.UNRECORDED.value:  # from an old ledger: stays 未记录
            self.source.addItem(enum_label(CaseSource.UNRECORDED), CaseSource.UNRECORDED.value)  # until one is chosen
            index = self.source.count() - 1
        self.source.setCurrentIndex(max(0, index))
        day = QDate.fromString(str(data.get("registered_on", "")), Qt.DateFormat.ISODate)
        if day.isValid() and data.get("registered_on_typed", True):
            self.registered_on.setDate(day)
        self.summary.setPlainText(str(data.get("summary", "")))
        self.requests.setPlainText(str(data.get("requests", "")))
        self.amount.setText(str(data.get("amount", "")))
        self.mediator.setText(str(data.get("mediator", "")) or self.actor.display_name)
        self.risk.setChecked(bool(data.get("risk")))
        self.non_public.setChecked(bool(data.get("non_public")))
        rows = [dict(r) for r in data.get("parties", [])]
        if self._stored is not None:  # a draft of a correction made by an older version: fill in what it lacks
            stored = {r.get("party_id"): r for r in self._stored.get("parties", [])}
            for r in rows:
                for key, value in stored.get(r.get("party_id"), {}).items():
                    r.setdefault(key, value)
        self.parties.set_rows(rows)

    def stored_data(self, case_id: uuid.UUID) -> dict[str, Any]:
        """The registration as stored, in the form's own shape (parties keep their ids)."""
        from mediation_desktop.services.case_detail import load_case

        detail = load_case(self.db, case_id)
        c = detail.case
        return {
            "category": c.category_code, "source": c.source.value, "registered_on": c.registered_on.isoformat(),
            "summary": c.summary, "requests": "\n".join(c.requests or []),
            "amount": "" if c.amount_involved is None else str(c.amount_involved), "mediator": c.mediator_name,
            "risk": c.escalation_risk, "non_public": c.non_public,
            "parties": [party_row(p) for p in detail.parties],
        }

    def has_content(self) -> bool:
        if self._stored is not None:  # editing: content means a change from what is stored
            return self.form_data() != self._stored
        d = self.form_data()
        return bool(d["summary"].strip() or d["requests"].strip() or d["amount"].strip()
                    or any(row_has_content(row) for row in d["parties"]))

    def _changed(self, *_args: object) -> None:
        self._dirty = True
        self._autosave.start()
        self._error_still_true(self.sender())

    def _error_still_true(self, changed: object) -> None:
        """The red line goes once what it names is put right: the field it is about was edited, or its party's row
        (the parties, for a missing side) no longer has the problem. It said an ID number was wrong after it had
        been corrected, until 保存."""
        about = self._error_about
        if about is None or not self.error.text():
            return
        if isinstance(about, int):
            if changed is not self.parties:
                return
            if 0 <= about < self.parties.table.rowCount() and self.parties.problems(about):
                return  # (still wrong: the line under the table says how, as it is typed)
        elif changed is not about:
            return
        self.error.clear()
        self._error_about = None

    def save_draft(self) -> None:
        if self.has_content():
            data = self.form_data()
            if self.case_id is not None:
                data["case_id"] = str(self.case_id)
            self.drafts.save(self.form_name, self.draft_key, self.actor.username, data)

    # ---- saving
    def case_input(self) -> CaseInput:
        d = self.form_data()
        rows = self.parties.input_rows()
        self._party_rows = [row for row, _p in rows]
        return CaseInput(
            category_code=str(d["category"] or ""), parties=[p for _row, p in rows], require_sides=True,
            source=CaseSource(str(d["source"])), summary=d["summary"],
            requests=[line for line in d["requests"].splitlines() if line.strip()],
            amount_involved=d["amount"].strip() or None,
            registered_on=dt.date.fromisoformat(d["registered_on"]), escalation_risk=d["risk"],
            non_public=d["non_public"], mediator_name=d["mediator"].strip(),
        )

    def submit(self) -> None:
        self.error.clear()
        self._error_about = None
        try:
            if self.case_id is None:
                self.registered = register_case(self.db, self.actor, self.case_input())
                self.warnings = self.registered.warnings
            else:
                self.warnings = self._update()
        except MediationError as exc:
            self.show_error(exc)  # the form keeps everything typed
            return
        self._autosave.stop()
        self.drafts.discard(self.form_name, self.draft_key, self.actor.username)
        self._dirty = False
        self.accept()

    def show_error(self, exc: MediationError) -> None:
        """Say what is wrong — for a party, which one (row and name) — and put the cursor there."""
        index = exc.params.get("party_index")
        if isinstance(index, int) and 0 <= index < len(self._party_rows):
            row = self._party_rows[index]
            text = self.parties.row_message(row, self.parties.problems(row) or [exc])
            others = len([r for r, _p in self.parties.check_all() if r != row])
            if others:
                text += " " + self.tr("另有 %1 行也要改正，已用红色标出。").replace("%1", str(others))
            self.error.setText(text)
            self._error_about = row
            self.parties.show_problem(row, str(exc.params.get("field") or ""))
            return
        self.error.setText(tr(exc.key, **exc.params))
        field: QWidget | None = {"case.category_missing": self.category, "case.category": self.category,
                                 "case.future_date": self.registered_on,
                                 "case.registered_after_records": self.registered_on, "case.amount": self.amount,
                                 }.get(exc.key)
        self._error_about = field
        if exc.key in ("case.sides", "case.no_parties"):
            self._error_about = -1  # (any change of the parties: the next 保存 checks them again)
        if exc.key in ("case.sides", "case.no_parties") and self.parties.table.rowCount():
            column = ROLE_COL if exc.key == "case.sides" else NAME_COL
            self.parties.table.go_to(0, column, Qt.FocusReason.OtherFocusReason)
        elif field is not None:
            field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update(self) -> tuple[str, ...]:
        """Save a correction; a closed case asks why (the reason goes to the audit log). The parties' warnings."""
        from mediation_desktop.services.cases import update_case

        try:
            return update_case(self.db, self.actor, self.case_id, self.case_input())  # type: ignore[arg-type]
        except MediationError as exc:
            if exc.key != "case.reason_required":
                raise
            reason = self.ask_reason(self, self.tr("这个案件已经结案。请写明修改的原因："))
            if not reason:
                raise
            return update_case(self.db, self.actor, self.case_id, self.case_input(),  # type: ignore[arg-type]
                               reason=reason)

    def reject(self) -> None:
        """Closing (button, Esc, window X) with unsaved input asks: keep it as a draft, discard it, or go back to
        the form (Esc, the question's own X: nothing typed is lost)."""
        self._autosave.stop()
        if self.has_content():
            answer = self.ask_unsaved(self, self.tr("案件还没有保存。要保留草稿，下次接着填吗？\n"
                                                    "选“不保留”将丢弃已填写的内容。"))
            if answer is Answer.BACK:
                if self.isVisible():
                    self._autosave.start()
                return
            if answer is Answer.KEEP:
                self.save_draft()
            else:
                self.drafts.discard(self.form_name, self.draft_key, self.actor.username)
        super().reject()
