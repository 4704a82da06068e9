"""Start-to-first-window time of a Mediation Desktop command, measured from outside the process.

    python3 packaging/windows/first_window.py LABEL -- COMMAND…   (COMMAND runs `… gui` with MEDIATION_DESKTOP_SMOKE=1)

Starts COMMAND with MEDIATION_DESKTOP_TIMING=1 and MEDIATION_DESKTOP_SMOKE=1 (the window paints, then
quits after 300 ms), and prints one line: ``FIRST-WINDOW LABEL {json}`` with the seconds from starting
the process to the program's "first window painted" line on stderr, and to its exit. Used by
packaging/windows/smoke.sh to put the Windows program under Wine next to the Linux program in the same
run; the numbers are wall-clock on a shared machine, not assertions. Exit status: COMMAND's, or 1 when
no first-window line came.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    label, sep, command = argv[0], argv[1], argv[2:]
    if sep != "--" or not command:
        raise SystemExit(__doc__)
    env = {**os.environ, "MEDIATION_DESKTOP_TIMING": "1", "MEDIATION_DESKTOP_SMOKE": "1"}
    started = time.perf_counter()
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env)
    assert proc.stderr is not None
    painted = None
    tail = []
    for raw in proc.stderr:
        line = raw.decode("utf-8", "replace").rstrip()
        tail = [*tail[-20:], line]
        if painted is None and "first window painted" in line:
            painted = time.perf_counter() - started
    rc = proc.wait(timeout=300)
    total = time.perf_counter() - started
    if rc != 0 or painted is None:
        print("\n".join(tail), file=sys.stderr)
    print("FIRST-WINDOW", label, json.dumps({"first_window_s": None if painted is None else round(painted, 2),
                                              "whole_run_s": round(total, 2), "exit": rc}), flush=True)
    return rc if rc != 0 else (0 if painted is not None else 1)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
