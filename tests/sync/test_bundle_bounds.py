"""Signed bundles whose values no check foresaw: nested too deep, numbers no column holds, days that do not
exist, another recipient, another case's number. Each is refused with one clear line (or, for a number, a
conflict reported), never an internal error, and nothing changes."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sync_helpers import Inst, resign, rezip

from mediation_desktop.i18n import tr
from mediation_desktop.sync import record_checks, schema
from mediation_desktop.sync.errors import SyncError


@pytest.fixture
def bundle(linked: tuple[Inst, Inst]) -> Path:
    village, _ = linked
    village.register("张三", "李四")
    village.register("王五", "赵六")
    return village.export(encrypt=False)


def _read(path: Path, member: str) -> Any:
    with zipfile.ZipFile(path) as zf:
        return json.loads(zf.read(member))


def _forged(signer: Inst, bundle: Path, out: Path, *, manifest: Callable[[dict[str, Any]], None] | None = None,
            records: dict[str, dict[str, Any]] | None = None) -> Path:
    """``bundle`` with its manifest or record files changed, signed again by ``signer``'s own key."""
    man = _read(bundle, "manifest.json")
    change: dict[str, bytes | None] = {}
    for t, doc in (records or {}).items():
        body = json.dumps(doc, ensure_ascii=False).encode()
        change[f"records/{t}.json"] = body
        for m in man["members"]:
            if m["name"] == f"records/{t}.json":
                m.update(sha256=hashlib.sha256(body).hexdigest(), size=len(body))
    if manifest is not None:
        manifest(man)
    data, sig = resign(signer.db, man)
    return rezip(bundle, out, change={**change, "manifest.json": data, "manifest.sig": sig})


def _case_file(bundle: Path, column: str, value: Any, row: int = 0) -> dict[str, dict[str, Any]]:
    doc = _read(bundle, "records/mediation_case.json")
    doc["rows"][row][doc["columns"].index(column)] = value
    return {"mediation_case": doc}


def _refused(township: Inst, path: Path, key: str) -> SyncError:
    before = township.state()
    with pytest.raises(SyncError) as err:
        township.import_(path)
    assert err.value.key == key, str(err.value)
    assert township.state() == before
    text = tr(err.value.key, "zh", **err.value.params)
    assert "\n" not in text and path.name in text
    return err.value


def _nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


def test_a_value_nested_900_deep_is_malformed_not_a_crash(linked: tuple[Inst, Inst], bundle: Path,
                                                          tmp_path: Path) -> None:
    village, township = linked
    bad = _forged(village, bundle, tmp_path / "deep.zip", records=_case_file(bundle, "extra", {"k": _nested(900)}))
    err = _refused(township, bad, "sync.bad_content")
    assert "mediation_case" in err.params["detail"]


def test_every_walk_over_a_document_stops_at_one_depth() -> None:
    deep = {"k": _nested(schema.MAX_NESTING + 5)}
    assert record_checks._first_unsafe(_nested(5000), False) is None  # (no RecursionError)
    with pytest.raises(record_checks.InvalidRecord, match="nested too deep"):
        record_checks.check_document("reference.json", {"wording": {"agreement": deep}})
    record_checks.check_document("reference.json", {"wording": {"agreement": {"k": _nested(schema.MAX_NESTING - 3)}}})


@pytest.mark.parametrize(("field", "value"), [("seq_to", 2**70), ("seq_to", 2**63), ("seq_from", 2**53)])
def test_a_manifest_number_beyond_its_column_is_malformed(linked: tuple[Inst, Inst], bundle: Path, tmp_path: Path,
                                                           field: str, value: int) -> None:
    village, township = linked
    bad = _forged(village, bundle, tmp_path / "seq.zip", manifest=lambda m: m.update({field: value}))
    assert field in _refused(township, bad, "sync.bad_content").params["detail"]


def test_every_schema_integer_has_a_maximum_that_fits_a_bigint() -> None:
    def integers(node: Any) -> list[dict[str, Any]]:
        if isinstance(node, dict):
            found = [node] if node.get("type") in ("integer", "number") else []
            return found + [i for v in node.values() for i in integers(v)]
        if isinstance(node, list):
            return [i for v in node for i in integers(v)]
        return []

    for name, doc in schema.all_schemas().items():
        for s in integers(doc):
            assert "maximum" in s and s["maximum"] <= 2**63 - 1 and s["minimum"] >= -(2**63), (name, s)


@pytest.mark.parametrize("value", [-1, 2**63 - 1, 2**53])
def test_a_record_version_out_of_range_is_malformed(linked: tuple[Inst, Inst], bundle: Path, tmp_path: Path,
                                                     value: int) -> None:
    village, township = linked
    bad = _forged(village, bundle, tmp_path / "cs.zip", records=_case_file(bundle, "change_seq", value))
    assert "change_seq" in _refused(township, bad, "sync.bad_content").params["detail"]


@pytest.mark.parametrize("stamp", ["2023-02-30T00:00:00Z", "2023-01-01T25:00:00Z", "yesterday", "9999-01-01T00:00:00Z"])
def test_a_manifest_time_that_does_not_exist_is_malformed(linked: tuple[Inst, Inst], bundle: Path, tmp_path: Path,
                                                           stamp: str) -> None:
    village, township = linked
    bad = _forged(village, bundle, tmp_path / "time.zip", manifest=lambda m: m.update(created_at=stamp))
    assert "created_at" in _refused(township, bad, "sync.bad_content").params["detail"]


def test_a_bundle_for_another_recipient_is_refused_naming_it(linked: tuple[Inst, Inst], bundle: Path,
                                                             tmp_path: Path) -> None:
    village, township = linked
    assert _read(bundle, "manifest.json")["recipient_org_code"] == "330102"
    bad = _forged(village, bundle, tmp_path / "other.zip", manifest=lambda m: m.update(recipient_org_code="999999"))
    err = _refused(township, bad, "sync.not_addressed")
    assert "999999" in tr(err.key, "zh", **err.params)


def test_a_case_number_held_by_another_case_is_a_conflict(make_inst: Callable[..., Inst], linked: tuple[Inst, Inst],
                                                          tmp_path: Path) -> None:
    """A village's case under another village's number, or two cases of one village under one number: the
    case is a conflict (reported, counted, not written), whatever its own year and serial say."""
    village, township = linked
    other = make_inst("河口", "330102002", "village", "330102")
    other.trusts(township)
    township.trusts(other)
    other.register("钱七", "孙八")
    township.import_(other.export(encrypt=False))
    taken = _read(other.exports[-1], "records/mediation_case.json")
    their_no = taken["rows"][0][taken["columns"].index("case_no")]
    assert their_no.endswith("河口村人调字第1号")

    village.register("张三", "李四")
    village.register("王五", "赵六")
    village.register("周九", "吴十")
    bundle = village.export(encrypt=False)
    doc = _read(bundle, "records/mediation_case.json")
    i_no = doc["columns"].index("case_no")
    doc["rows"][0][i_no] = their_no  # another village's number
    doc["rows"][2][i_no] = doc["rows"][1][i_no]  # a number twice in the bundle
    bad = _forged(village, bundle, tmp_path / "numbers.zip", records={"mediation_case": doc})
    summary = township.import_(bad)
    report = summary.bundles[-1]
    conflicts = {p["id"] for p in report.problems if p["reason"] == "number" and p["type"] == "mediation_case"}
    i_id = doc["columns"].index("id")
    assert conflicts == {doc["rows"][0][i_id], doc["rows"][2][i_id]}
    assert report.counts["conflict"] == 2 and report.counts["new"] >= 1
    held = township.dump()["mediation_case"]
    numbers = [r[i_no] for r in held.values()]
    assert sorted(numbers) == sorted(set(numbers)) and doc["rows"][1][i_id] in held
    assert doc["rows"][0][i_id] not in held and doc["rows"][2][i_id] not in held
