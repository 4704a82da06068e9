"""Command-line commands for sync (registered by :mod:`mediation_desktop.cli`).

``export``, ``import``, ``keys`` and ``receipt``: thin wrappers over :mod:`mediation_desktop.sync`.
A refused file is one line naming what is wrong, a non-zero exit status, and no change.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mediation_desktop.sync.outcomes import ImportSummary

EXIT_OK, EXIT_ERROR = 0, 1


def register(sub: Any, h: Callable[[str, str], str]) -> None:
    """Add this group's sub-commands to sub; each sets handler with set_defaults."""
    s = sub.add_parser("export", help=h("导出数据包（U盘传送给上级）", "write a sync bundle"))
    s.add_argument("--out", required=True, metavar=h("文件", "FILE"),
                   help=h("要写入的数据包文件", "bundle file to write"))
    s.add_argument("--all", action="store_true", help=h("导出全部，而不只是上次确认以来的变化",
                                                        "everything, not only changes since the last receipt"))
    s.add_argument("--no-encrypt", action="store_true", help=h("不加密（默认：已知上级公钥时加密）",
                                                               "do not encrypt"))
    s.add_argument("--reference", action="store_true", help=h("导出给下级的参考数据包（公钥、名册、分类、文书用语）",
                                                              "write the reference bundle for the units below"))
    s.set_defaults(handler=cmd_export)

    s = sub.add_parser("import", help=h("导入数据包、参考数据包或回执",
                                        "import bundles, reference bundles or receipts"))
    s.add_argument("files", nargs="+", metavar=h("文件", "FILE"),
                   help=h("数据包、参考数据包或回执文件（可以写多个）", "bundle, reference bundle or receipt files"))
    s.add_argument("--dry-run", action="store_true", help=h("只预演，不写入", "show what would happen, change nothing"))
    s.add_argument("--json", action="store_true", help=h("以 JSON 输出", "print JSON"))
    s.add_argument("--trust-new", action="store_true",
                   help=h("信任首次出现的发送方密钥（请先核对指纹）",
                          "trust a first-time sender's key (check its fingerprint)"))
    s.add_argument("--receipts", metavar=h("目录", "DIR"), help=h("回执写到这个文件夹（默认：数据包所在文件夹）",
                                                       "folder for the receipts (default: beside each bundle)"))
    s.set_defaults(handler=cmd_import)

    s = sub.add_parser("keys", help=h("本机密钥与信任的公钥", "this installation's keys and trusted keys"))
    ks = s.add_subparsers(dest="keys_command", metavar=h("操作", "ACTION"), required=True)
    k = ks.add_parser("show", help=h("显示本机公钥和指纹", "show this installation's public key and fingerprint"))
    k.set_defaults(handler=cmd_keys_show)
    k = ks.add_parser("export-public", help=h("把本机公钥写入文件", "write this installation's public key file"))
    k.add_argument("--out", required=True, metavar=h("文件", "FILE"), help=h("公钥文件", "public key file to write"))
    k.set_defaults(handler=cmd_keys_export)
    k = ks.add_parser("trust", help=h("信任另一单位的公钥文件", "trust another installation's public key file"))
    k.add_argument("file", metavar=h("文件", "FILE"),
                   help=h("对方的公钥文件", "the other installation's public key file"))
    k.add_argument("--escrow", action="store_true", help=h("作为托管密钥（导出时也为它加密）",
                                                           "as an escrow key (bundles are also encrypted for it)"))
    k.add_argument("--replace", action="store_true",
                   help=h("替换该单位已登记的密钥（换了电脑时；请先电话核对新指纹）",
                          "replace the key pinned for that unit (a new computer; check the new fingerprint first)"))
    k.set_defaults(handler=cmd_keys_trust)

    s = sub.add_parser("receipt", help=h("回执：导入上级的回执，查看导出的数据包是否已送达",
                                         "receipts: import them, list what arrived"))
    rs = s.add_subparsers(dest="receipt_command", metavar=h("操作", "ACTION"), required=True)
    r = rs.add_parser("import", help=h("导入回执", "import receipts"))
    r.add_argument("files", nargs="+", metavar=h("文件", "FILE"), help=h("回执文件（可以写多个）", "receipt files"))
    r.set_defaults(handler=cmd_receipt_import)
    r = rs.add_parser("list", help=h("列出导出的数据包及其回执", "list exported bundles and their receipts"))
    r.add_argument("--json", action="store_true", help=h("以 JSON 输出", "print JSON"))
    r.set_defaults(handler=cmd_receipt_list)


def _actor() -> str:
    from mediation_desktop.cli_access import signed_in

    return signed_in().username  # the audit log names who ran the command


def cmd_export(args: argparse.Namespace) -> int:
    from mediation_desktop.cli import open_db
    from mediation_desktop.i18n import tr
    from mediation_desktop.sync.export import export_bundle
    from mediation_desktop.sync.reference import export_reference

    out = Path(args.out)
    db = open_db(args)
    try:
        if args.reference:
            villages = export_reference(db, out, actor=_actor())
            print(tr("sync.reference_done", path=str(out), villages=villages))
            return EXIT_OK
        result = export_bundle(db, out, actor=_actor(), full=args.all, encrypt=False if args.no_encrypt else None)
    finally:
        db.dispose()
    mode = "sync.mode_full" if result.full else "sync.mode_incremental"
    if not result.encrypted:
        mode += "_plain"
    print(tr("sync.export_done", path=str(out), cases=result.cases, records=result.records,
             seq_from=result.seq_from + 1 if result.seq_to > result.seq_from else result.seq_from,
             seq_to=result.seq_to, mode=tr(mode)))
    if result.forwarded:  # (a hub: its own records may be none, the villages' cases are in the bundles it forwards)
        print(tr("sync.export_forwarded", units=result.forwarded_units, bundles=result.forwarded,
                 cases=result.forwarded_case_records))
    if not result.encrypted and not args.no_encrypt:  # not asked for: the level above's key is not known yet
        print(tr("sync.plain_warning"))
    return EXIT_OK


def _run_import(args: argparse.Namespace, files: list[str], *, dry_run: bool, as_json: bool, trust_new: bool,
                receipts: str | None) -> int:
    from mediation_desktop.cli import open_db
    from mediation_desktop.sync.importer import import_files

    db = open_db(args)
    try:
        summary = import_files(db, [Path(f) for f in files], actor=_actor(), dry_run=dry_run, trust_new=trust_new,
                               receipts_dir=Path(receipts) if receipts else None, details=dry_run and as_json)
        _report_import(summary, as_json)
    finally:
        db.dispose()
    return EXIT_OK


def _report_import(summary: ImportSummary, as_json: bool) -> None:
    from mediation_desktop.i18n import ZH, current_language, tr
    from mediation_desktop.sync import schema

    if as_json:
        json.dump(summary.as_json(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        sys.stdout.flush()
        return
    for k in summary.skipped:
        print(tr("sync.skipped", reason=tr(k["reason"], **k["params"])))
    for b in summary.bundles:
        for t in b.trusted_new:  # (vouched for by the list of the hub that forwarded it, or by --trust-new)
            if summary.dry_run:
                key = "sync.would_trust_vouched" if "via_name" in t else "sync.would_trust"
            else:
                key = "sync.trusted_vouched" if "via_name" in t else "sync.trusted_new"
            print(tr(key, **t))
        if b.kind == "receipt":
            print(tr("sync.receipt_applied", bundle_id=(b.acknowledges or "")[:12], org_code=_who(b),
                     rejected=len(b.problems)))
            continue
        if b.already_imported:
            print(tr("sync.already_imported", bundle_id=b.bundle_id[:12], org_code=_who(b)))
        else:
            c = b.counts
            print(tr("sync.import_summary", path=b.path, new=c["new"], unchanged=c["unchanged"], updated=c["updated"],
                     older=c["older"], conflicts=c["conflict"], rejected=c["rejected"]))
        for p in b.problems[:20]:  # (a record type in words in Chinese, not the bundle's code)
            what = schema.RECORD_WORDS.get(p["type"], p["type"]) if current_language() == ZH else p["type"]
            print("  - " + tr(f"sync.problem_{p['reason']}", type=what, id=p["id"]))
        if b.receipt_path:
            print(tr("sync.receipt_written", path=b.receipt_path, org_code=_who(b)))
        if b.receipt_error:
            print(tr("sync.receipt_failed", detail=b.receipt_error, org_code=_who(b)))
    for g in summary.gaps:
        print(tr("sync.gap", org_code=g["source"], seq_from=g["seq_from"], seq_to=g["seq_to"]))
    if summary.dry_run:
        print(tr("sync.dry_run_note"))


def _who(b: Any) -> str:
    """The committee a bundle came from, by name (and code, as the county files it)."""
    return f"{b.source_org_name}（{b.source_org_code}）" if b.source_org_name else str(b.source_org_code)


def _kind(kind: str) -> str:
    """A kind of sync file (data, reference, receipt) in the user's language."""
    from mediation_desktop.i18n import MESSAGES, tr

    return tr(f"cli.kind.{kind}") if f"cli.kind.{kind}" in MESSAGES else kind


def cmd_import(args: argparse.Namespace) -> int:
    return _run_import(args, args.files, dry_run=args.dry_run, as_json=args.json, trust_new=args.trust_new,
                       receipts=args.receipts)


def cmd_receipt_import(args: argparse.Namespace) -> int:
    from mediation_desktop.cli import open_db
    from mediation_desktop.sync.errors import SyncError
    from mediation_desktop.sync.keys import known_peers, own_keys
    from mediation_desktop.sync.verify import Trust, verify_file

    db = open_db(args)
    try:
        trust = Trust(own_keys(db), known_peers(db))
        for f in args.files:
            vb = verify_file(Path(f), trust)
            if vb.kind != "receipt":
                raise SyncError("sync.wrong_kind", path=f, kind=_kind(vb.kind))
    finally:
        db.dispose()
    return _run_import(args, args.files, dry_run=False, as_json=False, trust_new=False, receipts=None)


def cmd_receipt_list(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from mediation_desktop.cli import open_db
    from mediation_desktop.storage.models import SyncExport

    db = open_db(args)
    try:
        with db.read_session() as s:
            rows = list(s.scalars(select(SyncExport).order_by(SyncExport.created_at)))
    finally:
        db.dispose()
    out = [{"bundle_id": r.bundle_id.hex, "kind": r.kind, "created_at": r.created_at.isoformat(),
            "seq_from": r.seq_from, "seq_to": r.seq_to, "encrypted": r.encrypted, "counts": r.counts,
            "acknowledged_at": r.acknowledged_at.isoformat() if r.acknowledged_at else None,
            "rejected": len((r.receipt or {}).get("rejected", []))} for r in rows]
    if args.json:
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return EXIT_OK
    from mediation_desktop.i18n import tr

    def local(when: Any) -> str:
        from mediation_desktop.domain.china_time import in_china

        return in_china(when).strftime("%Y-%m-%d %H:%M") if when is not None else "—"

    print(tr("sync.receipt_list_header"))
    for r in rows:  # the sequence as the export said it: the first number it carries, the last
        first = r.seq_from + 1 if r.seq_to > r.seq_from else r.seq_from
        print(f"{local(r.created_at)}\t{_kind(r.kind)}\t{first}–{r.seq_to}\t{r.bundle_id.hex[:12]}\t"
              f"{local(r.acknowledged_at)}\t{len((r.receipt or {}).get('rejected', []))}")
    return EXIT_OK


def cmd_keys_show(args: argparse.Namespace) -> int:
    from mediation_desktop.cli import open_db
    from mediation_desktop.i18n import tr
    from mediation_desktop.sync.keys import own_keys

    db = open_db(args)
    try:
        p = own_keys(db).peer
    finally:
        db.dispose()
    print(tr("sync.key_show", org_name=p.org_name, org_code=p.org_code, sign_key=p.sign_key, box_key=p.box_key,
             fingerprint=p.fingerprint))
    return EXIT_OK


def cmd_keys_export(args: argparse.Namespace) -> int:
    from mediation_desktop.cli import open_db
    from mediation_desktop.i18n import tr
    from mediation_desktop.storage.atomic import refuse_not_file, write_atomically
    from mediation_desktop.sync.errors import SyncError
    from mediation_desktop.sync.keys import own_keys, public_key_file

    out = Path(args.out)
    if not out.resolve().parent.is_dir():
        raise SyncError("sync.out_dir", path=str(out))
    refuse_not_file(out)
    db = open_db(args)
    try:
        keys = own_keys(db)
    finally:
        db.dispose()
    write_atomically(out, public_key_file(keys))
    print(tr("sync.key_exported", path=str(out), fingerprint=keys.peer.fingerprint))
    return EXIT_OK


def cmd_keys_trust(args: argparse.Namespace) -> int:
    from mediation_desktop.cli import open_db
    from mediation_desktop.i18n import tr
    from mediation_desktop.sync.keys import trust_file

    db = open_db(args)
    try:
        done = trust_file(db, Path(args.file), actor=_actor(), escrow=args.escrow, replace=args.replace)
    finally:
        db.dispose()
    peer = done.peer
    if done.replaced:
        print(tr("sync.key_replaced", org_name=peer.org_name, org_code=peer.org_code, old="、".join(done.replaced),
                 fingerprint=peer.fingerprint))
    else:
        print(tr("sync.key_trusted", org_name=peer.org_name, org_code=peer.org_code, fingerprint=peer.fingerprint))
    return EXIT_OK
