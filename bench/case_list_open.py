"""Benchmark: the window's first paint and a usable case list with many cases (budgets ≤ 2 × a bare
PySide6 window, and ≤ 1.5 s for the list), plus resident memory.

    .venv/bin/python bench/case_list_open.py --data-dir DIR   # a folder with demo cases (e.g. 100,000)

Each figure runs in a fresh process; the same-run baseline is a bare QWidget shown and painted.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

BARE = """
import time, json; t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([]); w = QWidget(); w.resize(1100, 700); w.show(); app.processEvents(); w.grab()
print(json.dumps({"paint": time.perf_counter() - t0}))
"""

APP = """
import time, json, sys, pathlib, resource; t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication
app = QApplication([])
from mediation_desktop.paths import DataPaths
from mediation_desktop.storage.database import open_database
from mediation_desktop.services.accounts import Actor
from mediation_desktop.domain.enums import Role
from mediation_desktop.ui.main_window import MainWindow
db = open_database(DataPaths(pathlib.Path(sys.argv[1])))
w = MainWindow(db); w.show(); app.processEvents(); w.grab()
painted = time.perf_counter() - t0
t1 = time.perf_counter()
w.sign_in(Actor("admin", "admin", Role.DIRECTOR)); w.tabs.setCurrentIndex(1); app.processEvents(); w.grab()
listed = time.perf_counter() - t1
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"paint": painted, "list": listed, "rows": w.model.total(), "rss_mb": rss}))
"""


def run(code: str, *args: str) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def real_start(data_dir: str) -> float:
    """``mediation-desktop gui`` as a user starts it: seconds until the first window is painted."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "MEDIATION_DESKTOP_TIMING": "1", "MEDIATION_DESKTOP_SMOKE": "1"}
    out = subprocess.run([sys.executable, "-m", "mediation_desktop", "--data-dir", data_dir, "gui"],
                         capture_output=True, text=True, env=env, check=True)
    for line in out.stderr.splitlines():
        if line.startswith("timing first window painted:"):
            return float(line.rsplit(":", 1)[1])
    raise RuntimeError(out.stderr)


def median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", required=True)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    bare = median([run(BARE)["paint"] for _ in range(a.runs)])
    results = [run(APP, a.data_dir) for _ in range(a.runs)]
    paint = median([real_start(a.data_dir) for _ in range(a.runs)])
    listed = median([r["list"] for r in results])
    rss = median([r["rss_mb"] for r in results])
    rows = int(results[0]["rows"])
    print(f"{'figure':<44}{'value':>10}{'budget':>10}{'baseline':>10}{'ratio':>8}  verdict")
    print(f"{'first window painted (real start)':<44}{paint:>9.2f}s{2 * bare:>9.2f}s{bare:>9.2f}s"
          f"{paint / bare:>8.2f}  {'OK' if paint <= 2 * bare else 'MISSED'}")
    print(f"{f'case list usable after sign-in ({rows:,} cases)':<44}{listed:>9.2f}s{1.5:>9.2f}s{'':>10}{'':>8}  "
          f"{'OK' if listed <= 1.5 else 'MISSED'}")
    verdict = "OK" if rss <= 300 else "MISSED"
    print(f"{'memory, resident (max)':<44}{rss:>8.0f}MB{300:>8.0f}MB{'':>10}{'':>8}  {verdict}")
    print("baseline = a bare PySide6 QWidget shown and painted in a fresh process, same run; medians of", a.runs)


if __name__ == "__main__":
    main()
