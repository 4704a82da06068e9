"""The sync commands as a user runs them: Chinese lines, exit codes, nothing changed on a bad file."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

from cli_runner import INIT
from cli_runner import run as _cli_run

TOWN_INIT = ("init", "--org-code", "330102", "--org-name", "城关镇人民调解委员会", "--level", "township",
             "--parent-code", "330100", "--admin", "admin", "--password-stdin")


def run_process(data: Path, *args: str, **kwargs):  # type: ignore[no-untyped-def]
    """The command in a real process, on Windows too (these tests are about the process)."""
    return _cli_run(data, *args, process=True, **kwargs)


def _counts(data: Path) -> tuple[int, int, int]:
    con = sqlite3.connect(data / "mediation.sqlite3")
    try:
        return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[return-value]
                     for t in ("mediation_case", "sync_import", "audit_entry"))
    finally:
        con.close()


def test_export_import_keys_and_receipts(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    v, t, stick = tmp_path / "v", tmp_path / "t", tmp_path / "stick"
    stick.mkdir()
    assert run(v, *INIT, stdin="secret123\n").returncode == 0
    assert run(t, *TOWN_INIT, stdin="secret123\n").returncode == 0
    assert run(v, "demo", "--cases", "12").returncode == 0

    shown = run(v, "keys", "show")
    assert shown.returncode == 0 and "指纹" in shown.stdout
    assert run(v, "keys", "export-public", "--out", str(stick / "v.key")).returncode == 0
    assert run(t, "keys", "export-public", "--out", str(stick / "t.key")).returncode == 0

    out = run(v, "export", "--out", str(stick / "b1.zip"))
    assert out.returncode == 0 and "可以拔出U盘" in out.stdout and "未加密" in out.stdout
    assert "还不知道上级的公钥，这个数据包没有加密" in out.stdout  # not asked for: said plainly

    refused = run(t, "import", str(stick / "b1.zip"))
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1
    assert "尚未信任" in refused.stderr and "--trust-new" in refused.stderr
    assert _counts(t)[:2] == (0, 0)
    would = run(t, "import", str(stick / "b1.zip"), "--dry-run", "--trust-new")  # says it would, not that it did
    assert would.returncode == 0 and "确认导入时将信任其密钥" in would.stdout and "已按" not in would.stdout
    assert _counts(t)[:2] == (0, 0)

    assert run(t, "keys", "trust", str(stick / "v.key")).returncode == 0
    dry = run(t, "import", str(stick / "b1.zip"), "--dry-run", "--json")
    assert dry.returncode == 0
    summary = json.loads(dry.stdout)
    assert summary["dry_run"] and summary["new"] > 12 and summary["conflicts"] == summary["rejected"] == 0
    preview = summary["bundles"][0]["records"]
    assert len(preview) == summary["new"] and {r["outcome"] for r in preview} == {"new"}
    assert _counts(t)[:2] == (0, 0)

    done = run(t, "import", str(stick / "b1.zip"), "--json")
    assert json.loads(done.stdout)["new"] == summary["new"]  # (nothing but the JSON on stdout)
    assert _counts(t)[:2] == (12, 1)
    con = sqlite3.connect(t / "mediation.sqlite3")
    try:  # the imported cases are indexed for search in the import's own transaction
        assert con.execute("SELECT count(*) FROM case_search_row").fetchone()[0] == 12
    finally:
        con.close()
    again = run(t, "import", str(stick / "b1.zip"))
    assert again.returncode == 0 and "已经导入过" in again.stdout
    assert _counts(t)[:2] == (12, 1)

    receipts = sorted(stick.glob("receipt-*.zip"))
    assert receipts
    assert run(v, "keys", "trust", str(stick / "t.key")).returncode == 0
    ack = run(v, "receipt", "import", *map(str, receipts))
    assert ack.returncode == 0 and "回执已登记" in ack.stdout
    listed = run(v, "receipt", "list", "--json")
    assert json.loads(listed.stdout)[0]["acknowledged_at"]
    table = run(v, "receipt", "list").stdout.splitlines()
    assert table[0].split("\t") == ["导出时间", "种类", "序号", "数据包", "回执送达", "拒收"]
    assert table[1].split("\t")[2] == "1–" + json.loads(listed.stdout)[0]["seq_to"].__str__()  # as export said
    assert "+00:00" not in table[1] and "—" not in table[1].split("\t")[4]

    second = run(v, "export", "--out", str(stick / "b2.zip"))
    assert second.returncode == 0 and "增量，加密" in second.stdout and "0 件案件" in second.stdout
    plain = run(v, "export", "--out", str(stick / "b3.zip"), "--all", "--no-encrypt")
    assert "12 件案件" in plain.stdout and "全部，未加密" in plain.stdout and "没有加密，U盘丢失" not in plain.stdout


def test_bad_file_one_chinese_line_and_nothing_changed(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    t = tmp_path / "t"
    assert run(t, *TOWN_INIT, stdin="secret123\n").returncode == 0
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04 this is not a zip")
    before = _counts(t)
    for args in (("import", str(junk)), ("import", str(tmp_path / "missing.zip")), ("import", str(tmp_path)),
                 ("keys", "trust", str(junk)),
                 ("receipt", "import", str(junk)), ("import", "--dry-run", "--json", str(junk)),
                 ("export", "--out", str(tmp_path / "no-such-folder" / "b.zip"))):
        result = run(t, *args)
        assert result.returncode == 1, args
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and any("\u4e00" <= ch <= "\u9fff" for ch in lines[0]), result.stderr
        assert "Traceback" not in result.stderr
    assert _counts(t) == before
    assert "是一个文件夹" in run(t, "import", str(tmp_path)).stderr
    english = run(t, "--lang", "en", "import", str(junk))
    assert "is incomplete or damaged" in english.stderr


def test_real_process_refuses_a_bad_file(tmp_path: Path) -> None:
    t = tmp_path / "t"
    assert run_process(t, *TOWN_INIT, stdin="secret123\n").returncode == 0
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a bundle")
    result: subprocess.CompletedProcess[str] = run_process(t, "import", str(junk))
    assert result.returncode == 1 and "不是调解工作台的数据包" in result.stderr and "Traceback" not in result.stderr
