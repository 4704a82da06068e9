"""Typed SQLAlchemy 2 models for the whole domain. Import from here."""

from mediation_desktop.storage.models.agreement import Agreement
from mediation_desktop.storage.models.attachment import Attachment
from mediation_desktop.storage.models.audit import AuditEntry, AuditHead
from mediation_desktop.storage.models.base import Base, Synced
from mediation_desktop.storage.models.case import Case, Party
from mediation_desktop.storage.models.identity import (
    CaseNumberCounter,
    ChangeCounter,
    Installation,
    Setting,
    User,
)
from mediation_desktop.storage.models.records import FollowUp, Investigation, MediationSession, Referral
from mediation_desktop.storage.models.screening import Mediator, Screening, ScreeningFinding
from mediation_desktop.storage.models.search import CaseSearchRow
from mediation_desktop.storage.models.summary import ReportSummary, ReportSummaryState
from mediation_desktop.storage.models.sync import SyncExport, SyncImport, SyncPeer

__all__ = [
    "Agreement",
    "Attachment",
    "AuditEntry",
    "AuditHead",
    "Base",
    "Case",
    "CaseNumberCounter",
    "CaseSearchRow",
    "ChangeCounter",
    "FollowUp",
    "Installation",
    "Investigation",
    "MediationSession",
    "Mediator",
    "Party",
    "Referral",
    "ReportSummary",
    "ReportSummaryState",
    "Screening",
    "ScreeningFinding",
    "Setting",
    "SyncExport",
    "SyncImport",
    "SyncPeer",
    "Synced",
    "User",
]
