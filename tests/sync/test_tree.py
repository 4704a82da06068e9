"""Down and up the tree: reference data to the villages, original bundles forwarded to the county.

The scenario of the issue: two villages and a township and a county. Cases are created, edited,
agreed and followed up in both villages, exported in several bundles, imported in shuffled order at
the township (some twice), forwarded to the county: every installation ends with exactly the
expected records and versions, receipts close the loop, nothing is duplicated.
"""

from __future__ import annotations

import json
import random
import zipfile
from collections.abc import Callable

from sqlalchemy import func, select
from sync_helpers import Inst, dump_records

from mediation_desktop.services import cases
from mediation_desktop.services.search import search_case_ids
from mediation_desktop.storage.models import Case, Setting, SyncExport, SyncPeer
from mediation_desktop.sync.keys import own_keys
from mediation_desktop.sync.reference import export_reference


def test_reference_bundle_goes_down(make_inst: Callable[..., Inst]) -> None:
    town = make_inst("城关", "330102", "township", "330100")
    v1 = make_inst("石桥", "330102001", "village", "330102")
    v2 = make_inst("河口", "330102002", "village", "330102")
    town.trusts(v1)
    town.trusts(v2)
    (town.folder / "documents").mkdir()
    (town.folder / "documents" / "agreement.json").write_text(json.dumps({"title": "人民调解协议书（城关镇）"}),
                                                              encoding="utf-8")
    out = town.folder.parent / "stick" / "reference.zip"
    out.parent.mkdir(exist_ok=True)
    assert export_reference(town.db, out, actor="admin") == 2
    summary = v1.import_(out, trust_new=True)  # first contact: the village confirms the township's fingerprint
    assert summary.bundles[0].kind == "reference"
    with v1.db.read_session() as s:
        peers = {p.org_code: p for p in s.scalars(select(SyncPeer))}
        assert peers["330102"].trusted_how == "confirmed"
        assert peers["330102002"].trusted_how == "roster"
        assert s.get(Setting, "category_scheme") is not None
    assert json.loads((v1.folder / "documents" / "agreement.json").read_text(encoding="utf-8"))["title"].endswith("（城关镇）")
    # from now on the village's bundles are encrypted for the township by default
    v1.register("张三", "李四")
    with zipfile.ZipFile(v1.export()) as zf:
        assert "payload.bin" in zf.namelist()
    again = v1.import_(out)
    assert again.bundles[0].already_imported


def test_two_villages_township_and_county(make_inst: Callable[..., Inst]) -> None:
    county = make_inst("安吉", "330100", "county", None)
    town = make_inst("城关", "330102", "township", "330100")
    v1 = make_inst("石桥", "330102001", "village", "330102")
    v2 = make_inst("河口", "330102002", "village", "330102")
    for a, b in ((town, v1), (town, v2), (v1, town), (v2, town), (county, town), (town, county)):
        a.trusts(b)

    # village 1: three bundles, cases created, edited, agreed and followed up in between
    a1 = v1.register("张三", "李四")
    a2 = v1.register("欧阳明", "王五")
    b11 = v1.export()
    v1.mediate_and_agree(a1)
    cases.change_status(v1.db, v1.actor, a2, cases.CaseAction.MEDIATE)
    b12 = v1.export()
    v1.follow_up(a1)
    a3 = v1.register("赵红", "钱军")
    b13 = v1.export()
    # village 2: two bundles
    c1 = v2.register("孙丽", "周强")
    b21 = v2.export()
    v2.mediate_and_agree(c1)
    v2.follow_up(c1)
    b22 = v2.export()
    # the township's own case
    t1 = town.register("吴刚", "郑华")

    # shuffled, some twice, in two sittings
    order = [b13, b21, b11, b22, b12, b13, b21]
    random.Random(7).shuffle(order)
    town.import_(*order[:4])
    town.import_(*order[4:], b11)
    expected = _merge(_merge(dump_records(v1.db), dump_records(v2.db)),
                      dump_records(town.db, own_keys(town.db).peer.installation_id))
    assert dump_records(town.db) == expected  # every record, at the village's latest version, once
    with town.db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == 5
    assert search_case_ids(town.db, "欧阳明") and search_case_ids(town.db, "孙丽")

    # receipts close the loop: each village learns what arrived
    stick = town.folder.parent / "stick"
    for inst in (v1, v2):
        receipts = sorted(stick.glob(f"receipt-{own_keys(inst.db).peer.org_code}-*.zip"))
        inst.import_(*receipts)
        with inst.db.read_session() as s:
            acked = s.scalars(select(SyncExport).where(SyncExport.acknowledged_at.is_not(None))).all()
            assert len(acked) == len(inst.exports)
            assert all(e.receipt and e.receipt["rejected"] == [] for e in acked)
    # nothing new since the receipts: the next incremental export is empty
    with zipfile.ZipFile(v2.export(encrypt=False)) as zf:
        assert json.loads(zf.read("manifest.json"))["counts"]["mediation_case"] == 0

    # up the tree: the township forwards the villages' original bundles and adds its own
    up = town.export()
    summary = county.import_(up)
    forwarded = [b for b in summary.bundles if b.via]
    assert {b.source_org_code for b in forwarded} == {"330102001", "330102002"}
    assert len(forwarded) == 5  # every distinct village bundle, once
    assert dump_records(county.db) == dump_records(town.db)
    with county.db.read_session() as s:
        owners = dict(s.execute(select(Case.id, Case.owner_org_code)).all())
    assert owners[a1] == owners[a3] == "330102001" and owners[c1] == "330102002" and owners[t1] == "330102"
    # forwarding again changes nothing; the county keeps the villages' keys from the township's roster
    again = county.import_(town.export(full=True))
    assert again.total("new") == again.total("updated") == 0
    assert dump_records(county.db) == dump_records(town.db)
    with county.db.read_session() as s:
        assert s.get(SyncPeer, own_keys(v1.db).peer.installation_id).trusted_how == "roster"


def _merge(a: dict, b: dict) -> dict:
    return {t: {**a.get(t, {}), **b.get(t, {})} for t in set(a) | set(b)}


def test_what_came_down_is_not_sent_back_up(make_inst: Callable[..., Inst]) -> None:
    town = make_inst("城关", "330102", "township", "330100")
    v1 = make_inst("石桥", "330102001", "village", "330102")
    town.trusts(v1)
    v1.trusts(town)
    town.register("吴刚", "郑华")
    v1.import_(town.export(encrypt=False))  # the township's own cases, as read-only copies in the village
    v1.register("张三", "李四")
    up = v1.export()
    summary = town.import_(up)
    assert [b.via for b in summary.bundles] == [None]  # nothing forwarded back
    assert summary.total("new") > 0 and summary.total("rejected") == summary.total("conflict") == 0
    with v1.db.read_session() as s:
        owners = sorted(s.execute(select(Case.owner_org_code)).scalars())
    assert owners == ["330102", "330102001"]


def test_own_bundles_forwarded_back_are_skipped(make_inst: Callable[..., Inst]) -> None:
    town = make_inst("城关", "330102", "township", "330100")
    v1 = make_inst("石桥", "330102001", "village", "330102")
    town.trusts(v1)
    v1.trusts(town)
    v1.register("张三", "李四")
    town.import_(v1.export())
    town.register("吴刚", "郑华")
    summary = v1.import_(town.export(encrypt=False))  # carries the village's own bundle inside
    assert [b.source_org_code for b in summary.bundles] == ["330102"]
    assert summary.total("new") > 0
