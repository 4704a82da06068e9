"""人民调解协议书: write the agreement (a draft until signed) beside a preview of the paper as it will print."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import QWidget

from mediation_desktop.domain.enums import AgreementStatus
from mediation_desktop.domain.instalments import term_deadline_days
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services import agreements
from mediation_desktop.services.accounts import Actor
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Agreement, Case
from mediation_desktop.ui.case.record_dialogs import RecordDialog, changed_signal
from mediation_desktop.ui.common.date_field import china_day
from mediation_desktop.ui.common.pdf_view import PdfDialog
from mediation_desktop.ui.common.screen_fit import fit_to_screen
from mediation_desktop.ui.forms.case.agreement_dialog import Ui_AgreementDialog

PREVIEW_DELAY_MS = 500


class AgreementDialog(RecordDialog):
    """Edits the case's unsigned agreement, or starts one (a signed agreement is locked: not editable here).

    The preview on the right follows the form as it is typed (half a second after the last change),
    rendered by the same code that prints it; nothing is saved until Save.

    A term still typed in the entry line (not yet added with Enter) counts: it is in the preview, the draft
    and the unsaved-changes question, and saving adds it as the last term.
    """

    FORM = "agreement"

    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID, parent: QWidget | None = None) -> None:
        form = Ui_AgreementDialog()  # the layout: forms/case/agreement_dialog.ui (the form beside the paper)
        super().__init__(db, actor, case_id, parent, form)
        fit_to_screen(self, 1280, 820)
        self.agreement_id: uuid.UUID | None = None
        self.facts, self.terms = form.factsEdit, form.termsEdit
        self.method, self.place = form.methodEdit, form.placeEdit
        self.has_deadline, self.deadline = form.hasDeadlineCheck, form.deadlineField
        self.amount, self.copies = form.amountEdit, form.copiesSpin
        self.deadline.set_day(china_day().addDays(30))
        self.use_fields({"facts": self.facts, "terms": self.terms, "method": self.method, "place": self.place,
                         "has_deadline": self.has_deadline, "deadline": self.deadline, "amount": self.amount,
                         "copies": self.copies})
        self.preview_pane, self.preview_button = form.previewPane, form.previewButton
        self.preview_button.clicked.connect(self.preview)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.refresh_preview)
        self._load()
        self.start_watching()
        self.terms.entry.textChanged.connect(self._changed)
        for widget in [*self.fields.values(), self.terms.entry]:
            changed_signal(widget).connect(self._preview_timer.start)
        self.refresh_preview()

    # the term still in the entry line and the terms' own days are part of the form: draft, unsaved-changes question
    def form_data(self) -> dict[str, Any]:
        days = [d.isoformat() if d is not None else None for d in self.terms.deadlines()]
        return {**super().form_data(), "terms_entry": self.terms.entry.text(), "term_deadlines": days}

    def load_data(self, data: dict[str, Any]) -> None:
        super().load_data(data)
        if data.get("terms_entry"):
            self.terms.entry.setText(str(data["terms_entry"]))
        days = data.get("term_deadlines")
        if isinstance(days, list):
            self.terms.set_deadlines(list(term_deadline_days(days)) or [None] * len(days))

    def _load(self) -> None:
        with self.db.read_session() as s:
            case = s.get(Case, self.case_id)
            assert case is not None
            self.copies.setValue(len([p for p in case.parties if p.deleted_at is None]) + 1)  # art. 29
            self.facts.setPlainText(case.summary)
            draft = next((a for a in sorted(case.agreements, key=lambda a: a.version, reverse=True)
                          if a.status == AgreementStatus.DRAFT and a.deleted_at is None), None)
            if draft is not None:
                self._fill(draft)

    def _fill(self, a: Agreement) -> None:
        self.agreement_id = a.id
        self.facts.setPlainText(a.facts)
        self.terms.set_terms(list(a.terms), term_deadline_days(a.term_deadlines))
        self.method.setText(a.performance_method)
        self.place.setText(a.performance_place)
        self.has_deadline.setChecked(a.performance_deadline is not None)
        if a.performance_deadline is not None:
            d = a.performance_deadline
            self.deadline.setDate(QDate(d.year, d.month, d.day))
        self.amount.setText("" if a.amount is None else str(a.amount))
        self.copies.setValue(a.copies)

    def data(self) -> agreements.AgreementInput:
        deadline = None
        if self.has_deadline.isChecked():
            q = self.deadline.date()
            deadline = dt.date(q.year(), q.month(), q.day())
        return agreements.AgreementInput(
            terms=self.terms.terms() + self.terms.pending(), term_deadlines=self.terms.deadlines(),
            facts=self.facts.toPlainText(),
            performance_method=self.method.text(), performance_place=self.place.text(),
            performance_deadline=deadline, amount=self.amount.text().strip() or None, copies=self.copies.value())

    def save(self) -> None:
        self.terms.add_from_entry()  # a term typed but not yet added is saved, not dropped
        self.agreement_id = agreements.save_draft(self.db, self.actor, self.case_id, self.data(), self.agreement_id)

    def preview_bytes(self) -> bytes:
        """The agreement as typed so far, rendered exactly as it will print (nothing saved)."""
        from mediation_desktop.documents.agreement import render_agreement
        from mediation_desktop.documents.snapshot import draft_agreement_snapshot
        from mediation_desktop.documents.wording import township_wording
        from mediation_desktop.services.cases import parse_amount

        d = self.data()
        days = d.term_deadlines + [None] * (len(d.terms) - len(d.term_deadlines))
        terms = [(t.strip(), day) for t, day in zip(d.terms, days, strict=False) if t.strip()]
        snapshot = draft_agreement_snapshot(
            self.db, self.case_id, facts=d.facts, terms=tuple(t for t, _day in terms),
            performance_method=d.performance_method, performance_place=d.performance_place,
            performance_deadline=d.performance_deadline, amount=parse_amount(d.amount), copies=d.copies or 2,
            term_deadlines=tuple(day for _t, day in terms))
        with township_wording(self.db.paths.root / "documents"):
            return render_agreement(snapshot)

    def refresh_preview(self) -> None:
        try:
            data = self.preview_bytes()
        except MediationError as exc:  # e.g. an amount that is not a number yet: say so, keep the last page
            self.error.setText(tr(exc.key, **exc.params))
            return
        self.error.clear()
        self.preview_pane.show_pdf(data, self.tr("人民调解协议书") + ".pdf")

    def preview(self) -> PdfDialog | None:
        """保存并打开 PDF: save the draft, render the agreement as it will print, and show it in the program's own
        viewer (look, print, save as PDF) — from memory: no copy with the parties' names and ID numbers is left in
        a folder, and no outside PDF program is needed (a computer without one showed nothing at all)."""
        from mediation_desktop.documents.registry import render_document

        try:
            self.save()
        except MediationError as exc:
            self.error.setText(tr(exc.key, **exc.params))
            return None
        self.drafts.discard(self.FORM, self.draft_key, self.actor.username)
        self._initial = self.form_data()
        self.error.clear()
        remove_old_previews(self.db.paths.root / "previews")
        try:
            data = render_document(self.db, "agreement", self.case_id)
        except MediationError as exc:
            self.error.setText(tr(exc.key, **exc.params))
            return None
        title = self.tr("人民调解协议书")
        viewer = PdfDialog(title, data, title + ".pdf", self)
        viewer.show()
        return viewer


def remove_old_previews(folder: Path) -> None:
    """The agreement copies earlier versions left in the data folder to open them elsewhere (agreement-….pdf):
    deleted when the next preview is asked for, the folder too once empty."""
    if not folder.is_dir():
        return
    for old in folder.glob("agreement-*.pdf"):
        try:
            old.unlink()
        except OSError:
            pass  # (open in another program on Windows: tried again the next time)
    try:
        folder.rmdir()
    except OSError:
        pass  # (something else in it: left as it is)
