"""Every label the domain gives (statuses, actions, roles, sources, results) is in the window's catalogue."""

from __future__ import annotations

from mediation_desktop.domain.enums import LABELS_ZH, SessionResult
from mediation_desktop.domain.lifecycle import ACTION_LABELS_ZH, STATUS_LABELS_ZH, CaseStatus
from mediation_desktop.ui.common.labels import LABELS, label


def test_every_domain_label_is_listed_for_translation():
    every = set(LABELS_ZH.values()) | set(STATUS_LABELS_ZH.values()) | set(ACTION_LABELS_ZH.values())
    assert every <= set(LABELS), sorted(every - set(LABELS))


def test_members_sharing_a_value_keep_their_own_label(qapp):
    assert SessionResult.AGREED.value == CaseStatus.AGREED.value
    assert label(SessionResult.AGREED) == LABELS_ZH[SessionResult.AGREED]
    assert label(CaseStatus.AGREED) == STATUS_LABELS_ZH[CaseStatus.AGREED]


def test_every_member_shown_in_the_window_has_a_chinese_label():
    """A value the window shows through ``label`` never appears as its English code (an attachment's
    kind showed as "other")."""
    from mediation_desktop.domain import enums

    shown = (enums.OrgLevel, enums.Role, enums.CaseSource, enums.PartyRole, enums.SessionResult,
             enums.AgreementForm, enums.Performance, enums.AttachmentKind)
    missing = [f"{kind.__name__}.{m.name}" for kind in shown for m in kind if m not in LABELS_ZH]
    assert missing == []
