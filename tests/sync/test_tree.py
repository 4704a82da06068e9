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

import pytest
from sqlalchemy import func, select
from sync_helpers import Inst, dump_records

from mediation_desktop.i18n import tr
from mediation_desktop.services import cases
from mediation_desktop.services.search import search_case_ids
from mediation_desktop.storage.models import Case, Setting, SyncExport, SyncPeer
from mediation_desktop.sync.errors import SyncError
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


def _county_township_villages(make_inst: Callable[..., Inst]) -> tuple[Inst, Inst, Inst, Inst]:
    """A county, its township and two villages, each trusting the units next to it in the tree."""
    county = make_inst("安吉", "330100", "county", None)
    town = make_inst("城关", "330102", "township", "330100")
    v1 = make_inst("石桥", "330102001", "village", "330102")
    v2 = make_inst("河口", "330102002", "village", "330102")
    for a, b in ((town, v1), (town, v2), (v1, town), (v2, town), (county, town), (town, county)):
        a.trusts(b)
    return county, town, v1, v2


def test_two_villages_township_and_county(make_inst: Callable[..., Inst]) -> None:
    county, town, v1, v2 = _county_township_villages(make_inst)

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


def test_case_data_goes_up_only(make_inst: Callable[..., Inst]) -> None:
    """A village trusts its township (for reference data and receipts), but never takes in the township's
    bundle: it carries the township's own cases and every other village's, names and ID numbers included."""
    town = make_inst("城关", "330102", "township", "330100")
    v1 = make_inst("石桥", "330102001", "village", "330102")
    v2 = make_inst("河口", "330102002", "village", "330102")
    for v in (v1, v2):
        town.trusts(v)
        v.trusts(town)
    v1.register("张三", "李四")
    v2.register("王五", "赵六")
    town.import_(v1.export(), v2.export())
    town.register("吴刚", "郑华")
    down = town.export(encrypt=False)  # the township's upward bundle, forwarding both villages'
    before = v1.state()
    with pytest.raises(SyncError) as err:
        v1.import_(down)
    assert err.value.key == "sync.not_below" and v1.state() == before
    assert tr(err.value.key, "zh", **err.value.params).startswith(f"数据包“{down}”来自 城关镇人民调解委员会（330102，上级 330100），不是本单位的下级")
    with pytest.raises(SyncError) as err:  # nor a sibling's bundle
        v1.import_(v2.export(encrypt=False), trust_new=True)
    assert err.value.key == "sync.not_below" and v1.state() == before


def test_a_township_refuses_another_townships_village(make_inst: Callable[..., Inst]) -> None:
    town = make_inst("城关", "330102", "township", "330100")
    other = make_inst("外镇村", "330199001", "village", "330199")
    lost = make_inst("未设上级", "330102009", "village", None)  # set up before it knew the township's code
    town.trusts(other)
    town.trusts(lost)
    other.register("张三", "李四")
    lost.register("王五", "赵六")
    before = town.state()
    with pytest.raises(SyncError) as err:
        town.import_(other.export(encrypt=False))
    assert err.value.key == "sync.not_below" and err.value.params["parent_code"] == "330199"
    assert town.state() == before
    assert town.import_(lost.export(encrypt=False)).total("new") > 0


def test_a_forwarded_bundle_must_come_from_below_its_forwarder(make_inst: Callable[..., Inst]) -> None:
    county = make_inst("县", "330100", "county", None)
    town = make_inst("城关", "330102", "township", "330100")
    other = make_inst("外镇村", "330199001", "village", "330199")
    county.trusts(town)
    town.trusts(other)
    other.register("张三", "李四")
    with pytest.raises(SyncError):
        town.import_(other.export(encrypt=False))  # refused at the township: nothing to forward
    with pytest.raises(SyncError) as err:  # a forged roster cannot smuggle it in either: checked at the county
        from mediation_desktop.sync import verify

        verify.check_place(_verified(county, other.exports[-1]), {"org_code": "330102", "level": "township",
                                                                    "parent_code": "330100"})
    assert err.value.key == "sync.not_below"


def _verified(inst: Inst, path):
    from mediation_desktop.sync.keys import known_peers
    from mediation_desktop.sync.verify import Trust, verify_file

    return verify_file(path, Trust(own_keys(inst.db), known_peers(inst.db), trust_new=True))


def test_reference_data_comes_from_the_superior_only(make_inst: Callable[..., Inst]) -> None:
    town = make_inst("城关", "330102", "township", "330100")
    other_town = make_inst("外镇", "330199", "township", "330100")
    v1 = make_inst("石桥", "330102001", "village", "330102")
    out = town.folder.parent / "stick" / "ref-other.zip"
    out.parent.mkdir(exist_ok=True)
    export_reference(other_town.db, out, actor="admin")
    before = v1.state()
    with pytest.raises(SyncError) as err:
        v1.import_(out, trust_new=True)
    assert err.value.key == "sync.not_above" and v1.state() == before
    ref = town.folder.parent / "stick" / "ref-town.zip"
    export_reference(town.db, ref, actor="admin")
    assert v1.import_(ref, trust_new=True).bundles[0].kind == "reference"


def test_a_hubs_export_names_the_cases_it_forwards_and_the_county_says_who_vouched_for_the_villages(
        make_inst: Callable[..., Inst]) -> None:
    """A township with no case of its own forwards its villages' bundles: the export says how many case records from
    how many units it carries (it said 「0 件案件」), and the county, importing without --trust-new, says each village's
    key was trusted because the township's signed list vouched for it (it said 「已按 --trust-new 信任」)."""
    from mediation_desktop.sync.export import export_bundle

    county, town, v1, v2 = _county_township_villages(make_inst)
    v1.register("张三", "李四")
    v1.register("欧阳明", "王五")
    first = v1.export()
    v1.register("赵红", "钱军")
    v2.register("孙丽", "周强")
    town.import_(first, v1.export(), v2.export())
    out = town.folder.parent / "stick" / "up.zip"
    result = export_bundle(town.db, out, actor=town.actor.username)
    assert (result.cases, result.forwarded, result.forwarded_units, result.forwarded_case_records) == (0, 3, 2, 6)
    line = tr("sync.export_forwarded", units=result.forwarded_units, bundles=result.forwarded,
              cases=result.forwarded_case_records)
    assert "2 个单位" in line and "案件记录 6 条" in line  # (v1's second bundle carries its first two cases again)

    for dry_run in (True, False):
        summary = county.import_(out, dry_run=dry_run)
        trusted = [t for b in summary.bundles for t in b.trusted_new]
        assert sorted(t["org_code"] for t in trusted) == ["330102001", "330102002"]  # (v1's two bundles: said once)
        assert all(t["via_code"] == "330102" and t["via_name"] == "城关镇人民调解委员会" for t in trusted), trusted
    assert "--trust-new" not in tr("sync.trusted_vouched", **trusted[0])


@pytest.mark.parametrize("claimed_parent", [None, "330102"])
def test_a_township_cannot_speak_for_a_village_whose_code_is_not_below_its_own(
        make_inst: Callable[..., Inst], monkeypatch: pytest.MonkeyPatch, claimed_parent: str | None) -> None:
    """A key made for 柳湾村 (330103001, a village of 330103) naming no superior, or naming 330102 itself, imported at
    330102 and forwarded to the county with 330102's signed roster vouching for it: the county took it, pinned the key
    and counted its cases, and later refused the real 柳湾村's key. A village's code begins with its township's: the
    township refuses it at the door, and the county refuses a township's bundle that forwards it, whole."""
    from mediation_desktop.sync import verify

    county = make_inst("县", "330100", "county", None)
    town = make_inst("石桥", "330102", "township", "330100")
    mine = make_inst("石桥村", "330102001", "village", None)  # (set up before it knew its township's code)
    fake = make_inst("柳湾村", "330103001", "village", None)
    if claimed_parent is not None:  # (set-up refuses that pair: a key made by hand, as a forger would)
        from sqlalchemy import update

        from mediation_desktop.storage.models import Installation

        with fake.db.write_session() as s, s.begin():
            s.execute(update(Installation).values(parent_code=claimed_parent))
            s.execute(update(SyncPeer).where(SyncPeer.is_self.is_(True)).values(parent_code=claimed_parent))
    county.trusts(town)
    for village in (mine, fake):
        town.trusts(village)
        village.register("张三", "李四")
    with pytest.raises(SyncError) as err:
        town.import_(fake.export(encrypt=False))
    assert err.value.key == "sync.not_below"
    assert town.import_(mine.export(encrypt=False)).total("new") > 0  # (a village of its own, no superior named)
    with monkeypatch.context() as m:  # a township whose program lets it through (made by hand, or an old version)
        m.setattr(verify, "_code_below", lambda src, here: True)
        town.import_(fake.exports[-1])
    up = town.export()
    before = county.state()
    with pytest.raises(SyncError) as err:
        county.import_(up)
    assert err.value.key == "sync.not_its_unit" and "330103001" in tr(err.value.key, **err.value.params)
    assert county.state() == before
    with county.db.read_session() as s:
        assert s.scalar(select(SyncPeer).where(SyncPeer.org_code == "330103001")) is None


def test_a_village_that_names_no_superior_is_forwarded_to_the_county(make_inst: Callable[..., Inst]) -> None:
    """A village set up before it knew its township's code: the township took its bundles as from below, but never
    forwarded them (it forwarded the units naming it as superior only), so the county's figures missed the village."""
    county = make_inst("县", "330100", "county", None)
    town = make_inst("石桥", "330102", "township", "330100")
    village = make_inst("石桥村", "330102001", "village", None)
    county.trusts(town)
    town.trusts(village)
    case_id = village.register("张三", "李四")
    town.import_(village.export(encrypt=False))
    summary = county.import_(town.export())
    assert [b.source_org_code for b in summary.bundles if b.via] == ["330102001"]
    with county.db.read_session() as s:
        assert s.get(Case, case_id) is not None
        assert s.scalar(select(SyncPeer.trusted_how).where(SyncPeer.org_code == "330102001")) == "roster"


@pytest.mark.parametrize(("name", "content", "said"), [
    ("evil", {"title": "x"}, "no such document"),  # (a file no document reads, written into the data folder)
    ("agreement", {"titel": "人民调解协议书"}, "no such key"),
    ("agreement", {"title": {"text": "人民调解协议书"}}, "not a text"),
    ("notice", {"rights": "（一）……"}, "not a list of texts"),
])
def test_reference_wording_must_fit_the_programs_documents(make_inst: Callable[..., Inst], name: str,
                                                           content: dict, said: str) -> None:
    """A township's wording is laid over the shipped one key by key: a document the program does not have, a key it
    does not have, or a value of another shape (a group where a sentence belongs: the document could not be printed)
    refuses the reference bundle whole, before anything is written."""
    town = make_inst("城关", "330102", "township", "330100")
    v1 = make_inst("石桥", "330102001", "village", "330102")
    (town.folder / "documents").mkdir()
    (town.folder / "documents" / f"{name}.json").write_text(json.dumps(content, ensure_ascii=False),
                                                            encoding="utf-8")
    out = town.folder.parent / "stick" / "reference.zip"
    out.parent.mkdir(exist_ok=True)
    export_reference(town.db, out, actor="admin")
    before = v1.state()
    with pytest.raises(SyncError) as err:
        v1.import_(out, trust_new=True)
    assert err.value.key == "sync.bad_content" and said in err.value.params["detail"]
    assert v1.state() == before and not (v1.folder / "documents").exists()
