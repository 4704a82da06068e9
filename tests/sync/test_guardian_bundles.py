"""A minor's 法定代理人 with their ID number, phone and address travels village → township → county; an older
build's bundle, whose party file has no such columns, still imports (they are empty); a bad value is refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from sync_helpers import Inst, dump_records, read_member, with_record_file

from mediation_desktop.domain.enums import PartyRole
from mediation_desktop.domain.resident_id import resident_id_check_digit
from mediation_desktop.services import cases
from mediation_desktop.services.health import check
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Party
from mediation_desktop.sync import schema
from mediation_desktop.sync.errors import SyncError

CHILD = "33010220120605004" + resident_id_check_digit("33010220120605004")
MOTHER = "33010219850312002" + resident_id_check_digit("33010219850312002")
GUARDIAN = ("representative_id_number", "representative_phone", "representative_address")


def _register_minor(village: Inst) -> None:
    cases.register_case(village.db, village.actor, cases.CaseInput("neighbour", [
        PartyInput("张三", phone="13800138000"),
        PartyInput("李小明", role=PartyRole.RESPONDENT, id_number=CHILD, representative="李红",
                   representative_title="母亲", representative_id_number=MOTHER, representative_phone="13900139000",
                   representative_address="石桥村三组14号")], summary="孩子踢球打碎邻居窗户"))


def _guardians(inst: Inst) -> dict[str, tuple[Any, ...]]:
    with inst.db.read_session() as s:
        return {p.name: tuple(getattr(p, c) for c in GUARDIAN) for p in s.scalars(select(Party))}


def _older_build(party: dict[str, Any]) -> dict[str, Any]:
    """The party file as a build before the guardian's contact wrote it: without those columns."""
    keep = [i for i, name in enumerate(party["columns"]) if name not in GUARDIAN]
    return {"type": "party", "columns": [party["columns"][i] for i in keep],
            "rows": [[row[i] for i in keep] for row in party["rows"]]}


def test_the_guardians_contact_travels_from_the_village_through_the_township_to_the_county(
        make_inst: Callable[..., Inst]) -> None:
    county = make_inst("安吉", "330100", "county", None)
    town = make_inst("城关", "330102", "township", "330100")
    village = make_inst("石桥", "330102001", "village", "330102")
    for a, b in ((town, village), (village, town), (county, town), (town, county)):
        a.trusts(b)
    _register_minor(village)
    bundle = village.export(encrypt=False)
    party = read_member(bundle, "records/party.json")
    assert set(GUARDIAN) <= set(party["columns"])
    assert read_member(bundle, "manifest.json")["schema_version"] == schema.SCHEMA_VERSION
    town.import_(bundle)
    county.import_(town.export())
    want = (MOTHER, "13900139000", "石桥村三组14号")
    for inst in (village, town, county):
        assert _guardians(inst)["李小明"] == want
        assert dump_records(inst.db)["party"] == dump_records(village.db)["party"]
        assert check(inst.db) == []


def test_an_older_builds_bundle_without_the_guardians_contact_still_imports(linked: tuple[Inst, Inst]) -> None:
    village, township = linked
    village.register("张三", "李四")
    bundle = village.export(encrypt=False)
    party = _older_build(read_member(bundle, "records/party.json"))
    # the documented schema says the same as the import's checks: the older columns with rows of their width
    assert schema.first_error("records-party", party) is None
    assert schema.first_error("records-party", {**party, "rows": [[*row, None] for row in party["rows"]]})
    assert schema.first_error("records-party", {**party, "columns": party["columns"][:-1]})
    older = with_record_file(village, bundle, bundle.with_name("older.zip"), "party", party, "0003")
    summary = township.import_(older)
    assert summary.total("rejected") == 0
    assert _guardians(township) == {"张三": (None, None, None), "李四": (None, None, None)}
    assert dump_records(township.db)["party"] == dump_records(village.db)["party"]
    assert check(township.db) == []


@pytest.mark.parametrize(("column", "value"), [("representative_phone", "1" * 41),
                                               ("representative_address", "石桥村\n三组"),
                                               ("representative_id_number", 330102198503120022)])
def test_a_bad_guardians_value_in_a_bundle_is_refused_and_nothing_changes(linked: tuple[Inst, Inst], column: str,
                                                                          value: Any) -> None:
    village, township = linked
    _register_minor(village)
    bundle = village.export(encrypt=False)
    party = read_member(bundle, "records/party.json")
    party["rows"][1][party["columns"].index(column)] = value
    forged = with_record_file(village, bundle, bundle.with_name("bad.zip"), "party", party, schema.SCHEMA_VERSION)
    before = township.state()
    with pytest.raises(SyncError) as err:
        township.import_(forged)
    assert column in str(err.value.params)
    assert township.state() == before
