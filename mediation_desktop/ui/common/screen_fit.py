"""Windows sized for the village laptop: never taller or wider than the screen's free area (1366×768 with
the taskbar: 1366×728), whatever size a window would like. A form's fields scroll; its buttons stay put."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

FRAME = 40
DESIGN_POINTS = 12  # the window's title bar and borders, drawn by the system around the client area


def available_geometry(widget: QWidget) -> QRect:
    """The free area of the screen the window is on (the taskbar left out)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """``resize(width, height)`` (sizes for the normal 12-point text, grown with 大字), made smaller where the
    screen is: the whole window, frame included, fits."""
    free = available_geometry(widget)
    points = widget.font().pointSizeF()
    scale = max(1.0, points / DESIGN_POINTS) if points > 0 else 1.0
    widget.resize(min(int(width * scale), free.width() - 8), min(int(height * scale), free.height() - FRAME))


def scrolling(content: QWidget) -> QScrollArea:
    """``content`` in a frameless scroll area (the fields scroll when the screen is short; buttons outside it)."""
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area


def hold_width(widget: QWidget) -> None:
    """The scroll area around ``widget`` (a form's scrolling fields) never narrower than what they need, its
    scroll bar included: the fields scroll up and down, never sideways, and the window grows instead — as far
    as the screen allows."""
    area = widget.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    fields = area.widget() if area is not None else None
    if area is None or fields is None:
        return
    need = (fields.minimumSizeHint().width() + area.verticalScrollBar().sizeHint().width()
            + 2 * area.frameWidth())
    window = area.window()
    layout = window.layout()
    margins = layout.contentsMargins() if layout is not None else None
    room = available_geometry(window).width() - 8 - (margins.left() + margins.right() if margins else 0)
    area.setMinimumWidth(min(need, room))
