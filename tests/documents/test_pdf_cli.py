"""``mediation-desktop pdf DOC CASE_NO --out FILE``: a file on success, one clear line and no file otherwise."""

from __future__ import annotations

import pytest

from mediation_desktop.cli import main


@pytest.fixture
def data_dir(db, paths):
    return str(paths.root)


@pytest.fixture
def out_dir(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_writes_the_agreement(data_dir, rare_case, out_dir, capsys, pdf_text):
    out = out_dir / "协议书.pdf"
    assert main(["--data-dir", data_dir, "pdf", "agreement", rare_case.case_no, "--out", str(out)]) == 0
    assert "已生成" in capsys.readouterr().out
    text = "".join("".join(p.split()) for p in pdf_text(out.read_bytes()))
    assert "经调解，自愿达成如下协议：" in text and "𠮷镕" in text
    assert [p.name for p in out_dir.iterdir()] == ["协议书.pdf"]  # no temporary file left behind


@pytest.mark.parametrize(("lang", "expected"), [("zh", "没有“bogus”这种文书"), ("en", "No document called 'bogus'")])
def test_unknown_document(data_dir, rare_case, tmp_path, capsys, lang, expected):
    out = tmp_path / "x.pdf"
    assert main(["--lang", lang, "--data-dir", data_dir, "pdf", "bogus", rare_case.case_no, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert expected in err and "agreement" in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


@pytest.mark.parametrize(("lang", "expected"), [("zh", "找不到案件“（2026）无此号”"), ("en", "No case '（2026）无此号'")])
def test_unknown_case(data_dir, out_dir, capsys, lang, expected):
    out = out_dir / "x.pdf"
    assert main(["--lang", lang, "--data-dir", data_dir, "pdf", "agreement", "（2026）无此号", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert expected in err and len(err.strip().splitlines()) == 1
    assert not out.exists() and list(out_dir.iterdir()) == []


def test_case_without_agreement(data_dir, director, db, tmp_path, capsys):
    from mediation_desktop.services import cases
    from mediation_desktop.services.parties import PartyInput

    reg = cases.register_case(db, director, cases.CaseInput("neighbour", [PartyInput("张三")]))
    out = tmp_path / "x.pdf"
    assert main(["--data-dir", data_dir, "pdf", "agreement", reg.case_no, "--out", str(out)]) == 1
    assert "还没有书面调解协议" in capsys.readouterr().err
    assert not out.exists()


def test_missing_output_folder(data_dir, rare_case, tmp_path, capsys):
    out = tmp_path / "nowhere" / "x.pdf"
    assert main(["--data-dir", data_dir, "pdf", "agreement", rare_case.case_no, "--out", str(out)]) == 1
    assert "所在文件夹不存在" in capsys.readouterr().err
