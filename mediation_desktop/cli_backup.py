"""Command-line commands for backup (registered by :mod:`mediation_desktop.cli`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def register(sub: Any, h: Callable[[str, str], str]) -> None:
    """Add this group's sub-commands to sub; each sets handler with set_defaults."""
    del sub, h

