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
    from mediation_desktop.services.input_rules import require_text

    require_text(display_name, "account.display_name")
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


def authenticate(db: Database, username: str, password: str, *, note_login: bool = True) -> Actor:
    """The actor for a correct password; counts failures and locks after ``MAX_FAILURES``.

    ``note_login=False`` (the command line, which signs in for every command): a correct password writes
    nothing unless earlier failures are to be cleared, so a command that then changes nothing leaves the
    database as it was; the window notes the time of each sign-in."""
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
        actor = Actor(user.username, user.display_name, user.role, user.id)
        if not note_login and user.failed_logins == 0 and user.locked_until is None:
            return actor  # (left without commit: nothing written)
        user.failed_logins = 0
        user.locked_until = None
        if note_login:
            user.last_login_at = now
            if user.role == Role.DIRECTOR:
                _remember_for_backups(db, uow, user, password, only_if_stale=True)
        uow.commit()
        return actor


@dataclass(frozen=True)
class UserInfo:
    username: str
    display_name: str
    role: Role
    active: bool
    locked: bool
    last_login_at: dt.datetime | None


def list_users(db: Database) -> list[UserInfo]:
    now = utcnow()
    with db.read_session() as s:
        return [UserInfo(u.username, u.display_name, u.role, u.active,
                         u.locked_until is not None and u.locked_until > now, u.last_login_at)
                for u in s.scalars(select(User).where(User.deleted_at.is_(None)).order_by(User.username))]


def _director_only(actor: Actor, action: str) -> None:
    if actor.role != Role.DIRECTOR:
        raise MediationError("account.forbidden", action=action)


def _user(uow: UnitOfWork, username: str) -> User:
    user = uow.session.scalar(select(User).where(User.username == username.strip(), User.deleted_at.is_(None)))
    if user is None:
        raise MediationError("account.no_user", value=username)
    return user


def reset_password(db: Database, actor: Actor, username: str, new_password: str) -> None:
    """A director sets a new password for someone who forgot theirs (and lifts a lockout)."""
    _director_only(actor, "重置密码")
    password_hash = hash_password(new_password)
    with UnitOfWork(db, actor=actor.username, action="account.reset_password") as uow:
        user = _user(uow, username)
        user.password_hash, user.failed_logins, user.locked_until = password_hash, 0, None
        if user.role == Role.DIRECTOR:
            _remember_for_backups(db, uow, user, new_password)
        uow.commit()


def change_password(db: Database, actor: Actor, old_password: str, new_password: str) -> None:
    password_hash = hash_password(new_password)
    with UnitOfWork(db, actor=actor.username, action="account.change_password") as uow:
        user = _user(uow, actor.username)
        if not password_matches(user.password_hash, old_password):
            raise MediationError("account.bad_login")
        user.password_hash = password_hash
        if user.role == Role.DIRECTOR:
            _remember_for_backups(db, uow, user, new_password)
        uow.commit()


def _remember_for_backups(db: Database, uow: UnitOfWork, user: User, password: str, *,
                          only_if_stale: bool = False) -> None:
    """A director's password (just set or checked) opens the encrypted backups made from now on: its wrap
    of the backup key is made in the same transaction (``services.backup_unlock``). A server database has
    no backups of this program's (its administrator's pg_dump), so nothing is wrapped there."""
    if not db.is_sqlite:
        return
    from mediation_desktop.services import backup_unlock

    if only_if_stale and backup_unlock.wrap_is_current(uow.session, db.paths, user.username, user.password_hash):
        return
    try:
        backup_unlock.remember_password(uow.session, db.paths, user.username, password, user.password_hash)
    except (MediationError, OSError):
        if not only_if_stale:  # a sign-in goes on without it; a password change says so
            raise


def set_active(db: Database, actor: Actor, username: str, active: bool) -> None:
    """停用 / 启用 an account (accounts are never deleted: the log names them)."""
    _director_only(actor, "停用账户")
    if username.strip() == actor.username and not active:
        raise MediationError("account.not_self")
    with UnitOfWork(db, actor=actor.username, action="account.activate" if active else "account.deactivate") as uow:
        _user(uow, username).active = active
        uow.commit()


# -- the director's recovery code --------------------------------------------------------------------------
# Printed (or written down) at set-up and kept in the committee's cabinet: with it, a director who forgot the
# password sets a new one. Only its Argon2id hash is stored; it works once and is replaced when used.
RECOVERY_SETTING = "director_recovery_code_hash"  # in storage.unit_of_work.SECRET_SETTINGS
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud and typed by hand


def _new_code() -> str:
    import secrets

    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(20))  # 20 × log2(31) ≈ 99 bits
    return "-".join(raw[i:i + 4] for i in range(0, 20, 4))


def _normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def issue_recovery_code(db: Database, actor: Actor) -> str:
    """A new recovery code (the old one stops working). Shown once: print it and lock it away."""
    _director_only(actor, "生成恢复码")
    code = _new_code()
    with UnitOfWork(db, actor=actor.username, action="account.recovery_code") as uow:
        _store_code(db, uow, code)
        uow.note("account.recovery_code", "setting", RECOVERY_SETTING, None, {"issued": True})
        uow.commit()
    return code


def _store_code(db: Database, uow: UnitOfWork, code: str) -> None:
    """Store the code's hash, and wrap the backup key with the code (a new code opens the backups made from
    now on; older backups open with the code that was current when they were made)."""
    from mediation_desktop.storage.models import Setting

    row = uow.session.get(Setting, RECOVERY_SETTING)
    value = _HASHER.hash(_normalise_code(code))
    if row is None:
        uow.session.add(Setting(key=RECOVERY_SETTING, value=value))
    else:
        row.value = value
    if db.is_sqlite:
        from mediation_desktop.services import backup_unlock

        backup_unlock.remember_recovery_code(uow.session, db.paths, code, value)


def recover_director(db: Database, username: str, code: str, new_password: str) -> str:
    """A director who forgot the password: the recovery code sets a new one and is replaced by a new code
    (returned: print it). A wrong code, or an account that is not a director's, changes nothing."""
    from mediation_desktop.storage.models import Setting

    password_hash = hash_password(new_password)
    with UnitOfWork(db, actor=username.strip() or "?", action="account.recover") as uow:
        row = uow.session.get(Setting, RECOVERY_SETTING)
        if row is None or not password_matches(str(row.value), _normalise_code(code)):
            raise MediationError("account.bad_recovery_code")
        user = _user(uow, username)
        if user.role != Role.DIRECTOR or not user.active:
            raise MediationError("account.bad_recovery_code")
        user.password_hash, user.failed_logins, user.locked_until = password_hash, 0, None
        _remember_for_backups(db, uow, user, new_password)
        fresh = _new_code()
        _store_code(db, uow, fresh)
        uow.note("account.recover", "app_user", str(user.id), None, {"username": user.username})
        uow.commit()
    return fresh
