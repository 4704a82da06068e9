"""Encrypted bundles: a lost stick shows who wrote it and when, nothing else; only the recipients open it."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from sync_helpers import Inst

from mediation_desktop.sync import schema
from mediation_desktop.sync.errors import SyncError
from mediation_desktop.sync.keys import own_keys, public_key_file, trust_file


def test_sealed_bundle_reveals_only_author_and_time(linked: tuple[Inst, Inst]) -> None:
    village, township = linked
    village.register("张三", "李四", summary="借款八万元未还")
    path = village.export()
    raw = path.read_bytes()
    assert "张三".encode() not in raw and "借款".encode() not in raw
    with zipfile.ZipFile(path) as zf:
        assert sorted(zf.namelist()) == ["manifest.json", "manifest.sig", "payload.bin"]
        manifest = json.loads(zf.read("manifest.json"))
    assert schema.first_error("sealed", manifest) is None
    assert set(manifest) == {"format", "format_version", "kind", "created_at", "source", "payload", "nonce",
                             "recipients"}
    assert set(manifest["source"]) == {"installation_id", "org_code", "org_name", "sign_key"}
    assert len(manifest["recipients"]) == 1  # the township only (no escrow key set)
    summary = township.import_(path)
    assert summary.total("new") > 0 and township.dump() == village.dump()


def test_only_a_recipient_can_open_it(linked: tuple[Inst, Inst], make_inst: Callable[..., Inst]) -> None:
    village, _ = linked
    other = make_inst("别镇", "330103", "township", "330100")
    other.trusts(village)
    village.register("张三", "李四")
    path = village.export()
    before = other.state()
    with pytest.raises(SyncError) as err:
        other.import_(path)
    assert err.value.key == "sync.not_for_us"
    assert other.state() == before


def test_escrow_key_opens_it_too(linked: tuple[Inst, Inst], make_inst: Callable[..., Inst], tmp_path: Path) -> None:
    village, township = linked
    escrow = make_inst("托管", "330100", "county", None)
    key = tmp_path / "escrow.key.json"
    key.write_bytes(public_key_file(own_keys(escrow.db)))
    trust_file(village.db, key, actor="admin", escrow=True)
    escrow.trusts(village)
    village.register("张三", "李四")
    path = village.export()
    with zipfile.ZipFile(path) as zf:
        assert len(json.loads(zf.read("manifest.json"))["recipients"]) == 2
    assert escrow.import_(path).total("new") > 0
    assert township.import_(path).total("new") > 0


def test_no_encrypt_and_fresh_keys(linked: tuple[Inst, Inst]) -> None:
    village, _ = linked
    village.register("张三", "李四")
    plain = village.export(encrypt=False)
    with zipfile.ZipFile(plain) as zf:
        assert "records/mediation_case.json" in zf.namelist()
    a = village.export(full=True).read_bytes()
    b = village.export(full=True).read_bytes()
    with zipfile.ZipFile(village.exports[-2]) as za, zipfile.ZipFile(village.exports[-1]) as zb:
        ma, mb = json.loads(za.read("manifest.json")), json.loads(zb.read("manifest.json"))
    assert ma["nonce"] != mb["nonce"] and ma["recipients"][0]["wrapped"] != mb["recipients"][0]["wrapped"]
    assert a != b


def test_encrypt_requested_without_township_key(village: Inst) -> None:
    from mediation_desktop.sync.export import export_bundle

    with pytest.raises(SyncError) as err:
        export_bundle(village.db, village.folder.parent / "x.zip", actor="admin", encrypt=True)
    assert err.value.key == "sync.no_hub"
