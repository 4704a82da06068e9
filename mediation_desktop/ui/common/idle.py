"""Auto-lock: after some minutes without keyboard or mouse input, the window locks itself; Ctrl+L locks it at
once from any window of the program (a form, a case window, a question)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent

_INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
          QEvent.Type.InputMethod, QEvent.Type.TouchBegin}


class IdleWatcher(QObject):
    sig_idle = Signal()
    """Emitted once when no input arrived for ``milliseconds``."""
    sig_lock_key = Signal()
    """Ctrl+L pressed in any window while watching (the main window's own shortcut does not reach the forms
    and case windows, nor the main window while a form shadows it)."""

    def __init__(self, milliseconds: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(milliseconds)
        self.timer.timeout.connect(self.sig_idle.emit)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT and self.timer.isActive():
            if isinstance(event, QKeyEvent) and _is_lock_key(event):
                self.sig_lock_key.emit()
                return True  # taken: it reaches no field
            self.timer.start()  # any input starts the count again
        return False


def _is_lock_key(event: QKeyEvent) -> bool:
    return (event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_L
            and event.modifiers() == Qt.KeyboardModifier.ControlModifier)
