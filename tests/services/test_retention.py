"""Cases past their retention period: listed for the director, purged to a tombstone."""

from __future__ import annotations

import datetime as dt

import pytest
from retention_cases import closed_case as _closed
from sqlalchemy import select

from mediation_desktop.domain.enums import Role
from mediation_desktop.errors import MediationError
from mediation_desktop.services import retention, search
from mediation_desktop.services.accounts import authenticate, create_user
from mediation_desktop.storage.models import AuditEntry, Case, Party


def test_due_cases_follow_the_period(db, director):
    old = _closed(db, director, "张三", dt.date(2010, 3, 1), "10年")
    _closed(db, director, "王五", dt.date(2010, 3, 1), "永久")
    _closed(db, director, "赵六", dt.date(2010, 3, 1), None)  # 长期 = 30 years by default
    due = retention.due_cases(db, today=dt.date(2026, 11, 22))
    assert [(d.case_no, d.due_on) for d in due] == [(old.case_no, dt.date(2020, 3, 1))]
    assert retention.period_years("长期", retention.DEFAULT_YEARS) == 30


def test_purge_leaves_a_tombstone(db, director):
    reg = _closed(db, director, "张三", dt.date(2010, 3, 1), "10年")
    create_user(db, director, "wang", "王调解员", Role.MEDIATOR, "secret123")
    with pytest.raises(MediationError):
        retention.purge_case(db, authenticate(db, "wang", "secret123"), reg.case_id, reason="期满")
    retention.purge_case(db, director, reg.case_id, reason="保管期限届满")
    with db.read_session() as s:
        case = s.get(Case, reg.case_id)
        assert case.deleted_at is not None and case.case_no == reg.case_no and case.summary == ""
        assert case.category_code == "neighbour"  # the statistics keep counting it
        names = {p.name for p in s.scalars(select(Party).where(Party.case_id == reg.case_id))}
        assert names == {retention.PURGED}
        assert all(p.id_number is None and p.phone is None for p in s.scalars(select(Party)))
        assert s.scalar(select(AuditEntry).where(AuditEntry.action == "case.purge")).reason == "保管期限届满"
    assert search.search_case_ids(db, "张三") == [] and search.search_case_ids(db, "13800138000") == []
    assert retention.due_cases(db, today=dt.date(2026, 11, 22)) == []



def test_a_hub_lists_only_its_own_cases_as_due(db, director):
    """A village's copy at the township is the village's to archive or purge (a purge there fails: read-only)."""
    mine = _closed(db, director, "张三", dt.date(2010, 1, 1), "10年")
    theirs = _closed(db, director, "王五", dt.date(2010, 1, 1), "10年")
    with db.engine.begin() as conn:  # as a bundle from 石桥村 would have left it at this hub
        conn.execute(Case.__table__.update().where(Case.id == theirs.case_id).values(owner_org_code="330102999"))
    assert [d.case_id for d in retention.due_cases(db, today=dt.date(2026, 1, 1))] == [mine.case_id]


def test_the_period_written_at_archiving_and_set_later(db, director):
    """保管期限 as the cover prints it: a committee word or “N年”; anything else refused. A case not yet closed has
    none to set; a director may set one afterwards (a case archived before 归档 asked), with a reason."""
    table = retention.DEFAULT_YEARS
    assert [retention.check_period(t, table) for t in ("永久", " 短期 ", "15 年", "015年")] == ["永久", "短期", "15年",
                                                                                            "15年"]
    for bad in ("很久", "0年", "101年", "", "15"):
        with pytest.raises(MediationError) as refused:
            retention.check_period(bad, table)
        assert refused.value.key == "retention.period"
    assert retention.check_period("50年", {**table, "特长": 50}) == "50年"  # a township's own words are kept
    assert retention.check_period("特长", {**table, "特长": 50}) == "特长"
    from mediation_desktop.services.cases import CaseInput, register_case
    from mediation_desktop.services.parties import PartyInput

    open_case = register_case(db, director, CaseInput("neighbour", [PartyInput("甲"), PartyInput("乙")],
                                                      summary="界桩")).case_id
    with pytest.raises(MediationError) as refused:
        retention.set_period(db, director, open_case, "永久", reason="补定")
    assert refused.value.key == "retention.period_not_closed"
    old = _closed(db, director, "张三", dt.date(2010, 3, 1), None)
    with pytest.raises(MediationError):
        retention.set_period(db, director, old.case_id, "永久", reason="  ")
    assert retention.set_period(db, director, old.case_id, " 永久", reason="补定") == "永久"
    assert retention.due_cases(db, today=dt.date(2060, 1, 1)) == []  # 永久: never due (长期 would be by 2040)
