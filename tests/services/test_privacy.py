"""Non-public cases are seen only by their mediator and directors; revealing ID numbers is recorded."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from mediation_desktop.domain.enums import PartyRole, Role
from mediation_desktop.errors import MediationError
from mediation_desktop.services import privacy
from mediation_desktop.services.accounts import authenticate, create_user
from mediation_desktop.services.case_detail import load_case
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.services.queries import find_case_ids
from mediation_desktop.services.today import today_items
from mediation_desktop.storage.models import AuditEntry


def _user(db, director, name, role):
    create_user(db, director, name, f"{name}调解员", role, "secret123")
    return authenticate(db, name, "secret123")


def _case(db, actor, *, non_public, risk=True):
    return register_case(db, actor, CaseInput(
        "marriage_family", [PartyInput("张三", id_number="11010519491231002X", phone="13800138000"),
                            PartyInput("李四", role=PartyRole.RESPONDENT)],
        non_public=non_public, escalation_risk=risk)).case_id


def test_non_public_case_only_for_its_mediator_and_directors(db, director):
    alice = _user(db, director, "alice", Role.MEDIATOR)
    bob = _user(db, director, "bob", Role.MEDIATOR)
    clerk = _user(db, director, "clerk", Role.CLERK)
    private = _case(db, alice, non_public=True)
    public = _case(db, alice, non_public=False)
    assert set(find_case_ids(db, viewer=alice)) == {private, public}
    assert set(find_case_ids(db, viewer=director)) == {private, public}
    assert find_case_ids(db, viewer=bob) == [public]
    assert find_case_ids(db, viewer=clerk) == [public]
    assert find_case_ids(db, search="张三", viewer=bob) == [public]  # search does not leak it either
    assert {i.case_id for i in today_items(db, viewer=bob)} == {public}
    assert {i.case_id for i in today_items(db, viewer=alice)} == {private, public}
    with pytest.raises(MediationError) as err:
        load_case(db, private, viewer=bob)
    assert err.value.key == "case.not_public"
    assert load_case(db, private, viewer=alice).case.non_public


def test_reveal_is_recorded(db, director):
    case_id = _case(db, director, non_public=False)
    privacy.reveal_identities(db, director, case_id)
    with db.read_session() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "privacy.reveal"))
        assert entry.actor == "admin" and entry.case_id == str(case_id)


def test_at_a_hub_a_namesake_does_not_see_a_villages_non_public_case(db, director):
    """A village's case copied to a hub keeps its mediator's name; a hub mediator of the same name is someone else."""
    import uuid

    from mediation_desktop.storage.models import Case
    from mediation_desktop.storage.unit_of_work import UnitOfWork

    here = _user(db, director, "wang", Role.MEDIATOR)  # display name "wang调解员"
    own = _case(db, director, non_public=True)
    village = _case(db, director, non_public=True)
    with UnitOfWork(db, actor="test", action="test.hub") as uow:
        for cid, org in ((own, None), (village, "330102002")):
            case = uow.session.get(Case, cid)
            case.mediator_name, case.mediator_id = here.display_name, None  # named, as a ledger or a bundle has it
            if org:  # as a bundle from 东山村 leaves it at the hub: another owner, its own user ids
                case.owner_org_code, case.owner_installation_id = org, uuid.uuid4()
        uow.commit()
    assert find_case_ids(db, viewer=here) == [own]  # by name: only this committee's own case
    with db.read_session() as s:
        assert privacy.may_see(here, s.get(Case, own)) and not privacy.may_see(here, s.get(Case, village))
