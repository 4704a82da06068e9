"""人民调解记录 of one sitting. A later sitting starts from the one before only where that is the same room and
helpers (its place and 记录人); how this sitting was held (背靠背 or not), who took part (参加人) and its result
are facts of this sitting, asked each time: the signed 调解记录 must not repeat the last one's."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QWidget

from mediation_desktop.domain.enums import SessionResult
from mediation_desktop.services import records
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.parties import attendance
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Case
from mediation_desktop.ui.case.mediator_names import fill_mediators
from mediation_desktop.ui.case.record_dialog_base import (
    FormIncomplete,
    RecordDialog,
    local,
    until_now,
)
from mediation_desktop.ui.common.labels import label
from mediation_desktop.ui.common.screen_fit import fit_to_screen
from mediation_desktop.ui.forms.case.session_dialog import Ui_SessionDialog

# what a form starts with is data printed on the (Chinese) documents, in any window language
PLACE = "调解室"


class SessionDialog(RecordDialog):
    """人民调解记录 of one sitting: 时间, 地点, 事由, 当事人, 参加人, 记录人, what was said, and the result."""

    FORM = "session"

    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID, parent: QWidget | None = None) -> None:
        form = Ui_SessionDialog()  # the layout: forms/case/session_dialog.ui
        super().__init__(db, actor, case_id, parent, form)
        fit_to_screen(self, 620, 600)
        with db.read_session() as s:
            case = s.get(Case, case_id)
            title = case.title if case is not None else ""
            # (each party, and the 法定代理人 who attends for a minor: the mediator deletes who is not there)
            names = [] if case is None else attendance(p for p in case.parties if p.deleted_at is None)
            mediator = "" if case is None else case.mediator_name
            last = None if case is None else max((r for r in case.sessions if r.deleted_at is None),
                                                 key=lambda r: r.held_at, default=None)
            # the sitting before: usually the same room and the same person writing the record
            before = (last.place, last.recorder) if last else None
            began = None if case is None else case.registered_on
        self.held_at, self.place, self.subject = form.heldAtField, form.placeEdit, form.subjectEdit
        self.parties_present, self.participants = form.partiesPresentEdit, form.participantsEdit
        self.back_to_back, self.record, self.result_box = form.backToBackCheck, form.recordEdit, form.resultBox
        self.mediator, self.recorder = form.mediatorBox, form.recorderEdit
        until_now(self.held_at, began)  # (not before the case was registered)
        self.place.setText(before[0] if before and before[0] else PLACE)
        self.subject.setText(title)
        self.parties_present.setText("、".join(names))
        fill_mediators(self.mediator, db, mediator)
        for result in SessionResult:
            self.result_box.addItem(label(result), result.value)
        self.result_box.setCurrentIndex(-1)  # 「请选择」: the mediator says how the sitting ended
        if before:
            self.recorder.setText(before[1])
        self.use_fields({"held_at": self.held_at, "place": self.place, "subject": self.subject,
                         "parties_present": self.parties_present, "participants": self.participants,
                         "back_to_back": self.back_to_back, "record": self.record, "result": self.result_box,
                         "mediator": self.mediator, "recorder": self.recorder})
        self.start_watching()

    def save(self) -> None:
        if not self.record.toPlainText().strip():
            raise FormIncomplete(self.tr("请写明调解经过（各方怎么说、怎么调解的）。"), self.record)
        if self.result_box.currentIndex() < 0:
            raise FormIncomplete(self.tr("请选择这次调解的结果（达成协议、延期调解……）。"), self.result_box)
        records.add_session(self.db, self.actor, self.case_id, records.SessionInput(
            result=SessionResult(str(self.result_box.currentData())), record=self.record.toPlainText(),
            held_at=local(self.held_at.dateTime()), place=self.place.text().strip(),
            subject=self.subject.text().strip(), participants=self.participants.text().strip(),
            parties_present=self.parties_present.text().strip(), back_to_back=self.back_to_back.isChecked(),
            recorder=self.recorder.text().strip(), mediator=self.mediator.currentText().strip()))
