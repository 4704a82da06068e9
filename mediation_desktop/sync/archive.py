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


def keep(paths: DataPaths, bundle_id: uuid.UUID, data: bytes) -> None:
    target = path_for(paths, bundle_id)
    if target.exists() and target.stat().st_size == len(data):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, data)


def read(paths: DataPaths, bundle_id: uuid.UUID) -> bytes:
    target = path_for(paths, bundle_id)
    try:
        return target.read_bytes()
    except OSError:
        raise SyncError("sync.file_missing", path=str(target)) from None
