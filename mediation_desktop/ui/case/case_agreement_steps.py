"""The case window's agreement steps: write it (书面协议…), sign it on a day (协议已签署…), correct a signed one
(更正协议…) and apply for its judicial confirmation (司法确认…)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog

from mediation_desktop.domain.enums import AgreementForm, AgreementStatus, AttachmentKind
from mediation_desktop.domain.instalments import term_deadline_days
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services import agreements
from mediation_desktop.services.attachments import add_attachment
from mediation_desktop.ui.case import case_actions
from mediation_desktop.ui.case.agreement_dialog import AgreementDialog
from mediation_desktop.ui.case.record_dialogs import OralAgreementDialog
from mediation_desktop.ui.common.confirmation_dialog import ConfirmationDialog, day_of, qdate_of
from mediation_desktop.ui.common.date_field import china_day

if TYPE_CHECKING:
    from mediation_desktop.storage.models import Agreement
    from mediation_desktop.ui.case.case_window import CaseWindow


def show_sign_date(window: CaseWindow, sign: case_actions.StepState) -> None:
    """签署日期 beside 协议已签署…: usable while there is a draft to sign, and then never in the future, never
    before the case was accepted (the agreement takes effect that day; the 30 days of art. 33 count from it). The
    paper may have been signed before the draft was typed here (at the parties' house, on a day without power).
    Greyed, it says why as its button (``sign``) does; usable, its tooltip is the date field's own (a day it does
    not take says why there)."""
    window.sign_date_label.setToolTip(sign.tip)
    window.sign_date.setToolTip((window.sign_date.problem() or "") if sign.enabled else sign.tip)
    draft = next((a for a in reversed(window.detail.agreements) if a.status == AgreementStatus.DRAFT), None)
    window.sign_date.setEnabled(draft is not None)
    window.sign_date_label.setEnabled(draft is not None)
    if draft is not None:
        today = china_day()
        case = window.detail.case
        first = qdate_of(case.accepted_on or case.registered_on)
        window.sign_date.set_limits(min(first, today), today)

def signed_written(window: CaseWindow) -> Agreement | None:
    """The written agreement in effect (signed, not replaced by a correction), if any."""
    return next((a for a in reversed(window.detail.agreements)
                 if a.status == AgreementStatus.SIGNED and a.form == AgreementForm.WRITTEN), None)

def edit_agreement(window: CaseWindow) -> None:
    """书面协议…: the agreement's form (a draft of it kept for this case is offered first)."""
    window.open_record(AgreementDialog.FORM)

def correct_agreement(window: CaseWindow) -> None:
    """A signed agreement stays as signed; a correction is a new version (the written one a draft until it is
    signed too, the oral one recorded again with the same question as the first time)."""
    signed = case_actions.signed_in_effect(window.detail)
    if signed is None:
        return
    why = QCoreApplication.translate("CaseWindow", "签署后的协议不能修改，只能新建更正版本（原版本保留）。"
                                                   "请写明更正原因：")
    reason = window.ask_text(window, why)
    if not reason:
        return
    if signed.form == AgreementForm.ORAL:
        window.open_dialog(OralAgreementDialog(window.db, window.actor, window.case_id, window, corrects=signed,
                                               reason=reason))
        return
    data = agreements.AgreementInput(
        terms=list(signed.terms), facts=signed.facts, performance_method=signed.performance_method,
        performance_place=signed.performance_place, performance_deadline=signed.performance_deadline,
        amount=signed.amount, copies=signed.copies, term_deadlines=list(term_deadline_days(signed.term_deadlines)))
    try:
        agreements.correct(window.db, window.actor, signed.id, data, reason=reason)
    except MediationError as exc:
        window.error.setText(tr(exc.key, **exc.params))
        return
    window.after_change()
    window.edit_agreement()

def sign_agreement(window: CaseWindow) -> None:
    """All parties signed the printed agreement: it takes effect and is locked; the scan is kept."""
    draft = next(a for a in reversed(window.detail.agreements) if a.status == AgreementStatus.DRAFT)
    problem = window.sign_date.problem()
    if problem:  # (a day typed in the future, or before the draft was made)
        window.error.setText(problem)
        window.sign_date.setFocus()
        return
    day = day_of(window.sign_date.date())
    try:  # the service's own checks first, writing nothing: never 是 and then “cannot be signed”
        agreements.sign(window.db, window.actor, draft.id, signed_on=day, dry_run=True)
    except MediationError as exc:
        window.error.setText(tr(exc.key, **exc.params))
        return
    question = QCoreApplication.translate("CaseWindow", "各方当事人、调解员都已在协议书上签名（按指印）并盖章了吗？\n"
                                          "签署日期：%1（协议从这天起生效）\n"
                                          "确认后协议生效并锁定，不能再修改。").replace("%1", day.isoformat())
    if not window.ask(window, question):
        return
    choose = QCoreApplication.translate("CaseWindow", "选择已签字协议的扫描件（可以跳过）")
    skipping = QCoreApplication.translate("CaseWindow", "还没有扫描件也可以：点「跳过」，协议照样签署生效，"
                                          "扫描件以后可以在「附件」里添加。")
    skip = QCoreApplication.translate("CaseWindow", "跳过，不附扫描件")
    scan = window.ask_optional_path(window, choose, skipping, skip)
    if not window.isEnabled():  # locked while the chooser was open (the lock disables, then closes, the window):
        return  # the user is signed out
    try:
        agreements.sign(window.db, window.actor, draft.id, signed_on=day)
        if scan:
            add_attachment(window.db, window.actor, window.case_id, Path(scan), kind=AttachmentKind.SIGNED_AGREEMENT,
                           description=QCoreApplication.translate("CaseWindow", "签字协议书"),
                           agreement_id=draft.id)
    except MediationError as exc:
        window.error.setText(tr(exc.key, **exc.params))
    else:
        window.error.clear()
    window.after_change()

def record_confirmation(window: CaseWindow) -> QDialog | None:
    """司法确认…: the application to the court (date, court) and, later, the court's confirmation."""
    signed = signed_written(window)
    if signed is None:
        return None
    dialog = ConfirmationDialog(window.db, window.actor, window.case_id, signed, window)
    window.open_dialog(dialog)
    return dialog
