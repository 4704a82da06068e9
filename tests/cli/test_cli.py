"""The headless CLI: the issue's commands on a fresh data folder.

The commands run in the test's own process through ``cli_runner.run`` (the same ``main()`` as
``python -m mediation_desktop``, with the environment and streams a process would have), except where a test
asks for a real process (``process=True``)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import windows_facts
from cli_runner import INIT, run


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def _assert_one_clear_line(result, text: str) -> None:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert text in lines[0]
    assert "Traceback" not in result.stderr


def test_init_demo_cases_check(data):
    r = run(data, *INIT, stdin="secret123\n")
    assert r.returncode == 0, r.stderr
    assert "石桥村人民调解委员会" in r.stdout
    r = run(data, "demo", "--cases", "200", "--seed", "7")
    assert r.returncode == 0, r.stderr
    assert "200" in r.stdout
    r = run(data, "cases", "--json")
    assert r.returncode == 0, r.stderr
    cases = json.loads(r.stdout)
    assert len(cases) == 200
    for c in cases:
        assert {"case_no", "status", "category", "accepted_on", "parties"} <= c.keys()
        assert isinstance(c["parties"], list) and c["parties"] and all(isinstance(n, str) for n in c["parties"])
        assert c["case_no"].startswith("（") and "石桥村人调字第" in c["case_no"]
    r = run(data, "check")
    assert r.returncode == 0, r.stderr
    assert "检查通过" in r.stdout
    # search by a party's name finds that case
    name = cases[0]["parties"][0]
    r = run(data, "cases", "--json", "--search", name)
    assert cases[0]["case_no"] in [c["case_no"] for c in json.loads(r.stdout)]


def test_init_twice_is_an_error(data):
    assert run(data, *INIT, stdin="secret123\n").returncode == 0
    _assert_one_clear_line(run(data, *INIT, stdin="secret123\n"), "已经初始化")


def test_errors_are_one_line_in_chinese_or_english(data):
    _assert_one_clear_line(run(data, "cases"), "还没有初始化")
    _assert_one_clear_line(run(data, "cases", lang="en"), "not set up")
    _assert_one_clear_line(run(data, "--lang", "en", "cases"), "not set up")
    _assert_one_clear_line(run(data, *INIT, stdin="12\n"), "密码至少需要")
    r = run(data, "init", "--org-code", "1")
    assert r.returncode == 2 and "缺少必需的参数" in r.stderr and "Traceback" not in r.stderr
    r = run(data, "cases", env={"MEDIATION_DESKTOP_LANG": "", "LANG": "en_US.UTF-8", "LC_ALL": ""}, lang="")
    assert "not set up" in r.stderr


def test_bad_org_code_writes_nothing(data):
    _assert_one_clear_line(run(data, *[("1x" if a == "330102001" else a) for a in INIT], stdin="secret123\n"),
                           "机构代码")
    r = run(data, "cases")
    assert "还没有初始化" in r.stderr


def test_database_from_the_future_is_refused(data):
    assert run(data, *INIT, stdin="secret123\n").returncode == 0
    con = sqlite3.connect(data / "mediation.sqlite3")
    con.execute("UPDATE alembic_version SET version_num = 'ffff'")
    con.commit()
    con.close()
    _assert_one_clear_line(run(data, "cases"), "更新版本")
    _assert_one_clear_line(run(data, "cases", lang="en"), "newer version")


def test_data_dir_from_environment(tmp_path):
    env = {**os.environ, "MEDIATION_DESKTOP_DATA_DIR": str(tmp_path / "env-data"), "MEDIATION_DESKTOP_LANG": "zh"}
    r = subprocess.run([sys.executable, "-m", "mediation_desktop", *INIT], input="secret123\n",
                       capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "env-data" / "mediation.sqlite3").is_file()


def test_check_reports_damage(data):
    assert run(data, *INIT, stdin="secret123\n").returncode == 0
    assert run(data, "demo", "--cases", "20").returncode == 0
    con = sqlite3.connect(data / "mediation.sqlite3")
    con.execute("DROP TRIGGER audit_entry_no_update")
    con.execute("UPDATE audit_entry SET actor = 'x' WHERE seq = 2")
    con.commit()
    con.close()
    r = run(data, "check")
    assert r.returncode == 1
    assert "审计日志第 2 条" in r.stderr and "Traceback" not in r.stderr


def test_check_names_each_row_changed_or_removed_behind_the_programs_back(data):
    assert run(data, *INIT, stdin="secret123\n").returncode == 0
    assert run(data, "demo", "--cases", "5").returncode == 0
    con = sqlite3.connect(data / "mediation.sqlite3")
    party = con.execute("SELECT id FROM party ORDER BY id LIMIT 1").fetchone()[0]
    con.execute("UPDATE party SET name = '篡改' WHERE id = ?", (party,))
    visit = con.execute("SELECT id FROM mediation_session ORDER BY id LIMIT 1").fetchone()[0]
    con.execute("DELETE FROM mediation_session WHERE id = ?", (visit,))
    con.commit()
    con.close()
    r = run(data, "check")
    assert r.returncode == 1 and "内部错误" not in r.stderr, r.stderr
    assert f"表 party 的记录 {party} 被改动过" in r.stderr and f"表 mediation_session 的记录 {visit} 不见了" in r.stderr


def test_window_starts_with_demo_and_exits(data):
    """The composition root: start the window offscreen on a new folder with --demo, paint, quit."""
    r = run(data, "gui", "--demo", env={"MEDIATION_DESKTOP_SMOKE": "1", "QT_QPA_PLATFORM": "offscreen"},
            process=True)  # the window program starts, paints and quits: a process of its own
    assert r.returncode == 0, r.stderr
    r = run(data, "cases", "--json", env={"MEDIATION_DESKTOP_PASSWORD": "demo1234"})  # the demo director's
    assert len(json.loads(r.stdout)) == 200


@windows_facts.always_a_display
def test_window_without_a_display_says_so(data):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["MEDIATION_DESKTOP_LANG"] = "zh"
    r = subprocess.run([sys.executable, "-m", "mediation_desktop", "--data-dir", str(data)], capture_output=True,
                       text=True, encoding="utf-8", env=env, timeout=60)
    assert r.returncode == 1 and "没有找到图形显示" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize(("error", "text"), [
    (OSError(28, "No space left on device"), "磁盘已满"),
    (sqlite3.OperationalError("database or disk is full"), "磁盘已满"),
    (OSError(5, "Input/output error"), "读写硬盘时出错"),
])
def test_a_full_or_failing_disk_is_said_plainly(monkeypatch, capsys, tmp_path, error, text):
    """Whatever command was running: one Chinese line that names the disk, not an exception's name."""
    from sqlalchemy.exc import OperationalError

    from mediation_desktop import cli

    raised = OperationalError("INSERT …", {}, error) if isinstance(error, sqlite3.Error) else error

    def fails(_args):
        raise raised

    monkeypatch.setitem(cli.COMMANDS, "check", fails)  # (a command that needs no sign-in: the folder is empty)
    monkeypatch.setenv("MEDIATION_DESKTOP_LANG", "zh")
    assert cli.main(["--data-dir", str(tmp_path / "data"), "check"]) == cli.EXIT_ERROR
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and text in err[0] and "Error" not in err[0]
