"""Where the data lives: the user data folder, unless ``--data-dir`` or the environment says otherwise."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

DATA_DIR_ENV = "MEDIATION_DESKTOP_DATA_DIR"
DATABASE_URL_ENV = "MEDIATION_DESKTOP_DATABASE_URL"
DB_FILENAME = "mediation.sqlite3"

# What the program keeps in the data folder: no user-chosen output (``--out``, a save dialog, a receipts
# folder) may land on one of these, nor replace the data folder itself (F1/F2 of issue 15).
KEPT_FOLDERS = frozenset({"keys", "backups", "drafts", "logs", "files", "bundles", "documents",
                          "previews"})
KEPT_FILES = frozenset({DB_FILENAME, f"{DB_FILENAME}-wal", f"{DB_FILENAME}-shm", f"{DB_FILENAME}-journal",
                        "audit-head.json"})


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

    def keeps(self, path: str | os.PathLike[str]) -> bool:
        """Whether ``path`` (after symlinks and ``..``; letter case, trailing dots and spaces and ``:stream``
        suffixes ignored, as Windows and macOS do) is the data folder, a file the program keeps at its top,
        or anything inside one of its kept folders."""
        target = _comparable(Path(path))
        root = _comparable(self.root)
        if target == root:
            return True
        if target[: len(root)] != root:
            return False
        rest = target[len(root):]
        return rest[0] in KEPT_FOLDERS or (len(rest) == 1 and rest[0] in KEPT_FILES)

    def refuse_own_file(self, path: str | os.PathLike[str]) -> None:
        """Refuse (``storage.own_file``) to write a user-chosen output onto what the program keeps."""
        if self.keeps(path):
            from mediation_desktop.errors import MediationError

            raise MediationError("storage.own_file", path=str(path), folder=str(self.root))


def _comparable(path: Path) -> tuple[str, ...]:
    """The path's parts as the file system compares them, the most forgiving way any platform does."""
    try:
        resolved = path.expanduser().resolve()
    except (OSError, RuntimeError):  # a symlink loop: compare what was given
        resolved = path.expanduser().absolute()
    return tuple(part.split(":", 1)[0].rstrip(". ").casefold() if i else part.casefold()
                 for i, part in enumerate(resolved.parts))


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


def foreign_entries(root: Path) -> list[str]:
    """What an existing folder holds that this program never keeps there, when it holds no database of the
    program's (empty: the folder is new, empty, or the program's own). A data folder chosen on the command line or
    in the environment that holds anything else (``/etc``, the user's documents, a drive's root) is not made private,
    filled or opened: the program would take every permission but the owner's from all of it."""
    try:
        if not root.is_dir() or (root / DB_FILENAME).exists():
            return []
        names = sorted(os.listdir(root))
    except OSError:
        return []
    return [n for n in names if n not in KEPT_FOLDERS and n not in KEPT_FILES]


def refuse_foreign_folder(root: Path) -> None:
    """Refuse (``db.foreign_folder``) a data folder that holds what the program never keeps there
    (:func:`foreign_entries`), before anything is written into it or made private."""
    foreign = foreign_entries(root)
    if foreign:
        from mediation_desktop.errors import ForeignFolder

        raise ForeignFolder(str(root), foreign)


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
