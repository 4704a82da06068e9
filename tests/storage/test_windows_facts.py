"""Facts of Windows the program relies on (issue 16), checked in the Windows lane (Wine, and a hosted
Windows runner): where the data folder is, replacing files another program holds open, the refusal of a
removable drive. The replacement tests run everywhere: on Linux the same calls must simply succeed."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
import windows_facts

from mediation_desktop.domain.china_time import typed_in_china
from mediation_desktop.errors import MediationError, RemovableMedia
from mediation_desktop.paths import DataPaths, resolve_data_dir
from mediation_desktop.services import backups, restoring
from mediation_desktop.services.health import check
from mediation_desktop.storage.atomic import write_atomically
from mediation_desktop.storage.database import open_database
from mediation_desktop.storage.removable import is_removable

WINDOWS = windows_facts.WINDOWS
windows_only = pytest.mark.skipif(not WINDOWS, reason="a fact of Windows, checked by packaging/dev.sh test-windows")


@windows_only
def test_the_data_folder_is_local_appdata_mediationdesktop(monkeypatch):
    """Per user and not roaming: the installer's uninstaller looks for it there ({localappdata})."""
    monkeypatch.delenv("MEDIATION_DESKTOP_DATA_DIR")
    root = Path(resolve_data_dir(None).root)
    assert root == Path(os.environ["LOCALAPPDATA"]) / "MediationDesktop"
    assert "Roaming" not in root.parts


@pytest.mark.parametrize("holder", ["rb", "r+b"])
def test_writing_a_file_another_program_holds_open(tmp_path, monkeypatch, holder):
    """A PDF open in a viewer while it is printed again: POSIX replaces it; Windows refuses the rename,
    and the user is told to close the other program (one clear message), the old file intact."""
    from mediation_desktop.storage import atomic

    monkeypatch.setattr(atomic, "_REPLACE_PAUSE", 0.01)
    target = tmp_path / "协议书 1.pdf"
    target.write_bytes(b"old")
    with open(target, holder) as other:
        if WINDOWS:
            with pytest.raises(MediationError) as caught:
                write_atomically(target, b"new")
            assert caught.value.key == "storage.file_in_use" and caught.value.params["path"] == str(target)
            assert other.read() == b"old"
        else:
            write_atomically(target, b"new")
    assert target.read_bytes() == (b"old" if WINDOWS else b"new")
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left behind


@pytest.mark.parametrize("name", ["协议书.pdf", "统计表.xlsx", "石桥村.bundle"])
def test_a_file_written_where_a_folder_stands_is_one_error_everywhere(tmp_path, name):
    """Any output (a PDF, a report, a bundle, a key) aimed at an existing folder: POSIX would refuse only the final
    rename ("Is a directory"), Windows as "access denied" (read as a permission problem); both are told the same
    before anything is written, and the folder is left as it was."""
    import errno

    folder = tmp_path / name
    folder.mkdir()
    (folder / "kept.txt").write_bytes(b"kept")
    with pytest.raises(IsADirectoryError) as caught:
        write_atomically(folder, b"new")
    assert caught.value.errno == errno.EISDIR and caught.value.filename == str(folder.resolve())
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temporary file made
    assert [p.name for p in folder.iterdir()] == ["kept.txt"]


def test_backup_rotation_while_an_old_backup_is_open(db):
    """An old backup held open (being copied to a USB stick) when the rotation wants it gone: the new backup
    still succeeds; on Windows the old one stays until the next backup after it is closed, on Linux it goes."""
    older = backups.backup_now(db, now=typed_in_china(2026, 3, 2, 8)).path
    for hour in range(9, 8 + backups.KEEP_NEWEST_DAY):
        backups.backup_now(db, now=typed_in_china(2026, 3, 2, hour))
    with open(older, "rb"):
        newer = backups.backup_now(db, now=typed_in_china(2026, 3, 2, 18)).path  # one too many: the 8 o'clock one goes
        assert newer.is_file()
        assert older.exists() == WINDOWS
    latest = backups.backup_now(db, now=typed_in_china(2026, 3, 2, 19)).path
    left = [p for _, p in backups.rotation(db.paths.backups)]
    assert left[0] == latest and older not in left and len(left) == backups.KEEP_NEWEST_DAY
    assert check(db) == []


@pytest.mark.parametrize("holder", ["sqlite", "file"])
def test_restore_while_another_program_holds_the_database_open(db, tmp_path, holder):
    """Another program has the database open while the CLI restores. The window (an SQLite connection): the
    restore says the database is in use, everywhere. A plain handle (Explorer copying it, a virus scanner):
    POSIX swaps the file under it; Windows cannot replace an open file, so the restore says the database is
    in use and changes nothing. Either way the data stays whole, and after closing the restore goes through."""
    from mediation_desktop.services.backup_unlock import PASSWORD, BackupSecret
    from tests.conftest import ORG

    secret = BackupSecret(PASSWORD, ORG.admin_password)  # (a backup written outside the data folder is encrypted)
    archive = tmp_path / "备份.zip"
    backups.export_backup(db, archive)
    db.dispose()
    refused = holder == "sqlite" or WINDOWS
    if holder == "sqlite":
        other = sqlite3.connect(db.paths.database)
        other.execute("SELECT count(*) FROM mediation_case").fetchone()
    else:
        other = open(db.paths.database, "rb")
    try:
        if refused:
            with pytest.raises(MediationError) as caught:
                restoring.restore(db.paths, archive, secret=secret)
            assert caught.value.key == "backup.db_in_use"
        else:
            restoring.restore(db.paths, archive, secret=secret)
    finally:
        other.close()
    reopened = open_database(DataPaths(db.paths.root))
    try:
        assert check(reopened) == []
    finally:
        reopened.dispose()
    if refused:
        assert restoring.restore(db.paths, archive, secret=secret).problems == []


@windows_only
def test_a_removable_drive_is_refused_for_the_live_database():
    """A data folder on a USB stick (GetDriveTypeW says DRIVE_REMOVABLE) is refused; the fixed disk is not.
    The Windows lane's Wine prefix has drive R: of type floppy (packaging/windows/setup.sh)."""
    drive = os.environ.get("MEDIATION_TEST_REMOVABLE_DRIVE")
    if not drive or not os.path.isdir(drive + "\\"):
        pytest.skip("no removable drive on this machine (the Wine lane sets MEDIATION_TEST_REMOVABLE_DRIVE)")
    on_stick = Path(drive + "\\") / "调解数据"
    assert is_removable(on_stick)
    assert not is_removable(Path(os.environ["LOCALAPPDATA"]))
    with pytest.raises(RemovableMedia):
        open_database(DataPaths(on_stick))
    assert not on_stick.exists()  # refused before anything was written there
