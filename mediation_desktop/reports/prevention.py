"""Figures of the published forms that are conditions on a case's facts, beyond the classic list:
人 for each "prevented" counter, and 「其中3人以上」 group disputes.

Kept apart from :mod:`.figures` (which attaches them to the report in one line each). Definitions
(docs/reports.md):

* 防止民转刑 / 防止群体性上访 / 防止自杀 / 制止群体性械斗, 人: the persons involved (the case's
  涉及人数, ``prevented_persons``) summed over the cases with that flag. A case with two flags counts in
  both, as it does for 件.
* 其中：3人以上群体性纠纷: cases where one side (申请人, or 被申请人, …) has three or more parties.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement

if TYPE_CHECKING:
    from mediation_desktop.reports.figures import Facts, Figure

__all__ = ["GROUP_SIDE", "group_figures", "persons_figures"]

#: parties on one side from which a dispute is a group dispute (「其中3人以上」)
GROUP_SIDE = 3

_KINDS = (("criminal", "prevented_criminal", "防止民转刑", "prevented from turning criminal"),
          ("petition", "prevented_petition", "防止群体性上访", "prevented group petitions"),
          ("suicide", "prevented_suicide", "防止自杀", "prevented suicides"),
          ("fight", "stopped_group_fight", "制止群体性械斗", "stopped group fights"))


def _flagged(name: str) -> Any:
    return lambda f: f.col(name).is_(True)


def persons_figures(make: type[Figure]) -> list[Figure]:
    """「其中」 rows under 涉及人数: the persons of each kind of prevented case."""
    return [make(f"prev:{key}:persons", f"其中：{zh}", f"of which: {en}", "prevented", _flagged(flag),
                 measure="persons", indent=1) for key, flag, zh, en in _KINDS]


def _group(f: Facts) -> ColumnElement[bool]:
    """A side of the case with :data:`GROUP_SIDE` or more parties (not removed): the ``largest_side`` fact,
    counted with the parties in one grouped pass over the period's parties (neither an ``EXISTS`` per case
    nor an ``IN`` over the groups of every case in the database)."""
    return f.largest_side >= GROUP_SIDE


def group_figures(make: type[Figure]) -> list[Figure]:
    """The 「其中3人以上」 row under 纠纷总数."""
    return [make("grp:3plus", f"其中：{GROUP_SIDE}人以上群体性纠纷",
                 f"of which: group disputes ({GROUP_SIDE} or more on a side)", "total", _group, indent=1)]
