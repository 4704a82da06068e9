"""bench/run_all.py: the BENCH protocol, 'not run' rows instead of crashes, and the regression flag."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def run_all() -> ModuleType:
    spec = importlib.util.spec_from_file_location("run_all", BENCH / "run_all.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["run_all"] = module
    spec.loader.exec_module(module)
    return module


def bench_lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line[6:]) for line in out.splitlines() if line.startswith("BENCH ")]


def test_emit_decides_the_verdict_by_direction(run_all: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_all.emit("t", 0.5, "s", 1.0) == "ok"
    assert run_all.emit("t", 1.5, "s", 1.0, 0.3) == "missed"
    assert run_all.emit("rate", 900.0, "cases/s", 1000.0, better="higher") == "missed"
    assert run_all.emit("rate", 1100.0, "cases/s", 1000.0, better="higher") == "ok"
    assert run_all.emit("lo", None, "×", 40.0, note="LibreOffice not installed") == "not run"
    lines = bench_lines(capsys.readouterr().out)
    assert [r["verdict"] for r in lines] == ["ok", "missed", "missed", "ok", "not run"]
    assert set(lines[1]) >= {"figure", "value", "unit", "budget", "baseline", "verdict"}
    assert lines[1]["baseline"] == 0.3 and lines[0]["baseline"] is None


def test_malformed_bench_line_becomes_a_not_run_row(run_all: ModuleType) -> None:
    text = ('hello\nBENCH {"figure": "a", "value": 2, "unit": "ms", "budget": 30, "baseline": 5, "verdict": "ok"}\n'
            'BENCH {not json\nBENCH {"figure": "b", "value": 1, "unit": "s", "budget": 1, "baseline": null, '
            '"verdict": "great"}\n')
    rows = run_all.parse_bench_lines("x.py", text)
    assert (rows[0].figure, rows[0].verdict) == ("a", "ok")
    assert rows[0].value == 2.0 and rows[0].baseline == 5.0
    assert [r.verdict for r in rows[1:]] == ["not run", "not run"]


def test_missing_script_is_reported_not_run(run_all: ModuleType, tmp_path: Path) -> None:
    bench = run_all.Bench(str(tmp_path / "nope.py"), ("export", "import"))
    rows, _ = run_all.run_script(bench, [], echo=False)
    assert [(r.figure, r.verdict, r.note) for r in rows] == [("export", "not run", "script missing"),
                                                              ("import", "not run", "script missing")]


def test_failing_script_without_figures_is_not_run_with_its_exit(run_all: ModuleType, tmp_path: Path) -> None:
    script = tmp_path / "boom.py"
    script.write_text("import sys\nprint('something broke')\nsys.exit(3)\n", encoding="utf-8")
    rows, _ = run_all.run_script(run_all.Bench(str(script), ("f",)), [], echo=False)
    assert len(rows) == 1 and rows[0].verdict == "not run"
    assert rows[0].note.startswith("exit 3") and "something broke" in rows[0].note


def test_script_figures_are_collected(run_all: ModuleType, tmp_path: Path) -> None:
    script = tmp_path / "fine.py"
    script.write_text("from run_all import emit\nprint('human text')\n"
                      "emit('x', 12.0, 'ms', 30.0, 40.0)\nemit('y', 3.0, 'MB', 2.0)\n", encoding="utf-8")
    rows, _ = run_all.run_script(run_all.Bench(str(script), ()), [], echo=False)
    assert [(r.figure, r.value, r.baseline, r.verdict) for r in rows] == [("x", 12.0, 40.0, "ok"),
                                                                          ("y", 3.0, None, "missed")]


def test_regression_over_ten_percent_is_flagged(run_all: ModuleType) -> None:
    def row(figure: str, value: float, better: str = "lower"):  # type: ignore[no-untyped-def]
        return run_all.Row("s.py", figure, value, "ms", 30.0, None, "ok", better)

    previous = {"rows": [{"script": "s.py", "figure": f, "value": 10.0} for f in ("slow", "fine", "rate", "new?")]}
    rows = [row("slow", 11.5), row("fine", 10.5), row("rate", 8.5, "higher"), row("other", 99.0)]
    run_all.compare(rows, previous)
    assert "REGRESSED" in rows[0].change and rows[0].change.startswith("+15%")
    assert rows[1].change == "+5%"
    assert "REGRESSED" in rows[2].change
    assert rows[3].change == ""


def test_regression_is_judged_against_the_same_run_baseline(run_all: ModuleType) -> None:
    """A machine twice as busy doubles value and baseline alike: not a regression."""
    previous = {"rows": [{"script": "s.py", "figure": f, "value": 10.0, "baseline": 20.0} for f in ("busy", "worse")]}
    busy = run_all.Row("s.py", "busy", 20.0, "ms", 30.0, 40.0, "ok")
    worse = run_all.Row("s.py", "worse", 20.0, "ms", 30.0, 20.0, "ok")
    run_all.compare([busy, worse], previous)
    assert "REGRESSED" not in busy.change and busy.change.startswith("+0%")
    assert "REGRESSED" in worse.change
