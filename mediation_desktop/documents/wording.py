"""Document wording as data: ``resources/documents/<name>.json``, which a township may adjust.

A township's own copy (``<data dir>/documents/<name>.json``, passed as ``override_dir``) is laid over
the shipped wording key by key, so it only needs the sentences it changes.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mediation_desktop.errors import MediationError
from mediation_desktop.paths import resources_dir

# The township's wording folder for the documents being rendered now (set by ``registry.render_document``).
_OVERRIDE_DIR: contextvars.ContextVar[Path | None] = contextvars.ContextVar("wording_override_dir", default=None)


@contextlib.contextmanager
def township_wording(folder: Path | None) -> Iterator[None]:
    """Render with ``folder``'s wording files (if it exists) laid over the shipped ones."""
    token = _OVERRIDE_DIR.set(folder if folder is not None and folder.is_dir() else None)
    try:
        yield
    finally:
        _OVERRIDE_DIR.reset(token)


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


@functools.cache
def _load_shipped(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        data = json.load(f)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: wording must be a JSON object")
    return data


def _load_township(path: Path) -> dict[str, Any]:
    """A township's file is read each time (it may be edited while the program runs) and checked:
    a broken file gets a clear message naming it, never a half-worded document."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MediationError("document.wording_broken", path=str(path), detail=str(exc)) from None
    if not isinstance(data, dict):
        raise MediationError("document.wording_broken", path=str(path), detail="not a JSON object")
    return data


def shipped_names() -> frozenset[str]:
    """The documents whose wording ships with the program (``resources/documents/<name>.json``)."""
    return frozenset(p.stem for p in (resources_dir() / "documents").glob("*.json"))


def misfit(name: str, content: Any) -> str | None:
    """Why a township's wording ``content`` for document ``name`` cannot be laid over the shipped one (None: it
    fits): a document the program does not have, a key its wording does not have (with ``common.json``
    underneath), or a value of another shape than the shipped one's (a text, a list of texts, a group of keys)."""
    if name not in shipped_names():
        return f"{name}: no such document"
    folder = resources_dir() / "documents"
    shipped = _load_shipped(folder / "common.json")
    if name != "common":
        shipped = _merge(shipped, _load_shipped(folder / f"{name}.json"))

    def walk(over: Any, base: Any, where: str) -> str | None:
        if isinstance(base, dict):
            if not isinstance(over, dict):
                return f"{where}: not a group of keys"
            for key, value in over.items():
                if key not in base:
                    return f"{where}/{key}: no such key"
                problem = walk(value, base[key], f"{where}/{key}")
                if problem is not None:
                    return problem
            return None
        if isinstance(base, list):
            ok = isinstance(over, list) and len(over) <= 100 and all(isinstance(x, str) for x in over)
            return None if ok else f"{where}: not a list of texts"
        return None if isinstance(over, str) else f"{where}: not a text"

    return walk(content, shipped, name)


class Wording:
    """The sentences and labels of one document, with ``common.json`` underneath."""

    def __init__(self, name: str, override_dir: Path | None = None) -> None:
        folder = resources_dir() / "documents"
        data = _merge(_load_shipped(folder / "common.json"), _load_shipped(folder / f"{name}.json"))
        override_dir = override_dir or _OVERRIDE_DIR.get()
        if override_dir is not None:
            for extra in (override_dir / "common.json", override_dir / f"{name}.json"):
                if extra.is_file():
                    data = _merge(data, _load_township(extra))
        self.data = data

    def __getitem__(self, key: str) -> str:
        value = self.data
        for part in key.split("."):
            value = value[part]
        if not isinstance(value, str):
            raise KeyError(key)
        return value

    def fmt(self, key: str, **params: object) -> str:
        """The sentence ``key`` with its named placeholders filled."""
        return self[key].format(**params)

    def date(self, day: dt.date | None) -> str:
        """A date in Chinese form, 2026年11月22日; blanks to fill by hand when unknown."""
        if day is None:
            return self["blank_date"]
        return self.fmt("date_format", year=day.year, month=day.month, day=day.day)

    def sex(self, value: str | None) -> str:
        if not value:
            return ""
        return self.data["sex"].get(value, value)  # type: ignore[no-any-return]
