"""One key per unit: a second key for a unit already pinned is never taken on the way, only replaced on purpose.

石桥 (330102001) has its key pinned at the township; 石桥新 is the same village on a new computer (a new
installation with its own key). Whatever vouches for the new key on an import — --trust-new, the window's
confirmation, a hub's roster, a reference bundle — it is refused in one line that says what to do, and nothing
is pinned. ``keys trust FILE --replace`` replaces it, shows both fingerprints and is audited. On SQLite and
PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select
from sync_helpers import Inst

from mediation_desktop.i18n import tr
from mediation_desktop.storage.models import AuditEntry, SyncPeer
from mediation_desktop.sync.errors import SyncError
from mediation_desktop.sync.keys import canonical_bytes, own_keys, peer_record, public_key_file, trust_file
from mediation_desktop.sync.reference import export_reference


@pytest.fixture
def units(make_inst: Callable[..., Inst]) -> dict[str, Inst]:
    t = make_inst("城关", "330102", "township", "330100")
    a = make_inst("石桥", "330102001", "village", "330102")
    a2 = make_inst("石桥新", "330102001", "village", "330102", org_name="石桥村人民调解委员会")
    for x, y in ((t, a), (a, t), (a2, t)):
        x.trusts(y)
    a.register("张三", "李四")
    a2.register("孙丽", "周强")
    return {"t": t, "a": a, "a2": a2}


def key_file(inst: Inst, folder: Path) -> Path:
    path = folder / f"{inst.name}-{inst.id.hex[:6]}.key.json"
    path.write_bytes(public_key_file(own_keys(inst.db)))
    return path


def fp(inst: Inst) -> str:
    return own_keys(inst.db).peer.fingerprint


def refused(importer: Inst, key: str, call: Callable[[], object]) -> SyncError:
    before = importer.state()
    with pytest.raises(SyncError) as err:
        call()
    assert err.value.key == key, str(err.value)
    assert importer.state() == before
    for lang in ("zh", "en"):
        text = tr(err.value.key, lang, **err.value.params)
        assert "\n" not in text
        assert "首次" not in text and "first" not in text.lower() and "尚未信任" not in text  # a known unit
    return err.value


@pytest.mark.parametrize("how", [{}, {"trust_new": True}, {"trust_new": True, "dry_run": True}])
def test_an_import_meeting_a_new_key_for_a_known_unit_is_refused(units: dict[str, Inst], how: dict[str, bool]
                                                                 ) -> None:
    t, a, a2 = units["t"], units["a"], units["a2"]
    bundle = a2.export(encrypt=False)
    err = refused(t, "sync.unit_key_changed", lambda: t.import_(bundle, **how))
    assert err.params["pinned"] == fp(a) and err.params["fingerprint"] == fp(a2)
    assert "--replace" in tr(err.key, "zh", **err.params) and "--trust-new" not in tr(err.key, "zh", **err.params)
    assert t.import_(a.export(encrypt=False)).total("new") > 0  # the pinned key still works


def test_a_sealed_bundle_with_a_new_key_for_a_known_unit_is_refused(units: dict[str, Inst]) -> None:
    t, a, a2 = units["t"], units["a"], units["a2"]
    bundle = a2.export()  # encrypted for the township
    err = refused(t, "sync.unit_key_changed", lambda: t.import_(bundle, trust_new=True))
    assert err.params["pinned"] == fp(a)


def test_a_bundle_claiming_the_importers_own_unit_is_refused(units: dict[str, Inst],
                                                             make_inst: Callable[..., Inst], tmp_path: Path) -> None:
    t = units["t"]
    impostor = make_inst("假城关", "330102", "township", "330100", org_name="城关镇人民调解委员会")
    impostor.register("吴刚", "郑华")
    bundle = impostor.export(encrypt=False)
    refused(t, "sync.claims_this_unit", lambda: t.import_(bundle, trust_new=True))
    with pytest.raises(SyncError) as err:
        trust_file(t.db, key_file(impostor, tmp_path), actor="admin")
    assert err.value.key == "sync.trust_own_unit"


def test_a_hubs_roster_cannot_vouch_for_a_new_key_of_a_known_unit(units: dict[str, Inst],
                                                                  make_inst: Callable[..., Inst],
                                                                  tmp_path: Path) -> None:
    """The county knows 石桥's key; a township forwards bundles of 石桥新 and vouches for its key: refused."""
    a, a2 = units["a"], units["a2"]
    county = make_inst("安吉", "330100", "county", None)
    town2 = make_inst("城关二", "330102", "township", "330100", org_name="城关镇人民调解委员会")
    for x, y in ((county, town2), (town2, county), (town2, a2), (county, a)):
        x.trusts(y)
    town2.import_(a2.export(encrypt=False))
    up = town2.export(encrypt=False)
    err = refused(county, "sync.unit_key_changed", lambda: county.import_(up))
    assert err.params["pinned"] == fp(a) and err.params["fingerprint"] == fp(a2)


def test_a_reference_roster_cannot_bring_a_new_key_for_a_known_unit(units: dict[str, Inst],
                                                                    make_inst: Callable[..., Inst],
                                                                    tmp_path: Path) -> None:
    t, a, a2 = units["t"], units["a"], units["a2"]
    b = make_inst("河口", "330102002", "village", "330102")
    b.trusts(t)
    first = tmp_path / "reference-1.zip"
    export_reference(t.db, first, actor="admin")
    b.import_(first)  # 河口 pins its siblings' keys from the township's roster
    with b.db.read_session() as s:
        assert s.get(SyncPeer, a.id) is not None
    trust_file(t.db, key_file(a2, tmp_path), actor="admin", replace=True)
    second = tmp_path / "reference-2.zip"
    export_reference(t.db, second, actor="admin")
    err = refused(b, "sync.trust_conflict", lambda: b.import_(second))
    assert err.params["pinned"] == fp(a) and err.params["fingerprint"] == fp(a2)
    assert "--replace" in tr(err.key, "zh", **err.params)


def _peers(inst: Inst) -> dict[str, str]:
    with inst.db.read_session() as s:
        return {p.installation_id.hex: p.fingerprint for p in s.scalars(select(SyncPeer))}


def _replacements(inst: Inst) -> list[dict[str, object]]:
    with inst.db.read_session() as s:
        return [e.data for e in s.scalars(select(AuditEntry).where(AuditEntry.action == "sync.replace_key"))]


def test_keys_trust_replaces_only_when_asked(units: dict[str, Inst], tmp_path: Path) -> None:
    t, a, a2 = units["t"], units["a"], units["a2"]
    new_key = key_file(a2, tmp_path)
    err = refused(t, "sync.trust_conflict", lambda: trust_file(t.db, new_key, actor="admin"))
    text = tr(err.key, "zh", **err.params)
    assert fp(a) in text and fp(a2) in text and "--replace" in text
    assert trust_file(t.db, key_file(a, tmp_path), actor="admin").replaced == ()  # the same key again: fine

    done = trust_file(t.db, new_key, actor="admin", replace=True)
    assert done.replaced == (fp(a),) and done.peer.fingerprint == fp(a2)
    peers = _peers(t)
    assert a.id.hex not in peers and peers[a2.id.hex] == fp(a2)
    assert _replacements(t) == [{"org_code": "330102001", "org_name": "石桥村人民调解委员会", "old": [fp(a)],
                                 "new": fp(a2)}]
    # from now on the new computer's bundles come in, the old key's are refused
    assert t.import_(a2.export(encrypt=False)).total("new") > 0
    old = a.export(encrypt=False)
    err = refused(t, "sync.unit_key_changed", lambda: t.import_(old, trust_new=True))
    assert err.params["pinned"] == fp(a2) and err.params["fingerprint"] == fp(a)


def test_a_new_key_under_the_same_installation_is_replaced_in_place(units: dict[str, Inst], tmp_path: Path) -> None:
    """A key file naming 石桥's installation with another key (signed by that key): refused, or with --replace
    the record is rewritten, keeping its escrow role."""
    t, a, a2 = units["t"], units["a"], units["a2"]
    record = {**peer_record(own_keys(a2.db).peer), "installation_id": a.id.hex}
    path = tmp_path / "same-installation.key.json"
    path.write_bytes(json.dumps({"format": "mediation-desktop-public-key/1", "key": record,
                                 "created_at": "2026-03-01T00:00:00",
                                 "signature": own_keys(a2.db).signature(canonical_bytes(record)).hex()}).encode())
    trust_file(t.db, key_file(a, tmp_path), actor="admin", escrow=True)  # (an escrow role passes to the new key)
    refused(t, "sync.trust_conflict", lambda: trust_file(t.db, path, actor="admin"))
    done = trust_file(t.db, path, actor="admin", replace=True)
    assert done.replaced == (fp(a),)
    with t.db.read_session() as s:
        peer = s.get(SyncPeer, a.id)
        assert peer is not None and peer.fingerprint == fp(a2) and peer.is_escrow
    assert _replacements(t)[0]["new"] == fp(a2)


def test_a_roster_entry_claiming_the_importers_own_unit_is_not_pinned(units: dict[str, Inst],
                                                                       tmp_path: Path) -> None:
    """A township that still lists another installation of this village (pinned before one key per unit)
    hands its reference data down: the village takes it, and not that key."""
    from mediation_desktop.storage.unit_of_work import UnitOfWork
    from mediation_desktop.sync.keys import peer_from_record

    t, a, a2 = units["t"], units["a"], units["a2"]
    with UnitOfWork(t.db, actor="admin", action="test.legacy_peer") as uow:
        uow.session.add(peer_from_record(peer_record(own_keys(a2.db).peer), "file"))
        uow.commit()
    reference = tmp_path / "reference.zip"
    export_reference(t.db, reference, actor="admin")
    a.import_(reference)
    peers = _peers(a)
    assert a2.id.hex not in peers and fp(t) in peers.values()
