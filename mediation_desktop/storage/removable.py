"""Is a path on removable media (a USB stick)? The live database must never be kept there."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _existing_ancestor(path: Path) -> Path:
    path = path.absolute()
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _linux_is_removable(path: Path, sys_root: Path) -> bool:
    st = os.stat(_existing_ancestor(path))
    major, minor = os.major(st.st_dev), os.minor(st.st_dev)
    dev = sys_root / "dev" / "block" / f"{major}:{minor}"
    try:
        device = dev.resolve(strict=True)
    except OSError:
        return False  # virtual file systems (tmpfs, overlay) have no block device
    # A partition's own folder has no "removable"; its parent disk does.
    for candidate in (device, device.parent):
        flag = candidate / "removable"
        if flag.is_file():
            try:
                return flag.read_text(encoding="ascii", errors="replace").strip() == "1"
            except OSError:
                return False
    return False


def _windows_is_removable(path: Path) -> bool:  # pragma: no cover - exercised on Windows only
    import ctypes

    drive = os.path.splitdrive(str(path.absolute()))[0]
    if not drive:
        return False
    drive_removable = 2  # DRIVE_REMOVABLE
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    return bool(kernel32.GetDriveTypeW(drive + "\\") == drive_removable)


def is_removable(path: Path, *, sys_root: Path = Path("/sys")) -> bool:
    """True when ``path`` lies on a removable drive. Unknown platforms and errors answer False."""
    try:
        if sys.platform.startswith("win"):
            return _windows_is_removable(path)
        if sys.platform.startswith("linux"):
            return _linux_is_removable(path, sys_root)
    except OSError:
        return False
    return False
