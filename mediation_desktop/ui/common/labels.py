"""The words the domain gives to statuses, actions, roles, sources, results (``LABELS_ZH`` and friends),
translated for the window like every other visible string."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from mediation_desktop.domain.enums import LABELS_ZH
from mediation_desktop.domain.lifecycle import (
    ACTION_LABELS_EN,
    ACTION_LABELS_ZH,
    STATUS_LABELS_EN,
    STATUS_LABELS_ZH,
    CaseAction,
    CaseStatus,
)
from mediation_desktop.ui.common.language import EN, current

# Every Chinese label of the domain, so that lupdate puts each in the catalogue (a test keeps this complete).
LABELS = (
    QT_TRANSLATE_NOOP("Labels", "不予调解"),
    QT_TRANSLATE_NOOP("Labels", "中止"),
    QT_TRANSLATE_NOOP("Labels", "主动调解"),
    QT_TRANSLATE_NOOP("Labels", "乡镇（街道）"),
    QT_TRANSLATE_NOOP("Labels", "书面协议"),
    QT_TRANSLATE_NOOP("Labels", "信访部门委托移送"),
    QT_TRANSLATE_NOOP("Labels", "公安机关委托移送"),
    QT_TRANSLATE_NOOP("Labels", "其他部门委托移送"),
    QT_TRANSLATE_NOOP("Labels", "县（区）"),
    QT_TRANSLATE_NOOP("Labels", "受理"),
    QT_TRANSLATE_NOOP("Labels", "口头协议"),
    QT_TRANSLATE_NOOP("Labels", "司法所工作人员"),
    QT_TRANSLATE_NOOP("Labels", "尚未履行"),
    QT_TRANSLATE_NOOP("Labels", "履行完毕"),
    QT_TRANSLATE_NOOP("Labels", "已履行"),
    QT_TRANSLATE_NOOP("Labels", "已归档"),
    QT_TRANSLATE_NOOP("Labels", "已移交"),
    QT_TRANSLATE_NOOP("Labels", "延期调解"),
    QT_TRANSLATE_NOOP("Labels", "归档"),
    QT_TRANSLATE_NOOP("Labels", "当事人申请"),
    QT_TRANSLATE_NOOP("Labels", "恢复调解"),
    QT_TRANSLATE_NOOP("Labels", "未履行"),
    QT_TRANSLATE_NOOP("Labels", "未达成协议"),
    QT_TRANSLATE_NOOP("Labels", "未记录"),
    QT_TRANSLATE_NOOP("Labels", "村（居）"),
    QT_TRANSLATE_NOOP("Labels", "检察院委托移送"),
    QT_TRANSLATE_NOOP("Labels", "法院委托移送"),
    QT_TRANSLATE_NOOP("Labels", "申请人"),
    QT_TRANSLATE_NOOP("Labels", "登记"),
    QT_TRANSLATE_NOOP("Labels", "移交"),
    QT_TRANSLATE_NOOP("Labels", "第三人"),
    QT_TRANSLATE_NOOP("Labels", "终止调解"),
    QT_TRANSLATE_NOOP("Labels", "被申请人"),
    QT_TRANSLATE_NOOP("Labels", "调委会主任"),
    QT_TRANSLATE_NOOP("Labels", "调查"),
    QT_TRANSLATE_NOOP("Labels", "调查中"),
    QT_TRANSLATE_NOOP("Labels", "调解"),
    QT_TRANSLATE_NOOP("Labels", "调解不成（终止）"),
    QT_TRANSLATE_NOOP("Labels", "调解中"),
    QT_TRANSLATE_NOOP("Labels", "调解员"),
    QT_TRANSLATE_NOOP("Labels", "达成协议"),
    QT_TRANSLATE_NOOP("Labels", "达成协议（履行中）"),
    QT_TRANSLATE_NOOP("Labels", "部分履行"),
    QT_TRANSLATE_NOOP("Labels", "重新开启"),
    QT_TRANSLATE_NOOP("Labels", "其他材料"),
    QT_TRANSLATE_NOOP("Labels", "履行凭证"),
    QT_TRANSLATE_NOOP("Labels", "照片"),
    QT_TRANSLATE_NOOP("Labels", "证据材料"),
    QT_TRANSLATE_NOOP("Labels", "签字协议书扫描件"),
)


def label(value: object) -> str:
    """The label of an enum member (status, action, role, …) in the window's language.

    A status and the action leading to it may share their Chinese word (中止 受理 履行完毕) but not their English
    one (Suspended / Suspend): one catalogue entry per Chinese word cannot tell them apart, so statuses and actions
    take their English from the domain's own tables, as the case list does."""
    # by type first: members of different enums share values ("agreed" is a status and a session result)
    if isinstance(value, CaseStatus):
        if current() == EN:
            return STATUS_LABELS_EN.get(value, str(value))
        text = STATUS_LABELS_ZH.get(value)
    elif isinstance(value, CaseAction):
        if current() == EN:
            return ACTION_LABELS_EN.get(value, str(value))
        text = ACTION_LABELS_ZH.get(value)
    else:
        text = LABELS_ZH.get(value)  # type: ignore[call-overload]
    if text is None:
        return str(value)
    return QCoreApplication.translate("Labels", text)


def translated(text: str) -> str:
    """A Chinese label already looked up (e.g. from a service) in the window's language."""
    return QCoreApplication.translate("Labels", text)
