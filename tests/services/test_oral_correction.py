"""An oral agreement follows the written one's rules: once recorded it is locked, and a correction is a new
version that replaces it (reason required, logged), never an edit."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from mediation_desktop.domain.enums import PartyRole, SessionResult
from mediation_desktop.errors import MediationError
from mediation_desktop.services import agreements, cases, records
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Agreement, AuditEntry


def _oral(db, director):
    reg = cases.register_case(db, director, cases.CaseInput(
        "labour", [PartyInput("张三"), PartyInput("兴旺建筑公司", role=PartyRole.RESPONDENT)], summary="欠薪"))
    records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.AGREED, record="双方同意"))
    return reg.case_id, agreements.record_oral(db, director, reg.case_id, agreements.AgreementInput(["十日内付清"]))


def test_a_correction_replaces_the_oral_agreement_and_is_logged(db, director):
    case_id, first = _oral(db, director)
    second = agreements.record_oral(db, director, case_id, agreements.AgreementInput(["十五日内付清"], amount="15.6万"),
                                    corrects=first, reason="期限记错")
    with db.read_session() as s:
        old, new = s.get(Agreement, first), s.get(Agreement, second)
        assert (old.status.value, new.status.value, new.form.value) == ("superseded", "signed", "oral")
        assert new.supersedes_id == first and new.version == old.version + 1 and str(new.amount) == "156000.00"
        logged = s.scalars(select(AuditEntry).where(AuditEntry.reason == "期限记错")).all()
        assert logged  # the reason is in the log with the change


@pytest.mark.parametrize("reason", ["", "   ", "\n"])
def test_no_correction_without_a_reason(db, director, reason):
    case_id, first = _oral(db, director)
    with pytest.raises(MediationError) as caught:
        agreements.record_oral(db, director, case_id, agreements.AgreementInput(["十五日内付清"]), corrects=first,
                               reason=reason)
    assert caught.value.key == "case.reason_required"
    with db.read_session() as s:
        assert s.get(Agreement, first).status.value == "signed" and len(s.scalars(select(Agreement)).all()) == 1


def test_only_a_signed_agreement_of_the_same_case_is_corrected(db, director):
    case_id, first = _oral(db, director)
    other_case, _ = _oral(db, director)
    with pytest.raises(MediationError):
        agreements.record_oral(db, director, other_case, agreements.AgreementInput(["x"]), corrects=first,
                               reason="错")
    agreements.record_oral(db, director, case_id, agreements.AgreementInput(["y"]), corrects=first, reason="错")
    with pytest.raises(MediationError):  # already replaced: a second correction of the old one is refused
        agreements.record_oral(db, director, case_id, agreements.AgreementInput(["z"]), corrects=first,
                               reason="错")
