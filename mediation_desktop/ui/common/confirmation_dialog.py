"""司法确认 (People's Mediation Law art. 33): recording the parties' joint application to the court, the court and
its ruling, for a signed written agreement (a record form of the case window)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from mediation_desktop.domain.china_time import china_today
from mediation_desktop.domain.deadlines import judicial_confirmation_deadline
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services import agreements
from mediation_desktop.services.accounts import Actor
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.case.record_dialog_base import FormIncomplete, RecordDialog, give_values
from mediation_desktop.ui.common.date_field import china_day
from mediation_desktop.ui.forms.common.confirmation_dialog import Ui_ConfirmationDialog

if TYPE_CHECKING:
    from mediation_desktop.storage.models import Agreement


def day_of(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def qdate_of(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ConfirmationDialog(RecordDialog):
    """司法确认 (art. 33): the day the parties applied jointly to the court, which court, and — when the court has
    ruled — the day it confirmed the agreement valid. Within 30 days of the agreement taking effect; later is still
    recorded (after a warning), because the record must say what happened."""

    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID, agreement: Agreement,
                 parent: QWidget | None = None) -> None:
        form = Ui_ConfirmationDialog()  # the layout: forms/common/confirmation_dialog.ui
        super().__init__(db, actor, case_id, parent, form)
        self.agreement = agreement
        effective = agreement.effective_on or agreement.signed_on or china_today()
        self.deadline = judicial_confirmation_deadline(effective)
        today = china_day()
        self.info = form.deadlineLabel
        self.info.setText(self.tr("协议生效日期：%1。当事人应在生效之日起三十日内（至 %2）共同向人民法院申请司法确认"
                                  "（人民调解法第三十三条）。")
                          .replace("%1", effective.isoformat()).replace("%2", self.deadline.isoformat()))
        earliest = min(qdate_of(effective), today)
        self.applied_on, self.confirmed_on = form.appliedOnField, form.confirmedOnField
        self.court, self.ruling, self.reason = form.courtEdit, form.rulingBox, form.reasonEdit
        for field, day in ((self.applied_on, agreement.confirmation_applied_on),
                           (self.confirmed_on, agreement.confirmed_on)):
            field.set_limits(earliest, today)
            field.set_day(qdate_of(day) if day else today)
        self.court.setText(agreement.confirmation_court or "")
        give_values(self.ruling, ["pending", "confirmed"])
        self.ruling.setCurrentIndex(1 if agreement.confirmed_on else 0)
        self.ruling.currentIndexChanged.connect(self._result_changed)
        fields: dict[str, QWidget] = {"applied_on": self.applied_on, "court": self.court, "ruling": self.ruling,
                                      "confirmed_on": self.confirmed_on}
        correcting = agreement.confirmation_applied_on is not None  # (a reason is asked to change what was recorded)
        self.form.setRowVisible(self.reason, correcting)
        if correcting:
            fields["reason"] = self.reason
        self.use_fields(fields)
        self._result_changed()
        self.start_watching()

    def _result_changed(self, *_args: object) -> None:
        self.confirmed_on.setEnabled(self.ruling.currentData() == "confirmed")

    def submit(self) -> None:
        """The service checks what is typed first (a dry run: the court, the dates …); only a form it takes is asked
        about a late day — never 是 first and then 请填写法院."""
        try:
            self.check_dates()
            self._record(dry_run=True)
        except FormIncomplete as exc:
            self.show_problem(exc.message, exc.widget)
            return
        except MediationError as exc:
            self.show_problem(tr(exc.key, **exc.params), self._field_of(exc))
            return
        applied = day_of(self.applied_on.date())
        if applied > self.deadline and applied != self.agreement.confirmation_applied_on:
            question = self.tr("申请日期 %1 已超过协议生效后三十日的申请期限（%2），法院可能不予受理。\n"
                               "仍然按这个日期登记吗？")
            if not self.ask(self, question.replace("%1", applied.isoformat()).replace("%2", self.deadline.isoformat())):
                return
        super().submit()

    def _field_of(self, exc: MediationError) -> QWidget | None:
        """The field a refusal is about (法院, 申请日期, 确认日期, 更正原因)."""
        if exc.key == "agreement.confirmation_court":
            return self.fields["court"]
        if exc.key == "agreement.confirmed_before_applied":
            return self.fields["confirmed_on"]
        if exc.key == "case.reason_required" or exc.params.get("field") == "reason":
            return self.fields.get("reason")
        return self.fields["applied_on"] if exc.key.startswith("agreement.confirmation") else None

    def save(self) -> None:
        self._record()

    def _record(self, *, dry_run: bool = False) -> None:
        confirmed = day_of(self.confirmed_on.date()) if self.ruling.currentData() == "confirmed" else None
        agreements.record_confirmation(self.db, self.actor, self.agreement.id,
                                       applied_on=day_of(self.applied_on.date()), court=self.court.text(),
                                       confirmed_on=confirmed, reason=self.reason.text(), dry_run=dry_run)
