"""防止激化 for one case: what the mediation prevented (民转刑, 群体性上访, 自杀, 群体性械斗) and how many persons
were involved — the 件 and 人 of the statistics."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr as message  # (not Qt's tr: a service message key)
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.prevented import Prevented, record_prevented
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Case
from mediation_desktop.ui.common.hints import keep_hints_whole
from mediation_desktop.ui.common.unsaved import CloseGuard
from mediation_desktop.ui.forms.case.prevented_dialog import Ui_PreventedDialog


class PreventedDialog(CloseGuard, QDialog):
    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.case_id = db, actor, case_id
        self.form = Ui_PreventedDialog()  # the layout: forms/case/prevented_dialog.ui
        self.form.setupUi(self)
        keep_hints_whole(self)
        self.criminal, self.petition = self.form.criminalCheck, self.form.petitionCheck
        self.suicide, self.group_fight = self.form.suicideCheck, self.form.groupFightCheck
        self.persons, self.error, self.buttons = self.form.personsEdit, self.form.errorLabel, self.form.buttonBox
        with db.read_session() as s:
            case = s.get(Case, case_id)
            if case is not None:
                self.criminal.setChecked(case.prevented_criminal)
                self.petition.setChecked(case.prevented_petition)
                self.suicide.setChecked(case.prevented_suicide)
                self.group_fight.setChecked(case.stopped_group_fight)
                self.persons.setText(str(case.prevented_persons) if case.prevented_persons else "")
        # (a button box's standard buttons take their texts here: Designer cannot set them)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)

    def submit(self) -> None:
        data = Prevented(self.criminal.isChecked(), self.petition.isChecked(), self.suicide.isChecked(),
                         self.group_fight.isChecked(), self.persons.text())
        try:
            record_prevented(self.db, self.actor, self.case_id, data)
        except MediationError as exc:
            self.error.setText(message(exc.key, **exc.params))
            return
        self.accept()
