"""A key speaks for its own unit only: a bundle signed by a pinned (or roster-vouched) key that says it comes from
another unit — another code, name, level or superior — is refused whole, whatever its records say.

石桥 (330102001) and 河口 (330102002) send to their township 城关 (330102), which forwards to the county 安吉.
Every hostile bundle here is intact and correctly signed by a real key: 石桥's own bundle whose manifest now names
another unit, signed again with 石桥's key. On SQLite and PostgreSQL.
"""

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
from mediation_desktop.sync.errors import SyncError
from mediation_desktop.sync.reference import export_reference


@pytest.fixture
def units(make_inst: Callable[..., Inst]) -> dict[str, Inst]:
    t = make_inst("城关", "330102", "township", "330100")
    a = make_inst("石桥", "330102001", "village", "330102")
    b = make_inst("河口", "330102002", "village", "330102")
    for x, y in ((t, a), (t, b), (a, t), (b, t)):
        x.trusts(y)
    a.register("张三", "李四")
    b.register("孙丽", "周强")
    return {"t": t, "a": a, "b": b}


def manifest_of(bundle: Path) -> dict[str, Any]:
    with zipfile.ZipFile(bundle) as zf:
        return dict(json.loads(zf.read("manifest.json")))


def claiming(sender: Inst, bundle: Path, out: Path, **source: Any) -> Path:
    """``bundle`` whose manifest's source says ``source``, signed again with ``sender``'s real key."""
    manifest = manifest_of(bundle)
    manifest["source"].update(source)
    data, sig = resign(sender.db, manifest)
    return rezip(bundle, out, change={"manifest.json": data, "manifest.sig": sig})


def refused(importer: Inst, bundle: Path, **kw: Any) -> SyncError:
    before = importer.state()
    with pytest.raises(SyncError) as err:
        importer.import_(bundle, **kw)
    assert err.value.key == "sync.speaks_for_other_unit", str(err.value)
    assert importer.state() == before
    for lang in ("zh", "en"):
        line = tr(err.value.key, lang, **err.value.params)
        assert "\n" not in line and bundle.name in line
    return err.value


CLAIMS = [
    {"org_code": "330102002", "org_name": "河口村人民调解委员会"},  # another village of the same township
    {"org_code": "330102002"},
    {"org_name": "河口村人民调解委员会"},
    {"org_code": "330102009", "org_name": "新塘村人民调解委员会"},  # a unit nobody has pinned
    {"level": "township"},
    {"parent_code": "330199"},
]


def test_a_pinned_key_cannot_speak_for_another_unit(units: dict[str, Inst], tmp_path: Path) -> None:
    t, a = units["t"], units["a"]
    bundle = a.export(encrypt=False)
    for i, claim in enumerate(CLAIMS):
        forged = claiming(a, bundle, tmp_path / f"forged-{i}.zip", **claim)
        for how in ({}, {"trust_new": True}, {"dry_run": True}):
            err = refused(t, forged, **how)
            assert (err.params["org_code"], err.params["org_name"]) == ("330102001", "石桥村人民调解委员会"), claim
    sealed = a.export()  # an encrypted bundle: its outer and inner manifests are both checked
    assert manifest_of(sealed)["kind"] == "sealed"
    refused(t, claiming(a, sealed, tmp_path / "forged-sealed.zip", org_code="330102002", org_name="河口村人民调解委员会"))
    assert t.import_(bundle).total("new") > 0  # 石桥's real bundle is still taken
    reference = tmp_path / "reference.zip"  # and down the tree: the township's roster and wording, as another town
    export_reference(t.db, reference, actor="admin")
    refused(a, claiming(t, reference, tmp_path / "reference-forged.zip", org_name="城西镇人民调解委员会"))
    assert a.import_(reference) is not None  # the real one is taken


def test_a_superior_set_after_the_key_was_pinned_is_not_a_claim(make_inst: Callable[..., Inst]) -> None:
    """A village set up before it knew its township's code was pinned with none; its bundles now name the
    township (the only change a unit's own record can see), and are taken."""
    t = make_inst("城关", "330102", "township", "330100")
    a = make_inst("石桥", "330102001", "village", None)
    a.trusts(t)
    t.trusts(a)
    a.register("张三", "李四")
    bundle = a.export(encrypt=False)
    forged = claiming(a, bundle, bundle.with_name("with-superior.zip"), parent_code="330102")
    assert t.import_(forged).total("new") > 0


def test_a_hubs_roster_vouches_for_a_key_as_its_own_unit_only(units: dict[str, Inst],
                                                             make_inst: Callable[..., Inst], tmp_path: Path) -> None:
    """The county knows only its township's key; a forwarded bundle's key is vouched for by the township's roster,
    for the unit the roster names. 石桥's forwarded bundle, made to say it comes from 河口 and signed again by
    石桥's key, inside the township's upward bundle signed again by the township's key: refused."""
    t, a = units["t"], units["a"]
    county = make_inst("安吉", "330100", "county", None)
    county.trusts(t)
    t.trusts(county)
    t.import_(a.export(encrypt=False))
    up = t.export(encrypt=False)
    outer = manifest_of(up)
    (entry,) = [f for f in outer["forwarded"] if f["source_installation_id"] == a.id.hex]
    member = entry["member"]
    with zipfile.ZipFile(up) as zf:
        inner_path = tmp_path / "inner.zip"
        inner_path.write_bytes(zf.read(member))
    forged_inner = claiming(a, inner_path, tmp_path / "inner-forged.zip", org_code="330102002",
                            org_name="河口村人民调解委员会").read_bytes()
    for m in outer["members"]:
        if m["name"] == member:
            m.update(sha256=hashlib.sha256(forged_inner).hexdigest(), size=len(forged_inner))
    data, sig = resign(t.db, outer)
    forged = rezip(up, tmp_path / "up-forged.zip", change={member: forged_inner, "manifest.json": data,
                                                           "manifest.sig": sig})
    err = refused(county, forged)
    assert err.params["org_code"] == "330102001"
    assert county.import_(up).total("new") > 0  # the real upward bundle is taken
