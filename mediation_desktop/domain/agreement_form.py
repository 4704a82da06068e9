"""Which of a case's agreements its papers and figures report (协议形式 书面 / 口头): one rule for all.

A case may hold several agreements: a written one and an oral one (a written 协议书 signed after an oral agreement
was recorded, or the other way round), corrections (new versions), drafts not yet signed. The 结案报告表, the
卷宗情况说明, the 回访记录's 协议编号, the 台账 row and the statistics must tell the same form:

* only an agreement in effect counts: signed (a draft is not an agreement yet; a replaced version is no longer
  one), not removed;
* a written agreement before an oral one (the statistics count a case with both as 书面协议 once), an old
  ledger's 未记录 last;
* among those, the newest version.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol, TypeVar

from .enums import AgreementForm, AgreementStatus

__all__ = ["FORM_RANK", "agreement_in_effect", "in_effect_rank"]

#: written before oral before 未记录 (an old ledger's 调解成功 in no recorded form)
FORM_RANK = {AgreementForm.WRITTEN: 2, AgreementForm.ORAL: 1, AgreementForm.UNRECORDED: 0}


class _AgreementLike(Protocol):
    @property
    def form(self) -> Any: ...
    @property
    def status(self) -> Any: ...
    @property
    def version(self) -> int: ...
    @property
    def deleted_at(self) -> Any: ...


A = TypeVar("A", bound=_AgreementLike)


def in_effect_rank(form: str, version: int) -> tuple[int, int]:
    """How a signed agreement ranks among a case's signed ones: the highest is the one reported."""
    try:
        rank = FORM_RANK[AgreementForm(str(form))]
    except ValueError:
        rank = -1
    return rank, version


def agreement_in_effect(agreements: Iterable[A]) -> A | None:
    """The agreement a case's papers and figures report (the module's rule), or None without one in effect."""
    signed = [a for a in agreements if a.deleted_at is None and str(a.status) == AgreementStatus.SIGNED]
    return max(signed, key=lambda a: in_effect_rank(a.form, a.version), default=None)
