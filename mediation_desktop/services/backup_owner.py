"""Whose a backup in a list is: the committee an archive names (its manifest, or an encrypted one's readable
header), so the 数据备份 window and ``backup --list`` can tell another committee's archive or a damaged file
from this committee's own before anyone tries to restore it (a restore checks it all again and refuses)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mediation_desktop.errors import MediationError

if TYPE_CHECKING:
    from mediation_desktop.storage.database import Database


@dataclass(frozen=True)
class Owner:
    org_code: str
    org_name: str


_SEEN: dict[tuple[str, int, int], Owner | None] = {}
"""Owners already read, by path, size and modification time (the window looks at the list every ten minutes)."""


def whose(path: Path) -> Owner | None:
    """The committee ``path`` says it is a backup of; None when it cannot be read as a backup (cut short,
    damaged, not one). Only what the archive says of itself: nothing is verified here."""
    try:
        seen = path.stat()
    except OSError:
        return None
    key = (str(path.absolute()), seen.st_size, seen.st_mtime_ns)
    if key not in _SEEN:
        _SEEN[key] = _read(path)
    return _SEEN[key]


def _read(path: Path) -> Owner | None:
    from mediation_desktop.storage.backup import read_manifest
    from mediation_desktop.storage.sealed import SealedError, header_of, is_sealed

    try:
        said = (header_of(path) if is_sealed(path) else read_manifest(path)).get("installation")
    except (MediationError, SealedError, OSError, KeyError, TypeError, ValueError, AttributeError):
        return None
    if not isinstance(said, dict) or not isinstance(said.get("org_code"), str):
        return None
    name = said.get("org_name")
    return Owner(said["org_code"], "".join(ch for ch in name if ch.isprintable())[:60] if isinstance(name, str) else "")


def note(path: Path, own_code: str | None) -> tuple[str, dict[str, str]] | None:
    """A message key (with its values) for an archive that is not plainly this committee's: another committee's,
    or one that cannot be read; None for this committee's own."""
    owner = whose(path)
    if owner is None:
        return "backup.list_unreadable", {}
    if own_code is not None and owner.org_code != own_code:
        return "backup.list_other", {"org": owner.org_name or owner.org_code, "code": owner.org_code}
    return None


def own_org_code(db: Database) -> str | None:
    """This installation's committee code (None: not set up yet)."""
    from sqlalchemy import select

    from mediation_desktop.storage.models import Installation

    with db.read_session() as s:
        return s.scalar(select(Installation.org_code).limit(1))
