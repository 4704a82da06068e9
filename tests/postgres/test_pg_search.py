"""Search on PostgreSQL: the newest matches looked for in windows of docs give what the whole list starts with."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from mediation_desktop.services import demo, search
from mediation_desktop.services.cases import void_case
from mediation_desktop.storage.models import Case, Party

pytestmark = pytest.mark.postgres


@pytest.mark.parametrize("window", [1, 7, 64, search.PG_FIRST_WINDOW])
def test_a_limited_search_in_windows_is_the_start_of_the_full_one(db, director, monkeypatch, window):
    demo.generate(db, count=300, seed=5, today=dt.date(2026, 5, 1), batch_size=100)
    with db.engine.connect() as conn:
        names = [n for (n,) in conn.execute(select(Party.name).order_by(Party.name).limit(40))]
        summary = conn.execute(select(Case.summary).where(Case.summary != "").limit(1)).scalar_one()
        gone = conn.execute(select(Case.id).order_by(Case.year.desc(), Case.serial.desc()).limit(3)).scalars().all()
    for case_id in gone:  # the newest docs are no longer there: windows start above them
        void_case(db, director, case_id, reason="登记错误")
    word = next(summary[i:i + 2] for i in range(len(summary) - 1) if summary[i:i + 2].isalpha())
    queries = [names[0][:1], names[0], names[0][:1] + " " + word, word, "zh", "l", "wang", "第1", "纠纷", "2026"]
    monkeypatch.setattr(search, "PG_FIRST_WINDOW", window)
    sizes = []
    for query in queries:
        everything = search.search_case_ids(db, query, limit=None)
        sizes.append(len(everything))
        assert not set(gone) & set(everything)
        for limit in (1, 5, 20, 100, 1000):
            assert search.search_case_ids(db, query, limit=limit) == everything[:limit], (query, limit)
    assert sum(n > 100 for n in sizes) >= 2 and sum(0 < n < 20 for n in sizes) >= 1, sizes  # common and rare


def test_windows_find_the_newest_matches_of_a_rare_and_of_a_common_term(db, monkeypatch):
    demo.generate(db, count=200, seed=8, today=dt.date(2026, 5, 1), batch_size=50)
    with db.engine.connect() as conn:
        (rare,) = conn.execute(select(Party.name).order_by(Party.name.desc()).limit(1)).one()
    calls = []
    real = search._pg_window
    monkeypatch.setattr(search, "_pg_window", lambda *a: calls.append(a[2:]) or real(*a))
    monkeypatch.setattr(search, "PG_FIRST_WINDOW", 16)
    common = search.search_case_ids(db, "l", limit=5)
    assert len(common) == 5 and len(calls) == 1  # the newest 16 docs held 5 matches
    calls.clear()
    assert search.search_case_ids(db, rare, limit=5) == search.search_case_ids(db, rare, limit=None)[:5]
    assert calls[-1][0] is None  # a rare name: windows widen until the first doc
