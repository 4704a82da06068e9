"""On POSIX the data folder is 0700 and every file the program writes in it 0600, whatever the umask
(issue 15, class 10): the database and its journals, backups (rotation, before-restore, partials), keys,
drafts, logs, attachments and documents written into it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from attachment_samples import JPEG_HEAD
from cli_runner import INIT, run

from mediation_desktop.paths import DataPaths
from mediation_desktop.storage.database import open_database

pytestmark = pytest.mark.skipif(os.name != "posix", reason="Windows has no POSIX modes: chmod only sets the "
                                "read-only flag there, and the profile folder's ACL keeps other users out")


def _loose(root: Path) -> list[str]:
    """Everything under ``root`` that someone other than the owner could read or enter."""
    found = []
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            found.append(f"{path.relative_to(root.parent)} {oct(mode)}")
    return found


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_every_file_the_program_writes_is_the_owners_only(tmp_path: Path, umask: int):
    data = tmp_path / "data"
    steps = [(INIT, "secret123\n"), (("demo", "--cases", "12"), ""), (("backup",), ""),
             (("backup", "--out", str(data / "inside.zip")), ""),
             (("pdf", "agreement", "（2026）石桥村人调字第1号", "--out", str(data / "协议.pdf")), ""),
             (("restore", str(data / "inside.zip")), ""), (("no-such-command",), "")]
    old = os.umask(umask)  # the subprocesses inherit it, as from the user's shell
    try:
        for args, stdin in steps:
            r = run(data, *args, stdin=stdin, process=True)  # the umask the process inherits
            assert r.returncode in (0, 1, 2), r.stderr
    finally:
        os.umask(old)
    written = {p.name for p in data.rglob("*")}
    assert {"mediation.sqlite3", "signing-ed25519.pem", "backup-x25519.pem", "backup.log"} <= written
    assert any(n.startswith("mediation-backup-") for n in written)
    assert any(n.startswith("before-restore-") for n in written)
    assert _loose(data) == []


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_the_services_write_owner_only_files_without_the_entry_points_help(db, director, tmp_path: Path, umask: int):
    """In process, where nothing set the umask: each writer names its mode (the class, not the CLI's umask)."""
    from mediation_desktop.domain.enums import AttachmentKind, PartyRole
    from mediation_desktop.services import backups, restoring
    from mediation_desktop.services.attachments import add_attachment
    from mediation_desktop.services.cases import CaseInput, register_case
    from mediation_desktop.services.drafts import DraftStore
    from mediation_desktop.services.parties import PartyInput

    old = os.umask(umask)
    try:
        reg = register_case(db, director, CaseInput("neighbour", [PartyInput("张三"),
                                                                  PartyInput("李四", role=PartyRole.RESPONDENT)]))
        scan = tmp_path / "scan.jpg"
        scan.write_bytes(JPEG_HEAD + b"scan" * 1000)
        add_attachment(db, director, reg.case_id, scan, kind=AttachmentKind.SIGNED_AGREEMENT)
        DraftStore(db.paths.drafts).save("register", "new", "admin", {"title": "x"})
        report = backups.backup_now(db)
        backups.log_event(db.paths, "a line")
        db.dispose()
        restoring.restore(db.paths, report.path)
        open_database(db.paths).dispose()
    finally:
        os.umask(old)
    assert _loose(db.paths.root) == []


def test_an_older_data_folder_is_made_owner_only_on_opening_and_nothing_gains_permissions(tmp_path: Path):
    paths = DataPaths(tmp_path / "old")
    open_database(paths).dispose()
    for path in (paths.root, *paths.root.rglob("*")):
        os.chmod(path, 0o755 if path.is_dir() else 0o644)  # as an older version left it
    (paths.root / "note.txt").write_text("x")
    os.chmod(paths.root / "note.txt", 0o444)
    open_database(paths).dispose()
    assert _loose(paths.root) == []
    assert stat.S_IMODE((paths.root / "note.txt").stat().st_mode) == 0o400  # read-only stays read-only



_SIGNED_IN = {"MEDIATION_DESKTOP_USER": "admin", "MEDIATION_DESKTOP_PASSWORD": "secret123"}


def _tree(root: Path) -> dict[str, tuple[int, bytes | None]]:
    """Every entry under ``root`` (itself included): its mode, and a file's bytes."""
    return {str(p.relative_to(root)): (p.lstat().st_mode, p.read_bytes() if p.is_file() else None)
            for p in [root, *root.rglob("*")]}


@pytest.mark.parametrize("command", [INIT, ("cases",), ("demo", "--cases", "3"), ("check",), ("backup",),
                                     ("restore", "backup.zip"), ("report", "--period", "2026", "--out", "r.pdf")])
def test_a_folder_that_is_not_a_data_folder_is_refused_and_left_as_it_was(tmp_path: Path, command: tuple[str, ...]):
    """``--data-dir`` naming a folder with other files in it and no database of the program (/etc, the user's
    documents): it was made owner-only to its last file, and a database written into it. Now one line, and not a
    byte or a mode changes (the error log goes to the cache folder, not into it)."""
    folder = tmp_path / "documents"
    (folder / "sub").mkdir(parents=True)
    (folder / "notes.txt").write_text("我的笔记", encoding="utf-8")
    (folder / "sub" / "letter.txt").write_text("信", encoding="utf-8")
    (folder / "keys").mkdir()  # (a name the program keeps too: it does not make the folder the program's)
    os.chmod(folder / "notes.txt", 0o644)
    os.chmod(folder / "sub", 0o755)
    os.chmod(folder, 0o755)
    if command[0] == "restore":  # (a real backup of another data folder: refused for the folder, not the file)
        other = tmp_path / "other"
        assert run(other, *INIT, stdin="secret123\n").returncode == 0
        assert run(other, "backup", "--out", str(tmp_path / "backup.zip"), env=_SIGNED_IN).returncode == 0
    before = _tree(folder)
    args = [a.replace("backup.zip", str(tmp_path / "backup.zip")).replace("r.pdf", str(tmp_path / "r.pdf"))
            for a in command]
    r = run(folder, *args, stdin="secret123\n" if command == INIT else "", env=_SIGNED_IN)
    assert r.returncode != 0
    assert "不是调解工作台的数据目录" in r.stderr + r.stdout and "notes.txt" in r.stderr + r.stdout
    assert _tree(folder) == before


def test_a_data_folder_of_the_program_is_still_opened_with_things_beside_its_database(tmp_path: Path):
    """The program's own folder holds its database: what else a user put there does not make it foreign."""
    data = tmp_path / "data"
    assert run(data, *INIT, stdin="secret123\n").returncode == 0
    (data / "说明.txt").write_text("数据目录", encoding="utf-8")
    r = run(data, "cases", env=_SIGNED_IN)
    assert r.returncode == 0, r.stderr


def test_the_users_second_backup_folder_keeps_its_permissions(db, director, tmp_path: Path):
    """The second backup folder is the user's (their documents, a shared drive): it lost its group and other
    permissions at every backup. It keeps them now; the backups written into it are still the owner's only."""
    from mediation_desktop.services import backups

    folder = tmp_path / "我的文档"
    folder.mkdir()
    (folder / "notes.txt").write_text("我的笔记", encoding="utf-8")
    os.chmod(folder, 0o755)
    backups.set_second_folder(db, director, folder)
    backups.backup_now(db)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    copies = [p for p in folder.rglob("*") if p.name.startswith("mediation-backup-")]
    assert copies and all(stat.S_IMODE(p.stat().st_mode) & 0o077 == 0 for p in copies)
