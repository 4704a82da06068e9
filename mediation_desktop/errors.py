"""Expected errors: each carries a message key and named parameters, never a sentence.

The CLI and the GUI turn them into one clear line in the user's language (see ``i18n``).
"""

from __future__ import annotations

from typing import Any


class MediationError(Exception):
    """An error the user can understand and act on (bad input, refused operation, …)."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def __str__(self) -> str:
        from mediation_desktop.i18n import tr

        return f"{self.key}: {tr(self.key, **self.params)}"


class NotInitialised(MediationError):
    def __init__(self, data_dir: str) -> None:
        super().__init__("setup.not_initialised", data_dir=data_dir)


class DatabaseFromFuture(MediationError):
    def __init__(self, revision: str) -> None:
        super().__init__("db.from_future", revision=revision)


class ForeignFolder(MediationError):
    def __init__(self, path: str, entries: list[str]) -> None:
        shown = "、".join(entries[:3]) + ("等" if len(entries) > 3 else "")
        super().__init__("db.foreign_folder", path=path, entries=shown)


class RemovableMedia(MediationError):
    def __init__(self, path: str) -> None:
        super().__init__("db.removable_media", path=path)
