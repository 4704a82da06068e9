"""The case window's steps: always the same buttons in the same places, whatever the case's status.

What is not allowed now is disabled, never removed (a mediator aiming at 记录回访 must not click 更正协议…
because it moved into its place), and its tooltip says why and what to do first (先点“受理”); an enabled step's
tooltip says what it does. :func:`step_states` is the one rule: key → enabled, tooltip.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from mediation_desktop.domain.enums import AgreementForm, AgreementStatus, Role
from mediation_desktop.domain.lifecycle import OPEN_STATUSES, REQUIRES_DIRECTOR, TRANSITIONS, CaseAction, CaseStatus
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

# what each step does (the tooltip of an enabled step)
DOES: dict[str, object] = {
    "edit": QT_TRANSLATE_NOOP("CaseActions", "修改登记的当事人、纠纷类型和纠纷简要情况。"),
    "prevented": QT_TRANSLATE_NOOP("CaseActions", "登记防止民转刑、群体性上访、自杀、群体性械斗的件数和人数。"),
    "investigation": QT_TRANSLATE_NOOP("CaseActions", "记录一次调查：被调查人和问答。"),
    "session": QT_TRANSLATE_NOOP("CaseActions", "记录一次调解的经过和结果。"),
    "oral": QT_TRANSLATE_NOOP("CaseActions", "登记当面达成的口头协议；保存后协议生效并锁定。"),
    "agreement": QT_TRANSLATE_NOOP("CaseActions", "写书面协议书，旁边就是打印出来的样子；签署以前可以随时修改。"),
    "sign": QT_TRANSLATE_NOOP("CaseActions", "各方签名、按指印、盖章以后点这里：协议从签署日期起生效并锁定。"),
    "correct": QT_TRANSLATE_NOOP("CaseActions", "签署后的协议不能修改：新建一个更正版本，原版本保留。"),
    "confirmation": QT_TRANSLATE_NOOP("CaseActions", "登记当事人向人民法院申请司法确认的日期、法院和结果。"),
    "follow_up": QT_TRANSLATE_NOOP("CaseActions", "记录一次回访：协议履行得怎么样，当事人有什么意见。"),
    "refer": QT_TRANSLATE_NOOP("CaseActions", "把村里调解不了的纠纷移交给上级调委会。"),
    "pdf": QT_TRANSLATE_NOOP("CaseActions", "查看、打印或另存本案的文书。"),
    "paper_pages": QT_TRANSLATE_NOOP("CaseActions", "填写手工归入卷宗的纸质材料的页数，卷内目录的页号才对得上。"),
    "accept": QT_TRANSLATE_NOOP("CaseActions", "受理这起纠纷，开始调解。"),
    "decline": QT_TRANSLATE_NOOP("CaseActions", "不予调解（例如一方明确拒绝调解）。"),
    "suspend": QT_TRANSLATE_NOOP("CaseActions", "暂时中止调解，以后可以恢复。"),
    "resume": QT_TRANSLATE_NOOP("CaseActions", "恢复中止的调解。"),
    "terminate": QT_TRANSLATE_NOOP("CaseActions", "调解不成，终止调解（结案）。"),
    "mark_performed": QT_TRANSLATE_NOOP("CaseActions", "协议已经全部履行：结案。"),
    "archive": QT_TRANSLATE_NOOP("CaseActions", "把已结案的卷宗归档，并选保管期限。"),
    "reopen": QT_TRANSLATE_NOOP("CaseActions", "重新开启调解不成或已归档的案件（要写明原因）。"),
    "void": QT_TRANSLATE_NOOP("CaseActions", "作废登记错了的案件（要写明原因，日志里保留）。"),
}

# why a step cannot be taken now, and what to do first
_NOT_ACCEPTED = QT_TRANSLATE_NOOP("CaseActions", "案件还没有受理：先点“受理”。")
_SUSPENDED = QT_TRANSLATE_NOOP("CaseActions", "调解已中止：先点“恢复调解”。")
_ENDED = QT_TRANSLATE_NOOP("CaseActions", "案件已经是“%1”，调解已经结束，这一步不能再做。")
_ENDED_REOPEN = QT_TRANSLATE_NOOP("CaseActions", "案件已经是“%1”：要继续调解，请主任先点“重新开启”。")
_NO_SESSION = QT_TRANSLATE_NOOP("CaseActions", "还没有调解记录：先点“记录一次调解”，调解以后才能写协议。")
_NO_DRAFT = QT_TRANSLATE_NOOP("CaseActions", "还没有协议草稿：先点“书面协议…”写好协议并保存。")
_LOCKED = QT_TRANSLATE_NOOP("CaseActions", "协议已签署并锁定；要修改请点“更正协议…”。")
_NO_SIGNED = QT_TRANSLATE_NOOP("CaseActions", "还没有已签署的协议：协议签署（或登记口头协议）以后才能更正。")
_DRAFT_PENDING = QT_TRANSLATE_NOOP("CaseActions", "更正版本还没有签署：先签署或继续编辑它。")
_ORAL_ONLY = QT_TRANSLATE_NOOP("CaseActions", "口头协议不能申请司法确认：只有已签署的书面协议才能申请。")
_UNSIGNED = QT_TRANSLATE_NOOP("CaseActions", "书面协议还没有签署：各方签署后先点“协议已签署…”。")
_NO_WRITTEN = QT_TRANSLATE_NOOP("CaseActions", "还没有书面协议：先点“书面协议…”写协议，各方签署后点“协议已签署…”。")
_NOT_AGREED = QT_TRANSLATE_NOOP("CaseActions", "还没有达成协议：登记口头协议或签署书面协议以后才能回访。")
_NO_FOLLOW_UP = QT_TRANSLATE_NOOP("CaseActions", "案件已经是“%1”，不再需要回访。")
_ALREADY = QT_TRANSLATE_NOOP("CaseActions", "案件已经是“%1”了。")
_ONLY_NEW = QT_TRANSLATE_NOOP("CaseActions", "案件已经受理过了，只有刚登记的案件才能受理。")
_STARTED = QT_TRANSLATE_NOOP("CaseActions", "调查或调解已经开始，不能再不予调解；调解不成请点“终止调解”。")
_NOT_STARTED = QT_TRANSLATE_NOOP("CaseActions", "调解还没有开始：先点“记录调查”或“记录一次调解”。")
_NOT_SUSPENDED = QT_TRANSLATE_NOOP("CaseActions", "调解没有中止，不需要恢复。")
_NOT_PERFORMABLE = QT_TRANSLATE_NOOP("CaseActions", "还没有达成协议：登记口头协议或签署书面协议，履行完了再点这里。")
_NOT_CLOSED = QT_TRANSLATE_NOOP("CaseActions", "案件还没有结案：先履行完毕、终止调解、移交或不予调解，再归档。")
_NOT_REOPENABLE = QT_TRANSLATE_NOOP("CaseActions", "只有调解不成或已归档的案件才能重新开启。")
_DIRECTOR = QT_TRANSLATE_NOOP("CaseActions", "只有主任可以做这一步：请主任登录后再做。")
_NOT_AGREED_ORAL = QT_TRANSLATE_NOOP("CaseActions", "还没有调解记录：先点“记录一次调解”，调解以后才能登记口头协议。")


def _tr(text: object) -> str:
    return QCoreApplication.translate("CaseActions", str(text))


def step_text(key: str) -> str:
    for k, text in (*RECORD_STEPS, VOID):
        if k == key:
            return _tr(text)
    return label(CaseAction(key))


def signed_in_effect(detail: CaseDetail) -> Agreement | None:
    """The signed agreement in effect (written or oral, not replaced by a correction), if any: the one the case's
    papers and figures report (``domain.agreement_form``), and so the one a correction replaces."""
    from mediation_desktop.domain.agreement_form import agreement_in_effect

    return agreement_in_effect(detail.agreements)


@dataclass(frozen=True)
class StepState:
    """One step of the case window now: whether it can be taken, and its tooltip — what it does when it can, else
    why not and what to do first (one line, in the window's language)."""

    enabled: bool
    tip: str


def _status_reason(status: CaseStatus) -> str:
    """Why a step of an open mediation cannot be taken in ``status``, and what to do first."""
    if status == CaseStatus.REGISTERED:
        return _tr(_NOT_ACCEPTED)
    if status == CaseStatus.SUSPENDED:
        return _tr(_SUSPENDED)
    if status == CaseStatus.ACCEPTED:
        return _tr(_NOT_STARTED)
    ended = _ENDED_REOPEN if status in (CaseStatus.FAILED, CaseStatus.ARCHIVED) else _ENDED
    return _tr(ended).replace("%1", label(status))


def _reasons(detail: CaseDetail, actor: Actor) -> dict[str, str]:
    """Every step's key → "" when it can be taken now, else why not and what to do first."""
    actions = set(detail.actions())
    status = detail.status
    why = _status_reason(status)
    drafts = [a for a in detail.agreements if a.status == AgreementStatus.DRAFT]
    signed = signed_in_effect(detail)
    written = next((a for a in reversed(detail.agreements)
                    if a.status == AgreementStatus.SIGNED and a.form == AgreementForm.WRITTEN), None)
    before_session = status in (CaseStatus.ACCEPTED, CaseStatus.INVESTIGATING)  # (no sitting yet: write none)
    out = {"edit": "", "prevented": "", "pdf": "", "paper_pages": ""}
    out["investigation"] = "" if (CaseAction.INVESTIGATE in actions
                                  or status in (CaseStatus.INVESTIGATING, CaseStatus.MEDIATING)) else why
    out["session"] = "" if {CaseAction.MEDIATE, CaseAction.AGREE, CaseAction.RESUME} & actions else why
    out["oral"] = "" if CaseAction.AGREE in actions else (
        _tr(_LOCKED) if signed is not None else _tr(_NOT_AGREED_ORAL) if before_session else why)
    out["agreement"] = "" if CaseAction.AGREE in actions or drafts else (
        _tr(_LOCKED) if signed is not None else _tr(_NO_SESSION) if before_session else why)
    out["sign"] = "" if drafts else _tr(_NO_DRAFT)
    out["correct"] = _tr(_DRAFT_PENDING) if drafts and signed is not None else (
        "" if signed is not None else _tr(_NO_SIGNED))
    out["confirmation"] = "" if written is not None else _tr(
        _ORAL_ONLY if signed is not None else _UNSIGNED if drafts else _NO_WRITTEN)
    out["follow_up"] = "" if status == CaseStatus.AGREED else _tr(
        _NOT_AGREED if status in OPEN_STATUSES else _NO_FOLLOW_UP).replace("%1", label(status))
    out["refer"] = "" if CaseAction.REFER in actions else why
    for action in STATUS_STEPS:
        if action in actions:
            out[action.value] = _tr(_DIRECTOR) if action in REQUIRES_DIRECTOR and actor.role != Role.DIRECTOR else ""
        else:
            out[action.value] = _blocked(action, status, why)
    out[VOID[0]] = "" if actor.role == Role.DIRECTOR else _tr(_DIRECTOR)
    return out


def _blocked(action: CaseAction, status: CaseStatus, why: str) -> str:
    """Why the status step ``action`` cannot be taken in ``status`` (its sources are not ``status``)."""
    target = TRANSITIONS[action][1]
    if status == target:
        return _tr(_ALREADY).replace("%1", label(status))
    open_now = status in OPEN_STATUSES
    reasons: dict[CaseAction, str] = {
        CaseAction.ACCEPT: _tr(_ONLY_NEW) if open_now else why,
        CaseAction.DECLINE: _tr(_STARTED) if open_now else why,
        CaseAction.SUSPEND: why,
        CaseAction.RESUME: _tr(_NOT_SUSPENDED) if open_now else why,
        CaseAction.TERMINATE: why,
        CaseAction.MARK_PERFORMED: _tr(_NOT_PERFORMABLE) if open_now else why,
        CaseAction.ARCHIVE: _tr(_NOT_CLOSED) if open_now else why,
        CaseAction.REOPEN: _tr(_NOT_REOPENABLE),
    }
    return reasons.get(action, why)


def step_states(detail: CaseDetail, actor: Actor) -> dict[str, StepState]:
    """The one rule for the case window's steps: each key → whether it can be taken now, and its tooltip."""
    keys = [k for k, _ in RECORD_STEPS] + [a.value for a in STATUS_STEPS] + [VOID[0]]
    if not detail.owned_here or actor.role == Role.CLERK:
        reason = _tr(_OTHER_COMMITTEE if not detail.owned_here else _CLERK)
        return {k: StepState(True, _tr(DOES[k])) if k == "pdf" else StepState(False, reason) for k in keys}
    reasons = _reasons(detail, actor)
    return {k: StepState(not reasons[k], reasons[k] or _tr(DOES[k])) for k in keys}
