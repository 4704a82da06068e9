"""What the 交换 page says of a dry run or an import: a table row per bundle (its outcomes as cases, and records)
and the panel beside it (the selected bundle in words, else every problem). Its words are the page's
(``SyncPage`` in the catalogue)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QTableWidgetItem

from mediation_desktop.domain.china_time import in_china
from mediation_desktop.i18n import tr as message  # (not Qt's tr: a service message key)

OUTCOME_COLUMNS = ("new", "unchanged", "updated", "older", "conflict", "rejected")

# what a problem line of an import names, in words (the bundle's own codes stay out of the window)
RECORD_NAMES = {
    "mediation_case": QT_TRANSLATE_NOOP("SyncPage", "案件"),
    "party": QT_TRANSLATE_NOOP("SyncPage", "当事人"),
    "investigation": QT_TRANSLATE_NOOP("SyncPage", "调查记录"),
    "mediation_session": QT_TRANSLATE_NOOP("SyncPage", "调解记录"),
    "agreement": QT_TRANSLATE_NOOP("SyncPage", "协议"),
    "follow_up": QT_TRANSLATE_NOOP("SyncPage", "回访记录"),
    "referral": QT_TRANSLATE_NOOP("SyncPage", "移交记录"),
    "attachment": QT_TRANSLATE_NOOP("SyncPage", "附件"),
    "mediator": QT_TRANSLATE_NOOP("SyncPage", "调解员名册"),
    "screening": QT_TRANSLATE_NOOP("SyncPage", "排查登记"),
    "screening_finding": QT_TRANSLATE_NOOP("SyncPage", "排查发现的纠纷"),
}
PROBLEM_REASONS = {
    "owner": QT_TRANSLATE_NOOP("SyncPage", "这个案件由别的调委会管理，发送方不能修改它"),
    "number": QT_TRANSLATE_NOOP("SyncPage", "案件编号已被本机另一个案件使用"),
    "orphan": QT_TRANSLATE_NOOP("SyncPage", "它所属的案件不在这个数据包里，本机也没有"),
    "file": QT_TRANSLATE_NOOP("SyncPage", "附件文件缺失或内容不符"),
    "type": QT_TRANSLATE_NOOP("SyncPage", "附件内容与它所说的类型不符（只收 PDF、图片），没有收下"),
}


def _page_word(text: str) -> str:
    """A word of the catalogue's ``SyncPage`` context kept in a table above (``QT_TRANSLATE_NOOP``)."""
    return QCoreApplication.translate("SyncPage", text)


def fill_preview(page: Any, summary: Any) -> None:
    """A row per bundle of ``summary`` in the page's table (``preview``): its outcomes as cases (and records), a
    receipt's as the level above counted them; the problem lines kept for the panel (``problem_lines``)."""
    page.reports = list(summary.bundles)
    page.preview.setRowCount(len(summary.bundles))
    lines = []
    kinds = {"data": QCoreApplication.translate("SyncPage", "数据"),
             "reference": QCoreApplication.translate("SyncPage", "参考数据"),
             "receipt": QCoreApplication.translate("SyncPage", "回执")}
    for row, b in enumerate(summary.bundles):
        source = f"{b.source_org_name}（{b.source_org_code}）"
        if b.already_imported:
            source += QCoreApplication.translate("SyncPage", "［已导入过］")
        said = page.receipts.get(b.path)
        if b.kind == "receipt":  # its numbers are the level above's: what it took in of our bundle
            counts = said.counts if said is not None else {}
            cells = [str(counts.get(o, 0)) if said is not None else "—" for o in OUTCOME_COLUMNS]
        else:
            cases = b.by_type.get("mediation_case", {})
            pair = QCoreApplication.translate("SyncPage", "%1（%2）")
            cells = [pair.replace("%1", str(cases.get(o, 0))).replace("%2", str(b.counts.get(o, 0)))
                     for o in OUTCOME_COLUMNS]
        for col, text in enumerate([source, kinds.get(b.kind, b.kind), *cells]):
            item = QTableWidgetItem(text)
            item.setToolTip(b.path)  # which file on the stick
            page.preview.setItem(row, col, item)
        lines += problem_lines(b)
    for gap in summary.gaps:
        lines.append(message("sync.gap", org_code=gap["source"], seq_from=gap["seq_from"], seq_to=gap["seq_to"]))
    lines[:0] = [message("sync.skipped", reason=message(k["reason"], **k["params"])) for k in summary.skipped]
    page.problem_lines = lines
    header = QCoreApplication.translate(
        "SyncPage", "案件（记录）：案件数，括号里是记录数（当事人、调解记录、协议等都各算一条）")
    for col in range(2, 2 + len(OUTCOME_COLUMNS)):
        if (h := page.preview.horizontalHeaderItem(col)) is not None:
            h.setToolTip(header)
    page.preview.resizeColumnsToContents()


def problem_lines(b: Any) -> list[str]:
    lines = []
    for p in b.problems:
        what = RECORD_NAMES.get(str(p.get("type", "")))
        why = PROBLEM_REASONS.get(str(p.get("reason", "")))
        named = _page_word(str(what)) if what else p.get("type", "")
        reason = _page_word(str(why)) if why else p.get("reason", "")
        lines.append(f"{b.source_org_name}：{named} {str(p.get('id', ''))[:8]} — {reason}")
    return lines


def outcome_line(b: Any) -> str:
    """「新增案件 201 件（记录 1287 条）」, and each other outcome that happens, for one data bundle."""
    names = {"new": QCoreApplication.translate("SyncPage", "新增案件 %1 件（记录 %2 条）"),
             "unchanged": QCoreApplication.translate("SyncPage", "未变案件 %1 件（记录 %2 条）"),
             "updated": QCoreApplication.translate("SyncPage", "更新案件 %1 件（记录 %2 条）"),
             "older": QCoreApplication.translate("SyncPage", "较旧案件 %1 件（记录 %2 条）"),
             "conflict": QCoreApplication.translate("SyncPage", "冲突案件 %1 件（记录 %2 条）"),
             "rejected": QCoreApplication.translate("SyncPage", "拒收案件 %1 件（记录 %2 条）")}
    cases = b.by_type.get("mediation_case", {})
    parts = [names[o].replace("%1", str(cases.get(o, 0))).replace("%2", str(b.counts.get(o, 0)))
             for o in OUTCOME_COLUMNS if o == "new" or b.counts.get(o, 0)]
    return f"{b.source_org_name}：" + QCoreApplication.translate("SyncPage", "，").join(parts)


def selected_text(page: Any) -> str:
    """The panel beside the table: the selected bundle in words, else every problem (or how to see more)."""
    rows = sorted({i.row() for i in page.preview.selectedItems()})
    if not rows or rows[0] >= len(page.reports):
        text = "\n".join(page.problem_lines)
        if not text and page.reports:
            text = QCoreApplication.translate("SyncPage", "没有问题。选中左边一行，可在这里看它的详情。")
        return text
    b = page.reports[rows[0]]
    lines = [f"{b.source_org_name}（{b.source_org_code}）",
             QCoreApplication.translate("SyncPage", "文件：%1").replace("%1", b.path)]
    if b.already_imported:
        lines.append(QCoreApplication.translate("SyncPage", "这个数据包以前已经导入过，这次不会再改变什么。"))
    if b.kind == "receipt":
        lines += receipt_lines(page.receipts.get(b.path))
    elif b.kind == "reference":
        lines.append(QCoreApplication.translate("SyncPage", "参考数据：上级的公钥、下辖单位名册、分类和文书用语。"))
    elif not b.already_imported:
        lines.append(outcome_line(b))
        for t, counts in b.by_type.items():
            name = RECORD_NAMES.get(t)
            total = sum(counts.values())
            lines.append(QCoreApplication.translate("SyncPage", "　%1：%2 条（新增 %3）")
                         .replace("%1", _page_word(str(name)) if name else t)
                         .replace("%2", str(total)).replace("%3", str(counts.get("new", 0))))
    lines += problem_lines(b)
    return "\n".join(lines)


def receipt_lines(said: Any) -> list[str]:
    """What a receipt says the level above took in of our bundle (``said``: read again from the file; None where
    it could not be)."""
    if said is None:
        return [QCoreApplication.translate("SyncPage", "回执：对方已收到本单位导出的数据包。")]
    lines = []
    if said.exported_at is not None:
        lines.append(QCoreApplication.translate(
            "SyncPage", "回执：对方已收到本单位 %1 导出的数据包（%2 件案件，%3 条记录）。")
                     .replace("%1", in_china(said.exported_at).strftime("%Y-%m-%d %H:%M"))
                     .replace("%2", str(said.cases)).replace("%3", str(said.records)))
    else:
        lines.append(QCoreApplication.translate("SyncPage", "回执：对方已收到本单位导出的数据包。"))
    lines.append(QCoreApplication.translate("SyncPage", "对方新增记录 %1 条，更新 %2 条，未变 %3 条；拒收 %4 条。")
                 .replace("%1", str(said.counts.get("new", 0))).replace("%2", str(said.counts.get("updated", 0)))
                 .replace("%3", str(said.counts.get("unchanged", 0))).replace("%4", str(said.rejected)))
    return lines
