"""How far a long export or import has come, and the way to stop it.

The caller's ``progress(done, total)`` is called at each step; to stop (the window's 取消) it raises, and
the action ends there: an import before its commit (its one transaction is rolled back: nothing changed),
an export before its file is written (no file). After the last step nothing can stop it any more.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]


class Steps:
    """A count of steps towards ``total`` (which may be set once the work is known), reported as they go."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress = progress
        self.total = max(total, 1)
        self.done = 0

    def set_total(self, total: int) -> None:
        self.total = max(total, self.done, 1)

    def step(self, n: int = 1) -> None:
        self.done = min(self.done + n, self.total)
        if self.progress is not None:
            self.progress(self.done, self.total)

    def last(self) -> None:
        """The last point where the work may still be stopped (everything before it done)."""
        self.done = self.total
        if self.progress is not None:
            self.progress(self.total, self.total)
