"""Tests that cannot apply on Windows skip with the platform fact as the reason (issue 16).

``packaging/dev.sh test-windows`` runs the suite under a Windows CPython (Wine); every skip there names
what Windows lacks. Nothing else may skip on Windows: a portability bug is fixed, not skipped.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest

WINDOWS = sys.platform == "win32"

NO_FORK = "Windows has no fork() and no SIGKILL: the harness forks a writer and kills it mid-write"
NO_LD_PRELOAD = "Windows has no LD_PRELOAD: the fault shim is a Linux shared library preloaded into the program"
NO_SYSFS = "Windows has no /sys and no os.major(): this is the Linux removable-drive check (sysfs)"
NO_BASH = "Windows has no bash: the Linux packaging scripts run on Linux (the Windows lane runs them there too)"
NO_POPPLER = "Windows has no pdftoppm, pdffonts or zbarimg (Debian's poppler-utils and zbar-tools)"
ALWAYS_A_DISPLAY = ("Windows always has a display (Qt's windows platform): the no-display message is for Linux "
                    "without X11 or Wayland")
NO_TZSET = ("Windows has no time.tzset(): a process cannot change its own time zone (TZ is read once, at start, "
            "and only in the C runtime's own syntax)")
NO_FOLLOWED_SYMLINK = ("no symbolic link this Windows follows: Windows makes one only with the symlink right "
                       "(Developer Mode or an administrator), and Wine 8 makes one that neither it nor Python then "
                       "sees (exists() and is_symlink() both false)")
POSTGRES = ("no PostgreSQL server given (MEDIATION_TEST_PG_SERVER): Windows cannot start the test server, Debian's "
            "Linux binary; packaging/windows/test.sh starts one on Linux, on 127.0.0.1, and passes its URL")
NO_PG_DUMP = ("no pg_dump.exe in the Windows lane (on the PATH or in %ProgramFiles%\\PostgreSQL): PostgreSQL's "
              "Windows client programs come only with its Windows installer, which no package registry carries "
              "(the hub's upgrade without pg_dump is tested here; the dump itself in the Linux lane)")

no_tzset = pytest.mark.skipif(not hasattr(time, "tzset"), reason=NO_TZSET)
no_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason=NO_FORK)
no_bash = pytest.mark.skipif(WINDOWS, reason=NO_BASH)
no_sysfs = pytest.mark.skipif(WINDOWS, reason=NO_SYSFS)
always_a_display = pytest.mark.skipif(WINDOWS, reason=ALWAYS_A_DISPLAY)
no_poppler = pytest.mark.skipif(WINDOWS and shutil.which("pdftoppm") is None, reason=NO_POPPLER)


def need_pdftoppm() -> None:
    """Call where a test, its own checks done, goes on to render page images with pdftoppm."""
    if WINDOWS and shutil.which("pdftoppm") is None:
        pytest.skip(NO_POPPLER + " (the checks before the page images ran)")


def skip_postgres_on_windows(items: list[pytest.Item]) -> None:
    """conftest's collection hook: the tests marked ``postgres`` skip on Windows, naming why — unless a server
    was given from outside (``tests/pg_server.py``: ``MEDIATION_TEST_PG_SERVER``, over TCP)."""
    if WINDOWS and not os.environ.get("MEDIATION_TEST_PG_SERVER"):
        for item in items:
            if item.get_closest_marker("postgres"):
                item.add_marker(pytest.mark.skip(reason=POSTGRES))


def make_symlink(link: Path, target: Path) -> bool:
    """``link`` → ``target`` where this system makes symbolic links it follows; False where it does not
    (Windows without the right, Wine 8), for the test to say so with :data:`NO_FOLLOWED_SYMLINK`."""
    try:
        link.symlink_to(target, target_is_directory=target.is_dir())
    except OSError:
        return False
    return link.is_symlink() and link.exists()


def symlink_or_skip(link: Path, target: Path) -> None:
    """``link`` → ``target``, or the test skips naming why (see :func:`make_symlink`)."""
    if not make_symlink(link, target):
        pytest.skip(NO_FOLLOWED_SYMLINK)


NO_FIFO = "Windows has no named pipes in the file system (os.mkfifo): a pipe there is \\\\.\\pipe\\…, never a file name"
NO_DEVICE = ("no character device can be made here: os.mknod needs Linux and root (Windows has none in the file "
             "system: its devices, NUL and CON, are names the file system never holds)")


def fifo_or_skip(path: Path) -> Path:
    """A named pipe at ``path``, or the test skips naming why."""
    if not hasattr(os, "mkfifo"):
        pytest.skip(NO_FIFO)
    os.mkfifo(path)
    return path


def device_or_skip(path: Path) -> Path:
    """A character device at ``path`` that reads as nothing and swallows what is written (major 1, minor 3: the
    null device's numbers), or the test skips naming why."""
    import stat

    if not hasattr(os, "mknod") or not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip(NO_DEVICE)
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except OSError:  # (a container without the right to make devices)
        pytest.skip(NO_DEVICE)
    return path
