"""移交: the dispute goes up (usually to the township's committee), which opens its own linked case."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QWidget

from mediation_desktop.errors import MediationError
from mediation_desktop.services.accounts import Actor
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.case.record_dialog_base import RecordDialog
from mediation_desktop.ui.forms.case.referral_dialog import Ui_ReferralDialog


class ReferralDialog(RecordDialog):
    """移交: to which committee (its code filled in with the one above this one) and why."""

    FORM = "referral"

    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID, parent: QWidget | None = None) -> None:
        form = Ui_ReferralDialog()  # the layout: forms/case/referral_dialog.ui
        super().__init__(db, actor, case_id, parent, form)
        from sqlalchemy import select

        from mediation_desktop.storage.models import Installation

        with db.read_session() as s:
            parent_code = s.scalar(select(Installation.parent_code)) or ""
        self.to_code, self.to_name, self.reason = form.toCodeEdit, form.toNameEdit, form.reasonEdit
        self.to_code.setText(parent_code)
        self.use_fields({"to_code": self.to_code, "to_name": self.to_name, "reason": self.reason})
        self.start_watching()

    def save(self) -> None:
        from mediation_desktop.services.cases import refer_case

        if not self.to_name.text().strip() or not self.reason.toPlainText().strip():
            raise MediationError("referral.incomplete")
        refer_case(self.db, self.actor, self.case_id, to_org_code=self.to_code.text(),
                   to_org_name=self.to_name.text(), reason=self.reason.toPlainText())
