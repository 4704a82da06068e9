"""Every command-line value held to the rules of the forms: a text that is stored or printed by the text rule of its
field (no U+202E in a report's 填报人, no emoji), a date in 1900–2100, and no control or invisible character in the
name of a file or folder a command writes. Each is refused with one line; nothing is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import INIT, run

from mediation_desktop.domain.china_time import china_today


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "data"
    assert run(folder, *INIT, stdin="secret123\n").returncode == 0
    return folder


def _one_line(r) -> str:  # type: ignore[no-untyped-def]
    err = r.stderr.strip()
    assert r.returncode == 1 and "\n" not in err and "内部错误" not in err, err
    return err


@pytest.mark.parametrize(("value", "named"), [("张\u202e三四五", "U+202E"), ("李😀", "“😀”"), ("王\u200b五", "U+200B"),
                                              ("周\t文书", "U+0009"), ("陈\ue000", "U+E000")])
@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_a_report_signer_with_a_hostile_character_is_refused(data: Path, tmp_path: Path, value: str, named: str,
                                                             fmt: str) -> None:
    out = tmp_path / f"报表.{fmt}"
    err = _one_line(run(data, "report", "--period", str(china_today().year), "--out", str(out), "--filled-by", value))
    assert "填报人" in err and named in err and "\u202e" not in err
    assert not out.exists()
    clean = tmp_path / "报表.json"  # the signer written as the message asks is printed
    r = run(data, "report", "--period", str(china_today().year), "--format", "json", "--out", str(clean),
            "--filled-by", "周文书")
    assert r.returncode == 0 and json.loads(clean.read_text(encoding="utf-8"))["filled_by"] == "周文书", r.stderr


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "2101-01-01"])
def test_a_screening_day_outside_1900_to_2100_is_refused(data: Path, day: str) -> None:
    before = json.loads(run(data, "screening", "list", "--json").stdout)
    err = _one_line(run(data, "screening", "add", "--date", day, "--place", "三组"))
    assert "1900" in err and "2100" in err and "排查日期" in err
    assert json.loads(run(data, "screening", "list", "--json").stdout) == before


@pytest.mark.parametrize("name", ["x\ny.pdf", "x\ry.xlsx", "a\u202efdp.xlsx", "b\x1b[2J.xlsx", "c\u200b.xlsx"])
@pytest.mark.parametrize("command", [["report", "--period", "2026"], ["ledger", "export"],
                                     ["pdf", "application", "（2026）石桥村人调字第1号"], ["backup"]])
def test_an_output_file_named_with_a_control_character_is_refused(data: Path, tmp_path: Path, name: str,
                                                                  command: list[str]) -> None:
    out = tmp_path / name
    err = _one_line(run(data, *command, "--out", str(out)))
    assert "--out" in err and "U+" in err
    assert not out.exists() and list(tmp_path.iterdir()) == []
