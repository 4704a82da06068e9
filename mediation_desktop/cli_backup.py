"""Command-line commands for backup (registered by :mod:`mediation_desktop.cli`).

``backup`` (into the rotation), ``backup --out FILE`` (one self-contained file), ``backup --list``,
``backup --second-folder DIR`` / ``--no-second-folder``, and ``restore FILE [--other-installation]
[--allow-unsigned] [--recovery-code-stdin | --password-stdin]`` (an encrypted backup opens with the recovery
code or a director's password, read from the first line of standard input).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXIT_OK = 0


def register(sub: Any, h: Callable[[str, str], str]) -> None:
    """Add this group's sub-commands to sub; each sets handler with set_defaults."""
    s = sub.add_parser("backup", help=h("备份数据库和附件", "back up the database and attachments"))
    s.add_argument("--out", metavar=h("文件", "FILE"), help=h("写成一个完整的备份文件（.zip），可以拷到别处保存",
                                                   "write one self-contained backup file (.zip)"))
    s.add_argument("--list", action="store_true", help=h("列出已有的备份", "list the existing backups"))
    s.add_argument("--second-folder", metavar=h("目录", "DIR"),
                   help=h("设置第二个备份位置（如另一块硬盘）", "set a second backup folder (e.g. another drive)"))
    s.add_argument("--no-second-folder", action="store_true", help=h("取消第二个备份位置",
                                                                     "remove the second backup folder"))
    s.set_defaults(handler=cmd_backup)

    s = sub.add_parser("restore", help=h("从备份文件恢复（恢复前会先备份现有数据）",
                                         "restore from a backup (the current data is backed up first)"))
    s.add_argument("file", metavar=h("文件", "FILE"), help=h("备份文件（.zip）", "backup file (.zip)"))
    s.add_argument("--other-installation", action="store_true",
                   help=h("允许用另一台电脑（另一个调委会）的备份替换本机数据",
                          "allow a backup made by another installation to replace this one's data"))
    s.add_argument("--allow-unsigned", action="store_true",
                   help=h("允许恢复旧版本做的、没有签名的备份", "allow an unsigned backup made by an older version"))
    secret = s.add_mutually_exclusive_group()
    secret.add_argument("--recovery-code-stdin", action="store_true",
                        help=h("从标准输入读取恢复码（打开加密备份）",
                               "read the recovery code from standard input (opens an encrypted backup)"))
    secret.add_argument("--password-stdin", action="store_true",
                        help=h("从标准输入读取主任密码（打开加密备份）",
                               "read a director's password from standard input (opens an encrypted backup)"))
    s.set_defaults(handler=cmd_restore)


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


def cmd_backup(args: argparse.Namespace) -> int:
    import sys

    from mediation_desktop.cli import open_db
    from mediation_desktop.cli_access import signed_in
    from mediation_desktop.i18n import tr
    from mediation_desktop.services import backup_owner, backups

    db = open_db(args)
    try:
        if args.second_folder or args.no_second_folder:
            folder = None if args.no_second_folder else Path(args.second_folder)
            backups.live_database_file(db)
            backups.set_second_folder(db, signed_in(), folder)
            print(tr("backup.second_folder_cleared") if folder is None
                  else tr("backup.second_folder_set", path=str(folder.absolute())))
            return EXIT_OK
        if args.list:
            backups.live_database_file(db)
            found = backups.backups_in(db.paths.backups)
            if not found:
                print(tr("backup.list_empty"))
            own = backup_owner.own_org_code(db)
            for made, path in found:  # (another committee's archive, or a damaged one, says so)
                said = backup_owner.note(path, own)
                extra = "" if said is None else "\t" + tr(said[0], **said[1])
                print(f"{made:%Y-%m-%d %H:%M:%S}\t{_size(path.stat().st_size)}\t{path}{extra}")
            return EXIT_OK
        if args.out:
            report = backups.export_backup(db, Path(args.out), actor=signed_in())
        else:
            report = backups.backup_now(db)
    finally:
        db.dispose()
    print(tr("backup.done", path=str(report.path), cases=report.cases, files=report.files, size=_size(report.size)))
    if report.second_path is not None:
        print(tr("backup.second_copy", path=str(report.second_path)))
    if report.second_error is not None:
        print(tr(report.second_error.key, **report.second_error.params), file=sys.stderr)
    if report.missing_files:
        print(tr("backup.missing_files", count=report.missing_files), file=sys.stderr)
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    """Works on the data folder itself rather than an opened database: the database being replaced may be
    the damaged one that cannot be opened, and it must be closed for the swap anyway."""
    import sys

    from mediation_desktop.cli_access import stdin_line
    from mediation_desktop.errors import MediationError
    from mediation_desktop.i18n import tr
    from mediation_desktop.paths import resolve_data_dir, resolve_database_url
    from mediation_desktop.services import restoring
    from mediation_desktop.services.restore_said import done_lines

    if resolve_database_url(args.database_url) is not None:
        raise MediationError("backup.not_sqlite")
    from mediation_desktop.services.backup_unlock import PASSWORD, RECOVERY, BackupSecret

    paths = resolve_data_dir(args.data_dir)
    secret = None
    if args.recovery_code_stdin or args.password_stdin:
        value = getattr(args, "stdin_secret", None)  # (already read when that password signed in)
        if value is None:
            value = stdin_line()
        secret = BackupSecret(RECOVERY if args.recovery_code_stdin else PASSWORD, value)
    report = restoring.restore(paths, Path(args.file), allow_other_installation=args.other_installation,
                               allow_unsigned=args.allow_unsigned, secret=secret)
    done = done_lines(report)
    print(tr(done[0][0], **done[0][1]))
    print(tr("restore.whose", org=report.org_name or "?", code=report.org_code or "?",
             fingerprint=report.fingerprint or "-"))
    for key, values in done[1:]:
        print(tr(key, **values))
    if report.problems:
        print(tr("restore.check_failed", count=len(report.problems)), file=sys.stderr)
        return 1
    return EXIT_OK
