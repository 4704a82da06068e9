"""The error every refused bundle raises: one message key, nothing changed."""

from __future__ import annotations

from typing import Any

import mediation_desktop.sync  # noqa: F401  (registers the sync messages)
from mediation_desktop.domain.text import refusal
from mediation_desktop.errors import MediationError


class SyncError(MediationError):
    """A bundle, key file or receipt was refused; the message names what is wrong."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key, **params)


def unsafe_text(path: str, where: str, char: str) -> SyncError:
    """The refusal of a bundle whose text at ``where`` holds ``char``, said as a form says it
    (``domain.text.refusal``): a character shown, not only numbered; a 生僻字 no document font has (a name's, most
    often) with what the sender does about it."""
    key, said = refusal(char, False, name=True)
    if key == "text.unprintable_name":
        return SyncError("sync.rare_character", path=path, where=where, glyph=said["glyph"], char=said["char"])
    glyph = "" if said["glyph"] == said["char"] else said["glyph"]  # (nothing to see: its number, said once)
    return SyncError("sync.unsafe_text", path=path, where=where, glyph=glyph, char=said["char"])
