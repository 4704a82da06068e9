"""Who can be named where a record names a mediator: 调解员 of a session, 回访人 of a follow-up, the registration's
调解员 (the committee's accounts and its 调解员名册)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from mediation_desktop.storage.database import Database


def mediator_names(db: Database, first: str = "") -> list[str]:
    """Who can be named 调解员 / 回访人, in the order offered: ``first`` (the case's mediator), the committee's
    mediators and director who sign in here, then the serving mediators of its 调解员名册 (part-time village
    mediators rarely have an account of their own). Each name once."""
    from mediation_desktop.domain.enums import Role
    from mediation_desktop.services.accounts import list_users
    from mediation_desktop.services.roster import list_mediators

    names = [u.display_name for u in list_users(db) if u.active and u.role in (Role.MEDIATOR, Role.DIRECTOR)]
    names += [m.name for m in list_mediators(db, active_only=True)]
    return [n for n in dict.fromkeys([first, *names]) if n.strip()]


def fill_mediators(box: QComboBox, db: Database, case_mediator: str) -> None:
    """调解员 / 回访人: one of ``mediator_names`` (the case's mediator first, chosen); a name not among them (a
    case imported with its mediator's name) can be typed (the form makes the box editable, inserting nothing)."""
    for name in mediator_names(db, case_mediator):
        box.addItem(name, name)
    box.setCurrentIndex(0)
