"""Command-line commands for the case file and its keeping (registered by :mod:`mediation_desktop.cli`):
``casefile-pages`` (the paper items' pages), ``archive`` (归档 with its 保管期限) and ``retention`` (a director
sets a closed case's 保管期限, with a reason); the same services as the window.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from mediation_desktop.cli_access import signed_in
from mediation_desktop.i18n import tr

EXIT_OK = 0


def register(sub: Any, h: Callable[[str, str], str]) -> None:
    """Add this group's sub-commands to sub; each sets handler with set_defaults."""
    s = sub.add_parser("casefile-pages", help=h(
        "卷宗中纸质材料的页数（不写页数则显示）", "pages of the paper items of a case file (none given: show them)"))
    s.add_argument("case_no", metavar=h("案件编号", "CASE_NO"), help=h("案件编号", "case number"))
    s.add_argument("pages", nargs="*", metavar=h("项目=页数", "ITEM=PAGES"), help=h(
        "项目=页数：identity（当事人身份证明） power_of_attorney（授权委托书） evidence（纸质证据） "
        "performance（收条等履行凭证） confirmation（司法确认材料）；0 为删除",
        "item=pages: identity, power_of_attorney, evidence, performance, confirmation; 0 removes"))
    s.set_defaults(handler=cmd_casefile_pages)

    s = sub.add_parser("archive", help=h("归档一件已结案的案件，写明保管期限", "archive a closed case with its "
                                                                   "retention period"))
    s.add_argument("case_no", metavar=h("案件编号", "CASE_NO"), help=h("案件编号", "case number"))
    s.add_argument("--retention", metavar=h("保管期限", "PERIOD"), type=retention_word, help=h(
        "保管期限：永久、长期、短期或“N年”（默认：长期）",
        "retention period: permanent, long (the default), short, or Ny for N years"))
    s.set_defaults(handler=cmd_archive)
    s = sub.add_parser("retention", help=h("主任改定一件已结案案件的保管期限（须写明原因）",
                                            "a director sets a closed case's retention period (with a reason)"))
    s.add_argument("case_no", metavar=h("案件编号", "CASE_NO"), help=h("案件编号", "case number"))
    s.add_argument("period", metavar=h("保管期限", "PERIOD"), type=retention_word, help=h(
        "永久、长期、短期或“N年”", "permanent, long, short, or Ny for N years"))
    s.add_argument("--reason", required=True, metavar=h("原因", "REASON"), help=h("原因", "reason"))
    s.set_defaults(handler=cmd_retention)


_RETENTION_WORDS = {"permanent": "永久", "long": "长期", "short": "短期"}


def retention_word(text: str) -> str:
    """A 保管期限 as typed: the cover's words (永久, 15年 …), or in English permanent / long / short / 15y."""
    word = text.strip().lower()
    if word in _RETENTION_WORDS:
        return _RETENTION_WORDS[word]
    if word.endswith("y") and word[:-1].strip().isdigit():
        return f"{word[:-1].strip()}年"
    return text


def open_db(args: argparse.Namespace) -> Any:
    from mediation_desktop.cli import open_db as cli_open_db  # (the command line's, imported when a command runs)

    return cli_open_db(args)


def cmd_casefile_pages(args: argparse.Namespace) -> int:
    from mediation_desktop.services.case_file import case_file_pages, parse_paper_pages, set_case_file_pages
    from mediation_desktop.services.cases import find_case_id

    wanted = parse_paper_pages(args.pages)  # refused before anything is opened
    db = open_db(args)
    try:
        case_id = find_case_id(db, args.case_no)
        now = set_case_file_pages(db, signed_in(), case_id, wanted) if wanted else case_file_pages(db, case_id)
    finally:
        db.dispose()
    pages = " ".join(f"{k}={v}" for k, v in now.items())
    if wanted:
        print(tr("cli.paper_pages_done", case_no=args.case_no, pages=pages or "-"))
    else:  # (nothing given: what is recorded is shown, and the line says nothing was saved)
        print(tr("cli.paper_pages_shown", case_no=args.case_no, pages=pages) if pages
              else tr("cli.paper_pages_none", case_no=args.case_no))
    return EXIT_OK


def cmd_archive(args: argparse.Namespace) -> int:
    """归档 with its 保管期限 (the committee's default when none is given), in one step."""
    from mediation_desktop.domain.lifecycle import CaseAction
    from mediation_desktop.services.cases import change_status, find_case_id
    from mediation_desktop.services.retention import DEFAULT_PERIOD

    db = open_db(args)
    try:
        case_id = find_case_id(db, args.case_no)
        change_status(db, signed_in(), case_id, CaseAction.ARCHIVE, retention=args.retention or DEFAULT_PERIOD)
        period = _retention_of(db, case_id)
    finally:
        db.dispose()
    print(tr("cli.archived", case_no=args.case_no, period=period))
    return EXIT_OK


def cmd_retention(args: argparse.Namespace) -> int:
    from mediation_desktop.services.cases import find_case_id
    from mediation_desktop.services.retention import set_period

    db = open_db(args)
    try:
        period = set_period(db, signed_in(), find_case_id(db, args.case_no), args.period, reason=args.reason)
    finally:
        db.dispose()
    print(tr("cli.retention_set", case_no=args.case_no, period=period))
    return EXIT_OK


def _retention_of(db: Any, case_id: Any) -> str:
    from mediation_desktop.storage.models import Case

    with db.read_session() as s:
        case = s.get(Case, case_id)
        return str(case.archive_retention or "") if case is not None else ""
