"""Build the window's translations: ``python packaging/build_translations.py [--update]``.

Source strings are Chinese, in ``self.tr()`` calls under ``mediation_desktop/ui`` and in the Qt Designer
forms under ``forms/`` (a form's texts take its class name as context, like ``self.tr()`` in that class). The English
translations live in ``resources/translations/mediation_desktop_en.ts`` (Qt Linguist's format, to be
edited with ``pyside6-linguist``). ``--update`` first runs ``pyside6-lupdate`` to add new source strings
to the .ts file (keeping existing translations); the build compiles the .ts into the .qm the program
loads, and ``resources/translations/qt_zh_CN_supplement.ts`` (Qt's own strings that Qt's Chinese catalogue lacks)
into the .qm the Chinese window loads after Qt's. Run by ``packaging/dev.sh`` before the program or the tests start.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "mediation_desktop" / "ui"
FORMS = ROOT / "forms"
TS = ROOT / "resources" / "translations" / "mediation_desktop_en.ts"
# Qt's own strings its Chinese catalogue lacks (hand-kept; the Chinese window loads it after Qt's)
QT_SUPPLEMENT = ROOT / "resources" / "translations" / "qt_zh_CN_supplement.ts"


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if not found:
        raise SystemExit(f"{name} not found (it comes with PySide6)")
    return found


def update(ts: Path = TS) -> None:
    code = [p for p in UI.rglob("*.py") if "forms" not in p.relative_to(UI).parts]  # not the compiled forms
    sources = sorted(str(p.relative_to(ROOT)) for p in [*code, *FORMS.rglob("*.ui")])
    subprocess.run([_tool("pyside6-lupdate"), *sources, "-source-language", "zh_CN", "-target-language", "en",
                    "-locations", "none", "-no-obsolete", "-ts", str(ts)], cwd=ROOT, check=True, capture_output=True)


def build(ts: Path = TS) -> Path:
    """Compile ``ts`` into the .qm beside it. The .qm is replaced whole (compiled under another name, then
    renamed), never rewritten in place: a running program (or a test in another process) maps the .qm it loaded
    into memory, and a file truncated under that mapping kills the reader with SIGBUS."""
    qm = ts.with_suffix(".qm")
    # (the pid and a random part: two Wine prefixes building side by side give out the same Windows pids)
    partial = qm.with_name(f".{qm.name}.{os.getpid()}.{secrets.token_hex(4)}.partial")
    try:
        subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(partial)], check=True, capture_output=True)
        os.replace(partial, qm)
    finally:
        partial.unlink(missing_ok=True)
    return qm


if __name__ == "__main__":
    if "--update" in sys.argv:
        update()
    print(build())
    print(build(QT_SUPPLEMENT))
