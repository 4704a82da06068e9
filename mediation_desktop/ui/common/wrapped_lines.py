"""Word-wrapped lines (a hint under the fields, a red error line) shown whole in every dialog, in 大字 too.

A window's height does not follow how tall its word-wrapped labels must be at its width. Qt holds a window to
its layout's minimum size (``QLayout.SetDefaultConstraint``), and a layout's minimum size leaves
``heightForWidth`` out: a wrapped label counts as one line. Shown, a window takes its size hint, at most two
thirds of the screen, then is held to that minimum: the guardian hint of 当事人详细情况, two lines in 大字,
got the height of one (28 of 50 pixels). So, once a window's width is known (when it is shown, resized, or its
layout, font or texts change), its minimum height is what its layout needs at that width
(``QLayout.totalHeightForWidth``), and no more: never past the screen, never a height worked out for another
width. A window whose fields scroll (a scroll area takes no height from its content) is left as it is.

:func:`keep_wrapped_lines_whole` is installed once on the application (``app.run_gui``): every dialog of the
program is kept so, those that come later included.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QDialog, QLayout, QWidget
from shiboken6 import isValid

from mediation_desktop.ui.common import screen_fit

_KEPT = "wrappedLinesKept"  # (a window's dynamic property: its keeper is installed)
_CONSTRAINTS = (QLayout.SizeConstraint.SetDefaultConstraint, QLayout.SizeConstraint.SetMinimumSize)
_LATER = (QEvent.Type.LayoutRequest, QEvent.Type.FontChange, QEvent.Type.LanguageChange)


def fit_wrapped_lines(window: QWidget) -> None:
    """``window`` at least as tall as its wrapped lines need at its width (Qt makes it taller if it is not); when
    the screen is not that tall, wider (as little as will do), so that the lines take fewer rows."""
    layout = window.layout()
    if layout is None or layout.sizeConstraint() not in _CONSTRAINTS or not layout.hasHeightForWidth():
        return
    free = screen_fit.available_geometry(window)
    room, width = free.height() - screen_fit.FRAME, window.width()
    if layout.totalHeightForWidth(width) > room:
        widest = max(width, free.width() - 8)
        if layout.totalHeightForWidth(widest) <= room:  # the least width at which it fits: a binary search
            low, high = width, widest
            while high - low > 1:
                middle = (low + high) // 2
                low, high = (low, middle) if layout.totalHeightForWidth(middle) <= room else (middle, high)
            width = high
        else:
            width = widest
        window.resize(width, window.height())  # (its Resize event fits the height at this width)
    height = max(layout.totalMinimumSize().height(), min(layout.totalHeightForWidth(width), room))
    if window.minimumHeight() != height:
        window.setMinimumHeight(height)


class _Window(QObject):
    """Re-fits one window when its width, layout, font or language changes."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)  # (the window is its parent: it goes with the window)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Show, QEvent.Type.Resize):
            self.fit()
        elif event.type() in _LATER:
            QTimer.singleShot(0, self.fit)  # (after the layout has taken its new hints)
        return False

    def fit(self) -> None:
        window = self.parent() if isValid(self) else None
        if isinstance(window, QWidget) and window.isVisible():
            fit_wrapped_lines(window)


class _Shown(QObject):
    """Gives every dialog the application shows its keeper, the first time it is shown (the main and case
    windows, tall and resizable, hold their lines in scrolling parts)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog) and watched.isWindow() \
                and not watched.property(_KEPT):
            watched.setProperty(_KEPT, True)
            keeper = _Window(watched)
            watched.installEventFilter(keeper)
            keeper.fit()
        return False


def keep_wrapped_lines_whole(app: QCoreApplication) -> None:
    """Every dialog ``app`` shows from now on keeps its word-wrapped lines whole (once per application)."""
    if app.property(_KEPT):
        return
    app.setProperty(_KEPT, True)
    watcher = _Shown(app)
    app.installEventFilter(watcher)
