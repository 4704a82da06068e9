"""Command-line commands for the screening register and the mediator roster (registered by
:mod:`mediation_desktop.cli`): ``screening add|list`` and ``roster add|list``; the same services as the window.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from typing import Any

from mediation_desktop.errors import MediationError

EXIT_OK = 0


def register(sub: Any, h: Callable[[str, str], str]) -> None:
    """Add this group's sub-commands to sub; each sets handler with set_defaults."""
    s = sub.add_parser("screening", help=h("矛盾纠纷排查登记", "the dispute screening register"))
    ss = s.add_subparsers(dest="screening_command", metavar=h("操作", "ACTION"), required=True)
    a = ss.add_parser("add", help=h("登记一次排查", "record a screening"))
    a.add_argument("--date", required=True, metavar=h("年-月-日", "YYYY-MM-DD"),
                   help=h("排查日期", "date of the screening"))
    a.add_argument("--place", required=True, metavar=h("地点", "PLACE"),
                   help=h("排查地点或走访户", "place or households visited"))
    a.add_argument("--by", default="", metavar=h("姓名", "BY"), help=h("排查人", "who screened"))
    a.add_argument("--households", default=None, metavar=h("户数", "HOUSEHOLDS"),
                   help=h("走访户数", "number of households visited"))
    a.add_argument("--found", action="append", default=[], metavar=h("文字", "TEXT"),
                   help=h("发现的纠纷（可重复）", "a dispute found (repeatable)"))
    a.add_argument("--prevented", action="append", default=[], metavar=h("文字", "TEXT"),
                   help=h("发现并已就地化解的纠纷（可重复）", "a dispute found and settled on the spot (repeatable)"))
    a.set_defaults(handler=cmd_screening_add)
    ls = ss.add_parser("list", help=h("列出排查记录", "list the screenings"))
    ls.add_argument("--json", action="store_true", help=h("以 JSON 输出", "print JSON"))
    ls.set_defaults(handler=cmd_screening_list)

    r = sub.add_parser("roster", help=h("调解员名册", "the mediator roster"))
    rs = r.add_subparsers(dest="roster_command", metavar=h("操作", "ACTION"), required=True)
    a = rs.add_parser("add", help=h("加入一名调解员", "add a mediator"))
    a.add_argument("name", metavar=h("姓名", "name"), help=h("调解员姓名", "name"))
    a.add_argument("--full-time", action="store_true", help=h("专职调解员", "full-time mediator"))
    a.add_argument("--phone", default=None, metavar=h("电话", "PHONE"), help=h("电话", "phone"))
    a.set_defaults(handler=cmd_roster_add)
    ls = rs.add_parser("list", help=h("列出名册", "list the roster"))
    ls.add_argument("--json", action="store_true", help=h("以 JSON 输出", "print JSON"))
    ls.set_defaults(handler=cmd_roster_list)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise MediationError("screening.date", value=text) from None


def cmd_screening_add(args: argparse.Namespace) -> int:
    from mediation_desktop.cli import open_db
    from mediation_desktop.cli_access import signed_in
    from mediation_desktop.i18n import tr
    from mediation_desktop.services import screenings

    found = [screenings.FindingInput(t) for t in args.found]
    found += [screenings.FindingInput(t, prevented=True) for t in args.prevented]
    data = screenings.ScreeningInput(_date(args.date), args.place, args.by, args.households, findings=found)
    db = open_db(args)
    try:
        screenings.add_screening(db, signed_in(), data)
    finally:
        db.dispose()
    print(tr("screening.added", date=data.held_on.isoformat(), found=len(found)))
    return EXIT_OK


def cmd_screening_list(args: argparse.Namespace) -> int:
    from mediation_desktop.cli import open_db
    from mediation_desktop.i18n import tr
    from mediation_desktop.services import screenings

    db = open_db(args)
    try:
        rows = screenings.list_screenings(db)
    finally:
        db.dispose()
    if args.json:
        data = [{"id": s.id.hex, "org_code": s.owner_org_code, "held_on": s.held_on.isoformat(), "place": s.place,
                 "screened_by": s.screened_by, "households": s.households, "note": s.note,
                 "findings": [{"id": f.id.hex, "description": f.description, "prevented": f.prevented,
                               "case_id": f.case_id.hex if f.case_id else None, "case_no": f.case_no}
                              for f in s.findings]} for s in rows]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        return EXIT_OK
    if not rows:
        print(tr("screening.none"))
    for s in rows:
        print(f"{s.held_on.isoformat()}\t{s.place}\t{s.screened_by}\t{len(s.findings)}")
        for f in s.findings:
            state = f.case_no or tr("screening.state.prevented" if f.prevented else "screening.state.open")
            print(f"\t- {f.description} ({state})")
    return EXIT_OK


def cmd_roster_add(args: argparse.Namespace) -> int:
    from mediation_desktop.cli import open_db
    from mediation_desktop.cli_access import signed_in
    from mediation_desktop.i18n import tr
    from mediation_desktop.services import roster

    db = open_db(args)
    try:
        roster.add_mediator(db, signed_in(), roster.MediatorInput(args.name, args.full_time, args.phone))
    finally:
        db.dispose()
    print(tr("mediator.added", name=" ".join(args.name.split())))
    return EXIT_OK


def cmd_roster_list(args: argparse.Namespace) -> int:
    from mediation_desktop.cli import open_db
    from mediation_desktop.i18n import tr
    from mediation_desktop.services import roster

    db = open_db(args)
    try:
        rows = roster.list_mediators(db)
    finally:
        db.dispose()
    if args.json:
        sys.stdout.write(json.dumps([{"id": m.id.hex, "name": m.name, "full_time": m.full_time, "phone": m.phone,
                                      "active": m.active} for m in rows], ensure_ascii=False, indent=1) + "\n")
        return EXIT_OK
    if not rows:
        print(tr("mediator.none"))
    for m in rows:
        print("\t".join((m.name, tr("mediator.full_time" if m.full_time else "mediator.part_time"), m.phone or "",
                         tr("mediator.active" if m.active else "mediator.inactive"))))
    return EXIT_OK
