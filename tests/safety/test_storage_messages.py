"""Plain words at the storage boundary (issue 15, class 9): a read-only data folder or database, and a full
disk during a restore, are each one line in Chinese (English with --lang en), never 「程序出错了：
OperationalError」 or the operating system's English, and a failed restore leaves nothing behind.

The tests run as root, for whom a mode of 0500 stops nothing: the read-only cases run the program as the
``nobody`` user (setpriv) or inside a read-only bind mount (unshare), so SQLite really meets a folder it
cannot write; the full disk is the fault harness's LD_PRELOAD shim failing every write with ENOSPC."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from cli_runner import INIT, run

ROOT = Path(__file__).resolve().parents[2]
READ_ONLY_ZH = "数据文件夹或数据库文件是只读的"
READ_ONLY_EN = "The data folder or the database file is read-only"


def _as(user_cmd: list[str], data: Path, *args: str, lang: str = "zh") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MEDIATION_DESKTOP_LANG": lang, "PYTHONPATH": str(ROOT),
           "MEDIATION_DESKTOP_CACHE": str(data.parent / "cache")}
    env.pop("MEDIATION_DESKTOP_DATA_DIR", None)
    return subprocess.run([*user_cmd, sys.executable, "-m", "mediation_desktop", "--data-dir", str(data), *args],
                          capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)


def _nobody() -> list[str] | None:
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("setpriv") is None:
        return None
    try:
        import pwd

        entry = pwd.getpwnam("nobody")
    except (ImportError, KeyError):
        return None
    return ["setpriv", f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--clear-groups"]


@pytest.fixture
def shared_tmp():
    """A folder the ``nobody`` user can reach (pytest's own tmp_path is root's only)."""
    folder = Path(tempfile.mkdtemp(prefix="mediation-ro-"))
    os.chmod(folder, 0o755)
    yield folder
    subprocess.run(["chmod", "-R", "u+rwX", str(folder)], check=False)
    shutil.rmtree(folder, ignore_errors=True)


def _village(folder: Path) -> Path:
    data = folder / "data"
    assert run(data, *INIT, stdin="secret123\n").returncode == 0
    assert run(data, "demo", "--cases", "3").returncode == 0
    (folder / "cache").mkdir()
    return data


@pytest.mark.skipif(_nobody() is None, reason="needs root, setpriv and a 'nobody' user to meet a real read-only "
                    "folder (root writes through any mode)")
@pytest.mark.parametrize("what", ["folder", "database"])
def test_a_read_only_data_folder_or_database_is_one_plain_line(shared_tmp: Path, what: str):
    user = _nobody()
    assert user is not None
    reach = subprocess.run([*user, sys.executable, "-c", "import mediation_desktop"], capture_output=True, text=True,
                           cwd=ROOT, timeout=60)
    if reach.returncode != 0:  # (a clone in a folder only root may enter, as mktemp -d makes: not the program's doing)
        pytest.skip(f"the 'nobody' user cannot run the program from {ROOT}: {reach.stderr.strip()[-80:]}")
    data = _village(shared_tmp)
    subprocess.run(["chown", "-R", "nobody", str(shared_tmp)], check=True)
    before = (data / "mediation.sqlite3").read_bytes()
    os.chmod(data / "mediation.sqlite3" if what == "database" else data, 0o400 if what == "database" else 0o500)
    for args in (("demo", "--cases", "2"), ("backup", "--no-second-folder")):  # both write to the database
        for lang, expected in (("zh", READ_ONLY_ZH), ("en", READ_ONLY_EN)):
            r = _as(user, data, *args, lang=lang)
            assert r.returncode == 1, r.stdout
            lines = r.stderr.strip().splitlines()
            assert len(lines) == 1 and "Traceback" not in r.stderr and "OperationalError" not in r.stderr, r.stderr
            assert expected in lines[0] or ("不能写入" if lang == "zh" else "Cannot write") in lines[0], lines
    assert (data / "mediation.sqlite3").read_bytes() == before


@pytest.mark.skipif(not sys.platform.startswith("linux") or os.geteuid() != 0 or shutil.which("unshare") is None,
                    reason="a read-only bind mount needs Linux, root and unshare")
def test_a_data_folder_on_a_read_only_mount_is_one_plain_line(shared_tmp: Path):
    data = _village(shared_tmp)
    script = (f'mount --bind "{data}" "{data}" && mount -o remount,bind,ro "{data}" && '
              f'"{sys.executable}" -m mediation_desktop --data-dir "{data}" demo --cases 2')
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MEDIATION_DESKTOP_LANG": "zh"}
    env.pop("MEDIATION_DESKTOP_DATA_DIR", None)
    r = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, env=env, cwd=ROOT,
                       timeout=120)
    if "mount:" in r.stderr:
        pytest.skip("this machine does not allow mounts in a new namespace: " + r.stderr.strip()[:80])
    assert r.returncode == 1
    assert r.stderr.strip().splitlines() == [r.stderr.strip()] and (READ_ONLY_ZH in r.stderr or "只读" in r.stderr)


def test_the_window_says_it_too(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, qapp):
    import sqlite3

    from PySide6.QtWidgets import QMessageBox
    from sqlalchemy.exc import OperationalError

    from mediation_desktop import app
    from mediation_desktop.paths import DataPaths
    from mediation_desktop.storage import database

    def read_only(*_a, **_k):
        raise OperationalError("PRAGMA journal_mode = WAL", {}, sqlite3.OperationalError("attempt to write a readonly "
                                                                                        "database"))

    shown: list[str] = []
    monkeypatch.setattr(database, "open_database", read_only)
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda _p, _t, text: shown.append(text)))
    assert app.run_gui(DataPaths(tmp_path / "data"), None) == 1
    assert len(shown) == 1 and READ_ONLY_ZH in shown[0]


# --- a full disk during a restore ---------------------------------------------------------------------------

_RESTORE_UNDER_FAULT = """
import ctypes, sys
sys.path.insert(0, {bench!r})
lib = ctypes.CDLL({shim!r})
from mediation_desktop import cli
lib.fault_arm(ctypes.c_long({after}), {err}, 1, 3)
code = cli.main(sys.argv[1:])
lib.fault_disarm()
sys.exit(code)
"""


_FULL_DISK = pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("cc") is None,
                                reason="the fault shim needs Linux (LD_PRELOAD) and a C compiler")


@pytest.fixture(scope="module")
def _village_with_a_backup(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A village with 20 cases, a plain backup of them inside its data folder, then 3 more cases: made once
    for the module (each test restores into its own copy)."""
    folder = tmp_path_factory.mktemp("full-disk")
    data = folder / "data"
    # what tests/conftest.py's per-test environment says, for this module-wide set-up: the director signs in
    env = {"MEDIATION_DESKTOP_USER": "admin", "MEDIATION_DESKTOP_PASSWORD": "secret123",
           "MEDIATION_DESKTOP_CACHE": str(folder / "cache")}
    assert run(data, *INIT, stdin="secret123\n", env=env).returncode == 0
    assert run(data, "demo", "--cases", "20", env=env).returncode == 0
    # inside the data folder: plain
    assert run(data, "backup", "--out", str(data / "copy.zip"), env=env).returncode == 0
    assert run(data, "demo", "--cases", "3", "--seed", "7", env=env).returncode == 0
    return data


@_FULL_DISK
@pytest.mark.parametrize(("after", "lang"), [(0, "zh"), (12, "en"), (40, "zh"), (150, "zh"), (150, "en")])
def test_a_full_disk_during_a_restore_is_one_line_and_leaves_nothing_behind(tmp_path: Path, after: int, lang: str,
                                                                            _village_with_a_backup: Path):
    sys.path.insert(0, str(ROOT / "bench"))
    from fault_harness import SHIM_ENV, build_shim

    shim = build_shim()
    data = tmp_path / "data"
    shutil.copytree(_village_with_a_backup, data)
    archive = data / "copy.zip"
    before = run(data, "cases", "--json").stdout
    assert len(json.loads(before)) == 23
    names_before = {p.name for p in data.rglob("*")}
    script = tmp_path / "restore_under_fault.py"
    script.write_text(_RESTORE_UNDER_FAULT.format(bench=str(ROOT / "bench"), shim=str(shim), after=after,
                                                  err=errno.ENOSPC))
    env = {**os.environ, "LD_PRELOAD": str(shim), SHIM_ENV: str(shim), "PYTHONPATH": str(ROOT),
           "MEDIATION_DESKTOP_LANG": lang}
    env.pop("MEDIATION_DESKTOP_DATA_DIR", None)
    r = subprocess.run([sys.executable, str(script), "--data-dir", str(data), "restore", str(archive)],
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert r.returncode == 1, r.stdout + r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr and "Errno" not in r.stderr, r.stderr
    if lang == "zh":
        assert "磁盘已满" in lines[0] and not any(w in lines[0] for w in ("No space", "disk is full")), lines[0]
    else:
        assert "disk is full" in lines[0].lower() or "The disk is full" in lines[0], lines[0]
    left = {p.name for p in data.rglob("*")} - names_before
    leftovers = [n for n in left if n.endswith((".tmp", ".partial", "-journal")) or n.startswith((".restore", ".plain"))
                 or n.startswith(("before-restore-", "damaged-"))]
    assert leftovers == [], leftovers
    assert run(data, "cases", "--json").stdout == before  # nothing restored, nothing lost
    assert run(data, "check").returncode == 0
