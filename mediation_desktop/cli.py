"""The headless command line: ``mediation-desktop [global options] COMMAND …``.

A thin client of the services, like the GUI. Expected errors are one clear line in the user's
language with a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from mediation_desktop import __version__, i18n
from mediation_desktop.cli_access import sign_in, signed_in, stdin_line
from mediation_desktop.cli_arguments import refuse_unsafe_arguments
from mediation_desktop.cli_parser import Parser, choices_zh, h, version_action
from mediation_desktop.console import use_utf8_output
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.paths import DataPaths, resolve_data_dir, resolve_database_url

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2

def _h(zh: str, en: str) -> str:
    return h(zh, en)


def build_parser() -> argparse.ArgumentParser:
    p = Parser(prog="mediation-desktop",
               description=_h("调解工作台：村人民调解委员会的离线工作程序。不带命令时启动图形界面。",
                              "Mediation Desktop: offline program for people's mediation committees. "
                              "Without a command it starts the window."))
    version_action(p, f"mediation-desktop {__version__}")
    _add_global_options(p)
    sub = p.add_subparsers(dest="command", metavar=_h("命令", "COMMAND"))

    s = sub.add_parser("init", help=_h("首次设置：调委会信息和第一个主任账户", "first set-up"))
    s.add_argument("--org-code", required=True, metavar=_h("机构代码", "ORG_CODE"),
                   help=_h("机构代码（行政区划代码式）", "org unit code"))
    s.add_argument("--org-name", required=True, metavar=_h("名称", "ORG_NAME"), help=_h("调委会名称", "committee name"))
    levels = ["village", "township", "county"]
    s.add_argument("--level", required=True, choices=levels,
                   help=_h(f"级别：{choices_zh(levels)}", "level: village, township or county"))
    s.add_argument("--parent-code", metavar=_h("机构代码", "PARENT_CODE"),
                   help=_h("上级机构代码", "parent org unit code"))
    s.add_argument("--short-name", metavar=_h("简称", "SHORT_NAME"),
                   help=_h("案件编号中使用的简称", "short name used in case numbers"))
    s.add_argument("--admin", required=True, metavar=_h("用户名", "ADMIN"),
                   help=_h("主任账户用户名", "director's user name"))
    s.add_argument("--admin-name", metavar=_h("姓名", "ADMIN_NAME"), help=_h("主任姓名", "director's display name"))
    s.add_argument("--password-stdin", action="store_true", required=True,
                   help=_h("从标准输入读取密码", "read the password from standard input"))

    s = sub.add_parser("demo", help=_h("载入演示案件", "add demo cases"))
    s.add_argument("--cases", type=bounded("--cases", 0, 100_000), default=200, metavar=_h("件数", "CASES"),
                   help=_h("演示案件的件数（默认 200）", "how many demo cases (default 200)"))
    s.add_argument("--seed", type=bounded("--seed", 0, 2**32 - 1), default=2026, metavar=_h("种子", "SEED"),
                   help=_h("随机数种子：同一个种子生成同样的案件（默认 2026）",
                           "random seed: the same seed makes the same cases (default 2026)"))
    s.add_argument("--force", action="store_true", help=_h("数据库里已有非演示案件时也载入",
                                                           "add them even where there are real cases"))

    s = sub.add_parser("cases", help=_h("列出案件", "list cases"))
    s.add_argument("--search", metavar=_h("文字", "TEXT"),
                   help=_h("按编号、姓名、身份证号、电话或内容查找", "search text"))
    s.add_argument("--limit", type=bounded("--limit", 0, 10_000_000), metavar=_h("件数", "LIMIT"),
                   help=_h("最多列出多少件", "list at most this many cases"))
    s.add_argument("--json", action="store_true", help=_h("以 JSON 输出", "print JSON"))

    sub.add_parser("check", help=_h("检查数据库、审计链和附件文件", "check database, audit chain, files"))

    s = sub.add_parser("pdf", help=_h("生成文书 PDF（如调解协议书）", "make a document as PDF"))
    s.add_argument("doc", metavar=_h("文书", "DOC"), help=_h(
        "文书：cover contents application acceptance notice investigation evidence session agreement oral "
        "termination decline referral followup confirmation closing_report casefile（整本卷宗）",
        "document: cover contents application acceptance notice investigation evidence session agreement oral "
        "termination decline referral followup confirmation closing_report casefile (the whole case file)"))
    s.add_argument("case_no", metavar=_h("案件编号", "CASE_NO"), help=_h("案件编号", "case number"))
    s.add_argument("--out", required=True, metavar=_h("文件", "FILE"), help=_h("输出的 PDF 文件", "PDF file to write"))

    s = sub.add_parser("recover", help=_h("用恢复码重设主任密码（标准输入第一行恢复码，第二行新密码）",
                                          "reset a director's password with the recovery code (stdin: code, then "
                                          "the new password)"))
    s.add_argument("--user", required=True, metavar=_h("用户名", "USER"),
                   help=_h("主任账户用户名", "the director's user name"))

    _add_gui_options(sub.add_parser("gui", help=_h("启动图形界面（默认）", "start the window (default)")))
    for group in _command_groups():
        group.register(sub, _h)
    from mediation_desktop.cli_access import add_sign_in_options

    add_sign_in_options(p, _h)
    return p


def _add_global_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", metavar=_h("目录", "DIR"),
                   help=_h("数据目录（默认：用户数据目录）", "data folder"))
    p.add_argument("--database-url", metavar=_h("地址", "URL"), help=_h("数据库地址（乡镇/县汇总用 PostgreSQL）",
                                                                     "database URL (PostgreSQL for a hub)"))
    p.add_argument("--lang", choices=["zh", "en"], help=_h(f"界面语言：{choices_zh(['zh', 'en'])}", "language"))


def _add_gui_options(s: argparse.ArgumentParser) -> None:
    s.add_argument("--demo", action="store_true",
                   help=_h("尚未设置时，以演示调委会初始化并载入演示案件", "set up a demo committee if new"))


class _NotTheWindow(Exception):
    """The command line asks for more than starting the window: the full parser reads it."""


class _WindowParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _NotTheWindow(message)


def _parse(argv: list[str]) -> argparse.Namespace:
    """Starting the window (no command, or ``gui``, with the global options) is read by a parser of just
    those options, so the first paint waits for no other command's parser and modules; anything else
    (another command, ``--help``, ``--version``, an abbreviation, a mistake) is read by the full one,
    with its messages. The window's options are defined once, for both."""
    window = _WindowParser(prog="mediation-desktop", add_help=False, allow_abbrev=False)
    _add_global_options(window)
    _add_gui_options(window.add_subparsers(dest="command").add_parser("gui", add_help=False, allow_abbrev=False))
    try:
        return window.parse_args(argv)
    except _NotTheWindow:
        return build_parser().parse_args(argv)


def bounded(option: str, low: int, high: int) -> Callable[[str], int]:
    """An argument type: a whole number from ``low`` to ``high``; beyond them one line (not an overflow later)."""
    def parse(text: str) -> int:
        value = int(text)  # not a number: argparse's own message
        if not low <= value <= high:
            from mediation_desktop.domain.text import Label

            raise MediationError("limit.number", label=Label(option, option), value=text[:40], low=low, high=high)
        return value

    parse.__name__ = "int"
    return parse


def _command_groups() -> list[Any]:
    """Commands that live beside this module (the case file, sync, reports, backups, screenings): each has
    ``register(sub, h)`` adding its parsers with ``set_defaults(handler=...)``."""
    from mediation_desktop import cli_backup, cli_case_file, cli_reports, cli_screenings, cli_sync

    return [cli_case_file, cli_sync, cli_reports, cli_backup, cli_screenings]


def open_db(args: argparse.Namespace, *, require_init: bool = True):  # type: ignore[no-untyped-def]
    """The database named by ``--data-dir`` / ``--database-url`` (for the command groups too)."""
    return _open(args, require_init=require_init)


def _open(args: argparse.Namespace, *, require_init: bool = True):  # type: ignore[no-untyped-def]
    from mediation_desktop.storage.database import open_database

    paths = resolve_data_dir(args.data_dir)
    db = open_database(paths, resolve_database_url(args.database_url))
    if require_init and not db.is_initialised():
        db.dispose()
        raise MediationError("setup.not_initialised", data_dir=str(paths.root))
    return db


def cmd_init(args: argparse.Namespace) -> int:
    from mediation_desktop.services.setup import SetupRequest, initialise

    password = stdin_line()
    if not password:
        raise MediationError("setup.password_stdin_empty")
    from mediation_desktop.services.accounts import authenticate, issue_recovery_code

    db = _open(args, require_init=False)
    try:
        inst = initialise(db, SetupRequest(args.org_code, args.org_name, args.level, args.admin, password,
                                           parent_code=args.parent_code, short_name=args.short_name,
                                           admin_display_name=args.admin_name))
        code = issue_recovery_code(db, authenticate(db, args.admin, password))
    finally:
        db.dispose()
    print(tr("cli.init_done", org_name=inst.org_name, org_code=inst.org_code, admin=args.admin,
             data_dir=str(db.paths.root)))
    print(tr("cli.recovery_code", code=code))
    return EXIT_OK


def cmd_recover(args: argparse.Namespace) -> int:
    """A director's forgotten password: the recovery code (first line of stdin) and a new password (second)."""
    from mediation_desktop.services.accounts import recover_director

    code = stdin_line().strip()
    password = stdin_line()
    db = _open(args)
    try:
        fresh = recover_director(db, args.user, code, password)
    finally:
        db.dispose()
    print(tr("cli.recovered", user=args.user))
    print(tr("cli.recovery_code", code=fresh))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from mediation_desktop.services import demo

    db = _open(args)
    try:
        real = demo.real_cases(db)
        if real and not args.force:
            raise MediationError("cli.demo_real_cases", count=real)
        started = time.perf_counter()
        added = demo.generate(db, count=args.cases, seed=args.seed, actor=signed_in().username)
        seconds = time.perf_counter() - started
    finally:
        db.dispose()
    print(tr("cli.demo_done", count=added, seconds=f"{seconds:.1f}", rate=f"{added / max(seconds, 1e-9):,.0f}"))
    return EXIT_OK


def cmd_cases(args: argparse.Namespace) -> int:
    from mediation_desktop.domain.lifecycle import STATUS_LABELS_EN, STATUS_LABELS_ZH
    from mediation_desktop.services.queries import list_cases

    db = _open(args)
    try:
        rows = list_cases(db, search=args.search, limit=args.limit, viewer=signed_in())
    finally:
        db.dispose()
    if args.json:
        json.dump([r.as_json() for r in rows], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return EXIT_OK
    if not rows:
        print(tr("cli.no_cases"))
        return EXIT_OK
    labels = STATUS_LABELS_EN if i18n.current_language() == i18n.EN else STATUS_LABELS_ZH
    for r in rows:
        accepted = r.accepted_on.isoformat() if r.accepted_on else "-"
        print(f"{r.case_no}\t{labels[r.status]}\t{accepted}\t{'、'.join(r.parties)}\t{r.title}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from mediation_desktop.services.health import check

    db = _open(args, require_init=False)
    try:
        problems = check(db)
    finally:
        db.dispose()
    if not problems:
        print(tr("check.ok"))
        return EXIT_OK
    print(tr("check.failed", count=len(problems)), file=sys.stderr)
    for p in problems:
        print("  - " + tr(p.key, **p.params), file=sys.stderr)
    return EXIT_ERROR


def cmd_pdf(args: argparse.Namespace) -> int:
    from mediation_desktop.documents.registry import check_document, document_warning, page_count, render_document
    from mediation_desktop.services.cases import find_case_id
    from mediation_desktop.services.privacy import reveal_identities
    from mediation_desktop.storage.atomic import refuse_not_file, write_atomically

    check_document(args.doc)
    out = Path(args.out)
    if not out.resolve().parent.is_dir():
        raise MediationError("document.out_dir", path=str(out))
    refuse_not_file(out)  # (before the reveal is recorded)
    db = _open(args)
    try:
        case_id = find_case_id(db, args.case_no)
        data = render_document(db, args.doc, case_id)
        # documents carry full ID numbers: as in the window's case, a recorded reveal, refused for a
        # non-public case the user may not see (then nothing is written)
        reveal_identities(db, signed_in(), case_id)
        warning = document_warning(db, args.doc, case_id)
    finally:
        db.dispose()
    if warning is not None:  # printed, but not as if nothing were wrong (司法确认 after the 30 days …)
        print(tr(warning.key, **warning.params), file=sys.stderr)
    write_atomically(out, data)
    print(tr("cli.pdf_done", path=str(out), pages=page_count(data)))
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from mediation_desktop.app import run_gui

    return run_gui(resolve_data_dir(args.data_dir), resolve_database_url(args.database_url),
                   demo=getattr(args, "demo", False))


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "init": cmd_init, "recover": cmd_recover, "demo": cmd_demo, "cases": cmd_cases, "check": cmd_check,
    "pdf": cmd_pdf, "gui": cmd_gui,
}


def _log_unexpected(args: argparse.Namespace | None) -> Path | None:
    """The traceback into the data folder's error log; the log's path (None where it could not be written)."""
    return _append_log(args, traceback.format_exc())


def _append_log(args: argparse.Namespace | None, text: str) -> Path | None:
    try:
        paths: DataPaths = resolve_data_dir(getattr(args, "data_dir", None))
        from mediation_desktop.paths import cache_dir, foreign_entries
        from mediation_desktop.storage.private import create_private, private_dir

        # (never into a folder that is not the program's: it was refused, and must stay as it was)
        logs = cache_dir() / "logs" if foreign_entries(Path(paths.root)) else Path(paths.root) / "logs"
        log = private_dir(logs) / "error.log"
        with create_private(log, append=True) as fh:
            fh.write((time.strftime("%Y-%m-%d %H:%M:%S ") + text + "\n").encode("utf-8"))
    except OSError:
        return None
    return log


def _warnings_to_log(args: argparse.Namespace) -> None:
    """A library's warning (openpyxl's "Workbook contains no default style" …) is English written for a
    developer: in the Chinese command line it goes to the error log, not to the user's screen."""
    import warnings

    def show(message: Warning | str, category: type[Warning], filename: str, lineno: int,
             file: Any = None, line: str | None = None) -> None:
        _append_log(args, warnings.formatwarning(message, category, filename, lineno, line))

    warnings.showwarning = show


# every option naming where a command writes (a file, or the folder receipts or backup copies go to)
_OUTPUT_OPTIONS = ("out", "receipts", "second_folder")


def _refuse_own_outputs(args: argparse.Namespace) -> None:
    """No ``--out`` (nor receipts or second folder) onto the database, keys, backups … or the data folder."""
    paths = resolve_data_dir(args.data_dir)
    for name in _OUTPUT_OPTIONS:
        value = getattr(args, name, None)
        if isinstance(value, str) and value and value != "-":
            paths.refuse_own_file(value)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _not_text(arg: str) -> bool:
    """Bytes that are no UTF-8 text, which Python keeps as lone surrogates (``surrogateescape``). Under the C
    locale Python decodes even UTF-8 so: such an argument is still text (a folder named in Chinese), and kept
    as it came, as the file system needs it."""
    if _SURROGATE.search(arg) is None:
        return False
    try:
        os.fsencode(arg).decode("utf-8")
    except UnicodeError:
        return True
    return False


def _refuse_undecodable(argv: Sequence[str]) -> None:
    """Every argument is text: bytes the system could not decode as text are refused with one line naming the
    argument (the option it belongs to, and what can be read of it), never stored, printed or written into a
    file name."""
    for i, arg in enumerate(argv):
        if not _not_text(arg):
            continue
        shown = _SURROGATE.sub("\ufffd", arg)[:40]
        before = argv[i - 1] if i and argv[i - 1].startswith("-") and not _not_text(argv[i - 1]) else ""
        raise MediationError("cli.not_text", arg=f"{before} {shown}" if before else shown)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = None
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif a.startswith("--lang="):
            lang = a.split("=", 1)[1]
    i18n.set_language(i18n.detect_language(lang))
    use_utf8_output()  # pipes and files get UTF-8 on every code page (GBK, cp1252, C locale)
    from mediation_desktop.storage.private import restrict_umask

    restrict_umask()  # whatever the user's umask, what this program writes is the owner's only
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args: argparse.Namespace | None = None
    try:
        _refuse_undecodable(argv)  # before anything runs: what is stored is text
        args = _parse(argv)
        if i18n.current_language() == i18n.ZH and args.command not in (None, "gui"):
            _warnings_to_log(args)
        handler = getattr(args, "handler", None) or COMMANDS[args.command or "gui"]
        _refuse_own_outputs(args)  # before anything is opened or written
        refuse_unsafe_arguments(args)  # the forms' text rule; no control character in a file's name
        sign_in(args, _open)  # the table in cli_access: which commands need which user
        return handler(args)
    except MediationError as exc:
        from mediation_desktop.cli_errors import error_line

        print(error_line(exc), file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # the reader (e.g. ``| head``) stopped reading: not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print(tr("cli.interrupted"), file=sys.stderr)
        return 130
    except Exception as exc:  # one line for the user, the traceback to the log
        from sqlalchemy.exc import OperationalError

        from mediation_desktop.services.backups import explain_storage_error

        explained = explain_storage_error(exc)  # a full disk or a failing drive, said plainly
        if explained is not None and explained.key == "storage.io_error" and args is not None:
            from mediation_desktop.services.backups import disk_full_behind

            if disk_full_behind(exc, resolve_data_dir(args.data_dir).root):  # (SQLite says "I/O error" for it)
                explained = MediationError("storage.disk_full")
        from mediation_desktop.cli_errors import error_line, os_error_line, shown_path

        log = _log_unexpected(args)
        if explained is not None:
            print(error_line(explained), file=sys.stderr)
        elif isinstance(exc, OperationalError) and ("locked" in str(exc) or "lock timeout" in str(exc)):
            print(tr("db.busy"), file=sys.stderr)
        elif isinstance(exc, OSError):  # a file or folder the system refused: which, and why
            print(os_error_line(exc), file=sys.stderr)
        elif log is not None:
            print(tr("cli.unexpected_logged", detail=type(exc).__name__, log=shown_path(log)), file=sys.stderr)
        else:
            print(tr("cli.unexpected", detail=type(exc).__name__), file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
