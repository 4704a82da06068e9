"""分期履行: each term's own 履行期限 travels village → township → county; an older build's bundle, whose agreement
file has no such column, still imports (the agreement keeps its one deadline); a bad value is refused whole."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from sync_helpers import Inst, dump_records, read_member, with_record_file

from mediation_desktop.domain.enums import SessionResult
from mediation_desktop.services import agreements, records
from mediation_desktop.services.health import check
from mediation_desktop.storage.models import Agreement
from mediation_desktop.sync import schema
from mediation_desktop.sync.errors import SyncError

DAYS = [dt.date(2027, 1, 31), dt.date(2027, 3, 31), None]
STORED = ["2027-01-31", "2027-03-31", None]


def _agree_in_instalments(village: Inst) -> None:
    case_id = village.register("张三", "李四", summary="李四向张三借款10000元，到期未还。")
    records.add_session(village.db, village.actor, case_id, records.SessionInput(SessionResult.AGREED, record="达成一致"))
    aid = agreements.save_draft(village.db, village.actor, case_id, agreements.AgreementInput(
        ["李四向张三还款5000元", "李四向张三还清余款5000元", "双方不再追究"], performance_method="银行转账",
        term_deadlines=DAYS))
    agreements.sign(village.db, village.actor, aid, signed_on=dt.date(2026, 3, 10))


def _term_deadlines(inst: Inst) -> list[Any]:
    with inst.db.read_session() as s:
        return [a.term_deadlines for a in s.scalars(select(Agreement))]


def test_the_terms_deadlines_travel_from_the_village_through_the_township_to_the_county(
        make_inst: Callable[..., Inst]) -> None:
    county = make_inst("安吉", "330100", "county", None)
    town = make_inst("城关", "330102", "township", "330100")
    village = make_inst("石桥", "330102001", "village", "330102")
    for a, b in ((town, village), (village, town), (county, town), (town, county)):
        a.trusts(b)
    _agree_in_instalments(village)
    bundle = village.export(encrypt=False)
    assert "term_deadlines" in read_member(bundle, "records/agreement.json")["columns"]
    assert read_member(bundle, "manifest.json")["schema_version"] == schema.SCHEMA_VERSION == "0020"
    town.import_(bundle)
    county.import_(town.export())
    for inst in (village, town, county):
        assert _term_deadlines(inst) == [STORED]
        assert dump_records(inst.db)["agreement"] == dump_records(village.db)["agreement"]
        assert check(inst.db) == []


@pytest.mark.parametrize("version", ["0003", "0019"])
def test_an_older_builds_bundle_without_the_terms_deadlines_still_imports(linked: tuple[Inst, Inst],
                                                                          version: str) -> None:
    village, township = linked
    village.mediate_and_agree(village.register("张三", "李四"))
    bundle = village.export(encrypt=False)
    agreement = read_member(bundle, "records/agreement.json")
    keep = [i for i, name in enumerate(agreement["columns"]) if name != "term_deadlines"]
    older = {"type": "agreement", "columns": [agreement["columns"][i] for i in keep],
             "rows": [[row[i] for i in keep] for row in agreement["rows"]]}
    # the documented schema says the same as the import's checks: the older columns with rows of their width
    assert schema.first_error("records-agreement", older) is None
    assert schema.first_error("records-agreement", {**older, "rows": [[*row, None] for row in older["rows"]]})
    summary = township.import_(with_record_file(village, bundle, bundle.with_name("older.zip"), "agreement", older, version))
    assert summary.total("rejected") == 0
    assert _term_deadlines(township) == [None]
    assert dump_records(township.db)["agreement"] == dump_records(village.db)["agreement"]
    assert check(township.db) == []


@pytest.mark.parametrize("value", [["2027-02-30"], ["2101-01-01"], ["2027-1-31"], [20270131], "2027-01-31",
                                   [["2027-01-31"]], ["2027-01-31\n"], [None] * 1001, {"1": "2027-01-31"},
                                   # one day per term (three here), and one at least: else a 协议书 printed there
                                   # would differ from the village's (its check code) and 待办 would read days of no term
                                   ["2027-01-31", "2027-03-31", None, "2027-05-31", "2027-06-30"], ["2027-01-31"],
                                   [], [None, None, None]])
def test_a_bad_terms_deadline_in_a_bundle_is_refused_and_nothing_changes(linked: tuple[Inst, Inst],
                                                                         value: Any) -> None:
    village, township = linked
    _agree_in_instalments(village)
    bundle = village.export(encrypt=False)
    agreement = read_member(bundle, "records/agreement.json")
    agreement["rows"][0][agreement["columns"].index("term_deadlines")] = value
    forged = with_record_file(village, bundle, bundle.with_name("bad.zip"), "agreement", agreement, schema.SCHEMA_VERSION)
    before = township.state()
    with pytest.raises(SyncError) as err:
        township.import_(forged)
    assert "term_deadlines" in str(err.value.params)
    assert township.state() == before
