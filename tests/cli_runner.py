"""Running the real ``mediation-desktop`` command in a subprocess, for the CLI tests.

It signs in as the tests' director through ``MEDIATION_DESKTOP_USER`` / ``MEDIATION_DESKTOP_PASSWORD``, which
``tests/conftest.py`` sets for every test (``env`` may say otherwise: another user, or an empty one for none)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run(data: Path, *args: str, stdin: str = "", lang: str = "zh", env: dict[str, str] | None = None):
    full_env = {**os.environ, "MEDIATION_DESKTOP_LANG": lang, **(env or {})}
    full_env.pop("MEDIATION_DESKTOP_DATA_DIR", None)
    return subprocess.run([sys.executable, "-m", "mediation_desktop", "--data-dir", str(data), *args],
                          input=stdin, capture_output=True, text=True, encoding="utf-8", env=full_env, timeout=120)


INIT = ("init", "--org-code", "330102001", "--org-name", "石桥村人民调解委员会", "--level", "village",
        "--parent-code", "330102", "--admin", "admin", "--password-stdin")
