"""人民调解调查记录: one investigation of a case (who was asked, who was there, what they said)."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QWidget

from mediation_desktop.services import records
from mediation_desktop.services.accounts import Actor
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.case.record_dialog_base import FormIncomplete, RecordDialog, case_began, local, until_now
from mediation_desktop.ui.common.screen_fit import fit_to_screen
from mediation_desktop.ui.forms.case.investigation_dialog import Ui_InvestigationDialog


class InvestigationDialog(RecordDialog):
    """人民调解调查记录: 时间, 地点, 参加人 (在场人), 被调查人, 调查人, 记录人 and the record (问/答)."""

    FORM = "investigation"

    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID, parent: QWidget | None = None) -> None:
        form = Ui_InvestigationDialog()  # the layout: forms/case/investigation_dialog.ui
        super().__init__(db, actor, case_id, parent, form)
        fit_to_screen(self, 620, 560)
        self.held_at, self.place, self.interviewee = form.heldAtField, form.placeEdit, form.intervieweeEdit
        self.participants, self.investigator = form.participantsEdit, form.investigatorEdit
        self.recorder, self.record = form.recorderEdit, form.recordEdit
        until_now(self.held_at, case_began(db, case_id))
        self.investigator.setText(actor.display_name)
        self.use_fields({"held_at": self.held_at, "place": self.place, "interviewee": self.interviewee,
                         "participants": self.participants, "investigator": self.investigator,
                         "recorder": self.recorder, "record": self.record})
        self.start_watching()

    def save(self) -> None:
        if not self.interviewee.text().strip():
            raise FormIncomplete(self.tr("请填写被调查人（向谁调查）。"), self.interviewee)
        if not self.record.toPlainText().strip():
            raise FormIncomplete(self.tr("请写明调查情况（问了什么、怎么回答的）。"), self.record)
        records.add_investigation(self.db, self.actor, self.case_id, records.InvestigationInput(
            record=self.record.toPlainText(), interviewee=self.interviewee.text().strip(),
            held_at=local(self.held_at.dateTime()), place=self.place.text().strip(),
            participants=self.participants.text().strip(), investigator=self.investigator.text().strip(),
            recorder=self.recorder.text().strip()))
