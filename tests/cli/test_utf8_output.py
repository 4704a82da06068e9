"""Whatever the locale or code page, what the CLI writes to a pipe is UTF-8 (issue 16).

Windows writes a pipe or file in the ANSI code page: GBK on Chinese Windows, cp1252 on English Windows
(every Chinese character a ``?``). The same happens on Linux under ``LC_ALL=C`` without UTF-8 mode, and
``PYTHONIOENCODING`` forces either code page here, so each is tried in a subprocess.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_runner import INIT

# (name, environment changes): each is an encoding Python would otherwise use for a pipe
LOCALES = {
    "C locale, no UTF-8 mode": {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"},
    "Chinese Windows code page (GBK)": {"PYTHONIOENCODING": "gbk", "PYTHONUTF8": "0"},
    "English Windows code page (cp1252)": {"PYTHONIOENCODING": "cp1252", "PYTHONUTF8": "0"},
    "Latin-1 with strict errors": {"PYTHONIOENCODING": "latin-1:strict", "PYTHONUTF8": "0"},
}


def _run(data: Path, env_changes: dict[str, str], *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTHONIOENCODING", "PYTHONUTF8", "LC_ALL", "LC_CTYPE", "LANG", "MEDIATION_DESKTOP_DATA_DIR"}}
    env.update({"MEDIATION_DESKTOP_USER": "admin", "MEDIATION_DESKTOP_PASSWORD": "secret123", **env_changes})
    return subprocess.run([sys.executable, "-m", "mediation_desktop", "--data-dir", str(data), *args],
                          input=stdin, capture_output=True, env=env, timeout=180)


@pytest.fixture(scope="module")
def village(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("utf8") / "村 数据"
    utf8 = {"PYTHONIOENCODING": "utf-8"}
    assert _run(data, utf8, "--lang", "zh", *INIT, stdin=b"secret123\n").returncode == 0
    assert _run(data, utf8, "demo", "--cases", "5").returncode == 0
    return data


@pytest.mark.parametrize("env_changes", LOCALES.values(), ids=LOCALES.keys())
def test_cases_json_on_a_pipe_is_utf8_with_chinese_names(village, env_changes):
    r = _run(village, env_changes, "cases", "--json")
    assert r.returncode == 0, r.stderr.decode("utf-8", "replace")
    cases = json.loads(r.stdout.decode("utf-8"))  # strict: GBK or cp1252 bytes fail here
    assert len(cases) == 5
    text = json.dumps(cases, ensure_ascii=False)
    assert "?" * 2 not in text
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text[:200]


@pytest.mark.parametrize("env_changes", LOCALES.values(), ids=LOCALES.keys())
def test_an_error_line_is_utf8_chinese(village, env_changes):
    r = _run(village, env_changes, "--lang", "zh", "pdf", "agreement", "不存在的编号", "--out",
             str(village.parent / "x.pdf"))
    assert r.returncode == 1
    line = r.stderr.decode("utf-8")  # strict
    assert len(line.strip().splitlines()) == 1, line
    assert any("\u4e00" <= ch <= "\u9fff" for ch in line) and "?" not in line.replace("？", ""), line


@pytest.mark.parametrize("env_changes", LOCALES.values(), ids=LOCALES.keys())
def test_a_plain_message_is_utf8(village, env_changes):
    r = _run(village, env_changes, "--lang", "zh", "check")
    assert r.returncode == 0, r.stderr.decode("utf-8", "replace")
    out = r.stdout.decode("utf-8") + r.stderr.decode("utf-8")  # strict
    assert any("\u4e00" <= ch <= "\u9fff" for ch in out), out
