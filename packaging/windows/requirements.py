"""Print the Windows program's requirements, one a line: pyproject.toml's dependencies with the test and
build extras, and the packages those need only on Windows (``pip download --platform win_amd64`` on
Linux judges environment markers by Linux, so it would leave them out).

    python3 packaging/windows/requirements.py
"""

import tomllib
from pathlib import Path

# what pytest, PyInstaller and hypothesis require on Windows only (markers sys_platform == "win32");
# tzdata: Windows has no time-zone database of its own for zoneinfo
WINDOWS_ONLY = ["colorama", "pefile", "pywin32-ctypes", "tzdata"]
# tools of the Linux lane that the Windows lane does not run (lint runs once, on Linux)
LINUX_ONLY = {"ruff", "mypy"}

project = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8"))["project"]
wanted = [*project["dependencies"], *project["optional-dependencies"]["test"],
          *project["optional-dependencies"]["build"], *WINDOWS_ONLY]
seen = set()
for requirement in wanted:
    name = requirement.split(">")[0].split("<")[0].split("=")[0].split("[")[0].strip().lower()
    if name in LINUX_ONLY or requirement in seen:
        continue
    seen.add(requirement)
    print(requirement)
