"""Autosaved drafts: an unfinished form survives a crash or a power cut and is offered back.

A draft is a small JSON file in the data folder's ``drafts/``, written as temp file → fsync → rename,
so after a power cut it is either the previous draft or the new one, never half of one. Drafts are
per form, per record and per user: the village's one laptop is shared by several mediators, so two users'
drafts of the same form (``register_case/new``, ``agreement/<id>`` …) are two files,
``{form}--{key}.{user}.json``, ``{user}`` a short digest of the username (a name may be Chinese; nothing of it
becomes a path). One user's draft is never offered to, overwritten or discarded by another.

A draft saved by an older version is named without the user (``{form}--{key}.json``): it stays readable for
the user recorded inside it (and for no one else), moves to that user's own name when they save the form
again and goes when they discard it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mediation_desktop.storage.atomic import write_atomically
from mediation_desktop.storage.private import private_dir

_KEY = re.compile(r"^[a-z_]+$")
_ID = re.compile(r"^[A-Za-z0-9_-]+$")
_USER_DIGITS = 16  # hex digits of the username's SHA-256 in a file name (64 bits: no two users of one laptop meet)


@dataclass(frozen=True)
class Draft:
    form: str
    key: str
    saved_at: dt.datetime
    user: str
    data: dict[str, Any]


def user_tag(user: str) -> str:
    """The part of a draft's file name that says whose it is: hex digits only, whatever the username holds."""
    return hashlib.sha256(user.encode("utf-8")).hexdigest()[:_USER_DIGITS]


class DraftStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _stem(self, form: str, key: str) -> str:
        if not _KEY.match(form) or not _ID.match(key):
            raise ValueError("bad draft name")
        return f"{form}--{key}"

    def _path(self, form: str, key: str, user: str) -> Path:
        """The draft of ``user`` (the name's '.' is in neither the form nor the key: no other name reads alike)."""
        return self.folder / f"{self._stem(form, key)}.{user_tag(user)}.json"

    def _old_path(self, form: str, key: str) -> Path:
        """Where an older version kept the one draft of the form and record, whoever's it was."""
        return self.folder / f"{self._stem(form, key)}.json"

    def save(self, form: str, key: str, user: str, data: dict[str, Any]) -> None:
        path, old = self._path(form, key, user), self._old_path(form, key)
        private_dir(self.folder)
        payload = {"form": form, "key": key, "user": user, "saved_at": dt.datetime.now(dt.UTC).isoformat(),
                   "data": data}
        write_atomically(path, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
        self._drop_old(old, user)  # moved to the user's own name

    def load(self, form: str, key: str, user: str) -> Draft | None:
        """The draft ``user`` keeps of the form ``form`` for ``key`` (one kept by an older version included)."""
        for path in (self._path(form, key, user), self._old_path(form, key)):
            draft = self._read(path)
            if draft is not None and draft.user == user and (draft.form, draft.key) == (form, key):
                return draft
        return None

    def _read(self, path: Path) -> Draft | None:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return Draft(raw["form"], raw["key"], dt.datetime.fromisoformat(raw["saved_at"]), raw.get("user", ""),
                         dict(raw["data"]))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # missing or unreadable: there is no draft to offer

    def _named_for(self, path: Path, draft: Draft) -> bool:
        """``path`` is where the store keeps ``draft`` (its own name, or the older name without the user): a
        file copied or renamed into the folder is no one's draft, so what is offered can also be discarded."""
        try:
            return path.name in (self._path(draft.form, draft.key, draft.user).name,
                                 self._old_path(draft.form, draft.key).name)
        except (ValueError, TypeError):
            return False

    def pending(self, user: str | None = None) -> list[Draft]:
        """Drafts waiting to be finished (of ``user`` if given; each form and record once), newest first."""
        if not self.folder.is_dir():
            return []
        found: dict[tuple[str, str, str], tuple[bool, Draft]] = {}
        for path in self.folder.glob("*--*.json"):
            draft = self._read(path)
            if draft is None or (user is not None and draft.user != user) or not self._named_for(path, draft):
                continue
            own_name = path.name != self._old_path(draft.form, draft.key).name
            seen = found.get((draft.form, draft.key, draft.user))
            if seen is None or (own_name and not seen[0]):  # the user's own name over an older version's
                found[(draft.form, draft.key, draft.user)] = (own_name, draft)
        return sorted((d for _own, d in found.values()), key=lambda d: d.saved_at, reverse=True)

    def discard(self, form: str, key: str, user: str) -> None:
        """The draft of ``user`` goes (also one an older version kept for them); another user's stays."""
        path, old = self._path(form, key, user), self._old_path(form, key)
        path.unlink(missing_ok=True)
        self._drop_old(old, user)

    def _drop_old(self, old: Path, user: str) -> None:
        draft = self._read(old)
        if draft is not None and draft.user == user:
            old.unlink(missing_ok=True)
