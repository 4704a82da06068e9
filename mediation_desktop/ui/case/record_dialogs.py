"""The forms recorded on a case: an investigation (调查记录), a session (调解记录), an oral agreement, a
follow-up (回访), a referral (移交) — one module each, sharing ``RecordDialog`` (record_dialog_base.py) — and
the table of them by draft form name, for offering drafts back after a restart."""

from __future__ import annotations

from mediation_desktop.ui.case.follow_up_dialog import FollowUpDialog
from mediation_desktop.ui.case.investigation_dialog import InvestigationDialog
from mediation_desktop.ui.case.oral_agreement_dialog import OralAgreementDialog
from mediation_desktop.ui.case.record_dialog_base import FormIncomplete, RecordDialog, changed_signal
from mediation_desktop.ui.case.referral_dialog import ReferralDialog
from mediation_desktop.ui.case.session_dialog import SessionDialog

__all__ = ["RECORD_DIALOGS", "FollowUpDialog", "FormIncomplete", "InvestigationDialog", "OralAgreementDialog",
           "RecordDialog", "ReferralDialog", "SessionDialog", "changed_signal"]

# draft form name → dialog, for offering drafts back after a restart
RECORD_DIALOGS: dict[str, type[RecordDialog]] = {
    d.FORM: d for d in (InvestigationDialog, SessionDialog, OralAgreementDialog, FollowUpDialog, ReferralDialog)}
