"""Issue 15's attacker review, the bundle side: negative money (F5), a changed bundle under an imported
bundle's number (F6), and no bundle, receipt or reference written onto the program's own files (F1)."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from sync_helpers import Inst, resign, rezip

from mediation_desktop.errors import MediationError
from mediation_desktop.sync.errors import SyncError
from mediation_desktop.sync.export import export_bundle
from mediation_desktop.sync.reference import export_reference


@pytest.fixture
def bundle(linked: tuple[Inst, Inst]) -> Path:
    village, _ = linked
    cid = village.register("张三", "李四")
    village.mediate_and_agree(cid)
    return village.export(encrypt=False)


def _with_value(inst: Inst, bundle: Path, out: Path, record_type: str, column: str, value: object) -> Path:
    """``bundle`` with the first ``record_type`` row's ``column`` set to ``value``, signed by its own sender."""
    member = f"records/{record_type}.json"
    with zipfile.ZipFile(bundle) as zf:
        doc = json.loads(zf.read(member))
        manifest = json.loads(zf.read("manifest.json"))
    doc["rows"][0][doc["columns"].index(column)] = value
    body = json.dumps(doc, ensure_ascii=False).encode()
    for m in manifest["members"]:
        if m["name"] == member:
            m.update(sha256=hashlib.sha256(body).hexdigest(), size=len(body))
    data, sig = resign(inst.db, manifest)
    return rezip(bundle, out, change={"manifest.json": data, "manifest.sig": sig, member: body})


@pytest.mark.parametrize("column", [("agreement", "amount"), ("mediation_case", "amount_involved")],
                         ids=["agreement.amount", "mediation_case.amount_involved"])
@pytest.mark.parametrize("value", ["-999999999999.99", "-1.00", "-0", "-0.01", "+1.00", "1e3", "1000000000000.00"])
def test_money_below_zero_or_above_the_limit_is_refused(linked: tuple[Inst, Inst], bundle: Path, tmp_path: Path,
                                                        column: tuple[str, str], value: str) -> None:
    village, township = linked
    bad = _with_value(village, bundle, tmp_path / "money.zip", *column, value)
    before = township.state()
    with pytest.raises(SyncError) as err:
        township.import_(bad)
    assert err.value.key == "sync.bad_content" and column[1] in err.value.params["detail"], err.value
    assert township.state() == before


@pytest.mark.parametrize("value", ["0", "0.00", "999999999999.99", "1234.5"])
def test_money_within_the_range_passes(linked: tuple[Inst, Inst], bundle: Path, tmp_path: Path, value: str) -> None:
    village, township = linked
    ok = _with_value(village, bundle, tmp_path / "money.zip", "agreement", "amount", value)
    assert township.import_(ok).bundles[0].counts["new"] > 0


def test_a_changed_bundle_under_an_imported_number_is_refused_without_a_receipt(
        linked: tuple[Inst, Inst], bundle: Path, tmp_path: Path) -> None:
    village, township = linked
    first = township.import_(bundle, receipts_dir=tmp_path)
    assert first.bundles[0].receipt_path
    receipts = sorted(tmp_path.glob("receipt-*.zip"))
    for old in receipts:
        old.unlink()
    for i, value in enumerate(["改过的案情", "张三与李四因宅基地界限发生争执。 "]):
        forged = _with_value(village, bundle, tmp_path / f"forged{i}.zip", "mediation_case", "summary", value)
        before = township.state()
        with pytest.raises(SyncError) as err:
            township.import_(forged, receipts_dir=tmp_path)
        assert err.value.key == "sync.bundle_changed", err.value
        assert err.value.params["bundle_id"] == first.bundles[0].bundle_id
        assert township.state() == before
        assert not list(tmp_path.glob("receipt-*.zip"))
    again = township.import_(bundle, receipts_dir=tmp_path)  # the very same bytes: "already imported", a receipt
    assert again.bundles[0].already_imported and again.bundles[0].receipt_path


def test_the_original_and_a_changed_copy_in_one_import_are_refused(linked: tuple[Inst, Inst], bundle: Path,
                                                                   tmp_path: Path) -> None:
    village, township = linked
    forged = _with_value(village, bundle, tmp_path / "forged.zip", "mediation_case", "summary", "改过的案情")
    before = township.state()
    with pytest.raises(SyncError) as err:
        township.import_(bundle, forged, receipts_dir=tmp_path)
    assert err.value.key == "sync.bundle_changed"
    assert township.state() == before and not list(tmp_path.glob("receipt-*.zip"))


@pytest.mark.parametrize("target", ["mediation.sqlite3", "keys/signing-ed25519.pem", "keys/encryption-x25519.pem",
                                    "backups/x.zip", "audit-head.json", "."])
def test_no_bundle_or_reference_is_written_onto_the_programs_own_files(linked: tuple[Inst, Inst], target: str,
                                                                       tmp_path: Path) -> None:
    village, township = linked
    village.register("张三", "李四")
    for inst, write in ((village, export_bundle), (township, export_reference)):
        out = inst.folder / target
        before = out.read_bytes() if out.is_file() else None
        with pytest.raises(MediationError) as err:
            write(inst.db, out, actor=inst.actor.username)
        assert err.value.key == "storage.own_file"
        assert (out.read_bytes() if out.is_file() else None) == before


def test_no_receipt_is_written_into_the_programs_own_folders(linked: tuple[Inst, Inst], bundle: Path) -> None:
    _, township = linked
    keys = township.folder / "keys"
    names = sorted(p.name for p in keys.iterdir())
    summary = township.import_(bundle, receipts_dir=keys)
    report = summary.bundles[0]
    assert report.receipt_path is None and report.receipt_error and "本程序自己的数据" in report.receipt_error
    assert sorted(p.name for p in keys.iterdir()) == names
