"""No English in the Chinese command line: argparse's own help and messages included; English kept for English.

Every command's ``--help`` and the usage errors a user can make, in Chinese and in English; then the failures
whose detail comes from the system or a library (a file refused, a database server not reached, an error
nobody expected).
"""

from __future__ import annotations

import argparse
import inspect
import re

import pytest
from cli_runner import INIT, run

from mediation_desktop import cli, i18n
from mediation_desktop.cli_parser import _MESSAGES, Parser, message_zh, width
from mediation_desktop.errors import MediationError

# argparse's own English: words of its help and of its error messages
ARGPARSE_WORDS = {
    "usage", "positional", "optional", "options", "arguments", "argument", "show", "this", "help", "message", "and",
    "exit", "program", "program's", "version", "number", "the", "following", "required", "invalid", "choice",
    "choose", "from", "expected", "one", "unrecognized", "ambiguous", "option", "could", "match", "not", "allowed",
    "with", "value", "int", "error", "subcommands", "ignored", "explicit", "at", "most", "least", "is", "of",
    "unknown", "parser", "choices",
}
# acronyms our own Chinese help names (file formats, the full-text module)
ACRONYMS = {"PDF", "JSON", "CSV", "FTS5"}


@pytest.fixture(autouse=True)
def _language_put_back():
    yield
    i18n.set_language(i18n.ZH)


def _english_left(text: str) -> list[str]:
    """The English words of argparse left in ``text``, and metavars in capitals (``FILE``, ``ORG_CODE`` …).

    Option strings (``--out``), program and command names, and the codes typed as values stay ASCII."""
    text = re.sub(r"(?<![\w])--?[A-Za-z][\w-]*", " ", text)  # option strings
    words = re.findall(r"[A-Za-z][A-Za-z_'0-9]*", text)
    words = [w for w in words if w not in CODES]
    left = [w for w in words if w.lower() in ARGPARSE_WORDS]
    left += [w for w in words if re.fullmatch(r"[A-Z]{2,}[A-Z_0-9]*", w) and w not in ACRONYMS
             and not w.startswith("MEDIATION_DESKTOP_")]
    return left


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += _commands(sub, (*path, name))
    return found


def _main(argv: list[str], capsys, monkeypatch, lang: str) -> tuple[int, str, str]:
    monkeypatch.setenv("MEDIATION_DESKTOP_LANG", lang)
    monkeypatch.setenv("COLUMNS", "80")  # (argparse wraps to the terminal's width)
    with pytest.raises(SystemExit) as exit_:
        cli.main(argv)
    out = capsys.readouterr()
    return int(exit_.value.code or 0), out.out, out.err


def _codes(parser: argparse.ArgumentParser) -> set[str]:
    """What is typed as it is: command names and the values of choices."""
    codes: set[str] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            codes |= set(action.choices)
            for sub in action.choices.values():
                codes |= _codes(sub)
        elif action.choices:
            codes |= set(action.choices)
    return codes


i18n.set_language(i18n.ZH)
COMMANDS = _commands(cli.build_parser())
CODES = _codes(cli.build_parser())


def test_every_command_is_walked():
    assert ("init",) in COMMANDS and ("keys", "trust") in COMMANDS and ("ledger", "import") in COMMANDS
    assert len(COMMANDS) > 25


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "(top)")
def test_every_help_is_chinese(command, capsys, monkeypatch):
    status, out, err = _main([*command, "--help"], capsys, monkeypatch, "zh")
    assert status == 0 and not err
    assert out.startswith("用法：mediation-desktop"), out
    assert "选项:" in out and "显示本帮助并退出" in out
    assert _english_left(out) == [], out
    assert max(width(line) for line in out.splitlines()) <= 80, out  # wrapped by terminal columns


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "(top)")
def test_every_help_stays_english_in_english(command, capsys, monkeypatch):
    status, out, _ = _main(["--lang", "en", *command, "--help"], capsys, monkeypatch, "zh")
    assert status == 0
    assert out.startswith("usage: mediation-desktop") and "show this help message and exit" in out
    assert not re.search(r"[\u4e00-\u9fff]", out.replace("噪音", "")), out  # (a Chinese example of a ledger's word)


def test_help_wraps_chinese_by_terminal_columns(capsys, monkeypatch):
    """A Chinese character takes two columns: lines fit the terminal, and help texts start in one column."""
    _, out, _ = _main(["report", "--help"], capsys, monkeypatch, "zh")
    assert max(width(line) for line in out.splitlines()) <= 80, out
    starts = {width(line[:line.index(help_)]) for line in out.splitlines()
              for help_ in ("填报人姓名", "只统计一个调委会", "输出文件（") if help_ in line}
    assert len(starts) == 1, out


def test_choices_that_are_codes_show_their_meaning(capsys, monkeypatch):
    _, out, _ = _main(["init", "--help"], capsys, monkeypatch, "zh")
    assert "village（村）、township（乡镇）、county（县）" in out
    _, out, _ = _main(["ledger", "export", "--help"], capsys, monkeypatch, "zh")
    assert "accepted（按受理日期）" in out and "closed（按结案日期）" in out


def test_version_help_and_version(capsys, monkeypatch):
    _, out, _ = _main(["--help"], capsys, monkeypatch, "zh")
    assert "显示程序版本号并退出" in out
    status, out, _ = _main(["--version"], capsys, monkeypatch, "zh")
    assert status == 0 and re.fullmatch(r"mediation-desktop \S+\n", out)  # the installers read it as it is


USAGE_ERRORS = [
    (["init", "--org-code", "1"], "缺少必需的参数：--org-name、--level、--admin、--password-stdin",
     "the following arguments are required"),
    (["init", "--level", "town"], "无效的选项“town”（可选：village（村）、township（乡镇）、county（县））",
     "invalid choice: 'town'"),
    (["cases", "--limit"], "参数 --limit：这个选项需要一个值", "expected one argument"),
    (["cases", "--limit", "x"], "参数 --limit：“x”不是有效的整数", "invalid int value: 'x'"),
    (["cases", "extra"], "无法识别的参数：extra", "unrecognized arguments: extra"),
    (["restore", "b.zip", "--password-stdin", "--recovery-code-stdin"],
     "参数 --recovery-code-stdin：不能与参数 --password-stdin 同时使用", "not allowed with argument"),
    (["--dat", "x", "cases"], "选项 --dat 不完整，可能是 --data-dir、--database-url", "ambiguous option"),
    (["cases", "--json=1"], "参数 --json：这个选项不带值，不能写“=1”", "ignored explicit argument '1'"),
    (["nosuch"], "参数 命令：无效的选项“nosuch”（可选：init、demo", "argument COMMAND: invalid choice"),
    (["keys"], "缺少必需的参数：操作", "the following arguments are required: ACTION"),
    (["import"], "缺少必需的参数：文件", "the following arguments are required: FILE"),
    (["report", "--period", "2026", "--out", "r.pdf", "--format", "doc"], "无效的选项“doc”（可选：pdf、xlsx、json）",
     "invalid choice: 'doc'"),
]


@pytest.mark.parametrize(("argv", "zh", "en"), USAGE_ERRORS, ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_usage_errors_are_one_chinese_line(argv, zh, en, capsys, monkeypatch):
    status, out, err = _main(argv, capsys, monkeypatch, "zh")
    assert status == cli.EXIT_USAGE and not out
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("命令参数不正确：") and zh in lines[0], err
    assert "--help 查看用法" in lines[0]
    assert _english_left(lines[0]) == [], lines[0]


@pytest.mark.parametrize(("argv", "zh", "en"), USAGE_ERRORS, ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_usage_errors_stay_english_in_english(argv, zh, en, capsys, monkeypatch):
    status, _, err = _main(["--lang", "en", *argv], capsys, monkeypatch, "zh")
    assert status == cli.EXIT_USAGE
    assert err.startswith("Invalid command line: ") and en in err and not re.search(r"[\u4e00-\u9fff]", err), err


def test_usage_errors_in_a_real_process(tmp_path):
    r = run(tmp_path / "data", "init", "--level", "city")
    assert r.returncode == 2 and "无效的选项“city”" in r.stderr and "invalid choice" not in r.stderr
    r = run(tmp_path / "data", "init", "--help")
    assert r.returncode == 0 and r.stdout.startswith("用法：") and "usage:" not in r.stdout
    r = run(tmp_path / "data", "init", "--help", lang="en")
    assert r.returncode == 0 and r.stdout.startswith("usage:") and "show this help message and exit" in r.stdout


def _sample(msgid: str) -> str:
    """argparse's message as it would format it, with sample values."""
    names = re.findall(r"%\(([a-z_]+)\)", msgid)
    if names:
        return msgid % {n: ("'v1', 'v2'" if n in ("choices", "matches") else "'v'") for n in names}
    return msgid % ("'v'",) if re.search(r"%[sr]", msgid) else msgid


@pytest.mark.parametrize(("msgid", "zh"), _MESSAGES)
def test_every_argparse_message_has_its_chinese(msgid, zh):
    english = _sample(msgid)
    said = message_zh(english)
    assert said != english and re.search(r"[\u4e00-\u9fff]", said), said
    assert _english_left(said) == [] and "%" not in said and "{" not in said, said
    nested = message_zh(f"argument --x: {english}")
    assert _english_left(nested) == [], nested


# argparse's messages that no user sees: errors in how a parser is defined (raised when the program builds it)
DEFINITION_ERRORS = {
    "%r is not callable", "'required' is an invalid argument for positionals", ".__call__() not defined",
    'argument "-" with mode %r', "cannot have multiple subparser arguments", "cannot merge actions - two groups "
    "are named %r", "conflicting subparser alias: %s", "conflicting subparser: %s", "dest= is required for options "
    "like %r", "invalid conflict_resolution value: %r", "mutually exclusive arguments must be optional",
    "conflicting option string: %s", "conflicting option strings: %s",
}
# argparse's words of the help and its error line: replaced by the parser's hooks (prefix, titles, -h, error())
HOOKED = {"usage: ", "positional arguments", "options", "show this help message and exit",
          "show program's version number and exit", "subcommands", "%(prog)s: error: %(message)s\n"}
# newer Pythons' (the Windows build's 3.11) words that hold no English a user sees: a section's title (Chinese, from
# the parser's titles) with its colon; the defaults of ArgumentDefaultsHelpFormatter, a formatter the command line
# does not use
NO_WORDS_SHOWN = {"%(heading)s:", " (default: %(default)s)"}


def test_every_message_argparse_has_is_known():
    """This Python's argparse says nothing the Chinese command line has no Chinese for (a newer Python with a
    new message fails here, not in front of a user)."""
    source = inspect.getsource(argparse)
    found = {m for _, m in re.findall(r"""\b_\((['"])(.*?)\1\)""", source)}
    for singular, plural in re.findall(r"ngettext\(['\"](.*?)['\"],\s*['\"](.*?)['\"]", source):
        found |= {singular, plural}
    found = {m.encode().decode("unicode_escape") for m in found}
    assert "the following arguments are required: %s" in found, "the scan of argparse found nothing"
    known = {msgid for msgid, _ in _MESSAGES} | DEFINITION_ERRORS | HOOKED | NO_WORDS_SHOWN
    assert sorted(found - known) == []


def test_mutually_exclusive_required_and_counted_values_in_chinese(capsys):
    i18n.set_language(i18n.ZH)
    p = Parser(prog="p")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--a", action="store_true")
    g.add_argument("--b", action="store_true")
    p.add_argument("--pair", nargs=2)
    for argv, said in ((["--pair", "1"], "参数 --pair：这个选项需要 2 个值"), ([], "参数 --a、--b 必须给出其中一个")):
        with pytest.raises(SystemExit):
            p.parse_args(argv)
        err = capsys.readouterr().err
        assert said in err and _english_left(err) == [], err


# ---------------------------------------------------------------------------------------------------------
# failures whose detail the system or a library wrote


def _failing_check(monkeypatch, error: BaseException) -> None:
    def fails(_args):
        raise error

    monkeypatch.setitem(cli.COMMANDS, "check", fails)  # (a command that needs no sign-in)


def test_a_file_the_system_refused_is_named_with_the_reason(monkeypatch, capsys, tmp_path):
    _failing_check(monkeypatch, FileNotFoundError(2, "No such file or directory", "/nowhere/out.pdf"))
    for lang, said in (("zh", "无法读写“/nowhere/out.pdf”：文件或文件夹不存在"),
                       ("en", "Cannot read or write '/nowhere/out.pdf': no such file or folder")):
        monkeypatch.setenv("MEDIATION_DESKTOP_LANG", lang)
        assert cli.main(["--data-dir", str(tmp_path / "data"), "check"]) == cli.EXIT_ERROR
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and said in err[0] and "Error" not in err[0], err


def test_an_unexpected_error_says_where_it_is_logged(monkeypatch, capsys, tmp_path):
    _failing_check(monkeypatch, KeyError("x"))
    assert cli.main(["--data-dir", str(tmp_path / "data"), "check"]) == cli.EXIT_ERROR
    err = capsys.readouterr().err.strip().splitlines()
    log = tmp_path / "data" / "logs" / "error.log"
    assert len(err) == 1 and "程序出错了" in err[0] and str(log) in err[0], err
    assert "KeyError" in log.read_text(encoding="utf-8")  # the traceback, for a technician


def test_a_library_warning_goes_to_the_log_in_chinese(monkeypatch, capsys, tmp_path):
    import warnings

    def warns(_args):
        warnings.warn("Workbook contains no default style, apply openpyxl's default", UserWarning, stacklevel=1)
        return 0

    monkeypatch.setitem(cli.COMMANDS, "check", warns)
    log = tmp_path / "data" / "logs" / "error.log"
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        assert cli.main(["--data-dir", str(tmp_path / "data"), "check"]) == 0
        assert capsys.readouterr().err == ""
        assert log.read_text(encoding="utf-8").count("UserWarning: Workbook contains no default style") == 1
    with warnings.catch_warnings(record=True) as shown:  # English: Python shows it, as before
        warnings.simplefilter("always")
        monkeypatch.setenv("MEDIATION_DESKTOP_LANG", "en")
        assert cli.main(["--data-dir", str(tmp_path / "data"), "check"]) == 0
    assert [str(w.message) for w in shown] == ["Workbook contains no default style, apply openpyxl's default"]
    assert log.read_text(encoding="utf-8").count("UserWarning: Workbook contains no default style") == 1


@pytest.mark.parametrize(("detail", "zh"), [
    ("[Errno 21] Is a directory: '/d/.b.zip.partial' -> '/d'", "这是一个文件夹，不是文件：/d"),
    ("[Errno 2] No such file or directory: '/x/.b.zip.partial'", "文件或文件夹不存在：/x/.b.zip.partial"),
    ("[Errno 13] Permission denied", "没有权限"),
])
def test_a_system_detail_in_a_message_is_said_in_chinese(monkeypatch, capsys, tmp_path, detail, zh):
    _failing_check(monkeypatch, MediationError("backup.write_failed", path="/d", detail=detail))
    assert cli.main(["--data-dir", str(tmp_path / "data"), "check"]) == cli.EXIT_ERROR
    err = capsys.readouterr().err.strip()
    assert err.startswith("备份没有做成：/d（") and zh in err and "Errno" not in err, err
    monkeypatch.setenv("MEDIATION_DESKTOP_LANG", "en")
    assert cli.main(["--data-dir", str(tmp_path / "data"), "check"]) == cli.EXIT_ERROR
    assert detail in capsys.readouterr().err  # English: as the system said it


def test_damaged_files_are_said_in_chinese(tmp_path):
    data = tmp_path / "data"
    assert run(data, *INIT, stdin="secret123\n").returncode == 0
    user = {"MEDIATION_DESKTOP_USER": "admin", "MEDIATION_DESKTOP_PASSWORD": "secret123"}
    text = tmp_path / "notes.txt"
    text.write_text("not a bundle", encoding="utf-8")
    r = run(data, "import", str(text), env=user)
    assert r.returncode == 1 and "不是有效的 zip 文件" in r.stderr and "BadZipFile" not in r.stderr, r.stderr
    r = run(data, "keys", "trust", str(text), env=user)
    assert r.returncode == 1 and "内容不是 JSON 格式" in r.stderr and "not JSON" not in r.stderr, r.stderr
    r = run(data, "keys", "trust", str(text), env=user, lang="en")
    assert "not JSON" in r.stderr  # English: as before


@pytest.mark.parametrize(("detail", "zh"), [
    ('connection failed: connection to server on socket "/run/pg/.s.PGSQL.5432" failed: No such file or directory',
     "数据库服务器没有在运行（找不到它的套接字 /run/pg/.s.PGSQL.5432）"),
    ('connection failed: connection to server at "hub.example", port 5432 failed: FATAL:  password authentication '
     'failed for user "hub"', "数据库用户名或密码不对"),
    ('connection failed: connection to server at "hub.example", port 5432 failed: FATAL:  database "hub" does not '
     'exist', "服务器上没有数据库“hub”"),
    ('connection failed: connection to server at "hub.example", port 5432 failed: FATAL:  role "x" does not exist',
     "服务器上没有数据库用户“x”"),
    ("connection failed: connection to server at \"hub.example\", port 5432 failed: fe_sendauth: no password supplied",
     "没有给出数据库密码"),
    ("connection failed: timeout expired", "连接数据库服务器超时"),
    ("postgresql+psycopg2://hub@/hub: No module named 'psycopg2'", "缺少这种数据库的驱动程序（psycopg2）"),
])
def test_why_a_database_server_was_not_reached(monkeypatch, capsys, tmp_path, detail, zh):
    """The PostgreSQL client's reasons (what the messages of libpq say), in Chinese; English: as it said them."""
    _failing_check(monkeypatch, MediationError("db.unreachable", detail=detail))
    assert cli.main(["--data-dir", str(tmp_path / "data"), "check"]) == cli.EXIT_ERROR
    err = capsys.readouterr().err.strip()
    assert err.startswith("无法打开数据库：") and zh in err, err
    monkeypatch.setenv("MEDIATION_DESKTOP_LANG", "en")
    assert cli.main(["--data-dir", str(tmp_path / "data"), "check"]) == cli.EXIT_ERROR
    assert detail in capsys.readouterr().err


def test_a_real_folder_as_a_backup_file(tmp_path):
    data = tmp_path / "data"
    assert run(data, *INIT, stdin="secret123\n").returncode == 0
    r = run(data, "backup", "--out", str(tmp_path), env={"MEDIATION_DESKTOP_USER": "admin",
                                                         "MEDIATION_DESKTOP_PASSWORD": "secret123"})
    assert r.returncode == 1 and "备份没有做成" in r.stderr and "这是一个文件夹，不是文件" in r.stderr, r.stderr
    assert "Errno" not in r.stderr and "Is a directory" not in r.stderr


@pytest.mark.parametrize(("url", "zh", "en"), [
    ("postgresql://u@127.0.0.1:1/x", "数据库服务器没有响应（连接被拒绝）", "Connection refused"),
    ("foo://x", "数据库地址“foo://x”不对", "Can't load plugin"),
    ("mysql://x", "数据库地址“mysql://x”不对", "Can't load plugin"),  # a kind of database this program does not use
    ("oracle://u@h/x", "数据库地址“oracle://u@h/x”不对", "Can't load plugin"),
    ("postgresql+psycopg2://u@h/x", "数据库地址“postgresql+psycopg2://u@h/x”不对", "Can't load plugin"),
    ("not a url", "数据库地址“not a url”不对", "Could not parse"),
])
def test_a_database_that_cannot_be_reached_is_said_in_chinese(tmp_path, url, zh, en):
    if url.startswith("postgresql"):
        pytest.importorskip("psycopg")
    r = run(tmp_path / "data", "--database-url", url, "cases")
    lines = r.stderr.strip().splitlines()
    assert r.returncode == 1 and len(lines) == 1 and lines[0].startswith("无法打开数据库：") and zh in lines[0], r.stderr
    assert not re.search(r"[A-Za-z]{4,}", lines[0].replace(url, "").replace("postgresql", "")), lines[0]
    assert "Error" not in lines[0]
    r = run(tmp_path / "data", "--database-url", url, "cases", lang="en")
    assert r.returncode == 1 and en in r.stderr


def test_the_kinds_of_sync_files_are_chinese(tmp_path):
    data = tmp_path / "data"
    assert run(data, *INIT, stdin="secret123\n").returncode == 0
    user = {"MEDIATION_DESKTOP_USER": "admin", "MEDIATION_DESKTOP_PASSWORD": "secret123"}
    assert run(data, "export", "--out", str(tmp_path / "b.bundle"), "--no-encrypt", env=user).returncode == 0
    r = run(data, "receipt", "list", env=user)
    assert r.returncode == 0 and "\t数据包\t" in r.stdout and "\tdata\t" not in r.stdout, r.stdout
    r = run(data, "receipt", "list", env=user, lang="en")
    assert "\tdata bundle\t" in r.stdout


def test_unknown_message_is_left_as_it_is():
    assert message_zh("something argparse never said") == "something argparse never said"



def test_a_path_the_locale_could_not_decode_is_shown_as_typed():
    """Under LC_ALL=C a Chinese folder name reaches Python as surrogates (printed as ``???``): shown as UTF-8."""
    from mediation_desktop.cli_errors import shown_path

    assert shown_path("/数据/logs".encode().decode("ascii", "surrogateescape")) == "/数据/logs"
    assert shown_path("/数据/logs") == "/数据/logs"
