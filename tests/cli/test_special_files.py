"""The commands' files, named on the command line: an input that is a folder, a pipe or a device is refused with
one line saying what it is, never opened; an output where a pipe or a device stands is refused before anything is
made or recorded (as root, ``report --out /dev/full`` turned the device into a file, and ``export --out`` recorded
an export that went nowhere)."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from cli_runner import INIT, run
from special_files import raised_without_opening
from windows_facts import fifo_or_skip, symlink_or_skip


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("cli-special") / "data"
    director = {"MEDIATION_DESKTOP_USER": "admin", "MEDIATION_DESKTOP_PASSWORD": "secret123",
                "MEDIATION_DESKTOP_CACHE": str(data.parent / "cache")}  # (before the tests' own environment)
    assert run(data, *INIT, stdin="secret123\n", env=director).returncode == 0
    assert run(data, "demo", "--cases", "3", env=director).returncode == 0
    return data


def _recorded(data: Path) -> tuple[int, int]:
    """(audit entries, exports recorded)"""
    con = sqlite3.connect(data / "mediation.sqlite3")
    try:
        return (con.execute("SELECT count(*) FROM audit_entry").fetchone()[0],
                con.execute("SELECT count(*) FROM sync_export").fetchone()[0])
    finally:
        con.close()


def _a_case(data: Path) -> str:
    import json

    return str(json.loads(run(data, "cases", "--json").stdout)[0]["case_no"])


@pytest.mark.parametrize("command", ["report", "ledger", "pdf", "export", "backup", "keys"])
def test_an_output_where_a_pipe_stands_is_refused_before_anything_is_recorded(installed: Path, tmp_path: Path,
                                                                              command: str) -> None:
    fifo = fifo_or_skip(tmp_path / "输出.pdf")
    args = {"report": ["report", "--period", "2026", "--out"], "ledger": ["ledger", "export", "--out"],
            "pdf": ["pdf", "agreement", _a_case(installed), "--out"] if command == "pdf" else [],
            "export": ["export", "--no-encrypt", "--out"], "backup": ["backup", "--out"],
            "keys": ["keys", "export-public", "--out"]}[command]
    before = _recorded(installed)
    for target in (fifo, tmp_path / "链接.pdf"):
        if target != fifo:
            symlink_or_skip(target, fifo)
        r = run(installed, *args, str(target))
        assert r.returncode == 1, r.stdout
        assert r.stderr.strip().startswith(f"不能写到“{target}”：那里已有的不是普通文件（可能是设备或管道）"), r.stderr
        assert len(r.stderr.strip().splitlines()) == 1
    assert stat.S_ISFIFO(fifo.stat().st_mode) and _recorded(installed) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["输出.pdf", "链接.pdf"]


@pytest.mark.parametrize("command", [["keys", "trust"], ["import"], ["import", "--dry-run"], ["receipt", "import"],
                                     ["restore"], ["ledger", "import", "--dry-run"]])
def test_an_input_that_is_a_pipe_is_refused_unopened(installed: Path, tmp_path: Path, command: list[str]) -> None:
    fifo = fifo_or_skip(tmp_path / "管道.csv")
    before = _recorded(installed)
    r = raised_without_opening(fifo, lambda: _refused(installed, *command, str(fifo)))
    assert isinstance(r, _Refused), r
    assert r.stderr.strip() == f"“{fifo}”不是普通文件（可能是设备或管道），不能读取。没有作任何改动。"
    assert _recorded(installed) == before


@pytest.mark.parametrize("command", [["keys", "trust"], ["restore"], ["ledger", "import", "--dry-run"]])
def test_an_input_that_is_a_folder_says_so(installed: Path, tmp_path: Path, command: list[str]) -> None:
    folder = tmp_path / "文件夹.csv"
    folder.mkdir()
    r = run(installed, *command, str(folder))
    assert r.returncode == 1 and r.stderr.strip().startswith(f"“{folder}”是一个文件夹，不是文件"), r.stderr


class _Refused(Exception):
    def __init__(self, stderr: str) -> None:
        super().__init__(stderr)
        self.stderr = stderr


def _refused(data: Path, *args: str) -> None:
    r = run(data, *args)
    if r.returncode == 1:
        raise _Refused(r.stderr)


def test_households_below_zero_say_the_range(installed: Path) -> None:
    r = run(installed, "screening", "add", "--date", "2026-03-01", "--place", "东头", "--households=-3")
    assert r.returncode == 1
    assert r.stderr.strip() == "走访户数“-3”超出了允许的范围（0 到 100000）。", r.stderr
