"""Read-only views of cases for lists (CLI ``cases``, the GUI's case list)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, overload

from sqlalchemy import Connection, Select, String, Text, cast, select, type_coerce
from sqlalchemy.orm import Session

from mediation_desktop.domain.enums import OrgLevel
from mediation_desktop.domain.lifecycle import CaseStatus
from mediation_desktop.services.accounts import Actor
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Case, Installation, Party, SyncPeer

_CHUNK = 500
SEARCH_LIMIT = 1000  # matches shown for a search; a longer term narrows them


@dataclass(frozen=True)
class CaseRow:
    id: uuid.UUID
    case_no: str
    title: str
    status: CaseStatus
    category: str
    accepted_on: dt.date | None
    registered_on: dt.date
    mediator_name: str
    parties: tuple[str, ...]
    original_no: str = ""  # the clerk's own number of a case imported from a ledger (extra["original_no"])
    org_code: str = ""  # the committee whose case it is (on a hub, one of several)

    def as_json(self) -> dict[str, object]:
        return {
            "id": str(self.id), "case_no": self.case_no, "title": self.title, "status": self.status.value,
            "category": self.category, "accepted_on": self.accepted_on.isoformat() if self.accepted_on else None,
            "registered_on": self.registered_on.isoformat(), "mediator": self.mediator_name,
            "parties": list(self.parties), "original_no": self.original_no,
        }


@dataclass(frozen=True)
class CaseFilter:
    """What the case list is narrowed to (None = any)."""

    status: CaseStatus | None = None
    category: str | None = None
    mediator: str | None = None
    year: int | None = None
    village: str | None = None  # owner org code (a hub lists every village's cases)

    def is_empty(self) -> bool:
        return not (self.status or self.category or self.mediator or self.year is not None or self.village)


_ROW_COLUMNS = (Case.id, Case.case_no, Case.title, Case.status, Case.category_code, Case.accepted_on,
                Case.registered_on, Case.mediator_name)


class CaseIds(Sequence[uuid.UUID]):
    """Case ids as the database returned them, made ``uuid.UUID`` only when read.

    Turning 100,000 stored keys into ``UUID`` objects costs more than the query itself; the list only
    ever reads a page of them at a time.
    """

    __slots__ = ("_raw",)

    def __init__(self, raw: list[Any]) -> None:
        self._raw = raw

    @staticmethod
    def _uuid(value: Any) -> uuid.UUID:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(hex=value)

    def __len__(self) -> int:
        return len(self._raw)

    def __eq__(self, other: object) -> bool:  # equal to any sequence of the same ids, like a list
        return isinstance(other, Sequence) and len(other) == len(self) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # mutable-looking, like a list

    @overload
    def __getitem__(self, index: int) -> uuid.UUID: ...
    @overload
    def __getitem__(self, index: slice) -> list[uuid.UUID]: ...
    def __getitem__(self, index: int | slice) -> uuid.UUID | list[uuid.UUID]:
        if isinstance(index, slice):
            return [self._uuid(v) for v in self._raw[index]]
        return self._uuid(self._raw[index])


def _first_column(conn: Connection, stmt: Select[Any]) -> list[Any]:
    """The first column of ``stmt``'s rows as the driver returns them, read from the driver's cursor (the
    key column has no result processing to do; SQLAlchemy's rows would be made for nothing)."""
    result = conn.execute(stmt)
    try:
        return [row[0] for row in result.cursor.fetchall()]
    finally:
        result.close()


def find_case_ids(db: Database, *, search: str | None = None, limit: int | None = None,
                  where: CaseFilter | None = None, viewer: Actor | None = None) -> Sequence[uuid.UUID]:
    """The ids of the cases to list, in list order: best search matches first, else newest first.

    Only ids: a list of 100,000 cases opens on this, and its rows are read a page at a time. With a
    ``viewer``, non-public cases of other mediators are left out (see ``services.privacy``).
    """
    from mediation_desktop.services.privacy import sees_everything, visible_clause

    text = (search or "").strip()
    # the stored key as it is (hex text on SQLite, a UUID on PostgreSQL): see ``CaseIds``; on PostgreSQL
    # the whole list's keys come as text (``id::text``), not as a ``UUID`` object made by the driver per row
    key = cast(Case.id, Text()) if db.is_postgresql and not text else type_coerce(Case.id, String())
    stmt = (select(key).where(Case.deleted_at.is_(None), visible_clause(viewer))
            .order_by(Case.registered_on.desc(), Case.year.desc(), Case.serial.desc()))
    if where is not None:
        if where.status is not None:
            stmt = stmt.where(Case.status == where.status)
        if where.category:  # a category counts its 「其中」 sub-rows too
            from mediation_desktop.domain.categories import CURRENT_SCHEME, scheme

            codes = [where.category, *(c.code for c in scheme(CURRENT_SCHEME).children(where.category))]
            stmt = stmt.where(Case.category_code.in_(codes))
        if where.mediator:
            stmt = stmt.where(Case.mediator_name == where.mediator)
        if where.year is not None:
            stmt = stmt.where(Case.year == where.year)
        if where.village:
            stmt = stmt.where(Case.owner_org_code == where.village)
    ranked: list[Any] | None = None
    if text:
        from mediation_desktop.services import search as case_search

        if not case_search.terms_of_query(text):
            return []  # only punctuation: nothing to look for
        ranked = case_search.search_case_keys(db, text, limit=max(limit or 0, SEARCH_LIMIT))
        if (where is None or where.is_empty()) and sees_everything(viewer):  # deleted cases are already out
            return CaseIds(ranked[:limit] if limit is not None else ranked)
        stmt = stmt.where(type_coerce(Case.id, String()).in_(ranked))  # stored keys against stored keys
    if limit is not None:
        stmt = stmt.limit(limit)
    with db.engine.connect() as conn:  # the driver's rows, not SQLAlchemy's: 100,000 ids without per-row work
        keys = _first_column(conn, stmt)
    if ranked is not None:  # best matches first (names and numbers before words in summaries)
        order = {key: i for i, key in enumerate(ranked)}
        keys.sort(key=order.__getitem__)
    return CaseIds(keys)


def rows_for(db: Database, ids: list[uuid.UUID]) -> list[CaseRow]:
    """The list rows of ``ids``, in the same order."""
    rows: dict[uuid.UUID, Any] = {}
    names: dict[uuid.UUID, list[str]] = defaultdict(list)
    with db.read_session() as s:
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            rows.update((r.id, r) for r in s.execute(select(*_ROW_COLUMNS, Case.extra, Case.owner_org_code)
                                                     .where(Case.id.in_(chunk))))
            for case_id, name in s.execute(
                select(Party.case_id, Party.name).where(Party.case_id.in_(chunk), Party.deleted_at.is_(None))
                .order_by(Party.case_id, Party.position)
            ):
                names[case_id].append(name)
    out = []
    for case_id in ids:
        r = rows.get(case_id)
        if r is not None:
            out.append(CaseRow(r.id, r.case_no, r.title, r.status, r.category_code, r.accepted_on,
                               r.registered_on, r.mediator_name, tuple(names[case_id]),
                               str(r.extra.get("original_no") or "") if isinstance(r.extra, dict) else "",
                               r.owner_org_code or ""))
    return out


def list_cases(db: Database, *, search: str | None = None, limit: int | None = None,
               where: CaseFilter | None = None, viewer: Actor | None = None) -> list[CaseRow]:
    """Cases newest first; ``search`` matches case number, title, summary, party names, ID numbers, phones."""
    return rows_for(db, list(find_case_ids(db, search=search, limit=limit, where=where, viewer=viewer)))


@dataclass(frozen=True)
class FilterChoices:
    mediators: list[str]
    years: list[int]
    villages: list[tuple[str, str]]  # (org code, name): more than one only on a hub


def filter_choices(db: Database) -> FilterChoices:
    """The mediators, years and committees that occur, for the list's filter boxes."""
    with db.read_session() as s:
        mediators = [m for (m,) in s.execute(select(Case.mediator_name).distinct().order_by(Case.mediator_name)) if m]
        years = [y for (y,) in s.execute(select(Case.year).distinct().order_by(Case.year.desc()))]
        codes = [c for (c,) in s.execute(select(Case.owner_org_code).distinct().order_by(Case.owner_org_code))]
        names = committee_names(s)
    return FilterChoices(mediators, years, [(c, names.get(c, c)) for c in codes])


def committee_names(s: Session) -> dict[str, str]:
    """Org code → committee name, for the committees this installation knows: itself, and the units of
    the key records it holds (``sync_peer``: on a hub the senders of the bundles it imported and the units
    a lower hub's roster vouched for; in a village its township). Where one code has several keys (a
    village set up again), the newest trusted one names it; this installation's own name always wins."""
    names: dict[str, str] = {}
    for code, name in s.execute(select(SyncPeer.org_code, SyncPeer.org_name)
                                .order_by(SyncPeer.trusted_at, SyncPeer.installation_id)):
        if name:
            names[code] = name
    names.update((inst.org_code, inst.org_name) for inst in s.scalars(select(Installation)))
    return names


def township_of(s: Session) -> dict[str, str]:
    """Village committee → its township, for the report of a hub above the townships (a county): the village
    committees whose key records (``sync_peer``) name as their parent a township this hub holds the key record of.
    Empty below a county: there each committee is a column of its own. Several keys of one code (a village set up
    again) name the same parent in practice; the newest trusted one decides."""
    inst = s.scalar(select(Installation).limit(1))
    if inst is None or inst.level != OrgLevel.COUNTY:
        return {}
    peers = s.execute(select(SyncPeer.org_code, SyncPeer.level, SyncPeer.parent_code)
                      .order_by(SyncPeer.trusted_at, SyncPeer.installation_id)).all()
    townships = {code for code, level, _ in peers if level == OrgLevel.TOWNSHIP and code != inst.org_code}
    parents: dict[str, str] = {}
    for code, level, parent in peers:
        if level == OrgLevel.VILLAGE and parent in townships and code not in townships:
            parents[code] = parent
        elif level == OrgLevel.VILLAGE:
            parents.pop(code, None)
    return parents
