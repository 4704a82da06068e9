"""卷宗纸质材料页数: how many pages of each paper-only item the mediator files with the case (the bound file is
numbered as one, so the contents need them)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QDialog, QSpinBox, QWidget

from mediation_desktop.documents.snapshot import PAPER_ITEMS
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.case_file import MAX_PAGES, case_file_pages, set_case_file_pages
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.common.unsaved import CloseGuard
from mediation_desktop.ui.forms.case.casefile_pages import Ui_PaperPagesDialog

ITEM_LABELS = {
    "identity": QT_TRANSLATE_NOOP("PaperPagesDialog", "当事人身份证明"),
    "power_of_attorney": QT_TRANSLATE_NOOP("PaperPagesDialog", "授权委托书"),
    "evidence": QT_TRANSLATE_NOOP("PaperPagesDialog", "纸质证据材料"),
    "performance": QT_TRANSLATE_NOOP("PaperPagesDialog", "收条、汇款单等履行凭证（纸质）"),
    "confirmation": QT_TRANSLATE_NOOP("PaperPagesDialog", "司法确认有关材料（纸质）"),
}


class PaperPagesDialog(CloseGuard, QDialog):
    """A page count per paper item; saving is one user action."""

    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.case_id = db, actor, case_id
        self.form = Ui_PaperPagesDialog()  # the layout: forms/case/casefile_pages.ui
        self.form.setupUi(self)
        self.error = self.form.errorLabel
        self.form.buttonBox.accepted.connect(self.save)
        now = case_file_pages(db, case_id)
        self.spins: dict[str, QSpinBox] = {}
        for item in PAPER_ITEMS:  # one row per paper item the case file knows
            spin = QSpinBox()
            spin.setRange(0, MAX_PAGES)
            spin.setValue(now.get(item, 0))
            spin.setSuffix(self.tr(" 页"))
            self.spins[item] = spin
            self.form.pagesForm.addRow(self.tr(str(ITEM_LABELS[item])), spin)

    def save(self) -> None:
        try:
            set_case_file_pages(self.db, self.actor, self.case_id,
                                {item: spin.value() for item, spin in self.spins.items()})
        except MediationError as exc:
            self.error.setText(tr(exc.key, **exc.params))
            return
        self.accept()
