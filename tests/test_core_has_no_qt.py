"""The core never imports Qt: the GUI and the CLI are two thin clients of the same services."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "mediation_desktop"
CORE = ["domain", "storage", "services", "sync", "documents", "reports"]
CORE_MODULES = ["cli", "errors", "i18n", "paths"]


def _core_files() -> list[Path]:
    files = [PACKAGE / f"{m}.py" for m in CORE_MODULES]
    for folder in CORE:
        if (PACKAGE / folder).is_dir():
            files.extend((PACKAGE / folder).rglob("*.py"))
    return files


def test_no_core_module_imports_qt_statically():
    offenders = []
    for path in _core_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] in {"PySide6", "PyQt5", "PyQt6", "shiboken6"} or n.startswith("mediation_desktop.ui")
                   for n in names):
                offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_importing_the_core_loads_no_qt():
    modules = [f"mediation_desktop.{p.relative_to(PACKAGE).with_suffix('').as_posix().replace('/', '.')}"
               for p in _core_files() if p.name != "__init__.py" and "migrations" not in p.parts]
    code = ("import sys\n" + "".join(f"import {m}\n" for m in modules)
            + "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\nprint(bad)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
