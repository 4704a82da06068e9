"""人民调解回访记录: a visit to see whether the agreement is kept."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QWidget

from mediation_desktop.domain.enums import AgreementStatus, Performance
from mediation_desktop.services import records
from mediation_desktop.services.accounts import Actor
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Case
from mediation_desktop.ui.case.mediator_names import fill_mediators
from mediation_desktop.ui.case.record_dialog_base import (
    FormIncomplete,
    RecordDialog,
    day_of,
    give_values,
    until_today,
)
from mediation_desktop.ui.common.labels import label
from mediation_desktop.ui.common.screen_fit import fit_to_screen
from mediation_desktop.ui.forms.case.follow_up_dialog import Ui_FollowUpDialog

# what a form starts with is data printed on the (Chinese) documents, in any window language
FOLLOW_UP_REASON = "了解协议履行情况"
# the 当事人是否满意 drop-down's items, in the form's order (满意, 不满意, 未表示意见): what each records
SATISFIED = {"yes": True, "no": False, "unknown": None}


class FollowUpDialog(RecordDialog):
    """人民调解回访记录. Nothing is chosen for the mediator: a hurried 保存 must not record 已履行 (which closes
    the case and stops the reminders) or 满意 that nobody said."""

    FORM = "follow_up"

    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID, parent: QWidget | None = None) -> None:
        form = Ui_FollowUpDialog()  # the layout: forms/case/follow_up_dialog.ui
        super().__init__(db, actor, case_id, parent, form)
        fit_to_screen(self, 620, 680)
        self.visited_on, self.visitor, self.visitee = form.visitedOnField, form.visitorBox, form.visiteeEdit
        self.reason, self.performance, self.satisfied = form.reasonEdit, form.performanceBox, form.satisfiedBox
        self.new_lawsuit, self.hidden_risks = form.newLawsuitCheck, form.hiddenRisksEdit
        self.measures, self.findings = form.measuresEdit, form.findingsEdit
        with db.read_session() as s:
            case = s.get(Case, case_id)
            fill_mediators(self.visitor, db, "" if case is None else case.mediator_name)
            # not before the case was registered, nor before its agreement was signed (the service's rule too)
            signed = [a.signed_on for a in ([] if case is None else case.agreements)
                      if a.status == AgreementStatus.SIGNED and a.signed_on is not None]
            first = max([d for d in [None if case is None else case.registered_on, *signed] if d is not None],
                        default=None)
        until_today(self.visited_on, first)
        self.reason.setText(FOLLOW_UP_REASON)
        for p in (Performance.DONE, Performance.PARTIAL, Performance.NOT_DONE):
            self.performance.addItem(label(p), p.value)
        self.performance.setCurrentIndex(-1)  # nothing chosen until the mediator chooses
        give_values(self.satisfied, list(SATISFIED))
        for box in (self.hidden_risks, self.measures):
            box.setMaximumHeight(box.fontMetrics().lineSpacing() * 4 + 12)  # (four lines of the text's size)
        self.use_fields({"visited_on": self.visited_on, "visitor": self.visitor, "visitee": self.visitee,
                         "reason": self.reason, "performance": self.performance, "satisfied": self.satisfied,
                         "new_lawsuit": self.new_lawsuit, "hidden_risks": self.hidden_risks,
                         "measures": self.measures, "findings": self.findings})
        self.start_watching()

    def save(self) -> None:
        if not self.visitee.text().strip():
            raise FormIncomplete(self.tr("请填写被回访人。"), self.visitee)
        if self.performance.currentIndex() < 0:
            raise FormIncomplete(self.tr("请选择履行情况：已履行、部分履行还是未履行。"), self.performance)
        if self.satisfied.currentIndex() < 0:
            raise FormIncomplete(self.tr("请选择当事人是否满意（当事人没有表态就选“未表示意见”）。"), self.satisfied)
        records.add_follow_up(self.db, self.actor, self.case_id, records.FollowUpInput(
            performance=Performance(str(self.performance.currentData())), visitee=self.visitee.text().strip(),
            visited_on=day_of(self.visited_on.date()), reason=self.reason.text().strip(),
            satisfied=SATISFIED[str(self.satisfied.currentData())], new_lawsuit=self.new_lawsuit.isChecked(),
            hidden_risks=self.hidden_risks.toPlainText().strip(), measures=self.measures.toPlainText().strip(),
            findings=self.findings.toPlainText(), visitor=self.visitor.currentText().strip()))
