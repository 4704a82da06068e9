"""Where a file dialog opens: on a USB stick when one is plugged in (bundles and receipts travel on it), else in
the user's Documents (or home) folder — never in the program's own folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QStorageInfo

from mediation_desktop.domain.china_time import china_today
from mediation_desktop.storage.database import Database


def _removable_windows(root: str) -> bool:
    import ctypes

    return bool(ctypes.windll.kernel32.GetDriveTypeW(root) == 2)  # type: ignore[attr-defined]  # DRIVE_REMOVABLE


def removable_drives() -> list[Path]:
    """The mounted removable drives (USB sticks), writable ones only."""
    found = []
    for volume in QStorageInfo.mountedVolumes():
        if not volume.isValid() or not volume.isReady() or volume.isReadOnly():
            continue
        root = volume.rootPath()
        if sys.platform == "win32":
            removable = _removable_windows(root)
        else:  # udisks mounts sticks under /media/<user>/… or /run/media/<user>/…
            removable = root.startswith(("/media/", "/run/media/"))
        if removable and os.access(root, os.W_OK):
            found.append(Path(root))
    return found


def documents_folder() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder and Path(folder).is_dir() else Path.home()


def carry_folder() -> Path:
    """Where to put or look for a file that travels between computers: a stick if there is one."""
    sticks = removable_drives()
    return sticks[0] if sticks else documents_folder()


def start_in(file_name: str = "") -> str:
    """A file dialog's starting point: the stick or Documents, with ``file_name`` suggested there (a bare name
    would open in the folder the program was started from)."""
    return str(carry_folder() / file_name) if file_name else str(carry_folder())


def bundle_path(db: Database) -> Path:
    """A new bundle's suggested path: on the stick (else in Documents), named by this unit and today
    (石桥村-2026-12-05.zip; -2, -3 … when that file is already there)."""

    from sqlalchemy import select

    from mediation_desktop.storage.models import Installation
    from mediation_desktop.sync.file_names import bundle_file_name, free_path

    with db.read_session() as s:
        org_name = s.scalar(select(Installation.org_name)) or ""
    return free_path(carry_folder(), bundle_file_name(org_name, china_today()))
