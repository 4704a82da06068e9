"""Holding a window's background work at a chosen call, to click 取消 on its real progress dialog meanwhile."""

from __future__ import annotations

import threading
from typing import Any


def hold(monkeypatch: Any, module: Any, name: str) -> threading.Event:
    """``module.name`` (called on the worker thread) waits until the returned gate is set, then runs."""
    gate, real = threading.Event(), getattr(module, name)

    def held(*args: Any, **kw: Any) -> Any:
        assert gate.wait(20)
        return real(*args, **kw)

    monkeypatch.setattr(module, name, held)
    return gate


def click_cancel(qtbot: Any, job: Any) -> None:
    """Click 取消 on ``job``'s progress dialog once it shows (after the work has taken 300 ms)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    assert job is not None and job.dialog is not None
    dialog = job.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
