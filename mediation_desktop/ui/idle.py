"""Auto-lock: after some minutes without keyboard or mouse input, the window locks itself."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

_INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
          QEvent.Type.InputMethod, QEvent.Type.TouchBegin}


class IdleWatcher(QObject):
    sig_idle = Signal()
    """Emitted once when no input arrived for ``milliseconds``."""

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
            self.timer.start()  # any input starts the count again
        return False
