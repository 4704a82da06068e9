"""``mediation-desktop backup`` and ``restore`` as a user types them, with their Chinese messages."""

from __future__ import annotations

import re
import string
import zipfile
from pathlib import Path

from cli_runner import INIT, run

from mediation_desktop.storage.backup_messages import BACKUP_MESSAGES
from mediation_desktop.storage.sealed import is_sealed


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_messages_have_both_languages_and_the_same_placeholders():
    for key, (zh, en) in BACKUP_MESSAGES.items():
        assert zh and en and re.search(r"[\u4e00-\u9fff]", zh), key
        assert _fields(zh) == _fields(en), key
    root = Path(__file__).resolve().parents[2] / "mediation_desktop"
    used = set()
    for name in ("services/backups.py", "storage/backup.py", "storage/backup_archive.py", "storage/backup_folder.py",
                 "storage/backup_format.py", "storage/backup_snapshot.py", "cli_backup.py", "services/restoring.py",
                 "services/backup_trust.py", "services/backup_sealing.py", "services/backup_unlock.py"):
        used |= set(re.findall(r'(?:MediationError|tr)\(\s*"((?:backup|restore|storage)\.[a-z_]+)"',
                               (root / name).read_text(encoding="utf-8")))
    assert used and used <= BACKUP_MESSAGES.keys(), used - BACKUP_MESSAGES.keys()


def test_backup_and_restore_from_the_command_line(tmp_path: Path):
    data = tmp_path / "data"
    assert run(data, *INIT, stdin="secret123\n").returncode == 0
    assert run(data, "demo", "--cases", "30").returncode == 0
    before = run(data, "cases", "--json").stdout

    out = tmp_path / "备份.zip"
    r = run(data, "backup", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "备份完成" in r.stdout and "30 个案件" in r.stdout
    assert not zipfile.is_zipfile(out) and is_sealed(out)  # outside the data folder: encrypted

    r = run(data, "backup")
    assert r.returncode == 0 and "mediation-backup-" in r.stdout
    r = run(data, "backup", "--list")
    assert r.returncode == 0 and "mediation-backup-" in r.stdout

    assert run(data, "demo", "--cases", "5", "--seed", "9").returncode == 0
    r = run(data, "restore", str(out))
    assert r.returncode == 1 and "是加密的" in r.stderr and "--password-stdin" in r.stderr
    r = run(data, "restore", str(out), "--password-stdin", stdin="wrong-password\n")
    assert r.returncode == 1 and "恢复码或主任密码不对" in r.stderr
    r = run(data, "restore", str(out), "--password-stdin", stdin="secret123\n")
    assert r.returncode == 0, r.stderr
    assert "已从" in r.stdout and "恢复前的数据已备份到" in r.stdout and "密钥指纹" in r.stdout
    assert run(data, "cases", "--json").stdout == before
    assert run(data, "check").returncode == 0


def test_restore_refuses_with_a_clear_chinese_message(tmp_path: Path):
    data = tmp_path / "data"
    assert run(data, *INIT, stdin="secret123\n").returncode == 0
    junk = tmp_path / "照片.zip"
    junk.write_bytes(b"\x89PNG not a backup")
    r = run(data, "restore", str(junk))
    assert r.returncode == 1
    assert r.stderr.strip() == f"“{junk}”不是调解工作台的备份文件，不能用来恢复。"
    assert "Traceback" not in r.stderr
    r = run(data, "restore", str(junk), lang="en")
    assert "is not a Mediation Desktop backup" in r.stderr

    other = tmp_path / "other"
    assert run(other, "init", "--org-code", "330102002", "--org-name", "东村人民调解委员会", "--level", "village",
               "--admin", "admin", "--password-stdin", stdin="secret123\n").returncode == 0
    foreign = tmp_path / "东村.zip"
    assert run(other, "backup", "--out", str(foreign)).returncode == 0
    r = run(data, "restore", str(foreign), "--password-stdin", stdin="secret123\n")
    assert r.returncode == 1 and "另一个安装：“东村人民调解委员会”（代码 330102002，密钥指纹 " in r.stderr
    assert "--other-installation" in r.stderr
    r = run(data, "restore", str(foreign), "--other-installation", "--password-stdin", stdin="secret123\n")
    assert r.returncode == 0, r.stderr


def test_second_folder_setting(tmp_path: Path):
    data = tmp_path / "data"
    assert run(data, *INIT, stdin="secret123\n").returncode == 0
    second = tmp_path / "D盘备份"
    r = run(data, "backup", "--second-folder", str(second))
    assert r.returncode == 0 and "第二个备份位置已设为" in r.stdout
    r = run(data, "backup")
    assert r.returncode == 0 and "第二份备份" in r.stdout
    assert len(list(second.glob("mediation-backup-*.zip"))) == 1
    assert run(data, "backup", "--no-second-folder").returncode == 0
