"""The case list's ids on both databases: the same cases in the same order as the ORM reads them, whatever
form the keys travel in (hex text on SQLite; on PostgreSQL ``id::text`` for the whole list, the driver's
``UUID`` for a search), and ``uuid.UUID`` whenever one is read."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

import pytest
from pg_server import backend_params, database_url_for
from sqlalchemy import select

from mediation_desktop.domain.enums import PartyRole
from mediation_desktop.domain.lifecycle import CaseStatus
from mediation_desktop.paths import DataPaths
from mediation_desktop.services.cases import CaseInput, register_case, void_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.services.queries import CaseFilter, find_case_ids, rows_for
from mediation_desktop.storage.database import Database, open_database
from mediation_desktop.storage.models import Case


@pytest.fixture(params=backend_params())
def empty_db(request: pytest.FixtureRequest, paths: DataPaths) -> Iterator[Database]:
    db = open_database(paths, database_url_for(request.param))
    yield db
    db.dispose()


def _reference(db: Database, *conditions: object) -> list[uuid.UUID]:
    with db.read_session() as s:
        return list(s.scalars(select(Case.id).where(Case.deleted_at.is_(None), *conditions)  # type: ignore[arg-type]
                              .order_by(Case.registered_on.desc(), Case.year.desc(), Case.serial.desc())))


def test_case_ids_in_list_order_on_both_databases(db, director):
    made = []
    for i, (day, name, category) in enumerate([
            (dt.date(2025, 12, 30), "张三", "neighbour"), (dt.date(2026, 1, 5), "李四", "labour_wages"),
            (dt.date(2026, 1, 5), "王五", "neighbour"), (dt.date(2026, 3, 1), "张小明", "traffic"),
            (dt.date(2026, 3, 1), "赵六", "labour")]):
        made.append(register_case(db, director, CaseInput(
            category_code=category, summary=f"第{i}件", registered_on=day, accept=i % 2 == 0,
            parties=[PartyInput(name=name, role=PartyRole.APPLICANT)]), today=day).case_id)
    void_case(db, director, made[2], reason="登记错了")

    ids = find_case_ids(db)
    assert ids == _reference(db) and len(ids) == 4 and made[2] not in list(ids)
    assert all(type(i) is uuid.UUID for i in ids) and type(ids[0]) is uuid.UUID and ids[1:3] == list(ids)[1:3]
    assert [r.id for r in rows_for(db, list(ids))] == list(ids)
    assert find_case_ids(db, limit=2) == _reference(db)[:2]
    assert find_case_ids(db, where=CaseFilter(year=2026)) == _reference(db, Case.year == 2026)
    assert find_case_ids(db, where=CaseFilter(category="labour")) == _reference(
        db, Case.category_code.in_(["labour", "labour_wages"]))
    assert find_case_ids(db, where=CaseFilter(status=CaseStatus.REGISTERED)) == _reference(
        db, Case.status == CaseStatus.REGISTERED)
    found = find_case_ids(db, search="张")
    assert set(found) == {made[0], made[3]} and all(type(i) is uuid.UUID for i in found)
    assert find_case_ids(db, search="张", where=CaseFilter(year=2026)) == [made[3]]
