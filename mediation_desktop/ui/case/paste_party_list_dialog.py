"""粘贴当事人名单: a list of parties pasted as text (one a line, e.g. copied from a spreadsheet), and their role."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QDialog, QWidget

from mediation_desktop.ui.case.party_rows import ROLES
from mediation_desktop.ui.common.unsaved import CloseGuard
from mediation_desktop.ui.forms.case.paste_party_list_dialog import Ui_PastePartyListDialog


class PastePartyListDialog(CloseGuard, QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = Ui_PastePartyListDialog()  # the layout: forms/case/paste_party_list_dialog.ui
        self.form.setupUi(self)
        self.text, self.role = self.form.partyListEdit, self.form.roleCombo
        for value in ROLES:
            self.role.addItem("", value.value)
        self._name_roles()

    def _name_roles(self) -> None:
        for i, text in enumerate(ROLES.values()):  # the table's own words for the roles
            self.role.setItemText(i, QCoreApplication.translate("PartyTable", str(text)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.form.retranslateUi(self)
            self._name_roles()
        super().changeEvent(event)

    def pasted(self) -> tuple[str, str]:
        """The pasted text and the role chosen for everyone in it."""
        return self.text.toPlainText(), str(self.role.currentData())
