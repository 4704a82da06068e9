"""The error every refused bundle raises: one message key, nothing changed."""

from __future__ import annotations

from typing import Any

import mediation_desktop.sync  # noqa: F401  (registers the sync messages)
from mediation_desktop.errors import MediationError


class SyncError(MediationError):
    """A bundle, key file or receipt was refused; the message names what is wrong."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key, **params)
