"""The log in the window's words: what an audit entry's action and record are (登记案件 · 新增当事人), and its
content as the values a person reads (names, numbers, dates, statuses), never the program's field names.

The codes stay in the database and the command line's ``audit`` output; the whole entry is the row's tooltip.
"""

from __future__ import annotations

import json
import re
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from mediation_desktop.domain.lifecycle import CaseAction, CaseStatus
from mediation_desktop.ui.common.labels import label

CONTEXT = "AuditWords"
ACTIONS = {
    "account.activate": QT_TRANSLATE_NOOP("AuditWords", "启用或停用账户"),
    "account.deactivate": QT_TRANSLATE_NOOP("AuditWords", "停用账户"),
    "account.change_password": QT_TRANSLATE_NOOP("AuditWords", "修改密码"),
    "account.create": QT_TRANSLATE_NOOP("AuditWords", "新建账户"),
    "account.login": QT_TRANSLATE_NOOP("AuditWords", "登录"),
    "account.recover": QT_TRANSLATE_NOOP("AuditWords", "用恢复码重设密码"),
    "account.recovery_code": QT_TRANSLATE_NOOP("AuditWords", "生成恢复码"),
    "account.reset_password": QT_TRANSLATE_NOOP("AuditWords", "重设密码"),
    "agreement.confirmation": QT_TRANSLATE_NOOP("AuditWords", "司法确认"),
    "agreement.correct": QT_TRANSLATE_NOOP("AuditWords", "更正协议"),
    "agreement.draft": QT_TRANSLATE_NOOP("AuditWords", "保存协议草稿"),
    "agreement.oral": QT_TRANSLATE_NOOP("AuditWords", "登记口头协议"),
    "agreement.sign": QT_TRANSLATE_NOOP("AuditWords", "协议签署"),
    "backup.export": QT_TRANSLATE_NOOP("AuditWords", "备份数据"),
    "backup.log": QT_TRANSLATE_NOOP("AuditWords", "备份记录"),
    "backup.settings": QT_TRANSLATE_NOOP("AuditWords", "备份设置"),
    "case.attachment": QT_TRANSLATE_NOOP("AuditWords", "添加附件"),
    "case.attachment_remove": QT_TRANSLATE_NOOP("AuditWords", "删除附件"),
    "case.casefile_pages": QT_TRANSLATE_NOOP("AuditWords", "卷宗纸质材料页数"),
    "case.edit": QT_TRANSLATE_NOOP("AuditWords", "修改登记"),
    "case.follow_up": QT_TRANSLATE_NOOP("AuditWords", "记录回访"),
    "case.investigation": QT_TRANSLATE_NOOP("AuditWords", "记录调查"),
    "case.prevented": QT_TRANSLATE_NOOP("AuditWords", "防止激化"),
    "case.purge": QT_TRANSLATE_NOOP("AuditWords", "清除案件"),
    "case.refer": QT_TRANSLATE_NOOP("AuditWords", "移交"),
    "case.register": QT_TRANSLATE_NOOP("AuditWords", "登记案件"),
    "case.session": QT_TRANSLATE_NOOP("AuditWords", "记录调解"),
    "case.void": QT_TRANSLATE_NOOP("AuditWords", "作废案件"),
    "demo.create_case": QT_TRANSLATE_NOOP("AuditWords", "生成演示案件"),
    "ledger.import": QT_TRANSLATE_NOOP("AuditWords", "导入台账"),
    "privacy.reveal": QT_TRANSLATE_NOOP("AuditWords", "查看完整身份证号或电话"),
    "roster.add": QT_TRANSLATE_NOOP("AuditWords", "添加调解员"),
    "roster.edit": QT_TRANSLATE_NOOP("AuditWords", "修改调解员"),
    "screening.add": QT_TRANSLATE_NOOP("AuditWords", "登记排查"),
    "screening.edit": QT_TRANSLATE_NOOP("AuditWords", "修改排查"),
    "screening.link_case": QT_TRANSLATE_NOOP("AuditWords", "排查转为案件"),
    "screening.remove": QT_TRANSLATE_NOOP("AuditWords", "删除排查"),
    "setup.init": QT_TRANSLATE_NOOP("AuditWords", "首次设置"),
    "sync.create_keys": QT_TRANSLATE_NOOP("AuditWords", "生成签名密钥"),
    "sync.export": QT_TRANSLATE_NOOP("AuditWords", "导出数据包"),
    "sync.export_reference": QT_TRANSLATE_NOOP("AuditWords", "导出名册"),
    "sync.import": QT_TRANSLATE_NOOP("AuditWords", "导入数据包"),
    "sync.import_bundle": QT_TRANSLATE_NOOP("AuditWords", "导入数据包"),
    "sync.replace_key": QT_TRANSLATE_NOOP("AuditWords", "更换单位密钥"),
    "sync.trust_key": QT_TRANSLATE_NOOP("AuditWords", "信任单位密钥"),
}
OPERATIONS = {
    "create": QT_TRANSLATE_NOOP("AuditWords", "新增"),
    "update": QT_TRANSLATE_NOOP("AuditWords", "修改"),
    "delete": QT_TRANSLATE_NOOP("AuditWords", "删除"),
}
RECORDS = {
    "agreement": QT_TRANSLATE_NOOP("AuditWords", "协议"),
    "sync_peer": QT_TRANSLATE_NOOP("AuditWords", "单位"),
    "sync_export": QT_TRANSLATE_NOOP("AuditWords", "导出记录"),
    "sync_import": QT_TRANSLATE_NOOP("AuditWords", "导入记录"),
    "investigation": QT_TRANSLATE_NOOP("AuditWords", "调查"),
    "mediation_session": QT_TRANSLATE_NOOP("AuditWords", "调解"),
    "follow_up": QT_TRANSLATE_NOOP("AuditWords", "回访"),
    "referral": QT_TRANSLATE_NOOP("AuditWords", "移交"),
    "mediation_case": QT_TRANSLATE_NOOP("AuditWords", "案件"),
    "party": QT_TRANSLATE_NOOP("AuditWords", "当事人"),
    "attachment": QT_TRANSLATE_NOOP("AuditWords", "附件"),
    "installation": QT_TRANSLATE_NOOP("AuditWords", "本单位"),
    "setting": QT_TRANSLATE_NOOP("AuditWords", "设置"),
    "app_user": QT_TRANSLATE_NOOP("AuditWords", "账户"),
    "screening": QT_TRANSLATE_NOOP("AuditWords", "排查"),
    "screening_finding": QT_TRANSLATE_NOOP("AuditWords", "排查发现"),
    "mediator": QT_TRANSLATE_NOOP("AuditWords", "调解员"),
}
_ID = re.compile(r"^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$|^[0-9a-f]{24,}$", re.I)
_MOMENT = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})")
_READABLE = re.compile(r"[\u3400-\u9fff\d]")  # a value a person reads holds Chinese or digits


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _action(code: str) -> str:
    if code in ACTIONS:
        return _tr(str(ACTIONS[code]))
    family, _, name = code.partition(".")
    if family == "case" and name in {a.value for a in CaseAction}:
        return label(CaseAction(name))
    return code  # an action this window does not know yet: its code, as the command line shows it


def actions_named(words: str) -> tuple[str, ...]:
    """The action codes whose name in the window's language holds ``words`` (登记 → case.register, …)."""
    words = words.strip().casefold()
    codes = [*ACTIONS, *(f"case.{a.value}" for a in CaseAction)]
    return tuple(code for code in codes if words and words in _action(code).casefold())


def describe_action(action: str, record: str) -> str:
    """``case.register/create`` on ``party`` → 登记案件 · 新增当事人."""
    base, _, op = action.partition("/")
    words = _action(base)
    if op:
        words += " · " + _tr(str(OPERATIONS.get(op, op))) + (_tr(str(RECORDS[record])) if record in RECORDS else "")
    return words


def _value(value: Any) -> str | None:
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
        return None
    text = str(value)
    if text == "***" or _ID.match(text):
        return None
    if text in {s.value for s in CaseStatus}:
        return label(CaseStatus(text))
    moment = _MOMENT.match(text)
    if moment:
        return f"{moment.group(1)} {moment.group(2)}"
    return text if _READABLE.search(text) else None


def describe_content(data: dict[str, Any]) -> str:
    """The values a person reads: of what was added, of what a change made (旧 → 新), or of a plain note."""
    before, after = data.get("before"), data.get("after")
    parts: list[str] = []
    if isinstance(after, dict) and isinstance(before, dict):
        for key, new in after.items():
            old_text, new_text = _value(before.get(key)), _value(new)
            if new_text or old_text:
                parts.append(f"{old_text or '—'} → {new_text or '—'}")
    else:
        shown = after if isinstance(after, dict) else before if isinstance(before, dict) else data
        parts = [text for text in (_value(v) for v in shown.values()) if text]
    return "；".join(parts)


def whole_entry(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)[:2000]
