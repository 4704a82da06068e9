"""The case lifecycle (案件流程) as an explicit state machine.

登记 → 受理 → (调查) → 调解 → 达成协议 → 履行完毕 → 归档; side exits: 不予调解, 中止 / 恢复,
调解不成（终止）, 移交. Every change of status goes through :func:`transition`; any pair not in
:data:`TRANSITIONS` is refused with :class:`IllegalTransition`. Who may act is checked by the
services; this module only says which actions need a committee director (调委会主任).
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "ACTION_LABELS_EN",
    "ACTION_LABELS_ZH",
    "CLOSED_STATUSES",
    "ERROR_KEYS",
    "OPEN_STATUSES",
    "REQUIRES_DIRECTOR",
    "STATUS_LABELS_EN",
    "STATUS_LABELS_ZH",
    "TRANSITIONS",
    "CaseAction",
    "CaseStatus",
    "IllegalTransition",
    "allowed_actions",
    "can_transition",
    "transition",
]


class CaseStatus(StrEnum):
    """案件状态."""

    REGISTERED = "registered"  # 登记
    ACCEPTED = "accepted"  # 受理
    DECLINED = "declined"  # 不予调解
    INVESTIGATING = "investigating"  # 调查中
    MEDIATING = "mediating"  # 调解中
    SUSPENDED = "suspended"  # 中止
    AGREED = "agreed"  # 达成协议（书面或口头），履行中
    FAILED = "failed"  # 调解不成（终止）
    PERFORMED = "performed"  # 履行完毕
    REFERRED = "referred"  # 已移交
    ARCHIVED = "archived"  # 已归档


class CaseAction(StrEnum):
    """An action that changes a case's status."""

    ACCEPT = "accept"  # 受理
    DECLINE = "decline"  # 不予调解
    INVESTIGATE = "investigate"  # 调查
    MEDIATE = "mediate"  # 调解
    SUSPEND = "suspend"  # 中止
    RESUME = "resume"  # 恢复调解
    AGREE = "agree"  # 达成协议
    TERMINATE = "terminate"  # 终止调解（调解不成）
    MARK_PERFORMED = "mark_performed"  # 履行完毕
    REFER = "refer"  # 移交
    ARCHIVE = "archive"  # 归档
    REOPEN = "reopen"  # 重新开启


_S = CaseStatus
_A = CaseAction

#: action → (statuses it may start from, status it leads to); in the order actions are offered.
TRANSITIONS: dict[CaseAction, tuple[frozenset[CaseStatus], CaseStatus]] = {
    _A.ACCEPT: (frozenset({_S.REGISTERED}), _S.ACCEPTED),
    _A.DECLINE: (frozenset({_S.REGISTERED, _S.ACCEPTED}), _S.DECLINED),
    _A.INVESTIGATE: (frozenset({_S.ACCEPTED, _S.MEDIATING}), _S.INVESTIGATING),
    _A.MEDIATE: (frozenset({_S.ACCEPTED, _S.INVESTIGATING}), _S.MEDIATING),
    _A.SUSPEND: (frozenset({_S.MEDIATING, _S.INVESTIGATING}), _S.SUSPENDED),
    _A.RESUME: (frozenset({_S.SUSPENDED}), _S.MEDIATING),
    _A.AGREE: (frozenset({_S.MEDIATING}), _S.AGREED),
    _A.TERMINATE: (frozenset({_S.ACCEPTED, _S.INVESTIGATING, _S.MEDIATING, _S.SUSPENDED}), _S.FAILED),
    _A.MARK_PERFORMED: (frozenset({_S.AGREED}), _S.PERFORMED),
    _A.REFER: (
        frozenset({_S.REGISTERED, _S.ACCEPTED, _S.INVESTIGATING, _S.MEDIATING, _S.SUSPENDED, _S.FAILED}),
        _S.REFERRED,
    ),
    _A.ARCHIVE: (frozenset({_S.DECLINED, _S.AGREED, _S.PERFORMED, _S.FAILED, _S.REFERRED}), _S.ARCHIVED),
    _A.REOPEN: (frozenset({_S.ARCHIVED, _S.FAILED}), _S.MEDIATING),
}

#: Actions only a committee director (调委会主任) may take.
REQUIRES_DIRECTOR: frozenset[CaseAction] = frozenset({_A.REOPEN})

#: Statuses of a case still being handled (未结).
OPEN_STATUSES: frozenset[CaseStatus] = frozenset(
    {_S.REGISTERED, _S.ACCEPTED, _S.INVESTIGATING, _S.MEDIATING, _S.SUSPENDED}
)
#: Statuses of a case whose mediation has ended (已结), whatever the outcome.
CLOSED_STATUSES: frozenset[CaseStatus] = frozenset(CaseStatus) - OPEN_STATUSES

ERROR_KEYS: frozenset[str] = frozenset({"case.illegal_transition"})


class IllegalTransition(ValueError):
    """``action`` is not possible from ``status`` (message key ``case.illegal_transition``)."""

    key = "case.illegal_transition"

    def __init__(self, status: CaseStatus, action: CaseAction) -> None:
        super().__init__(f"{self.key}: {action.value} from {status.value}")
        self.status = status
        self.action = action
        self.params: dict[str, str] = {"status": status.value, "action": action.value}


def can_transition(status: CaseStatus, action: CaseAction) -> bool:
    """Whether ``action`` may be taken on a case in ``status``."""
    sources, _ = TRANSITIONS[action]
    return status in sources


def transition(status: CaseStatus, action: CaseAction) -> CaseStatus:
    """The status after ``action``; raises IllegalTransition if it is not allowed."""
    sources, target = TRANSITIONS[action]
    if status not in sources:
        raise IllegalTransition(status, action)
    return target


def allowed_actions(status: CaseStatus) -> tuple[CaseAction, ...]:
    """The actions possible from ``status``, in table order (the order to offer them in)."""
    return tuple(action for action, (sources, _) in TRANSITIONS.items() if status in sources)


STATUS_LABELS_ZH: dict[CaseStatus, str] = {
    _S.REGISTERED: "登记",
    _S.ACCEPTED: "受理",
    _S.DECLINED: "不予调解",
    _S.INVESTIGATING: "调查中",
    _S.MEDIATING: "调解中",
    _S.SUSPENDED: "中止",
    _S.AGREED: "达成协议（履行中）",
    _S.FAILED: "调解不成（终止）",
    _S.PERFORMED: "履行完毕",
    _S.REFERRED: "已移交",
    _S.ARCHIVED: "已归档",
}

STATUS_LABELS_EN: dict[CaseStatus, str] = {
    _S.REGISTERED: "Registered",
    _S.ACCEPTED: "Accepted",
    _S.DECLINED: "Declined",
    _S.INVESTIGATING: "Investigating",
    _S.MEDIATING: "Mediating",
    _S.SUSPENDED: "Suspended",
    _S.AGREED: "Agreed (being performed)",
    _S.FAILED: "Failed (terminated)",
    _S.PERFORMED: "Performed",
    _S.REFERRED: "Referred",
    _S.ARCHIVED: "Archived",
}

ACTION_LABELS_ZH: dict[CaseAction, str] = {
    _A.ACCEPT: "受理",
    _A.DECLINE: "不予调解",
    _A.INVESTIGATE: "调查",
    _A.MEDIATE: "调解",
    _A.SUSPEND: "中止",
    _A.RESUME: "恢复调解",
    _A.AGREE: "达成协议",
    _A.TERMINATE: "终止调解",
    _A.MARK_PERFORMED: "履行完毕",
    _A.REFER: "移交",
    _A.ARCHIVE: "归档",
    _A.REOPEN: "重新开启",
}

ACTION_LABELS_EN: dict[CaseAction, str] = {
    _A.ACCEPT: "Accept",
    _A.DECLINE: "Decline",
    _A.INVESTIGATE: "Investigate",
    _A.MEDIATE: "Mediate",
    _A.SUSPEND: "Suspend",
    _A.RESUME: "Resume mediation",
    _A.AGREE: "Record agreement",
    _A.TERMINATE: "Terminate mediation",
    _A.MARK_PERFORMED: "Mark performed",
    _A.REFER: "Refer",
    _A.ARCHIVE: "Archive",
    _A.REOPEN: "Reopen",
}
