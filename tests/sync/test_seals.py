"""The rows an import writes (new and newer) are sealed in the hub's audit chain like its own writes: the hub's
``check`` passes after imports, and names an imported row edited past the program (SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import text
from sync_helpers import Inst

from mediation_desktop.services.health import check


def test_imported_rows_are_sealed_and_an_edit_at_the_hub_is_named(linked: tuple[Inst, Inst]) -> None:
    village, township = linked
    case_id = village.register("欧阳明", "李四")
    village.mediate_and_agree(case_id)
    assert township.import_(village.export()).total("new") > 0
    assert check(township.db) == []
    village.follow_up(case_id)  # a new record, and the case it closes changes
    summary = township.import_(village.export())
    assert summary.total("new") > 0 and summary.total("updated") > 0
    assert check(township.db) == []
    with township.db.engine.begin() as conn:
        pid = conn.scalar(text("SELECT id FROM party WHERE name = '欧阳明'"))
        conn.execute(text("UPDATE party SET name = '欧阳名' WHERE name = '欧阳明'"))
        amount = conn.scalar(text("SELECT id FROM mediation_case"))
        conn.execute(text("UPDATE mediation_case SET amount_involved = 99999"))
    problems = sorted((p.key, p.params["table"], p.params["key"].replace("-", "")) for p in check(township.db))
    assert problems == sorted([("check.row_changed", "party", str(pid).replace("-", "")),
                               ("check.row_changed", "mediation_case", str(amount).replace("-", ""))])
