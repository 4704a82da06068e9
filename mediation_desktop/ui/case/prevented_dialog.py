"""防止激化 for one case: what the mediation prevented (民转刑, 群体性上访, 自杀, 群体性械斗) and how many persons
were involved — the 件 and 人 of the statistics."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr as message  # (not Qt's tr: a service message key)
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.prevented import Prevented, record_prevented
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Case


class PreventedDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.case_id = db, actor, case_id
        self.setWindowTitle(self.tr("防止纠纷激化"))
        self.criminal, self.petition = QCheckBox(self.tr("防止民转刑")), QCheckBox(self.tr("防止群体性上访"))
        self.suicide, self.group_fight = QCheckBox(self.tr("防止自杀")), QCheckBox(self.tr("制止群体性械斗"))
        self.persons = QLineEdit()
        self.persons.setPlaceholderText(self.tr("涉及几个人"))
        with db.read_session() as s:
            case = s.get(Case, case_id)
            if case is not None:
                self.criminal.setChecked(case.prevented_criminal)
                self.petition.setChecked(case.prevented_petition)
                self.suicide.setChecked(case.prevented_suicide)
                self.group_fight.setChecked(case.stopped_group_fight)
                self.persons.setText(str(case.prevented_persons) if case.prevented_persons else "")
        form = QFormLayout()
        for box in (self.criminal, self.petition, self.suicide, self.group_fight):
            form.addRow("", box)
        form.addRow(self.tr("涉及人数"), self.persons)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        data = Prevented(self.criminal.isChecked(), self.petition.isChecked(), self.suicide.isChecked(),
                         self.group_fight.isChecked(), self.persons.text())
        try:
            record_prevented(self.db, self.actor, self.case_id, data)
        except MediationError as exc:
            self.error.setText(message(exc.key, **exc.params))
            return
        self.accept()
