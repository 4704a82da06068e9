"""The plain, signed bundles a hub has applied, kept byte for byte in ``bundles/`` to forward them up."""

from __future__ import annotations

import uuid
from pathlib import Path

from mediation_desktop.paths import DataPaths
from mediation_desktop.storage.atomic import write_atomically
from mediation_desktop.sync.errors import SyncError


def folder(paths: DataPaths) -> Path:
    return paths.root / "bundles"


def path_for(paths: DataPaths, bundle_id: uuid.UUID) -> Path:
    return folder(paths) / f"{bundle_id.hex}.zip"


def keep(paths: DataPaths, bundle_id: uuid.UUID, data: bytes) -> bool:
    """Keep the bundle (before the import that applies it commits); True if this wrote the file."""
    target = path_for(paths, bundle_id)
    if target.exists() and target.stat().st_size == len(data):
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, data)
    return True


def forget(paths: DataPaths, bundle_ids: list[uuid.UUID]) -> None:
    """Remove bundles kept by an import that did not commit (stopped, or failed): none is left behind."""
    for bundle_id in bundle_ids:
        path_for(paths, bundle_id).unlink(missing_ok=True)


def read(paths: DataPaths, bundle_id: uuid.UUID) -> bytes:
    target = path_for(paths, bundle_id)
    try:
        return target.read_bytes()
    except OSError:
        raise SyncError("sync.file_missing", path=str(target)) from None
