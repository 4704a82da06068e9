"""The red line under a form (``errorLabel``) says what stopped 保存; once the field it names is edited, it goes.

It used to stay until the next 保存: an elderly mediator corrected the ID number and still read that it was wrong.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

_EDIT_SIGNALS = ("textChanged", "dateChanged", "dateTimeChanged", "currentIndexChanged", "toggled", "valueChanged",
                 "sig_changed")


def edit_signal(field: QWidget) -> Any:
    """The signal ``field`` gives when it is edited (None for a widget that is not typed into)."""
    for name in _EDIT_SIGNALS:
        signal = getattr(field, name, None)
        if signal is not None:
            return signal
    return None


def clear_when_edited(label: QLabel, field: QWidget | None) -> None:
    """Take ``label``'s present message away the first time ``field`` is edited (a later message, about something
    else, stays)."""
    signal = edit_signal(field) if field is not None else None
    if signal is None:
        return
    said = label.text()

    def edited(*_args: object) -> None:
        signal.disconnect(edited)
        if label.text() == said:
            label.clear()

    signal.connect(edited)
