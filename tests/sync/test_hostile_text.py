"""A bundle carrying invisible characters, a day outside 1900–2100 or a number beyond its column is refused
whole, in one line, with nothing changed (issue 15: text that enters is clean; limits before reading)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sync_helpers import Inst, resign, rezip

from mediation_desktop.i18n import tr
from mediation_desktop.sync import record_checks, schema
from mediation_desktop.sync.errors import SyncError

#: characters no text may hold (line breaks and tabs: only where a column has several lines)
HOSTILE = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u202e", "\u202a", "\u2066", "\u2069", "\u200e", "\u200f",
           "\u061c", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\ud800", "\udc00", "\u2028",
           "\U000e0041"]
LINE = ["\n", "\r", "\t"]


def _good_row(record_type: str) -> list[Any]:
    plain = {"uuid": "ab" * 16, "datetime": "2026-03-02 10:00:00.000000", "date": "2026-03-02", "bool": False,
             "int": 1, "decimal": "1.00", "json_list": [], "json_object": {},
             "json_days": []}
    return [(c.choices[0] if c.choices else "x") if c.kind == "str"
            else record_checks.NUMBERS.get((record_type, c.name), (1, 1))[0] if c.kind == "int" else plain[c.kind]
            for c in schema.columns(record_type)]


def _text_columns(record_type: str) -> list[schema.WireColumn]:
    return [c for c in schema.columns(record_type)
            if (c.kind == "str" and not c.choices) or c.kind in ("json_list", "json_object")]


def _doc(record_type: str, rows: list[list[Any]]) -> dict[str, Any]:
    return {"type": record_type, "columns": schema.column_names(record_type), "rows": rows}


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(record_type=st.sampled_from(schema.BUNDLE_TYPES), data=st.data(),
       char=st.sampled_from(HOSTILE + LINE), before=st.text("张三 abc", max_size=4),
       after=st.text("李四 xyz", max_size=4), at=st.integers(0, 30), many=st.integers(1, 40))
def test_a_hostile_character_in_any_text_column_is_refused_naming_it(
        record_type: str, data: st.DataObject, char: str, before: str, after: str, at: int, many: int) -> None:
    column = data.draw(st.sampled_from(_text_columns(record_type)))
    multiline = column.kind != "str" or column.max_length == schema.TEXT_LIMIT
    rows = [_good_row(record_type) for _ in range(many)]
    i = at % many
    value: Any = before + char + after
    if column.kind == "json_list":
        value = ["好", value]
    elif column.kind == "json_object":
        value = {"ledger_note": value} if at % 2 else {value: 1}
    rows[i][schema.column_names(record_type).index(column.name)] = value
    if char in LINE and multiline:
        assert record_checks.check_record_file(record_type, _doc(record_type, rows)) == rows
        return
    with pytest.raises(record_checks.UnsafeRecordText) as err:
        record_checks.check_record_file(record_type, _doc(record_type, rows))
    assert err.value.where == f"records/{record_type}.json: rows/{i}/{column.name}"
    assert err.value.char == f"U+{ord(char):04X}"


@pytest.mark.parametrize(("record_type", "column", "value"), [
    ("mediation_case", "year", 9999), ("mediation_case", "year", 1899), ("mediation_case", "serial", 10**29),
    ("mediation_case", "serial", 0), ("mediation_case", "prevented_persons", -1), ("party", "age", 151),
    ("party", "position", 2**31), ("agreement", "copies", 10**12), ("mediation_case", "accepted_on", "9999-12-31"),
    ("mediation_case", "registered_on", "0001-01-01"), ("party", "birth_date", "1899-12-31"),
    ("follow_up", "visited_on", "2101-01-01"), ("mediation_case", "created_at", "9999-12-31 23:59:59.000000"),
    ("mediation_session", "held_at", "1000-01-01 00:00:00.000000"), ("screening", "households", 100_001),
    ("screening", "held_on", "2101-01-01"), ("screening_finding", "position", -1)])
def test_days_and_numbers_beyond_their_range_are_refused(record_type: str, column: str, value: Any) -> None:
    rows = [_good_row(record_type) for _ in range(5)]
    rows[3][schema.column_names(record_type).index(column)] = value
    with pytest.raises(record_checks.InvalidRecord, match=f"rows/3/{column}$"):
        record_checks.check_record_file(record_type, _doc(record_type, rows))


def _corrupt(village: Inst, sql: str, **params: Any) -> None:
    """Old or forged data in the village's own database, written past the program's checks."""
    with village.db.engine.begin() as conn:
        conn.execute(text(sql), params)


@pytest.mark.parametrize(("sql", "value"), [
    ("UPDATE party SET name = :v WHERE position = 0", "张\x07三"),
    ("UPDATE party SET name = :v WHERE position = 0", "\u202e三张"),
    ("UPDATE mediation_case SET title = :v", "张三\u200b与李四"),
    ("UPDATE mediation_case SET title = :v", "张三\n与李四"),
    ("UPDATE mediation_case SET summary = :v", "争执\x1b[31m"),
    ("UPDATE mediation_session SET record = :v", "达成\x00一致"),
    ("UPDATE agreement SET performance_place = :v", "村\t三组"),
    ("UPDATE mediation_case SET accepted_on = :v", "9999-12-31"),
])
def test_a_bundle_with_hostile_text_or_days_is_refused_whole(linked: tuple[Inst, Inst], sql: str, value: str,
                                                              backend: str) -> None:
    if backend == "postgresql" and "\x00" in value:
        pytest.skip("PostgreSQL cannot hold a NUL: no such old data there")
    village, township = linked
    cid = village.register("张三", "李四")
    village.mediate_and_agree(cid)
    village.register("王五", "赵六")
    _corrupt(village, sql, v=value)
    bundle: Path = village.export(encrypt=False)
    before = township.state()
    with pytest.raises(SyncError) as err:
        township.import_(bundle)
    assert err.value.key in ("sync.unsafe_text", "sync.bad_content"), str(err.value)
    assert township.state() == before
    for lang in ("zh", "en"):
        line = tr(err.value.key, lang, **err.value.params)
        assert "\n" not in line and bundle.name in line


@pytest.mark.parametrize("name", ["石桥村\u202e会员委解调民人", "石桥村\x1b[2J人民调解委员会", "石桥村\n人民调解委员会",
                                  "\u200b石桥村人民调解委员会"])
def test_a_signed_manifest_with_a_hostile_sender_name_is_refused(linked: tuple[Inst, Inst], tmp_path: Path,
                                                                 name: str) -> None:
    import json
    import zipfile

    village, township = linked
    village.register("张三", "李四")
    bundle = village.export(encrypt=False)
    with zipfile.ZipFile(bundle) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    manifest["source"]["org_name"] = name
    data, sig = resign(village.db, manifest)
    bad = rezip(bundle, tmp_path / "bad.zip", change={"manifest.json": data, "manifest.sig": sig})
    before = township.state()
    with pytest.raises(SyncError) as err:
        township.import_(bad)
    assert err.value.key == "sync.unsafe_text" and "org_name" in err.value.params["where"], str(err.value)
    assert township.state() == before


@pytest.mark.parametrize(("wording", "ok"), [({"title": "人民调解协议书\u202e（城关镇）"}, False),
                                             ({"effect": "第一段\n第二段\t缩进"}, True),
                                             ({"title": "协议书\x07"}, False)])
def test_a_reference_bundle_with_hostile_wording_is_refused(make_inst: Any, wording: dict[str, str],
                                                            ok: bool) -> None:
    import json

    town = make_inst("城关", "330102", "township", "330100")
    village = make_inst("石桥", "330102001", "village", "330102")
    town.trusts(village)
    (town.folder / "documents").mkdir()
    (town.folder / "documents" / "agreement.json").write_text(json.dumps(wording), encoding="utf-8")
    out = town.folder.parent / "stick" / "reference.zip"
    out.parent.mkdir(exist_ok=True)
    from mediation_desktop.sync.reference import export_reference

    export_reference(town.db, out, actor="admin")
    if ok:  # the wording of a document may hold several lines
        assert village.import_(out, trust_new=True).bundles[0].kind == "reference"
        return
    before = village.state()
    with pytest.raises(SyncError) as err:
        village.import_(out, trust_new=True)
    assert err.value.key == "sync.unsafe_text" and "wording" in err.value.params["where"]
    assert village.state() == before
    assert not (village.folder / "documents" / "agreement.json").exists()
