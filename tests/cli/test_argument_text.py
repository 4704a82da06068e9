"""An argument that is not text (bytes of another encoding: Python keeps them as lone surrogates) is refused
before anything runs, with one Chinese line naming it; what is text is held to the rule of the forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from mediation_desktop.cli import main


@pytest.mark.parametrize(("args", "named"), [
    (["roster", "add", "\udcff\udcfe"], "\ufffd\ufffd"),
    (["screening", "add", "--date", "2026-05-01", "--place", "\udcff"], "--place \ufffd"),
    (["retention", "（2023）河口村人调字第1号", "长期", "--reason", "\udcff"], "--reason \ufffd"),
    (["pdf", "agreement", "\udcff", "--out", "a.pdf"], "\ufffd"),
    (["import", "村\udcff.zip"], "村\ufffd.zip"),
])
def test_bytes_that_are_no_text_are_refused_before_anything_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                  args: list[str], named: str) -> None:
    data = tmp_path / "data"
    code = main(["--lang", "zh", "--data-dir", str(data), *args])
    err = capsys.readouterr().err.strip()
    assert code == 1 and "\n" not in err, err
    assert "不是有效的文字" in err and f"“{named}”" in err and "内部错误" not in err, err
    assert not data.exists()  # nothing was opened, let alone written
