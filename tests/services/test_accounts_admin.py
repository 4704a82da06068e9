"""A director manages accounts; a forgotten director password is recovered with the printed code only."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from mediation_desktop.domain.enums import Role
from mediation_desktop.errors import MediationError
from mediation_desktop.services import accounts
from mediation_desktop.services.accounts import authenticate, create_user
from mediation_desktop.storage.models import AuditEntry


def test_director_resets_and_deactivates(db, director):
    create_user(db, director, "wang", "王调解员", Role.MEDIATOR, "secret123")
    mediator = authenticate(db, "wang", "secret123")
    for _ in range(5):
        with pytest.raises(MediationError):
            authenticate(db, "wang", "wrong-password")
    assert next(u for u in accounts.list_users(db) if u.username == "wang").locked
    with pytest.raises(MediationError) as err:
        accounts.reset_password(db, mediator, "admin", "hijacked1")
    assert err.value.key == "account.forbidden"
    accounts.reset_password(db, director, "wang", "newsecret1")
    assert authenticate(db, "wang", "newsecret1").role == Role.MEDIATOR  # lockout lifted too
    accounts.set_active(db, director, "wang", False)
    with pytest.raises(MediationError):
        authenticate(db, "wang", "newsecret1")
    with pytest.raises(MediationError) as err:
        accounts.set_active(db, director, "admin", False)
    assert err.value.key == "account.not_self"


def test_change_own_password(db, director):
    with pytest.raises(MediationError):
        accounts.change_password(db, director, "not-mine", "another1")
    accounts.change_password(db, director, "secret123", "another1")
    assert authenticate(db, "admin", "another1")


def test_recovery_code_works_once_and_never_appears_in_the_log(db, director):
    create_user(db, director, "wang", "王调解员", Role.MEDIATOR, "secret123")
    code = accounts.issue_recovery_code(db, director)
    assert len(code) == 24 and code.count("-") == 4
    with pytest.raises(MediationError) as err:
        accounts.recover_director(db, "admin", "AAAA-BBBB-CCCC-DDDD-EEEE", "forgotten1")
    assert err.value.key == "account.bad_recovery_code"
    with pytest.raises(MediationError):  # the code is for directors only
        accounts.recover_director(db, "wang", code, "forgotten1")
    fresh = accounts.recover_director(db, "admin", code.lower().replace("-", " "), "forgotten1")
    assert authenticate(db, "admin", "forgotten1")
    with pytest.raises(MediationError):  # used once, then replaced
        accounts.recover_director(db, "admin", code, "again1234")
    assert accounts.recover_director(db, "admin", fresh, "again1234") != fresh
    with db.read_session() as s:
        log = json.dumps([e.data for e in s.scalars(select(AuditEntry))], ensure_ascii=False)
    assert "argon2" not in log and code not in log
