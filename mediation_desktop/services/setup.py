"""First set-up of an installation: who this committee is and its first director account."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select

from mediation_desktop.domain.case_number import DEFAULT_CASE_NUMBER_PATTERN
from mediation_desktop.domain.categories import CURRENT_SCHEME
from mediation_desktop.domain.enums import OrgLevel, Role
from mediation_desktop.errors import MediationError
from mediation_desktop.services.accounts import new_user
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Installation, Setting
from mediation_desktop.storage.unit_of_work import UnitOfWork

ORG_CODE = re.compile(r"^\d{6,12}$")  # an administrative division code
_SUFFIXES = ("人民调解委员会", "调解委员会", "调委会", "村民委员会", "居民委员会")

DEFAULT_SETTINGS = {
    "case_number_pattern": DEFAULT_CASE_NUMBER_PATTERN,
    "category_scheme": CURRENT_SCHEME,
    "follow_up_after_days": 15,
}


@dataclass(frozen=True)
class SetupRequest:
    org_code: str
    org_name: str
    level: str
    admin_username: str
    admin_password: str
    parent_code: str | None = None
    short_name: str | None = None
    admin_display_name: str | None = None


MAX_ORG_NAME = 100
MAX_SHORT_NAME = 40


def short_name_for(org_name: str) -> str:
    """石桥村人民调解委员会 → 石桥村: the name used inside case numbers."""
    name = org_name.strip()
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def validate(req: SetupRequest) -> tuple[str, str, OrgLevel, str | None]:
    code = req.org_code.strip()
    if not ORG_CODE.match(code):
        raise MediationError("setup.org_code", value=code)
    from mediation_desktop.services.input_rules import require_text

    require_text(req.org_name, "setup.org_name")
    require_text(req.short_name, "setup.short_name")
    name = req.org_name.strip()
    if not name:
        raise MediationError("setup.org_name")
    if len(name) > MAX_ORG_NAME:  # (the column, the bundles' and public key files' schema)
        raise MediationError("setup.org_name_long", max=MAX_ORG_NAME, count=len(name))
    short = (req.short_name or "").strip() or short_name_for(name)
    if len(short) > MAX_SHORT_NAME:  # (written into every case number, which a bundle carries in 60 characters)
        raise MediationError("setup.short_name_long", value=short[:20] + "…", max=MAX_SHORT_NAME)
    try:
        level = OrgLevel(req.level.strip().lower())
    except ValueError:
        raise MediationError("setup.level", value=req.level) from None
    parent = (req.parent_code or "").strip() or None
    if parent is not None and not ORG_CODE.match(parent):
        raise MediationError("setup.parent_code", value=parent)
    if level == OrgLevel.VILLAGE and parent is not None and not (len(code) > len(parent) and code.startswith(parent)):
        # (行政区划码: a village's code is its township's followed by its own digits; the township takes the
        # village's bundles only so: ``sync.verify.check_place``)
        raise MediationError("setup.code_not_below_parent", value=code, parent=parent)
    return code, name, level, parent


def initialise(db: Database, req: SetupRequest) -> Installation:
    """Create the installation row, default settings, the first director and the sync key pair, in one transaction."""
    code, name, level, parent = validate(req)
    director = new_user(req.admin_username, req.admin_display_name or req.admin_username, Role.DIRECTOR,
                        req.admin_password)
    with UnitOfWork(db, actor=director.username, action="setup.init") as uow:
        if uow.session.scalar(select(Installation.id).limit(1)) is not None:
            raise MediationError("setup.already_initialised", data_dir=str(db.paths.root))
        inst = Installation(org_code=code, org_name=name, short_name=req.short_name or short_name_for(name),
                            level=level, parent_code=parent)
        uow.session.add(inst)
        for key, value in DEFAULT_SETTINGS.items():
            uow.session.add(Setting(key=key, value=value))
        uow.session.add(director)
        uow.session.flush()  # the installation's id, for its key pair
        from mediation_desktop.sync.keys import create_own_keys

        create_own_keys(uow.session, db.paths, inst)  # private halves in keys/, public halves in this transaction
        if db.is_sqlite:  # the director's password opens the encrypted backups (services.backup_unlock)
            from mediation_desktop.services.backup_unlock import remember_password

            remember_password(uow.session, db.paths, director.username, req.admin_password, director.password_hash)
        uow.commit()
    return inst


def installation(db: Database) -> Installation | None:
    with db.read_session() as s:
        return s.scalar(select(Installation).limit(1))
