"""Command-line commands for the screening register and the mediator roster (registered by
:mod:`mediation_desktop.cli`): ``screening add|list|link|remove`` and ``roster add|list|set``; the same services
as the window.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from typing import Any

from mediation_desktop.domain.person_names import tidy_person_name
from mediation_desktop.domain.text import Label
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
    a.add_argument("--note", default="", metavar=h("文字", "TEXT"), help=h("备注", "note"))
    a.set_defaults(handler=cmd_screening_add)
    st = ss.add_parser("set", help=h("更正一次排查：日期、地点、排查人、户数、备注，发现的纠纷",
                                     "correct a screening: its date, place, who, households, note, disputes found"))
    st.add_argument("screening", metavar=h("排查", "SCREENING"),
                    help=h("这次排查（screening list --json 里它的 id）",
                           "the screening (its id in screening list --json)"))
    st.add_argument("--date", default=None, metavar=h("年-月-日", "YYYY-MM-DD"),
                    help=h("排查日期", "date of the screening"))
    st.add_argument("--place", default=None, metavar=h("地点", "PLACE"),
                    help=h("排查地点或走访户", "place or households visited"))
    st.add_argument("--by", default=None, metavar=h("姓名", "BY"), help=h("排查人", "who screened"))
    st.add_argument("--households", default=None, metavar=h("户数", "HOUSEHOLDS"),
                    help=h("走访户数（空字符串：不填）", "number of households visited ('' for none)"))
    st.add_argument("--note", default=None, metavar=h("文字", "TEXT"), help=h("备注", "note"))
    st.add_argument("--found", action="append", default=[], metavar=h("文字", "TEXT"),
                    help=h("再加一条发现的纠纷（可重复）", "add a dispute found (repeatable)"))
    st.add_argument("--prevented", action="append", default=[], metavar=h("文字", "TEXT"),
                    help=h("再加一条发现并已就地化解的纠纷（可重复）",
                           "add a dispute found and settled on the spot (repeatable)"))
    st.add_argument("--settled", action="append", default=[], metavar=h("纠纷", "FINDING"),
                    help=h("把这条发现的纠纷标为已就地化解（它的 id，可重复）",
                           "mark this dispute found as settled on the spot (its id; repeatable)"))
    st.add_argument("--unsettled", action="append", default=[], metavar=h("纠纷", "FINDING"),
                    help=h("去掉这条纠纷的“已就地化解”（它的 id，可重复）",
                           "this dispute was not settled on the spot after all (its id; repeatable)"))
    st.add_argument("--drop", action="append", default=[], metavar=h("纠纷", "FINDING"),
                    help=h("删去一条误登的发现的纠纷（它的 id，可重复）",
                           "remove a dispute found that was recorded by mistake (its id; repeatable)"))
    st.set_defaults(handler=cmd_screening_set)
    ls = ss.add_parser("list", help=h("列出排查记录", "list the screenings"))
    ls.add_argument("--json", action="store_true", help=h("以 JSON 输出", "print JSON"))
    ls.set_defaults(handler=cmd_screening_list)
    lk = ss.add_parser("link", help=h("排查发现的纠纷已登记为案件：把它记到那个案件上",
                                      "a dispute found by a screening was registered as a case: link it"))
    lk.add_argument("finding", metavar=h("纠纷", "FINDING"),
                    help=h("发现的纠纷（screening list --json 里它的 id）",
                           "the dispute found (its id in screening list --json)"))
    lk.add_argument("case", metavar=h("案件", "CASE"),
                    help=h("案件编号（或 cases --json 里案件的 id）", "case number or id"))
    lk.set_defaults(handler=cmd_screening_link)
    rm = ss.add_parser("remove", help=h("删除一次误登的排查（审计日志里留有记录）",
                                        "remove a screening recorded by mistake (the audit log keeps it)"))
    rm.add_argument("screening", metavar=h("排查", "SCREENING"),
                    help=h("这次排查（screening list --json 里它的 id）",
                           "the screening (its id in screening list --json)"))
    rm.set_defaults(handler=cmd_screening_remove)

    r = sub.add_parser("roster", help=h("调解员名册", "the mediator roster"))
    rs = r.add_subparsers(dest="roster_command", metavar=h("操作", "ACTION"), required=True)
    a = rs.add_parser("add", help=h("加入一名调解员", "add a mediator"))
    a.add_argument("name", metavar=h("姓名", "name"), help=h("调解员姓名", "name"))
    a.add_argument("--full-time", action="store_true", help=h("专职调解员", "full-time mediator"))
    a.add_argument("--phone", default=None, metavar=h("电话", "PHONE"), help=h("电话", "phone"))
    a.add_argument("--same-name", action="store_true",
                   help=h("名册里已有在任的同名调解员，这是另一个人", "another person of a name already serving"))
    a.set_defaults(handler=cmd_roster_add)
    st = rs.add_parser("set", help=h("更正一名调解员：在任、专职、电话",
                                     "correct a mediator: serving, full-time, phone"))
    st.add_argument("name", metavar=h("姓名", "name"), help=h("调解员姓名", "name"))
    st.add_argument("--id", default=None, metavar=h("编号", "ID"),
                    help=h("同名的有几位时，指明是哪一位（roster list --json 里的 id）",
                           "which one, when several share the name (the id of roster list --json)"))
    serving = st.add_mutually_exclusive_group()
    serving.add_argument("--inactive", dest="active", action="store_false", default=None,
                         help=h("不再担任调解员（留在名册里备查）", "no longer serving (kept for the record)"))
    serving.add_argument("--active", dest="active", action="store_true", help=h("在任", "serving"))
    kind = st.add_mutually_exclusive_group()
    kind.add_argument("--full-time", dest="full_time", action="store_true", default=None,
                      help=h("专职调解员", "full-time mediator"))
    kind.add_argument("--part-time", dest="full_time", action="store_false",
                      help=h("兼职调解员", "part-time mediator"))
    st.add_argument("--phone", default=None, metavar=h("电话", "PHONE"),
                    help=h("电话（空字符串：删去电话）", "phone (an empty one removes it)"))
    st.add_argument("--same-name", action="store_true",
                    help=h("名册里已有在任的同名调解员，这是另一个人", "another person of a name already serving"))
    st.set_defaults(handler=cmd_roster_set)
    ls = rs.add_parser("list", help=h("列出名册", "list the roster"))
    ls.add_argument("--json", action="store_true", help=h("以 JSON 输出", "print JSON"))
    ls.set_defaults(handler=cmd_roster_list)


def _date(text: str) -> dt.date:
    """A day as people write it, as a ledger's cells are read: 2026-05-12, 2026.5.12, 2026/5/12, 2026年5月12日."""
    from mediation_desktop.reports.ledger_parse import CellError, parse_date

    try:
        day = parse_date(text.strip(), "排查日期") if text.strip() else None
    except CellError as exc:
        if exc.key == "limit.date":  # (a day, but before 1900 or after 2100: said as every form says it)
            raise MediationError("limit.date", label=Label("排查日期", "The screening date"),
                                 value=exc.params["value"]) from None
        day = None
    if day is None:
        raise MediationError("screening.date", value=text)
    return day


def cmd_screening_add(args: argparse.Namespace) -> int:
    from mediation_desktop.cli import open_db
    from mediation_desktop.cli_access import signed_in
    from mediation_desktop.i18n import tr
    from mediation_desktop.services import screenings

    found = [screenings.FindingInput(t) for t in args.found]
    found += [screenings.FindingInput(t, prevented=True) for t in args.prevented]
    data = screenings.ScreeningInput(_date(args.date), args.place, args.by, args.households, args.note,
                                     findings=found)
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
        hub = screenings.is_hub(db)
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
    if not rows:  # (a hub: its villages' screenings count in its statistics, not listed here)
        print(tr("screening.none_hub" if hub else "screening.none"))
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
        roster.add_mediator(db, signed_in(), roster.MediatorInput(args.name, args.full_time, args.phone),
                            another_person=args.same_name)
    except MediationError as exc:
        if exc.key == "mediator.same_name":  # (said with the option that adds another person of the name)
            raise MediationError("mediator.same_name_cli", **exc.params) from None
        raise
    finally:
        db.dispose()
    print(tr("mediator.added", name=tidy_person_name(args.name)))
    return EXIT_OK


def cmd_roster_list(args: argparse.Namespace) -> int:
    from mediation_desktop.cli import open_db
    from mediation_desktop.i18n import tr
    from mediation_desktop.services import roster, screenings

    db = open_db(args)
    try:
        rows = roster.list_mediators(db)
        hub = screenings.is_hub(db)
    finally:
        db.dispose()
    if args.json:
        sys.stdout.write(json.dumps([{"id": m.id.hex, "name": m.name, "full_time": m.full_time, "phone": m.phone,
                                      "active": m.active} for m in rows], ensure_ascii=False, indent=1) + "\n")
        return EXIT_OK
    if not rows:  # (a hub: its villages' rosters count in its statistics, not listed here)
        print(tr("mediator.none_hub" if hub else "mediator.none"))
    for m in rows:
        print("\t".join((m.name, tr("mediator.full_time" if m.full_time else "mediator.part_time"), m.phone or "",
                         tr("mediator.active" if m.active else "mediator.inactive"))))
    return EXIT_OK


def _entry_line(m: Any) -> str:
    """One roster entry inside a sentence: 「李秀英（兼职，13800138000，在任）」 (no tabs: a message's values are
    shown with their control characters as codes)."""
    from mediation_desktop.i18n import current_language, tr

    facts = [tr("mediator.full_time" if m.full_time else "mediator.part_time"), m.phone or "",
             tr("mediator.active" if m.active else "mediator.inactive")]
    if current_language() == "en":
        return f"{m.name} ({', '.join(f for f in facts if f)})"
    return f"{m.name}（{'，'.join(f for f in facts if f)}）"


def _one_mediator(rows: list[Any], name: str, given_id: str | None) -> Any:
    """The roster entry ``roster set`` corrects: by ``--id``, or the one of that name (a serving one first);
    several serving of the name are refused, listed with their ids."""
    if given_id is not None:
        found = [m for m in rows if m.id.hex == given_id.strip().replace("-", "").lower()]
        if not found:
            raise MediationError("mediator.not_found")
        return found[0]
    named = [m for m in rows if tidy_person_name(m.name) == tidy_person_name(name)]
    serving = [m for m in named if m.active]
    candidates = serving or named
    if not candidates:
        raise MediationError("mediator.name_not_found", name=name)
    if len(candidates) > 1:
        raise MediationError("mediator.several", name=name, count=len(candidates),
                             entries="; ".join(f"--id {m.id.hex} {_entry_line(m)}" for m in candidates))
    return candidates[0]


def cmd_roster_set(args: argparse.Namespace) -> int:
    from mediation_desktop.cli import open_db
    from mediation_desktop.cli_access import signed_in
    from mediation_desktop.i18n import tr
    from mediation_desktop.services import roster

    if args.active is None and args.full_time is None and args.phone is None:
        raise MediationError("mediator.set_nothing")
    name = tidy_person_name(args.name)  # (compared as the roster stores names)
    db = open_db(args)
    try:
        actor = signed_in()
        m = _one_mediator(roster.list_mediators(db), name, args.id)
        data = roster.MediatorInput(m.name, m.full_time if args.full_time is None else args.full_time,
                                    m.phone if args.phone is None else args.phone,
                                    m.active if args.active is None else args.active)
        roster.update_mediator(db, actor, m.id, data, another_person=args.same_name)
        [now] = [r for r in roster.list_mediators(db) if r.id == m.id]
    except MediationError as exc:
        if exc.key == "mediator.same_name":
            raise MediationError("mediator.same_name_cli", **exc.params) from None
        raise
    finally:
        db.dispose()
    print(tr("mediator.updated", entry=_entry_line(now)))
    return EXIT_OK


def _register_id(text: str, missing: str) -> Any:
    """An id from ``--json`` output (32 hex digits, dashes allowed); anything else is not found (one line)."""
    import uuid

    try:
        return uuid.UUID(text.strip())
    except ValueError:
        raise MediationError(missing) from None


def cmd_screening_link(args: argparse.Namespace) -> int:
    from mediation_desktop.cli import open_db
    from mediation_desktop.cli_access import signed_in
    from mediation_desktop.i18n import tr
    from mediation_desktop.services import screenings
    from mediation_desktop.services.cases import find_case_id

    finding = _register_id(args.finding, "screening.finding_not_found")
    db = open_db(args)
    try:
        case_id = find_case_id(db, args.case)
        was_prevented = any(f.id == finding and f.prevented for s in screenings.list_screenings(db) for f in s.findings)
        screenings.link_case(db, signed_in(), finding, case_id)
    finally:
        db.dispose()
    print(tr("screening.linked_done", case=args.case.strip()))
    if was_prevented:  # (the window asks first; here it is said what was done)
        print(tr("screening.prevented_taken_off"))
    return EXIT_OK


def cmd_screening_remove(args: argparse.Namespace) -> int:
    from mediation_desktop.cli import open_db
    from mediation_desktop.cli_access import signed_in
    from mediation_desktop.i18n import tr
    from mediation_desktop.services import screenings

    screening = _register_id(args.screening, "screening.not_found")
    db = open_db(args)
    try:
        screenings.remove_screening(db, signed_in(), screening)
    finally:
        db.dispose()
    print(tr("screening.removed"))
    return EXIT_OK


def cmd_screening_set(args: argparse.Namespace) -> int:
    from mediation_desktop.cli import open_db
    from mediation_desktop.cli_access import signed_in
    from mediation_desktop.i18n import tr
    from mediation_desktop.services import screenings

    screening = _register_id(args.screening, "screening.not_found")
    named = {flag: [_register_id(t, "screening.finding_not_found") for t in getattr(args, flag)]
             for flag in ("settled", "unsettled", "drop")}
    facts = {"held_on": None if args.date is None else _date(args.date), "place": args.place,
             "screened_by": args.by, "households": args.households, "note": args.note}
    if all(v is None for v in facts.values()) and not (args.found or args.prevented or any(named.values())):
        raise MediationError("screening.set_nothing")
    db = open_db(args)
    try:
        actor = signed_in()
        own = {s.id: s for s in screenings.list_screenings(db)}  # (a hub's own register only, as the window)
        row = own.get(screening)
        if row is None:
            raise MediationError("screening.not_found")
        stored = {f.id for f in row.findings}
        for ids in named.values():
            for fid in ids:
                if fid not in stored:
                    raise MediationError("screening.finding_not_found")
        findings = [screenings.FindingInput(f.description, (f.prevented or f.id in named["settled"])
                                            and f.id not in named["unsettled"], f.id)
                    for f in row.findings if f.id not in named["drop"]]
        findings += [screenings.FindingInput(t) for t in args.found]
        findings += [screenings.FindingInput(t, prevented=True) for t in args.prevented]
        data = screenings.ScreeningInput(
            facts["held_on"] or row.held_on, row.place if args.place is None else args.place,
            row.screened_by if args.by is None else args.by,
            row.households if args.households is None else args.households,
            row.note if args.note is None else args.note, findings=findings)
        screenings.update_screening(db, actor, screening, data)
    finally:
        db.dispose()
    print(tr("screening.updated", date=data.held_on.isoformat(), found=len(findings),
             prevented=sum(f.prevented for f in findings)))
    return EXIT_OK
