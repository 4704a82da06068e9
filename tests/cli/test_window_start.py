"""Starting the window: painted before the database layer loads, and read by a parser of just the window's
options that gives the same answers as the full command line (everything else goes to the full one)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mediation_desktop import cli

ROOT = Path(__file__).resolve().parents[2]

# what the first paint must not wait for: the database layer, the services, PDFs
HEAVY = ("sqlalchemy", "alembic", "reportlab", "mediation_desktop.storage.database", "mediation_desktop.services.accounts",
         "mediation_desktop.ui.main_window")

FIRST_PAINT = """
import os, sys
from mediation_desktop import app, cli
def timing(what):
    if what == "first window painted":
        print("loaded at first paint:", sorted(m for m in sys.argv[2].split(",") if m in sys.modules), flush=True)
        os._exit(0)
app._timing = timing
sys.exit(cli.main(["--data-dir", sys.argv[1], "gui"]))
"""


def test_first_window_is_painted_before_the_database_layer_loads(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MEDIATION_DESKTOP_LANG": "zh"}
    r = subprocess.run([sys.executable, "-c", FIRST_PAINT, str(tmp_path / "data"), ",".join(HEAVY)], cwd=ROOT,
                       capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "loaded at first paint: []" in r.stdout, r.stdout


WINDOW_COMMAND_LINES = [
    [],
    ["gui"],
    ["gui", "--demo"],
    ["--data-dir", "d", "gui", "--demo"],
    ["--data-dir=d", "--lang", "en"],
    ["--database-url", "sqlite:///x.db", "--lang=zh", "gui"],
]


@pytest.mark.parametrize("argv", WINDOW_COMMAND_LINES)
def test_the_window_parser_reads_the_window_as_the_full_one_does(argv, monkeypatch):
    full = vars(cli.build_parser().parse_args(argv))
    with monkeypatch.context() as m:
        m.setattr(cli, "build_parser", lambda: pytest.fail("the full parser was built for the window"))
        window = vars(cli._parse(argv))
    assert window == {k: v for k, v in full.items() if k in window}
    assert all(v is None for k, v in full.items() if k not in window)  # (the sign-in options: unused by gui)


@pytest.mark.parametrize("argv", [["--user", "lisi", "gui"], ["cases", "--limit", "3"], ["--lang", "en", "check"]])
def test_other_command_lines_go_to_the_full_parser(argv):
    assert vars(cli._parse(argv)) == vars(cli.build_parser().parse_args(argv))


@pytest.mark.parametrize("argv, status, text", [
    (["--help"], 0, "cases"),              # the whole program's help, not the window's
    (["gui", "--help"], 0, "--demo"),
    (["--version"], 0, "mediation-desktop"),
    (["gui", "--bogus"], 2, "无法识别的参数"),  # the full parser's one clear line
    (["--lang", "fr"], 2, "--lang"),
    (["--data", "d"], 2, "--data"),         # an abbreviation: the full parser decides
])
def test_help_version_and_mistakes_are_the_full_parsers(argv, status, text, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli._parse(argv)
    assert exit_.value.code == status
    out = capsys.readouterr()
    assert text in out.out + out.err
