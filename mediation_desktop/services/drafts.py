"""Autosaved drafts: an unfinished form survives a crash or a power cut and is offered back.

A draft is a small JSON file in the data folder's ``drafts/``, written as temp file → fsync → rename,
so after a power cut it is either the previous draft or the new one, never half of one. Drafts are
per form and per record (``register_case/new``, ``agreement/<id>`` …).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mediation_desktop.storage.atomic import write_atomically
from mediation_desktop.storage.private import private_dir

_KEY = re.compile(r"^[a-z_]+$")
_ID = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass(frozen=True)
class Draft:
    form: str
    key: str
    saved_at: dt.datetime
    user: str
    data: dict[str, Any]


class DraftStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, form: str, key: str) -> Path:
        if not _KEY.match(form) or not _ID.match(key):
            raise ValueError("bad draft name")
        return self.folder / f"{form}--{key}.json"

    def save(self, form: str, key: str, user: str, data: dict[str, Any]) -> None:
        private_dir(self.folder)
        payload = {"form": form, "key": key, "user": user, "saved_at": dt.datetime.now(dt.UTC).isoformat(),
                   "data": data}
        write_atomically(self._path(form, key), json.dumps(payload, ensure_ascii=False).encode("utf-8"))

    def load(self, form: str, key: str) -> Draft | None:
        return self._read(self._path(form, key))

    def _read(self, path: Path) -> Draft | None:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return Draft(raw["form"], raw["key"], dt.datetime.fromisoformat(raw["saved_at"]), raw.get("user", ""),
                         dict(raw["data"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or unreadable: there is no draft to offer

    def pending(self, user: str | None = None) -> list[Draft]:
        """Drafts waiting to be finished (of ``user`` if given), newest first."""
        if not self.folder.is_dir():
            return []
        found = [d for p in self.folder.glob("*--*.json") if (d := self._read(p)) is not None]
        if user is not None:
            found = [d for d in found if d.user == user]
        return sorted(found, key=lambda d: d.saved_at, reverse=True)

    def discard(self, form: str, key: str) -> None:
        self._path(form, key).unlink(missing_ok=True)
