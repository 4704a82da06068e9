"""归档: the case file is closed, with its 保管期限 (the committee's default preselected and named)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QWidget

from mediation_desktop.storage.database import Database
from mediation_desktop.ui.forms.case.archive_dialog import Ui_ArchiveDialog


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

    def _name_choices(self) -> None:
        for i, (word, years) in enumerate(self.choices):
            self.retention.setItemText(i, f"{word}（{self._years(years)}）")
        years = dict(self.choices).get(self.default)
        self.form.defaultLabel.setText(self.tr("本调委会默认：%1（%2）").replace("%1", self.default)
                                       .replace("%2", self._years(years)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.form.retranslateUi(self)
            self._name_choices()
        super().changeEvent(event)

    def period(self) -> str:
        """The chosen 保管期限, as printed on the cover (长期, 永久, …)."""
        return str(self.retention.currentData())
