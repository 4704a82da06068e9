"""Benchmark: the window's first paint and a usable case list with many cases (budgets ≤ 2 × a bare
PySide6 window, and ≤ 1.5 s for the list), plus resident memory.

    .venv/bin/python bench/case_list_open.py --data-dir DIR   # a folder with demo cases (e.g. 100,000)

Each figure runs in a fresh process; the same-run baseline is a bare QWidget shown and painted (its
time, and its resident memory for the memory figure). ``--exe`` times the start of a frozen build
(dist/MediationDesktop/mediation-desktop) as well. Prints each figure as a ``BENCH {json}`` line too.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run_all import emit

BARE = """
import time, json; t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([]); w = QWidget(); w.resize(1100, 700); w.show(); app.processEvents(); w.grab()
import resource
print(json.dumps({"paint": time.perf_counter() - t0,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
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


def real_start(data_dir: str, exe: str | None = None) -> float:
    """``mediation-desktop gui`` as a user starts it (or the frozen ``exe``): wall-clock seconds from starting
    the process until the program reports its first window painted (interpreter start included)."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "MEDIATION_DESKTOP_TIMING": "1", "MEDIATION_DESKTOP_SMOKE": "1"}
    command = [exe] if exe else [sys.executable, "-m", "mediation_desktop"]
    return wall_until([*command, "--data-dir", data_dir, "gui"], env, "timing first window painted:")


def bare_start() -> float:
    """The baseline the same way: wall-clock seconds from starting a process until a bare window is painted."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    return wall_until([sys.executable, "-c", BARE], env, "{")


def wall_until(command: list[str], env: dict[str, str], marker: str) -> float:
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    assert proc.stdout is not None
    seen, output = None, []
    for line in proc.stdout:
        output.append(line)
        if seen is None and line.startswith(marker):
            seen = time.perf_counter() - started
    if proc.wait() != 0 or seen is None:
        raise RuntimeError("".join(output[-20:]))
    return seen


def median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--exe", help="also time the start of this frozen program")
    a = ap.parse_args()
    bares = [run(BARE) for _ in range(a.runs)]
    bare = median([bare_start() for _ in range(a.runs)])
    bare_rss = median([b["rss_mb"] for b in bares])
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
    print(f"{'memory, resident (max)':<44}{rss:>8.0f}MB{300:>8.0f}MB{bare_rss:>8.0f}MB{'':>8}  {verdict}")
    print("baseline = a bare PySide6 QWidget shown and painted in a fresh process, same run; start times are wall "
          "clock from process start to first paint; medians of", a.runs)
    emit("first window painted", paint, "s", 2 * bare, bare, note="budget 2 × bare PySide6 window")
    emit(f"case list usable after sign-in ({rows:,} cases)", listed, "s", 1.5, bare,
         note="baseline: bare window paint")
    emit(f"memory, resident, case list open ({rows:,} cases)", rss, "MB", 300, bare_rss,
         note="baseline: bare window")
    if a.exe:
        frozen = median([real_start(a.data_dir, a.exe) for _ in range(a.runs)])
        print(f"frozen build, first window painted: {frozen:.2f} s (python -m: {paint:.2f} s)")
        emit("first window painted, frozen build", frozen, "s", 2 * bare, bare, note="budget 2 × bare window")


if __name__ == "__main__":
    main()
