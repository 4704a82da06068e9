"""The frozen Linux program: build it with packaging/build.sh, then smoke-test it offscreen with
packaging/smoke.sh (start, demo database, agreement PDF, window, export/import) and install, upgrade and
uninstall it for a user — the data folder must survive all three. Slow (a build is about a minute on
two cores); run with ``pytest -m slow tests/packaging``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "MediationDesktop"
BUDGET_BYTES = 100_000_000

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle is built on Linux"),
]


@pytest.fixture(scope="module")
def build() -> dict[str, object]:
    pytest.importorskip("PyInstaller")
    env = {**os.environ, "PYTHON": sys.executable}
    result = subprocess.run(["bash", str(ROOT / "packaging" / "build.sh")], capture_output=True, text=True,
                            env=env, cwd=ROOT, timeout=1800)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    line = next(x for x in result.stdout.splitlines() if x.startswith("BUILD "))
    print(result.stdout)  # build time and sizes, for the report (pytest -s)
    return json.loads(line[6:])  # type: ignore[no-any-return]


def test_bundle_is_within_budget_and_carries_its_resources(build: dict[str, object]) -> None:
    assert isinstance(build["targz_bytes"], int) and build["targz_bytes"] <= BUDGET_BYTES
    internal = BUNDLE / "_internal"
    assert sorted(p.name for p in (internal / "resources" / "translations").glob("*.qm"))
    assert (internal / "resources" / "fonts" / "arphic-uming.ttc").is_file()
    assert (internal / "resources" / "documents" / "agreement.json").is_file()
    versions = internal / "mediation_desktop" / "storage" / "migrations" / "versions"
    shipped = {p.name for p in versions.glob("*.py")}
    source = {p.name for p in (ROOT / "mediation_desktop" / "storage" / "migrations" / "versions").glob("*.py")}
    assert shipped == source
    qt = {p.name for p in (internal / "PySide6").glob("Qt*.abi3.so")}
    assert not any("WebEngine" in n or "Quick" in n or "Qml" in n for n in qt), qt


def test_smoke(build: dict[str, object]) -> None:
    result = subprocess.run(["bash", str(ROOT / "packaging" / "smoke.sh"), str(BUNDLE)], capture_output=True,
                            text=True, timeout=900)
    print(result.stderr)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    assert result.stdout.strip().splitlines()[-1].startswith("SMOKE OK")


def test_install_upgrade_uninstall_keep_the_data(build: dict[str, object], tmp_path: Path) -> None:
    home = tmp_path / "home"
    data = home / ".local" / "share" / "MediationDesktop"
    data.mkdir(parents=True)
    (data / "mediation.sqlite3").write_bytes(b"precious")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "INSTALL_SCOPE": "user"}  # even as root (CI)
    unpacked = tmp_path / "unpacked"
    shutil.copytree(BUNDLE, unpacked, symlinks=True)
    for _ in ("install", "upgrade in place"):
        done = subprocess.run(["bash", str(unpacked / "install.sh")], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert (home / ".local" / "bin" / "mediation-desktop").exists()
        assert (home / ".local" / "share" / "applications" / "mediation-desktop.desktop").is_file()
        version = subprocess.run([str(home / ".local" / "bin" / "mediation-desktop"), "--version"], env=env,
                                 capture_output=True, text=True)
        assert version.returncode == 0 and "mediation-desktop" in version.stdout
    done = subprocess.run(["bash", str(unpacked / "install.sh"), "--uninstall"], env=env, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    assert not (home / ".local" / "opt" / "mediation-desktop").exists()
    assert (data / "mediation.sqlite3").read_bytes() == b"precious"
