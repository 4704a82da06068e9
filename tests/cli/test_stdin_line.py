"""A password or recovery code on standard input: UTF-8, or GB18030 (a Chinese Windows console's pipe, a file saved
by Notepad in ANSI), a byte-order mark dropped; bytes that are neither are one clear line, not an internal error."""

from __future__ import annotations

import io
import sys

import pytest
from cli_runner import run

from mediation_desktop.cli_access import stdin_line
from mediation_desktop.errors import MediationError


@pytest.mark.parametrize(("raw", "line"), [
    ("调解123\n".encode(), "调解123"),
    ("调解123\r\n".encode("gb18030"), "调解123"),
    ("\ufeff调解123\n".encode(), "调解123"),
    (b"secret123", "secret123"),
    (b"", ""),
])
def test_a_line_is_read_as_the_text_typed(monkeypatch, raw, line):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw + (b"second\n" if raw.endswith(b"\n") else b""))))
    assert stdin_line() == line


@pytest.mark.parametrize("stream", [io.TextIOWrapper(io.BytesIO(b"\xff\xfe\n")),
                                    io.StringIO("bad\udcff\n")])  # (a text stream that kept undecodable bytes)
def test_bytes_that_are_not_text_are_one_clear_line(monkeypatch, stream):
    monkeypatch.setattr(sys, "stdin", stream)
    with pytest.raises(MediationError) as err:
        stdin_line()
    assert err.value.key == "cli.stdin_not_text" and "\n" not in str(err.value)


def test_a_password_that_is_not_text_is_refused_before_the_database_is_touched(tmp_path):
    r = run(tmp_path / "data", "init", "--org-code", "510100000001", "--org-name", "石桥村人民调解委员会",
            "--level", "village", "--admin", "admin", "--password-stdin", stdin="\udcff\udcfe\n")
    assert r.returncode == 1 and "不是文字" in r.stderr and "内部错误" not in r.stderr, r.stderr
    assert not (tmp_path / "data" / "mediation.sqlite3").exists()
