from __future__ import annotations

import pytest
from sqlalchemy import select

from mediation_desktop.domain.enums import Role
from mediation_desktop.errors import MediationError
from mediation_desktop.services import accounts
from mediation_desktop.services.setup import SetupRequest, initialise, short_name_for
from mediation_desktop.storage.models import User


def test_password_is_argon2id_with_owasp_parameters(db):
    with db.read_session() as s:
        stored = s.scalar(select(User.password_hash).where(User.username == "admin"))
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert "secret123" not in stored


def test_login_and_lockout(db):
    assert accounts.authenticate(db, "admin", "secret123").role == Role.DIRECTOR
    for _ in range(accounts.MAX_FAILURES - 1):
        with pytest.raises(MediationError, match="account.bad_login"):
            accounts.authenticate(db, "admin", "wrong-one")
    with pytest.raises(MediationError, match="account.locked"):
        accounts.authenticate(db, "admin", "wrong-one")
    with pytest.raises(MediationError, match="account.locked"):  # even the right password now
        accounts.authenticate(db, "admin", "secret123")


def test_only_a_director_creates_users(db, director):
    accounts.create_user(db, director, "lisi", "李四", Role.MEDIATOR, "pass1234")
    mediator = accounts.authenticate(db, "lisi", "pass1234")
    with pytest.raises(MediationError, match="account.forbidden"):
        accounts.create_user(db, mediator, "wangwu", "王五", Role.MEDIATOR, "pass1234")
    with pytest.raises(MediationError, match="account.username_taken"):
        accounts.create_user(db, director, "lisi", "李四", Role.MEDIATOR, "pass1234")


def test_setup_validation_and_second_init(empty_db, db):
    with pytest.raises(MediationError, match="setup.already_initialised"):
        initialise(db, SetupRequest("330102001", "石桥村", "village", "boss", "secret123"))


@pytest.mark.parametrize(("req", "key"), [
    (SetupRequest("33a", "石桥村", "village", "admin", "secret123"), "setup.org_code"),
    (SetupRequest("330102001", " ", "village", "admin", "secret123"), "setup.org_name"),
    (SetupRequest("330102001", "石桥村", "city", "admin", "secret123"), "setup.level"),
    (SetupRequest("330102001", "石桥村", "village", "a", "secret123"), "account.username"),
    (SetupRequest("330102001", "石桥村", "village", "admin", "123"), "account.password_short"),
    # a name the bundles cannot carry, or a short name too long for the case numbers a bundle carries
    (SetupRequest("330102001", "𠮷" * 101, "village", "admin", "secret123"), "setup.org_name_long"),
    (SetupRequest("330102001", "𠮷" * 60 + "人民调解委员会", "village", "admin", "secret123"), "setup.short_name_long"),
    (SetupRequest("330102001", "石桥村人民调解委员会", "village", "admin", "secret123", short_name="石" * 41),
     "setup.short_name_long"),
    # a village's code begins with its township's (its township would refuse its bundles)
    (SetupRequest("330103001", "柳湾村", "village", "admin", "secret123", parent_code="330102"),
     "setup.code_not_below_parent"),
    (SetupRequest("330102", "石桥村", "village", "admin", "secret123", parent_code="330102"),
     "setup.code_not_below_parent"),
])
def test_setup_refuses_bad_input(empty_db, req, key):
    with pytest.raises(MediationError) as err:
        initialise(empty_db, req)
    assert err.value.key == key
    assert not empty_db.is_initialised()


def test_short_name():
    assert short_name_for("石桥村人民调解委员会") == "石桥村"
    assert short_name_for("城关镇调委会") == "城关镇"
    assert short_name_for("调解委员会") == "调解委员会"
