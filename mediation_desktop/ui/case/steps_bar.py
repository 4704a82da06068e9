"""The case window's row of steps: its buttons in their fixed order, wrapping onto further rows when the window
is narrow (大字, English), never reordered or hidden by what the case's status allows."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget

from mediation_desktop.ui.common.date_field import DateField, china_day
from mediation_desktop.ui.common.flow_layout import FlowLayout


class StepsBar(QWidget):
    """A container whose child widgets (the buttons placed in it in ``forms/case/case_window.ui``, in the order
    they were placed) flow left to right and wrap: a custom widget promoted in the form, since Qt Designer has
    no wrapping layout."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = FlowLayout()
        self.setLayout(self.flow)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Polish:  # the form's children all exist now (before the first show)
            self.take_children()
        return super().event(event)

    def take_children(self) -> None:
        """Put every child widget not yet in the flow at its end, in the order the form created them."""
        placed = {item.widget() for i in range(self.flow.count()) if (item := self.flow.itemAt(i)) is not None}
        for child in self.children():
            if isinstance(child, QWidget) and not child.isWindow() and child not in placed:
                self.flow.addWidget(child)


class SignDateField(DateField):
    """签署日期: the day the agreement was signed — today unless told otherwise, never a day in the future."""

    def __init__(self, parent: QWidget | None = None) -> None:
        today = china_day()
        super().__init__(today, latest=today, parent=parent)
