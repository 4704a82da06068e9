"""``DateField`` as a Qt Designer form holds it: a promoted placeholder is made with its parent only.

A form's ``.ui`` names this class (header ``mediation_desktop.ui.common.form_date_field``); the field shows
today until the behaviour class sets its day (``set_day``) — the same rules as every other date field.
"""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from mediation_desktop.ui.common.date_field import DateField


class FormDateField(DateField):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QDate.currentDate(), parent=parent)
