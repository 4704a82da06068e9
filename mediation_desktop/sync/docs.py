"""Write the JSON Schemas of the bundle format to ``docs/bundle-schema/``.

    python -m mediation_desktop.sync.docs [DIR]


A test compares the files with ``schema.all_schemas()``, so the documentation follows the code.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mediation_desktop.sync.schema import all_schemas


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, doc in all_schemas().items():
        path = folder / f"{name}.schema.json"
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for p in write(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/bundle-schema")):
        print(p)
