"""Where the data lives: the user data folder, unless ``--data-dir`` or the environment says otherwise."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

DATA_DIR_ENV = "MEDIATION_DESKTOP_DATA_DIR"
DATABASE_URL_ENV = "MEDIATION_DESKTOP_DATABASE_URL"
DB_FILENAME = "mediation.sqlite3"


@dataclass(frozen=True)
class DataPaths:
    """The data folder and what lives in it."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / DB_FILENAME

    @property
    def files(self) -> Path:
        return self.root / "files"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def drafts(self) -> Path:
        return self.root / "drafts"

    def sqlite_url(self) -> str:
        return f"sqlite:///{self.database}"


RESOURCES_ENV = "MEDIATION_DESKTOP_RESOURCES"


def resources_dir() -> Path:
    """The shipped ``resources/`` folder (fonts, translations, document wording): beside the package, inside a
    frozen bundle, or where ``MEDIATION_DESKTOP_RESOURCES`` says."""
    override = os.environ.get(RESOURCES_ENV)
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    return Path(frozen) / "resources" if frozen else Path(__file__).resolve().parent.parent / "resources"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("MediationDesktop", appauthor=False, roaming=False))


CACHE_ENV = "MEDIATION_DESKTOP_CACHE"


def cache_dir() -> Path:
    """Where derived, rebuildable files go (e.g. parsed fonts): ``MEDIATION_DESKTOP_CACHE`` or the user cache."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("MediationDesktop", appauthor=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> DataPaths:
    """``--data-dir`` first, then ``MEDIATION_DESKTOP_DATA_DIR``, then the platform's user data folder."""
    if explicit:
        root = Path(explicit)
    elif os.environ.get(DATA_DIR_ENV):
        root = Path(os.environ[DATA_DIR_ENV])
    else:
        root = default_data_dir()
    return DataPaths(root.expanduser().absolute())


def resolve_database_url(explicit: str | None = None) -> str | None:
    """``--database-url`` first, then ``MEDIATION_DESKTOP_DATABASE_URL``; None means SQLite in the folder."""
    return explicit or os.environ.get(DATABASE_URL_ENV) or None
