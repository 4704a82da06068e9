"""口头协议: an agreement reached orally, recorded (and, once signed, corrected) like a written one."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services import agreements
from mediation_desktop.services.accounts import Actor
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Agreement
from mediation_desktop.ui.case.record_dialog_base import FormIncomplete, RecordDialog, case_began, day_of, until_today
from mediation_desktop.ui.forms.case.oral_agreement_dialog import Ui_OralAgreementDialog


class OralAgreementDialog(RecordDialog):
    """口头协议: it takes effect the day it is reached (人民调解法 art. 30), which is asked here. Saving asks the
    same question as signing a written one (it locks); ``corrects``: the signed oral agreement this form
    corrects (filled in from it; ``reason`` goes to the log), as 更正协议… does for a written one."""

    FORM = "oral"

    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID, parent: QWidget | None = None, *,
                 corrects: Agreement | None = None, reason: str = "") -> None:
        form = Ui_OralAgreementDialog()  # the layout: forms/case/oral_agreement_dialog.ui
        super().__init__(db, actor, case_id, parent, form)
        self.corrects, self.reason = corrects, reason
        if corrects is not None:
            self.setWindowTitle(self.tr("更正口头协议"))
        self.reached_on, self.terms = form.reachedOnField, form.termsEdit
        self.method, self.amount = form.methodEdit, form.amountEdit
        until_today(self.reached_on, case_began(db, case_id))
        self.use_fields({"reached_on": self.reached_on, "terms": self.terms, "method": self.method,
                         "amount": self.amount})
        if corrects is not None:
            self.FORM = ""  # type: ignore[misc]  # (a correction is finished at once or not at all: no draft)
            if corrects.signed_on is not None:
                self.reached_on.set_day(QDate(corrects.signed_on.year, corrects.signed_on.month,
                                              corrects.signed_on.day))
            self.terms.setPlainText("\n".join(corrects.terms))
            self.method.setText(corrects.performance_method)
            self.amount.setText("" if corrects.amount is None else str(corrects.amount))
        self.start_watching()

    def save(self) -> None:
        """Everything typed is checked by the service first (a dry run: the amount, the day, the terms …); only then
        is the question asked that locks the agreement — a wrong amount is never found after 是."""
        day = day_of(self.reached_on.date())
        if not self.terms.toPlainText().strip():
            raise FormIncomplete(self.tr("请写明协议内容（每行一条）。"), self.terms)
        self._record(day, dry_run=True)  # (a MediationError names the field: the form shows it there)
        question = self.tr("各方当事人都已当面同意这些协议内容了吗？\n达成日期：%1（协议从这天起生效）\n"
                           "保存后协议生效并锁定，不能再修改，只能更正。").replace("%1", day.isoformat())
        if not self.ask(self, question):
            raise FormIncomplete("")  # not saved; everything typed stays
        self._record(day)

    def _record(self, day: dt.date, *, dry_run: bool = False) -> None:
        try:
            agreements.record_oral(self.db, self.actor, self.case_id, agreements.AgreementInput(
                terms=self.terms.toPlainText().splitlines(), performance_method=self.method.text(),
                amount=self.amount.text().strip() or None), reached_on=day,
                corrects=None if self.corrects is None else self.corrects.id, reason=self.reason, dry_run=dry_run)
        except MediationError as exc:
            raise FormIncomplete(tr(exc.key, **exc.params), self._field_of(exc)) from None

    def _field_of(self, exc: MediationError) -> QWidget | None:
        """The field a refusal is about (涉及金额, 达成日期, 协议内容 …), where the cursor goes."""
        if exc.key == "case.amount":
            return self.fields["amount"]
        if exc.key.startswith("agreement.signed"):
            return self.fields["reached_on"]
        field = {"performance_method": "method", "extra_terms": "terms"}.get(str(exc.params.get("field", "")))
        return self.fields.get(field or str(exc.params.get("field", "")),
                               self.fields["terms"] if exc.key == "agreement.no_terms" else None)
