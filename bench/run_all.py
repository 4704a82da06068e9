"""Run every benchmark and print one table: figure, value, budget, same-run baseline, verdict, change.

    .venv/bin/python bench/run_all.py [--quick] [--data-dir DIR] [--only NAME …]

Each benchmark is a script in this folder, run in its own process. Besides its human-readable output
it prints every figure as one line ``BENCH {json}`` (see :func:`emit`, which a script imports from
here: ``from run_all import emit``); this runner collects those lines. A script that is missing, fails
or prints no figure is a row saying so — never a crash of the runner.

The demo database is made once per run (the demo-generation benchmark makes it, at 100,000 cases, or
5,000 with ``--quick``) and handed to every script that takes ``--data-dir``. ``--data-dir DIR``
keeps it in DIR and reuses it on the next run (demo generation is then not measured again).

Results go to ``bench/results/latest-<cases>.json`` (gitignored); the previous file for the same case
count is the comparison: a figure more than 10 % worse than last time is flagged ``REGRESSED`` (compared
as value ÷ same-run baseline where both runs have one, so a busier machine does not look like a regression).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
FULL_CASES, QUICK_CASES = 100_000, 5_000
REGRESSION = 0.10  # worse than last time by more than this fraction → flagged
VERDICTS = ("ok", "missed", "not run")


# --- the protocol (imported by the bench scripts) -------------------------------------------------

def emit(figure: str, value: float | None, unit: str, budget: float | None, baseline: float | None = None,
         *, better: str = "lower", verdict: str | None = None, note: str | None = None) -> str:
    """Print one figure as ``BENCH {json}`` and return its verdict.

    ``budget`` is the limit in the figure's own unit (a ratio budget is converted by the caller, e.g.
    2 × the bare window); ``better`` says which way is good ("lower": time, memory; "higher": rates).
    ``value`` None means the figure could not be measured here (verdict "not run", say why in ``note``).
    """
    if verdict is None:
        if value is None:
            verdict = "not run"
        elif budget is None:
            verdict = "ok"
        else:
            verdict = "ok" if (value <= budget if better == "lower" else value >= budget) else "missed"
    record = {"figure": figure, "value": value, "unit": unit, "budget": budget, "baseline": baseline,
              "verdict": verdict, "better": better, "note": note}
    print("BENCH " + json.dumps(record, ensure_ascii=False), flush=True)
    return verdict


# --- the runner --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Bench:
    """One script, and the figures it should print (for the 'not run' rows when it cannot run)."""

    script: str
    expected: tuple[str, ...]
    makes_database: bool = False  # the demo benchmark: it creates the shared database
    timeout: float = 1800


BENCHES = (
    Bench("demo_throughput.py", ("demo generation",), makes_database=True),
    Bench("case_list_open.py", ("first window painted", "case list usable after sign-in", "memory, resident")),
    Bench("search_keystroke.py", ("search per keystroke",)),
    Bench("agreement_pdf.py", ("agreement PDF, warm", "first PDF in a fresh process", "first PDF in the window",
                               "LibreOffice .docx / warm PDF")),
    Bench("sync_throughput.py", ("export", "import (verify + apply + search index)", "no-change re-import speed-up")),
    Bench("report_100k.py", ("report over all cases",)),
    Bench("pg_hub.py", ("PostgreSQL hub: import", "PostgreSQL hub: search", "PostgreSQL hub: the year's report",
                        "PostgreSQL hub: today view", "PostgreSQL hub: case list"), timeout=4 * 3600),
    # power cuts and I/O faults on their own throwaway data folders (not the demo database)
    Bench("kill_harness.py", ("kill harness: kills survived undamaged", "kill harness: acknowledged saves lost",
                              "kill harness: records checked after kills", "kill harness: half-saved actions")),
    Bench("fault_harness.py", ("fault harness: I/O faults injected", "fault harness: unclean errors",
                               "fault harness: acknowledged saves lost",
                               "fault harness: damaged databases or backups",
                               "fault harness: records checked after faults")),
)
BUNDLE_BUDGET_MB = 100.0


@dataclass
class Row:
    script: str
    figure: str
    value: float | None
    unit: str
    budget: float | None
    baseline: float | None
    verdict: str
    better: str = "lower"
    note: str | None = None
    change: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"script": self.script, "figure": self.figure, "value": self.value, "unit": self.unit,
                "budget": self.budget, "baseline": self.baseline, "verdict": self.verdict, "better": self.better,
                "note": self.note}


def parse_bench_lines(script: str, text: str) -> list[Row]:
    """The ``BENCH {json}`` lines of a script's output; a malformed line becomes a 'not run' row."""
    rows = []
    for line in text.splitlines():
        if not line.startswith("BENCH "):
            continue
        try:
            r = json.loads(line[6:])
            verdict = str(r["verdict"])
            if verdict not in VERDICTS:
                raise ValueError(f"verdict {verdict!r}")
            rows.append(Row(script, str(r["figure"]), _num(r.get("value")), str(r.get("unit", "")),
                            _num(r.get("budget")), _num(r.get("baseline")), verdict,
                            str(r.get("better") or "lower"), r.get("note")))
        except (ValueError, KeyError, TypeError) as exc:
            rows.append(Row(script, f"(bad BENCH line: {exc})", None, "", None, None, "not run", note=line[:120]))
    return rows


def _num(x: object) -> float | None:
    return None if x is None else float(x)  # type: ignore[arg-type]


def script_options(path: Path) -> str:
    """The script's --help text, to pass only the options it knows (scripts by other hands vary)."""
    try:
        out = subprocess.run([sys.executable, str(path), "--help"], capture_output=True, text=True, timeout=120)
        return out.stdout
    except (OSError, subprocess.TimeoutExpired):
        return ""


def run_script(bench: Bench, args: list[str], echo: bool) -> tuple[list[Row], float]:
    path = HERE / bench.script
    if not path.exists():
        return [Row(bench.script, f, None, "", None, None, "not run", note="script missing") for f in bench.expected], 0
    started = time.perf_counter()
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH")]))}
    print(f"\n=== {bench.script} {' '.join(args)}", flush=True)
    try:
        proc = subprocess.Popen([sys.executable, str(path), *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True, env=env, cwd=HERE.parent)
        assert proc.stdout is not None
        lines = []
        for line in proc.stdout:
            lines.append(line)
            if echo and not line.startswith("BENCH "):
                print("    " + line, end="", flush=True)
        code = proc.wait(timeout=bench.timeout)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return [Row(bench.script, f, None, "", None, None, "not run", note=f"{type(exc).__name__}")
                for f in bench.expected], time.perf_counter() - started
    seconds = time.perf_counter() - started
    rows = parse_bench_lines(bench.script, "".join(lines))
    if code != 0 and not rows:
        tail = "".join(lines).strip().splitlines()[-1:] or [""]
        rows = [Row(bench.script, f, None, "", None, None, "not run", note=f"exit {code}: {tail[0][:100]}")
                for f in bench.expected]
    elif code != 0:
        rows.append(Row(bench.script, "(script exit status)", float(code), "", 0, None, "missed",
                        note="the script failed after printing some figures"))
    return rows, seconds


def bundle_rows() -> list[Row]:
    """The size of the last build in dist/ (``packaging/build.sh`` makes it; this runner does not build)."""
    archives = sorted((HERE.parent / "dist").glob("MediationDesktop-*-linux-x86_64.tar.gz"),
                      key=lambda p: p.stat().st_mtime)
    folder = HERE.parent / "dist" / "MediationDesktop"
    if not archives or not folder.is_dir():
        return [Row("packaging/build.sh", "bundle, tar.gz", None, "MB", BUNDLE_BUDGET_MB, None, "not run",
                    note="no build in dist/: bash packaging/build.sh")]
    packed = archives[-1].stat().st_size / 1e6
    unpacked = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6
    verdict = "ok" if packed <= BUNDLE_BUDGET_MB else "missed"
    return [Row("packaging/build.sh", "bundle, tar.gz", packed, "MB", BUNDLE_BUDGET_MB, None, verdict,
                note=f"{archives[-1].name}; {unpacked:.0f} MB unpacked")]


def compare(rows: list[Row], previous: dict[str, Any] | None) -> None:
    """Mark each figure with its change against the last run at the same case count.

    Where both runs have a same-run baseline the ratio value / baseline is compared, not the raw value:
    on a shared machine the load moves both together, and the ratio is what the budgets are about.
    """
    if not previous:
        return
    before = {(r["script"], r["figure"]): r for r in previous.get("rows", [])}
    for row in rows:
        old = before.get((row.script, row.figure))
        if not old or not old.get("value") or row.value is None:
            continue
        now, then, how = row.value, float(old["value"]), ""
        if row.baseline and old.get("baseline"):
            now, then, how = row.value / row.baseline, then / float(old["baseline"]), " (÷ baseline)"
        change = (now - then) / abs(then)
        worse = change > REGRESSION if row.better == "lower" else change < -REGRESSION
        row.change = f"{change:+.0%}{how}" + (" REGRESSED" if worse else "")


def fmt(x: float | None, unit: str) -> str:
    if x is None:
        return "-"
    if abs(x) >= 1000:
        text = f"{x:,.0f}"
    elif abs(x) >= 100:
        text = f"{x:.0f}"
    elif abs(x) >= 10:
        text = f"{x:.1f}"
    else:
        text = f"{x:.3g}"
    return f"{text} {unit}".strip()


def print_table(rows: list[Row]) -> None:
    headers = ("figure", "value", "budget", "baseline", "verdict", "vs last")
    table = []
    for r in rows:
        sign = "" if r.budget is None else ("≤ " if r.better == "lower" else "≥ ")
        budget = "-" if r.budget is None else sign + fmt(r.budget, r.unit)
        verdict = r.verdict.upper() if r.verdict != "ok" else "ok"
        note = f"  ({r.note})" if r.note else ""
        table.append((r.figure, fmt(r.value, r.unit), budget, fmt(r.baseline, r.unit), verdict, r.change + note))
    widths = [max(_width(str(row[i])) for row in [headers, *table]) for i in range(len(headers) - 1)]
    print()
    for row in [headers, *table]:
        cells = [str(c) + " " * (w - _width(str(c))) for c, w in zip(row[:-1], widths, strict=True)]
        print("  ".join(cells) + "  " + str(row[-1]))


def _width(text: str) -> int:
    """Display width: CJK characters take two columns in a terminal."""
    return sum(2 if re.match(r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]", ch) else 1
               for ch in text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help=f"{QUICK_CASES:,} cases instead of {FULL_CASES:,}")
    ap.add_argument("--cases", type=int, help="case count (overrides --quick)")
    ap.add_argument("--data-dir", help="keep the demo database here and reuse it next time")
    ap.add_argument("--only", nargs="*", help="run only these scripts (e.g. search_keystroke.py)")
    ap.add_argument("--quiet", action="store_true", help="do not echo the scripts' own output")
    args = ap.parse_args()
    cases = args.cases or (QUICK_CASES if args.quick else FULL_CASES)

    temp = None
    if args.data_dir:
        data_dir = Path(args.data_dir).absolute()
    else:
        temp = tempfile.mkdtemp(prefix="mediation-bench-")
        data_dir = Path(temp) / "demo"
    reuse = (data_dir / "mediation.sqlite3").exists()
    started = time.perf_counter()
    rows: list[Row] = []
    seconds: dict[str, float] = {}
    try:
        for bench in BENCHES:
            if args.only and bench.script not in args.only:
                continue
            if bench.makes_database and reuse:
                rows += [Row(bench.script, f, None, "", None, None, "not run",
                             note=f"database reused from {data_dir.name}/") for f in bench.expected]
                continue
            options = script_options(HERE / bench.script) if (HERE / bench.script).exists() else ""
            script_args: list[str] = []
            has_database = (data_dir / "mediation.sqlite3").exists()
            if "--data-dir" in options and (bench.makes_database or has_database):
                script_args += ["--data-dir", str(data_dir)]
                if bench.makes_database:
                    script_args += ["--cases", str(cases)]
            elif "--cases" in options:
                script_args += ["--cases", str(cases)]
            if "--quick" in options and args.quick:
                script_args.append("--quick")
            frozen = HERE.parent / "dist" / "MediationDesktop" / "mediation-desktop"
            if "--exe" in options and frozen.exists() and "--data-dir" in script_args:
                script_args += ["--exe", str(frozen)]  # also time the start of the last build
            new_rows, seconds[bench.script] = run_script(bench, script_args, echo=not args.quiet)
            rows += new_rows
    finally:
        if temp:
            shutil.rmtree(temp, ignore_errors=True)
    if not args.only:
        rows += bundle_rows()

    RESULTS.mkdir(exist_ok=True)
    latest = RESULTS / f"latest-{cases}.json"
    previous = json.loads(latest.read_text(encoding="utf-8")) if latest.exists() else None
    compare(rows, previous)
    print_table(rows)
    total = time.perf_counter() - started
    counts = {v: sum(r.verdict == v for r in rows) for v in VERDICTS}
    print(f"\n{cases:,} cases; {counts['ok']} ok, {counts['missed']} missed, {counts['not run']} not run; "
          f"{total:.0f} s in all; baselines are measured in the same run on this machine")
    if previous:
        print(f"vs last = change from the run of {previous.get('when', '?')} (> {REGRESSION:.0%} worse: REGRESSED)")
    if latest.exists():
        latest.replace(RESULTS / f"previous-{cases}.json")
    latest.write_text(json.dumps({
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "cases": cases, "quick": args.quick,
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()},
        "commit": _commit(), "seconds": {k: round(v, 1) for k, v in seconds.items()},
        "rows": [r.as_json() for r in rows],
    }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"results: {latest.relative_to(HERE.parent)}")
    return 0


def _commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE,
                             timeout=10)
        return out.stdout.strip() or None
    except OSError:
        return None


if __name__ == "__main__":
    sys.exit(main())
