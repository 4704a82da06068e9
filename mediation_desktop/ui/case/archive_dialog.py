"""归档: the case file is closed, with its 保管期限 (the committee's default preselected and named)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent
from PySide6.QtWidgets import QDialog, QWidget

from mediation_desktop.storage.database import Database
from mediation_desktop.ui.forms.case.archive_dialog import Ui_ArchiveDialog

# the shipped words in the window's language (the cover prints the Chinese word; a township's own words as written)
WORDS = {"永久": QT_TRANSLATE_NOOP("ArchiveDialog", "永久"), "长期": QT_TRANSLATE_NOOP("ArchiveDialog", "长期"),
         "短期": QT_TRANSLATE_NOOP("ArchiveDialog", "短期")}


class ArchiveDialog(QDialog):
    """One choice: the 保管期限 words this committee uses (永久, 长期, 短期 …) with their years."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from mediation_desktop.services.retention import period_choices

        self.form = Ui_ArchiveDialog()  # the layout: forms/case/archive_dialog.ui
        self.form.setupUi(self)
        self.retention = self.form.retentionCombo
        self.choices, self.default = period_choices(db)
        for word, _years in self.choices:
            self.retention.addItem(word, word)
        self.retention.setCurrentIndex(max(0, self.retention.findData(self.default)))
        self._name_choices()

    def _years(self, years: int | None) -> str:
        return self.tr("不限年限") if years is None else self.tr("%1年").replace("%1", str(years))

    def _choice(self, word: str, years: int | None) -> str:
        shown = QCoreApplication.translate("ArchiveDialog", str(WORDS[word])) if word in WORDS else word
        return self.tr("%1（%2）").replace("%1", shown).replace("%2", self._years(years))

    def _name_choices(self) -> None:
        for i, (word, years) in enumerate(self.choices):
            self.retention.setItemText(i, self._choice(word, years))
        default = self._choice(self.default, dict(self.choices).get(self.default))
        self.form.defaultLabel.setText(self.tr("本调委会默认：%1").replace("%1", default))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.form.retranslateUi(self)
            self._name_choices()
        super().changeEvent(event)

    def period(self) -> str:
        """The chosen 保管期限, as printed on the cover (长期, 永久, …)."""
        return str(self.retention.currentData())
