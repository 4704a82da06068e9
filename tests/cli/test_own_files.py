"""No user-chosen output may land on what the program keeps (issue 15, F1/F2): every command that writes
where the user says (``--out``, ``--receipts``, ``--second-folder``) refuses the database (and its -wal,
-shm, -journal), the keys, the backups, drafts, logs, attachments, ``audit-head.json`` and the data folder
itself, however the path is spelt (``..``, another letter case, trailing dots, a symlink); one line, and
nothing is written."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
import windows_facts
from cli_runner import INIT, run

from mediation_desktop import cli
from mediation_desktop.paths import DataPaths

WRITERS = {
    "backup --out": ("backup", "--out", "{}"),
    "backup --second-folder": ("backup", "--second-folder", "{}"),
    "pdf --out": ("pdf", "agreement", "2026-001", "--out", "{}"),
    "export --out": ("export", "--out", "{}"),
    "export --reference --out": ("export", "--reference", "--out", "{}"),
    "report --out": ("report", "--period", "2026", "--out", "{}"),
    "ledger export --out": ("ledger", "export", "--out", "{}"),
    "keys export-public --out": ("keys", "export-public", "--out", "{}"),
    "import --receipts": ("import", "--receipts", "{}", "no-such-bundle.zip"),
}

TARGETS = {
    "database": lambda d: d / "mediation.sqlite3",
    "database -wal": lambda d: d / "mediation.sqlite3-wal",
    "database -journal via ..": lambda d: d / "keys" / ".." / "mediation.sqlite3-journal",
    "database in capitals": lambda d: d / "MEDIATION.SQLITE3",
    "database with a trailing dot": lambda d: d / "mediation.sqlite3.",
    "signing key": lambda d: d / "keys" / "signing-ed25519.pem",
    "backup key": lambda d: d / "keys" / "backup-x25519.pem",
    "a new file among the keys": lambda d: d / "keys" / "new.pem",
    "the backup rotation": lambda d: d / "backups" / "mediation-backup-20990101-000000.zip",
    "audit head": lambda d: d / "audit-head.json",
    "attachments store": lambda d: d / "files" / "ab" / "x",
    "drafts": lambda d: d / "drafts" / "agreement--x.json",
    "logs": lambda d: d / "logs" / "error.log",
    "the data folder itself": lambda d: d,
    "the data folder with a trailing slash and dot": lambda d: Path(str(d) + os.sep + "."),
}


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".lock"}


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("own") / "data"
    env = {"MEDIATION_DESKTOP_USER": "admin", "MEDIATION_DESKTOP_PASSWORD": "secret123"}
    assert run(folder, *INIT, stdin="secret123\n").returncode == 0
    assert run(folder, "demo", "--cases", "3", env=env).returncode == 0
    assert run(folder, "backup", env=env).returncode == 0
    assert run(folder, "export", "--out", str(folder.parent / "first.zip"), env=env).returncode == 0
    return folder


@pytest.mark.parametrize("target", TARGETS, ids=list(TARGETS))
@pytest.mark.parametrize("writer", WRITERS, ids=list(WRITERS))
def test_every_writer_refuses_the_programs_own_files(data: Path, writer: str, target: str,
                                                     capsys: pytest.CaptureFixture[str]):
    before = _snapshot(data)
    path = TARGETS[target](data)
    argv = [a.format(path) for a in WRITERS[writer]]
    assert cli.main(["--data-dir", str(data), *argv]) == cli.EXIT_ERROR
    err = capsys.readouterr().err.strip()
    assert err.startswith("不能写到") and "本程序自己的数据" in err and "\n" not in err, err
    assert _snapshot(data) == before
    assert cli.main(["--data-dir", str(data), "check"]) == cli.EXIT_OK


def test_a_symlink_to_the_database_is_refused_too(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    link = tmp_path / "innocent.zip"
    windows_facts.symlink_or_skip(link, data / "mediation.sqlite3")
    before = _snapshot(data)
    assert cli.main(["--data-dir", str(data), "backup", "--out", str(link)]) == cli.EXIT_ERROR
    assert "不能写到" in capsys.readouterr().err
    assert _snapshot(data) == before and link.is_symlink()


def test_the_refusal_in_english(data: Path, capsys: pytest.CaptureFixture[str]):
    assert cli.main(["--lang", "en", "--data-dir", str(data), "backup", "--out",
                     str(data / "keys" / "signing-ed25519.pem")]) == cli.EXIT_ERROR
    assert capsys.readouterr().err.startswith("Cannot write to ")


def test_a_file_beside_the_data_folder_or_a_new_name_in_it_is_still_allowed(data: Path):
    paths = DataPaths(data)
    assert not paths.keeps(data.parent / "mediation.sqlite3")
    assert not paths.keeps(data / "my-copy.zip")
    assert not paths.keeps(data.parent / "data-2")  # a sibling whose name starts the same
    assert paths.keeps(data / "Backups" / "x.zip") and paths.keeps(data / "keys")


def test_a_damaged_database_is_said_plainly(tmp_path: Path):
    data = tmp_path / "data"
    assert run(data, *INIT, stdin="secret123\n").returncode == 0
    (data / "mediation.sqlite3").write_bytes(b"this is not a database at all " * 200)
    for args in (("cases",), ("check",)):
        r = run(data, *args)
        assert r.returncode == 1
        line = r.stderr.strip()
        assert "数据库文件已损坏或不是本程序的数据库" in line and "从备份恢复" in line and "\n" not in line, line
        assert "DatabaseError" not in line
    r = run(data, "cases", lang="en")
    assert "damaged or is not this program's database" in r.stderr
