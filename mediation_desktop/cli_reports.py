"""Command-line commands for reports (registered by :mod:`mediation_desktop.cli`).

``report`` writes the statistics report (PDF, xlsx or JSON); ``ledger export`` the ledger (台账);
``ledger import`` brings a village's own ledger in, after a check of every row (``--dry-run`` checks only).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mediation_desktop.cli_parser import choices_zh
from mediation_desktop.errors import MediationError

EXIT_OK, EXIT_ERROR = 0, 1


def _period(text: str) -> str:
    """An argument type: a period that parses (a year outside 1900–2100 …: one line before anything else, the
    sign-in included); kept as typed."""
    from mediation_desktop.reports.periods import parse_period

    parse_period(text)
    return text


def register(sub: Any, h: Callable[[str, str], str]) -> None:
    """Add this group's sub-commands to sub; each sets handler with set_defaults."""
    s = sub.add_parser("report", help=h("统计报表（PDF、Excel 或 JSON）", "statistics report (PDF, xlsx or JSON)"))
    s.add_argument("--period", required=True, metavar=h("期间", "PERIOD"), type=_period, help=h(
        "统计期间：2026、2026-H1、2026-Q3、2026-09 或 2026-01-01..2026-03-31",
        "period: 2026, 2026-H1, 2026-Q3, 2026-09 or 2026-01-01..2026-03-31"))
    s.add_argument("--format", default=None, choices=["pdf", "xlsx", "json"],
                   help=h("输出格式（默认按文件扩展名）", "output format (default: from the file name)"))
    s.add_argument("--out", required=True, metavar=h("文件", "FILE"), help=h("输出文件（JSON 可用 - 表示屏幕）",
                                                                 "file to write (- for JSON on the screen)"))
    s.add_argument("--by", default="accepted", choices=["accepted", "closed"],
                   help=h(f"统计口径：{choices_zh(['accepted', 'closed'])}（默认 accepted）",
                           "count by acceptance (default) or closing date"))
    s.add_argument("--org", metavar=h("机构代码", "CODE"),
                   help=h("只统计一个调委会（机构代码）；在县（区）汇总时写乡镇（街道）的代码，统计该乡镇及其所属的各调委会",
                          "one committee only (org code); at a county, a township's code counts the township and "
                          "its villages' committees"))
    s.add_argument("--filled-by", metavar=h("姓名", "NAME"), default="", help=h("填报人姓名（印在报表上）",
                                                                    "name of the person filling in the report"))
    s.set_defaults(handler=cmd_report)

    s = sub.add_parser("ledger", help=h("案件台账：导出或导入", "case ledger: export or import"))
    ledger_sub = s.add_subparsers(dest="ledger_command", metavar=h("操作", "ACTION"), required=True)
    e = ledger_sub.add_parser("export", help=h("导出台账（.xlsx、.csv 或 .pdf）",
                                                "write the ledger (.xlsx, .csv or .pdf)"))
    e.add_argument("--out", required=True, metavar=h("文件", "FILE"), help=h("输出文件", "file to write"))
    e.add_argument("--period", metavar=h("期间", "PERIOD"), type=_period,
                   help=h("只导出这个期间的案件（默认全部）", "only this period (default: all)"))
    e.add_argument("--by", default="accepted", choices=["accepted", "closed"],
                   help=h(f"统计口径：{choices_zh(['accepted', 'closed'])}（默认 accepted）",
                          "count by acceptance (default) or closing date"))
    e.set_defaults(handler=cmd_ledger_export)
    i = ledger_sub.add_parser("import", help=h("导入村里原有的台账（Excel .xlsx/.xls 或 CSV）",
                                                "import an existing ledger (xlsx, xls or CSV)"))
    i.add_argument("file", metavar=h("文件", "FILE"), help=h("台账文件", "ledger file"))
    i.add_argument("--dry-run", action="store_true", help=h("只检查，不导入", "check only, import nothing"))
    i.add_argument("--json", action="store_true", help=h("以 JSON 输出检查结果", "print the check as JSON"))
    i.add_argument("--category", action="append", default=[], metavar=h("词=类型", "WORD=CODE"),
                   help=h("台账里的纠纷类型词对应的类型（如 噪音=neighbour），可以写多次",
                          "the category a word of the ledger stands for (e.g. 噪音=neighbour); may be repeated"))
    i.add_argument("--own-ledger", action="store_true",
                   help=h("这是本单位自己的台账：标题写着别的村（社区）名字也照样导入为本单位的案件",
                          "this is this unit's own ledger: import it as this unit's cases even if its title names "
                          "a village"))
    i.set_defaults(handler=cmd_ledger_import)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    suffix = Path(args.out).suffix.lower().lstrip(".")
    if suffix in ("pdf", "xlsx", "json"):
        return suffix
    raise MediationError("report.format", value=suffix or args.out)


def _check_out(out: Path) -> None:
    from mediation_desktop.storage.atomic import refuse_not_file

    if not out.resolve().parent.is_dir():
        raise MediationError("document.out_dir", path=str(out))
    refuse_not_file(out)  # (before the report is made: a device or a pipe is never replaced)


def cmd_report(args: argparse.Namespace) -> int:
    from mediation_desktop.cli import open_db
    from mediation_desktop.i18n import tr
    from mediation_desktop.reports import statistics
    from mediation_desktop.reports.periods import parse_basis, parse_period
    from mediation_desktop.storage.atomic import write_atomically

    period, basis, fmt = parse_period(args.period), parse_basis(args.by), _format(args)
    out = Path(args.out)
    if args.out != "-":
        _check_out(out)
    db = open_db(args)
    try:
        if args.org is not None:
            _check_org(db, args.org)
        report = statistics.compute(db, period, basis, org_code=args.org)
        report = dataclasses.replace(report, filled_by=" ".join(args.filled_by.split())[:50])
        months = statistics.month_counts(db, period, basis, org_code=args.org) if fmt == "xlsx" else None
    finally:
        db.dispose()
    if fmt == "json":
        data = report.as_json()
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        if args.out == "-":
            sys.stdout.write(text)
            return EXIT_OK
        write_atomically(out, text.encode("utf-8"))
    elif fmt == "xlsx":
        from mediation_desktop.reports.xlsx import statistics_xlsx

        write_atomically(out, statistics_xlsx(report, months=months))
    else:
        from mediation_desktop.reports.pdf import statistics_pdf

        write_atomically(out, statistics_pdf(report))
    print(tr("report.done", path=str(out)))
    return EXIT_OK


def cmd_ledger_export(args: argparse.Namespace) -> int:
    from mediation_desktop.cli import open_db
    from mediation_desktop.cli_access import signed_in
    from mediation_desktop.i18n import tr
    from mediation_desktop.reports.ledger import ledger_csv, ledger_rows
    from mediation_desktop.reports.periods import parse_basis, parse_period
    from mediation_desktop.storage.atomic import write_atomically

    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".csv", ".pdf"):
        raise MediationError("ledger.out_kind", path=str(out))
    _check_out(out)
    period = parse_period(args.period) if args.period else None
    db = open_db(args)
    try:
        # as the signed-in user sees them: a non-public case only for its mediator and a director
        rows = ledger_rows(db, period=period, basis=parse_basis(args.by), viewer=signed_in())
        org_name = _org_name(db)
    finally:
        db.dispose()
    if suffix == ".csv":
        data = ledger_csv(rows)
    elif suffix == ".xlsx":
        from mediation_desktop.reports.xlsx import ledger_xlsx

        data = ledger_xlsx(rows)
    else:
        from mediation_desktop.reports.pdf import ledger_pdf

        data = ledger_pdf(rows, org_name=org_name, subtitle=period.label_zh() if period else "")
    write_atomically(out, data)
    print(tr("ledger.export_done", path=str(out), count=len(rows)))
    return EXIT_OK


def _check_org(db: Any, code: str) -> None:
    """``--org``: a code this installation knows (its own; on a hub also the committees whose bundles or key
    records came in, and any owner of a case held here), else one line naming those it knows — never a report
    of zeros for a mistyped code. A code that is no org code at all is refused as ``init --org-code`` is."""
    from sqlalchemy import select

    from mediation_desktop.domain.enums import OrgLevel
    from mediation_desktop.services.queries import committee_names
    from mediation_desktop.services.setup import ORG_CODE
    from mediation_desktop.storage.models import Case, Installation

    if not ORG_CODE.match(code):
        raise MediationError("setup.org_code", value=code)
    with db.read_session() as s:
        inst = s.scalar(select(Installation).limit(1))
        names = committee_names(s)
        if inst is not None and inst.level == OrgLevel.VILLAGE:
            names = {inst.org_code: inst.org_name}
        if code in names or s.scalar(select(Case.id).where(Case.owner_org_code == code).limit(1)) is not None:
            return
    known = "、".join(f"{c} {n}" for c, n in sorted(names.items()))
    raise MediationError("report.unknown_org", value=code, known=known)


def _org_name(db: Any) -> str:
    from sqlalchemy import select

    from mediation_desktop.storage.models import Installation

    with db.read_session() as s:
        return str(s.scalar(select(Installation.org_name).limit(1)) or "")


def cmd_ledger_import(args: argparse.Namespace) -> int:
    from mediation_desktop.cli import open_db
    from mediation_desktop.cli_access import signed_in
    from mediation_desktop.i18n import tr
    from mediation_desktop.reports.ledger_import import apply_import, category_mapping, plan_import, read_sheet

    categories = category_mapping(args.category)
    sheet = read_sheet(Path(args.file))
    db = open_db(args)
    try:
        try:
            plan = plan_import(db, sheet, categories=categories, own_ledger=getattr(args, "own_ledger", False))
        except MediationError as exc:  # the command reads columns by their header: no step to say them by hand
            if exc.key not in ("ledger.no_header", "ledger.missing_column"):
                raise
            raise MediationError(exc.key + "_cli", **exc.params) from None
        added = 0
        if not args.dry_run and plan.count("new"):
            added = apply_import(db, signed_in(), plan).added
    finally:
        db.dispose()
    if args.json:
        data = plan.as_json() | {"dry_run": bool(args.dry_run), "added": added}
        json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for remark in plan.remarks:  # sheets and columns not read, a column in 万元: nothing left out unsaid
            print(remark.text())
        for note in plan.skipped:
            tab = note.params.get("sheet")
            print((tr("ledger.sheet_prefix", name=tab) if tab else "") + note.text())
        for row in plan.rows:
            for note_text in row.notes():
                print(row.where() + tr("ledger.row_error", row=row.line, message=note_text))
            for message in row.messages():
                stream = sys.stderr if row.status == "error" else sys.stdout
                print(row.where() + tr("ledger.row_error", row=row.line, message=message), file=stream)
        if args.dry_run:
            print(tr("ledger.dry_run", added=plan.count("new"), duplicates=plan.count("duplicate"),
                     errors=plan.count("error")))
        else:
            print(tr("ledger.import_done", added=added, duplicates=plan.count("duplicate"),
                     errors=plan.count("error")))
    if plan.count("new") == 0 and plan.count("error"):  # nothing could be (or would be) imported
        return EXIT_ERROR
    return EXIT_OK
