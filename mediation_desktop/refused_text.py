"""A refused character said inside another message (a list's row, a file's cell): the sentence a form says
(``domain.text.refusal``: the character shown, not its code point, and what to do), in both languages."""

from __future__ import annotations

from mediation_desktop.domain.text import Label, refusal
from mediation_desktop.i18n import EN, ZH, tr


def refused_said(label: Label, char: str, *, multiline: bool = False, name: bool = False) -> Label:
    """Why ``label`` (a field, a column) may not hold ``char``; ``name``: it holds a person's name, where a
    Chinese character no font has is a 生僻字 (``text.unprintable_name`` says how such a name is registered)."""
    key, params = refusal(char, multiline, name=name)
    return Label(tr(key, ZH, label=label, **params), tr(key, EN, label=label, **params))
