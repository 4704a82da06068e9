"""The case window's steps: always the same buttons in the same places, whatever the case's status.

What is not allowed now is disabled, never removed (a mediator aiming at 记录回访 must not click 更正协议…
because it moved into its place), and its tooltip says why. :func:`availability` is the rule: key → ""
(allowed) or the reason it is not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from mediation_desktop.domain.enums import AgreementForm, AgreementStatus, Role
from mediation_desktop.domain.lifecycle import REQUIRES_DIRECTOR, CaseAction
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.case_detail import CaseDetail
from mediation_desktop.ui.common.labels import label

if TYPE_CHECKING:
    from mediation_desktop.storage.models import Agreement

# the record steps, in their fixed order ("sign" is the signing day with its button)
RECORD_STEPS: tuple[tuple[str, object], ...] = (
    ("edit", QT_TRANSLATE_NOOP("CaseActions", "修改登记…")),
    ("prevented", QT_TRANSLATE_NOOP("CaseActions", "防止激化…")),
    ("investigation", QT_TRANSLATE_NOOP("CaseActions", "记录调查")),
    ("session", QT_TRANSLATE_NOOP("CaseActions", "记录一次调解")),
    ("oral", QT_TRANSLATE_NOOP("CaseActions", "登记口头协议")),
    ("agreement", QT_TRANSLATE_NOOP("CaseActions", "书面协议…")),
    ("sign", QT_TRANSLATE_NOOP("CaseActions", "协议已签署…")),
    ("correct", QT_TRANSLATE_NOOP("CaseActions", "更正协议…")),
    ("confirmation", QT_TRANSLATE_NOOP("CaseActions", "司法确认…")),
    ("follow_up", QT_TRANSLATE_NOOP("CaseActions", "记录回访")),
    ("refer", QT_TRANSLATE_NOOP("CaseActions", "移交…")),
    ("pdf", QT_TRANSLATE_NOOP("CaseActions", "文书（查看、打印）…")),
    ("paper_pages", QT_TRANSLATE_NOOP("CaseActions", "卷宗纸质材料页数…")),
)
# the status steps done with a button of their own (the others are done by recording something)
STATUS_STEPS: tuple[CaseAction, ...] = (CaseAction.ACCEPT, CaseAction.DECLINE, CaseAction.SUSPEND,
                                        CaseAction.RESUME, CaseAction.TERMINATE, CaseAction.MARK_PERFORMED,
                                        CaseAction.ARCHIVE, CaseAction.REOPEN)
VOID = ("void", QT_TRANSLATE_NOOP("CaseActions", "作废…"))

_OTHER_COMMITTEE = QT_TRANSLATE_NOOP("CaseActions", "这是其他调委会的案件，只能查看。")
_CLERK = QT_TRANSLATE_NOOP("CaseActions", "文书员只能查看和打印，不能修改案件。")
_STATUS = QT_TRANSLATE_NOOP("CaseActions", "案件现在是“%1”，这一步现在不能做。")
_DIRECTOR = QT_TRANSLATE_NOOP("CaseActions", "只有主任可以做这一步。")
_NO_DRAFT = QT_TRANSLATE_NOOP("CaseActions", "还没有协议草稿：先点“书面协议…”写协议。")
_LOCKED = QT_TRANSLATE_NOOP("CaseActions", "协议已签署并锁定；要修改请点“更正协议…”。")
_NO_SIGNED = QT_TRANSLATE_NOOP("CaseActions", "还没有已签署的协议。")
_DRAFT_PENDING = QT_TRANSLATE_NOOP("CaseActions", "更正版本还没有签署：先签署或继续编辑它。")
_NOT_WRITTEN = QT_TRANSLATE_NOOP("CaseActions", "只有已签署的书面协议才能申请司法确认。")
_NOT_AGREED = QT_TRANSLATE_NOOP("CaseActions", "达成协议以后才能回访。")


def _tr(text: object) -> str:
    return QCoreApplication.translate("CaseActions", str(text))


def step_text(key: str) -> str:
    for k, text in (*RECORD_STEPS, VOID):
        if k == key:
            return _tr(text)
    return label(CaseAction(key))


def signed_in_effect(detail: CaseDetail) -> Agreement | None:
    """The signed agreement in effect (written or oral, not replaced by a correction), if any."""
    return next((a for a in reversed(detail.agreements) if a.status == AgreementStatus.SIGNED), None)


def availability(detail: CaseDetail, actor: Actor) -> dict[str, str]:
    """Every step's key → "" when it can be done now, else why not (one line, for the tooltip)."""
    keys = [k for k, _ in RECORD_STEPS] + [a.value for a in STATUS_STEPS] + [VOID[0]]
    if not detail.owned_here or actor.role == Role.CLERK:
        reason = _tr(_OTHER_COMMITTEE if not detail.owned_here else _CLERK)
        return {k: "" if k == "pdf" else reason for k in keys}
    actions = detail.actions()
    status = _tr(_STATUS).replace("%1", label(detail.status))
    drafts = [a for a in detail.agreements if a.status == AgreementStatus.DRAFT]
    signed = signed_in_effect(detail)
    written = next((a for a in reversed(detail.agreements)
                    if a.status == AgreementStatus.SIGNED and a.form == AgreementForm.WRITTEN), None)
    out = {"edit": "", "prevented": "", "pdf": "", "paper_pages": ""}
    out["investigation"] = "" if (CaseAction.INVESTIGATE in actions
                                  or detail.status.value in ("investigating", "mediating")) else status
    out["session"] = "" if {CaseAction.MEDIATE, CaseAction.AGREE, CaseAction.RESUME} & set(actions) else status
    out["oral"] = "" if CaseAction.AGREE in actions else (_tr(_LOCKED) if signed is not None else status)
    out["agreement"] = "" if CaseAction.AGREE in actions or drafts else (
        _tr(_LOCKED) if signed is not None else status)
    out["sign"] = "" if drafts else _tr(_NO_DRAFT)
    out["correct"] = _tr(_DRAFT_PENDING) if drafts and signed is not None else (
        "" if signed is not None else _tr(_NO_SIGNED))
    out["confirmation"] = "" if written is not None else _tr(_NOT_WRITTEN)
    out["follow_up"] = "" if detail.status.value == "agreed" else _tr(_NOT_AGREED)
    out["refer"] = "" if CaseAction.REFER in actions else status
    for action in STATUS_STEPS:
        if action not in actions:
            out[action.value] = status
        elif action in REQUIRES_DIRECTOR and actor.role != Role.DIRECTOR:
            out[action.value] = _tr(_DIRECTOR)
        else:
            out[action.value] = ""
    out[VOID[0]] = "" if actor.role == Role.DIRECTOR else _tr(_DIRECTOR)
    return out
