"""Local accounts: Argon2id password hashes (OWASP parameters), roles, lockout."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from mediation_desktop.domain.enums import Role
from mediation_desktop.errors import MediationError
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import User
from mediation_desktop.storage.types import utcnow
from mediation_desktop.storage.unit_of_work import UnitOfWork

# OWASP Password Storage Cheat Sheet: Argon2id, m = 19 MiB, t = 2, p = 1.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1, hash_len=32, salt_len=16,
                         type=Type.ID)
MIN_PASSWORD = 6
MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
_USERNAME = re.compile(r"^[\w\u4e00-\u9fff]{2,32}$")


@dataclass(frozen=True)
class Actor:
    """Who is acting: the signed-in user (or the CLI's system actor)."""

    username: str
    display_name: str
    role: Role
    user_id: uuid.UUID | None = None


SYSTEM = Actor("system", "系统", Role.DIRECTOR)


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise MediationError("account.password_short", min=MIN_PASSWORD)
    return _HASHER.hash(password)


def password_matches(stored: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def validate_username(username: str) -> str:
    username = username.strip()
    if not _USERNAME.match(username):
        raise MediationError("account.username", value=username)
    return username


def new_user(username: str, display_name: str, role: Role | str, password: str) -> User:
    """A User row, validated and hashed (not yet added to any session)."""
    try:
        role = Role(role)
    except ValueError:
        raise MediationError("account.role", value=role) from None
    return User(username=validate_username(username), display_name=display_name.strip() or username,
                role=role, password_hash=hash_password(password), active=True, failed_logins=0)


def create_user(db: Database, actor: Actor, username: str, display_name: str, role: Role | str,
                password: str) -> User:
    if actor.role != Role.DIRECTOR:
        raise MediationError("account.forbidden", action="create_user")
    user = new_user(username, display_name, role, password)
    with UnitOfWork(db, actor=actor.username, action="account.create") as uow:
        if uow.session.scalar(select(User.id).where(User.username == user.username)) is not None:
            raise MediationError("account.username_taken", value=user.username)
        uow.session.add(user)
        uow.commit()
    return user


def authenticate(db: Database, username: str, password: str) -> Actor:
    """The actor for a correct password; counts failures and locks after ``MAX_FAILURES``."""
    with UnitOfWork(db, actor=username, action="account.login") as uow:
        user = uow.session.scalar(select(User).where(User.username == username.strip(), User.active.is_(True)))
        if user is None:
            raise MediationError("account.bad_login")
        now = utcnow()
        if user.locked_until is not None and user.locked_until > now:
            minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
            raise MediationError("account.locked", minutes=minutes)
        if not password_matches(user.password_hash, password):
            user.failed_logins += 1
            locked = user.failed_logins >= MAX_FAILURES
            if locked:
                user.locked_until = now + LOCKOUT
                user.failed_logins = 0
            uow.commit()
            if locked:
                raise MediationError("account.locked", minutes=int(LOCKOUT.total_seconds() // 60))
            raise MediationError("account.bad_login")
        user.failed_logins = 0
        user.locked_until = None
        user.last_login_at = now
        uow.commit()
        return Actor(user.username, user.display_name, user.role, user.id)
