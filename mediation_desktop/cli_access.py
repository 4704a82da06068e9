"""Who may run which command: the command line signs in like the window.

Commands that read personal data or change anything take a user: ``--user NAME`` with ``--password-stdin``
(the password is the first line of standard input), or the environment variables ``MEDIATION_DESKTOP_USER``
and ``MEDIATION_DESKTOP_PASSWORD`` (for scripts, like ``PGPASSWORD``). The password is checked by the same
service as the window's sign-in (:func:`mediation_desktop.services.accounts.authenticate`: wrong passwords
count toward the lockout), and the signed-in user is the one the commands act as: their privacy filters,
their role, their name in the audit log.

One table says what each command needs; a command not in it needs a director (a new command is closed
until someone decides otherwise).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from mediation_desktop.errors import MediationError

if TYPE_CHECKING:  # the services (and SQLAlchemy under them) load only for commands that sign in: the
    from mediation_desktop.services.accounts import Actor  # window's first paint does not wait for them

USER_ENV = "MEDIATION_DESKTOP_USER"
PASSWORD_ENV = "MEDIATION_DESKTOP_PASSWORD"

ANYONE, WRITER, DIRECTOR = "anyone", "writer", "director"  # any signed-in user / not a clerk / a director
Need = str | None  # None: no sign-in

# commands that need no user: set-up, the recovery code, the window (it signs in itself), and what shows
# nothing personal
NO_SIGN_IN = frozenset({"init", "recover", "gui", "check", "keys show"})

ACCESS: dict[str, Need | Callable[[argparse.Namespace], Need]] = {
    "demo": DIRECTOR,
    "cases": ANYONE,
    "pdf": ANYONE,
    "export": ANYONE,
    "import": ANYONE,
    "keys export-public": ANYONE,
    # a reader of every export, or another key for a unit already trusted: a director's decision
    "keys trust": lambda a: DIRECTOR if getattr(a, "escrow", False) or getattr(a, "replace", False) else ANYONE,
    "receipt import": ANYONE,
    "receipt list": ANYONE,
    "report": ANYONE,
    "ledger export": ANYONE,
    "ledger import": WRITER,
    "casefile-pages": WRITER,
    "archive": WRITER,
    "screening add": WRITER,
    "screening list": ANYONE,
    "screening link": WRITER,
    "screening remove": WRITER,
    "roster add": DIRECTOR,
    "roster set": DIRECTOR,
    "roster list": ANYONE,
    # the rotation in the data folder is anyone's; a copy of everything elsewhere, or where copies go, a director's
    "backup": lambda a: DIRECTOR if (a.out or a.second_folder or a.no_second_folder) else ANYONE,
    # a data folder with no database yet has nothing to protect (a new computer, its backup restored)
    "restore": lambda a: DIRECTOR if _has_database(a) else None,
}


def _has_database(args: argparse.Namespace) -> bool:
    from mediation_desktop.paths import resolve_data_dir

    return resolve_data_dir(args.data_dir).database.exists()

_signed_in: ContextVar[Actor | None] = ContextVar("signed_in", default=None)


def command_name(args: argparse.Namespace) -> str:
    """``keys trust``, ``ledger export``, ``cases`` …: the command and its action, if it has one."""
    command = str(args.command or "gui")
    action = getattr(args, f"{command}_command", None)
    return f"{command} {action}" if action else command


def needs(args: argparse.Namespace) -> Need:
    name = command_name(args)
    if name in NO_SIGN_IN:
        return None
    need = ACCESS.get(name, DIRECTOR)
    return need(args) if callable(need) else need


def add_sign_in_options(parser: argparse.ArgumentParser, h: Callable[[str, str], str]) -> None:
    """``--user`` and ``--password-stdin`` before the command and after every command that needs them."""
    def add(p: argparse.ArgumentParser, default: Any) -> None:
        p.add_argument("--user", metavar=h("用户名", "NAME"), default=default,
                       help=h(f"以这个用户登录（或设置环境变量 {USER_ENV}）",
                              f"sign in as this user (or set {USER_ENV})"))
        if "--password-stdin" in p._option_string_actions:
            return  # (restore: its own --password-stdin is a director's password, which also signs in)
        p.add_argument("--password-stdin", dest="sign_in_password_stdin", action="store_true", default=default,
                       help=h(f"从标准输入第一行读取密码（或设置环境变量 {PASSWORD_ENV}）",
                              f"read the password from the first line of standard input (or set {PASSWORD_ENV})"))

    add(parser, None)

    def walk(p: argparse.ArgumentParser, prefix: str) -> None:
        for action in p._actions:  # argparse keeps its sub-commands here
            if not isinstance(action, argparse._SubParsersAction):
                continue
            for name, sub in action.choices.items():
                full = f"{prefix} {name}".strip()
                if any(isinstance(a, argparse._SubParsersAction) for a in sub._actions):
                    walk(sub, full)
                elif full not in NO_SIGN_IN:
                    add(sub, argparse.SUPPRESS)  # (SUPPRESS: an option before the command is kept)

    walk(parser, "")


def stdin_line() -> str:
    """One line of standard input (a password, a recovery code), without its line end: UTF-8, or else GB18030 (a
    Chinese Windows console's pipe, a list saved by Notepad in ANSI); a leading byte-order mark dropped. Bytes that
    are neither are one clear line, never an internal error deep in the password check."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # (a stream of text already: nothing to decode)
        line = sys.stdin.readline()
    else:
        raw = buffer.readline()
        for encoding in ("utf-8", "gb18030"):
            try:
                line = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise MediationError("cli.stdin_not_text")
    if any("\udc80" <= ch <= "\udcff" for ch in line):  # (bytes a text stream could not decode, kept as escapes)
        raise MediationError("cli.stdin_not_text")
    return line.removeprefix("\ufeff").rstrip("\r\n")


def sign_in(args: argparse.Namespace, open_db: Callable[[argparse.Namespace], Any]) -> Actor | None:
    """The user the command acts as (None for commands that need none), checked against ``needs``."""
    _signed_in.set(None)
    need = needs(args)
    if need is None:
        return None
    name = (getattr(args, "user", None) or os.environ.get(USER_ENV, "")).strip()
    if not name:
        raise MediationError("cli.sign_in_required", command=command_name(args), user_env=USER_ENV,
                             password_env=PASSWORD_ENV)
    if getattr(args, "sign_in_password_stdin", None):
        password = stdin_line()
    else:
        password = os.environ.get(PASSWORD_ENV, "")
    if not password and getattr(args, "password_stdin", False):
        # restore --password-stdin: the director's password signs in and opens the backup (read once)
        password = args.stdin_secret = stdin_line()
    if not password:
        raise MediationError("cli.sign_in_password", user=name, password_env=PASSWORD_ENV)
    from mediation_desktop.domain.enums import Role
    from mediation_desktop.services.accounts import authenticate

    db = open_db(args)
    try:
        actor = authenticate(db, name, password, note_login=False)
    finally:
        db.dispose()
    if need == WRITER and actor.role == Role.CLERK:
        raise MediationError("account.read_only_role")
    if need == DIRECTOR and actor.role != Role.DIRECTOR:
        raise MediationError("account.forbidden", action=command_name(args))
    _signed_in.set(actor)
    return actor


def signed_in() -> Actor:
    """The user this command runs as (the dispatcher signed them in before the command started)."""
    actor = _signed_in.get()
    if actor is None:
        raise MediationError("cli.sign_in_required", command="?", user_env=USER_ENV, password_env=PASSWORD_ENV)
    return actor
