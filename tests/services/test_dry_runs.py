"""A dry run of a service step checks everything the step checks and writes nothing (not even the log): the window
runs it before it asks a question that cannot be taken back."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from mediation_desktop.domain.enums import PartyRole, SessionResult
from mediation_desktop.domain.lifecycle import CaseAction, CaseStatus
from mediation_desktop.errors import MediationError
from mediation_desktop.services import agreements, records
from mediation_desktop.services.cases import CaseInput, change_status, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Agreement, AuditEntry, Case


def _mediating(db, director):
    case_id = register_case(db, director, CaseInput("neighbour", [
        PartyInput("张三"), PartyInput("李四", role=PartyRole.RESPONDENT)], summary="菜地界限")).case_id
    records.add_session(db, director, case_id, records.SessionInput(SessionResult.POSTPONED, record="第一次调解"))
    return case_id


def _state(db, case_id):
    with db.read_session() as s:
        return (s.get(Case, case_id).status, s.scalar(select(func.count()).select_from(Agreement)),
                s.scalar(select(func.count(AuditEntry.id))))


def test_a_dry_run_writes_nothing_and_refuses_what_the_step_refuses(db, director):
    case_id = _mediating(db, director)
    before = _state(db, case_id)
    agreements.record_oral(db, director, case_id, agreements.AgreementInput(["李四赔偿800元。"], amount="800"),
                           dry_run=True)
    change_status(db, director, case_id, CaseAction.TERMINATE, dry_run=True)
    assert _state(db, case_id) == before
    with pytest.raises(MediationError) as refused:
        agreements.record_oral(db, director, case_id, agreements.AgreementInput(["李四赔偿。"], amount="12,5OO"),
                               dry_run=True)
    assert refused.value.key == "case.amount"
    aid = agreements.save_draft(db, director, case_id, agreements.AgreementInput(["李四赔偿800元。"]))
    before = _state(db, case_id)
    agreements.sign(db, director, aid, dry_run=True)
    assert _state(db, case_id) == before and before[0] == CaseStatus.MEDIATING
    with pytest.raises(MediationError):
        change_status(db, director, case_id, CaseAction.ARCHIVE, dry_run=True)  # not closed: refused, as for real
