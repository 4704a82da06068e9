"""Whose ledger a file is: every installation (a village as a township or county) books the cases of a ledger as its
own, so a ledger whose title names another committee (「石桥村2022年人民调解台账」 at the township, or at 东河村) is
refused unless the user says it is this unit's own.

A village's cases reach the township in the village's bundles, owned by the village: imported from the village's
Excel file at the township or at another village they would be that unit's cases, counted twice once the village's
bundles arrive. A committee may keep a ledger titled with its own name (「青山镇人民调解委员会2023年台账」,
「青山镇石桥村2022年台账」 at 石桥村), which imports as before.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from mediation_desktop.errors import MediationError
from mediation_desktop.reports.ledger_sheet import Sheet
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Installation

#: a village's or a residents' committee's name in a title: the words before 村 / 社区 / 居委会, after any
#: county, township or street name (青山镇石桥村 → 石桥村)
_UNIT = re.compile(r"([\u4e00-\u9fff]{1,6}?(?:村|社区|居委会|居民委员会))")
_ABOVE = re.compile(r".*(?:省|市|县|镇|乡|街道|(?<!社)区)")
#: words ending in 村 / 社区 that name no committee
_NO_UNIT = ("农村", "乡村", "各村", "全村", "本村", "村村", "各社区", "本社区", "全社区", "城乡社区")


def units_named(title: str) -> list[str]:
    """The 村 / 社区 / 居委会 names a ledger's title gives (「石桥村2022年人民调解台账」 → ["石桥村"])."""
    out: list[str] = []
    for run in re.findall(r"[\u4e00-\u9fff]+", title):
        for match in _UNIT.finditer(run):
            name = _ABOVE.sub("", match[1]) or match[1]
            if len(name) >= 2 and name not in _NO_UNIT and not name.startswith(("各", "全", "本")):
                out.append(name)
    return out


def check_owner(db: Database, sheet: Sheet, own_ledger: bool) -> None:
    """Refuse a ledger whose title names another committee than this installation's (``ledger.other_committee``),
    unless ``own_ledger`` says it is this unit's own ledger."""
    if own_ledger:
        return
    with db.read_session() as s:
        inst = s.scalar(select(Installation).limit(1))
    if inst is None:
        return
    for part in sheet.parts():
        for unit in units_named(part.title):
            if unit not in inst.org_name and unit not in inst.short_name:
                raise MediationError("ledger.other_committee", title=part.title, unit=unit, here=inst.org_name)
