"""The draft questions answered by a test (nobody clicks a message box there): closing a form with unsaved input
(保留草稿 / 不保留 / 继续编辑) and a kept draft offered back (接着填 / 丢弃草稿 / 以后再说)."""

from __future__ import annotations

from typing import Any

import pytest

from mediation_desktop.ui.common.unsaved import Answer


def answer_drafts(monkeypatch: pytest.MonkeyPatch, dialog_class: type, answer: Answer | bool,
                  seen: list[str] | None = None) -> None:
    """Both draft questions of ``dialog_class`` (and its subclasses) answer ``answer`` (True: keep / take up,
    False: discard), their texts added to ``seen``."""
    if isinstance(answer, bool):
        answer = Answer.KEEP if answer else Answer.DISCARD

    def unsaved(cls: type, parent: Any, text: str, *_keeps: bool) -> Answer:
        if seen is not None:
            seen.append(text)
        return answer  # type: ignore[return-value]

    monkeypatch.setattr(dialog_class, "ask_unsaved", classmethod(unsaved))
    monkeypatch.setattr(dialog_class, "ask_take_up", classmethod(unsaved))
