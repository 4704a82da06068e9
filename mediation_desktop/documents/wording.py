"""Document wording as data: ``resources/documents/<name>.json``, which a township may adjust.

A township's own copy (``<data dir>/documents/<name>.json``, passed as ``override_dir``) is laid over
the shipped wording key by key, so it only needs the sentences it changes.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any

from mediation_desktop.paths import resources_dir


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


@functools.cache
def _load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        data = json.load(f)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: wording must be a JSON object")
    return data


class Wording:
    """The sentences and labels of one document, with ``common.json`` underneath."""

    def __init__(self, name: str, override_dir: Path | None = None) -> None:
        folder = resources_dir() / "documents"
        data = _merge(_load(folder / "common.json"), _load(folder / f"{name}.json"))
        if override_dir is not None:
            for extra in (override_dir / "common.json", override_dir / f"{name}.json"):
                if extra.is_file():
                    data = _merge(data, _load(extra))
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
