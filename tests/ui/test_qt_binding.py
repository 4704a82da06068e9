"""The Qt binding itself: a long working day must not wear the program out.

PySide6 6.12.0 on Python 3.11 dropped a reference to ``None`` on every call into Qt that returns nothing
(``setText``, ``setEnabled``, …) or returns no object; Python aborts the whole program ("deallocating
None") once the count runs out — some tens of thousands of calls after start, i.e. within a working day,
with whatever was typed since the last autosave. pyproject.toml keeps that release out; this test keeps
any release like it out.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLineEdit, QWidget


def test_calls_into_qt_keep_the_reference_count_of_none(qtbot):
    widget, line = QWidget(), QLineEdit()
    qtbot.addWidget(widget)
    qtbot.addWidget(line)
    calls = (lambda: widget.setEnabled(True), lambda: line.setText("张三"), widget.parentWidget, line.text)
    for call in calls:
        call()  # (anything made once, on first use, is made now)
        before = sys.getrefcount(None)
        for _ in range(2000):
            call()
        assert sys.getrefcount(None) - before > -100, call  # 6.12.0: −2,000
